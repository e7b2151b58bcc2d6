"""Board gestures that are several operations but one undo step (add + link, delete a selection).

Pure functions of the workshop with the `ops` signature, so `Document.edit` runs them like any
operation: if a later part is refused, the earlier parts are rolled back and nothing is recorded.
No Qt here on purpose: these are tested like the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from workshop import ops
from workshop.changes import Change, OperationError
from workshop.model import Band, FunctionKind, Workshop

NEW_GOAL = "New goal"
NEW_STRATEGIC = "New strategic goal"
NEW_KPI = "New KPI"


def _chain(ws: Workshop, label: str, parts: Iterable[Callable[[], Change]], created_id: str | None = None) -> Change:
    """Run the parts in order; undo the ones done if one fails, so a refusal leaves no trace."""
    done: list[Change] = []
    try:
        for part in parts:
            done.append(part())
    except OperationError:
        for change in reversed(done):
            change.inverse().apply(ws)
        raise
    created = created_id or (done[0].created_id if done else None)
    return Change(label, tuple(step for change in done for step in change.steps), created)


def add_card(ws: Workshop, kind: str, function_id: str | None, position: tuple[float, float]) -> Change:
    """The card a palette drop asks for, placed where it was dropped."""
    if kind == "strategic":
        return ops.add_goal(ws, NEW_STRATEGIC, None, position=position)
    if kind == "goal":
        return ops.add_goal(ws, NEW_GOAL, function_id, position=position)
    if kind == "kpi":
        if function_id is None:
            raise OperationError("A KPI belongs to a function: drop it from a function's palette entry.")
        first = ops.add_kpi(ws, function_id, NEW_KPI)
        kpi_id = first.created_id
        assert kpi_id is not None
        try:
            moved = ops.move_cards(ws, {kpi_id: position})
        except OperationError:
            first.inverse().apply(ws)
            raise
        return Change("Add KPI", first.steps + moved.steps, kpi_id)
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
    added = ops.add_goal(ws, text, function_id, position=position)
    goal_id = added.created_id
    assert goal_id is not None
    if target_id is None:
        return Change(label, added.steps, goal_id)
    return _chain(ws, label, [lambda: added, lambda: ops.link(ws, goal_id, target_id)], goal_id)


def add_kpi_at(ws: Workshop, function_id: str, position: tuple[float, float]) -> Change:
    return add_card(ws, "kpi", function_id, position)


def remove_cards(ws: Workshop, goal_ids: Iterable[str], kpi_ids: Iterable[str], link_ids: Iterable[str]) -> Change:
    """Delete a selection of cards and links in one step (links of removed goals go with them)."""
    goals, kpis, links = list(goal_ids), list(kpi_ids), list(link_ids)
    count = len(goals) + len(kpis) + len(links)
    if count == 0:
        raise OperationError("Select cards or links to delete.")
    parts: list[Callable[[], Change]] = []
    for link_id in links:
        parts.append(lambda link_id=link_id: ops.unlink(ws, link_id) if ws.find("links", link_id) else Change("", ()))
    if goals:
        parts.append(lambda: ops.remove_goals(ws, goals))
    for kpi_id in kpis:
        parts.append(lambda kpi_id=kpi_id: ops.remove_kpi(ws, kpi_id))
    if count == 1:
        label = "Remove link" if links else ("Remove goal" if goals else "Remove KPI")
    else:
        label = f"Delete {count} items"
    return _chain(ws, label, parts)


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
