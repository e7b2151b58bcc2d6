"""One look for every table in the report: header row, hairlines, cells that wrap.

Cells are Paragraphs of fixed column width, so long text wraps (reportlab splits even a word with
no spaces); user text is clipped to CELL_LIMIT characters so no single row can outgrow a page,
which reportlab cannot split. The full text of a goal is always printed in the per-function section.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table, TableStyle

from workshop.report import fonts
from workshop.report import styles as st
from workshop.report.bidipara import BidiParagraph as Paragraph
from workshop.report.context import ReportContext
from workshop.report.textblock import Piece, TextBlock

CELL_LIMIT = 400


def cell(ctx: ReportContext, text: str | None, *, limit: int = CELL_LIMIT) -> Flowable:
    """User text in a cell, as plain text (never markup); clipped so no row outgrows a page."""
    return TextBlock([Piece(text or "", 8.5, limit=limit)], space_after=0, leading=1.25)


def table(ctx: ReportContext, header: list[str], rows: list[list], fractions: list[float]) -> Table:
    """A full-width table; `rows` hold Paragraphs (from `cell`) or plain strings of our own."""
    widths = [ctx.width * f for f in fractions]
    head = [Paragraph(h, ctx.styles.cell_head) for h in header]
    body = [[c if not isinstance(c, str) else Paragraph(c, ctx.styles.cell) for c in row] for row in rows]
    t = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), st.SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, st.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return t


def hidden_note(ctx: ReportContext, hidden: int) -> list:
    """What the facilitator hid from the projector stays out of the report, which is emailed to the
    whole room; it is only counted, so the reader knows the list is not everything that was said."""
    if not hidden:
        return []
    verb = "was hidden by the facilitator and is" if hidden == 1 else "were hidden by the facilitator and are"
    return [ctx.raw(f"{hidden} more {verb} not listed.", "small")]
