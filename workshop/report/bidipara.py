"""A reportlab Paragraph that prints Hebrew and Arabic in display order, line by line.

reportlab breaks a Paragraph into lines in logical order and draws each line's words left to right.
Its own right-to-left support needs rlbidi, which is not on PyPI, so this subclass reorders each
broken line just before drawing, with workshop/report/rtl.py, and restores the logical lines after:
a Paragraph split across pages is split on its logical text and reordered again when drawn.
A paragraph whose first letter is right-to-left is right-aligned. The markup it gets is already
shaped (workshop/report/escape.markup).
"""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from workshop.report import rtl


class BidiParagraph(Paragraph):
    def __init__(self, text, style, *args, **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)
        plain = "".join(getattr(f, "text", "") for f in self.frags)
        self._has_rtl = rtl.has_rtl(plain)
        self._rtl = self._has_rtl and rtl.is_rtl(plain)
        if self._rtl and self.style.alignment == TA_LEFT:
            self.style = ParagraphStyle(f"{self.style.name}-rtl", parent=self.style, alignment=TA_RIGHT)
            if self.bulletText and self.frags:
                # reportlab draws bullets on the left; a right-to-left line starts on the right,
                # so the bullet becomes the first character of the text (drawn rightmost).
                bullet = self.bulletText
                if not isinstance(bullet, str):  # <bullet> markup: a list of fragments
                    bullet = "".join(getattr(f, "text", "") for f in bullet)
                self.frags[0].text = f"{bullet} {self.frags[0].text}"
                self.bulletText = None

    def drawPara(self, debug: int = 0):
        if not self._has_rtl:
            return super().drawPara(debug)
        logical = self.blPara
        self.blPara = visual_lines(logical, self._rtl)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


def visual_lines(para, right_to_left: bool):
    """A copy of reportlab's broken-lines record with every line's text in display order."""
    if para.kind == 0:  # one style: each line is (extra space, words)
        lines = []
        for line in para.lines:
            extra, words = line[0], line[1]
            lines.append((extra, rtl.visual(" ".join(words), right_to_left).split(" "), *line[2:]))
        return para.clone(lines=lines)
    lines = []
    for line in para.lines:
        words = line.words
        if not any(getattr(f, "text", "") for f in words) or any(hasattr(f, "cbDefn") for f in words):
            # blank lines, images and anchors: left as they are
            lines.append(line)
            continue
        runs = rtl.visual_runs([(f, f.text) for f in words], right_to_left)
        lines.append(line.clone(words=[f.clone(text=text) for f, text in runs]))
    return para.clone(lines=lines)
