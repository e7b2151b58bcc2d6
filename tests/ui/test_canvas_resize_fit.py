"""Resizing a fitted or framed board settles at once (issue 12): a new scale that shows or hides a
scroll bar used to resize the viewport, which fitted again, and at some sizes never stopped.

Fits are counted, not timed: a runaway is cut off after CUT_OFF fits so a regression fails here
instead of hanging the suite."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

from ui.canvas.navigation import ZoomPanMixin
from ui.canvas.view import BoardView
from ui.document import Document
from workshop import storage
from workshop.examples import customer_loyalty

MOST_FITS_PER_RESIZE = 4
CUT_OFF = 50
STRATEGY = ["g-loyalty", "g-expenditure", "g-engagement"]


@pytest.fixture
def fits(monkeypatch):
    """How many times the board framed itself since the counter was last reset."""
    count = {"n": 0}
    real = ZoomPanMixin._frame

    def counted(self, *args, **kwargs):
        count["n"] += 1
        if count["n"] <= CUT_OFF:  # past that the loop is proven; stop feeding it
            real(self, *args, **kwargs)

    monkeypatch.setattr(ZoomPanMixin, "_frame", counted)
    return count


def cards_in_viewport(view: BoardView) -> QRectF:
    rect = QRectF()
    for card in view.board_scene.cards().values():
        rect = rect.united(view.mapFromScene(card.scene_card_rect()).boundingRect().toRectF())
    return rect


def sweep(view: BoardView, sizes, fits) -> list[tuple[int, int, int]]:
    """Resize through `sizes`; the steps that took more than a bounded number of fits."""
    too_many = []
    for width, height in sizes:
        fits["n"] = 0
        view.resize(width, height)
        QApplication.processEvents()
        if fits["n"] > MOST_FITS_PER_RESIZE:
            too_many.append((width, height, fits["n"]))
    return too_many


# the grid holds 500x339 (68,094 resize events before the fix) and many other sizes that looped
GRID = [(w, h) for w in range(300, 721, 30) for h in range(200, 481, 9)] + [(500, 339)]


def test_resizing_a_fitted_board_through_a_grid_of_sizes_never_loops(shown_board, fits):
    view = shown_board(1200, 800)
    view.fit_all()
    assert sweep(view, GRID, fits) == []
    assert view.fitted
    assert QRectF(view.viewport().rect()).contains(cards_in_viewport(view)), "the whole board is still in view"


def test_resizing_a_board_with_a_guide_step_focus_never_loops(shown_board, fits):
    view = shown_board(1200, 800)
    view.set_focus_ids(STRATEGY)
    assert sweep(view, GRID, fits) == []


def test_a_fitted_board_stays_fitted_and_whole_after_each_resize(shown_board, fits):
    view = shown_board(1200, 800)
    view.fit_all()
    for size in [(500, 339), (613, 207), (820, 455), (340, 228)]:
        view.resize(*size)
        QApplication.processEvents()
        assert view.fitted
        assert QRectF(view.viewport().rect()).contains(cards_in_viewport(view)), size


def test_dragging_the_main_windows_edge_never_freezes_it(open_window, tmp_path, fits):
    """The reported case: the bundled example opened in a window 1381 px wide, its height dragged
    through 614-618 px (0.26 s, 6.1 s, over 60 s before the fix), here 2 px at a time."""
    path = tmp_path / "customer-loyalty.via"
    storage.save(customer_loyalty(), path)
    win = open_window(Document(), size=(1381, 700))
    assert win.open_file(path)
    win.board.fit_all()
    too_many = []
    for height in range(560, 721, 2):
        fits["n"] = 0
        win.resize(1381, height)
        QApplication.processEvents()
        if fits["n"] > MOST_FITS_PER_RESIZE:
            too_many.append((height, fits["n"]))
    assert too_many == []
    assert win.board.fitted
    assert QRectF(win.board.viewport().rect()).contains(cards_in_viewport(win.board))
