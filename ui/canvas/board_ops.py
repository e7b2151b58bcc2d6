"""Board gestures that are several operations but one undo step (add + link, delete a selection).

Pure functions of the workshop with the `ops` signature, so `Document.edit` runs them like any
operation; the parts run through `ops.run_together`, so if a later part is refused the earlier ones
are rolled back and nothing is recorded. No Qt here on purpose: these are tested like the domain.
The view passes the new cards' texts translated; the English defaults are for tests and scripts.
"""

from __future__ import annotations

from collections.abc import Iterable

from workshop import ops
from workshop.changes import Change, OperationError
from workshop.model import Band, FunctionKind, Workshop

NEW_GOAL = "New goal"
NEW_STRATEGIC = "New strategic goal"
NEW_KPI = "New KPI"


def add_card(
    ws: Workshop, kind: str, function_id: str | None, position: tuple[float, float], text: str | None = None
) -> Change:
    """The card a palette drop asks for, placed where it was dropped."""
    if kind == "strategic":
        return ops.add_goal(ws, text or NEW_STRATEGIC, None, position=position)
    if kind == "goal":
        return ops.add_goal(ws, text or NEW_GOAL, function_id, position=position)
    if kind == "kpi":
        if function_id is None:
            raise OperationError("A KPI belongs to a function: drop it from a function's palette entry.")

        def build(batch: ops.Batch) -> str | None:
            kpi_id = batch(ops.add_kpi, function_id, text or NEW_KPI).created_id
            assert kpi_id is not None  # add_kpi always names what it created
            batch(ops.move_cards, {kpi_id: position})
            return kpi_id

        return ops.run_together(ws, "Add KPI", build)
    raise OperationError(f"Unknown kind of card: {kind}.")


def add_linked_goal(
    ws: Workshop,
    function_id: str | None,
    position: tuple[float, float],
    target_id: str | None,
    label: str = "Add goal",
    text: str = NEW_GOAL,
) -> Change:
    """A new goal, linked to the goal it serves when there is one: Tab and Enter on the board."""

    def build(batch: ops.Batch) -> str | None:
        goal_id = batch(ops.add_goal, text, function_id, position=position).created_id
        assert goal_id is not None  # add_goal always names what it created
        if target_id is not None:
            batch(ops.link, goal_id, target_id)
        return goal_id

    return ops.run_together(ws, label, build)


def add_kpi_at(ws: Workshop, function_id: str, position: tuple[float, float], text: str | None = None) -> Change:
    return add_card(ws, "kpi", function_id, position, text)


def remove_cards(ws: Workshop, goal_ids: Iterable[str], kpi_ids: Iterable[str], link_ids: Iterable[str]) -> Change:
    """Delete a selection of cards and links in one step (links of removed goals go with them)."""
    goals, kpis, links = list(goal_ids), list(kpi_ids), list(link_ids)
    count = len(goals) + len(kpis) + len(links)
    if count == 0:
        raise OperationError("Select cards or links to delete.")
    if count == 1:
        label = "Remove link" if links else ("Remove goal" if goals else "Remove KPI")
    else:
        label = f"Delete {count} items"

    def build(batch: ops.Batch) -> str | None:
        for link_id in links:
            if ws.find("links", link_id) is not None:
                batch(ops.unlink, link_id)
        if goals:
            batch(ops.remove_goals, goals)
        for kpi_id in kpis:
            batch(ops.remove_kpi, kpi_id)
        return None

    return ops.run_together(ws, label, build)


def contributing_function(ws: Workshop, goal_id: str) -> str:
    """Which function a new contributor to this goal belongs to (the band below), or why none fits."""
    goal = ws.goal(goal_id)
    if goal is None:
        raise OperationError("Select a goal first.")
    band = ws.band_of(goal)
    support = ws.support_functions()
    if band == Band.STRATEGY:
        for function in ws.functions:
            if function.kind == FunctionKind.CUSTOMER_FACING:
                return function.id
        raise OperationError("Add a customer-facing function first: its goals are what serve strategic goals.")
    serving = [r.supplier_id for r in ws.relations if r.customer_id == goal.function_id]
    serving = [fid for fid in serving if fid != goal.function_id]
    if serving:
        return serving[0]
    if band == Band.CUSTOMER_FACING:
        if support:
            return support[0].id
        raise OperationError("Add a support function first: its results are what serve customer-facing goals.")
    assert goal.function_id is not None
    return goal.function_id
