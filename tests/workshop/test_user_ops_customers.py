"""Say it once: a link from a support goal to another function's goal records that function as an
internal customer in the same undo step, and the board is told so in one sentence."""

from __future__ import annotations

from workshop import ops, user_ops
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.user_ops import attempt


def customers_of(ws, supplier: str) -> set[str]:
    return {r.customer_id for r in ws.relations if r.supplier_id == supplier}


def test_linking_a_support_goal_to_another_functions_goal_records_the_customer_in_one_undo_step():
    ws = customer_loyalty()
    assert "f-service" not in customers_of(ws, "f-it")
    before = ws.model_dump()
    outcome = attempt(ws, user_ops.link_goals, "g-it-records", "g-service-respect")
    assert outcome.ok
    assert "f-service" in customers_of(ws, "f-it")
    assert outcome.note == "Customer Service is now recorded as an internal customer of IT."
    rules = {f.rule for f in analyse(ws).findings}
    assert "internal-customer-unrecorded" not in rules
    outcome.change.inverse().apply(ws)
    assert ws.model_dump() == before


def test_the_note_reaches_whatever_shows_the_outcome():
    ws = customer_loyalty()
    said: list[str] = []
    attempt(ws, user_ops.link_goals, "g-it-records", "g-service-respect").tell(said.append)
    assert said == ["Customer Service is now recorded as an internal customer of IT."]


def test_a_link_to_a_customer_already_recorded_or_within_strategy_adds_nothing_and_says_nothing():
    ws = customer_loyalty()
    relations = len(ws.relations)
    ops.unlink(ws, "l-it-sales")
    outcome = attempt(ws, user_ops.link_goals, "g-it-records", "g-sales-match")  # Sales is already recorded
    assert outcome.ok and outcome.note == ""
    outcome = attempt(ws, user_ops.link_goals, "g-sales-match", "g-expenditure")  # customer-facing to strategy
    assert outcome.ok and outcome.note == ""
    assert len(ws.relations) == relations


def test_a_refused_link_records_no_customer():
    ws = customer_loyalty()
    before = ws.model_dump()
    outcome = attempt(ws, user_ops.link_goals, "g-it-records", "g-sales-match")  # linked already
    assert not outcome.ok
    assert ws.model_dump() == before


def test_accepting_a_suggested_link_records_the_customer_too():
    ws = customer_loyalty()
    assert "f-support" not in customers_of(ws, "f-hr")
    outcome = attempt(ws, user_ops.accept_suggestion, "s-hr-support")
    assert outcome.ok
    assert "f-support" in customers_of(ws, "f-hr")
    assert outcome.note == "Customer Support is now recorded as an internal customer of HR."
    assert ws.find("suggestions", "s-hr-support").status == "accepted"
    outcome.change.inverse().apply(ws)
    assert "f-support" not in customers_of(ws, "f-hr")
    assert ws.find("suggestions", "s-hr-support").status == "pending"
