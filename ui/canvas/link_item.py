"""Arrows between cards: from the contributing goal to the goal it serves, edge to edge.

Style says what the method thinks of a link: plain, an "around" link (support goal straight to
a strategic goal, a warning), a declared direct-impact exception (double purple, labelled), or a
participant's suggestion waiting for the facilitator (dashed grey with accept/reject buttons).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import LOD_TEXT, CardItem
from ui.canvas.text_layout import static_text, tooltip_html
from ui.canvas.theme import NORMAL, Theme

ARROW = 14.0
LOD_FAR = 0.15
LINK_TYPE = QGraphicsItem.UserType + 2


_PENS: dict[tuple[str, str, bool], QPen] = {}


class LinkStyle(StrEnum):
    PLAIN = "plain"
    AROUND = "around"
    DIRECT = "direct"
    SUGGESTION = "suggestion"


def clip(cx: float, cy: float, half_w: float, half_h: float, dx: float, dy: float) -> tuple[float, float]:
    """Where a ray from a rectangle's centre (cx, cy) along (dx, dy) leaves the rectangle."""
    t = 1.0
    if dx:
        t = min(t, half_w / abs(dx))
    if dy:
        t = min(t, half_h / abs(dy))
    return cx + dx * t, cy + dy * t


def clip_to_rect(rect: QRectF, inside: QPointF, outside: QPointF) -> QPointF:
    """Where the segment from a rectangle's centre towards `outside` crosses its edge."""
    x, y = clip(
        rect.center().x(), rect.center().y(), rect.width() / 2, rect.height() / 2,
        outside.x() - rect.center().x(), outside.y() - rect.center().y(),
    )  # fmt: skip
    return QPointF(x, y)


class LinkItem(QGraphicsItem):
    def __init__(
        self, link_id: str, source: CardItem, target: CardItem, style: LinkStyle, theme: Theme = NORMAL
    ) -> None:
        super().__init__()
        self.link_id = link_id
        self.source = source
        self.target = target
        self.style = style
        self.theme = theme
        self.dimmed = False
        self.tooltip_text = ""
        self._line = QLineF()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self._arrow: QPolygonF | None = None
        self._label: QStaticText | None = None
        self.buttons: list[SuggestionButton] = []
        self.setZValue(5)
        if style != LinkStyle.SUGGESTION:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.refresh()

    def type(self) -> int:
        return LINK_TYPE

    def line(self) -> QLineF:
        return QLineF(self._line)

    def set_style(self, style: LinkStyle, tooltip: str = "") -> None:
        if style != self.style:
            self.style = style
            self._label = None
            self._bounds = QRectF()  # the label of an around/direct link needs room: recompute
            self.refresh()
            self.update()
        self.tooltip_text = tooltip

    def tooltip_html(self) -> str:
        return tooltip_html(self.tooltip_text) if self.tooltip_text else ""

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._label = None
        self._arrow = None
        self._bounds = QRectF()  # forces refresh to recompute bounds for the new pen width
        self.refresh()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def refresh(self) -> None:
        """Follow the cards: recompute the edge-to-edge line after either card moved."""
        a, b = self.source, self.target
        ap, bp = a.pos(), b.pos()
        aw, ah = a.half_size
        bw, bh = b.half_size
        ax, ay, bx, by = ap.x() + aw, ap.y() + ah, bp.x() + bw, bp.y() + bh
        sx, sy = clip(ax, ay, aw, ah, bx - ax, by - ay)
        ex, ey = clip(bx, by, bw, bh, ax - bx, ay - by)
        start, end = QPointF(sx, sy), QPointF(ex, ey)
        line = QLineF(start, end)
        if line == self._line and not self._bounds.isNull():
            return
        self.prepareGeometryChange()
        self._line = line
        self._shape = None
        self._arrow = None
        pad = ARROW + self.theme.link_width * 2
        bounds = QRectF(min(sx, ex) - pad, min(sy, ey) - pad, abs(ex - sx) + 2 * pad, abs(ey - sy) + 2 * pad)
        if self.style in (LinkStyle.DIRECT, LinkStyle.AROUND):
            bounds = bounds.united(QRectF(line.center() - QPointF(70, 40), line.center() + QPointF(70, 10)))
        self._bounds = bounds
        for button in self.buttons:
            button.place()

    def midpoint(self) -> QPointF:
        return self._line.center()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath(self._line.p1())
            path.lineTo(self._line.p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(12)
            self._shape = stroker.createStroke(path)
        return self._shape

    def _pen(self) -> QPen:
        key = (self.theme.name, self.style, self.isSelected())
        pen = _PENS.get(key)
        if pen is None:
            pen = _PENS[key] = self._make_pen()
        return pen

    def _make_pen(self) -> QPen:
        theme, width = self.theme, self.theme.link_width
        if self.style == LinkStyle.AROUND:
            pen = QPen(theme.around, width + 0.5, Qt.PenStyle.DashLine)
        elif self.style == LinkStyle.DIRECT:
            pen = QPen(theme.direct, width * 2.6)
        elif self.style == LinkStyle.SUGGESTION:
            pen = QPen(theme.suggestion, width, Qt.PenStyle.DashLine)
        else:
            pen = QPen(theme.link, width)
        if self.isSelected():
            pen.setColor(theme.selection)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        line = self._line
        if line.length() < 1:
            return
        if self.dimmed:
            painter.setOpacity(0.2)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        pen = self._pen()
        if lod < LOD_FAR:
            # far out: a hairline in the link's colour, no arrowhead or label (they would be sub-pixel)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pen.color())
            painter.drawLine(line)
            return
        painter.setPen(pen)
        painter.drawLine(line)
        if self.style == LinkStyle.DIRECT and lod >= LOD_TEXT:
            inner = QPen(self.theme.background if self.theme.name == "projector" else QColor("#FFFFFF"))
            inner.setWidthF(pen.widthF() / 3)
            painter.setPen(inner)
            painter.drawLine(line)
        self._paint_arrow(painter, pen.color())
        if lod >= LOD_TEXT and self.style in (LinkStyle.DIRECT, LinkStyle.AROUND):
            self._paint_label(painter)

    def _paint_arrow(self, painter: QPainter, colour: QColor) -> None:
        if self._arrow is None:
            line = self._line
            angle = math.atan2(line.dy(), line.dx())
            size = ARROW + self.theme.link_width * 1.5
            tip = line.p2()
            left = QPointF(tip.x() - size * math.cos(angle - 0.42), tip.y() - size * math.sin(angle - 0.42))
            right = QPointF(tip.x() - size * math.cos(angle + 0.42), tip.y() - size * math.sin(angle + 0.42))
            self._arrow = QPolygonF([tip, left, right])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow)

    def _paint_label(self, painter: QPainter) -> None:
        if self._label is None:
            text = "Direct impact" if self.style == LinkStyle.DIRECT else "⚠ Around"
            self._label = static_text(
                QCoreApplication.translate("LinkItem", text), self.theme.font(self.theme.small_px + 1, bold=True)
            )
        size = self._label.size()
        mid = self.midpoint()
        box = QRectF(mid.x() - size.width() / 2 - 4, mid.y() - size.height() - 10, size.width() + 8, size.height() + 4)
        colour = self.theme.direct if self.style == LinkStyle.DIRECT else self.theme.around
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(self.theme.background)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(colour)
        painter.setFont(self.theme.font(self.theme.small_px + 1, bold=True))
        painter.drawStaticText(QPointF(box.left() + 4, box.top() + 2), self._label)


