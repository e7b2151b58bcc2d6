"""A big board Tidy folded into shelves: every shelf has its band stripes, named; cards stay in their
stripe when dragged or dropped; fit shows the whole board; undo brings the unfolded board back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.canvas import BoardView
from ui.document import Document
from ui.mime import CardRequest, encode
from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, Stripe
from workshop.layout import tidy
from workshop.model import Band, Position, Workshop
from workshop.synthetic import generate


def laid_out(goals: int, fold: bool = True) -> Workshop:
    ws = generate(goals)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws, fold=fold).items()}
    return ws


def board(qtbot, ws: Workshop, size: tuple[int, int] = (1400, 900)) -> BoardView:
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def shelves(qtbot) -> BoardView:
    return board(qtbot, laid_out(200))


def stripe_of(view: BoardView, card_id: str) -> Stripe:
    """The stripe the card is drawn in: the one of its band whose rows hold it."""
    card = view.board_scene.card(card_id)
    assert card is not None
    y = card.pos().y()
    found = [s for s in view.board_scene.stripes() if s.top <= y and y + CARD_HEIGHT <= s.bottom]
    assert len(found) == 1, (card_id, y)
    return found[0]


def lower_card(view: BoardView, band: Band, shelf: int = 1) -> str:
    for card_id, card in view.board_scene.cards().items():
        if card.content.band == band and stripe_of(view, card_id).shelf == shelf:
            return card_id
    raise AssertionError(f"no {band} card on shelf {shelf}")


def test_every_shelf_shows_its_three_named_stripes_and_each_card_sits_in_its_bands(shelves):
    scene = shelves.board_scene
    board_stripes = scene.stripes()
    assert board_stripes[-1].shelf >= 2
    items = scene.band_items()
    assert [(item.band, item.rect().top(), item.rect().bottom()) for item in items] == [
        (s.band, s.top, s.bottom) for s in board_stripes
    ]
    assert [item.title() for item in items[3:6]] == [item.title() for item in items[:3]]
    for card_id, card in scene.cards().items():
        stripe = stripe_of(shelves, card_id)
        assert stripe.band == card.content.band, card_id


def test_band_names_are_drawn_on_the_lower_shelves_too(shelves):
    scene = shelves.board_scene
    second_shelf = [item for item in scene.band_items() if item.rect().top() >= scene.stripes()[3].top]
    shelves.resetTransform()
    shelves.scale(0.35, 0.35)
    shelves.centerOn(QPointF(600, second_shelf[0].rect().top() + 300))
    named = shelves.band_label_rects()
    assert any(item in named for item in second_shelf[:3])


def drag_up(view: BoardView, card_id: str, screen_px: int) -> None:
    card = view.board_scene.card(card_id)
    view.resetTransform()
    view.scale(0.3, 0.3)
    view.centerOn(card.scene_card_rect().center())
    viewport = view.viewport()
    start = view.mapFromScene(card.scene_card_rect().center())
    end = start - QPoint(0, screen_px)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * (i / 4))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_dragging_a_lower_shelf_card_up_keeps_it_in_its_bands_nearest_stripe(shelves):
    card_id = lower_card(shelves, Band.CUSTOMER_FACING, shelf=2)
    own = stripe_of(shelves, card_id)
    drag_up(shelves, card_id, 60)  # 200 board pixels: over its shelf's strategy stripe
    assert shelves.document.workshop.positions[card_id].y == own.top + 25  # as high as its stripe allows
    assert stripe_of(shelves, card_id) == own
    drag_up(shelves, card_id, 400)  # well into the shelf above: its customer-facing stripe takes the card
    above = stripe_of(shelves, card_id)
    assert (above.band, above.shelf) == (Band.CUSTOMER_FACING, 1)
    for other_id, card in shelves.board_scene.cards().items():
        assert stripe_of(shelves, other_id).band == card.content.band, other_id


def drop(view: BoardView, request: CardRequest, at: QPoint) -> None:
    mime = encode(request)
    viewport = view.viewport()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys))
    QApplication.sendEvent(viewport, QDragMoveEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, keys))


def drop_on_second_shelfs_support_stripe(shelves, function_id: str) -> str:
    """A new goal of `function_id` dropped right of the cards on shelf 1's support stripe: its id."""
    scene = shelves.board_scene
    target = next(s for s in scene.stripes() if s.band == Band.SUPPORT and s.shelf == 1)
    right = scene.cards_rect().right()
    point = QPointF(right + 2 * CARD_WIDTH, target.first_layer_y + CARD_HEIGHT / 2)
    shelves.zoom_actual()
    shelves.centerOn(point)
    before = set(shelves.document.workshop.positions)
    drop(shelves, CardRequest("goal", function_id), shelves.mapFromScene(point))
    (new_id,) = set(shelves.document.workshop.positions) - before
    return new_id


