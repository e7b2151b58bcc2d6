"""Fitting participant text into a card: wrapped, cut to the lines that fit, last line elided.

Done once per text/theme change and cached as `QStaticText` lines (plain-text format), because
laying out text on every paint is what makes big boards slow.
"""

from __future__ import annotations

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


def _code_point_index(text: str):
    """Turns Qt's text positions (UTF-16 units) into Python string indices (code points).

    They differ after every character beyond U+FFFF (every emoji): a slice taken with Qt's numbers
    took twice the emoji Qt had fitted on the line, and the line ran past the card's edge."""
    if text.isascii() or max(text) <= "\uffff":
        return lambda position: position
    index: dict[int, int] = {}
    units = 0
    for number, ch in enumerate(text):
        index[units] = number
        units += 2 if ch > "\uffff" else 1
    index[units] = len(text)
    # A position inside a surrogate pair cannot come from Qt's line breaking; map it forward anyway.
    return lambda position: index.get(position, index.get(position + 1, len(text)))


def fit_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """The lines to draw: word-wrapped to `width`, at most `max_lines`, the last one elided if cut."""
    if max_lines <= 0 or not text:
        return []
    sample = text[:_LOOKAHEAD].replace("\n", "\u2028")
    to_index = _code_point_index(sample)
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
        start = to_index(line.textStart())
        spans.append((start, to_index(line.textStart() + line.textLength()) - start))
        if len(spans) > max_lines:
            break
    layout.endLayout()
    lines = [sample[start : start + length].replace("\u2028", "").rstrip() for start, length in spans]
    if len(lines) <= max_lines and len(text) <= _LOOKAHEAD:
        return lines
    # Cut: the last line shown ends in an ellipsis. A long text whose first characters fill fewer lines
    # than the card has (zero-width spaces, combining marks, runs of spaces) cuts on its own last line.
    shown = min(max_lines, len(spans))
    metrics = QFontMetricsF(font)
    last_start = spans[shown - 1][0] if shown else 0
    # what follows is read from the text itself (bounded), so "Grow" + 900 spaces + "loyalty" shows both words
    rest = " ".join(text[last_start : last_start + 4 * _LOOKAHEAD].split())
    elided = metrics.elidedText(rest + " " + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
    return [*lines[: max(0, shown - 1)], elided]


def wrap_whole(text: str, font: QFont, width: float, max_lines: int) -> list[str] | None:
    """The word-wrapped lines of the whole text if they fit in `max_lines`, else None (nothing elided)."""
    if max_lines <= 0 or len(text) > _LOOKAHEAD:
        return None
    lines = fit_lines(text, font, width, max_lines + 1)
    return lines if len(lines) <= max_lines else None


def shrink_to_fit(text: str, fonts: list[tuple[QFont, float]], width: float, height: float) -> tuple[int, list[str]]:
    """The largest font (index into `fonts`, largest first, each with its line spacing) showing all of
    `text` in `width` x `height`, and its lines; if none does, the smallest font with the text elided.

    A 90-character goal at projector size needs five lines a card does not have; the room reads the
    whole goal at a slightly smaller size better than three quarters of it at full size.
    """

    def attempt(index: int) -> list[str] | None:
        font, spacing = fonts[index]
        return wrap_whole(text, font, width, int(height // spacing))

    lines = attempt(0)
    if lines is not None:  # most goals are short: the full size fits at the first try
        return 0, lines
    # a smaller font never needs more lines, so search the other sizes by halves: 3 layouts, not 7
    low, high, best = 1, len(fonts) - 1, None
    while low <= high:
        middle = (low + high) // 2
        lines = attempt(middle)
        if lines is not None:
            best, high = (middle, lines), middle - 1
        else:
            low = middle + 1
    if best is not None:
        return best
    font, spacing = fonts[-1]
    return len(fonts) - 1, fit_lines(text, font, width, max(1, int(height // spacing)))
