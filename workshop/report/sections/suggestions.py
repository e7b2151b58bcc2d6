"""Suggestions from participants that the facilitator has not yet accepted or rejected."""

from __future__ import annotations

from workshop.model import SuggestionKind, SuggestionStatus
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.tables import cell, hidden_note, table


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    waiting = [x for x in ctx.ws.suggestions if x.status == SuggestionStatus.PENDING]
    pending = [x for x in waiting if not x.hidden]
    out: list = [Heading("Pending suggestions", s.h1, "Pending suggestions")]
    if not waiting:
        return [*out, ctx.raw("None: every suggestion from the room was accepted or rejected.")]
    if not pending:
        return [*out, *hidden_note(ctx, len(waiting))]
    out.append(ctx.raw("These suggestions were made by participants but not yet decided on.", "small"))
    rows = []
    for x in pending:
        if x.kind == SuggestionKind.LINK:
            what = cell(ctx, f"Link: {ctx.goal_text(x.source)} \u2192 {ctx.goal_text(x.target)}")
        else:
            what = cell(ctx, f"New goal for {ctx.function_name(x.function_id)}: {x.text}")
        rows.append([what, cell(ctx, x.author or "-"), cell(ctx, x.reason or "-"), str(x.votes)])
    out.append(table(ctx, ["Suggestion", "From", "Why", "Votes"], rows, [0.42, 0.16, 0.34, 0.08]))
    return out + hidden_note(ctx, len(waiting) - len(pending))
