"""Where each id sits in its collection: O(1) look-ups for `Workshop.find` and `Workshop.index_of`.

A look-up by id used to scan the list, so every batch edit (Tidy moving 5,000 cards, removing many
goals) was quadratic. This index maps id -> position per collection and is a cache, never state:

- It belongs to one list object and knows its length. When a collection's list is replaced (a load,
  `model_copy(update=...)`, an assignment) or changes length behind its back (a test appending to it),
  the next look-up rebuilds it from the list.
- The steps that edit a collection (`workshop.changes.apply_step`: insert, delete, replace; undo,
  redo and rollback all go through it) keep it in step in O(1). Positions after an insert or delete
  in the middle shift: they are marked stale from there and repaired on the next look-up that needs
  one, so a batch of edits with no look-up in between (an undo) costs one repair, not one per step.
- Every answer is checked against the list (`items[position].id == item_id`) before it is given, so
  a stale position is repaired, never returned.
- A collection holding an id twice (a file the integrity check refuses, a test) is searched linearly,
  first match first, exactly as before.

Copies of a workshop never share an index (`Workshop.__copy__` / `__deepcopy__` give each its own),
and two workshops compare equal whatever their indexes hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PROBE = 48
"""A position at most this many edits old is looked for nearby (each insert or delete before an item
moves it by one) instead of repairing every later position: removing many goals, one look-up each."""


class _Entry:
    __slots__ = ("items", "length", "linear", "positions", "shifts", "stale_from")

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = items
        self.length = len(items)
        self.positions: dict[str, int] = {}
        self.stale_from = self.length
        self.shifts = 0
        """Inserts and deletes before the end since positions were last all right."""
        self.linear = False
        positions = self.positions
        for index, item in enumerate(items):
            positions[item.id] = index
        if len(positions) != self.length:  # an id given twice: search linearly, first match wins
            self.linear = True
            positions.clear()

    def repair(self, start: int) -> None:
        items, positions = self.items, self.positions
        for index in range(start, len(items)):
            positions[items[index].id] = index
        self.stale_from = len(items)
        self.shifts = 0

    def probe(self, index: int, item_id: str) -> int:
        """Where the item stored at `index` went, looking no further than the edits since could move it."""
        items = self.items
        for distance in range(1, self.shifts + 1):
            for candidate in (index - distance, index + distance):
                if 0 <= candidate < len(items) and items[candidate].id == item_id:
                    self.positions[item_id] = candidate
                    return candidate
        return -1


class IdIndex:
    """Id -> position per collection of one workshop (see the module docstring)."""

    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __eq__(self, other: object) -> bool:
        # A cache is no part of a workshop's value: pydantic compares private attributes too.
        return isinstance(other, IdIndex)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdIndex({sorted(self._entries)})"

    def clear(self) -> None:
        self._entries.clear()

    def _entry(self, collection: str, items: Sequence[Any]) -> _Entry:
        entry = self._entries.get(collection)
        if entry is None or entry.items is not items or entry.length != len(items):
            entry = _Entry(items)
            self._entries[collection] = entry
        return entry

    def position(self, collection: str, items: Sequence[Any], item_id: str) -> int:
        """Index of the item with this id in `items` (the collection's list); -1 when absent."""
        entry = self._entry(collection, items)
        if entry.linear:
            for index, item in enumerate(items):
                if item.id == item_id:
                    return index
            return -1
        index = entry.positions.get(item_id)
        if index is None:
            return -1
        if index < len(items) and items[index].id == item_id:
            return index
        if index < entry.stale_from:  # a position that should be right is not: rebuild everything
            entry = _Entry(items)
            self._entries[collection] = entry
            return self.position(collection, items, item_id)
        if entry.shifts <= PROBE:
            found = entry.probe(index, item_id)
            if found >= 0:
                return found
        entry.repair(entry.stale_from)
        index = entry.positions.get(item_id, -1)
        if 0 <= index < len(items) and items[index].id == item_id:
            return index
        entry.positions.pop(item_id, None)  # an id no longer in the list
        return -1

    # --- kept in step by the steps that edit a collection (workshop.changes.apply_step) -----------

    def _live(self, collection: str, items: Sequence[Any], length_before: int) -> _Entry | None:
        """The entry if it followed the list up to this edit; otherwise forget it (rebuilt when asked)."""
        entry = self._entries.get(collection)
        if entry is None:
            return None
        if entry.items is not items or entry.length != length_before or entry.linear:
            del self._entries[collection]
            return None
        return entry

    def inserted(self, collection: str, items: Sequence[Any], index: int, item_id: str) -> None:
        """`items` now holds the item with `item_id` at `index`."""
        entry = self._live(collection, items, len(items) - 1)
        if entry is None:
            return
        if item_id in entry.positions:  # the id is now there twice
            del self._entries[collection]
            return
        entry.positions[item_id] = index
        entry.length += 1
        if index < entry.length - 1:
            entry.stale_from = min(entry.stale_from, index)
            entry.shifts += 1

    def deleted(self, collection: str, items: Sequence[Any], index: int, item_id: str) -> None:
        """The item with `item_id` was taken out of `items` at `index`."""
        entry = self._live(collection, items, len(items) + 1)
        if entry is None:
            return
        entry.positions.pop(item_id, None)
        entry.length -= 1
        if index < entry.length:
            entry.stale_from = min(entry.stale_from, index)
            entry.shifts += 1

    def replaced(self, collection: str, items: Sequence[Any], index: int, before_id: str, after_id: str) -> None:
        """The item at `index` was swapped for another (normally with the same id)."""
        if before_id == after_id:
            return
        entry = self._live(collection, items, len(items))
        if entry is None:
            return
        if after_id in entry.positions:
            del self._entries[collection]
            return
        entry.positions.pop(before_id, None)
        entry.positions[after_id] = index
