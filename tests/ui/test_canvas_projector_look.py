"""How the board reads from the back of the room: whole goals on cards, tight fit, no scrollbars, band
names that never hide a card, in both modes and at the two sizes a workshop room meets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from ui.canvas.card_item import GROWN_MAX_LINES
from ui.canvas.view import BoardView
from ui.document import Document
from workshop import ops
from workshop.geometry import CARD_HEIGHT

GOAL_90 = "Match products to each customer's real needs, with a review of every account twice a year!"
SIZES = [(1920, 1080), (1024, 768)]


def viewport_rect_of(view: BoardView, scene_rect: QRectF) -> QRectF:
    return view.mapFromScene(scene_rect).boundingRect().toRectF()


def cards_on_screen(view: BoardView) -> QRectF:
    rect = QRectF()
    for card in view.board_scene.cards().values():
        rect = rect.united(viewport_rect_of(view, card.scene_card_rect()))
    return rect


def test_goal_of_90_characters_is_shown_whole_in_projector_mode(view):
    assert len(GOAL_90) == 90
    view.document.run(ops.update_goal, "g-sales-match", text=GOAL_90)
    view.document.run(ops.update_goal, "g-it-records", text=GOAL_90)  # a card with a measure line too
    view.set_projector(True)
    for card_id in ("g-sales-match", "g-it-records"):
        card = view.board_scene.card(card_id)
        assert card.laid_out_text() == GOAL_90
        assert card.body_px() >= view.board_scene.theme.min_body_px
    view.set_projector(False)
    assert view.board_scene.card("g-sales-match").laid_out_text() == GOAL_90


def test_short_goal_keeps_the_full_projector_type(view):
    view.set_projector(True)
    card = view.board_scene.card("g-loyalty")
    assert card.body_px() == view.board_scene.theme.body_px


def test_a_text_too_long_for_any_size_is_cut_with_an_ellipsis(view):
    long_text = "word " * 80
    view.document.run(ops.update_goal, "g-sales-match", text=long_text)
    card = view.board_scene.card("g-sales-match")
    assert card.laid_out_text().endswith("…")  # at the desk: the smallest size, then cut
    assert card.body_px() == view.board_scene.theme.min_body_px
    view.set_projector(True)  # projector: full size, the card grows, and only past its last line is it cut
    assert card.body_px() == view.board_scene.theme.body_px
    assert len(card.text_lines()) == GROWN_MAX_LINES
    assert card.laid_out_text().endswith("…")
    assert card.card_rect().height() > 2 * CARD_HEIGHT


@pytest.mark.parametrize("projector", [False, True])
def test_kpi_name_and_incentive_do_not_overlap(view, projector):
    view.set_projector(projector)
    card = view.board_scene.card("k-sales-contracts")
    assert card.content.measure  # the demo KPI has an incentive
    card.laid_out_text()
    last_point, last_line = card._lines[-1]
    text_bottom = last_point.y() + last_line.size().height()
    assert card.measure_text_lines()
    measure_top = card.card_rect().bottom() - 4 - sum(line.size().height() for line in card._measure_lines)
    assert text_bottom <= measure_top + 0.5


def test_projector_mode_hides_scrollbars_and_space_drag_still_pans(view, qtbot):
    view.set_projector(True)
    view.zoom_actual()
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible()
    before = view.mapToScene(view.viewport().rect().center())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(600, 400))
    qtbot.mouseMove(view.viewport(), QPoint(500, 300))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(500, 300))
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x() + 50 and after.y() > before.y() + 50
    wheel = QWheelEvent(
        QPointF(500, 300),
        QPointF(500, 300),
        QPoint(0, 0),
        QPoint(0, -240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.mapToScene(view.viewport().rect().center()).y() > after.y() + 50  # the wheel scrolls down
    view.set_projector(False)
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_fit_frames_every_card_tightly(view, projector, size):
    view.set_projector(projector)
    view.resize(*size)
    view.fit_all()
    port = QRectF(view.viewport().rect())
    cards = cards_on_screen(view)
    assert port.contains(cards), (cards, port)
    # tight: the cards fill the limiting direction but for a small margin (and the top band's name)
    assert cards.width() >= port.width() - 40 or cards.height() >= port.height() - 80


@pytest.mark.parametrize("projector", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_band_names_never_cover_a_card(view, projector, size):
    view.set_projector(projector)
    view.resize(*size)
    view.fit_all()
    labels = view.band_label_rects()
    assert len(labels) == 3  # at fit-to-view each band is named
    for zoom in (None, 1.0, 2.0):
        if zoom is not None:
            view.resetTransform()
            view.scale(zoom, zoom)
            view.centerOn(view.board_scene.card("g-sales-match").scene_card_rect().topLeft())
        for box, _px in view.band_label_rects().values():
            for card in view.board_scene.cards().values():
                assert not viewport_rect_of(view, card.scene_card_rect()).intersects(box)


def test_projector_fit_at_1024x768_draws_card_text(view):
    view.set_projector(True)
    view.resize(1024, 768)
    view.fit_all()
    assert view.scale_factor() >= view.board_scene.theme.text_lod


def test_fitted_board_refits_when_the_viewport_changes_size(view, qtbot):
    view.set_projector(True)
    view.resize(1920, 1080)
    view.fit_all()
    view.resize(1024, 768)
    qtbot.waitUntil(lambda: QRectF(view.viewport().rect()).contains(cards_on_screen(view)))
    view.zoom_in()  # the user zoomed: a resize leaves the view alone
    scale = view.scale_factor()
    view.resize(1300, 900)
    assert view.scale_factor() == pytest.approx(scale)


def test_an_empty_board_fits_without_error(qtbot):
    from workshop.model import Workshop

    board = BoardView(Document(Workshop()))
    qtbot.addWidget(board)
    board.resize(800, 600)
    board.show()
    board.set_projector(True)
    board.fit_all()
    assert 0.05 < board.scale_factor() <= 1.5
    assert len(board.band_label_rects()) == 3  # the room still sees which band is which


def test_header_text_is_dark_on_light_function_colours():
    from PySide6.QtGui import QColor

    from ui.canvas.card_item import header_text_colour

    assert header_text_colour(QColor("#F39C12")) == QColor("#000000")  # orange: white would wash out
    assert header_text_colour(QColor("#FFD166")) == QColor("#000000")
    assert header_text_colour(QColor("#2B2D42")) == QColor("#FFFFFF")
    assert header_text_colour(QColor("#8E44AD")) == QColor("#FFFFFF")
