"""The report's embedded fonts, and the split of text into runs each font can draw.

The built-in PDF fonts draw anything beyond Latin-1 as boxes, so the report embeds DejaVu Sans
(Latin, Greek, Cyrillic, Hebrew, Arabic, symbols) and falls back to Droid Sans Fallback for CJK,
character by character. The CJK font is 4 MB and takes ~0.1 s to parse, so it is only loaded when
a text actually needs it. reportlab subsets both fonts, so only the glyphs used reach the PDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

REGULAR = "ViaSans"
BOLD = "ViaSans-Bold"
CJK = "ViaCJK"

MISSING = "\u25a1"
"""Drawn in place of a character no bundled font has (emoji, rare scripts): a visible white square."""

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}


def _register(name: str) -> TTFont:
    # Not getFont() on a miss: it then searches and parses every AFM file on the machine (~1 s).
    if name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(name)  # type: ignore[return-value]
    path = FONT_DIR / _FILES[name]
    if not path.is_file():
        raise FileNotFoundError(f"The report font {path.name} is missing from {FONT_DIR}; reinstall Via.")
    font = TTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return font


@lru_cache(maxsize=1)
def register() -> None:
    """Register the main family (regular + bold) with reportlab; safe to call many times."""
    _register(REGULAR)
    _register(BOLD)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@lru_cache(maxsize=1)
def _main_coverage() -> frozenset[int]:
    register()
    regular = _register(REGULAR).face.charWidths
    bold = _register(BOLD).face.charWidths
    # Astral characters are left out on purpose: reportlab writes their ToUnicode entries as odd-length
    # hex, which PDF readers reject, so they are never sent to a font.
    return frozenset(c for c in regular if c in bold and c <= 0xFFFF)


@lru_cache(maxsize=1)
def _cjk_coverage() -> frozenset[int]:
    return frozenset(c for c in _register(CJK).face.charWidths if c <= 0xFFFF)


def _main_has(code: int) -> bool:
    return code < 0x250 or code in _main_coverage()


def segments(text: str) -> list[tuple[str | None, str]]:
    """Split text into (font, run) pairs: font None means the main family draws the run.

    Characters no bundled font has become MISSING, so nothing the room types can break the export.
    Plain ASCII (the common case) returns at once without looking at each character.
    """
    if text.isascii():
        return [(None, text)] if text else []
    out: list[tuple[str | None, str]] = []
    current: str | None = None
    run: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t" or _main_has(code):
            font = None
        elif code <= 0xFFFF and code in _cjk_coverage():
            font = CJK
        else:
            font, ch = None, MISSING
        if font != current and run:
            out.append((current, "".join(run)))
            run = []
        current = font
        run.append(ch)
    if run:
        out.append((current, "".join(run)))
    return out


def printable(text: str) -> str:
    """The text as the report will draw it (unknown characters replaced), for widths and summaries."""
    return "".join(run for _, run in segments(text))


def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of text drawn with the report's fonts, fallback runs included."""
    register()
    total = 0.0
    for font, run in segments(text):
        total += pdfmetrics.stringWidth(run, font or (BOLD if bold else REGULAR), size)
    return total


def draw_string(canvas, x: float, y: float, text: str, size: float, bold: bool = False) -> float:
    """Draw one line at (x, y) switching fonts per run; returns the width drawn.

    Used for the running header and the diagram's card labels, which are drawn on the canvas
    directly (a Paragraph per card would be 10x slower). Canvas text is plain: no markup to escape.
    """
    register()
    for font, run in segments(text):
        name = font or (BOLD if bold else REGULAR)
        canvas.setFont(name, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)
    return x


def draw_lines(canvas, x: float, y: float, lines, size: float, leading: float, bold: bool = False) -> None:
    """Draw several lines (first baseline at y) in one PDF text object: ~3x cheaper than a drawString each."""
    register()
    text = canvas.beginText(x, y)
    text.setLeading(leading)
    main = BOLD if bold else REGULAR
    current = None
    for line in lines:
        for font, run in segments(line):
            name = font or main
            if name != current:
                text.setFont(name, size, leading)
                current = name
            text.textOut(run)
        text.textLine("")
    canvas.drawText(text)
