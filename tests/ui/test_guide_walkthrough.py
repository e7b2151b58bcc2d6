"""Walking HR through the four questions from an empty tree, with keys and buttons only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from ui.document import Document
from ui.guide.panel import GuidePanel
from workshop import ops
from workshop.model import Workshop

HR_RESULT = "Fill vacant posts within 30 days with people who fit"


def empty_tree() -> Workshop:
    """The demo's strategy, functions and Customer Service goal traced to loyalty; nothing about HR."""
    ws = Workshop()
    ops.add_goal(ws, "Increase customer loyalty", id="g-loyalty")
    ops.add_goal(ws, "Reduce expenditure", id="g-expenditure")
    ops.add_goal(ws, "Raise employee engagement", id="g-engagement")
    ops.add_function(ws, "Sales", "customer_facing", id="f-sales")
    ops.add_function(ws, "Customer Service", "customer_facing", id="f-service")
    ops.add_function(ws, "Customer Support", "customer_facing", id="f-support")
    ops.add_function(ws, "IT", "support", id="f-it")
    ops.add_function(ws, "HR", "support", id="f-hr")
    ops.add_function(ws, "Procurement", "support", id="f-procurement")
    ops.add_goal(ws, "Helpful, friendly, respectful service", "f-service", id="g-service-respect")
    ops.link(ws, "g-service-respect", "g-loyalty", id="l-service-loyalty")
    return ws


@pytest.fixture
def panel(qtbot) -> GuidePanel:
    document = Document(empty_tree())
    widget = GuidePanel(document)
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def tick(qtbot, entries: QListWidget, text: str) -> None:
    """Move to the entry that starts with `text` and tick it with Space, as a keyboard user would."""
    rows = [i for i in range(entries.count()) if entries.item(i).text().startswith(text)]
    assert rows, f"no entry '{text}' in {[entries.item(i).text() for i in range(entries.count())]}"
    entries.setFocus()
    entries.setCurrentRow(rows[0])
    qtbot.keyClick(entries, Qt.Key.Key_Space)


def next_step(qtbot, panel: GuidePanel) -> None:
    focus = panel.focusWidget() or panel
    qtbot.keyClick(focus, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)


def walk_hr(qtbot, panel: GuidePanel) -> None:
    ws = panel.document.workshop
    panel.go_to("question:f-hr:1", take_focus=True)

    # Q1: HR serves Customer Service
    tick(qtbot, panel.current_view().served, "Customer Service")
    qtbot.waitUntil(lambda: [(r.supplier_id, r.customer_id) for r in ws.relations] == [("f-hr", "f-service")])

    next_step(qtbot, panel)
    assert panel.current_step().key == "question:f-hr:2"
    # Q2: the customer goal that matters, already traced to loyalty
    section = panel.current_view().sections[0]
    assert "Increase customer loyalty" in section.goals.item(0).text()
    tick(qtbot, section.goals, "Helpful, friendly")
    qtbot.waitUntil(lambda: ws.relations[0].customer_goal_ids == ["g-service-respect"])

    next_step(qtbot, panel)
    assert panel.current_step().key == "question:f-hr:3"
    # Q3: helps and hindrances, typed and entered
    section = panel.current_view().sections[0]
    section.add_help.setFocus()
    qtbot.keyClicks(section.add_help, "Service training programme for new starters")
    qtbot.keyClick(section.add_help, Qt.Key.Key_Return)
    section.add_hindrance.setFocus()
    qtbot.keyClicks(section.add_hindrance, "Vacant posts stay open for three months")
    qtbot.keyClick(section.add_hindrance, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.relations[0].hindrances == ["Vacant posts stay open for three months"])

    next_step(qtbot, panel)
    assert panel.current_step().key == "question:f-hr:4"
    # Q4: the result, linked to the customer goal it serves, with measure and target
    view = panel.current_view()
    assert view.serves.currentData() == "g-service-respect"
    qtbot.keyClicks(view.text, HR_RESULT)
    qtbot.keyClick(view.text, Qt.Key.Key_Tab)
    qtbot.keyClick(view.serves, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.measure, "Days from vacancy to start")
    qtbot.keyClick(view.measure, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.target, "30 days")
    qtbot.keyClick(view.target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(ws.goals_of("f-hr")) == 1)


