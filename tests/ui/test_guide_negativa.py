"""The via-negativa round: KPIs, tensions, weaknesses and decisions typed in the guide become model data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from ui.document import Document
from ui.guide.panel import GuidePanel
from workshop import ops
from workshop.model import KpiScope, Workshop


def small_workshop() -> Workshop:
    ws = Workshop()
    ops.add_goal(ws, "Increase customer loyalty", id="g-loyalty")
    ops.add_function(ws, "Sales", "customer_facing", id="f-sales")
    ops.add_function(ws, "Customer Support", "customer_facing", id="f-support")
    ops.add_function(ws, "IT", "support", id="f-it")
    return ws


@pytest.fixture
def panel(qtbot) -> GuidePanel:
    widget = GuidePanel(Document(small_workshop()))
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(combo, item_id: str) -> None:
    index = combo.findData(item_id)
    assert index >= 0, item_id
    combo.setCurrentIndex(index)


def add_kpi(qtbot, panel, function_id, name, rewards="", scope=KpiScope.LOCAL, incentive="") -> None:
    panel.go_to("kpis")
    view = panel.current_view()
    choose(view.function, function_id)
    choose(view.scope, scope.value)
    qtbot.keyClicks(view.name, name)
    qtbot.keyClicks(view.rewards, rewards)
    qtbot.keyClicks(view.incentive, incentive)
    qtbot.keyClick(view.name, Qt.Key.Key_Return)


def rules(ws: Workshop) -> list[str]:
    from workshop.analysis import analyse

    return [f.rule for f in analyse(ws).findings]


def test_kpis_with_their_incentives_are_recorded(qtbot, panel):
    ws = panel.document.workshop
    add_kpi(qtbot, panel, "f-sales", "New contracts signed", "Every new contract", incentive="Quarterly bonus")
    (kpi,) = ws.kpis
    assert (kpi.function_id, kpi.name, kpi.rewards, kpi.scope, kpi.incentive) == (
        "f-sales",
        "New contracts signed",
        "Every new contract",
        KpiScope.LOCAL,
        "Quarterly bonus",
    )
    view = panel.current_view()
    assert view.name.text() == ""
    qtbot.waitUntil(lambda: view.kpis.count() == 1)
    assert "Quarterly bonus" in view.kpis.item(0).text()
    view.kpis.setFocus()
    view.kpis.setCurrentRow(0)
    qtbot.keyClick(view.kpis, Qt.Key.Key_Delete)
    assert ws.kpis == []


def test_an_unresolved_tension_added_in_the_guide_is_a_finding_until_it_is_ticked(qtbot, panel):
    ws = panel.document.workshop
    add_kpi(qtbot, panel, "f-sales", "New contracts signed")
    add_kpi(qtbot, panel, "f-support", "Time to resolve")
    sales, support = (k.id for k in ws.kpis)
    panel.go_to("tensions")
    view = panel.current_view()
    choose(view.kpi, sales)
    choose(view.against, support)
    qtbot.keyClicks(view.why, "Big contracts bring waves of tickets")
    qtbot.keyClick(view.why, Qt.Key.Key_Return)
    (tension,) = ws.tensions
    assert (tension.kpi_id, tension.against_id, tension.description, tension.resolved) == (
        sales,
        support,
        "Big contracts bring waves of tickets",
        False,
    )
    assert "open-tension" in rules(ws)

    qtbot.waitUntil(lambda: view.tensions.count() == 1)
    view.tensions.setFocus()
    view.tensions.setCurrentRow(0)
    qtbot.keyClick(view.tensions, Qt.Key.Key_Space)
    assert ws.tensions[0].resolved is True
    assert "open-tension" not in rules(ws)


def test_a_disclosed_weakness_names_the_functions_it_affects(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("weaknesses")
    view = panel.current_view()
    choose(view.function, "f-it")
    for row in range(view.affected.count()):
        if view.affected.item(row).data(Qt.ItemDataRole.UserRole) in ("f-sales", "f-support"):
            view.affected.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(view.what, "The CRM sync is fragile")
    qtbot.keyClick(view.what, Qt.Key.Key_Return)
    (weakness,) = ws.weaknesses
    assert (weakness.function_id, weakness.description) == ("f-it", "The CRM sync is fragile")
    assert weakness.affected_function_ids == ["f-sales", "f-support"]


def test_a_decision_without_an_owner_is_a_finding_and_one_with_an_owner_is_not(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("decisions")
    view = panel.current_view()
    qtbot.keyClicks(view.what, "Who approves product changes promised in a sale")
    qtbot.keyClick(view.what, Qt.Key.Key_Return)
    assert ws.decisions[0].owner == "" and ws.decisions[0].due is None
    assert "decision-without-owner" in rules(ws)

    qtbot.keyClicks(view.what, "Freeze the CRM before quarter end")
    qtbot.keyClicks(view.owner, "Dana Kim")
    view.has_due.setChecked(True)
    view.due.setDate(QDate(2026, 12, 15))
    qtbot.keyClick(view.owner, Qt.Key.Key_Return)
    second = ws.decisions[1]
    assert (second.text, second.owner, second.due) == (
        "Freeze the CRM before quarter end",
        "Dana Kim",
        dt.date(2026, 12, 15),
    )
    assert rules(ws).count("decision-without-owner") == 1
    qtbot.waitUntil(lambda: view.decisions.count() == 2)
    assert "NO OWNER YET" in view.decisions.item(0).text()


def test_declaring_a_direct_impact_needs_a_reason(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("direct_impact:f-it")
    view = panel.current_view()
    qtbot.keyClicks(view.new_goal, "Cut licence spend")
    qtbot.keyClick(view.new_goal, Qt.Key.Key_Return)
    assert ws.goals_of("f-it") == []
    assert "reason" in panel.message.text()
    qtbot.keyClicks(view.reason, "Licences are bought centrally by IT")
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    (goal,) = ws.goals_of("f-it")
    (link,) = [lk for lk in ws.links if lk.source == goal.id]
    assert (link.target, link.kind, link.reason) == (
        "g-loyalty",
        "direct_impact",
        "Licences are bought centrally by IT",
    )
    panel.document.undo_stack.undo()
    assert ws.goals_of("f-it") == [] and not any(lk.kind == "direct_impact" for lk in ws.links)


def click_entry(qtbot, entries, row: int) -> None:
    rect = entries.visualItemRect(entries.item(row))
    qtbot.mouseClick(entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tick(entries, ids: set[str]) -> None:
    for row in range(entries.count()):
        item = entries.item(row)
        wanted = item.data(Qt.ItemDataRole.UserRole) in ids
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)


def test_a_decision_gets_its_owner_and_who_was_heard_in_place_as_one_undo_step(qtbot, panel):
    ws = panel.document.workshop
    ops.add_decision(ws, "Who approves product changes promised in a sale", id="d-approve")
    panel.go_to("decisions")
    view = panel.current_view()
    click_entry(qtbot, view.decisions, 0)
    assert view.what.text() == "Who approves product changes promised in a sale"
    assert view.add_button.text() == "Save changes" and view.editing.new_button.isVisible()
    qtbot.keyClicks(view.owner, "Dana Kim")
    tick(view.heard, {"f-sales", "f-support"})
    view.add_button.click()
    (decision,) = ws.decisions
    assert (decision.owner, decision.heard_function_ids) == ("Dana Kim", ["f-sales", "f-support"])
    qtbot.waitUntil(lambda: "heard: Sales, Customer Support" in view.decisions.item(0).text())
    assert view.add_button.text() == "Record decision" and view.what.text() == ""
    panel.document.undo_stack.undo()
    assert ws.decisions[0].owner == "" and ws.decisions[0].heard_function_ids == []


def test_a_weakness_is_changed_in_place_and_new_goes_back_to_disclosing(qtbot, panel):
    ws = panel.document.workshop
    ops.add_weakness(ws, "f-it", "The CRM sync is fragile", ["f-sales"], id="w-crm")
    panel.go_to("weaknesses")
    view = panel.current_view()
    click_entry(qtbot, view.weaknesses, 0)
    assert view.what.text() == "The CRM sync is fragile"
    tick(view.affected, {"f-sales", "f-support"})
    view.add_button.click()
    assert ws.weaknesses[0].affected_function_ids == ["f-sales", "f-support"]
    assert len(ws.weaknesses) == 1

    qtbot.waitUntil(lambda: "Customer Support" in view.weaknesses.item(0).text())
    click_entry(qtbot, view.weaknesses, 0)
    view.editing.new_button.click()
    assert view.what.text() == "" and view.add_button.text() == "Disclose weakness"
    qtbot.keyClicks(view.what, "Invoices are typed twice")
    qtbot.keyClick(view.what, Qt.Key.Key_Return)
    assert [w.description for w in ws.weaknesses] == ["The CRM sync is fragile", "Invoices are typed twice"]


def test_an_entry_undone_away_while_in_the_form_goes_back_to_adding(qtbot, panel):
    ws = panel.document.workshop
    panel.go_to("decisions")
    view = panel.current_view()
    qtbot.keyClicks(view.what, "Freeze the CRM before quarter end")
    qtbot.keyClick(view.what, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.decisions.count() == 1)
    click_entry(qtbot, view.decisions, 0)
    assert view.editing.editing_id == ws.decisions[0].id
    panel.document.undo_stack.undo()
    qtbot.waitUntil(lambda: view.editing.editing_id is None)
    assert view.add_button.text() == "Record decision"
