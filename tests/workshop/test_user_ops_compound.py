"""User operations that combine operations: one undo step, and nothing left behind when refused."""

from __future__ import annotations

import pytest

from workshop import ops, user_ops
from workshop.changes import OperationError
from workshop.examples import customer_loyalty
from workshop.model import Workshop


def test_add_linked_goal_is_one_change_that_undoes_exactly():
    ws = customer_loyalty()
    before = ws.model_dump()
    change = user_ops.add_linked_goal(ws, "f-it", (10.0, 600.0), "g-sales-match", label="Add contributing goal")
    goal = ws.goal(change.created_id)
    assert goal is not None and goal.function_id == "f-it"
    assert any(lk.source == goal.id and lk.target == "g-sales-match" for lk in ws.links)
    assert ws.positions[goal.id].x == 10.0
    change.inverse().apply(ws)
    assert ws.model_dump() == before


def test_refused_link_leaves_no_goal_behind():
    ws = customer_loyalty()
    before = ws.model_dump()
    with pytest.raises(OperationError):
        user_ops.add_linked_goal(ws, "f-it", (0.0, 600.0), "g-missing")
    assert ws.model_dump() == before


def test_remove_cards_takes_goals_kpis_and_links_together():
    ws = customer_loyalty()
    before = ws.model_dump()
    change = user_ops.remove_cards(ws, ["g-it-records"], ["k-support-ttr"], ["l-it-sales", "l-sales-loyalty"])
    assert change.label == "Delete 4 items"
    assert ws.goal("g-it-records") is None and ws.find("kpis", "k-support-ttr") is None
    assert ws.find("links", "l-sales-loyalty") is None
    assert ws.find("tensions", "t-contracts-ttr") is None  # went with its KPI
    change.inverse().apply(ws)
    assert ws.model_dump() == before


def test_add_kpi_card_has_its_position():
    ws = customer_loyalty()
    change = user_ops.add_card(ws, "kpi", "f-it", (100.0, 700.0))
    assert ws.find("kpis", change.created_id).name == "New KPI"
    assert (ws.positions[change.created_id].x, ws.positions[change.created_id].y) == (100.0, 700.0)


def test_contributing_function_follows_the_band_below():
    ws = customer_loyalty()
    assert user_ops.contributing_function(ws, "g-loyalty") == "f-sales"
    assert user_ops.contributing_function(ws, "g-sales-match") == "f-it"  # IT serves Sales
    assert user_ops.contributing_function(ws, "g-support-fast") == "f-it"  # nobody serves it: first support
    assert user_ops.contributing_function(ws, "g-it-records") == "f-it"  # support chains stay in the band
    empty = Workshop()
    ops.add_goal(empty, "Grow", id="g-grow")
    with pytest.raises(OperationError, match="customer-facing"):
        user_ops.contributing_function(empty, "g-grow")
    ops.add_function(empty, "Sales", "customer_facing", id="f-s")
    ops.add_goal(empty, "Sell", "f-s", id="g-sell")
    with pytest.raises(OperationError, match="support function"):
        user_ops.contributing_function(empty, "g-sell")
