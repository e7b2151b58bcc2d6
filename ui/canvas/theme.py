"""Colours, pens and fonts of the board, in a normal and a projector variant.

Kept in one place so projector mode (or the desk's dark scheme) is a swap of one object rather than
a hunt through paint code. The desk has a light and a dark variant (the window follows the system's
colour scheme, ui/appearance.py): the same board, each text colour above 4.5:1 on what it is drawn
on. The projector variant is for a room: dark background, bright cards, bigger type and thick arrows,
legible at 1024x768 from the back row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from PySide6.QtGui import QColor, QFont

from workshop.findings import Severity

MIN_TEXT_PX = 6.0


@dataclass(frozen=True)
class Theme:
    name: str
    background: QColor
    band_fill: tuple[QColor, QColor, QColor]
    band_label: QColor
    card_fill: QColor
    card_border: QColor
    card_text: QColor
    card_muted: QColor
    strategic_header: QColor
    strategic_header_text: QColor
    selection: QColor
    link: QColor
    link_width: float
    around: QColor
    direct: QColor
    suggestion: QColor
    body_px: int
    header_px: int
    small_px: int
    band_label_px: int
    badge: dict[Severity, QColor]
    min_body_px: int
    """A card's text shrinks from body_px down to this before it is cut: the whole goal beats big type."""
    header_height: float
    """Height of a card's coloured header strip (scene units)."""
    lod_text: float = 0.0
    """Zoom below which cards are drawn without their full text; 0 means from MIN_TEXT_PX / body_px."""
    link_label_px: int = 12
    """Type size of the "Direct impact" / "Around" tags: in projector mode they carry the method's point."""
    overview_lod: float = 0.15
    """Between this zoom and text_lod, cards show their first words in large type; below it, plain colour."""
    link_far_px: float = 0.0
    """Links whose pen is thinner than this on screen are drawn as plain hairlines (no arrowhead): the
    projector's whole 500-card board at fit would otherwise spend ~10 ms a frame on 1 px antialiased lines."""
    direct_inner: QColor = field(default_factory=lambda: QColor("#FFFFFF"))
    """The thin stripe down the middle of a direct-impact link: the background's side of the double line."""
    grow_cards: bool = False
    """Cards grow to show their whole text at body_px (and their whole measure line, wrapped) instead of
    shrinking or cutting it: projector mode, where the board is reflowed around the cards' heights."""

    @property
    def text_lod(self) -> float:
        """Below this zoom the body text would be too small to matter: cards are drawn plain.

        Projector mode sets its own, lower value: at fit-to-view on a small beamer (1024x768) the room
        still needs the words on the cards, even small, rather than coloured boxes.
        """
        return self.lod_text or MIN_TEXT_PX / self.body_px

    def font(self, px: int, bold: bool = False, italic: bool = False) -> QFont:
        """Shared font objects: cards ask for the same few fonts thousands of times."""
        return _font(px, bold, italic)


def font_of(px: int, bold: bool = False, italic: bool = False) -> QFont:
    """The shared font object for these settings (the same one Theme.font returns)."""
    return _font(px, bold, italic)


@lru_cache(maxsize=64)
def _font(px: int, bold: bool, italic: bool) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    font.setItalic(italic)
    return font


_BADGES = {
    Severity.ERROR: QColor("#D62828"),
    Severity.WARNING: QColor("#F77F00"),
    Severity.INFO: QColor("#1D6FD8"),
}

NORMAL = Theme(
    name="normal",
    background=QColor("#F4F5F7"),
    band_fill=(QColor("#E9ECF2"), QColor("#EEF3EE"), QColor("#F3EFEA")),
    band_label=QColor("#5A6270"),
    card_fill=QColor("#FFFFFF"),
    card_border=QColor("#B8BEC8"),
    card_text=QColor("#1B1F24"),
    card_muted=QColor("#5E6672"),
    strategic_header=QColor("#2B2D42"),
    strategic_header_text=QColor("#FFFFFF"),
    selection=QColor("#1D6FD8"),
    link=QColor("#4A5160"),
    link_width=2.0,
    around=QColor("#E4572E"),
    direct=QColor("#7B2CBF"),
    suggestion=QColor("#8A8F98"),
    body_px=15,
    header_px=12,
    small_px=11,
    band_label_px=14,
    badge=_BADGES,
    min_body_px=11,
    header_height=22.0,
)

