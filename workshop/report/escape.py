"""Turning user text into safe Paragraph markup.

reportlab's Paragraph parses its text as markup: an unescaped `R&D <b>x` raises, and `<img
src=/etc/passwd>` would embed a local file into the PDF. Every string that came from a person goes
through `markup()` and nothing else; our own fixed strings may use <b> and friends directly.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from workshop.report import fonts, rtl
from workshop.text import clean_text

ELLIPSIS = "\u2026"


def clip(text: str, limit: int | None) -> str:
    """At most `limit` characters, cut at a word boundary when one is near, with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", int(limit * 0.7))
    return (cut[:space] if space > 0 else cut).rstrip() + ELLIPSIS


def markup(text: str | None, *, limit: int | None = None) -> str:
    """Paragraph markup that prints `text` literally: escaped, newlines kept, fonts switched per script.

    Arabic is shaped here, before reportlab measures and breaks the lines (workshop/report/rtl.py).
    `limit` shortens text for places with a fixed height (table cells), where a 10,000-character
    label would otherwise make a row taller than the page.
    """
    if not text:
        return ""
    text = rtl.shape(clip(clean_text(str(text)), limit))
    parts: list[str] = []
    for font, run in fonts.segments(text):
        safe = escape(run).replace("\n", "<br/>")
        parts.append(safe if font is None else f'<font name="{font}">{safe}</font>')
    return "".join(parts)
