"""Mouse gestures on the board's scene: moving cards (one undo step per drag), drawing links from a
card's handle, double-click to edit, and tooltips made on demand.

A mixin for BoardScene, which provides the id -> item maps, `document` and `theme`. Gestures end in
`Document.edit` (or the `linkDropped` signal, which the view answers); the scene then follows the
document's announcement like for any other change.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt, QTimer
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from ui.canvas.card_item import CardItem
from ui.canvas.drag_links import PROXY_FROM, STRIP_PX, DragLinks
from ui.canvas.link_item import end_draft_all_links
from workshop import user_ops
from workshop.geometry import clamp_to_stripe


class GesturesMixin:
    """Put before QGraphicsScene in the bases: unhandled events go on to the scene's own handlers."""

    _press: dict[str, QPointF]
    _dragging: bool
    _link_source: CardItem | None
    _rubber: QGraphicsLineItem | None
    _drag_links: DragLinks | None
    """While cards with many links are dragged: the one item drawing those links (see drag_links)."""

    def _init_gestures(self) -> None:
        self._press = {}
        self._dragging = False
        self._link_source = None
        self._rubber = None
        self._drag_links = None
        # anything that changes the board mid-drag (an undo, a participant's suggestion arriving, a file
        # reopened, Esc clearing the selection) puts the real links back first; the next move starts again
        self.document.changed.connect(self._end_drag_links)
        self.document.reset.connect(self._end_drag_links)
        self.selectionChanged.connect(self._end_drag_links)

    def drag_links(self) -> DragLinks | None:
        """The item drawing the dragged cards' links during a drag, if they are many (read-only, for tests)."""
        return self._drag_links

    def _card_moved(self, card: CardItem) -> None:
        self.sketch_moved(card)
        proxy = self._drag_links
        if proxy is not None and card.card_id in proxy.cards:
            proxy.follow()
            return
        for link_id in self._links_by_card.get(card.card_id, ()):
            item = self._links.get(link_id)
            if item is not None:
                item.refresh()

    def _drag_step(self) -> None:
        """Qt moved the selected cards: keep each in its band (it follows from the function), move links."""
        if not self._dragging:
            return
        self.sketch_dirty()
        moved: list[CardItem] = []
        board = self._stripes
        for card_id in self._press:
            card = self._cards.get(card_id)
            if card is None:
                continue
            y = card.pos().y()
            clamped = clamp_to_stripe(board, card.content.band, y)
            if clamped != y:
                card.setPos(card.pos().x(), clamped)
            moved.append(card)
        if self._drag_links is None:
            self._begin_drag_links(moved)
        if self._drag_links is not None:
            self._drag_links.follow()
        else:
            for card in moved:
                self._card_moved(card)

    def _begin_drag_links(self, cards: list[CardItem]) -> None:
        """Many links move with these cards: hide them and let one item draw them until the drag ends.

        Selected links keep drawing themselves: hiding an item deselects it, and the drag must not.
        """
        link_ids: set[str] = set()
        for card in cards:
            link_ids.update(self._links_by_card.get(card.card_id, ()))
        present = [link for link in (self._links.get(link_id) for link_id in link_ids) if link is not None]
        links = [link for link in present if link.isVisible() and not link.isSelected()]
        if len(links) < PROXY_FROM:
            return
        others = [link for link in present if link.isSelected()]
        views = self.views()
        scale = views[0].transform().m11() if views else 1.0
        proxy = DragLinks({card.card_id: card for card in cards}, links, others, STRIP_PX / max(scale, 0.001))
        self.addItem(proxy)
        for link in links:
            link.hide()
        for card in cards:
            card.installSceneEventFilter(proxy)
        # called from inside Qt's event filtering, which must not see its filter removed: end just after
        proxy.on_lost = lambda: QTimer.singleShot(0, self, lambda: self._end_drag_links_of(proxy))
        self._drag_links = proxy

    def _end_drag_links_of(self, proxy: DragLinks) -> None:
        if self._drag_links is proxy:
            self._end_drag_links()

    def _end_drag_links(self, *_args: object) -> None:
        """Put the real links back where the cards are now, drawn finished, and drop the stand-in."""
        proxy, self._drag_links = self._drag_links, None
        if proxy is None:
            return
        proxy.on_lost = None
        for card in proxy.cards.values():
            try:
                if card.scene() is self:
                    card.removeSceneEventFilter(proxy)
            except RuntimeError:  # the card was deleted meanwhile: its filter went with it
                pass
        try:
            if proxy.scene() is self:
                self.removeItem(proxy)
        except RuntimeError:
            pass
        for link in proxy.links:
            if self._links.get(link.link_id) is link:  # still on the board (an undo may have removed it)
                link.refresh(moving=False)
                link.show()
        end_draft_all_links()
        self.update(proxy.swept)  # links crossed by the drag were drawn as drafts: one finished repaint

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips are made on demand from the item under the pointer (plain text, escaped)."""
        for item in self.items(event.scenePos()):
            getter = getattr(item, "tooltip_html", None)
            text = getter() if getter is not None else ""
            if text:
                QToolTip.showText(event.screenPos(), text, event.widget())
                event.setAccepted(True)
                return
        QToolTip.hideText()
        event.setAccepted(False)

    def _card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for item in self.items(pos):
            if isinstance(item, CardItem) and item is not exclude:
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Cards mid-animation are not where the model has them: a drag from there would record a move
        # to a halfway point. The view's CardMotion finishes first (a direct connection), so the press
        # meets the cards where they are.
        self.pressing.emit()
        self._end_drag_links()  # a drag whose release never reached the scene
        if event.button() == Qt.MouseButton.LeftButton and self.editor is None:
            card = self._card_at(event.scenePos())
            if card is not None and card.is_goal and card.handle_rect().contains(card.mapFromScene(event.scenePos())):
                self._begin_link_drag(card, event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = {c.card_id: c.pos() for c in self.selected_cards()}
            self._dragging = bool(self._press)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_source is not None and self._rubber is not None:
            start = self._rubber.line().p1()
            self._rubber.setLine(QLineF(start, event.scenePos()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_source is not None:
            source = self._link_source
            self._end_link_drag()
            target = self._card_at(event.scenePos(), exclude=source)
            event.accept()
            if target is not None and target.is_goal:
                self.linkDropped.emit(source.card_id, target.card_id)
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self._end_drag_links()
            self._commit_moves()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        card = self._card_at(event.scenePos())
        if card is not None and event.button() == Qt.MouseButton.LeftButton:
            self.start_edit(card.card_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    @property
    def dragging(self) -> bool:
        """True while cards or a new link are being dragged with the mouse."""
        return self._dragging or self._link_source is not None

    def cancel_drag(self) -> bool:
        """Esc during a drag: the cards go back where the press found them and nothing is recorded.

        Returns False when there was no drag, so Esc can keep its other meanings.
        """
        if self._link_source is not None:
            self._end_link_drag()
            return True
        if not self._dragging:
            return False
        grabber = self.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()  # the cards stop following the pointer
        self._end_drag_links()
        press, self._press = self._press, {}
        self._dragging = False
        for card_id, before in press.items():
            card = self._cards.get(card_id)
            if card is not None and card.pos() != before:
                card.move_to(before.x(), before.y())
        return True

    def _commit_moves(self) -> None:
        press, self._press = self._press, {}
        moves: dict[str, tuple[float, float]] = {}
        for card_id, before in press.items():
            card = self._cards.get(card_id)
            if card is not None and card.pos() != before:
                moves[card_id] = (round(card.pos().x(), 1), round(card.pos().y(), 1))
        if moves:
            self.document.run(user_ops.move_cards, moves).tell(self.message.emit)

    def _begin_link_drag(self, card: CardItem, pos: QPointF) -> None:
        self._link_source = card
        start = card.mapToScene(QPointF(card.card_rect().center().x(), 0))
        self._rubber = QGraphicsLineItem(QLineF(start, pos))
        pen = QPen(self.theme.selection, max(2.0, self.theme.link_width), Qt.PenStyle.DashLine)
        self._rubber.setPen(pen)
        self._rubber.setZValue(500)
        self.addItem(self._rubber)

    def _end_link_drag(self) -> None:
        self._link_source = None
        if self._rubber is not None:
            if self._rubber.scene() is self:
                self.removeItem(self._rubber)
            self._rubber = None