DARK = replace(
    NORMAL,
    name="dark",
    background=QColor("#15171B"),
    band_fill=(QColor("#1C2130"), QColor("#1A261E"), QColor("#29231B")),
    band_label=QColor("#C9CFD9"),
    card_fill=QColor("#2A2E36"),
    card_border=QColor("#555C69"),
    card_text=QColor("#EDEFF3"),
    card_muted=QColor("#B3BAC6"),
    strategic_header=QColor("#4A5A80"),
    selection=QColor("#5AA2FF"),
    link=QColor("#A3ABB9"),
    around=QColor("#FF7F57"),
    direct=QColor("#B88AF0"),
    suggestion=QColor("#8D949F"),
    direct_inner=QColor("#15171B"),
)
"""The desk in the dark scheme: dark cards on a darker board, light text, the same sizes as NORMAL."""

PROJECTOR = Theme(
    name="projector",
    background=QColor("#101218"),
    band_fill=(QColor("#1E2230"), QColor("#1B2A22"), QColor("#2C2419")),
    band_label=QColor("#E6E8EE"),
    card_fill=QColor("#FFFFFF"),
    card_border=QColor("#FFFFFF"),
    card_text=QColor("#000000"),
    card_muted=QColor("#2A2E36"),
    strategic_header=QColor("#FFD166"),
    strategic_header_text=QColor("#000000"),
    selection=QColor("#FFD400"),
    link=QColor("#F0F2F6"),
    link_width=4.5,
    around=QColor("#FF8C1A"),
    direct=QColor("#D39BFF"),
    suggestion=QColor("#B8BCC4"),
    body_px=20,
    header_px=15,
    small_px=13,
    band_label_px=13,
    badge={Severity.ERROR: QColor("#FF3B3B"), Severity.WARNING: QColor("#FF9F1A"), Severity.INFO: QColor("#4DA3FF")},
    min_body_px=13,
    header_height=22.0,
    lod_text=0.45,
    overview_lod=0.3,  # the room cannot read type under ~9 px: a big board at fit shows colour and badges,
    # which keeps its frame within 16 ms (500 cards); the guide's focus zooms up to legible text
    link_label_px=21,
    link_far_px=1.5,
    direct_inner=QColor("#101218"),
    grow_cards=True,
)


CARD_DIM = 0.22
"""How much of a dimmed card shows through the guide's focus: its colours 22% of the way from the background."""
LINK_DIM = 0.2
"""The same for a dimmed link (thin lines need a little less to recede)."""


def faded(colour: QColor, background: QColor, amount: float) -> QColor:
    """`colour` drawn at `amount` opacity over `background`, as one opaque colour (the same shared
    object for the same three: a dimmed board asks for a few colours thousands of times a frame).

    Why not the painter's opacity: semi-transparent painting leaves Qt's fast paths (text above all),
    and the guide dims most of a board while the room drags the few cards it is about. With opacity a
    drag on a dimmed 2,000-card board cost 1.76x an undimmed one; with faded colours, the same."""
    return _faded(colour.rgba(), background.rgba(), amount)


@lru_cache(maxsize=256)
def _faded(colour: int, background: int, amount: float) -> QColor:
    top, under, keep = QColor.fromRgba(colour), QColor.fromRgba(background), 1.0 - amount
    return QColor.fromRgbF(
        top.redF() * amount + under.redF() * keep,
        top.greenF() * amount + under.greenF() * keep,
        top.blueF() * amount + under.blueF() * keep,
    )


_DIMMED: dict[tuple[str, float], Theme] = {}


def dimmed(theme: Theme, amount: float = CARD_DIM) -> Theme:
    """The theme with every colour faded toward its background: what a dimmed item draws with (made
    once per theme, by name: a theme's colours are not hashable)."""
    found = _DIMMED.get((theme.name, amount))
    if found is None:
        found = _DIMMED[(theme.name, amount)] = _faded_theme(theme, amount)
    return found


def _faded_theme(theme: Theme, amount: float) -> Theme:
    back = theme.background

    def fade(colour: QColor) -> QColor:
        return faded(colour, back, amount)

    return replace(
        theme,
        name=f"{theme.name}-dimmed-{amount}",
        card_fill=fade(theme.card_fill),
        card_border=fade(theme.card_border),
        card_text=fade(theme.card_text),
        card_muted=fade(theme.card_muted),
        strategic_header=fade(theme.strategic_header),
        strategic_header_text=fade(theme.strategic_header_text),
        selection=fade(theme.selection),
        link=fade(theme.link),
        around=fade(theme.around),
        direct=fade(theme.direct),
        suggestion=fade(theme.suggestion),
        badge={severity: fade(colour) for severity, colour in theme.badge.items()},
        direct_inner=fade(theme.direct_inner),
    )
