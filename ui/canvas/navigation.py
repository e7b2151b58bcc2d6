"""Zoom and pan for the board: Ctrl+wheel and pinch around the pointer, fit, 100%, space/middle drag.

A mixin for BoardView so the view module keeps to editing gestures. It needs `board_scene`,
`projector` and the `_space` flag (space held) from the view; it never edits the document.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QStyle

from ui.canvas.band_item import BandItem
from ui.canvas.card_item import BADGE_RADIUS, CardItem
from ui.canvas.far_sketch import far_out
from ui.canvas.safe_paint import guarded_draw
from workshop.geometry import BANDS, CARD_WIDTH
from workshop.model import Band

MIN_SCALE, MAX_SCALE = 0.002, 4.0
"""Fit must frame the whole of a big folded board even in a narrow window (2,000 goals in a 230 px wide
board pane: 0.0055); far out the board is drawn by one sketch, so zooming that far costs nothing."""
STEP = 1.25
LABEL_STRIP = 420
"""Width of the strip at the left of the viewport where band names are drawn."""
FIT_MARGIN = 10
"""Pixels left free around the cards by fit-to-view: tight, yet no badge touches the window edge."""
FIT_MAX_SCALE = 1.5
LABEL_PAD = QSizeF(14, 6)
MIN_LABEL_PX = 11


class ZoomPanMixin:
    """Put before QGraphicsView in the bases: its event handlers call on to the view's."""

    _pan_from: QPointF | None = None
    _space = False

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (viewport coordinates) where it is."""
        self.fitted = False
        current = self.scale_factor()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        if abs(factor - 1.0) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor, factor)
        after = self.mapFromScene(before)
        delta = after - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())

    def zoom_in(self) -> None:
        self.zoom_by(STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / STEP)

    def zoom_actual(self) -> None:
        self.fitted = False
        centre = self.mapToScene(self.viewport().rect().center())
        self.resetTransform()
        self.centerOn(centre)

    _fitted = False

    @property
    def fitted(self) -> bool:
        """True from fit-to-view until the user zooms or pans: while true, a new viewport size refits."""
        return self._fitted

    @fitted.setter
    def fitted(self, value: bool) -> None:
        self._fitted = value
        if not value:
            self._untrim()

    _trimmed = False

    def _untrim(self) -> None:
        """Scroll over the whole scene again (its margins too), following it as it grows."""
        if self._trimmed:
            self._trimmed = False
            self.board_scene.sceneRectChanged.disconnect(self._untrim)
            self.setSceneRect(QRectF())

    def _trim_to_view(self) -> None:
        """At fit the whole board is in view: scroll bars would only offer the scene's margins beyond it
        (on a folded board, at 1024x768, a bar of 35 px). The view scrolls over what it shows, until the
        user zooms or pans, or the board grows."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        inset = 1.0 / max(self.scale_factor(), 1e-6)  # a pixel's rounding must not bring a bar back
        trimmed = seen.adjusted(inset, inset, -inset, -inset)  # centred where the view is: it stays put
        if trimmed.isEmpty():
            return
        self.setSceneRect(trimmed)
        if not self._trimmed:
            self._trimmed = True
            self.board_scene.sceneRectChanged.connect(self._untrim)

    def fit_all(self) -> None:
        """Frame every card (with its badge) and the band names tightly, whatever the viewport's size,
        without scroll bars."""
        self._untrim()
        rect = self.board_scene.cards_rect()
        if rect.isNull():
            rect = QRectF(-100, 0, CARD_WIDTH * 5, BANDS[Band.SUPPORT].bottom)
        else:  # badges stick out at the top right corner
            rect = rect.adjusted(0, -BADGE_RADIUS, BADGE_RADIUS, 0)
        self._frame(rect, FIT_MAX_SCALE, top_px=self.band_label_size("Strategy").height() / 2)
        self.fitted = True
        self._trim_to_view()

    def _frame(self, rect: QRectF, max_scale: float, top_px: float = 0.0) -> None:
        """Scale so `rect` fills the viewport less FIT_MARGIN pixels (and `top_px` more above it), centred.

        fitInView is not used: it adds a margin of its own and frames the rect only, whereas the band
        name over the top band needs pixels, not scene units, whatever the zoom.
        """
        area = self.fit_area()
        width = max(1.0, area.width() - 2 * FIT_MARGIN)
        height = max(1.0, area.height() - 2 * FIT_MARGIN - top_px)
        scale = min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0), max_scale)
        scale = max(scale, MIN_SCALE)
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(QPointF(rect.center().x(), rect.center().y() - top_px / (2 * scale)))

    def fit_area(self) -> QSizeF:
        """The viewport's size with room kept for every scroll bar that may appear, shown or not.

        A fit must not depend on whether a scroll bar shows: the new scale shows or hides a bar, the
        bar resizes the viewport, the resize fits again, and at some window sizes that never ended
        (issue 12: 68,094 resize events for one resize). Measured this way the scale depends on the
        view's own size only, so the refit a bar causes gives the same scale and the bars stay as
        they are: at most two fits per resize. The cost is a bar's width of margin when none shows.
        """
        viewport = self.viewport().rect()
        width, height = float(viewport.width()), float(viewport.height())
        style = self.style()
        extent = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        if style.styleHint(QStyle.StyleHint.SH_ScrollView_FrameOnlyAroundContents, None, self):
            extent += style.pixelMetric(QStyle.PixelMetric.PM_ScrollView_ScrollBarSpacing, None, self)
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if self.verticalScrollBarPolicy() != off and not self.verticalScrollBar().isVisibleTo(self):
            width -= extent
        if self.horizontalScrollBarPolicy() != off and not self.horizontalScrollBar().isVisibleTo(self):
            height -= extent
        return QSizeF(width, height)

    def reveal(self, rect: QRectF, margin_px: float = 24.0) -> None:
        """The smallest pan that brings `rect` into view at the current zoom; never zooms. When it is
        larger than the view, its top left shows (the parent and the band above come first)."""
        scale = self.transform().m11() or 1.0
        margin = margin_px / scale
        want = rect.adjusted(-margin, -margin, margin, margin)
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        dx = _shift(want.left(), want.right(), seen.left(), seen.right())
        dy = _shift(want.top(), want.bottom(), seen.top(), seen.bottom())
        if dx or dy:
            self.centerOn(seen.center() + QPointF(dx, dy))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            # the window reached its real size (full screen under X11 arrives late) or the guide opened
            self.fit_all()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fitted = False
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.pixelDelta().y()
            if delta:
                self.zoom_by(1.0015**delta, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture:
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:  # type: ignore[attr-defined]
                self.zoom_by(1.0 + event.value(), event.position())  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)  # type: ignore[attr-defined]
            if pinch is not None:
                centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom_by(pinch.scaleFactor(), QPointF(centre))
                event.accept()  # type: ignore[attr-defined]
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_from = event.position()
            self.fitted = False
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def band_label_size(self, text: str, px: int | None = None) -> QSizeF:
        """Measured once per theme, name and size: the names are placed again at every paint (a drag's
        every move), a dozen of them on a folded board."""
        theme = self.board_scene.theme
        key = (id(theme), theme.band_label_px, text, px)
        cache: dict[tuple[object, ...], QSizeF] = self.__dict__.setdefault("_label_sizes", {})
        size = cache.get(key)
        if size is None:
            metrics = QFontMetricsF(self._band_label_font(px))
            size = cache[key] = QSizeF(metrics.horizontalAdvance(text), metrics.height()) + LABEL_PAD
        return QSizeF(size)

    def _band_label_font(self, px: int | None = None) -> QFont:
        theme = self.board_scene.theme
        return theme.font(px or theme.band_label_px, bold=True)

    def _band_label_sizes(self) -> list[int]:
        px = self.board_scene.theme.band_label_px
        return sorted({px, max(MIN_LABEL_PX, round(px * 0.7)), MIN_LABEL_PX}, reverse=True)

    def band_label_rects(self) -> dict[BandItem, tuple[QRectF, int]]:
        """Where each band stripe's name is drawn (viewport coordinates) and its pixel size; a stripe
        whose name would cover a card wherever it could go has no entry. The name stays at the window's
        left edge: at the stripe's top, straddling the top edge, or just above it, the first that covers
        no card, in smaller type only when the large one covers a card everywhere. A board folded into
        shelves has a name per shelf, so the room knows which level it sees on every shelf. Far out on
        a big board (`BoardScene.big_and_far`) a name may cover the specks the cards have become. Far out
        on a folded board a name must fit inside its own stripe: the stripes are a few pixels tall, and a
        name above its stripe sat on the shelf above and named the wrong level."""
        rects: dict[BandItem, tuple[QRectF, int]] = {}
        folded = len(self.board_scene.band_items()) > 3
        inside = folded and far_out(self.scale_factor(), self.board_scene.theme.overview_lod)
        view_height = self.viewport().height()
        near: _NearCards | None = None
        to_view = self.viewportTransform()  # a scale and a shift: one mapping for every stripe
        scale, shift = to_view.m22(), to_view.dy()
        for item in self.board_scene.band_items():
            stripe = item.rect()
            top, bottom = stripe.top() * scale + shift, stripe.bottom() * scale + shift
            if bottom < 0 or top > view_height:
                continue
            if near is None:
                # Far out (the sketch drawing a big board) cards are specks of colour and a look-up met
                # most of the board: there the names go where they fit, over the specks if need be.
                far = self.board_scene.big_and_far(self.scale_factor())
                near = _NearCards([]) if far else self._cards_near_labels()
            taken = [box for box, _ in rects.values()]
            rects.update(self._place_label(item, item.title(), top, bottom, taken, near, inside))
        return rects

    def _place_label(
        self,
        item: BandItem,
        title: str,
        top: float,
        bottom: float,
        taken: list[QRectF],
        near: _NearCards,
        inside: bool = False,
    ) -> dict[BandItem, tuple[QRectF, int]]:
        """`taken`: the names placed already (stripes above): on a folded board seen far out the stripes
        are thin, and a name straddling its stripe's top must not overprint the one above. `inside`:
        only inside the stripe, never across its top."""
        for px in self._band_label_sizes():
            size = self.band_label_size(title, px)
            places = [max(top, 0) + 3]
            if not inside:
                places += [top - size.height() / 2, top - size.height() - 2]
            for y in places:
                box = QRectF(QPointF(6, y), size)
                if box.top() < 0 or box.bottom() > bottom or any(box.intersects(other) for other in taken):
                    continue
                if not near.covers(box):
                    return {item: (box, px)}
        return {}

    def _cards_near_labels(self) -> _NearCards:
        """The cards in the strip at the window's left edge where band names go (viewport coordinates):
        one look-up in the scene's index for all the names, not one per place tried. A folded board
        has a name per stripe and shelf, and far out each look-up met hundreds of cards."""
        widest = max(
            (self.band_label_size(item.title()).width() for item in self.board_scene.band_items()[:3]), default=0.0
        )
        strip = self.mapToScene(QRect(0, 0, int(widest) + 12, self.viewport().height())).boundingRect()
        found = []
        for item in self.board_scene.items(strip, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, CardItem):
                found.append(QRectF(self.mapFromScene(item.scene_card_rect()).boundingRect()))
        return _NearCards(found)

    @guarded_draw
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Before the items are drawn: tell the scene the zoom, so a big board seen far out is drawn by
        its sketch rather than by thousands of items (`BoardScene.set_far`)."""
        self.board_scene.set_far(painter.worldTransform().m11())
        super().drawBackground(painter, rect)

    @guarded_draw
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """Band names stay at the left edge of the window, so the room always knows which level it sees;
        they never cover a card (band_label_rects leaves a name out rather than hide a goal)."""
        theme = self.board_scene.theme
        painter.save()
        try:
            painter.resetTransform()
            background = QColor(theme.background)
            background.setAlpha(200)
            for item, (box, px) in self.band_label_rects().items():
                painter.setFont(self._band_label_font(px))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(background)
                painter.drawRoundedRect(box, 5, 5)
                painter.setPen(theme.band_label)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, item.title())
        finally:
            painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx or dy:
            self.viewport().update(0, 0, LABEL_STRIP, self.viewport().height())


def _shift(low: float, high: float, seen_low: float, seen_high: float) -> float:
    """How far to move a view [seen_low, seen_high] so that [low, high] is inside it, or starts it."""
    if high - low > seen_high - seen_low or low < seen_low:
        return low - seen_low
    if high > seen_high:
        return high - seen_high
    return 0.0


class _NearCards:
    """Card rectangles (viewport coordinates) sorted by top, to ask whether a name's box covers one."""

    def __init__(self, rects: list[QRectF]) -> None:
        self._rects = sorted(rects, key=QRectF.top)
        self._tops = [rect.top() for rect in self._rects]
        self._tallest = max((rect.height() for rect in self._rects), default=0.0)

    def covers(self, box: QRectF) -> bool:
        first = bisect.bisect_left(self._tops, box.top() - self._tallest)
        last = bisect.bisect_right(self._tops, box.bottom())
        return any(rect.intersects(box) for rect in self._rects[first:last])
