"""Tab adds goals on the board, so Ctrl+Tab is the way out: keyboard users are never trapped."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.canvas.view import BoardView
from ui.document import Document
from workshop.examples import customer_loyalty


def test_ctrl_tab_moves_focus_out_of_the_board_and_back_with_ctrl_shift_tab(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    before, board, after = QLineEdit(window), BoardView(Document(customer_loyalty()), window), QLineEdit(window)
    layout = QVBoxLayout(window)
    for widget in (before, board, after):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    board.setFocus()
    qtbot.waitUntil(board.hasFocus)
    goals = len(board.document.workshop.goals)

    QTest.keyClick(board, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(after.hasFocus)
    board.setFocus()
    qtbot.waitUntil(board.hasFocus)
    QTest.keyClick(board, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(before.hasFocus)
    assert len(board.document.workshop.goals) == goals  # leaving the board added nothing