def test_a_support_goal_dropped_in_a_lower_shelfs_support_stripe_lands_there(shelves):
    scene = shelves.board_scene
    new_id = drop_on_second_shelfs_support_stripe(shelves, "f-s1")
    assert shelves.document.workshop.band_of(shelves.document.workshop.goal(new_id)) == Band.SUPPORT
    assert stripe_of(shelves, new_id) == next(s for s in scene.stripes() if s.band == Band.SUPPORT and s.shelf == 1)


def test_a_customer_goal_dropped_on_a_lower_shelfs_support_stripe_goes_to_that_shelfs_customer_stripe(shelves):
    new_id = drop_on_second_shelfs_support_stripe(shelves, "f-c1")
    stripe = stripe_of(shelves, new_id)
    assert (stripe.band, stripe.shelf) == (Band.CUSTOMER_FACING, 1)


def test_tidy_folds_the_board_and_undo_brings_the_long_strip_back(qtbot):
    view = board(qtbot, laid_out(200, fold=False))
    unfolded = dict(view.document.workshop.positions)
    assert len(view.board_scene.band_items()) == 3
    view.tidy()
    qtbot.waitUntil(lambda: not view.tidying() and not view.animating(), timeout=20_000)
    assert len(view.board_scene.band_items()) > 6
    view.document.undo_stack.undo()
    qtbot.waitUntil(lambda: not view.animating(), timeout=20_000)
    assert dict(view.document.workshop.positions) == unfolded
    assert len(view.board_scene.band_items()) == 3
    for card_id, position in unfolded.items():
        assert view.board_scene.card(card_id).pos() == QPointF(position.x, position.y), card_id


@pytest.mark.parametrize(("goals", "min_card_px"), [(500, 15.0), (2000, 6.0)])
def test_fit_at_1024x768_shows_every_card_of_a_big_board(qtbot, goals, min_card_px):
    view = board(qtbot, laid_out(goals), size=(1024, 768))
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    view.fit_all()
    # no scroll bars at fit (Qt hides them in a turn of its own; the view refits to the larger port)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible())
    port = QRectF(view.viewport().rect())
    assert port.size() == QRectF(view.rect()).adjusted(0, 0, -2, -2).size()  # all the view, less its frame
    for card in view.board_scene.cards().values():
        shown = view.mapFromScene(card.scene_card_rect()).boundingRect()
        assert port.contains(QRectF(shown)), card.card_id
    assert CARD_WIDTH * view.scale_factor() >= min_card_px


def test_after_fit_a_zoom_scrolls_over_the_whole_board_again(qtbot):
    """Fit shows no scroll bars; zoomed in, the bars reach every card and the margins around them."""
    view = board(qtbot, laid_out(500), size=(1024, 768))
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    view.fit_all()
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    fit_scale = view.scale_factor()
    view.zoom_actual()
    assert view.sceneRect() == view.board_scene.sceneRect()
    bar = view.horizontalScrollBar()
    qtbot.waitUntil(bar.isVisible)
    bar.setValue(bar.maximum())
    right = view.mapToScene(view.viewport().rect()).boundingRect().right()
    assert right >= view.board_scene.cards_rect().right()
    view.fit_all()  # and back: no bars again, the same scale as the first fit
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible())
    assert view.scale_factor() == pytest.approx(fit_scale)


@pytest.mark.parametrize("zoom", [0.02, 0.05, 0.1, 0.35, 1.0])
def test_band_names_never_overprint_each_other(qtbot, zoom):
    view = board(qtbot, laid_out(500), size=(1024, 768))
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    view.resetTransform()
    view.scale(zoom, zoom)
    for centre in (view.board_scene.cards_rect().center(), view.board_scene.cards_rect().topLeft()):
        view.centerOn(centre)
        labels = view.band_label_rects()
        boxes = [box for box, _ in labels.values()]
        assert boxes or zoom < 0.05  # at 0.02 a shelf is 26 px tall: no stripe holds a name
        for index, box in enumerate(boxes):
            assert not any(box.intersects(other) for other in boxes[index + 1 :])
        if zoom < 0.35:  # far out: a name sits inside the stripe it names, never on the shelf above
            for item, (box, _) in labels.items():
                stripe = view.mapFromScene(item.rect()).boundingRect()
                assert stripe.top() <= box.top() and box.bottom() <= stripe.bottom() + 1, item.title()
