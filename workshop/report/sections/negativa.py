"""The via-negativa register: incentives that pull apart, weaknesses disclosed, decisions and owners."""

from __future__ import annotations

from reportlab.platypus import PageBreak, Spacer

from workshop.model import DisclosureKind, SuggestionStatus
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.tables import cell, hidden_note, table


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    ws = ctx.ws
    out: list = [
        PageBreak(),
        Heading("Via negativa: what works against alignment", s.h1, "Via negativa"),
        ctx.raw(
            "Instead of prescribing alignment, the workshop looked for what breaks it: measures and rewards that "
            "favour one department at the cost of the whole, weaknesses others build on without knowing, and "
            "decisions nobody owns.",
            "small",
        ),
    ]
    out.append(Heading("Measures and incentives", s.h2, "Measures and incentives", 1))
    if ws.kpis:
        rows = [
            [
                cell(ctx, ctx.function_name(k.function_id)),
                cell(ctx, k.name),
                cell(ctx, k.rewards),
                "local" if k.scope == "local" else "shared",
                cell(ctx, k.incentive),
            ]
            for k in ws.kpis
        ]
        out.append(table(ctx, ["Function", "KPI", "Rewards", "Scope", "Incentive"], rows, [0.16, 0.2, 0.3, 0.09, 0.25]))
    else:
        out.append(ctx.raw("No KPIs recorded."))

    out.append(Heading("Tensions", s.h2, "Tensions", 1))
    if ws.tensions:
        rows = []
        for t in ws.tensions:
            kpi = ctx.kpis.get(t.kpi_id)
            against = ctx.kpis.get(t.against_id)
            rows.append(
                [
                    cell(ctx, kpi.name if kpi else t.kpi_id),
                    cell(ctx, against.name if against else ctx.goal_text(t.against_id)),
                    cell(ctx, t.description),
                    "resolved" if t.resolved else "<font color='#C0392B'>open</font>",
                ]
            )
        out.append(table(ctx, ["KPI", "Works against", "How", "Status"], rows, [0.2, 0.2, 0.48, 0.12]))
    else:
        out.append(ctx.raw("No tensions recorded."))

    out.append(Heading("Disclosed weaknesses", s.h2, "Disclosed weaknesses", 1))
    if ws.weaknesses:
        rows = [
            [
                cell(ctx, ctx.function_name(w.function_id)),
                cell(ctx, w.description),
                cell(ctx, ", ".join(ctx.function_name(f) for f in w.affected_function_ids) or "-"),
            ]
            for w in ws.weaknesses
        ]
        out.append(table(ctx, ["Disclosed by", "Weakness", "Affects"], rows, [0.18, 0.52, 0.3]))
    else:
        out.append(ctx.raw("No weaknesses disclosed."))

    out.append(Heading("Decisions and owners", s.h2, "Decisions and owners", 1))
    if ws.decisions:
        rows = [
            [
                cell(ctx, d.text),
                cell(ctx, d.owner) if d.owner.strip() else "<font color='#C0392B'><b>no owner</b></font>",
                d.due.isoformat() if d.due else "-",
                cell(ctx, ", ".join(ctx.function_name(f) for f in d.heard_function_ids) or "-"),
            ]
            for d in ws.decisions
        ]
        out.append(table(ctx, ["Decision", "Owner", "Due", "Heard"], rows, [0.4, 0.22, 0.13, 0.25]))
    else:
        out.append(ctx.raw("No decisions recorded."))
    out += _room_disclosures(ctx)
    out.append(Spacer(1, 6))
    return out


_ABOUT = {
    DisclosureKind.HINDRANCE: "What hinders",
    DisclosureKind.WEAKNESS: "A weakness",
    DisclosureKind.GAMING_KPI: "A gaming KPI",
}
_STATUS = {
    SuggestionStatus.PENDING: "not decided",
    SuggestionStatus.ACCEPTED: "taken up",
    SuggestionStatus.REJECTED: "set aside",
}


def _room_disclosures(ctx: ReportContext) -> list:
    """What participants disclosed from their phones, anonymous unless they gave a name. A hindrance
    has no other place in the report, so this is where the room's honest answers are kept; the ones
    the facilitator hid from the projector stay out of the report too, and are only counted."""
    shown = [d for d in ctx.ws.disclosures if not d.hidden]
    hidden = len(ctx.ws.disclosures) - len(shown)
    if not shown and not hidden:
        return []
    out: list = [Heading("What the room disclosed", ctx.styles.h2, "What the room disclosed", 1)]
    if shown:
        rows = [
            [
                _ABOUT.get(d.about, str(d.about)),
                cell(ctx, ctx.function_name(d.function_id) if d.function_id else "-"),
                cell(ctx, d.text),
                cell(ctx, d.author or "anonymous"),
                f"{_STATUS.get(d.status, str(d.status))}, {d.votes} vote{'s' if d.votes != 1 else ''}",
            ]
            for d in shown
        ]
        out.append(
            table(ctx, ["About", "Function", "What was said", "By", "Status"], rows, [0.15, 0.15, 0.42, 0.12, 0.16])
        )
    out += hidden_note(ctx, hidden)
    return out
