"""Recorded, invertible edits: the one mechanism behind undo, autosave, the canvas and the room.

An operation applies a few primitive steps and returns them as a `Change`. Each step keeps the
index and the item it touched (a copy; for a replacement the item taken out and the one put in, which
nothing changes in place afterwards), so `change.inverse()` restores the model exactly (order
included) and applying the change again redoes it exactly. Views learn what happened from
`Change.touched()` instead of diffing the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ValidationError

from workshop.model import Collection, Meta, Position, Workshop


class OperationError(ValueError):
    """An edit the model refuses; the message is written for the person who asked for it."""


class Part(StrEnum):
    """What `Change.touched()` names besides the collections: the workshop's details and card positions."""

    META = "meta"
    POSITIONS = "positions"


@dataclass(frozen=True)
class Insert:
    collection: Collection
    index: int
    item: BaseModel


@dataclass(frozen=True)
class Delete:
    collection: Collection
    index: int
    item: BaseModel


@dataclass(frozen=True)
class Replace:
    collection: Collection
    index: int
    before: BaseModel
    after: BaseModel


@dataclass(frozen=True)
class SetMeta:
    before: Meta
    after: Meta


@dataclass(frozen=True)
class SetPosition:
    card_id: str
    before: Position | None
    after: Position | None


Step = Insert | Delete | Replace | SetMeta | SetPosition


def invert(step: Step) -> Step:
    if type(step) is SetPosition:  # most steps of a big change (Tidy): skip the pattern matching
        return SetPosition(step.card_id, step.after, step.before)
    match step:
        case Insert(collection, index, item):
            return Delete(collection, index, item)
        case Delete(collection, index, item):
            return Insert(collection, index, item)
        case Replace(collection, index, before, after):
            return Replace(collection, index, after, before)
        case SetMeta(before, after):
            return SetMeta(after, before)
        case SetPosition(card_id, before, after):
            return SetPosition(card_id, after, before)
    raise TypeError(step)


def apply_step(ws: Workshop, step: Step) -> None:
    """Carry out one step. An inserted item is copied in, so a record's item never becomes the live
    one twice over (redo after undo); a replacement goes in as it is: operations never change an item
    in place, they replace it (tests/workshop/test_items_never_change_in_place.py), and deep copies of
    both sides cost a phone's vote a third of the laptop's time per post in a burst."""
    match step:
        case Insert(collection, index, item):
            items = getattr(ws, collection)
            index = min(max(0, index + len(items) if index < 0 else index), len(items))  # where insert puts it
            items.insert(index, item.model_copy(deep=True))
            ws._ids.inserted(collection, items, index, item.id)
        case Delete(collection, index, item):
            items = getattr(ws, collection)
            if items[index].id != item.id:
                raise RuntimeError(f"undo record out of step: {collection}[{index}] is not {item.id}")
            del items[index]
            ws._ids.deleted(collection, items, index % (len(items) + 1), item.id)
        case Replace(collection, index, before, after):
            items = getattr(ws, collection)
            if items[index].id != before.id:
                raise RuntimeError(f"undo record out of step: {collection}[{index}] is not {before.id}")
            items[index] = after
            ws._ids.replaced(collection, items, index % len(items), before.id, after.id)
        case SetMeta(_, after):
            ws.meta = after.model_copy(deep=True)
        case SetPosition(card_id, _, after):
            if after is None:
                ws.positions.pop(card_id, None)
            else:
                ws.positions[card_id] = after.model_copy()


