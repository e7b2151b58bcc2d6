"""Every finding of the alignment checks, grouped by severity, each with what to do about it."""

from __future__ import annotations

from workshop.findings import Severity
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import markup

GROUPS = (
    (Severity.ERROR, "Needs action", "#C0392B"),
    (Severity.WARNING, "Worth a look", "#D68910"),
    (Severity.INFO, "For information", "#2E86C1"),
)


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    out: list = [Heading("Findings", s.h1, "Findings")]
    if not ctx.analysed:
        return [*out, ctx.raw("The alignment checks were not available when this report was made.")]
    if not ctx.analysis.findings:
        out.append(ctx.raw("The checks found nothing to report."))
    for severity, title, colour in GROUPS:
        items = [f for f in ctx.analysis.findings if f.severity == severity]
        if not items:
            continue
        out.append(Heading(f'<font color="{colour}">{title}</font> ({len(items)})', s.h2, f"{title} ({len(items)})", 1))
        for f in items:
            out.append(ctx.raw(markup(f.message), "bullet"))
            if f.hint:
                out.append(ctx.raw(f"<b>What to do:</b> {markup(f.hint)}", "hint"))
    dismissed = ctx.analysis.dismissed
    if dismissed:
        title = f"Dismissed by the facilitator ({len(dismissed)})"
        out.append(Heading(title, s.h2, title, 1))
        for f, reason in dismissed:
            out.append(ctx.raw(f"{markup(f.message)} <i>({f.severity.value})</i>", "bullet"))
            out.append(ctx.raw(f"<b>Why dismissed:</b> {markup(reason)}", "hint"))
    return out
