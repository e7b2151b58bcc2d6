"""Dragging a card with many links: one stand-in item draws them while the card moves, and the board
afterwards (links, positions, the one undo step) is exactly what a plain drag leaves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from ui.canvas import BoardView
from ui.canvas.drag_links import PROXY_FROM, STRIP_PX, DragLinks
from ui.canvas.link_item import LinkItem
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.geometry import BANDS
from workshop.model import Band

HUB = "g-loyalty"
CONTRIBUTORS = 20


@pytest.fixture
def view(qtbot):
    ws = customer_loyalty()
    for index in range(CONTRIBUTORS):
        function, band = ("f-sales", Band.CUSTOMER_FACING) if index % 2 else ("f-it", Band.SUPPORT)
        position = (-2000.0 + index * 280.0, BANDS[band].first_layer_y)
        created = ops.add_goal(ws, f"Contributor {index}", function, position=position).created_id
        ops.link(ws, created, HUB)
    board = BoardView(Document(ws))
    qtbot.addWidget(board)
    board.resize(1400, 900)
    board.show()
    qtbot.waitExposed(board)
    board.zoom_actual()
    return board


def grab_point(view: BoardView, card_id: str) -> QPoint:
    """A point inside the card, below its link handle, centred in the view."""
    rect = view.board_scene.card(card_id).scene_card_rect()
    point = QPointF(rect.center().x(), rect.center().y() + rect.height() / 4)
    view.centerOn(point)
    return view.mapFromScene(point)


def press_and_move(view: BoardView, start: QPoint, offsets: list[QPoint]) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for offset in offsets:
        QTest.mouseMove(viewport, start + offset)


def release(view: BoardView, at: QPoint) -> None:
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def touches(rect: QRectF, point: QPointF) -> bool:
    return rect.adjusted(-1, -1, 1, 1).contains(point)


def link_touches_card(link: LinkItem, rect: QRectF) -> bool:
    line = link.line()
    return touches(rect, line.p1()) or touches(rect, line.p2())


def stand_ins(view: BoardView) -> list[DragLinks]:
    return [item for item in view.board_scene.items() if isinstance(item, DragLinks)]


def test_a_hub_card_drags_its_links_as_one_item_and_leaves_them_exact(view):
    scene, document = view.board_scene, view.document
    hub = scene.card(HUB)
    links = scene.links_of(HUB)
    assert len(links) >= PROXY_FROM
    start_pos = hub.pos()
    items_before = len(scene.items())
    start = grab_point(view, HUB)
    press_and_move(view, start, [QPoint(10, 0), QPoint(40, 0), QPoint(90, 0)])

    proxy = scene.drag_links()
    assert proxy is not None and stand_ins(view) == [proxy]
    assert all(not link.isVisible() for link in links), "the real links are hidden while the stand-in draws"
    assert hub.pos().x() > start_pos.x()
    moved = hub.scene_card_rect()
    drawn = proxy.lines()
    assert len(drawn) == len(links)
    assert all(touches(moved, line.p2()) for line in drawn), "every drawn line ends on the card where it is now"

    end = start + QPoint(90, 0)
    release(view, end)
    assert scene.drag_links() is None and stand_ins(view) == []
    assert len(scene.items()) == items_before, "nothing of the stand-in is left on the board"
    assert all(link.isVisible() for link in links)
    final = hub.scene_card_rect()
    assert all(link_touches_card(link, final) for link in links), "the real links follow the card's new place"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move card"
    position = document.workshop.positions[HUB]
    assert (position.x, position.y) == (pytest.approx(hub.pos().x()), pytest.approx(hub.pos().y()))

    document.undo_stack.undo()
    assert hub.pos() == start_pos
    assert HUB not in document.workshop.positions or document.workshop.positions[HUB].x == start_pos.x()
    back = hub.scene_card_rect()
    assert all(link_touches_card(link, back) for link in links), "undo brings the links back with the card"


def test_a_card_with_few_links_drags_its_own_links(view):
    scene = view.board_scene
    card_id = "g-it-records"
    links = scene.links_of(card_id)
    assert 0 < len(links) < PROXY_FROM
    start = grab_point(view, card_id)
    press_and_move(view, start, [QPoint(10, 0), QPoint(30, 10)])
    assert scene.drag_links() is None and stand_ins(view) == []
    card_rect = scene.card(card_id).scene_card_rect()
    assert all(link.isVisible() and link_touches_card(link, card_rect) for link in links)
    release(view, start + QPoint(30, 10))
    assert view.document.undo_stack.count() == 1


def test_a_click_on_a_hub_without_moving_hides_nothing(view):
    scene = view.board_scene
    start = grab_point(view, HUB)
    press_and_move(view, start, [])
    assert scene.drag_links() is None
    release(view, start)
    assert all(link.isVisible() for link in scene.links_of(HUB))
    assert view.document.undo_stack.count() == 0


def test_an_edit_arriving_mid_drag_puts_the_real_links_back(view):
    """A participant's suggestion or an undo during the drag: the board follows the model with real links."""
    scene, document = view.board_scene, view.document
    start = grab_point(view, HUB)
    press_and_move(view, start, [QPoint(10, 0), QPoint(30, 0)])
    assert scene.drag_links() is not None
    document.run(ops.add_goal, "Arrived meanwhile", "f-it", position=(5000.0, BANDS[Band.SUPPORT].first_layer_y))
    assert scene.drag_links() is None and stand_ins(view) == []
    hub_rect = scene.card(HUB).scene_card_rect()
    assert all(link.isVisible() and link_touches_card(link, hub_rect) for link in scene.links_of(HUB))
    QTest.mouseMove(view.viewport(), start + QPoint(60, 0))  # the drag goes on, drawn by a new stand-in
    assert scene.drag_links() is not None
    release(view, start + QPoint(60, 0))
    assert scene.drag_links() is None
    assert all(link.isVisible() for link in scene.links_of(HUB))
    assert document.undo_stack.undoText() == "Move card"


