"""Stepwise work: each layout stage is a generator, so Tidy on a big board runs between the window's
events; these run one stage to its end, or inside another stage, without writing the loop again."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any, TypeVar

Result = TypeVar("Result")
Step = TypeVar("Step")
Shown = TypeVar("Shown")


def finish(steps: Generator[Any, None, Result]) -> Result:
    """Run every step at once and return what the work returns (no window waiting in between)."""
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def relay(steps: Generator[Step, None, Result], shown: Callable[[Step], Shown]) -> Generator[Shown, None, Result]:
    """Run `steps` inside an outer stage: after each of its steps the outer one yields `shown(step)`
    (its own share of the progress, or None), and gets the work's result back."""
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            return finished.value
        yield shown(step)


def unshown(_step: object) -> None:
    """For `relay` in a stage whose own steps carry no progress figure (they only let the window in)."""
    return None
