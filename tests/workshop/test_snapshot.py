"""A snapshot (what a report export and Tidy read on their own) keeps the workshop as it was while the
room goes on editing: every kind of edit afterwards leaves it exactly as taken."""

from __future__ import annotations

from workshop import ops, user_ops
from workshop.examples import customer_loyalty


def test_a_snapshot_does_not_follow_the_edits_made_after_it() -> None:
    ws = customer_loyalty()
    snapshot = ws.snapshot()
    as_taken = ws.model_copy(deep=True)
    goal, link, suggestion = ws.goals[3], ws.links[0], ws.suggestions[0]

    ops.update_goal(ws, goal.id, text="Retitled after the snapshot")
    ops.set_meta(ws, title="Another title")
    ops.move_cards(ws, {goal.id: (12.0, 34.0)})
    ops.unlink(ws, link.id)
    ops.vote(ws, suggestion.id)
    user_ops.vote_as(ws, suggestion.id, "phone-000001")
    ops.add_goal(ws, "A goal added after", "f-it")
    ops.remove_goals(ws, [ws.goals[0].id])
    user_ops.disclose(ws, "hindrance", "Said after the snapshot", None)

    assert snapshot == as_taken
    assert snapshot.find("goals", goal.id).text == goal.text  # its own id index, not the live one's
    assert ws.find("goals", goal.id).text == "Retitled after the snapshot"
