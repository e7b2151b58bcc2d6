"""A click while Tidy's cards glide must not record a move to wherever the animation had got to."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from ui.canvas import BoardView, motion
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty


def history(view: BoardView) -> list[str]:
    stack = view.document.undo_stack
    return [stack.text(i) for i in range(stack.count())]


def test_clicking_a_card_while_tidy_animates_records_no_halfway_move(qtbot, monkeypatch):
    monkeypatch.setattr(motion, "DURATION_MS", 3000)  # long enough to click mid-way on a busy machine
    view = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(view)
    view.resize(1400, 700)
    view.show()
    document = view.document
    document.run(ops.move_cards, {"g-expenditure": (2600.0, 60.0)})
    view.resetTransform()
    view.scale(0.3, 0.3)
    view.tidy()
    assert view.animating()
    card = view.board_scene.card("g-expenditure")
    start = card.pos()
    qtbot.waitUntil(lambda: card.pos() != start)  # on its way, not yet there
    assert view.animating()
    viewport = view.viewport()
    at = view.mapFromScene(card.scene_card_rect().center())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    qtbot.waitUntil(lambda: not view.animating())
    QTest.mouseMove(viewport, at + QPoint(1, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at + QPoint(1, 0))
    assert history(view) == ["Move card", "Tidy"]
    for card_id, position in document.workshop.positions.items():
        item = view.board_scene.card(card_id)
        assert (item.x(), item.y()) == (position.x, position.y), card_id
