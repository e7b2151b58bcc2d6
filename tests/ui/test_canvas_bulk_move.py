"""Tidy, its undo and redo on a big board: the cards follow in slices with the scene's index set aside,
links follow, every card ends where the model says, and the index is back afterwards.

Only what a person can observe is asserted (where cards and links end up, what the undo stack holds);
how long it takes is for benchmarks/bench_responsive.py.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsScene

from ui.canvas import BoardView
from ui.canvas.scene import BULK_MOVE
from ui.document import Document
from workshop.layout import tidy
from workshop.model import Position
from workshop.synthetic import generate


def big_view(qtbot, goals: int = 400) -> BoardView:
    ws = generate(goals, seed=4)
    rng = random.Random(2)
    ws.positions = {card_id: Position(x=x + rng.uniform(-400, 400), y=y) for card_id, (x, y) in tidy(ws).items()}
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def tidy_now(view: BoardView, qtbot) -> None:
    """Tidy, and wait until a big board's layout is worked out and recorded (TidyJob)."""
    view.tidy()
    qtbot.waitUntil(lambda: not view.tidying(), timeout=20_000)


def assert_board_follows_model(view: BoardView) -> None:
    scene = view.board_scene
    ws = view.document.workshop
    for card_id, position in ws.positions.items():
        item = scene.card(card_id)
        assert (item.x(), item.y()) == (position.x, position.y), card_id
    for link_id, item in scene.links().items():
        source, target = item.source.scene_card_rect(), item.target.scene_card_rect()
        line = item.line()
        # the line runs edge to edge between its cards: each end on (or just within) its card's rectangle
        assert source.adjusted(-1, -1, 1, 1).contains(line.p1()), link_id
        assert target.adjusted(-1, -1, 1, 1).contains(line.p2()), link_id
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex


def test_tidy_then_undo_and_redo_of_a_big_board_end_with_every_card_and_link_in_place(qtbot):
    view = big_view(qtbot)
    scene = view.board_scene
    tidy_now(view, qtbot)
    moved = len(view.document.undo_stack.command(0).change.steps)
    assert moved >= BULK_MOVE
    assert not view.animating()  # thousands of gliding cards would stutter: a big board jumps
    qtbot.waitUntil(lambda: not scene.moving())
    assert_board_follows_model(view)
    view.document.undo_stack.undo()
    view.document.undo_stack.redo()  # a second change arrives mid-way: the cards follow the latest
    view.document.undo_stack.undo()
    qtbot.waitUntil(lambda: not scene.moving())
    assert_board_follows_model(view)
    view.document.undo_stack.redo()
    qtbot.waitUntil(lambda: not scene.moving())
    assert_board_follows_model(view)


def test_a_click_during_a_bulk_move_sees_every_card_where_the_model_says(qtbot):
    view = big_view(qtbot)
    scene = view.board_scene
    tidy_now(view, qtbot)
    view.document.undo_stack.undo()
    assert scene.moving()
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert not scene.moving()
    assert_board_follows_model(view)


def test_reopening_during_a_bulk_move_starts_clean(qtbot):
    view = big_view(qtbot)
    tidy_now(view, qtbot)
    view.document.undo_stack.undo()
    view.document.replace(generate(60, seed=1), None)
    assert not view.board_scene.moving()
    assert view.board_scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
