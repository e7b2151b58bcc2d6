"""The cover: what this workshop was, when, who ran it and who was in the room."""

from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import markup


def build(ctx: ReportContext) -> list:
    meta = ctx.ws.meta
    s = ctx.styles
    out: list = [NextPageTemplate("page"), Spacer(1, ctx.height * 0.18)]
    out.append(Heading(markup(meta.title or "Alignment workshop"), s.title, meta.title or "Alignment workshop"))
    out.append(ctx.raw("Alignment report", "subtitle"))
    out.append(Spacer(1, 18))
    rows = [
        ("Organisation", meta.organisation),
        ("Date", meta.date.strftime("%d %B %Y").lstrip("0") if meta.date else ""),
        ("Facilitator", meta.facilitator),
    ]
    for label, value in rows:
        if value:
            out.append(ctx.raw(f"<b>{label}:</b> {markup(value)}"))
    if meta.participants:
        out.append(Spacer(1, 10))
        out.append(ctx.raw(f"<b>Participants ({len(meta.participants)})</b>"))
        for person in meta.participants:
            out.append(ctx.raw(markup(person), "bullet"))
    out.append(Spacer(1, 24))
    out.append(
        ctx.raw(
            "This report records how each department's goals connect to the company's strategy, what the "
            "workshop found in the way of that connection, and what was decided. It is written to be read "
            "by someone who was not in the room; the method is explained in the appendix.",
            "small",
        )
    )
    out.append(PageBreak())
    return out
