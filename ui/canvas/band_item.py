"""The three horizontal bands behind the cards (their names are drawn by the view, at its left edge).

Bands are drawn under everything and span the cards' width; the support band grows downward with
its content (geometry.support_bottom) because support chains are the deep ones.
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

    def set_extent(self, left: float, right: float, bottom: float | None = None) -> None:
        rng = BANDS[self.band]
        rect = QRectF(left, rng.top, right - left, (bottom if bottom is not None else rng.bottom) - rng.top)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def set_rect(self, rect: QRectF) -> None:
        """Projector mode: the band where the reflowed board puts it (its height follows its rows)."""
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
