"""The page machinery: paper size, running header, page numbers, PDF outline and metadata."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from workshop.report import ReportCancelledError, fonts, rtl
from workshop.report import styles as st
from workshop.report.bidipara import BidiParagraph
from workshop.report.escape import clip

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
HEADER_GAP = 8 * mm


class Heading(BidiParagraph):
    """A section heading that also becomes an entry of the PDF outline (bookmarks)."""

    def __init__(self, markup_text: str, style, outline: str, level: int = 0) -> None:
        super().__init__(markup_text, style)
        self.outline = fonts.printable(clip(outline, 80))
        self.level = level


def paper_size(paper: str) -> tuple[float, float]:
    try:
        return PAPERS[paper.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"Unknown paper size '{paper}': use one of {', '.join(PAPERS)}.") from None


class ReportDoc(BaseDocTemplate):
    def __init__(
        self,
        target,
        *,
        paper: str,
        title: str,
        author: str,
        subject: str,
        reproducible: bool,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.cancelled = cancelled
        """Asked after every flowable laid out: True stops the build (ReportCancelledError)."""
        size = paper_size(paper)
        fonts.register()
        super().__init__(
            target,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_GAP,
            bottomMargin=MARGIN,
            title=fonts.printable(title),
            author=fonts.printable(author),
            subject=subject,
            creator="Via",
            lang="en",
            invariant=1 if reproducible else 0,
            initialFontName=fonts.REGULAR,
        )
        self.header_text = rtl.shape(clip(title, 90))
        self._last_level = -1
        self._headings = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        wide = landscape(size)
        self.wide_width = wide[0] - 2 * MARGIN
        self.wide_height = wide[1] - 2 * MARGIN - HEADER_GAP
        wide_frame = Frame(MARGIN, MARGIN, self.wide_width, self.wide_height, id="wide")
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=self._footer),
                PageTemplate(id="page", frames=[frame], onPage=self._header_footer),
                PageTemplate(id="wide", frames=[wide_frame], onPage=self._header_footer, pagesize=wide),
            ]
        )

    def _footer(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(st.MUTED)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.drawRightString(canvas._pagesize[0] - MARGIN, MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()

    def _header_footer(self, canvas, doc) -> None:
        self._footer(canvas, doc)
        canvas.saveState()
        page_width, page_height = canvas._pagesize
        top = page_height - MARGIN
        canvas.setFillColor(st.MUTED)
        fonts.draw_string(canvas, MARGIN, top, self.header_text, 8, rtl=rtl.is_rtl(self.header_text))
        canvas.setFont(fonts.REGULAR, 8)
        canvas.drawRightString(page_width - MARGIN, top, "Alignment report")
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, page_width - MARGIN, top - 4)
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ReportCancelledError
        if isinstance(flowable, Heading):
            canvas = self.canv
            if self._headings == 0:
                canvas.showOutline()
            key = f"via-h{self._headings}"
            self._headings += 1
            canvas.bookmarkPage(key)
            # An outline level may only go one deeper than the previous entry.
            level = min(flowable.level, self._last_level + 1)
            canvas.addOutlineEntry(flowable.outline, key, level=level, closed=level > 0)
            self._last_level = level
