"""Zoom and pan for the board: Ctrl+wheel and pinch around the pointer, fit, 100%, space/middle drag.

A mixin for BoardView so the view module keeps to editing gestures. It needs `board_scene`,
`projector` and the `_space` flag (space held) from the view; it never edits the document.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QWheelEvent

from ui.canvas.theme import PROJECTOR_MIN_FIT
from workshop.geometry import BANDS, CARD_WIDTH
from workshop.model import Band

MIN_SCALE, MAX_SCALE = 0.01, 4.0
STEP = 1.25
LABEL_STRIP = 420
"""Width of the strip at the left of the viewport where band names are drawn."""


class ZoomPanMixin:
    """Put before QGraphicsView in the bases: its event handlers call on to the view's."""

    _pan_from: QPointF | None = None
    _space = False

    def scale_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (viewport coordinates) where it is."""
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
        centre = self.mapToScene(self.viewport().rect().center())
        self.resetTransform()
        self.centerOn(centre)

    def fit_all(self) -> None:
        rect = self.board_scene.cards_rect()
        if rect.isNull():
            rect = QRectF(-100, 0, CARD_WIDTH * 5, BANDS[Band.SUPPORT].bottom)
        self._fit(rect.adjusted(-80, -80, 80, 80), max_scale=1.5)
        if self.projector and self.scale_factor() < PROJECTOR_MIN_FIT:
            selected = QRectF()
            for card in self.board_scene.selected_cards():
                selected = selected.united(card.scene_card_rect())
            self.resetTransform()
            self.scale(PROJECTOR_MIN_FIT, PROJECTOR_MIN_FIT)
            self.centerOn((selected if not selected.isNull() else rect).center())

    def _fit(self, rect: QRectF, max_scale: float) -> None:
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > max_scale:
            self.resetTransform()
            self.scale(max_scale, max_scale)
            self.centerOn(rect.center())
        elif self.scale_factor() < MIN_SCALE:
            self.resetTransform()
            self.scale(MIN_SCALE, MIN_SCALE)
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
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

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """Band names stay at the left edge of the window, so the room always knows which level it sees."""
        theme = self.board_scene.theme
        painter.save()
        painter.resetTransform()
        painter.setFont(theme.font(theme.header_px + 1, bold=True))
        for band in Band:
            item = self.board_scene.band_item(band)
            top = self.mapFromScene(QPointF(0, item.rect().top())).y()
            bottom = self.mapFromScene(QPointF(0, item.rect().bottom())).y()
            if bottom < 0 or top > self.viewport().height():
                continue
            y = max(top, 0) + 3
            if y > bottom - 10:
                continue
            text = item.title()
            width = painter.fontMetrics().horizontalAdvance(text)
            box = QRectF(6, y, width + 16, painter.fontMetrics().height() + 6)
            background = QColor(theme.background)
            background.setAlpha(170)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(box, 5, 5)
            painter.setPen(theme.band_label)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx or dy:
            self.viewport().update(0, 0, LABEL_STRIP, self.viewport().height())
