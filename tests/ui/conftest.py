"""Boards shared by the UI tests: the demo workshop on a shown BoardView."""

import pytest

from ui.canvas.view import BoardView
from ui.document import Document
from workshop.examples import customer_loyalty


@pytest.fixture
def shown_board(qtbot):
    """Makes the demo's board, shown at a given size (a test may need several sizes)."""

    def make(width: int = 1200, height: int = 800) -> BoardView:
        board = BoardView(Document(customer_loyalty()))
        qtbot.addWidget(board)
        board.resize(width, height)
        board.show()
        qtbot.waitExposed(board)
        return board

    return make


@pytest.fixture
def view(shown_board) -> BoardView:
    """The demo's board at 1200x800; files that need another start define their own `view`."""
    return shown_board()
