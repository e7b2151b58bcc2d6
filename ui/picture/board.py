"""The board a picture is taken of: a fresh BoardScene of the workshop, in the look asked for.

The picture is drawn by the board's own items (cards, bands, links, badges), so it looks exactly like
the board; only what belongs to a person at the screen is left out. A fresh scene has nothing
selected, hovered, being edited or dimmed by the guide's focus, and the ✓/✗ buttons of suggested
links (controls, not content) are hidden. The workshop is read, never edited: the scene follows a
Document of its own that nobody runs an operation on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QRectF, QSizeF

from ui.canvas.band_item import BandItem
from ui.canvas.card_item import MARGIN as CARD_MARGIN
from ui.canvas.navigation import FIT_MAX_SCALE
from ui.canvas.scene import BoardScene
from ui.canvas.theme import NORMAL, PROJECTOR, Theme
from ui.document import Document
from workshop.findings import Analysis
from workshop.model import Workshop


class Look(StrEnum):
    NORMAL = "normal"
    PROJECTOR = "projector"


SLIDE = QSizeF(1600.0, 860.0)
"""The area the projector look is reflowed for in a picture of the whole board: the board part of a
16:9 slide, so the picture fills a slide as the board fills the beamer."""
EDGE = 24.0
"""Scene units kept around the cards in a picture of the whole board (badges stick out by 12)."""


@dataclass
class PictureBoard:
    """A scene ready to be drawn, and the part of it the picture shows."""

    scene: BoardScene
    source: QRectF
    look: Look

    @property
    def theme(self) -> Theme:
        return self.scene.theme

    def bands(self) -> list[BandItem]:
        """Every band stripe drawn (three per shelf on a board Tidy folded), top to bottom."""
        return self.scene.band_items()

    def close(self) -> None:
        """Free the scene's items now rather than at the garbage collector's leisure."""
        self.scene.clear()
        self.scene.deleteLater()


def theme_of(look: Look) -> Theme:
    return PROJECTOR if look == Look.PROJECTOR else NORMAL


def picture_board(
    ws: Workshop,
    look: Look,
    analysis: Analysis | None = None,
    *,
    source: QRectF | None = None,
    reflow_area: QSizeF | None = None,
) -> PictureBoard:
    """Build the board of `ws` in `look`, badges from `analysis`.

    `source`: the part of the board to show (the window's view); None shows the whole board.
    `reflow_area`: for the projector look, the viewport the cards are reflowed for (the window's, for
    its current view; a slide's for the whole board), exactly as projector mode does on screen.
    """
    scene = BoardScene(Document(ws))
    theme = theme_of(look)
    if theme is not scene.theme:
        scene.set_theme(theme)
    if look == Look.PROJECTOR:
        scene.set_reflow(reflow_area or SLIDE, FIT_MAX_SCALE)
    if analysis is not None:
        scene.set_analysis(analysis)
    for link in scene.links().values():
        for button in link.buttons:
            button.setVisible(False)
    return PictureBoard(scene, QRectF(source) if source is not None else whole_rect(scene), look)


def whole_rect(scene: BoardScene) -> QRectF:
    """Every card, link and tag, with every band from its top to its bottom, and a little room around."""
    shown = QRectF(scene.cards_rect())
    for link in scene.links().values():
        shown = shown.united(link.sceneBoundingRect())
    if shown.isNull():  # an empty workshop: the three empty bands, as the board shows them
        shown = QRectF(0.0, 0.0, 1200.0, 1.0)
    shown.adjust(-EDGE - CARD_MARGIN, 0.0, EDGE + CARD_MARGIN, 0.0)
    top = min(item.rect().top() for item in scene.band_items())
    bottom = max(item.rect().bottom() for item in scene.band_items())
    top, bottom = min(top, shown.top() - EDGE), max(bottom, shown.bottom() + EDGE)
    return QRectF(shown.left(), top, shown.width(), bottom - top)
