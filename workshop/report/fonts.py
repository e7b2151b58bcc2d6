"""The report's embedded fonts, and the split of text into runs each font can draw.

The built-in PDF fonts draw anything beyond Latin-1 as boxes, so the report embeds DejaVu Sans
(Latin, Greek, Cyrillic, Hebrew, Arabic with its presentation forms, symbols) and falls back,
character by character, to Via Hangul (Korean), Droid Sans Fallback (Chinese, Japanese) and Via
Emoji (monochrome pictographs). The fallbacks are only loaded when a text needs them (the CJK font is
4 MB and takes ~0.1 s to parse). reportlab subsets every font, so only the glyphs used reach the PDF.

Characters that only steer other characters (zero-width joiners, variation selectors, direction
marks, skin-tone modifiers a one-colour font cannot show) are not drawn: a font without them would
print each as a box. An emoji ZWJ sequence therefore prints as its parts side by side.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from workshop.report import rtl as rtl_order

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

REGULAR = "ViaSans"
BOLD = "ViaSans-Bold"
CJK = "ViaCJK"
HANGUL = "ViaHangul"
EMOJI = "ViaEmoji"

MISSING = "\u25a1"
"""Drawn in place of a character no bundled font has (emoji, rare scripts): a visible white square."""

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "ViaHangul.ttf",
    EMOJI: "ViaEmoji.ttf",
}

_HANGUL_BLOCKS = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))

_INVISIBLE = re.compile(
    "[\u061c\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff\U0001f3fb-\U0001f3ff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
"""Format characters (joiners, direction marks, variation selectors, tags) and skin-tone modifiers:
they change how their neighbours look and are never drawn themselves."""


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _unicode_of(code: int) -> str:
    """The text a PDF reader should copy for a glyph: Arabic and Hebrew presentation forms (what the
    shaper draws) copy as the letters they stand for, so search and copy-paste find the words."""
    ch = chr(code)
    if 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return unicodedata.normalize("NFKC", ch) or ch
    return ch


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with UTF-16 values: reportlab writes a character beyond U+FFFF
    (every emoji) as 5 hex digits, which PDF readers reject, and maps presentation forms to themselves.
    Installed in place of reportlab.pdfbase.ttfonts.makeToUnicodeCMap by `register()`."""
    entries = [f"<{i:02X}> <{_utf16_hex(_unicode_of(v))}>" for i, v in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


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
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    _register(REGULAR)
    _register(BOLD)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


@lru_cache(maxsize=1)
def _main_coverage() -> frozenset[int]:
    register()
    regular = _register(REGULAR).face.charWidths
    bold = _register(BOLD).face.charWidths
    return frozenset(c for c in regular if c in bold)


@cache
def _coverage(name: str) -> frozenset[int]:
    register()
    return frozenset(_register(name).face.charWidths)


def _main_has(code: int) -> bool:
    return code < 0x250 or code in _main_coverage()


def _fallback(code: int) -> str | None:
    """The fallback font that draws a character the main family lacks, None when none does."""
    if any(low <= code <= high for low, high in _HANGUL_BLOCKS) and code in _coverage(HANGUL):
        return HANGUL
    if code <= 0xFFFF and code in _coverage(CJK):
        return CJK
    if code in _coverage(EMOJI):
        return EMOJI
    return None


def segments(text: str) -> list[tuple[str | None, str]]:
    """Split text into (font, run) pairs: font None means the main family draws the run.

    Characters no bundled font has become MISSING, so nothing the room types can break the export;
    invisible format characters are left out. Plain ASCII (the common case) returns at once without
    looking at each character.
    """
    if text.isascii():
        return [(None, text)] if text else []
    text = _INVISIBLE.sub("", text)
    out: list[tuple[str | None, str]] = []
    current: str | None = None
    run: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t" or _main_has(code):
            font = None
        else:
            font = _fallback(code)
            if font is None:
                ch = MISSING
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


def draw_string(canvas, x: float, y: float, text: str, size: float, bold: bool = False, *, rtl: bool = False) -> float:
    """Draw one line at (x, y) switching fonts per run; returns the x where the line ends.

    Used for the running header and the diagram's card labels, which are drawn on the canvas
    directly (a Paragraph per card would be 10x slower). Canvas text is plain: no markup to escape.
    The line is logical text, already shaped (workshop.report.rtl.shape); it is put in display order
    here, in a paragraph that is right-to-left when `rtl` is set.
    """
    register()
    text_object = canvas.beginText(x, y)
    main = BOLD if bold else REGULAR
    for font, run in segments(rtl_order.visual(text, rtl)):
        name = font or main
        text_object.setFont(name, size)
        text_object.textOut(run)
        x += pdfmetrics.stringWidth(run, name, size)
    canvas.drawText(text_object)
    return x


def draw_lines(
    canvas, x: float, y: float, lines, size: float, leading: float, bold: bool = False, *, rtl: bool = False
) -> None:
    """Draw several lines (first baseline at y) in one PDF text object: ~3x cheaper than a drawString each.

    Lines are logical text in a paragraph of direction `rtl`, each reordered for display on its own.
    """
    register()
    text = canvas.beginText(x, y)
    text.setLeading(leading)
    main = BOLD if bold else REGULAR
    current = None
    for line in lines:
        for font, run in segments(rtl_order.visual(line, rtl)):
            name = font or main
            if name != current:
                text.setFont(name, size, leading)
                current = name
            text.textOut(run)
        text.textLine("")
    canvas.drawText(text)
