"""Mouse gestures on the board: palette drops, drawing links, moving cards, the around-link question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.around_link import AroundAnswer, AroundChoice, AroundLinkDialog
from ui.canvas import BoardView
from ui.document import Document
from ui.mime import CardRequest, encode
from workshop.examples import customer_loyalty
from workshop.geometry import BANDS, CARD_HEIGHT, CARD_WIDTH
from workshop.model import Band, LinkKind


@pytest.fixture
def view(qtbot):
    document = Document(customer_loyalty())
    board = BoardView(document)
    qtbot.addWidget(board)
    board.resize(1400, 900)
    board.show()
    qtbot.waitExposed(board)
    board.zoom_actual()
    return board


def on_screen(view: BoardView, scene_point: QPointF) -> QPoint:
    view.centerOn(scene_point)
    return view.mapFromScene(scene_point)


def drop(view: BoardView, request: CardRequest, at: QPoint) -> None:
    mime = encode(request)
    viewport = view.viewport()
    enter = QDragEnterEvent(
        at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    event = QDropEvent(
        QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, event)


def empty_point(view: BoardView, band: Band) -> QPointF:
    """A scene point in a band, right of every card, where nothing is."""
    right = view.board_scene.cards_rect().right()
    return QPointF(right + CARD_WIDTH * 2, BANDS[band].first_layer_y + CARD_HEIGHT / 2)


def test_drop_from_palette_creates_goal_in_its_band_at_the_drop_point(view):
    ws = view.document.workshop
    before = len(ws.goals)
    target = empty_point(view, Band.CUSTOMER_FACING)
    drop(view, CardRequest("goal", "f-sales"), on_screen(view, target))
    assert len(ws.goals) == before + 1
    goal = ws.goals[-1]
    assert goal.function_id == "f-sales"
    position = ws.positions[goal.id]
    card = view.board_scene.card(goal.id)
    assert card is not None and card.scene_card_rect().contains(target)
    assert BANDS[Band.CUSTOMER_FACING].contains(position.y)
    # the new card opens for typing straight away
    assert view.board_scene.editor is not None and view.board_scene.editor.card_id == goal.id
    assert view.document.undo_stack.count() == 1


def hover(view: BoardView, request: CardRequest, at: QPoint) -> None:
    """A palette tile dragged over the board, not yet dropped."""
    mime = encode(request)
    for event in (
        QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDragMoveEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(view.viewport(), event)


@pytest.mark.parametrize(
    ("request_", "over"),
    [
        (CardRequest("goal", "f-sales"), Band.CUSTOMER_FACING),
        (CardRequest("goal", "f-it"), Band.STRATEGY),  # a support goal held over the strategy band
        (CardRequest("strategic"), Band.SUPPORT),
    ],
)
def test_the_outline_shown_while_dragging_is_where_the_card_lands(view, request_, over):
    at = on_screen(view, empty_point(view, over))
    hover(view, request_, at)
    outline = view.drop_preview.rect()
    assert outline is not None
    drop(view, request_, at)
    assert view.drop_preview.rect() is None, "the outline goes when the card is dropped"
    ws = view.document.workshop
    new_id = view.board_scene.editor.card_id
    card = view.board_scene.card(new_id)
    assert card.scene_card_rect().topLeft() == outline.topLeft()
    assert ws.positions[new_id].x == outline.x() and ws.positions[new_id].y == outline.y()


def test_the_outline_goes_when_the_drag_leaves_the_board(view):
    from PySide6.QtGui import QDragLeaveEvent

    hover(view, CardRequest("goal", "f-sales"), on_screen(view, empty_point(view, Band.CUSTOMER_FACING)))
    assert view.drop_preview.rect() is not None
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert view.drop_preview.rect() is None
    assert view.document.undo_stack.count() == 0


def test_drop_of_goal_in_the_wrong_band_lands_in_its_function_band(view):
    ws = view.document.workshop
    target = empty_point(view, Band.STRATEGY)
    drop(view, CardRequest("goal", "f-it"), on_screen(view, target))
    goal = ws.goals[-1]
    assert goal.function_id == "f-it"
    assert BANDS[Band.SUPPORT].top <= ws.positions[goal.id].y


def test_drop_of_strategic_goal_and_kpi(view):
    ws = view.document.workshop
    drop(view, CardRequest("strategic"), on_screen(view, empty_point(view, Band.STRATEGY)))
    assert ws.goals[-1].function_id is None and ws.goals[-1].text == "New strategic goal"
    kpis = len(ws.kpis)
    drop(view, CardRequest("kpi", "f-support"), on_screen(view, empty_point(view, Band.CUSTOMER_FACING)))
    assert len(ws.kpis) == kpis + 1
    kpi = ws.kpis[-1]
    assert kpi.id in ws.positions and view.board_scene.card(kpi.id) is not None


def test_foreign_drag_is_ignored(view):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("hello")
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), enter)
    assert not enter.isAccepted()


def drag(view: BoardView, start: QPoint, end: QPoint, steps: int = 4) -> None:
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def double_click(view: BoardView, at: QPoint) -> None:
    """A double click as a hand makes it. QTest.mouseDClick stops at the second press (press, release, press,
    double-click) and leaves the button down in QTest's and Qt's global mouse state, so the next test's
    mouse moves would be drags (no hover); the release ends the gesture."""
    viewport = view.viewport()
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def handle_point(view: BoardView, card_id: str) -> QPoint:
    card = view.board_scene.card(card_id)
    return view.mapFromScene(card.mapToScene(card.handle_rect().center()))


def centre_point(view: BoardView, card_id: str) -> QPoint:
    return view.mapFromScene(view.board_scene.card(card_id).scene_card_rect().center())


def show_both(view: BoardView, a: str, b: str) -> None:
    rect = view.board_scene.card(a).scene_card_rect().united(view.board_scene.card(b).scene_card_rect())
    view.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)


def test_drag_from_handle_to_another_card_creates_one_link(view):
    ws = view.document.workshop
    show_both(view, "g-it-records", "g-service-respect")
    links = len(ws.links)
    drag(view, handle_point(view, "g-it-records"), centre_point(view, "g-service-respect"))
    assert len(ws.links) == links + 1
    link = ws.links[-1]
    assert (link.source, link.target, link.kind) == ("g-it-records", "g-service-respect", LinkKind.CONTRIBUTES)
    assert view.board_scene.link(link.id) is not None
    # the card did not move: the handle draws a link, it does not drag the card
    assert "g-it-records" not in ws.positions
    view.document.undo_stack.undo()
    assert len(ws.links) == links and view.board_scene.link(link.id) is None


def test_link_drag_refusal_is_reported(view, qtbot):
    show_both(view, "g-it-records", "g-sales-match")
    links = len(view.document.workshop.links)
    with qtbot.waitSignal(view.message) as blocker:
        drag(view, handle_point(view, "g-it-records"), centre_point(view, "g-sales-match"))
    assert "already linked" in blocker.args[0]
    assert len(view.document.workshop.links) == links


def test_linking_a_support_goal_to_a_new_customer_records_it_and_says_so(view, qtbot):
    ws = view.document.workshop
    show_both(view, "g-it-records", "g-service-respect")
    with qtbot.waitSignal(view.message) as blocker:
        drag(view, handle_point(view, "g-it-records"), centre_point(view, "g-service-respect"))
    assert blocker.args[0] == "Customer Service is now recorded as an internal customer of IT."
    assert any(r.supplier_id == "f-it" and r.customer_id == "f-service" for r in ws.relations)
    view.document.undo_stack.undo()  # one step: the link and the customer go together
    assert not any(r.supplier_id == "f-it" and r.customer_id == "f-service" for r in ws.relations)
    assert not any(lk.source == "g-it-records" and lk.target == "g-service-respect" for lk in ws.links)


def test_around_link_declared_as_exception(view):
    ws = view.document.workshop
    asked = []

    def answer(parent, source_text, target_text, reason=""):
        asked.append((source_text, target_text))
        return AroundChoice(AroundAnswer.EXCEPTION, "Hiring well moves engagement directly.")

    view.around_link_prompt = answer
    show_both(view, "g-hr-vacancies", "g-engagement")
    drag(view, handle_point(view, "g-hr-vacancies"), centre_point(view, "g-engagement"))
    assert asked == [("Fill vacant posts within 30 days with people who fit", "Raise employee engagement")]
    link = ws.links[-1]
    assert (link.source, link.target, link.kind) == ("g-hr-vacancies", "g-engagement", LinkKind.DIRECT_IMPACT)
    assert link.reason == "Hiring well moves engagement directly."
    assert view.board_scene.link(link.id).style == "direct"


def test_around_link_cancel_creates_nothing_and_link_anyway_is_flagged(view):
    ws = view.document.workshop
    before = ws.model_dump()
    view.around_link_prompt = lambda *a: AroundChoice(AroundAnswer.CANCEL)
    show_both(view, "g-hr-vacancies", "g-engagement")
    drag(view, handle_point(view, "g-hr-vacancies"), centre_point(view, "g-engagement"))
    assert ws.model_dump() == before
    assert view.document.undo_stack.count() == 0
    view.around_link_prompt = lambda *a: AroundChoice(AroundAnswer.PLAIN)
    drag(view, handle_point(view, "g-hr-vacancies"), centre_point(view, "g-engagement"))
    link = ws.links[-1]
    assert link.kind == LinkKind.CONTRIBUTES
    assert view.board_scene.link(link.id).style == "around"


def test_around_dialog_requires_a_reason_for_an_exception(qtbot):
    dialog = AroundLinkDialog("IT <b>goal</b>", "Loyalty")
    qtbot.addWidget(dialog)
    assert not dialog.exception_button.isEnabled()
    dialog.reason_edit.setPlainText("   ")
    assert not dialog.exception_button.isEnabled()
    dialog.reason_edit.setPlainText("It does.")
    assert dialog.exception_button.isEnabled()
    dialog.exception_button.click()
    assert dialog.choice == AroundChoice(AroundAnswer.EXCEPTION, "It does.")
    other = AroundLinkDialog("a", "b")
    qtbot.addWidget(other)
    other.plain_button.click()
    assert other.choice.answer == AroundAnswer.PLAIN


def test_moving_cards_by_drag_is_one_undo_step(view):
    ws = view.document.workshop
    scene = view.board_scene
    show_both(view, "g-it-records", "g-hr-vacancies")
    before = ws.model_dump()
    view.select_ids(["g-it-records", "g-hr-vacancies"], centre=False)
    start_a = scene.card("g-it-records").pos()
    start_b = scene.card("g-hr-vacancies").pos()
    grab = centre_point(view, "g-it-records")
    drag(view, grab, grab + QPoint(60, 30))
    assert view.document.undo_stack.count() == 1
    assert view.document.undo_stack.undoText() == "Move 2 cards"
    moved_a, moved_b = ws.positions["g-it-records"], ws.positions["g-hr-vacancies"]
    assert moved_a.x > start_a.x() and moved_b.x > start_b.x()
    assert moved_a.x - start_a.x() == pytest.approx(moved_b.x - start_b.x())
    # the link follows the card
    link = scene.link("l-it-sales")
    assert scene.card("g-it-records").scene_card_rect().adjusted(-1, -1, 1, 1).contains(link.line().p1())
    view.document.undo_stack.undo()
    assert ws.model_dump() == before
    assert scene.card("g-it-records").pos() == start_a
    view.document.undo_stack.redo()
    assert scene.card("g-it-records").pos() == QPointF(moved_a.x, moved_a.y)


def test_a_dragged_card_stays_in_its_band(view):
    ws = view.document.workshop
    show_both(view, "g-sales-match", "g-loyalty")
    view.select_ids([], centre=False)
    grab = centre_point(view, "g-sales-match")
    drag(view, grab, centre_point(view, "g-loyalty"))
    y = ws.positions["g-sales-match"].y
    assert BANDS[Band.CUSTOMER_FACING].top <= y < BANDS[Band.CUSTOMER_FACING].bottom


def test_delete_removes_selection_in_one_step(view):
    ws = view.document.workshop
    before = ws.model_dump()
    view.select_ids(["g-it-loyalty", "l-sales-loyalty", "k-sales-contracts"], centre=False)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert ws.goal("g-it-loyalty") is None and ws.find("kpis", "k-sales-contracts") is None
    assert ws.find("links", "l-sales-loyalty") is None and ws.find("links", "l-it-around") is None
    scene = view.board_scene
    assert scene.card("g-it-loyalty") is None and scene.link("l-it-around") is None
    assert view.document.undo_stack.count() == 1
    view.document.undo_stack.undo()
    assert ws.model_dump() == before
    assert scene.card("g-it-loyalty") is not None and scene.link("l-it-around") is not None


def test_rubber_band_selects_several_cards(view):
    scene = view.board_scene
    rect = scene.card("g-sales-match").scene_card_rect().united(scene.card("g-service-respect").scene_card_rect())
    view.fitInView(rect.adjusted(-120, -120, 120, 120), Qt.AspectRatioMode.KeepAspectRatio)
    start = view.mapFromScene(rect.topLeft() - QPointF(30, 30))
    end = view.mapFromScene(rect.bottomRight() + QPointF(30, 30))
    drag(view, start, end, steps=6)
    assert {"g-sales-match", "g-service-respect"} <= set(view.selected_ids())


def test_double_click_opens_the_editor(view):
    show_both(view, "g-loyalty", "g-sales-match")
    double_click(view, centre_point(view, "g-loyalty"))
    editor = view.board_scene.editor
    assert editor is not None and editor.card_id == "g-loyalty"
    assert editor.text() == "Increase customer loyalty"


def test_space_drag_pans_without_moving_cards(view):
    view.zoom_by(2.0)
    before = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    view.setFocus()
    QTest.keyPress(view, Qt.Key.Key_Space)
    grab = centre_point(view, "g-loyalty")
    drag(view, grab, grab + QPoint(-80, -40))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    after = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    assert after == (before[0] + 80, before[1] + 40)
    assert view.document.undo_stack.count() == 0


def test_pinch_gesture_zooms(view):
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    view.zoom_actual()
    centre = QPointF(view.viewport().rect().center())
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        centre,
        centre,
        QPointF(view.viewport().mapToGlobal(centre.toPoint())),
        0.5,
        QPointF(0, 0),
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.scale_factor() == pytest.approx(1.5)


def test_link_handle_shows_on_hover_and_selection(view, qtbot):
    show_both(view, "g-it-records", "g-sales-match")
    card = view.board_scene.card("g-it-records")
    assert not card.handle_visible()
    QTest.mouseMove(view.viewport(), centre_point(view, "g-it-records"))
    qtbot.waitUntil(lambda: card.hovered)
    assert card.handle_visible()
    QTest.mouseMove(view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: not card.hovered)
    assert not card.handle_visible()
    view.select_ids(["g-it-records"], centre=False)
    assert card.handle_visible()
    kpi = view.board_scene.card("k-sales-contracts")
    view.select_ids(["k-sales-contracts"], centre=False)
    assert not kpi.handle_visible()  # KPIs are not linked on the board
