"""Undo and redo of the facilitator's steps keep the votes the phones gave in between.

A phone's vote is not on the facilitator's undo stack (`Document.run_for_room`), so between a step
and its undo the phones may have voted for, or taken back their vote from, the very suggestion the
step replaced. A replacement's record holds the whole item as it was and as it became; putting it
back as recorded would silently drop those votes (merge two suggestions, the room votes for the one
kept, Ctrl+Z: the room's votes were gone). Here a replacement is adjusted to the item as it is now:
the voters the phones added or removed since are added to or removed from what the step puts in.

Phones change nothing but `voters` (and the count that goes with it) of items already there, so
any other difference between the record and the item is left alone: the record is applied as it is.
"""

from __future__ import annotations

from pydantic import BaseModel

from workshop.changes import Change, Replace, Step
from workshop.model import Collection, Workshop

VOTED_ON = (Collection.SUGGESTIONS, Collection.DISCLOSURES)
"""The collections phones vote in."""


def keeping_phone_votes(ws: Workshop, change: Change) -> Change:
    """`change`, its replacements of voted items adjusted to the votes given since it was recorded;
    the change itself when there is nothing to adjust (the usual case: no vote in between)."""
    now: dict[tuple[str, str], BaseModel] = {}
    steps: list[Step] = []
    adjusted = False
    for step in change.steps:
        if isinstance(step, Replace) and step.collection in VOTED_ON:
            key = (step.collection, step.before.id)
            current = now.get(key) or ws.find(step.collection, step.before.id)
            if current is not None and current is not step.before:
                rebased = _with_votes_since(step.before, current, step.after)
                if rebased is not None:
                    step = Replace(step.collection, step.index, current, rebased)
                    adjusted = True
            now[key] = step.after
        steps.append(step)
    if not adjusted:
        return change
    return Change(change.label, tuple(steps), change.created_id, change.note)


def _with_votes_since(expected: BaseModel, current: BaseModel, after: BaseModel) -> BaseModel | None:
    """`after` with the voters that `current` gained or lost against `expected`; None when `current`
    differs from `expected` in more than its votes (not the phones' doing: the record stands)."""
    voters_then: list[str] = expected.voters  # type: ignore[attr-defined]
    voters_now: list[str] = current.voters  # type: ignore[attr-defined]
    if voters_then == voters_now:
        return None
    if expected.model_copy(update={"voters": voters_now, "votes": current.votes}) != current:  # type: ignore[attr-defined]
        return None
    gained = [v for v in voters_now if v not in set(voters_then)]
    lost = set(voters_then) - set(voters_now)
    voters_after: list[str] = after.voters  # type: ignore[attr-defined]
    kept = [v for v in voters_after if v not in lost]
    voters = kept + [v for v in gained if v not in set(kept)]
    laptop_votes = max(0, after.votes - len(voters_after))  # type: ignore[attr-defined]
    return after.model_copy(update={"voters": voters, "votes": laptop_votes + len(voters)})
