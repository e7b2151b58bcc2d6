"""Tooltips that show participants' words exactly as typed.

Qt guesses whether a tooltip is rich text, so a goal called `<b>x</b>` or `<img src=...>` would be
rendered (or fetch a local file) instead of shown. Every tooltip that can carry user text is built
here: escaped, and wrapped in a paragraph that keeps line breaks, so Qt renders it literally.
"""

from __future__ import annotations

import html

TOOLTIP_LIMIT = 2000
"""Characters shown at most: a 20,000-character note would make a tooltip taller than the screen."""


def plain_tooltip(*paragraphs: str) -> str:
    """Rich-text markup that displays each non-empty paragraph literally; '' when there is nothing."""
    parts = [
        "<p style='white-space:pre-wrap'>" + html.escape(paragraph[:TOOLTIP_LIMIT]) + "</p>"
        for paragraph in paragraphs
        if paragraph
    ]
    return "<qt>" + "".join(parts) + "</qt>" if parts else ""
