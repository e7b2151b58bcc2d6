"""Esc in the middle of a drag puts the cards back and records nothing, as in other editors."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from ui.canvas import BoardView
from ui.document import Document
from workshop.examples import customer_loyalty


@pytest.fixture
def view(qtbot):
    board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    board.resize(1400, 900)
    board.show()
    qtbot.waitExposed(board)
    board.zoom_actual()
    return board


def body_point(view: BoardView, card_id: str) -> QPoint:
    """A point in the card's body, below the link handle on its top edge."""
    rect = view.board_scene.card(card_id).scene_card_rect()
    view.centerOn(rect.center())
    return view.mapFromScene(rect.center() + QPointF(0, 20))


def test_esc_during_a_card_drag_puts_it_back_without_an_undo_step(view) -> None:
    card = view.board_scene.card("g-sales-match")
    home = card.pos()
    start = body_point(view, "g-sales-match")
    viewport = view.viewport()
    view.setFocus()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(40 * step, 0))
    assert card.pos() != home  # it follows the pointer

    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert card.pos() == home
    QTest.mouseMove(viewport, start + QPoint(300, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(300, 0))
    assert card.pos() == home  # no longer following after Esc
    assert view.document.undo_stack.count() == 0


def test_esc_without_a_drag_still_clears_the_selection(view) -> None:
    view.select_ids(["g-sales-match"], centre=False)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_ids() == []
