"""While a heavily linked card is dragged, one item draws all its links instead of each link itself.

A strategic goal with a hundred contributors drags a hundred LinkItems: each mouse move meant a
hundred Python refreshes, a hundred geometry changes in the scene's index and a hundred Python
paints (~11 ms a move, measured at 2,000 cards). This item stands in for them from the first move
to the release: one pass over the lines per move, `drawLines` per pen, no antialiasing and no
arrowheads (a drag is motion, not a picture to read). The real links stay in the scene, hidden and
untouched; at the end they are refreshed once and shown, so the board after the drag, and the undo
step it records, are exactly what they were without the stand-in.

What a move costs is mostly what it repaints: every card and link under the dirty area paints
again. One rectangle around a fan of links covers most of the screen, so the lines are drawn by a
few horizontal strips (children of the stand-in), each with the bounding box of its part of the
fan: about a third of the area, half the cards repainted.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LOD_FAR, LinkItem, clip_segment, draft_all_links
from ui.canvas.safe_paint import guarded_paint
from workshop.link_geometry import link_ends

PROXY_FROM = 12
"""Links of the dragged cards from which one item draws them all: a card with a few links drags its own."""
STRIP_PX = 192.0
"""Height of a strip on screen: lower means a tighter dirty area but more pieces to compute and draw."""
DRAG_LINKS_TYPE = QGraphicsItem.UserType + 5

_Ends = tuple[str, float, float, float, float]
"""A link end: the card's id, its centre (as it was when the drag began) and its half size."""
_Line = tuple[float, float, float, float, int]
"""x1, y1, x2, y2 and the index of the pen group."""
_Pens = list[tuple[QPen, QPen, bool]]


