"""Where a palette tile will land, shown on the board while it is dragged.

The card is created centred on the pointer and then kept inside its function's band, so a goal of
IT dragged into the strategy band lands in the support band. Without a preview the first drop
seemed to land "somewhere else": the dragged tile's picture hung off to the right of the pointer,
and the band rule moved it further. The outline is drawn exactly where the card will be.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from ui.canvas.theme import Theme
from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, Stripe, clamp_to_stripe
from workshop.model import Band, CardKind, Workshop, band_of_function

PREVIEW_Z = 1_000_000.0
"""Above every card and link: the outline must never hide behind what it lands next to."""


def landing_spot(
    ws: Workshop, kind: CardKind, function_id: str | None, point: QPointF, board: list[Stripe]
) -> QPointF | None:
    """Top-left corner of a new card dropped at `point`, in its band's stripe of the `board` nearest to
    the pointer (on a board folded into shelves, the shelf it is dropped on); None when its function is
    gone."""
    band = Band.STRATEGY
    if kind != CardKind.STRATEGIC:
        function = ws.function(function_id)
        if function is None:
            return None
        band = band_of_function(function)
    x = point.x() - CARD_WIDTH / 2
    y = clamp_to_stripe(board, band, point.y() - CARD_HEIGHT / 2)
    return QPointF(round(x, 1), round(y, 1))


class DropPreview:
    """A dashed card outline that follows a palette drag over the board."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self._item: QGraphicsRectItem | None = None

    def show_at(self, corner: QPointF | None, theme: Theme) -> None:
        if corner is None:
            self.hide()
            return
        item = self._item
        if item is None or item.scene() is not self._scene:  # a rebuilt board cleared it
            item = self._item = QGraphicsRectItem()
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setZValue(PREVIEW_Z)
            self._scene.addItem(item)
        pen = QPen(theme.selection, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)  # readable at any zoom
        item.setPen(pen)
        item.setRect(QRectF(corner.x(), corner.y(), CARD_WIDTH, CARD_HEIGHT))
        item.show()

    def hide(self) -> None:
        if self._item is not None and self._item.scene() is self._scene:
            self._scene.removeItem(self._item)
        self._item = None

    def rect(self) -> QRectF | None:
        """The outline shown now, in scene coordinates (None when hidden)."""
        return self._item.rect() if self._item is not None else None
