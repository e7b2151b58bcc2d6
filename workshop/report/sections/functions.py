"""Per function: its goals with measures and targets; for support functions, the four questions.

Under each question the report prints what the room recorded for it and any note; "not answered"
only when `workshop.questions` (the guide's and the analysis's rule) says the data does not answer it.

This is where every goal's full text is printed (tables elsewhere may shorten it), so nothing the
room wrote is lost from the report.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak

from workshop import questions
from workshop.model import FunctionKind, Goal, ServiceRelation
from workshop.report import styles as st
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import clip, markup
from workshop.report.textblock import Piece, TextBlock


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


def _item(text: str, detail: str = "", colour=st.INK) -> TextBlock:
    pieces = [Piece(text, 10, colour=colour)]
    if detail:
        pieces.append(Piece(detail, 8.5, colour=st.MUTED))
    return TextBlock(pieces, bullet=True, space_after=2)


def _recorded(ctx: ReportContext, function_id: str, question: int, relations: list[ServiceRelation]) -> list:
    """What the room recorded that answers one question (the same data `workshop.questions` counts)."""
    out: list = []
    if question == 1:
        out += [_item(ctx.function_name(rel.customer_id)) for rel in relations]
    elif question == 2:
        for rel in relations:
            customer = ctx.function_name(rel.customer_id)
            for goal_id in rel.customer_goal_ids:
                reaches = [clip(ctx.goal_text(s), 300) for s in ctx.strategic_targets(goal_id)]
                how = "Reaches the strategy: " + "; ".join(reaches) if reaches else "Not traced to the strategy yet"
                out.append(_item(f"{customer}: {ctx.goal_text(goal_id)}", how))
    elif question == 3:
        for rel in relations:
            customer = ctx.function_name(rel.customer_id)
            for label, items, colour in (("helps", rel.helps, st.OK), ("hinders", rel.hindrances, st.ERROR)):
                out += [_item(f"{item}", f"{label.capitalize()} {customer}", colour) for item in items]
    else:
        for goal_id, served in questions.results(ctx.ws, function_id):
            goal = ctx.goals[goal_id]
            details = [f"Measure: {goal.measure}" if goal.measure else "No measure yet"]
            if goal.target:
                details.append(f"Target: {goal.target}")
            details.append(
                "Serves: "
                + "; ".join(
                    f"{clip(ctx.goal_text(g), 300)} ({ctx.function_name(ctx.goals[g].function_id)})" for g in served
                )
            )
            out.append(_item(goal.text, "  \u00b7  ".join(details)))
    return out


def _support_detail(ctx: ReportContext, function_id: str) -> list:
    """The four questions, each with what the room recorded for it, its note, or why it is open."""
    out: list = [ctx.raw("The four questions", "h3")]
    relations = ctx.ws.relations_of(function_id)
    done = ctx.answered.get(function_id, set())
    for q, question in questions.QUESTIONS.items():
        out.append(ctx.raw(f"<b>{q}. {markup(question)}</b>", "tight"))
        if q in done:
            out += _recorded(ctx, function_id, q, relations)
        answer = ctx.ws.answer(function_id, q)
        note = answer.note.strip() if answer is not None else ""
        if note:
            out.append(TextBlock([Piece(answer.note, 10)], space_after=5))
        if q not in done:
            state = "skipped" if answer is not None and answer.skipped else "not answered"
            out.append(ctx.raw(f'<font color="#616E7C">{state}</font>', "body"))
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
