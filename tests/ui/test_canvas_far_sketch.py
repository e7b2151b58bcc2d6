"""A big board seen far out is drawn by one sketch instead of thousands of items: what the room sees
must be the same picture, and the cards must still take clicks and drags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest

from ui.canvas import BoardView, far_sketch, scene
from ui.document import Document
from workshop import ops
from workshop.analysis import analyse
from workshop.layout import tidy
from workshop.model import Position
from workshop.synthetic import generate


@pytest.fixture(scope="module")
def big_workshop():
    ws = generate(1000)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    return ws


@pytest.fixture
def far_board(qtbot, big_workshop) -> BoardView:
    view = BoardView(Document(big_workshop.model_copy(deep=True)))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    view.fit_all()
    return view


def picture(view: BoardView) -> QImage:
    return view.viewport().grab().toImage()


def share_differing(a: QImage, b: QImage) -> float:
    assert a.size() == b.size()
    differing = sum(
        1 for y in range(0, a.height(), 2) for x in range(0, a.width(), 2) if a.pixel(x, y) != b.pixel(x, y)
    )
    return differing / ((a.width() // 2) * (a.height() // 2))


def scene_picture(view: BoardView) -> QImage:
    """The board as the view shows it, without the band names (which the view draws over it)."""
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    source = view.mapToScene(view.viewport().rect()).boundingRect()
    view.board_scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def test_far_out_the_sketch_draws_the_same_board_the_items_would(far_board):
    board_scene = far_board.board_scene
    card_id = next(iter(board_scene.cards()))
    board_scene.card(card_id).setSelected(True)
    picture(far_board)  # the view tells the scene how far out it is
    board_scene.set_analysis(analyse(far_board.document.workshop))  # badges, once the sketch is drawing
    assert any(card.badge for card in board_scene.cards().values())
    assert board_scene.far()
    sketched = scene_picture(far_board)
    board_scene.set_far(1.0)  # near: every item paints itself again
    assert not board_scene.far()
    itemised = scene_picture(far_board)
    # the same cards, colours, hairlines and selection; only where lines overlap may the order differ
    assert share_differing(sketched, itemised) < 0.01  # an empty sketch differs on ~17%


def test_far_out_a_card_still_takes_a_drag_and_the_sketch_follows(far_board, qtbot):
    board_scene = far_board.board_scene
    assert board_scene.far()
    card = max(board_scene.cards().values(), key=lambda c: (c.content.band.value == "support", c.pos().y()))
    before = picture(far_board)
    left = card.pos().x()
    viewport = far_board.viewport()
    start = far_board.mapFromScene(card.scene_card_rect().center())
    end = start + QPoint(60, 0)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * (i / 4))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    saved = far_board.document.workshop.positions[card.card_id]
    assert saved.x > left + 100 and card.isSelected()
    assert far_board.document.undo_stack.text(far_board.document.undo_stack.count() - 1) == "Move card"
    assert share_differing(before, picture(far_board)) > 0  # the moved card is drawn where it went


def test_zooming_in_gives_the_cards_back_their_own_drawing(far_board):
    assert far_board.board_scene.far()
    far_board.zoom_actual()
    picture(far_board)
    assert not far_board.board_scene.far()


def test_a_small_board_is_never_sketched(qtbot, monkeypatch):
    assert far_sketch.SKETCH_FROM == scene.SKETCH_FROM
    ws = generate(300)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    picture(view)
    assert view.scale_factor() < 0.15 and not view.board_scene.far()


def test_after_cards_glide_far_out_the_sketch_shows_each_where_it_landed(far_board, qtbot):
    """Tidy's glide moves cards frame by frame without a model change: the sketch rewrites only the
    moved ones, and what it shows at the end is what the items would show."""
    board_scene = far_board.board_scene
    ws = far_board.document.workshop
    nudged = {card_id: (p.x + 600.0, p.y) for card_id, p in list(ws.positions.items())[:400]}
    far_board.document.run(ops.move_cards, nudged)
    qtbot.waitUntil(lambda: not board_scene.moving(), timeout=20_000)
    picture(far_board)
    far_board.document.undo_stack.undo()  # the cards glide back
    qtbot.waitUntil(lambda: not board_scene.moving() and not far_board.animating(), timeout=20_000)
    picture(far_board)
    assert board_scene.far()
    sketched = scene_picture(far_board)
    board_scene.set_far(1.0)
    assert share_differing(sketched, scene_picture(far_board)) < 0.01
