"""The room's posts stay off the facilitator's undo stack, and the facilitator's undo and redo stay
exact around them: a random mix of phones posting and voting and the facilitator deciding, undoing
and redoing never puts an undo record out of step, and undoing all of the facilitator's steps leaves
every post the phones made."""

from __future__ import annotations

import random

import pytest

from ui.document import Document
from workshop import user_ops
from workshop.examples import customer_loyalty
from workshop.model import Collection, SuggestionStatus

PHONES = [f"phone-{n:04d}" for n in range(6)]


def _pending(document: Document) -> list[str]:
    return [s.id for s in document.workshop.suggestions if s.status == SuggestionStatus.PENDING]


def _phone_step(document: Document, rng: random.Random, made: set[str]) -> None:
    phone = rng.choice(PHONES)
    roll = rng.random()
    pending = _pending(document)
    if roll < 0.35 or not pending:
        outcome = document.run_for_room(user_ops.suggest_goal_as, f"Idea {rng.random():.6f}", None, participant=phone)
    elif roll < 0.5:
        outcome = document.run_for_room(user_ops.disclose, "hindrance", f"Hindered {rng.random():.6f}", None)
    elif roll < 0.8:
        outcome = document.run_for_room(user_ops.vote_as, rng.choice(pending), phone)
    else:
        outcome = document.run_for_room(user_ops.unvote_as, rng.choice(pending), phone)
    if outcome.created_id:
        made.add(outcome.created_id)


def _facilitator_step(document: Document, rng: random.Random) -> None:
    pending = _pending(document)
    stack = document.undo_stack
    roll = rng.random()
    if roll < 0.2 and stack.canUndo():
        stack.undo()
    elif roll < 0.3 and stack.canRedo():
        stack.redo()
    elif pending and roll < 0.45:
        document.run(user_ops.reject_suggestion, rng.choice(pending))
    elif pending and roll < 0.55:
        document.run(user_ops.set_hidden, rng.choice(pending), True)
    elif len(pending) >= 2 and roll < 0.65:
        keep, duplicate = rng.sample(pending, 2)
        document.run(user_ops.merge_suggestions, keep, duplicate)
    elif roll < 0.75:
        document.run(user_ops.remove_participant_posts, rng.choice(PHONES))
    elif pending and roll < 0.85:
        document.run(user_ops.vote, rng.choice(pending))
    else:
        document.run(user_ops.suggest_goal, f"Desk idea {rng.random():.6f}", None)


@pytest.mark.parametrize("seed", range(8))
def test_phones_and_the_facilitator_interleaved_keep_undo_exact(qtbot, seed: int) -> None:
    rng = random.Random(seed)
    document = Document(customer_loyalty())
    made: set[str] = set()
    for _ in range(300):
        if rng.random() < 0.6:
            _phone_step(document, rng, made)
        else:
            _facilitator_step(document, rng)
        for collection in (Collection.SUGGESTIONS, Collection.DISCLOSURES):
            items = getattr(document.workshop, collection)
            assert all(document.workshop.index_of(collection, item.id) == i for i, item in enumerate(items))
            assert all(len(set(item.voters)) == len(item.voters) <= item.votes for item in items)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    ids = {s.id for s in document.workshop.suggestions} | {d.id for d in document.workshop.disclosures}
    assert made <= ids  # nothing a phone posted was taken back by the facilitator's undo
    start = customer_loyalty()
    assert {s.id for s in start.suggestions} <= ids
    assert document.is_modified()


def test_saving_keeps_the_room_posts_and_clears_the_unsaved_mark(qtbot) -> None:
    document = Document(customer_loyalty())
    changes = []
    document.modifiedChanged.connect(changes.append)
    document.run_for_room(user_ops.suggest_goal_as, "Quotes within a day", None, participant=PHONES[0])
    assert document.is_modified() and changes == [True] and not document.undo_stack.canUndo()
    document.mark_saved()
    assert not document.is_modified() and changes == [True, False]


def _suggestion(document: Document, sid: str):
    return document.workshop.find(Collection.SUGGESTIONS, sid)


def test_undoing_and_redoing_a_merge_keeps_the_votes_the_room_gave_in_between(qtbot) -> None:
    """Merge two suggestions, the room votes on the one kept (and one phone takes its vote back),
    Ctrl+Z: the merged-in votes go back to the duplicate, the room's votes stay where they were given."""
    document = Document(customer_loyalty())
    keep = document.run_for_room(user_ops.suggest_goal_as, "Quotes in a day", None, participant="phone-a").created_id
    duplicate = document.run_for_room(user_ops.suggest_goal_as, "Quote in 24 h", None, participant="phone-b").created_id
    document.run_for_room(user_ops.vote_as, keep, "phone-c")
    document.run_for_room(user_ops.vote_as, duplicate, "phone-d")
    document.run(user_ops.merge_suggestions, keep, duplicate)
    assert _suggestion(document, keep).voters == ["phone-c", "phone-d", "phone-b"]
    document.run_for_room(user_ops.vote_as, keep, "phone-e")  # the room goes on voting
    document.run_for_room(user_ops.unvote_as, keep, "phone-c")

    document.undo_stack.undo()
    kept, back = _suggestion(document, keep), _suggestion(document, duplicate)
    assert kept.voters == ["phone-e"] and kept.votes == 1
    assert back.status == SuggestionStatus.PENDING and back.voters == ["phone-d"] and back.votes == 1

    document.undo_stack.redo()
    kept = _suggestion(document, keep)
    assert kept.voters == ["phone-d", "phone-b", "phone-e"] and kept.votes == 3
    assert _suggestion(document, duplicate).merged_into == keep


def test_undoing_a_vote_at_the_desk_keeps_the_phones_votes_given_after_it(qtbot) -> None:
    document = Document(customer_loyalty())
    sid = document.run_for_room(user_ops.suggest_goal_as, "Quotes within a day", None, participant="phone-a").created_id
    document.run(user_ops.vote, sid)  # a show of hands counted at the laptop
    document.run_for_room(user_ops.vote_as, sid, "phone-b")
    document.undo_stack.undo()
    assert _suggestion(document, sid).voters == ["phone-b"] and _suggestion(document, sid).votes == 1
    document.undo_stack.redo()
    assert _suggestion(document, sid).voters == ["phone-b"] and _suggestion(document, sid).votes == 2
