"""The board follows the document: edits, undo and redo, findings, suggestions, focus and projector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.canvas import BoardView
from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LinkItem
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.findings import Analysis, Finding, Severity
from workshop.model import LinkKind, SuggestionStatus


def assert_scene_matches_model(view: BoardView) -> None:
    """Every goal, KPI, link and pending link suggestion has exactly one item showing it."""
    ws, scene = view.document.workshop, view.board_scene
    cards = {i.card_id: i for i in scene.items() if isinstance(i, CardItem)}
    links = {i.link_id for i in scene.items() if isinstance(i, LinkItem)}
    assert set(cards) == {g.id for g in ws.goals} | {k.id for k in ws.kpis}
    pending = {s.id for s in ws.suggestions if s.kind == "link" and s.status == SuggestionStatus.PENDING}
    assert links == {lk.id for lk in ws.links} | pending
    for goal in ws.goals:
        assert cards[goal.id].content.text == goal.text
    for kpi in ws.kpis:
        assert cards[kpi.id].content.text == kpi.name
    for card_id, position in ws.positions.items():
        assert cards[card_id].pos() == QPointF(position.x, position.y)


COMMANDS = [
    ("add goal", lambda d: d.run(ops.add_goal, "Lower churn", "f-support", position=(900.0, 400.0))),
    ("edit text", lambda d: d.run(ops.update_goal, "g-loyalty", text="Keep customers for years")),
    ("remove goal", lambda d: d.run(ops.remove_goals, ["g-sales-match", "g-it-records"])),
    ("link", lambda d: d.run(ops.link, "g-hr-vacancies", "g-support-fast")),
    ("unlink", lambda d: d.run(ops.unlink, "l-it-around")),
    ("declare", lambda d: d.run(ops.update_link, "l-it-around", kind=LinkKind.DIRECT_IMPACT, reason="Why not")),
    ("move", lambda d: d.run(ops.move_cards, {"g-loyalty": (10.0, 20.0), "k-support-ttr": (900.0, 300.0)})),
    ("rename function", lambda d: d.run(ops.update_function, "f-it", name="Information Technology")),
    ("function kind", lambda d: d.run(ops.update_function, "f-it", kind="customer_facing")),
    ("remove function", lambda d: d.run(ops.remove_function, "f-hr")),
    ("kpi", lambda d: d.run(ops.add_kpi, "f-it", "Tickets closed")),
    ("remove kpi", lambda d: d.run(ops.remove_kpi, "k-sales-contracts")),
    ("suggest", lambda d: d.run(ops.suggest_link, "g-hr-vacancies", "g-sales-match", author="Tom")),
]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_each_command_undoes_and_redoes_exactly_and_the_scene_follows(view, name, command):
    document = view.document
    before = document.workshop.model_dump()
    assert_scene_matches_model(view)
    assert command(document) is not None
    after = document.workshop.model_dump()
    assert after != before
    assert_scene_matches_model(view)
    document.undo_stack.undo()
    assert document.workshop.model_dump() == before
    assert_scene_matches_model(view)
    document.undo_stack.redo()
    assert document.workshop.model_dump() == after
    assert_scene_matches_model(view)


def test_function_kind_change_restyles_links(view):
    assert view.board_scene.link("l-it-around").style == "around"
    view.document.run(ops.update_function, "f-it", kind="customer_facing")
    assert view.board_scene.link("l-it-around").style == "plain"
    view.document.undo_stack.undo()
    assert view.board_scene.link("l-it-around").style == "around"


def test_rename_shows_on_the_card_header(view):
    view.document.run(ops.update_function, "f-it", name="Tech")
    assert view.board_scene.card("g-it-records").content.header == "Tech"


def test_reset_rebuilds_the_board(view):
    from workshop.model import Workshop

    view.document.replace(Workshop(), None)
    assert view.board_scene.cards() == {}
    view.document.replace(customer_loyalty(), None)
    assert_scene_matches_model(view)


def finding(subject: str, severity: Severity, message: str) -> Finding:
    return Finding("test-rule", severity, message, (subject,))


def test_badge_appears_and_disappears_with_its_finding(view):
    card = view.board_scene.card("g-it-loyalty")
    assert card.badge is None
    view.set_analysis(
        Analysis(
            findings=(
                finding("g-it-loyalty", Severity.WARNING, "IT goes <around> Sales"),
                finding("g-it-loyalty", Severity.ERROR, "Not traced to strategy"),
            )
        )
    )
    assert card.badge is not None and card.badge.severity == Severity.ERROR and card.badge.count == 2
    assert "IT goes &lt;around&gt; Sales" in card.tooltip_html()
    assert view.board_scene.card("g-loyalty").badge is None
    view.viewport().grab()
    view.set_analysis(Analysis(findings=()))
    assert card.badge is None
    assert "around" not in card.tooltip_html()


def test_new_card_gets_badge_from_the_last_analysis(view):
    view.set_analysis(Analysis(findings=(finding("g-x", Severity.INFO, "New and unlinked"),)))
    view.document.run(ops.add_goal, "X", "f-it", id="g-x")
    assert view.board_scene.card("g-x").badge.severity == Severity.INFO


def suggestion_button(view: BoardView, suggestion_id: str, accept: bool) -> QPoint:
    item = view.board_scene.link(suggestion_id)
    button = next(b for b in item.buttons if b.accept == accept)
    view.centerOn(button.scenePos())
    return view.mapFromScene(button.scenePos())


@pytest.mark.parametrize("accept", [True, False])
def test_suggestion_buttons_accept_or_reject(view, qtbot, accept):
    ws = view.document.workshop
    view.document.run(ops.remove_item, "suggestions", "s-hr-support")  # the demo's own, on the same link
    view.document.run(ops.suggest_link, "g-hr-vacancies", "g-support-fast", author="Lena", id="s-hr")
    item = view.board_scene.link("s-hr")
    assert item is not None and item.style == "suggestion"
    view.zoom_actual()
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        suggestion_button(view, "s-hr", accept),
    )
    qtbot.waitUntil(lambda: view.board_scene.link("s-hr") is None)
    status = ws.find("suggestions", "s-hr").status
    created = [lk for lk in ws.links if (lk.source, lk.target) == ("g-hr-vacancies", "g-support-fast")]
    if accept:
        assert status == SuggestionStatus.ACCEPTED and len(created) == 1
        assert view.board_scene.link(created[0].id) is not None
    else:
        assert status == SuggestionStatus.REJECTED and created == []
    view.document.undo_stack.undo()
    assert view.board_scene.link("s-hr") is not None
    assert_scene_matches_model(view)


def test_focus_dims_other_cards_and_clears(view):
    view.set_focus_ids(["g-it-records", "g-sales-match"])
    scene = view.board_scene
    assert not scene.card("g-it-records").dimmed and not scene.link("l-it-sales").dimmed
    assert scene.card("g-loyalty").dimmed and scene.link("l-sales-loyalty").dimmed
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.card("g-it-records").scene_card_rect().center())
    view.set_focus_ids(None)
    assert not any(c.dimmed for c in scene.cards().values())


def test_projector_mode_switches_palette_and_type(view):
    normal_px = view.board_scene.theme.body_px
    view.set_projector(True)
    theme = view.board_scene.theme
    assert theme.body_px > normal_px
    assert theme.background.lightness() < 60
    assert view.board_scene.card("g-loyalty").theme is theme
    assert view.board_scene.link("l-sales-loyalty").theme.link_width > 3
    view.resize(1024, 768)
    view.fit_all()
    # never so far out that the room cannot read the cards: full text is drawn at this zoom
    assert view.scale_factor() >= theme.text_lod
    image = view.viewport().grab().toImage()
    assert image.pixelColor(2, 2).lightness() < 60
    view.set_projector(False)
    assert view.board_scene.theme.body_px == normal_px


def test_selection_signal_carries_ids(view, qtbot):
    with qtbot.waitSignal(view.selectionIdsChanged) as blocker:
        view.select_ids(["g-loyalty", "l-it-sales"])
    assert set(blocker.args[0]) == {"g-loyalty", "l-it-sales"}
    assert set(view.selected_ids()) == {"g-loyalty", "l-it-sales"}


def test_ctrl_wheel_zooms_around_the_cursor(view):
    view.zoom_actual()
    anchor = view.mapFromScene(view.board_scene.card("g-loyalty").scene_card_rect().center())
    scene_point = view.mapToScene(anchor)
    wheel = QWheelEvent(
        QPointF(anchor),
        QPointF(view.viewport().mapToGlobal(anchor)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.scale_factor() > 1.2
    after = view.mapFromScene(scene_point)
    assert abs(after.x() - anchor.x()) <= 2 and abs(after.y() - anchor.y()) <= 2


def test_middle_button_drag_pans(view):
    view.zoom_by(2.0)
    start = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, QPoint(400, 400))
    QTest.mouseMove(viewport, QPoint(300, 350))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 350))
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == (start[0] + 100, start[1] + 50)
    assert view.document.undo_stack.count() == 0


def test_tidy_is_one_step_animated_and_keeps_pins(view, qtbot):
    document = view.document
    document.run(ops.move_cards, {"g-loyalty": (3000.0, 60.0)})
    document.run(ops.set_pinned, ["g-loyalty"], True)
    document.run(ops.move_cards, {"g-expenditure": (5000.0, 60.0)})
    before = document.workshop.model_dump()
    count = document.undo_stack.count()
    view.tidy()
    assert document.undo_stack.count() == count + 1
    assert document.workshop.positions["g-loyalty"].x == 3000.0
    assert document.workshop.positions["g-expenditure"].x != 5000.0
    qtbot.waitUntil(lambda: not view.animating())
    assert_scene_matches_model(view)
    document.undo_stack.undo()
    assert document.workshop.model_dump() == before
    assert_scene_matches_model(view)


def test_tooltip_shows_participant_text_literally(view):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QGraphicsSceneHelpEvent, QToolTip

    view.document.run(ops.update_goal, "g-loyalty", text="R&D <img src=/etc/passwd> <b>loyal</b>")
    event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
    event.setScenePos(view.board_scene.card("g-loyalty").scene_card_rect().center())
    event.setScreenPos(QPoint(100, 100))
    view.board_scene.helpEvent(event)
    assert "&lt;img src=/etc/passwd&gt;" in QToolTip.text()
    assert "<b>" not in QToolTip.text()
    QToolTip.hideText()


def test_removed_unplaced_card_comes_back_where_it_was(view):
    scene = view.board_scene
    where = scene.card("g-it-loyalty").pos()
    view.document.run(ops.remove_goals, ["g-it-loyalty"])
    view.document.undo_stack.undo()
    assert scene.card("g-it-loyalty").pos() == where


def test_focus_on_a_function_or_link_focuses_its_cards(view):
    scene = view.board_scene
    view.set_focus_ids(["f-it"])
    assert not scene.card("g-it-records").dimmed and not scene.card("g-it-loyalty").dimmed
    assert scene.card("g-hr-vacancies").dimmed
    view.set_focus_ids(["l-hr-service"])
    assert not scene.card("g-hr-vacancies").dimmed and not scene.card("g-service-respect").dimmed
    assert scene.card("g-it-records").dimmed
    view.set_focus_ids(["t-contracts-ttr"])  # names nothing drawn on the board: nothing is dimmed
    assert not any(c.dimmed for c in scene.cards().values())


def test_zoomed_out_cards_keep_their_first_words(view):
    view.resetTransform()
    view.scale(0.25, 0.25)
    card = view.board_scene.card("g-loyalty")
    view.centerOn(card)
    view.viewport().grab()
    lines = [text.text() for _, text in card._overview[1]]
    assert lines and lines[0].startswith("Increase")