def test_walking_hr_through_the_four_questions_builds_exactly_the_answers(qtbot, panel):
    ws = panel.document.workshop
    links_before = [(lk.source, lk.target) for lk in ws.links]
    goals_before = len(ws.goals)
    walk_hr(qtbot, panel)

    (relation,) = ws.relations
    assert (relation.supplier_id, relation.customer_id) == ("f-hr", "f-service")
    assert relation.customer_goal_ids == ["g-service-respect"]
    assert relation.helps == ["Service training programme for new starters"]
    assert relation.hindrances == ["Vacant posts stay open for three months"]
    (result,) = ws.goals_of("f-hr")
    assert (result.text, result.measure, result.target) == (HR_RESULT, "Days from vacancy to start", "30 days")
    assert len(ws.goals) == goals_before + 1
    assert [(lk.source, lk.target) for lk in ws.links] == [*links_before, (result.id, "g-service-respect")]
    assert ws.kpis == [] and ws.tensions == []
    qtbot.waitUntil(lambda: "HR 4/4" in panel.progress.text())
    assert "IT 0/4" in panel.progress.text()


def test_the_result_and_its_link_are_one_undo_step_and_undo_restores_the_start(qtbot, panel):
    ws = panel.document.workshop
    start = ws.model_dump()
    walk_hr(qtbot, panel)
    after = ws.model_dump()
    stack = panel.document.undo_stack

    stack.undo()
    assert ws.goals_of("f-hr") == []
    assert all(lk.target != "g-service-respect" or lk.source == "g-service-respect" for lk in ws.links)
    assert ws.relations[0].hindrances == ["Vacant posts stay open for three months"]
    while stack.canUndo():
        stack.undo()
    assert ws.model_dump() == start
    while stack.canRedo():
        stack.redo()
    assert ws.model_dump() == after


def test_the_open_step_follows_undo(qtbot, panel):
    walk_hr(qtbot, panel)
    view = panel.current_view()
    qtbot.waitUntil(lambda: view.results.count() == 1)
    assert view.results.item(0).text().startswith(HR_RESULT)
    panel.document.undo_stack.undo()
    qtbot.waitUntil(lambda: view.results.count() == 0)


def test_back_shows_the_earlier_answers(qtbot, panel):
    walk_hr(qtbot, panel)
    focus = panel.focusWidget() or panel
    qtbot.keyClick(focus, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.focusWidget() or panel, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.current_step().key == "question:f-hr:2"
    goals = panel.current_view().sections[0].goals
    assert goals.item(0).checkState() == Qt.CheckState.Checked
    panel.back()
    served = panel.current_view().served
    checked = [
        served.item(i).text() for i in range(served.count()) if served.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["Customer Service"]


def test_an_untraced_customer_goal_can_be_added_and_traced_from_question_2(qtbot, panel):
    ws = panel.document.workshop
    ops.add_relation(ws, "f-hr", "f-service", id="r-hr-service")
    panel.go_to("question:f-hr:2")
    section = panel.current_view().sections[0]
    qtbot.keyClicks(section.add_line, "Answer the phone within a minute")
    qtbot.keyClick(section.add_line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(ws.relations[0].customer_goal_ids) == 1)
    (new_goal,) = [g for g in ws.goals_of("f-service") if g.text == "Answer the phone within a minute"]
    assert ws.relations[0].customer_goal_ids == [new_goal.id]
    qtbot.waitUntil(lambda: section.goals.count() == 2)
    row = next(i for i in range(section.goals.count()) if "Answer the phone" in section.goals.item(i).text())
    assert "not traced" in section.goals.item(row).text()
    section.goals.setCurrentRow(row)
    section.strategic.setCurrentIndex(section.strategic.findData("g-loyalty"))
    qtbot.mouseClick(section.trace_button, Qt.MouseButton.LeftButton)
    assert (new_goal.id, "g-loyalty") in [(lk.source, lk.target) for lk in ws.links]
    qtbot.waitUntil(lambda: "not traced" not in section.goals.item(row).text())
    # adding the goal and choosing it was one step
    panel.document.undo_stack.undo()
    panel.document.undo_stack.undo()
    assert ws.goal(new_goal.id) is None and ws.relations[0].customer_goal_ids == []


def test_the_note_is_typed_into_the_model_as_one_undo_step(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("question:f-hr:1")
    note = panel.current_view().note
    note.setFocus()
    qtbot.keyClicks(note, "Customer Service first")
    assert ws.answer("f-hr", 1).note == "Customer Service first"
    stack = panel.document.undo_stack
    assert stack.count() <= 2  # creating the answer, then every later key merged into one edit
    while stack.canUndo():
        stack.undo()
    assert ws.answer("f-hr", 1) is None
    qtbot.waitUntil(lambda: note.toPlainText() == "")