def test_a_drag_that_loses_the_mouse_puts_the_real_links_back(view, qtbot):
    """A dialog opening mid-drag takes the mouse: no release reaches the board, the links must not stay hidden."""
    scene = view.board_scene
    start = grab_point(view, HUB)
    press_and_move(view, start, [QPoint(10, 0), QPoint(30, 0)])
    assert scene.drag_links() is not None
    hub = scene.card(HUB)
    assert scene.mouseGrabberItem() is hub
    hub.ungrabMouse()
    qtbot.waitUntil(lambda: scene.drag_links() is None, timeout=2000)
    assert stand_ins(view) == []
    assert all(link.isVisible() and link_touches_card(link, hub.scene_card_rect()) for link in scene.links_of(HUB))
    # the hand lets go over the dialog that took the mouse: the release ends the gesture, away from the board
    dialog = QWidget()
    qtbot.addWidget(dialog)
    QTest.mouseRelease(dialog, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert all(link.isVisible() for link in scene.links_of(HUB))


def test_escape_mid_drag_puts_the_real_links_back(view):
    scene = view.board_scene
    start = grab_point(view, HUB)
    press_and_move(view, start, [QPoint(10, 0), QPoint(30, 0)])
    assert scene.drag_links() is not None
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert scene.drag_links() is None
    assert all(link.isVisible() for link in scene.links_of(HUB))
    release(view, start + QPoint(30, 0))
    assert all(link.isVisible() for link in scene.links_of(HUB))


def test_a_selected_link_stays_selected_and_follows_the_drag(view):
    scene = view.board_scene
    links = scene.links_of(HUB)
    chosen = links[0]
    chosen.setSelected(True)
    scene.card(HUB).setSelected(True)
    start = grab_point(view, HUB)
    QTest.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, start
    )  # Ctrl keeps the selection a plain press would reset
    for offset in (QPoint(10, 0), QPoint(50, 0)):
        QTest.mouseMove(view.viewport(), start + offset)
    assert chosen.isSelected() and scene.card(HUB).isSelected()
    proxy = scene.drag_links()
    assert proxy is not None and chosen not in proxy.links
    assert chosen.isVisible() and chosen.isSelected()
    assert link_touches_card(chosen, scene.card(HUB).scene_card_rect())
    release(view, start + QPoint(50, 0))
    assert chosen.isSelected() and all(link.isVisible() for link in links)


def test_the_stand_in_draws_only_what_the_window_shows(view):
    """A hub's links reaching far beyond the window (on a folded board, the next shelf) are cut where
    the window ends: what is off screen is neither drawn nor indexed at each move."""
    scene = view.board_scene
    start = grab_point(view, HUB)
    view.zoom_by(2.0, QPointF(start))  # closer: most contributors are off screen
    start = grab_point(view, HUB)
    press_and_move(view, start, [QPoint(10, 0), QPoint(30, 0)])
    proxy = scene.drag_links()
    assert proxy is not None
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    far_ends = [line for line in proxy.lines() if not seen.contains(line.p1())]
    assert far_ends, "some links reach beyond the window"
    strips = [child for child in proxy.childItems() if not child.boundingRect().isNull()]
    assert strips
    margin = (STRIP_PX + 20) / view.scale_factor()  # a strip and the pen's room
    allowed = seen.adjusted(-margin, -margin, margin, margin)
    assert all(allowed.contains(strip.boundingRect()) for strip in strips)
    release(view, start + QPoint(30, 0))
