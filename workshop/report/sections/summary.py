"""One page for a busy reader: the score, what matters most, exceptions, tensions, disclosed
weaknesses (with the functions they affect) and decisions."""

from __future__ import annotations

from reportlab.platypus import KeepInFrame, Spacer, Table, TableStyle

from workshop.findings import SEVERITY_ORDER, Finding
from workshop.model import LinkKind
from workshop.report import fonts
from workshop.report import styles as st
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import markup
from workshop.verdict import verdict

TOP_FINDINGS = 5
LIST_MAX = 4
"""Items per list on the summary page, so it stays one page; the later sections list everything."""
LIST_LIMIT = 200
"""Characters per item on the summary page; the full text follows in the later sections."""


def top_findings(findings, count: int = TOP_FINDINGS) -> list[Finding]:
    """The findings that matter most: errors first, then warnings, in the analysis's own order."""
    ranked = sorted(enumerate(findings), key=lambda pair: (SEVERITY_ORDER.get(pair[1].severity, 9), pair[0]))
    return [f for _, f in ranked[:count]]


def affected_names(ctx: ReportContext, function_ids: list[str]) -> str:
    """ "Sales, Customer Support": the functions a weakness affects, by name, as the room recorded them."""
    return ", ".join(ctx.function_name(fid) for fid in function_ids)


def _more(ctx: ReportContext, total: int, section: str) -> list:
    if total <= LIST_MAX:
        return []
    return [ctx.raw(f"... and {total - LIST_MAX} more: see the section \u201c{section}\u201d.", "small")]


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    ws = ctx.ws
    heading = Heading("Summary", s.h1, "Summary")
    out: list = []
    judged = verdict(ws, ctx.analysis)
    if ctx.analysed and judged.judged:
        score = Table(
            [
                [
                    ctx.raw(f"{judged.score}", "score"),
                    ctx.raw(f"<b>Alignment score: {judged.score} / 100 · {markup(judged.headline)}</b>"),
                ],
                ["", ctx.raw(markup(judged.advice[:1].upper() + judged.advice[1:]), "small")],
            ],
            colWidths=[ctx.width * 0.22, ctx.width * 0.78],
        )
        score.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10),
                    ("SPAN", (0, 0), (0, 1)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BOX", (0, 0), (-1, -1), 0.6, st.RULE),
                    ("BACKGROUND", (0, 0), (0, 1), st.SHADE),
                ]
            )
        )
        out += [score, Spacer(1, 4)]
    elif ctx.analysed:
        out.append(ctx.raw(f"<b>{markup(judged.headline)}</b>: {markup(judged.advice)}"))
    else:
        out.append(ctx.raw("<b>The alignment checks were not available when this report was made.</b>"))
    n_goals, n_links = len(ws.goals), len(ws.links)
    out.append(
        ctx.raw(
            f"{len(ws.functions)} functions, {n_goals} goals and {n_links} links were recorded; "
            f"{len(ctx.analysis.findings)} findings.",
            "small",
        )
    )

    out.append(ctx.raw("What matters most", "h2"))
    tops = top_findings(ctx.analysis.findings)
    if not tops:
        nothing = "No findings." if judged.judged else "No findings yet: there is nothing below the strategy to check."
        out.append(ctx.raw(nothing if ctx.analysed else "-"))
    for f in tops:
        colour = {"error": "#C0392B", "warning": "#D68910"}.get(f.severity, "#2E86C1")
        out.append(
            ctx.raw(
                f'<font color="{colour}"><b>{f.severity.upper()}</b></font>  {markup(f.message, limit=LIST_LIMIT)}',
                "bullet",
            )
        )

    exceptions = [lk for lk in ws.links if lk.kind == LinkKind.DIRECT_IMPACT]
    out.append(ctx.raw("Declared exceptions", "h2"))
    if not exceptions:
        out.append(ctx.raw("None: every support goal is meant to reach the strategy through an internal customer."))
    for lk in exceptions[:LIST_MAX]:
        reason = markup(lk.reason, limit=LIST_LIMIT) if lk.reason.strip() else "<i>no reason given</i>"
        out.append(
            ctx.raw(
                f"{markup(ctx.goal_text(lk.source), limit=LIST_LIMIT)} \u2192 "
                f"{markup(ctx.goal_text(lk.target), limit=LIST_LIMIT)}: {reason}",
                "bullet",
            )
        )
    out.extend(_more(ctx, len(exceptions), "Traceability"))

    tensions = [t for t in ws.tensions if not t.resolved]
    out.append(ctx.raw("Open tensions", "h2"))
    if not tensions:
        out.append(ctx.raw("None recorded."))
    for t in tensions[:LIST_MAX]:
        kpi = ctx.kpis.get(t.kpi_id)
        against = ctx.kpis.get(t.against_id)
        against_name = against.name if against else ctx.goal_text(t.against_id)
        head = f"{markup(kpi.name if kpi else t.kpi_id)} vs {markup(against_name, limit=LIST_LIMIT)}"
        out.append(ctx.raw(f"<b>{head}</b>: {markup(t.description, limit=LIST_LIMIT)}", "bullet"))
    out.extend(_more(ctx, len(tensions), "Via negativa"))

    out.append(ctx.raw("Disclosed weaknesses", "h2"))
    if not ws.weaknesses:
        out.append(ctx.raw("None disclosed."))
    for w in ws.weaknesses[:LIST_MAX]:
        affects = affected_names(ctx, w.affected_function_ids)
        reach = (
            f"affects {markup(affects)}" if affects else '<font color="#D68910"><b>affects no one recorded</b></font>'
        )
        out.append(
            ctx.raw(
                f"<b>{markup(ctx.function_name(w.function_id))}</b>: {markup(w.description, limit=LIST_LIMIT)} "
                f"\u2014 {reach}",
                "bullet",
            )
        )
    out.extend(_more(ctx, len(ws.weaknesses), "Via negativa"))

    out.append(ctx.raw("Decisions and owners", "h2"))
    if not ws.decisions:
        out.append(ctx.raw("None recorded."))
    for d in ws.decisions[:LIST_MAX]:
        owner = markup(d.owner) if d.owner.strip() else '<font color="#C0392B"><b>no owner yet</b></font>'
        due = f", due {d.due.isoformat()}" if d.due else ""
        out.append(ctx.raw(f"{markup(d.text, limit=LIST_LIMIT)} \u2014 {owner}{due}", "bullet"))
    out.extend(_more(ctx, len(ws.decisions), "Via negativa"))
    # One page, always: a long list shrinks a little rather than spilling onto a second page.
    return [heading, KeepInFrame(ctx.width, ctx.height - 40, out, mode="shrink")]
