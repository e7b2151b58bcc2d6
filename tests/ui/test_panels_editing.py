"""The panels around the board: functions list, outline, findings and the properties editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui import dialogs
from ui.panels.common import ID_ROLE
from workshop import ops
from workshop.findings import Analysis, Finding, Severity
from workshop.model import FunctionKind


@pytest.fixture
def window(open_window):
    return open_window()


def list_texts(panel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


# --- functions ----------------------------------------------------------------------------------


def test_functions_panel_adds_renames_and_undoes(window, monkeypatch):
    panel, stack = window.functions_panel, window.document.undo_stack
    monkeypatch.setattr(dialogs, "ask_new_function", lambda parent: ("Finance", FunctionKind.CUSTOMER_FACING))
    new_id = panel.add_function()
    function = window.document.workshop.function(new_id)
    assert function.name == "Finance" and function.kind == FunctionKind.CUSTOMER_FACING
    texts = list_texts(panel)
    assert texts.index("Finance") < texts.index("Support"), "listed under Customer-facing"
    assert panel.current_id() == new_id

    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": "Finance & Controlling")
    panel.rename_current()
    assert window.document.workshop.function(new_id).name == "Finance & Controlling"
    stack.undo()
    assert window.document.workshop.function(new_id).name == "Finance"
    stack.undo()
    assert window.document.workshop.function(new_id) is None
    assert not any(t.startswith("Finance") for t in list_texts(panel))


def test_a_function_added_as_support_is_listed_and_banded_as_support(window, monkeypatch):
    panel = window.functions_panel
    monkeypatch.setattr(dialogs, "ask_new_function", lambda parent: ("Facilities", FunctionKind.SUPPORT))
    new_id = panel.add_function()
    assert window.document.workshop.function(new_id).kind == FunctionKind.SUPPORT
    texts = list_texts(panel)
    assert texts.index("Facilities") > texts.index("Support"), "listed under Support"


def test_the_add_function_dialog_asks_the_kind_and_needs_a_name(qtbot):
    dialog = dialogs.NewFunctionDialog()
    qtbot.addWidget(dialog)
    ok = dialog._ok
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "  Facilities ")
    assert ok.isEnabled()
    dialog.support.click()
    assert dialog.answer() == ("Facilities", FunctionKind.SUPPORT)


def test_functions_panel_switches_kind_and_colour_through_undo(window, monkeypatch):
    panel, stack = window.functions_panel, window.document.undo_stack
    panel.select("f-it")
    panel.toggle_kind()
    assert window.document.workshop.function("f-it").kind == FunctionKind.CUSTOMER_FACING
    assert stack.undoText() == "Edit function IT"
    monkeypatch.setattr(dialogs, "ask_colour", lambda parent, initial: "#123456")
    panel.recolour()
    assert window.document.workshop.function("f-it").colour == "#123456"
    stack.undo()
    stack.undo()
    it = window.document.workshop.function("f-it")
    assert (it.kind, it.colour) == (FunctionKind.SUPPORT, "#8854D0")
    assert window.document.workshop.relations_of("f-it"), "undo brings back IT's internal customers"


def test_removing_a_function_is_one_undo_step_with_its_goals(window):
    panel, ws = window.functions_panel, window.document.workshop
    goals_before = len(ws.goals)
    panel.select("f-hr")
    panel.remove_current()
    assert window.document.workshop.function("f-hr") is None
    assert len(window.document.workshop.goals) < goals_before
    window.document.undo_stack.undo()
    assert window.document.workshop.function("f-hr") is not None
    assert len(window.document.workshop.goals) == goals_before


def test_a_refused_name_shows_in_the_status_bar(window, monkeypatch):
    window.functions_panel.select("f-it")
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": "   ")
    window.functions_panel.rename_current()
    assert window.document.workshop.function("f-it").name == "IT"
    assert window.statusBar().currentMessage() == "A function needs a name."


# --- palette ------------------------------------------------------------------------------------


def test_palette_tiles_carry_card_requests_for_every_function(window):
    tiles = window.palette_panel.tiles
    requests = [window.palette_panel.request_at(row) for row in range(tiles.count())]
    requests = [r for r in requests if r is not None]
    assert requests[0].kind == "strategic"
    goal_functions = {r.function_id for r in requests if r.kind == "goal"}
    assert goal_functions == {f.id for f in window.document.workshop.functions}
    from ui import mime

    item = next(tiles.item(i) for i in range(tiles.count()) if window.palette_panel.request_at(i) == requests[1])
    decoded = mime.decode(tiles.mimeData([item]))
    assert decoded == requests[1]


def test_activating_a_palette_tile_adds_a_card_in_one_undo_step(window):
    tiles = window.palette_panel.tiles
    row = next(i for i in range(tiles.count()) if (r := window.palette_panel.request_at(i)) and r.kind == "goal")
    function_id = window.palette_panel.request_at(row).function_id
    count = len(window.document.workshop.goals_of(function_id))
    tiles.itemActivated.emit(tiles.item(row))
    assert len(window.document.workshop.goals_of(function_id)) == count + 1
    window.document.undo_stack.undo()
    assert len(window.document.workshop.goals_of(function_id)) == count


def test_a_card_made_from_the_palette_by_keyboard_opens_for_typing_its_text(open_window, qtbot):
    window = open_window(activate=True)
    tiles = window.palette_panel.tiles
    row = next(i for i in range(tiles.count()) if (r := window.palette_panel.request_at(i)) and r.kind == "goal")
    tiles.setFocus()
    tiles.setCurrentRow(row)
    qtbot.keyClick(tiles, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.board.board_scene.editor is not None)
    qtbot.keyClicks(window.board.viewport(), "Answer every call within a minute")
    qtbot.keyClick(window.board.viewport(), Qt.Key.Key_Return)
    texts = [g.text for g in window.document.workshop.goals]
    assert "Answer every call within a minute" in texts


# --- outline ------------------------------------------------------------------------------------


def test_outline_mirrors_model_changes(window, qtbot):
    outline = window.outline_panel
    assert outline.find_item("g-loyalty") is not None
    change = window.document.run(ops.add_goal, "Faster onboarding of new hires", "f-hr")
    qtbot.waitUntil(lambda: outline.find_item(change.created_id) is not None, timeout=3000)
    item = outline.find_item(change.created_id)
    assert item.text(0) == "Faster onboarding of new hires"
    assert item.parent().data(0, ID_ROLE) == "f-hr"
    window.document.run(ops.update_goal, change.created_id, text="Onboarding in a week")
    qtbot.waitUntil(lambda: outline.find_item(change.created_id).text(0) == "Onboarding in a week", timeout=3000)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: outline.find_item(change.created_id) is None, timeout=3000)


def test_outline_lists_links_under_their_goal_and_selects_on_activation(window, qtbot):
    outline = window.outline_panel
    link_item = outline.find_item("l-sales-loyalty")
    assert link_item.parent().data(0, ID_ROLE) == "g-sales-match"
    assert "Increase customer loyalty" in link_item.text(0)
    assert outline.tree.accessibleName()
    window.document.run(ops.update_goal, "g-loyalty", text="Customers stay")
    assert outline.find_item("g-loyalty").text(0) == "Customers stay"
    assert outline.find_item("l-sales-loyalty").text(0).endswith("Customers stay"), "links quote their target"
    with qtbot.waitSignal(outline.idsActivated) as signal:
        outline.tree.itemActivated.emit(outline.find_item("g-sales-match"), 0)
    assert signal.args == [["g-sales-match"]]
    assert window.board.selected_ids() == ["g-sales-match"]


# --- findings -----------------------------------------------------------------------------------


def test_clicking_a_finding_selects_its_cards(window, qtbot):
    analysis = Analysis(
        findings=(
            Finding("orphan", Severity.WARNING, "Nothing links to “Resolve tickets fast”.", ("g-support-fast",)),
            Finding(
                "around-not-via",
                Severity.ERROR,
                "A support goal skips its internal customers.",
                ("g-sales-match", "g-loyalty"),
                hint="Link it to a goal of the function it serves.",
            ),
        ),
        score=64,
    )
    window._on_analysed(analysis)
    panel = window.findings_panel
    window.findings_dock.raise_()
    assert panel.group_titles() == ["Errors (1)", "Warnings (1)"]
    assert window.score_label.text().startswith("Alignment 64/100 · ")
    error_item = panel.finding_items()[0]
    assert error_item.text() == "A support goal skips its internal customers."
    rect = panel.list.visualItemRect(error_item)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sorted(window.board.selected_ids()) == ["g-loyalty", "g-sales-match"]
    assert "Link it to a goal of the function it serves." in error_item.toolTip()


def test_analysis_runner_feeds_findings_after_an_edit(window, qtbot):
    seen = []
    window.runner.analysed.connect(seen.append)
    window.runner.set_analyser(lambda ws: Analysis(score=len(ws.goals)))
    window.document.run(ops.add_goal, "One more strategic goal")
    window.document.run(ops.add_goal, "And another")
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert len(seen) == 1, "a burst of edits gives one analysis"
    assert window.score_label.text().startswith(f"Alignment {len(window.document.workshop.goals)}/100 · ")
    window.document.run(ops.move_cards, {"g-loyalty": (5.0, 5.0)})
    assert not window.runner._timer.isActive(), "moving cards cannot change a finding: no new run"
    assert len(seen) == 1


# --- properties ---------------------------------------------------------------------------------


def test_typing_a_goal_text_is_one_undo_step_per_edit_session(window, qtbot):
    props, stack = window.properties_panel, window.document.undo_stack
    window.board.select_ids(["g-loyalty"])
    props.show_ids(["g-loyalty"])
    assert props.shown == ("goal", "g-loyalty")
    assert props.goal_text.toPlainText() == "Increase customer loyalty"
    start = stack.count()

    props.goal_text.moveCursor(props.goal_text.textCursor().MoveOperation.End)
    qtbot.keyClicks(props.goal_text, " for good")
    assert window.document.workshop.goal("g-loyalty").text == "Increase customer loyalty for good"
    assert stack.count() == start + 1

    props._end_session()  # leaving the field ends the session
    qtbot.keyClicks(props.goal_text, "!")
    assert stack.count() == start + 2
    stack.undo()
    assert window.document.workshop.goal("g-loyalty").text == "Increase customer loyalty for good"
    stack.undo()
    assert window.document.workshop.goal("g-loyalty").text == "Increase customer loyalty"
    assert props.goal_text.toPlainText() == "Increase customer loyalty", "the editor follows undo"


def test_properties_edit_measure_function_and_link(window, qtbot):
    props, ws = window.properties_panel, window.document.workshop
    props.show_ids(["g-support-fast"])
    props.goal_measure.selectAll()
    qtbot.keyClicks(props.goal_measure, "Tickets closed on first contact")
    assert window.document.workshop.goal("g-support-fast").measure == "Tickets closed on first contact"
    index = props.goal_function.findData("f-service")
    props.goal_function.activated.emit(index)
    assert window.document.workshop.goal("g-support-fast").function_id == "f-service"

    link = next(lk for lk in ws.links if lk.kind == "contributes")
    props.show_ids([link.id])
    assert props.shown == ("link", link.id)
    props.link_kind.activated.emit(props.link_kind.findData("direct_impact"))
    qtbot.keyClicks(props.link_reason, "Purchasing policy sets most costs")
    edited = window.document.workshop.find("links", link.id)
    assert edited.kind == "direct_impact" and edited.reason == "Purchasing policy sets most costs"


def test_properties_show_plain_text_and_function_fields(window):
    props = window.properties_panel
    window.document.run(ops.update_goal, "g-loyalty", text="<b>R&D</b> first")
    props.show_ids(["g-loyalty"])
    assert props.goal_text.toPlainText() == "<b>R&D</b> first"
    window.functions_panel.select("f-sales")
    assert props.shown == ("function", "f-sales")
    assert props.function_name.text() == "Sales"
    props.show_ids(["g-loyalty", "g-expenditure"])
    assert props.shown == (None, None)
    assert "2 items" in props.empty.text()


def test_a_failing_analysis_is_said_plainly(window, qtbot):
    def broken(ws):
        raise ValueError("graph too odd")

    window.runner.set_analyser(broken)
    window.runner.run_now()
    assert "alignment check failed" in window.statusBar().currentMessage()
    assert "graph too odd" in window.findings_panel.summary.text()


def test_pinning_a_card_the_board_placed_keeps_it_where_it_is_seen(window):
    props, ws = window.properties_panel, window.document.workshop
    assert "g-engagement" not in ws.positions
    seen = window.board.shown_position("g-engagement")
    assert seen is not None
    props.show_ids(["g-engagement"])
    props.goal_pinned.click()
    position = window.document.workshop.positions["g-engagement"]
    assert (position.x, position.y, position.pinned) == (*seen, True)
    assert props.goal_pinned.isChecked()
    window.document.undo_stack.undo()
    assert "g-engagement" not in window.document.workshop.positions, "one undo step takes back place and pin"
