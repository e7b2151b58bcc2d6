"""Fixes from the code review: one meaning of "traced", all-or-nothing answers, a lazy review, focus on demand."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.document import Document
from ui.guide.panel import GuidePanel
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.model import Workshop

LONG_STRATEGY = "Become the supplier our customers recommend first, in every region and every channel we sell through"


def _sales_via_it() -> Workshop:
    """Sales' goal hangs on an IT goal that links straight to strategy: the findings call it untraced."""
    ws = customer_loyalty()
    ops.unlink(ws, "l-sales-loyalty")
    ops.link(ws, "g-sales-match", "g-it-loyalty", id="l-sales-it")
    return ws


def _panel(qtbot, ws: Workshop, *, shown: bool = True) -> GuidePanel:
    widget = GuidePanel(Document(ws))
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    if shown:
        widget.show()
        qtbot.waitExposed(widget)
    return widget


def _texts(entries) -> list[str]:
    return [entries.item(i).text() for i in range(entries.count())]


# --- 1. the guide and the findings agree on "traced to strategy" --------------------------------------


def test_question_2_marks_a_customer_goal_untraced_when_the_findings_do(qtbot):
    panel = _panel(qtbot, _sales_via_it())
    panel.go_to("question:f-it:2")
    section = panel.current_view().sections[0]
    assert section.title() == "Sales"
    line = _texts(section.goals)[0]
    assert line.startswith("✗ Match products to each customer's real needs")
    assert "not traced to strategy" in line
    assert "Increase customer loyalty" not in line
    assert section.trace_button.isEnabled()


def test_the_customer_facing_step_marks_the_same_goal_untraced(qtbot):
    panel = _panel(qtbot, _sales_via_it())
    panel.go_to("customer_facing")
    lines = _texts(panel.current_view().goals)
    sales = next(t for t in lines if "Match products" in t)
    assert sales.startswith("✗ Sales: Match products")
    assert "→" not in sales


def test_question_2_focus_leaves_out_a_strategic_goal_the_customer_goal_does_not_reach(qtbot):
    panel = _panel(qtbot, _sales_via_it())
    panel.go_to("question:f-it:2")
    assert "g-sales-match" in panel.current_focus_ids()
    assert "g-loyalty" not in panel.current_focus_ids()


def test_a_support_customer_is_traced_in_its_own_questions_not_by_a_link_to_strategy(qtbot):
    ws = customer_loyalty()
    ops.add_relation(ws, "f-procurement", "f-it", id="r-proc-it")
    panel = _panel(qtbot, ws)
    panel.go_to("question:f-procurement:2")
    section = panel.current_view().sections[0]
    assert section.title() == "IT"
    assert not section.trace_button.isVisibleTo(panel)
    assert not section.strategic.isVisibleTo(panel)
    assert section.via_own.isVisibleTo(panel)
    assert "IT is a support function" in section.via_own.text()
    assert any(t.startswith("✗ IT will raise customer loyalty") for t in _texts(section.goals))


def test_a_customer_facing_customer_keeps_its_trace_row(qtbot):
    panel = _panel(qtbot, customer_loyalty())
    panel.go_to("question:f-it:2")
    section = panel.current_view().sections[0]
    assert section.trace_button.isVisibleTo(panel)
    assert not section.via_own.isVisibleTo(panel)


# --- 2. several edits as one step: all or nothing --------------------------------------------------


def test_a_result_whose_link_fails_half_way_leaves_no_goal_behind(qtbot, monkeypatch):
    panel = _panel(qtbot, customer_loyalty())
    ws = panel.document.workshop
    panel.go_to("question:f-hr:4")
    view = panel.current_view()
    before, steps = ws.model_dump(), panel.document.undo_stack.count()

    def broken_link(*args, **kwargs):
        raise RuntimeError("a bug in link")

    monkeypatch.setattr(ops, "link", broken_link)
    view.text.setText("Onboard new service staff in a week")
    with pytest.raises(RuntimeError):
        view.submit()
    assert ws.model_dump() == before
    assert panel.document.undo_stack.count() == steps


def test_a_refused_half_of_an_answer_is_told_in_the_guide_and_undoes_the_first_half(qtbot):
    panel = _panel(qtbot, customer_loyalty())
    ws = panel.document.workshop
    panel.go_to("direct_impact:f-hr")
    view = panel.current_view()
    before = ws.model_dump()
    view.new_goal.setText("Run the staff survey ourselves")
    view.strategic.addItem("A goal deleted meanwhile", "g-gone")
    view.strategic.setCurrentIndex(view.strategic.count() - 1)
    view.reason.setText("No one else runs it.")
    view.declare()
    assert ws.model_dump() == before
    assert panel.message.text()
    assert view.new_goal.text() == "Run the staff survey ourselves"  # kept, so the room can fix the choice


def test_an_answer_of_two_edits_is_one_undo_step(qtbot):
    panel = _panel(qtbot, customer_loyalty())
    ws = panel.document.workshop
    panel.go_to("question:f-hr:4")
    view = panel.current_view()
    before, steps = ws.model_dump(), panel.document.undo_stack.count()
    view.text.setText("Onboard new service staff in a week")
    view.submit()
    added = [g for g in ws.goals if g.text == "Onboard new service staff in a week"]
    assert len(added) == 1 and any(link.source == added[0].id for link in ws.links)
    assert panel.document.undo_stack.count() == steps + 1
    panel.document.undo_stack.undo()
    assert ws.model_dump() == before


# --- 3. one shortener; per-customer sections; a lazy review ----------------------------------------


