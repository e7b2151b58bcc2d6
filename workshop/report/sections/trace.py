"""Traceability: each support result, the internal customer's goal it serves, the strategy it reaches."""

from __future__ import annotations

from workshop.model import Band, LinkKind
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.tables import cell, table

MAX_CHAINS = 3
"""Chains shown per support goal; more add rows without adding understanding."""


def chains(ctx: ReportContext, goal_id: str) -> list[list[str]]:
    """The analysis's chains when it has some for this goal; else a short walk up the links.

    The walk also finds the chains the method rejects (a support goal tied straight to strategy), so
    the table shows where such a goal does lead instead of just "not connected".
    """
    if ctx.analysis.traces.get(goal_id):
        return [list(c) for c in ctx.analysis.traces[goal_id]]
    found: list[list[str]] = []
    stack = [[goal_id]]
    while stack and len(found) < MAX_CHAINS:
        path = stack.pop()
        last = path[-1]
        if ctx.band.get(last) == Band.STRATEGY:
            found.append(path)
            continue
        for link in ctx.out_links.get(last, ()):
            if link.target not in path and len(path) < 12:
                stack.append([*path, link.target])
    return found


def _rows(ctx: ReportContext, goal) -> list[list]:
    goal_chains = chains(ctx, goal.id)[:MAX_CHAINS]
    if not goal_chains:
        return [[cell(ctx, goal.text), "", "<font color='#C0392B'>not connected</font>"]]
    rows = []
    for i, chain in enumerate(goal_chains):
        middle = [g for g in chain[1:-1] if g in ctx.goals]
        if middle:
            via = cell(
                ctx, "; ".join(f"{ctx.goal_text(g)} ({ctx.function_name(ctx.goals[g].function_id)})" for g in middle)
            )
        elif len(chain) > 1 and any(
            lk.kind == LinkKind.DIRECT_IMPACT and lk.target == chain[-1] for lk in ctx.out_links.get(chain[-2], ())
        ):
            via = "<font color='#7D3C98'>declared exception</font>"
        else:
            via = "<font color='#D68910'>\u26a0 directly (around)</font>"
        rows.append([cell(ctx, goal.text) if i == 0 else "", via, cell(ctx, ctx.goal_text(chain[-1]))])
    return rows


def build(ctx: ReportContext) -> list:
    """One small table per support function: easier to read, and reportlab splits short tables far faster."""
    s = ctx.styles
    out: list = [
        Heading("Traceability", s.h1, "Traceability"),
        ctx.raw(
            "Each support function's result, the internal customer's goal it serves, and the strategic goal that "
            "goal reaches. A row with no strategic goal is a result not yet connected to the strategy.",
            "small",
        ),
    ]
    by_function: dict[str | None, list] = {}
    for goal in ctx.ws.goals:
        if ctx.band[goal.id] == Band.SUPPORT:
            by_function.setdefault(goal.function_id, []).append(goal)
    if not by_function:
        return [*out, ctx.raw("No support results were recorded.")]
    for function_id, goals in by_function.items():
        rows = [row for goal in goals for row in _rows(ctx, goal)]
        out.append(ctx.p(ctx.function_name(function_id), "h3"))
        out.append(
            table(ctx, ["Support result", "Internal customer's goal", "Strategic goal"], rows, [0.36, 0.36, 0.28])
        )
    return out
