"""A long random run of edits, undos and redos: after every step the board shows exactly the model."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF

from ui.canvas import BoardView
from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LinkItem
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.geometry import band_at, clamp_to_band
from workshop.model import LinkKind, SuggestionStatus


def scene_state(view: BoardView) -> tuple:
    scene = view.board_scene
    cards = {i.card_id: (i.content.text, i.content.header, i.pos()) for i in scene.items() if isinstance(i, CardItem)}
    links = {i.link_id: (i.source.card_id, i.target.card_id, i.style) for i in scene.items() if isinstance(i, LinkItem)}
    return cards, links


def check(view: BoardView) -> None:
    ws = view.document.workshop
    cards, links = scene_state(view)
    assert set(cards) == {g.id for g in ws.goals} | {k.id for k in ws.kpis}
    pending = {s.id for s in ws.suggestions if s.kind == "link" and s.status == SuggestionStatus.PENDING}
    assert set(links) == {lk.id for lk in ws.links} | pending
    for link in ws.links:
        assert links[link.id][:2] == (link.source, link.target)
        if link.kind == LinkKind.DIRECT_IMPACT:
            expected = "direct"
        else:
            expected = "around" if ops.is_around_link(ws, link.source, link.target) else "plain"
        assert links[link.id][2] == expected
    for goal in ws.goals:
        assert cards[goal.id][0] == goal.text
    for card_id, position in ws.positions.items():
        assert cards[card_id][2] == QPointF(position.x, position.y)
    for card_id, (_, _, pos) in cards.items():
        # placed or not, every card is drawn in the band of its level
        assert band_at(pos.y()) == ws.band_of_card(card_id), card_id


def random_edit(rng: random.Random, document: Document) -> None:
    ws = document.workshop
    goals = [g.id for g in ws.goals]
    functions = [f.id for f in ws.functions]
    roll = rng.random()
    if roll < 0.2 or not goals:
        document.run(ops.add_goal, f"Goal {rng.randint(0, 999)}", rng.choice([None, *functions]))
    elif roll < 0.4 and len(goals) > 1:
        document.run(ops.link, rng.choice(goals), rng.choice(goals))
    elif roll < 0.5 and ws.links:
        document.run(ops.unlink, rng.choice(ws.links).id)
    elif roll < 0.6:
        document.run(ops.remove_goals, rng.sample(goals, min(len(goals), rng.randint(1, 2))))
    elif roll < 0.7:
        document.run(ops.update_goal, rng.choice(goals), text=f"Text {rng.randint(0, 99)}")
    elif roll < 0.75:
        goal_id = rng.choice(goals)
        y = clamp_to_band(ws.band_of_card(goal_id), rng.uniform(0, 1200))  # as a drag does
        document.run(ops.move_cards, {goal_id: (rng.uniform(-500, 3000), y)})
    elif roll < 0.8:
        document.run(ops.update_goal, rng.choice(goals), function_id=rng.choice([None, *functions]))
    elif roll < 0.85 and functions:
        document.run(ops.update_function, rng.choice(functions), kind=rng.choice(["support", "customer_facing"]))
    elif roll < 0.9 and len(goals) > 1:
        document.run(ops.suggest_link, rng.choice(goals), rng.choice(goals), author="P")
    elif roll < 0.93 and ws.links:
        document.run(ops.update_link, rng.choice(ws.links).id, kind=rng.choice(["direct_impact", "contributes"]))
    else:
        pending = [s.id for s in ws.suggestions if s.status == SuggestionStatus.PENDING]
        if pending:
            decide = ops.accept_suggestion if rng.random() < 0.5 else ops.reject_suggestion
            document.run(decide, rng.choice(pending))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_undo_and_redo_keep_the_board_in_step(qtbot, seed):
    rng = random.Random(seed)
    view = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(view)
    document = view.document
    start = document.workshop.model_dump()
    for _ in range(80):
        action = rng.random()
        if action < 0.7:
            random_edit(rng, document)
        elif action < 0.85:
            document.undo_stack.undo()
        else:
            document.undo_stack.redo()
        check(view)
    view.viewport().grab()
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.workshop.model_dump() == start
    check(view)