class SuggestionButton(QGraphicsItem):
    """✓ or ✗ next to a suggested link: the facilitator decides in front of the room with one click."""

    SIZE = 26.0

    def __init__(self, link: LinkItem, accept: bool, on_click: Callable[[str, bool], None]) -> None:
        super().__init__(link)
        self.link = link
        self.accept = accept
        self._on_click = on_click
        self.setZValue(20)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        tip = "Accept this suggestion" if accept else "Reject this suggestion"
        self._tip = QCoreApplication.translate("SuggestionButton", tip)
        link.buttons.append(self)
        self.place()

    def tooltip_html(self) -> str:
        return tooltip_html(self._tip)

    def place(self) -> None:
        mid = self.link.midpoint()
        offset = -self.SIZE * 0.6 if self.accept else self.SIZE * 0.6
        self.setPos(mid.x() + offset, mid.y())

    def boundingRect(self) -> QRectF:
        s = self.SIZE
        return QRectF(-s / 2, -s / 2, s, s)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = QColor("#2A9D4A") if self.accept else QColor("#C62828")
        painter.setPen(QPen(QColor("#FFFFFF"), 1.5))
        painter.setBrush(colour)
        s = self.SIZE / 2 - 1
        painter.drawEllipse(QPointF(0, 0), s, s)
        pen = QPen(QColor("#FFFFFF"), 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self.accept:
            painter.drawPolyline(QPolygonF([QPointF(-6, 0), QPointF(-2, 5), QPointF(6, -5)]))
        else:
            painter.drawLine(QPointF(-5, -5), QPointF(5, 5))
            painter.drawLine(QPointF(-5, 5), QPointF(5, -5))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.boundingRect().contains(event.pos()):
            self._on_click(self.link.link_id, self.accept)
        event.accept()