def test_a_long_strategic_goal_is_cut_at_a_word_in_the_trace_combo(qtbot):
    ws = customer_loyalty()
    ops.add_goal(ws, LONG_STRATEGY, id="g-long")
    panel = _panel(qtbot, ws)
    panel.go_to("question:f-it:2")
    combo = panel.current_view().sections[0].strategic
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[-1] == "Become the supplier our customers recommend first, in every region and every…"


@pytest.mark.parametrize("question", [2, 3])
def test_the_per_customer_sections_follow_the_internal_customers(qtbot, question):
    panel = _panel(qtbot, customer_loyalty())
    doc = panel.document
    panel.go_to(f"question:f-hr:{question}")
    view = panel.current_view()
    assert [s.title() for s in view.sections] == ["Customer Service"]
    doc.run(ops.add_relation, "f-hr", "f-sales")
    qtbot.waitUntil(lambda: [s.title() for s in view.sections] == ["Customer Service", "Sales"])
    chain = view.tab_chain()
    assert chain[-1] is view.note
    assert view.primary_input() is chain[0]
    assert len(chain) == 2 * 4 + 1
    for relation in list(doc.workshop.relations_of("f-hr")):
        doc.run(ops.remove_relation, relation.id)
    qtbot.waitUntil(lambda: view.sections == [])
    assert view.empty.isVisibleTo(panel)
    assert view.primary_input() is None


@pytest.fixture
def analyse_calls(monkeypatch) -> list:
    import workshop.analysis
    from ui.guide import review_step

    calls: list = []
    real = workshop.analysis.analyse

    def counting(ws):
        calls.append(ws)  # which workshop: a window a test before left behind may still analyse its own
        return real(ws)

    monkeypatch.setattr(workshop.analysis, "analyse", counting)
    monkeypatch.setattr(review_step, "analyse", counting, raising=False)
    return calls


def _of(calls: list, panel) -> list:
    """The analyses of this panel's workshop only."""
    return [ws for ws in calls if ws is panel.document.workshop]


def test_a_hidden_guide_does_not_analyse_until_it_is_shown(qtbot, analyse_calls):
    panel = _panel(qtbot, customer_loyalty(), shown=False)
    panel.go_to("review")
    panel.document.run(ops.remove_goal, "g-it-loyalty")
    panel.document.run(ops.remove_goal, "g-hr-development")
    QApplication.processEvents()
    assert _of(analyse_calls, panel) == []
    panel.show()
    qtbot.waitExposed(panel)
    assert len(_of(analyse_calls, panel)) == 1
    texts = _texts(panel.current_view().findings)
    assert not any("IT will raise" in t for t in texts)


def test_the_review_analyses_again_only_after_the_findings_could_have_changed(qtbot, analyse_calls):
    panel = _panel(qtbot, customer_loyalty())
    panel.go_to("review")
    view = panel.current_view()
    assert len(_of(analyse_calls, panel)) == 1
    view.refresh()
    panel.document.run(ops.move_cards, {"g-loyalty": (40.0, 40.0)})
    QApplication.processEvents()
    assert len(_of(analyse_calls, panel)) == 1
    before = view.score.text()
    panel.document.run(ops.remove_goal, "g-it-loyalty")
    qtbot.waitUntil(lambda: view.score.text() != before)
    assert len(_of(analyse_calls, panel)) == 2


def test_steps_other_than_the_review_never_analyse(qtbot, analyse_calls):
    panel = _panel(qtbot, customer_loyalty())
    for key in ("strategy", "question:f-hr:2", "kpis", "export"):
        panel.go_to(key)
        panel.document.run(ops.add_goal, f"Another strategic goal for {key}")
        QApplication.processEvents()
    assert _of(analyse_calls, panel) == []


# --- 4. the focus of the open step, on demand -------------------------------------------------------


def test_the_window_can_ask_which_cards_the_open_step_focuses(qtbot):
    panel = _panel(qtbot, customer_loyalty())
    panel.go_to("strategy")
    assert sorted(panel.current_focus_ids()) == ["g-engagement", "g-expenditure", "g-loyalty"]
    panel.go_to("question:f-hr:2")
    assert {"g-service-respect", "g-loyalty"} <= set(panel.current_focus_ids())
    panel.go_to("review")
    assert panel.current_focus_ids() == []
    view = panel.current_view()
    row = next(i for i, t in enumerate(_texts(view.findings)) if "IT will raise" in t)
    view.findings.setCurrentRow(row + 1)  # the list opens on its first row: choosing it again is no change
    view.findings.setCurrentRow(row)
    assert "g-it-loyalty" in panel.current_focus_ids()


def test_the_focus_asked_for_includes_a_card_added_a_moment_ago(qtbot):
    panel = _panel(qtbot, customer_loyalty())
    panel.go_to("strategy")
    change = panel.document.run(ops.add_goal, "Grow into two new markets")
    assert change.created_id in panel.current_focus_ids()


def test_clicking_the_first_finding_focuses_its_cards_although_the_list_opens_on_it(qtbot):
    from PySide6.QtCore import Qt

    panel = _panel(qtbot, customer_loyalty())
    panel.go_to("review")
    view = panel.current_view()
    assert view.findings.currentRow() == 0
    assert "IT will raise" in view.findings.item(0).text()
    rect = view.findings.visualItemRect(view.findings.item(0))
    with qtbot.waitSignal(panel.focusRequested) as blocker:
        qtbot.mouseClick(view.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "g-it-loyalty" in blocker.args[0]
