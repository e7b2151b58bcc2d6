"""A light flowable for user text: wrapped by us, drawn as plain canvas text, never parsed as markup.

reportlab's Paragraph parses markup and runs a general line breaker: about 1 ms per paragraph,
which is most of the time of a 500-goal report. Goal texts, answers and table cells need none of
that: one font per piece, left aligned. Drawing them as plain text is also the strongest guarantee
that `<img src=...>` or `R&D <b>` in a label can only ever print as those characters.
A TextBlock splits across pages line by line, so a 20,000-character note flows over pages.
A paragraph that starts with a Hebrew or Arabic letter is right-to-left: shaped before wrapping,
each line reordered for display after wrapping, and right-aligned (workshop/report/rtl.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.platypus import Flowable

from workshop.report import fonts, rtl
from workshop.report import styles as st
from workshop.report.escape import ELLIPSIS, clip
from workshop.text import clean_text


@dataclass(frozen=True)
class Piece:
    """One run of text in one size, weight and colour, starting on a new line."""

    text: str
    size: float = 10.0
    bold: bool = False
    colour: colors.Color = st.INK
    limit: int | None = None
    """Clip to this many characters (fixed-height places such as table cells)."""


@lru_cache(maxsize=65536)
def _width(word: str, size: float, bold: bool) -> float:
    return fonts.string_width(word, size, bold)


def fit_chars(word: str, size: float, width: float, bold: bool) -> int:
    """How many leading characters of an overlong word fit in `width` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if fonts.string_width(word[:mid], size, bold) <= width:
            low = mid
        else:
            high = mid - 1
    return max(1, low)


def wrap_text(text: str, size: float, width: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Greedy word wrap honouring newlines; words wider than the line are cut; overflow ends in an ellipsis."""
    space = _width(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            w = _width(word, size, bold) if len(word) < 60 else fonts.string_width(word, size, bold)
            if line and used + space + w <= width:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(" ".join(line))
                line, used = [], 0.0
            while w > width:  # a word longer than the line: cut it where it stops fitting
                cut = fit_chars(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
                w = fonts.string_width(word, size, bold)
                if max_lines is not None and len(lines) > max_lines:
                    break
            if word:
                line, used = [word], w
            if max_lines is not None and len(lines) > max_lines:
                break
        if line:
            lines.append(" ".join(line))
        if not paragraph.split():
            lines.append("")
        if max_lines is not None and len(lines) > max_lines:
            break
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = with_ellipsis(lines[-1], size, width, bold)
    return lines


def with_ellipsis(line: str, size: float, width: float, bold: bool) -> str:
    """The line shortened until it fits `width` with an ellipsis after it."""
    while line and fonts.string_width(line + ELLIPSIS, size, bold) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


Line = tuple[str, float, bool, colors.Color, bool]
"""(text, size, bold, colour, right_to_left) of one wrapped line, its text in logical order."""


class TextBlock(Flowable):
    def __init__(
        self,
        pieces: list[Piece],
        *,
        bullet: bool = False,
        space_after: float = 4.0,
        leading: float = 1.3,
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.pieces = pieces
        self.bullet = bullet
        self.space_after = space_after
        self.leading = leading
        self._lines = lines
        self._wrapped_for: float | None = None if lines is None else -1.0
        self.indent = 12.0 if bullet else 0.0

    def _line_height(self, line: Line) -> float:
        return line[1] * self.leading

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or (self._wrapped_for not in (-1.0, available_width)):
            self._lines = []
            room = max(available_width - self.indent, 20.0)
            for piece in self.pieces:
                text = rtl.shape(clip(clean_text(piece.text), piece.limit))
                for paragraph in text.split("\n"):
                    right_to_left = rtl.is_rtl(paragraph)
                    for line in wrap_text(paragraph, piece.size, room, piece.bold):
                        self._lines.append((line, piece.size, piece.bold, piece.colour, right_to_left))
            self._wrapped_for = available_width
        self.width = available_width
        self.height = sum(self._line_height(li) for li in self._lines) + self.space_after
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        used, cut = 0.0, 0
        for line in self._lines or []:
            if used + self._line_height(line) > available_height:
                break
            used += self._line_height(line)
            cut += 1
        if cut == 0 or cut >= len(self._lines or []):
            return []
        first = TextBlock([], bullet=self.bullet, space_after=0, leading=self.leading, lines=self._lines[:cut])
        rest = TextBlock([], bullet=False, space_after=self.space_after, leading=self.leading, lines=self._lines[cut:])
        rest.indent = self.indent
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height  # lines hang from the top; space_after stays below the last one
        first = True
        for text, size, bold, colour, right_to_left in self._lines or []:
            y -= size * self.leading
            baseline = y + size * (self.leading - 1) / 2 + size * 0.22
            canvas.setFillColor(colour)
            if first and self.bullet:  # on the side the line starts from
                canvas.setFont(fonts.REGULAR, size)
                if right_to_left:
                    canvas.drawRightString(self.width - 2, baseline, "\u2022")
                else:
                    canvas.drawString(2, baseline, "\u2022")
            first = False
            if text and right_to_left:
                x = max(0.0, self.width - self.indent - fonts.string_width(text, size, bold))
                fonts.draw_string(canvas, x, baseline, text, size, bold, rtl=True)
            elif text:
                fonts.draw_lines(canvas, self.indent, baseline, [text], size, size * self.leading, bold)
