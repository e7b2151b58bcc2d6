"""Per function: its goals with measures and targets; for support functions, the four questions.

This is where every goal's full text is printed (tables elsewhere may shorten it), so nothing the
room wrote is lost from the report.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak

from workshop.model import FunctionKind, Goal
from workshop.report import styles as st
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import clip, markup
from workshop.report.textblock import Piece, TextBlock

QUESTIONS = {
    1: "Who are our internal customers?",
    2: "What goals do they have, and how do those goals reach the strategy?",
    3: "How do we help or hinder them in reaching those goals?",
    4: "Which results do they need us to improve or excel at?",
}


def _goal(ctx: ReportContext, goal: Goal) -> list:
    details = []
    if goal.measure:
        details.append(f"Measure: {goal.measure}")
    if goal.target:
        details.append(f"Target: {goal.target}")
    serves = [clip(ctx.goal_text(lk.target), 300) for lk in ctx.out_links.get(goal.id, ())]
    if serves:
        details.append("Serves: " + "; ".join(serves))
    pieces = [Piece(goal.text, 10)]
    if details:
        pieces.append(Piece("  \u00b7  ".join(details), 8.5, colour=st.MUTED))
    return [TextBlock(pieces, bullet=True, space_after=3)]


def _support_detail(ctx: ReportContext, function_id: str) -> list:
    out: list = []
    relations = ctx.ws.relations_of(function_id)
    out.append(ctx.raw("Internal customers", "h3"))
    if not relations:
        out.append(ctx.raw("No internal customer recorded yet."))
    for rel in relations:
        out.append(ctx.raw(f"<b>{markup(ctx.function_name(rel.customer_id))}</b>", "body"))
        if rel.customer_goal_ids:
            goals = "; ".join(markup(ctx.goal_text(g), limit=300) for g in rel.customer_goal_ids)
            out.append(ctx.raw(f"<b>Their goals that matter:</b> {goals}", "small"))
        for label, items, colour in (("Helps", rel.helps, st.OK), ("Hinders", rel.hindrances, st.ERROR)):
            for item in items:
                out.append(TextBlock([Piece(f"{label}: {item}", 10, colour=colour)], bullet=True, space_after=2))
    out.append(ctx.raw("The four questions", "h3"))
    for q, question in QUESTIONS.items():
        answer = ctx.ws.answer(function_id, q)
        if answer is None or (not answer.note.strip() and not answer.skipped):
            text = '<font color="#616E7C">not answered</font>'
        elif answer.skipped and not answer.note.strip():
            text = '<font color="#616E7C">skipped</font>'
        else:
            text = None
        if text is None:
            out += [ctx.raw(f"<b>{q}. {question}</b>", "tight"), TextBlock([Piece(answer.note, 10)], space_after=5)]
        else:
            out.append(ctx.raw(f"<b>{q}. {question}</b><br/>{text}", "body"))
    return out


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    out: list = [PageBreak(), Heading("Functions and their goals", s.h1, "Functions and their goals")]
    out.append(ctx.raw("Strategic goals", "h2"))
    strategic = ctx.ws.strategic_goals()
    if not strategic:
        out.append(ctx.raw("No strategic goals were recorded."))
    for goal in strategic:
        out += _goal(ctx, goal)
    for kind, label in ((FunctionKind.CUSTOMER_FACING, "customer-facing"), (FunctionKind.SUPPORT, "support")):
        for function in ctx.functions_of(kind):
            title = f"{function.name} ({label})"
            out.append(
                Heading(f"{markup(function.name)} <font size=9 color='#616E7C'>({label})</font>", s.h2, title, 1)
            )
            goals = ctx.ws.goals_of(function.id)
            out.append(ctx.raw("Goals and results" if kind == FunctionKind.SUPPORT else "Goals", "h3"))
            if not goals:
                out.append(ctx.raw("No goals recorded."))
            for goal in goals:
                out += _goal(ctx, goal)
            if kind == FunctionKind.SUPPORT:
                out += _support_detail(ctx, function.id)
    out.append(PageBreak())
    return out
