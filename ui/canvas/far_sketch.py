"""Far out on a big board, one item draws every card and link: the whole board at fit within a frame.

Tidy folds a big board into shelves so that fit shows all of it; at 2,000 cards that is 4,000 items
whose own paint calls (a coloured rectangle, a hairline each at that zoom) took ~29 ms a frame, nearly
all of it the per-item call. While the view is zoomed out past the point where cards and links are
only colour and hairlines, the scene marks its cards and links as having no contents (they still
take clicks and drags) and this item draws exactly what they would have drawn, in a few batched
calls. What it draws is read from the items once and kept (rectangles and lines, not a picture:
~0.2 MB at 2,000 cards) until the scene says something drawn changed (`invalidate`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import BADGE_RADIUS, CardItem
from ui.canvas.link_item import LOD_FAR, LinkItem
from ui.canvas.safe_paint import guarded_paint
from workshop.model import CardKind

SKETCH_FROM = 1000
"""Cards on a board before it is drawn far out by the sketch (smaller boards paint fast item by item)."""


_Drawing: TypeAlias = tuple[
    list[tuple[bool, QPen, list[QLineF]]],
    list[tuple[bool, QColor, list[QRectF]]],
    tuple[QColor, list[QRectF]] | None,
    list[tuple[QPointF, QColor, bool]],
]
"""Hairlines per pen and dimming, card rectangles per colour and dimming, the selection, the badges."""


def far_out(lod: float, overview_lod: float) -> bool:
    """True where a card is a plain coloured rectangle and a link a hairline (what the sketch draws)."""
    return lod < min(overview_lod, LOD_FAR)


class FarSketch(QGraphicsItem):
    def __init__(self, cards: Callable[[], Iterable[CardItem]], links: Callable[[], Iterable[LinkItem]]) -> None:
        super().__init__()
        self._cards = cards
        self._links = links
        self._rect = QRectF()
        self._drawing: _Drawing | None = None
        self.setZValue(4)  # under the links (5) and cards (10) it stands in for, over the bands
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_extent(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def fallback_rect(self) -> QRectF:
        return QRectF()

    def invalidate(self) -> None:
        """Read the items again at the next paint (a card moved, a selection, a focus, a colour)."""
        self._drawing = None
        self.update()

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if self._drawing is None:
            self._drawing = self._read()
        lines, fills, selected, badges = self._drawing
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for dimmed, pen, drawn in lines:
            painter.setOpacity(0.2 if dimmed else 1.0)
            painter.setPen(pen)
            painter.drawLines(drawn)
        painter.setPen(Qt.PenStyle.NoPen)
        for dimmed, colour, rects in fills:
            painter.setOpacity(0.22 if dimmed else 1.0)
            painter.setBrush(colour)
            painter.drawRects(rects)
        if selected is not None:
            painter.setOpacity(1.0)
            painter.setPen(QPen(selected[0], 6 / max(lod, 0.05)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(selected[1])
        painter.setPen(Qt.PenStyle.NoPen)
        for centre, colour, dimmed in badges:
            painter.setOpacity(0.22 if dimmed else 1.0)
            painter.setBrush(colour)
            painter.drawEllipse(centre, BADGE_RADIUS * 2, BADGE_RADIUS * 2)
        painter.setOpacity(1.0)

    def _read(self) -> _Drawing:
        """Every visible card's rectangle by colour and every link's line by pen: one pass, plain
        attribute reads (this runs once after each change seen far out: ~4 ms at 2,000 cards)."""
        selected_items = set(self.scene().selectedItems()) if self.scene() is not None else set()
        lines: dict[tuple[object, bool], tuple[QPen, list[QLineF]]] = {}
        for link in self._links():
            if link._length < 1 or not link.isVisible():
                continue
            key = (link.theme.name, link.style, link in selected_items, link.dimmed)
            group = lines.get(key)
            if group is None:
                group = lines[key] = (link.drawing_pens()[1], [])
            group[1].append(link._line)
        fills: dict[tuple[object, bool], tuple[QColor, list[QRectF]]] = {}
        selected: list[QRectF] = []
        selection: QColor | None = None
        badges: list[tuple[QPointF, QColor, bool]] = []
        strategic = CardKind.STRATEGIC
        for card in self._cards():
            rect = card._rect.translated(card.pos())
            content = card.content
            key = (None if content.kind == strategic else content.colour, card.dimmed)
            group = fills.get(key)
            if group is None:
                group = fills[key] = (card.far_colour(), [])
            group[1].append(rect)
            if card in selected_items:
                selected.append(rect)
                selection = card.theme.selection
            if card.badge is not None:
                badges.append((rect.topRight(), card.theme.badge[card.badge.severity], card.dimmed))
        return (
            [(dimmed, pen, drawn) for (*_, dimmed), (pen, drawn) in lines.items()],
            [(dimmed, colour, rects) for (_, dimmed), (colour, rects) in fills.items()],
            (selection, selected) if selection is not None else None,
            badges,
        )
