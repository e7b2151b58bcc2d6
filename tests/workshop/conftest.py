"""Set-ups the domain tests share: the demo workshop, a .via file of a workshop, and the small room that the
analysis tests grow rule by rule. Each test gets fresh ones, so what one test changes no other test sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from workshop import examples, ops, storage
from workshop.model import Workshop


@pytest.fixture
def demo() -> Workshop:
    """The bundled demo (customer loyalty), a copy of its own for this test."""
    return examples.build("customer-loyalty")


@pytest.fixture
def via_file(tmp_path: Path) -> Callable[..., Path]:
    """Saves a workshop in this test's own folder: `via_file(ws, "name.via")` returns the path."""

    def save(ws: Workshop, name: str = "room.via") -> Path:
        path = tmp_path / name
        storage.save(ws, path)
        return path

    return save


@pytest.fixture
def demo_file(via_file, demo) -> Path:
    """The demo saved as demo.via in this test's own folder."""
    return via_file(demo, "demo.via")


@pytest.fixture
def small_room() -> Callable[[], Workshop]:
    """Builds the start of the analysis tests' rooms: the strategic goal "Increase customer loyalty" (g-loyal),
    Sales (f-sales, customer-facing) and IT (f-it, support), nothing linked yet. Each file adds what its rules
    need; call it again for a second, separate room."""

    def build() -> Workshop:
        ws = Workshop()
        ops.add_goal(ws, "Increase customer loyalty", id="g-loyal")
        ops.add_function(ws, "Sales", "customer_facing", id="f-sales")
        ops.add_function(ws, "IT", "support", id="f-it")
        return ws

    return build
