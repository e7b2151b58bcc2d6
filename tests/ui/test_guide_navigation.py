"""Moving through the guide: keys, skipping and revisiting, the board's focus, the export button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from ui.document import Document
from ui.guide.panel import GuidePanel
from workshop import ops
from workshop.examples import customer_loyalty


@pytest.fixture
def panel(qtbot) -> GuidePanel:
    widget = GuidePanel(Document(customer_loyalty()))
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def key(qtbot, panel: GuidePanel, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(panel.focusWidget() or panel, k, modifier)


def test_every_step_can_be_reached_with_the_keyboard_and_back(qtbot, panel):
    count = len(panel.steps())
    panel.focus_input()
    for expected in range(1, count):
        key(qtbot, panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert panel.current_index() == expected
    assert panel.current_step().key == "export"
    key(qtbot, panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert panel.current_index() == count - 1
    key(qtbot, panel, Qt.Key.Key_PageUp)
    assert panel.current_step().key == "review"
    key(qtbot, panel, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.current_step().key == "decisions"


def test_ctrl_enter_and_page_down_also_move_on(qtbot, panel):
    panel.focus_input()
    key(qtbot, panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.current_step().key == "functions"
    key(qtbot, panel, Qt.Key.Key_PageDown)
    assert panel.current_step().key == "customer_facing"


def test_ctrl_n_puts_the_cursor_in_the_answer_input(qtbot, panel):
    panel.go_to("question:f-hr:4")
    panel.next_button.setFocus()
    key(qtbot, panel, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.focusWidget() is panel.current_view().text


def test_strategic_goals_can_be_added_with_enter(qtbot, panel):
    ws = panel.document.workshop
    line = panel.current_view().add_line
    qtbot.keyClicks(line, "Grow into new markets")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert [g.text for g in ws.strategic_goals()][-1] == "Grow into new markets"
    assert line.text() == ""
    qtbot.waitUntil(lambda: panel.current_view().goals.count() == 4)


def test_a_skipped_question_is_recorded_shown_on_return_and_can_be_unskipped(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("question:f-procurement:3")
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    assert ws.answer("f-procurement", 3).skipped is True
    assert panel.current_step().key == "question:f-procurement:4"
    assert not panel.skipped.isVisible()

    key(qtbot, panel, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.current_step().key == "question:f-procurement:3"
    assert panel.skipped.isVisible() and "Skipped" in panel.skipped.text()
    assert panel.skip_button.text() == "Unskip"
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    assert ws.answer("f-procurement", 3).skipped is False
    assert panel.current_step().key == "question:f-procurement:3"
    qtbot.waitUntil(lambda: not panel.skipped.isVisible())


def test_skipping_undoes_like_any_other_edit(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("question:f-procurement:2")
    panel.toggle_skip()
    panel.document.undo_stack.undo()
    assert ws.answer("f-procurement", 2) is None


def test_only_questions_can_be_skipped(panel):
    panel.go_to("kpis")
    assert not panel.skip_button.isVisible()
    panel.go_to("question:f-it:1")
    assert panel.skip_button.isVisible()


def test_each_step_asks_the_board_to_focus_on_its_cards(qtbot, panel):
    with qtbot.waitSignal(panel.focusRequested) as blocker:
        panel.go_to("question:f-hr:4")
    assert {"g-hr-vacancies", "g-service-respect"} <= set(blocker.args[0])
    with qtbot.waitSignal(panel.focusRequested) as blocker:
        panel.go_to("review")
    assert blocker.args[0] == []


def test_focus_follows_new_cards_while_the_step_is_open(qtbot, panel):
    panel.go_to("question:f-procurement:1")
    with qtbot.waitSignal(panel.focusRequested, timeout=2000) as blocker:
        panel.document.run(ops.add_goal, "Cheaper laptops", "f-procurement", id="g-laptops")
    assert "g-laptops" in blocker.args[0]


def test_progress_per_support_function_is_shown_and_follows_the_model(qtbot, panel):
    assert "IT 4/4" in panel.progress.text() and "Procurement 0/4" in panel.progress.text()
    panel.go_to("question:f-procurement:1")
    served = panel.current_view().served
    row = next(i for i in range(served.count()) if served.item(i).text() == "Sales")
    served.setFocus()
    served.setCurrentRow(row)
    qtbot.keyClick(served, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Procurement 1/4" in panel.progress.text())


def test_removing_the_current_function_keeps_the_guide_on_a_valid_step(qtbot, panel):
    panel.go_to("question:f-procurement:2")
    panel.document.run(ops.remove_function, "f-procurement")
    qtbot.waitUntil(lambda: not panel.current_step().key.startswith("question:f-procurement"))
    assert panel.current_view() is not None


def test_a_new_workshop_starts_the_guide_again(qtbot, panel):
    panel.go_to("tensions")
    panel.document.replace(customer_loyalty(), None)
    assert panel.current_step().key == "strategy"


def test_a_refused_answer_is_explained_in_the_panel(qtbot, panel):
    panel.go_to("customer_facing")
    view = panel.current_view()
    row = next(i for i in range(view.goals.count()) if "Match products" in view.goals.item(i).text())
    view.goals.setCurrentRow(row)
    view.serves.setCurrentIndex(view.serves.findData("g-loyalty"))
    links = len(panel.document.workshop.links)
    qtbot.mouseClick(view.trace_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "These goals are already linked."
    assert len(panel.document.workshop.links) == links


def test_the_export_step_asks_the_window_for_the_report(qtbot, panel):
    panel.go_to("export")
    with qtbot.waitSignal(panel.exportRequested):
        qtbot.mouseClick(panel.current_view().button, Qt.MouseButton.LeftButton)


def test_projector_mode_uses_larger_type(qtbot, panel):
    """The strip's inputs and Back/Next are larger than the desk's; its question is the largest type in it."""
    desk_title, desk_button = panel.title.fontInfo().pixelSize(), panel.next_button.fontInfo().pixelSize()
    panel.set_projector(True)
    assert panel.next_button.fontInfo().pixelSize() >= desk_button * 1.15
    assert panel.next_button.fontInfo().pixelSize() >= 16, "like the text on the projected cards"
    assert panel.title.fontInfo().pixelSize() >= 20
    assert panel.title.fontInfo().pixelSize() > panel.next_button.fontInfo().pixelSize()
    panel.set_projector(False)
    assert panel.title.fontInfo().pixelSize() == desk_title


def test_inputs_have_accessible_names(panel):
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

    QSpinBoxLike = QAbstractSpinBox  # noqa: N806 - the line edit inside a spin box is named by its box

    for index in range(len(panel.steps())):
        panel.go_to(index)
        view = panel.current_view()
        inputs = [w for cls in (QLineEdit, QComboBox, QListWidget, QPlainTextEdit) for w in view.findChildren(cls)]
        for widget in inputs:
            if isinstance(widget.parent(), QComboBox | QSpinBoxLike):
                continue
            assert widget.accessibleName(), f"{panel.current_step().key}: {type(widget).__name__} has no name"


def test_the_review_shows_the_score_and_choosing_a_finding_focuses_its_cards(qtbot, panel):
    from workshop.analysis import analyse

    analysis = analyse(panel.document.workshop)
    panel.go_to("review")
    view = panel.current_view()
    assert f"{analysis.score} of 100" in view.score.text()
    assert view.findings.count() == len(analysis.findings)
    around = next(i for i, f in enumerate(analysis.findings) if f.rule == "around-not-via")
    view.findings.setCurrentRow(0 if around else 1)
    with qtbot.waitSignal(panel.focusRequested) as blocker:
        view.findings.setCurrentRow(around)
    assert blocker.args[0] == list(analysis.findings[around].subjects)
    assert "g-it-loyalty" in blocker.args[0]


def test_the_review_says_so_when_the_analysis_fails(qtbot, panel, monkeypatch):
    from ui.guide import review_step

    def broken(ws):
        raise ValueError("a goal without a band")

    monkeypatch.setattr(review_step, "analyse", broken)
    panel.go_to("review")
    assert "could not run on this workshop: a goal without a band" in panel.current_view().score.text()
    assert panel.current_view().findings.count() == 0


def test_the_review_follows_fixes_made_while_it_is_open(qtbot, panel):
    panel.go_to("review")
    view = panel.current_view()
    before = view.score.text()
    panel.document.run(ops.remove_goal, "g-it-loyalty")
    qtbot.waitUntil(lambda: view.score.text() != before)
    assert not any("IT will raise" in view.findings.item(i).text() for i in range(view.findings.count()))


def test_ctrl_n_in_the_guide_does_not_block_the_windows_new_action(qtbot):
    """File > New also uses Ctrl+N: inside the guide it adds an answer, elsewhere New still works."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QSplitter

    window = QMainWindow()
    qtbot.addWidget(window)
    panel = GuidePanel(Document(customer_loyalty()))
    elsewhere = QLineEdit()
    splitter = QSplitter()
    splitter.addWidget(elsewhere)
    splitter.addWidget(panel)
    window.setCentralWidget(splitter)
    new_hits = []
    new = QAction("New", window)
    new.setShortcut(QKeySequence("Ctrl+N"))
    new.triggered.connect(lambda: new_hits.append(1))
    window.addAction(new)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()

    panel.go_to("question:f-hr:4")
    panel.next_button.setFocus()
    qtbot.keyClick(panel.next_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert panel.focusWidget() is panel.current_view().text
    assert new_hits == []
    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new_hits == [1]


def test_tab_reads_a_question_top_to_bottom_then_reaches_the_timer_and_next(qtbot, panel):
    panel.go_to("question:f-hr:3", take_focus=True)
    view = panel.current_view()
    section = view.sections[0]
    expected = [
        section.helps,
        section.add_hindrance,
        section.hindrances,
        view.note,
        panel.timer.minutes,
        panel.timer.start_button,
        panel.timer.reset_button,
        panel.back_button,
        panel.skip_button,
        panel.next_button,
    ]
    assert panel.focusWidget() is section.add_help
    visited = []
    for _ in expected:
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
        focus = panel.focusWidget()
        visited.append(focus.parent() if focus.parent() is panel.timer.minutes else focus)
    assert visited == expected


def test_a_missing_internal_customer_is_created_and_served_in_one_undo_step(qtbot, panel):
    ws = panel.document.workshop
    functions, relations = len(ws.functions), len(ws.relations)
    panel.go_to("question:f-procurement:1")
    view = panel.current_view()
    view.kind.setCurrentIndex(view.kind.findData("support"))
    qtbot.keyClicks(view.add_line, "Facilities")
    qtbot.keyClick(view.add_line, Qt.Key.Key_Return)
    (facilities,) = [f for f in ws.functions if f.name == "Facilities"]
    assert facilities.kind == "support"
    assert ("f-procurement", facilities.id) in [(r.supplier_id, r.customer_id) for r in ws.relations]
    panel.document.undo_stack.undo()
    assert (len(ws.functions), len(ws.relations)) == (functions, relations)


def test_a_customer_facing_goal_is_added_with_its_link_to_strategy(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("customer_facing")
    view = panel.current_view()
    view.function.setCurrentIndex(view.function.findData("f-support"))
    view.serves.setCurrentIndex(view.serves.findData("g-loyalty"))
    qtbot.keyClicks(view.add_line, "Answer within one working day")
    qtbot.keyClick(view.add_line, Qt.Key.Key_Return)
    (goal,) = [g for g in ws.goals if g.text == "Answer within one working day"]
    assert goal.function_id == "f-support"
    assert (goal.id, "g-loyalty") in [(lk.source, lk.target) for lk in ws.links]
    qtbot.waitUntil(
        lambda: any("Answer within one working day  →" in view.goals.item(i).text() for i in range(view.goals.count()))
    )
    panel.document.undo_stack.undo()
    assert ws.goal(goal.id) is None and all(lk.source != goal.id for lk in ws.links)


def test_a_phones_suggestion_reaches_the_review_but_leaves_other_steps_alone(qtbot, panel):
    """The room posting re-reads only the review (its findings list pending suggestions): other steps
    keep their widgets, so a hundred phones do not re-fill the open step per post."""
    from workshop import user_ops

    panel.go_to(1)
    other = panel.current_view()
    refreshed = []
    other.refresh = lambda: refreshed.append(True)  # what the panel calls to re-read a step
    panel.document.run(user_ops.suggest_goal_as, "Shorter onboarding", None, participant="phone-0001")
    panel.document.run(user_ops.disclose, "hindrance", "Approvals take a week", None)
    QCoreApplication.processEvents()  # the panel re-reads its step on the next turn of the loop, if at all
    assert refreshed == []
    panel.go_to("review")
    view = panel.current_view()
    before = view.findings.count()
    with qtbot.waitSignal(panel.focusRequested) as chosen:
        view.findings.setCurrentRow(1)
    focused = []
    panel.focusRequested.connect(focused.append)
    panel.document.run(user_ops.suggest_goal_as, "Fewer handovers", None, participant="phone-0002")
    qtbot.waitUntil(lambda: view.findings.count() == before + 1)
    texts = [view.findings.item(r).text() for r in range(before + 1)]
    assert any("Fewer handovers" in text and "waits for your decision" in text for text in texts)
    assert chosen.args[0] and [] not in focused  # the board keeps showing the finding the facilitator chose


def test_with_many_support_functions_the_progress_is_summed_up_not_listed(qtbot):
    """A big workshop's hundred support functions filled the whole panel with names: past a few, the
    header says how the open step's function stands and how many functions are done."""
    ws = customer_loyalty()
    for number in range(12):
        ops.add_function(ws, f"Extra support {number}", "support", "#888888", id=f"f-extra-{number}")
    panel = GuidePanel(Document(ws))
    qtbot.addWidget(panel)
    panel.resize(900, 1000)
    panel.show()
    total = len(ws.support_functions())
    done = sum(1 for function in ws.support_functions() if function.id in ("f-it", "f-hr"))  # the demo's
    text = panel.progress.text()
    assert f"all four for {done} of {total} support functions" in text
    assert "Extra support 3" not in text
    panel.go_to("question:f-procurement:1")
    assert "▶ Procurement 0/4" in panel.progress.text()
