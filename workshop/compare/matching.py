"""Which item of the older workshop is which item of the newer one.

Two files of "the same" workshop come in two ways: the same file saved again (every id kept), or a
workshop made afresh for the next session (every id new, the texts mostly the same). So items are
paired in passes, each pass only among what the earlier passes left:

1. by id: an id both files hold is the same item, whatever its text became;
2. goals only: by normalised text within the same function (the old goal's function, itself
   matched), so "Reduce churn" of Sales pairs with Sales's, not Support's;
3. by normalised text alone (a goal that moved to another function; a function by its name).

Normalised text is casefolded with whitespace collapsed: "Fill  posts in 30 days" and "fill posts
in 30 days" are one goal. An empty text matches nothing. Duplicates pair in file order: the first
old "Reduce cost" with the first new one, the second with the second; what is left over on either
side is removed or added. Every pass is one dict build and one walk, so 5,000 goals pair in
milliseconds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from workshop.model import Function, Goal

T = TypeVar("T")


def normalise(text: str) -> str:
    """The form two texts are compared in: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


@dataclass
class Pairing:
    """Old id -> new id for the items paired, and how many pairs each way found."""

    old_to_new: dict[str, str] = field(default_factory=dict)
    by_id: int = 0
    by_text: int = 0

    def new_to_old(self) -> dict[str, str]:
        return {new: old for old, new in self.old_to_new.items()}


def _pair_by_key(
    old: Iterable[T], new: Iterable[T], key: Callable[[T, bool], Hashable | None], pairing: Pairing
) -> int:
    """Pair the not yet paired items whose keys are equal, duplicates in file order; returns how many.

    `key(item, is_old)` gives None for an item that must not be paired this way."""
    taken = set(pairing.old_to_new.values())
    waiting: dict[Hashable, deque[str]] = {}
    for item in new:
        item_id = item.id  # type: ignore[attr-defined]
        if item_id in taken:
            continue
        k = key(item, False)
        if k is not None:
            waiting.setdefault(k, deque()).append(item_id)
    found = 0
    for item in old:
        item_id = item.id  # type: ignore[attr-defined]
        if item_id in pairing.old_to_new:
            continue
        k = key(item, True)
        queue = waiting.get(k) if k is not None else None
        if queue:
            pairing.old_to_new[item_id] = queue.popleft()
            found += 1
    return found


def _pair_by_id(old: list[T], new: list[T], pairing: Pairing) -> None:
    new_ids = {item.id for item in new}  # type: ignore[attr-defined]
    for item in old:
        if item.id in new_ids:  # type: ignore[attr-defined]
            pairing.old_to_new[item.id] = item.id  # type: ignore[attr-defined]
            pairing.by_id += 1


def pair_functions(old: list[Function], new: list[Function]) -> Pairing:
    pairing = Pairing()
    _pair_by_id(old, new, pairing)
    pairing.by_text += _pair_by_key(old, new, lambda f, _old: normalise(f.name) or None, pairing)
    return pairing


def pair_goals(old: list[Goal], new: list[Goal], functions: Pairing) -> Pairing:
    """Goals by id, then by text within the (matched) same function, then by text alone."""
    pairing = Pairing()
    _pair_by_id(old, new, pairing)
    unknown = object()  # an old goal whose function has no match: never "the same function"
    fmap = functions.old_to_new

    def in_function(goal: Goal, is_old: bool) -> Hashable | None:
        text = normalise(goal.text)
        if not text:
            return None
        owner = goal.function_id
        if is_old and owner is not None:
            owner = fmap.get(owner, unknown)  # type: ignore[arg-type]
        return (owner, text)

    pairing.by_text += _pair_by_key(old, new, in_function, pairing)
    pairing.by_text += _pair_by_key(old, new, lambda g, _old: normalise(g.text) or None, pairing)
    return pairing
