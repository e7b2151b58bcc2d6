"""Paragraph styles and colours of the report, in one place so every section looks the same."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from workshop.report import fonts

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#616E7C")
RULE = colors.HexColor("#CBD2D9")
SHADE = colors.HexColor("#F0F4F8")
ACCENT = colors.HexColor("#2457A6")
ERROR = colors.HexColor("#C0392B")
WARNING = colors.HexColor("#D68910")
INFO = colors.HexColor("#2E86C1")
EXCEPTION = colors.HexColor("#7D3C98")
OK = colors.HexColor("#1E8449")

BAND_FILL = {
    "strategy": colors.HexColor("#EEF2F8"),
    "customer_facing": colors.HexColor("#F1F7F1"),
    "support": colors.HexColor("#F8F4EC"),
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    bullet: ParagraphStyle
    tight: ParagraphStyle
    hint: ParagraphStyle
    score: ParagraphStyle


def make() -> Styles:
    fonts.register()
    base = ParagraphStyle(
        "via-body",
        fontName=fonts.REGULAR,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=5,
        splitLongWords=1,
        bulletFontName=fonts.REGULAR,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"via-{name}", parent=base, **kw)

    return Styles(
        title=derive("title", fontName=fonts.BOLD, fontSize=26, leading=32, spaceAfter=14, textColor=ACCENT),
        subtitle=derive("subtitle", fontSize=13, leading=18, textColor=MUTED, spaceAfter=6),
        h1=derive(
            "h1",
            keepWithNext=1,
            fontName=fonts.BOLD,
            fontSize=17,
            leading=22,
            spaceBefore=4,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        h2=derive("h2", keepWithNext=1, fontName=fonts.BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=6),
        h3=derive("h3", keepWithNext=1, fontName=fonts.BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3),
        body=base,
        small=derive("small", fontSize=8.5, leading=11, textColor=MUTED),
        cell=derive("cell", fontSize=8.5, leading=11, spaceAfter=0),
        cell_head=derive("cell-head", fontName=fonts.BOLD, fontSize=8.5, leading=11, spaceAfter=0),
        bullet=derive("bullet", leftIndent=14, bulletIndent=4, spaceAfter=3),
        tight=derive("tight", spaceAfter=1, keepWithNext=1),
        hint=derive("hint", fontSize=8.5, leading=11, textColor=MUTED, leftIndent=14, spaceAfter=6),
        score=derive("score", fontName=fonts.BOLD, fontSize=40, leading=46, alignment=TA_CENTER, textColor=ACCENT),
    )
