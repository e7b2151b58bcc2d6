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

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import BADGE_RADIUS, CardItem
from ui.canvas.link_item import LOD_FAR, LinkItem
from ui.canvas.safe_paint import guarded_paint
from workshop.model import CardKind

SKETCH_FROM = 1000
"""Cards on a board before it is drawn far out by the sketch (smaller boards paint fast item by item)."""


_Fills: TypeAlias = list[tuple[bool, QColor, list[QRectF]]]
_Drawing: TypeAlias = tuple[list[tuple[bool, QPen, list[QLineF]]], _Fills, _Fills]
"""Hairlines per pen and dimming, card rectangles per colour and dimming, badge dots per colour and
dimming (squares: far out a badge is a few pixels across, and one call per colour draws them all)."""


def far_out(lod: float, overview_lod: float) -> bool:
    """True where a card is a plain coloured rectangle and a link a hairline (what the sketch draws)."""
    return lod < min(overview_lod, LOD_FAR)


class FarSketch(QGraphicsItem):
    def __init__(
        self,
        cards: Callable[[], Iterable[CardItem]],
        links: Callable[[], Iterable[LinkItem]],
        links_of: Callable[[CardItem], Iterable[LinkItem]],
        badged: Callable[[], Iterable[CardItem]],
    ) -> None:
        super().__init__()
        self._badged = badged
        self._cards = cards
        self._links = links
        self._links_of = links_of
        self._rect = QRectF()
        self._drawing: _Drawing | None = None
        self._links_read_selected = False
        self._card_slots: dict[CardItem, tuple[list[QRectF], int]] = {}
        self._link_slots: dict[LinkItem, tuple[list[QLineF], int]] = {}
        """Where each item's rectangle or line sits in the drawing kept: a move rewrites only those."""
        self._moved: set[CardItem] = set()
        self._dot_slots: dict[CardItem, tuple[list[QRectF], int]] = {}
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
        """Read the items again at the next paint (a colour, a badge, a focus, cards come or go)."""
        self._drawing = None
        self._moved.clear()
        self.update()

    def card_moved(self, card: CardItem) -> None:
        """A card moved and its links followed: at the next paint only its rectangle and its lines are
        read again, not the whole board (Tidy's glide and a bulk move move a slice of cards a frame)."""
        if self._drawing is not None:
            self._moved.add(card)
        self.update()

    def selection_changed(self) -> None:
        """Selected cards are outlined over the kept drawing at each paint, so selecting a card needs
        no new reading; a selected link is drawn in the selection's colour, so one does."""
        scene = self.scene()
        if self._links_read_selected or (
            scene is not None and any(isinstance(item, LinkItem) for item in scene.selectedItems())
        ):
            self.invalidate()
        else:
            self.update()

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        # a few cards moved: rewrite theirs; most of the board (a bulk move at once): read it all
        many = len(self._moved) > len(self._card_slots) // 4
        if self._drawing is not None and self._moved and (many or not self._follow_moves()):
            self._drawing = None
        if self._drawing is None:
            self._drawing = self._read()
        lines, fills, dots = self._drawing
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
        scene = self.scene()
        chosen = [item for item in scene.selectedItems() if isinstance(item, CardItem)] if scene is not None else []
        if chosen:
            painter.setOpacity(1.0)
            painter.setPen(QPen(chosen[0].theme.selection, 6 / max(lod, 0.05)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects([card.scene_card_rect() for card in chosen])
        painter.setPen(Qt.PenStyle.NoPen)
        for dimmed, colour, rects in dots:
            painter.setOpacity(0.22 if dimmed else 1.0)
            painter.setBrush(colour)
            painter.drawRects(rects)
        painter.setOpacity(1.0)

    def badges_changed(self) -> None:
        """The analysis set new badges: only the dots are read again, not the whole board."""
        if self._drawing is not None:
            lines, fills, _ = self._drawing
            self._drawing = (lines, fills, self._read_dots())
        self.update()

    def _dot(self, card: CardItem) -> QRectF:
        reach = BADGE_RADIUS * 2
        corner = card.pos()
        return QRectF(corner.x() + card._rect.right() - reach, corner.y() - reach, 2 * reach, 2 * reach)

    def _read_dots(self) -> _Fills:
        dots: dict[tuple[int, bool], tuple[QColor, list[QRectF]]] = {}
        slots: dict[CardItem, tuple[list[QRectF], int]] = {}
        for card in self._badged():
            badge = card.badge
            if badge is None:
                continue
            colour = card.theme.badge[badge.severity]
            group = dots.get((colour.rgba(), card.dimmed))
            if group is None:
                group = dots[(colour.rgba(), card.dimmed)] = (colour, [])
            slots[card] = (group[1], len(group[1]))
            group[1].append(self._dot(card))
        self._dot_slots = slots
        return [(dimmed, colour, rects) for (_, dimmed), (colour, rects) in dots.items()]

    def _follow_moves(self) -> bool:
        """Rewrite the moved cards' rectangles and their links' lines in the drawing kept; False when
        one is not in it (new since it was read, or shown again): then it is all read again."""
        for card in self._moved:
            slot = self._card_slots.get(card)
            if slot is None:
                return False
            slot[0][slot[1]] = card._rect.translated(card.pos())
            dot = self._dot_slots.get(card)
            if dot is not None:
                dot[0][dot[1]] = self._dot(card)
            for link in self._links_of(card):
                line_slot = self._link_slots.get(link)
                drawn = link._length >= 1 and link.isVisible()
                if (line_slot is None) == drawn:
                    return False
                if line_slot is not None:
                    line_slot[0][line_slot[1]] = link._line
        self._moved.clear()
        return True

    def _read(self) -> _Drawing:
        """Every card's rectangle by colour and every visible link's line by pen: one pass, plain
        attribute reads (once after a change seen far out: ~5 ms at 2,000 cards; a move reads less)."""
        scene = self.scene()
        selected_links = (
            {item for item in scene.selectedItems() if isinstance(item, LinkItem)} if scene is not None else set()
        )
        self._links_read_selected = bool(selected_links)
        self._moved.clear()
        lines: dict[tuple[object, ...], tuple[QPen, list[QLineF]]] = {}
        link_slots: dict[LinkItem, tuple[list[QLineF], int]] = {}
        for link in self._links():
            if link._length < 1 or not link.isVisible():
                continue
            key = (link.theme.name, link.style, link in selected_links, link.dimmed)
            group = lines.get(key)
            if group is None:
                group = lines[key] = (link.drawing_pens()[1], [])
            link_slots[link] = (group[1], len(group[1]))
            group[1].append(link._line)
        fills: dict[tuple[object, bool], tuple[QColor, list[QRectF]]] = {}
        card_slots: dict[CardItem, tuple[list[QRectF], int]] = {}
        strategic = CardKind.STRATEGIC
        for card in self._cards():
            content = card.content
            key = (None if content.kind == strategic else content.colour, card.dimmed)
            group = fills.get(key)
            if group is None:
                group = fills[key] = (card.far_colour(), [])
            card_slots[card] = (group[1], len(group[1]))
            group[1].append(card._rect.translated(card.pos()))
        self._card_slots, self._link_slots = card_slots, link_slots
        return (
            [(key[-1], pen, drawn) for key, (pen, drawn) in lines.items()],
            [(dimmed, colour, rects) for (_, dimmed), (colour, rects) in fills.items()],
            self._read_dots(),
        )