class DragLinks(QGraphicsItem):
    """The links of the dragged cards, drawn by one item (through its strips) that follows the cards."""

    def __init__(
        self,
        cards: dict[str, CardItem],
        links: list[LinkItem],
        others: Sequence[LinkItem] = (),
        strip_height: float = STRIP_PX,
    ) -> None:
        super().__init__()
        self.cards = cards
        """The dragged cards, by id: the ends that move. Every other end stays where it was."""
        self.links = links
        """The real links this item stands in for (hidden meanwhile)."""
        self.others = list(others)
        """Links of the dragged cards that keep drawing themselves (selected ones): they follow as before."""
        self.on_lost: Callable[[], None] | None = None
        """Called when a dragged card loses the mouse without a release reaching the scene."""
        self._pens: _Pens = []
        """Per group of links drawn alike: pen, far-out hairline, dashed (a dimmed link's pens are faded)."""
        self._records: list[tuple[_Ends, _Ends, int]] = []
        groups: dict[int, int] = {}
        for link in links:
            pen, hairline = link.drawing_pens()
            key = id(pen)
            if key not in groups:
                groups[key] = len(self._pens)
                self._pens.append((pen, hairline, pen.style() != Qt.PenStyle.SolidLine))
            self._records.append((_end(link.source), _end(link.target), groups[key]))
        self._pad = max((pen.widthF() for pen, *_ in self._pens), default=1.0) + 2.0
        """Room around the lines for the pen: in the bounds, and around a repaint when clipping to it."""
        self._lines: list[_Line] = []
        self._strip_height = max(strip_height, 1.0)
        self._strips: dict[int, _Strip] = {}
        self.swept = QRectF()
        """Everything the lines covered since the drag began: links under it painted as drafts meanwhile."""
        self.setZValue(5)  # where the links are: under the cards
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)  # its strips draw
        self.follow()

    def type(self) -> int:
        return DRAG_LINKS_TYPE

    def lines(self) -> list[QLineF]:
        """The lines as drawn now, edge to edge (for tests and diagnostics)."""
        return [QLineF(x1, y1, x2, y2) for x1, y1, x2, y2, _ in self._lines]

    def follow(self) -> None:
        """The dragged cards moved: recompute every line in one pass, then one geometry change per strip."""
        for link in self.others:
            link.refresh()
        centres: dict[str, tuple[float, float]] = {}
        for card_id, card in self.cards.items():
            pos = card.pos()
            half_w, half_h = card.half_size
            centres[card_id] = (pos.x() + half_w, pos.y() + half_h)
        lines = []
        for (a_id, ax, ay, aw, ah), (b_id, bx, by, bw, bh), group in self._records:
            moved = centres.get(a_id)
            if moved is not None:
                ax, ay = moved
            moved = centres.get(b_id)
            if moved is not None:
                bx, by = moved
            lines.append((*link_ends(ax, ay, aw, ah, bx, by, bw, bh), group))
        if lines == self._lines and self._strips:
            return
        self._lines = lines
        self._place_in_strips(lines)
        if lines:
            pad = self._pad
            xs = [v for line in lines for v in (line[0], line[2])]
            ys = [v for line in lines for v in (line[1], line[3])]
            left, top = min(xs) - pad, min(ys) - pad
            self.swept = self.swept.united(QRectF(left, top, max(xs) + pad - left, max(ys) + pad - top))
            draft_all_links()  # the links this repaint crosses: cheap drafts until the drag ends

    def _place_in_strips(self, lines: list[_Line]) -> None:
        """Cut the lines at the strips' edges and hand each strip its pieces (one geometry change each)."""
        height = self._strip_height
        pieces: dict[int, list[_Line]] = {}
        seen = self._seen()
        for line in lines:
            x1, y1, x2, y2, group = line
            if seen is not None and not (
                seen[0] <= min(x1, x2) and max(x1, x2) <= seen[2] and seen[1] <= min(y1, y2) and max(y1, y2) <= seen[3]
            ):
                # only what a view shows (and a strip more) is cut into strips: on a folded board the
                # most linked card's links reach the next shelf, far below the window
                part = clip_segment(x1, y1, x2, y2, *seen)
                if part is None:
                    continue
                t0, t1 = part
                if t0 > 0.0 or t1 < 1.0:
                    dx, dy = x2 - x1, y2 - y1
                    x1, y1, x2, y2 = x1 + dx * t0, y1 + dy * t0, x1 + dx * t1, y1 + dy * t1
                    line = (x1, y1, x2, y2, group)
            if y1 > y2:
                x1, y1, x2, y2 = x2, y2, x1, y1
            first, last = math.floor(y1 / height), math.floor(y2 / height)
            if first == last:
                pieces.setdefault(first, []).append(line)
                continue
            slope = (x2 - x1) / (y2 - y1)
            ya, xa = y1, x1
            for index in range(first, last + 1):
                yb = min(y2, (index + 1) * height)
                xb = x1 + (yb - y1) * slope
                pieces.setdefault(index, []).append((xa, ya, xb, yb, group))
                ya, xa = yb, xb
        for index, strip in self._strips.items():
            if index not in pieces:
                strip.set_pieces([])
        for index, found in pieces.items():
            strip = self._strips.get(index)
            if strip is None:
                strip = self._strips[index] = _Strip(self, self._pens, self._pad)
            strip.set_pieces(found)

    def _seen(self) -> tuple[float, float, float, float] | None:
        """The part of the scene the views show, a strip wider each way (None: no view, keep it all)."""
        scene = self.scene()
        views = scene.views() if scene is not None else []
        if not views:
            return None
        area = QRectF()
        for view in views:
            area = area.united(view.mapToScene(view.viewport().rect()).boundingRect())
        margin = self._strip_height + self._pad
        return area.left() - margin, area.top() - margin, area.right() + margin, area.bottom() + margin

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Nothing of its own (ItemHasNoContents): its strips draw the lines."""

    def sceneEventFilter(self, watched: QGraphicsItem, event: QEvent) -> bool:
        """Installed on the dragged cards: a grab lost without a release (a dialog opened) ends the stand-in."""
        if event.type() == QEvent.Type.UngrabMouse and self.on_lost is not None:
            self.on_lost()
        return False


class _Strip(QGraphicsItem):
    """The pieces of the dragged links that fall in one horizontal band of the scene."""

    def __init__(self, parent: DragLinks, pens: _Pens, pad: float) -> None:
        super().__init__(parent)
        self._pens = pens
        self._pad = pad
        self._pieces: list[_Line] = []
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_pieces(self, pieces: list[_Line]) -> None:
        if pieces == self._pieces:
            return
        self.prepareGeometryChange()
        self._pieces = pieces
        if not pieces:
            self._bounds = QRectF()
            return
        pad = self._pad
        xs = [v for piece in pieces for v in (piece[0], piece[2])]
        ys = [v for piece in pieces for v in (piece[1], piece[3])]
        left, top = min(xs) - pad, min(ys) - pad
        self._bounds = QRectF(left, top, max(xs) + pad - left, max(ys) + pad - top)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def fallback_rect(self) -> QRectF:
        """A failing paint draws nothing: a grey box over a band of links would hide the board."""
        return QRectF()

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        far = option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_FAR
        left, top, right, bottom = option.exposedRect.getCoords()
        pad = self._pad
        left, top, right, bottom = left - pad, top - pad, right + pad, bottom + pad
        pens = self._pens
        visible: list[list[QLineF]] = [[] for _ in pens]
        for x1, y1, x2, y2, group in self._pieces:
            if not pens[group][2] or far:
                visible[group].append(QLineF(x1, y1, x2, y2))  # Qt clips a solid line at no cost
                continue
            # dashes along a line 100,000 px long are slow: only the part inside the repaint
            part = clip_segment(x1, y1, x2, y2, left, top, right, bottom)
            if part is not None:
                t0, t1 = part
                dx, dy = x2 - x1, y2 - y1
                visible[group].append(QLineF(x1 + dx * t0, y1 + dy * t0, x1 + dx * t1, y1 + dy * t1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for (pen, hairline, _), group_lines in zip(pens, visible, strict=True):
            if group_lines:
                painter.setPen(hairline if far else pen)
                painter.drawLines(group_lines)


def _end(card: CardItem) -> _Ends:
    pos = card.pos()
    half_w, half_h = card.half_size
    return (card.card_id, pos.x() + half_w, pos.y() + half_h, half_w, half_h)
