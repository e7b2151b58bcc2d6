"""Fitting participant text into a card: wrapped, cut to the lines that fit, last line elided.

Done once per text/theme change and cached as `QStaticText` lines (plain-text format), because
laying out text on every paint is what makes big boards slow.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QStaticText, QTextLayout, QTextOption

ELLIPSIS = "…"
_LOOKAHEAD = 800
"""Characters laid out at most: a card never shows more, and 20,000-character notes exist."""


def static_text(text: str, font: QFont) -> QStaticText:
    """A plain-text QStaticText: participants' markup must never be interpreted."""
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    st.prepare(font=font)
    return st


def fit_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """The lines to draw: word-wrapped to `width`, at most `max_lines`, the last one elided if cut."""
    if max_lines <= 0 or not text:
        return []
    sample = text[:_LOOKAHEAD].replace("\n", "\u2028")
    layout = QTextLayout(sample, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
        if len(spans) > max_lines:
            break
    layout.endLayout()
    lines = [sample[start : start + length].replace("\u2028", "").rstrip() for start, length in spans]
    if len(lines) <= max_lines and len(text) <= _LOOKAHEAD:
        return lines
    metrics = QFontMetricsF(font)
    last_start = spans[max_lines - 1][0]
    rest = " ".join(sample[last_start:].replace("\u2028", " ").split())
    elided = metrics.elidedText(rest + " " + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
    return [*lines[: max_lines - 1], elided]


def tooltip_html(*paragraphs: str) -> str:
    """A tooltip that shows the given text literally: Qt guesses rich text, so escape it ourselves."""
    parts = []
    for paragraph in paragraphs:
        if paragraph:
            parts.append("<p style='white-space:pre-wrap'>" + html.escape(paragraph[:2000]) + "</p>")
    return "<qt>" + "".join(parts) + "</qt>" if parts else ""