@dataclass(frozen=True)
class Change:
    """What one user action did, in the words its undo menu entry uses."""

    label: str
    steps: tuple[Step, ...]
    created_id: str | None = None
    """The id of the main thing the action created, so the caller can select or edit it."""
    note: str = ""
    """What the action did besides what was asked, in one sentence the caller shows (the board's
    status bar): "Sales is now recorded as an internal customer of IT." Empty for most actions."""

    def inverse(self) -> Change:
        """The change that undoes this one (made once: undo and redo of a 5,000-card Tidy ask often)."""
        cached = self.__dict__.get("_inverse")
        if cached is None:
            cached = Change(self.label, tuple(invert(s) for s in reversed(self.steps)), None)
            object.__setattr__(self, "_inverse", cached)
        return cached

    def apply(self, ws: Workshop) -> None:
        for step in self.steps:
            apply_step(ws, step)

    @property
    def is_empty(self) -> bool:
        return not self.steps

    def touched(self) -> dict[Collection | Part, set[str]]:
        """Ids touched per collection; `Part.META` and `Part.POSITIONS` appear as keys when they changed.

        The keys are string enums, so `touched()["goals"]` and `"positions" in touched()` work too.
        Worked out once (every view asks, and a Tidy has thousands of steps); each caller gets its own copy.
        """
        cached = self.__dict__.get("_touched")
        if cached is None:
            cached = self._touched()
            object.__setattr__(self, "_touched", cached)
        return {key: set(ids) for key, ids in cached.items()}

    def _touched(self) -> dict[Collection | Part, set[str]]:
        out: dict[Collection | Part, set[str]] = {}
        for step in self.steps:
            match step:
                case Insert(collection, _, item) | Delete(collection, _, item):
                    out.setdefault(collection, set()).add(item.id)
                case Replace(collection, _, before, _):
                    out.setdefault(collection, set()).add(before.id)
                case SetMeta():
                    out.setdefault(Part.META, set())
                case SetPosition(card_id, _, _):
                    out.setdefault(Part.POSITIONS, set()).add(card_id)
        return out

    def structural(self) -> bool:
        """True when anything but card positions changed (positions do not affect the analysis)."""
        return any(not isinstance(s, SetPosition) for s in self.steps)


@dataclass
class Recorder:
    """Applies steps as an operation goes and rolls them all back if the operation fails half-way."""

    ws: Workshop
    label: str
    steps: list[Step] = field(default_factory=list)
    created_id: str | None = None

    def _do(self, step: Step) -> None:
        apply_step(self.ws, step)
        self.steps.append(step)

    def insert(self, collection: Collection, item: BaseModel, index: int | None = None) -> None:
        items = getattr(self.ws, collection)
        position = len(items) if index is None else max(0, min(index, len(items)))
        self._do(Insert(collection, position, item.model_copy(deep=True)))

    def delete(self, collection: Collection, item_id: str) -> BaseModel:
        index = self.ws.index_of(collection, item_id)
        if index < 0:
            raise OperationError(f"Nothing with id '{item_id}' in {collection}.")
        item = getattr(self.ws, collection)[index]
        self._do(Delete(collection, index, item.model_copy(deep=True)))
        return item

    def replace(self, collection: Collection, item_id: str, **changes: Any) -> BaseModel:
        """Swap in an updated copy validated as a whole, so a bad field never half-applies."""
        index = self.ws.index_of(collection, item_id)
        if index < 0:
            raise OperationError(f"Nothing with id '{item_id}' in {collection}.")
        before = getattr(self.ws, collection)[index]
        data = before.model_dump()
        data.update(changes)
        after = validated(type(before), data)
        if after != before:
            self._do(Replace(collection, index, before, after))
        return after

    def set_meta(self, **changes: Any) -> None:
        data = self.ws.meta.model_dump()
        data.update(changes)
        after = validated(Meta, data)
        if after != self.ws.meta:
            self._do(SetMeta(self.ws.meta.model_copy(deep=True), after))

    def set_position(self, card_id: str, position: Position | None) -> None:
        before = self.ws.positions.get(card_id)
        if before != position:
            self._do(SetPosition(card_id, None if before is None else before.model_copy(), position))

    def rollback(self) -> None:
        for step in reversed(self.steps):
            apply_step(self.ws, invert(step))
        self.steps.clear()

    def change(self) -> Change:
        return Change(self.label, tuple(self.steps), self.created_id)


@contextmanager
def recording(ws: Workshop, label: str) -> Iterator[Recorder]:
    """Run an operation's steps; on any error undo what was done and re-raise."""
    recorder = Recorder(ws, label)
    try:
        yield recorder
    except BaseException:
        recorder.rollback()
        raise


def validated(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """Validate data for a model, turning pydantic's report into one sentence a user can read."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or model.__name__
        if first["type"] == "string_too_long":  # a paste far too long for a card: say it in the room's words
            limit = first.get("ctx", {}).get("max_length", 0)
            raise OperationError(
                f"That text is {len(str(first['input'])):,} characters long; at most {limit:,} fit here."
            ) from None
        raise OperationError(f"{where}: {first['msg']}") from None
