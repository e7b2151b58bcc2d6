"""A short account of the method, so the report stands on its own for a reader who missed the day."""

from __future__ import annotations

from reportlab.platypus import PageBreak

from workshop.report.context import ReportContext
from workshop.report.doc import Heading

PARAGRAPHS = (
    (
        "How strategy reaches every department",
        "Strategic goals sit at the top of the tree. Customer-facing functions such as Sales or Customer Service "
        "work with customers, so their goals can serve a strategic goal directly. Support functions such as IT, "
        "HR or Finance exist to serve other functions. Tying a support goal straight to a strategic goal (\u201cIT "
        "will raise customer loyalty\u201d) gives a link nobody can act on. Instead, a support function aligns with "
        "the functions it serves, its internal customers, and their goals carry the link up to the strategy: "
        "via the functions they serve, not around them.",
    ),
    (
        "Declared exceptions",
        "Sometimes a support function does move a strategic goal itself, as a purchasing policy lowers "
        "expenditure. Such a direct link is legitimate when it is declared as an exception with a reason, so that "
        "it is a decision the room took and not an accident of the drawing.",
    ),
    (
        "The four questions",
        "For each support function the room asked, in order: who are our internal customers; what goals do they "
        "have and how do those goals reach the strategy; how do we help or hinder them in reaching those goals; "
        "and, given that, which results do they need us to improve or excel at. The answers become the support "
        "function's own results, each linked to the internal customer's goal it serves. A result is aligned when "
        "it reaches a strategic goal through such a goal, or through a declared exception.",
    ),
    (
        "Looking for what works against alignment",
        "Departments tend to see the company through what they are measured and rewarded on. Rather than only "
        "prescribing alignment, the workshop looked for what breaks it: incentives that reward a local result at "
        "the cost of the whole and the tensions between them; weaknesses a department knows about and others "
        "build on; and decisions that need one named owner after everyone affected has been heard.",
    ),
    (
        "The alignment score",
        "The score is the share, in percent, of goals below the strategy that reach a strategic goal the way the "
        "method asks: a customer-facing goal through its links, a support goal through an internal customer's goal "
        "or through a declared exception with a reason. 100 means every goal does. It is a conversation starter, "
        "not a grade; the findings say what to look at.",
    ),
)


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    out: list = [PageBreak(), Heading("Appendix: the method", s.h1, "Appendix: the method")]
    for title, text in PARAGRAPHS:
        out += [ctx.raw(title, "h3"), ctx.raw(text)]
    return out
