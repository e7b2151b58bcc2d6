"""The horizontal band stripes behind the cards (their names are drawn by the view, at its left edge).

Stripes are drawn under everything and span the cards' width. A board of one shelf has three, the
support band growing downward with its content; a board Tidy folded into shelves has three per
shelf (`workshop.geometry.stripes`, found from where the cards are).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.canvas.safe_paint import guarded_paint
from ui.canvas.theme import NORMAL, Theme
from workshop.geometry import BANDS
from workshop.model import Band

BAND_TITLES = {
    Band.STRATEGY: "Strategy",
    Band.CUSTOMER_FACING: "Customer-facing functions",
    Band.SUPPORT: "Support functions",
}


class BandItem(QGraphicsItem):
    def __init__(self, band: Band, theme: Theme = NORMAL) -> None:
        super().__init__()
        self.band = band
        self.theme = theme
        rng = BANDS[band]
        self._rect = QRectF(-400, rng.top, 2000, rng.bottom - rng.top)
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def title(self) -> str:
        return QCoreApplication.translate("BandItem", BAND_TITLES[self.band])

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_rect(self, rect: QRectF) -> None:
        """Where the stripe is: from the board's stripes, or where projector mode's reflow puts the band."""
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        index = list(Band).index(self.band)
        painter.fillRect(self._rect, self.theme.band_fill[index])
