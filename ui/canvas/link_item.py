"""Arrows between cards: from the contributing goal to the goal it serves, edge to edge (where on
the edges: `workshop.link_geometry`).

Style says what the method thinks of a link: plain, an "around" link (support goal straight to
a strategic goal, a warning), a declared direct-impact exception (double purple, labelled), or a
participant's suggestion waiting for the facilitator (dashed grey with accept/reject buttons).

Links on a big board are long (a strategic goal's contributors spread over the whole width), so
their bounding boxes overlap most repaints: moving one card repaints dozens of links it has nothing
to do with. Each paint therefore draws only the part of its line inside the exposed rectangle, and
returns at once when the line misses it; a full-length dashed, antialiased line costs ~0.1 ms.
While many links move at once (a card with a hundred links dragged, Tidy animating) they paint
as drafts without antialiasing (10x cheaper per line) and get one clean repaint once motion stops.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import LOD_TEXT, CardItem
from ui.canvas.safe_paint import guarded_paint
from ui.canvas.text_layout import static_text
from ui.canvas.theme import LINK_DIM, NORMAL, Theme, dimmed, faded
from ui.tooltips import plain_tooltip
from workshop.link_geometry import link_ends

ARROW = 14.0
LOD_FAR = 0.15
LINK_TYPE = QGraphicsItem.UserType + 2
LABEL_HALF_WIDTH, LABEL_ABOVE, LABEL_BELOW = 110.0, 52.0, 10.0
"""Room kept around the midpoint for the "Direct impact" / "Around" label."""


_PENS: dict[tuple[str, str, bool], tuple[QPen, QBrush, QPen]] = {}
"""Pen, arrowhead brush and far-out hairline per (theme, style, selected): made once, shared by every link."""

DRAFT_FROM = 12
"""Links moving together before they paint as drafts: a card with a link or two always looks finished."""
SETTLE_MS = 150
"""Quiet time after the last move before drafts are repainted properly."""
CROWD_LEASE_S = 0.5
"""How long one step of a crowded drag makes every link paint as a draft, unless renewed or ended sooner.
A lease, not a switch: a drag that never ends (its scene deleted mid-gesture) cannot leave the board jagged."""


class _Motion:
    """The links that moved since the board last stood still, and the timer that settles them.

    `moved` runs for every link of a dragged card on every mouse move, so it only notes the time;
    the timer is armed once and, when it fires early, re-arms itself for the rest of the quiet time.
    """

    def __init__(self) -> None:
        self.moving: dict[int, LinkItem] = {}
        self.timer: QTimer | None = None
        self.armed = False
        self.last = 0.0
        self.crowd_until = 0.0

    def moved(self, link: LinkItem) -> None:
        self.moving[id(link)] = link
        self.last = time.monotonic()
        if not self.armed:
            if self.timer is None:
                self.timer = QTimer()
                self.timer.setSingleShot(True)
                self.timer.timeout.connect(self._check)
            self.armed = True
            self.timer.start(SETTLE_MS)

    def drafting(self, link: LinkItem) -> bool:
        if len(self.moving) >= DRAFT_FROM and id(link) in self.moving:
            return True
        return self.crowd_until > 0.0 and time.monotonic() < self.crowd_until

    def _check(self) -> None:
        quiet_ms = (time.monotonic() - self.last) * 1000
        if quiet_ms < SETTLE_MS and self.timer is not None:
            self.timer.start(max(1, int(SETTLE_MS - quiet_ms)))
            return
        self.armed = False
        self.settle()

    def settle(self) -> None:
        moving, self.moving = self.moving, {}
        if len(moving) < DRAFT_FROM:
            return
        for link in moving.values():
            try:
                link.update()
            except RuntimeError:  # removed from the board meanwhile: its C++ side is gone
                pass


_MOTION = _Motion()


def draft_all_links() -> None:
    """A drag repaints a wide area on every step (a hub card's fan of links): every link crossing it
    paints as a draft for the next CROWD_LEASE_S. The caller repaints that area once the drag ends."""
    _MOTION.crowd_until = time.monotonic() + CROWD_LEASE_S


def end_draft_all_links() -> None:
    _MOTION.crowd_until = 0.0


class LinkStyle(StrEnum):
    PLAIN = "plain"
    AROUND = "around"
    DIRECT = "direct"
    SUGGESTION = "suggestion"


def clip_segment(
    x1: float, y1: float, x2: float, y2: float, left: float, top: float, right: float, bottom: float
) -> tuple[float, float] | None:
    """The part of a segment inside a rectangle, as parameters (t0, t1) along it; None when it misses.

    Liang-Barsky: four comparisons instead of asking Qt to stroke 100,000 pixels of dashes it clips away.
    """
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0.0:
            if q < 0.0:
                return None
        else:
            r = q / p
            if p < 0.0:
                if r > t1:
                    return None
                t0 = max(t0, r)
            else:
                if r < t0:
                    return None
                t1 = min(t1, r)
    return t0, t1


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
        self._ends = (0.0, 0.0, 0.0, 0.0)
        self._length = 0.0
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self._arrow: QPolygonF | None = None
        self._label: QStaticText | None = None
        self._label_at = 0.5
        """Where along the line the "Direct impact" / "Around" tag sits (0.5: the middle)."""
        self.buttons: list[SuggestionButton] = []
        self.setZValue(5)
        # paint() gets the exposed rectangle and draws only what falls inside it
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
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
            self._forget_bounds()  # the label of an around/direct link needs room: recompute
            self.refresh()
            self.update()
        self.tooltip_text = tooltip

    def tooltip_html(self) -> str:
        return plain_tooltip(self.tooltip_text) if self.tooltip_text else ""

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._label = None
        self._arrow = None
        self._forget_bounds()  # the new pen width changes them
        self.refresh()

    def _forget_bounds(self) -> None:
        """Make `refresh` recompute the bounding rect, telling the scene first.

        Qt requires prepareGeometryChange BEFORE boundingRect() changes: the scene's index keeps the
        old rect otherwise, and a later removal (Delete while Tidy's glide and a theme switch were
        under way) left a freed item in the index; the next paint crashed the whole app.
        """
        self.prepareGeometryChange()
        self._bounds = QRectF()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def refresh(self, moving: bool = True) -> None:
        """Follow the cards: recompute the edge-to-edge line after either card moved.

        Called for every link of a dragged card on every mouse move: plain floats, no QPointF
        temporaries, and no prepareGeometryChange when the line did not move. `moving=False` when the
        motion is already over (a drag drawn by its stand-in ended): paint finished at once, no draft.
        """
        a, b = self.source, self.target
        ap, bp = a.pos(), b.pos()
        aw, ah = a.half_size
        bw, bh = b.half_size
        ax, ay, bx, by = ap.x() + aw, ap.y() + ah, bp.x() + bw, bp.y() + bh
        sx, sy, ex, ey = link_ends(ax, ay, aw, ah, bx, by, bw, bh)
        if self._ends == (sx, sy, ex, ey) and not self._bounds.isNull():
            return
        if moving and not self._bounds.isNull():
            _MOTION.moved(self)  # a card moved (not the first placement, nor a restyle)
        self.prepareGeometryChange()
        self._line = QLineF(sx, sy, ex, ey)
        self._ends = (sx, sy, ex, ey)
        self._length = math.hypot(ex - sx, ey - sy)
        self._shape = None
        self._arrow = None
        pad = ARROW + self.theme.link_width * 2
        left, top = min(sx, ex) - pad, min(sy, ey) - pad
        right, bottom = max(sx, ex) + pad, max(sy, ey) + pad
        if self.style in (LinkStyle.DIRECT, LinkStyle.AROUND):
            t = self._label_at
            mx, my = sx + (ex - sx) * t, sy + (ey - sy) * t
            left, top = min(left, mx - LABEL_HALF_WIDTH), min(top, my - LABEL_ABOVE)
            right, bottom = max(right, mx + LABEL_HALF_WIDTH), max(bottom, my + LABEL_BELOW)
        self._bounds = QRectF(left, top, right - left, bottom - top)
        for button in self.buttons:
            button.place()

    def midpoint(self) -> QPointF:
        return self._line.center()

    def has_label(self) -> bool:
        return self.style in (LinkStyle.DIRECT, LinkStyle.AROUND)

    def label_box(self, at: float | None = None) -> QRectF:
        """The tag's box (scene units) with the tag at `at` along the line (default: where it is)."""
        if self._label is None:
            text = "Direct impact" if self.style == LinkStyle.DIRECT else "⚠ Around"
            self._label = static_text(
                QCoreApplication.translate("LinkItem", text), self.theme.font(self.theme.link_label_px, bold=True)
            )
        size = self._label.size()
        point = self._line.pointAt(self._label_at if at is None else at)
        return QRectF(
            point.x() - size.width() / 2 - 4, point.y() - size.height() - 10, size.width() + 8, size.height() + 4
        )

    def set_label_at(self, at: float) -> None:
        """Move the tag along the line (the reflowed projector board puts it where no card covers it)."""
        if at != self._label_at:
            self._label_at = at
            if self.has_label():
                self._forget_bounds()
                self.refresh(moving=False)
                self.update()

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

    def drawing_pens(self) -> tuple[QPen, QPen]:
        """The line's pen and its far-out hairline, shared objects: what a stand-in drawing it uses."""
        pen, _, hairline = self._pen()
        return pen, hairline

    def _pen(self) -> tuple[QPen, QBrush, QPen]:
        key = (self.theme.name, self.style, self.isSelected(), self.dimmed)
        found = _PENS.get(key)
        if found is None:
            pen = self._make_pen()
            if self.dimmed:  # an opaque faded colour, not the painter's opacity: see theme.faded
                pen.setColor(faded(pen.color(), self.theme.background, LINK_DIM))
            found = _PENS[key] = (pen, QBrush(pen.color()), QPen(pen.color(), 0))
        return found

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

    def fallback_rect(self) -> QRectF:
        """A link that fails to paint draws nothing: a grey box over its whole extent would hide cards."""
        return QRectF()

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # Runs for every link whose bounding box meets a repaint: plain floats until we know it shows.
        if self._length < 1:
            return
        pen, brush, hairline = self._pen()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_FAR or pen.widthF() * lod < self.theme.link_far_px:
            # far out: a hairline in the link's colour, no arrowhead or label (they would be sub-pixel);
            # the projector's thick links turn to hairlines once they are thinner than that on screen
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(hairline)
            painter.drawLine(self._line)
            return
        x1, y1, x2, y2 = self._ends
        left, top, right, bottom = option.exposedRect.getCoords()
        pad = pen.widthF() + 2.0
        part = clip_segment(x1, y1, x2, y2, left - pad, top - pad, right + pad, bottom + pad)
        reach = ARROW * 2
        tip_near = left - reach <= x2 <= right + reach and top - reach <= y2 <= bottom + reach
        label_near = False
        if lod >= LOD_TEXT and self.style in (LinkStyle.DIRECT, LinkStyle.AROUND):
            t = self._label_at
            mx, my = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            label_near = (
                mx - LABEL_HALF_WIDTH <= right
                and mx + LABEL_HALF_WIDTH >= left
                and my - LABEL_ABOVE <= bottom
                and my + LABEL_BELOW >= top
            )
        if part is None and not tip_near and not label_near:
            return  # the repaint is about something else under this link's bounding box
        if _MOTION.drafting(self):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        visible = None
        if part is not None:
            t0, t1 = part
            dx, dy = x2 - x1, y2 - y1
            visible = QLineF(x1 + dx * t0, y1 + dy * t0, x1 + dx * t1, y1 + dy * t1)
        if visible is not None:
            if t0 > 0.0 and pen.style() != Qt.PenStyle.SolidLine:
                pen = QPen(pen)  # keep the dashes where a full-length line would have them
                pen.setDashOffset(self._length * t0 / max(pen.widthF(), 1.0))
            painter.setPen(pen)
            painter.drawLine(visible)
            if self.style == LinkStyle.DIRECT and lod >= LOD_TEXT:
                theme = dimmed(self.theme, LINK_DIM) if self.dimmed else self.theme
                inner = QPen(theme.direct_inner)
                inner.setWidthF(pen.widthF() / 3)
                painter.setPen(inner)
                painter.drawLine(visible)
        if tip_near:
            self._paint_arrow(painter, brush)
        if label_near:
            self._paint_label(painter)

    def _paint_arrow(self, painter: QPainter, brush: QBrush) -> None:
        if self._arrow is None:
            line = self._line
            angle = math.atan2(line.dy(), line.dx())
            size = ARROW + self.theme.link_width * 1.5
            tip = line.p2()
            left = QPointF(tip.x() - size * math.cos(angle - 0.42), tip.y() - size * math.sin(angle - 0.42))
            right = QPointF(tip.x() - size * math.cos(angle + 0.42), tip.y() - size * math.sin(angle + 0.42))
            self._arrow = QPolygonF([tip, left, right])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(brush)
        painter.drawPolygon(self._arrow)

    def _paint_label(self, painter: QPainter) -> None:
        box = self.label_box()
        theme = dimmed(self.theme, LINK_DIM) if self.dimmed else self.theme
        colour = theme.direct if self.style == LinkStyle.DIRECT else theme.around
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(theme.background)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(colour)
        painter.setFont(theme.font(theme.link_label_px, bold=True))
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
        return plain_tooltip(self._tip)

    def place(self) -> None:
        mid = self.link.midpoint()
        offset = -self.SIZE * 0.6 if self.accept else self.SIZE * 0.6
        self.setPos(mid.x() + offset, mid.y())

    def boundingRect(self) -> QRectF:
        s = self.SIZE
        return QRectF(-s / 2, -s / 2, s, s)

    @guarded_paint
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
