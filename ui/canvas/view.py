"""BoardView: the goal-tree board widget the main window embeds.

The view turns gestures into document edits: palette drops, keyboard capture (Tab, Enter, F2,
Delete, arrows), zoom and pan, links drawn between cards (asking about "around" links), Tidy.
The scene it owns follows the document; the view never touches items' model data itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from ui.around_link import AroundPrompt, ask_around_link, decide_suggestion, link_goals
from ui.canvas.board_actions import BoardActions
from ui.canvas.card_item import body_fonts
from ui.canvas.context_menu import ask_reason, menu_for
from ui.canvas.drop_preview import DropPreview, landing_spot
from ui.canvas.keyboard import neighbour
from ui.canvas.motion import CardMotion
from ui.canvas.navigation import FIT_MARGIN, FIT_MAX_SCALE, ZoomPanMixin
from ui.canvas.overlays import TimerOverlay
from ui.canvas.scene import BULK_MOVE, BoardScene
from ui.canvas.theme import DARK, NORMAL, PROJECTOR, Theme
from ui.canvas.tidy_job import TidyJob
from ui.document import Document
from ui.mime import decode
from workshop import layout, user_ops
from workshop.changes import OperationError
from workshop.findings import Analysis
from workshop.geometry import CARD_WIDTH, H_GAP, LAYER_PITCH, stripe_for
from workshop.layout.slots import free_spot
from workshop.model import CardKind, Collection, band_of_function
from workshop.user_ops import Outcome

log = logging.getLogger(__name__)

LEGIBLE_LINE_PX = 18.0
"""A card's line of text from the back of a room on a 1024x768 beamer: at least this many pixels."""
SLICED_FROM = 300
"""Cards from which Tidy is worked out in slices (TidyJob) rather than at once (~20 ms at 300)."""


class BoardView(ZoomPanMixin, QGraphicsView):
    selectionIdsChanged = Signal(list)
    message = Signal(str)
    buildProgress = Signal(int)
    """The board's sliced build: percent done, -1 at its end (`BoardScene.buildProgress`)."""
    """A sentence for the facilitator (why an edit did not happen), shown in the status bar."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.board_scene = BoardScene(document, self)
        self.setScene(self.board_scene)
        self.around_link_prompt: AroundPrompt = ask_around_link
        """Asks about a support-to-strategy link; tests replace it to answer without a dialog."""
        self.reason_prompt: Callable[[QWidget, str], str | None] = ask_reason
        """Asks the reason of a direct-impact exception declared from the context menu (tests replace it)."""
        self.projector = False
        self._reflow_held = 0
        self._reflow_missed = False
        self._guide_zoom: float | None = None
        """The zoom the guide's focus last set (projector mode), to tell it from the user's own."""
        self._pan_from: QPointF | None = None
        self._space = False
        self.motion = CardMotion(self.board_scene, self)
        self.timer_overlay = TimerOverlay(self)
        self.drop_preview = DropPreview(self.board_scene)
        """The round's time left, in a corner, in projector mode (the guide panel is usually closed)."""
        self._when_built: dict[str, Callable[[], None]] = {}
        """Framing asked for while a big board was still being built (see BoardScene.rebuild)."""
        self.board_scene.rebuilt.connect(self._board_built)
        self.tidy_job = TidyJob(document, self)
        self.tidy_job.progress.connect(self._tidy_progress)
        self.tidy_job.finished.connect(self._apply_tidy)
        self.tidy_job.stopped.connect(self._tidy_stopped)
        self.board_actions = BoardActions(self, self)
        """F2, Delete, Tidy and zoom, bound once here; the window's menus show the same actions."""
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        # whole items only: a rubber band brushing past a link must not select it for deletion
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.ContainsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.board_scene.setBackgroundBrush(NORMAL.background)
        self.board_scene.message.connect(self.message)
        self.board_scene.buildProgress.connect(self.buildProgress)
        self.board_scene.selectionChanged.connect(self._selection_changed)
        self.board_scene.linkDropped.connect(self.create_link)
        self.board_scene.suggestionDecided.connect(self.decide_suggestion)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_scrolled)  # user actions only, not our own setValue

    # --- contract: selection --------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return self.board_scene.selected_ids()

    def select_ids(self, ids: list[str], centre: bool = True) -> None:
        scene = self.board_scene
        wanted = set(ids)
        before = self.selected_ids()
        scene.blockSignals(True)
        try:
            scene.clearSelection()
            rect = QRectF()
            for card_id in wanted:
                card = scene.card(card_id)
                if card is not None:
                    card.setSelected(True)
                    rect = rect.united(card.scene_card_rect())
                link = scene.link(card_id)
                if link is not None and link.flags() & link.GraphicsItemFlag.ItemIsSelectable:
                    link.setSelected(True)
                    rect = rect.united(QRectF(link.line().p1(), link.line().p2()).normalized())
        finally:
            scene.blockSignals(False)
        if self.selected_ids() != before:
            self._selection_changed()
        if centre and not rect.isNull():
            self.fitted = False
            self.centerOn(rect.center())

    def _selection_changed(self) -> None:
        self.selectionIdsChanged.emit(self.selected_ids())

    def shown_position(self, card_id: str) -> tuple[float, float] | None:
        """Where the board shows a card, saved or not (a card without a saved place is still drawn)."""
        card = self.board_scene.card(card_id)
        return None if card is None else (card.pos().x(), card.pos().y())

    def _current_card(self) -> str | None:
        cards = self.board_scene.selected_cards()
        return cards[0].card_id if cards else None

    # --- contract: findings, focus, projector ---------------------------------------------------

    def set_analysis(self, analysis: Analysis) -> None:
        self.board_scene.set_analysis(analysis)

    def _user_scrolled(self, _action: int) -> None:
        self.fitted = False  # the user's own pan ends fit-to-view

    def set_focus_ids(self, ids: list[str] | None) -> None:
        """Dim all but these cards (a guide step's subject) and bring them into view with the smallest
        pan, at the room's zoom: the board does not zoom or jump by itself while the room works (the
        strategy band or a parent card going off-screen loses the room); in projector mode only, a
        step whose cards are too small to read zooms up to legible, once. A step about the whole tree
        (no focus) undims and leaves the view where it is."""
        if self.board_scene.building():  # a big board still being built (opening): wait for it
            self._when_built["focus"] = lambda: self.set_focus_ids(ids)
            return
        cards = self.board_scene.set_focus_ids(ids)
        if not cards:
            return
        legible = self.legible_scale()
        if self.projector and self.transform().m11() < legible:
            # The one zoom the board makes by itself: up to where the room can read the step's cards
            # (never down, never past it), once; later steps at that zoom only pan.
            self.fitted = False
            centre = self._cards_rect(cards).center()
            self.setTransform(QTransform.fromScale(legible, legible))
            self._guide_zoom = legible
            self.centerOn(centre)
        self.reveal_cards(cards)

    def legible_scale(self) -> float:
        """The zoom at which a card's main text has lines of LEGIBLE_LINE_PX on screen."""
        return LEGIBLE_LINE_PX / body_fonts(self.board_scene.theme)[0][1]

    def _cards_rect(self, card_ids: Iterable[str]) -> QRectF:
        rect = QRectF()
        for card_id in card_ids:
            card = self.board_scene.card(card_id)
            if card is not None:
                rect = rect.united(card.scene_card_rect())
        return rect

    def reveal_cards(self, card_ids: Iterable[str]) -> None:
        rect = self._cards_rect(card_ids)
        if not rect.isNull():
            self.reveal(rect)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click on a card or a link: its everyday changes, also in projector mode (no panels)."""
        menu = menu_for(self, event.pos())
        if menu is None:
            super().contextMenuEvent(event)
            return
        event.accept()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def show_timer(self, text: str, state: str) -> None:
        """The guide's timer changed: the overlay shows it in projector mode."""
        self.timer_overlay.show_time(text, state)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # a big board laid out in slices (`building`) is not made to finish here (asking for its extent
        # would do all of it in this event): the check below waits for its end
        before = None if self.board_scene.building() else self.board_scene.reflow_rect()
        self._follow_reflow()  # projector mode: the board is laid out for the screen it is on
        if self.board_scene.building():
            if before is not None:
                self._when_built["refit"] = lambda: self._fit_if_moved(before, refit=True)
        else:
            self._fit_if_moved(before)
        super().resizeEvent(event)
        self.timer_overlay.place()

    def _fit_if_moved(self, before: QRectF | None, refit: bool = False) -> None:
        """The cards moved under the guide's zoom (the guide closed, say): what the view showed is gone,
        and the whole board now reads from the back of the room, so show all of it (a zoom of the
        user's own is left alone). `refit`: fit now (after a sliced layout), not with the resize."""
        after = self.board_scene.reflow_rect()
        if (
            after is not None
            and after != before
            and not self.fitted
            and self.scale_factor() == self._guide_zoom
            and self._fits_legibly(after)
        ):
            self.fitted = True
            if refit:
                self.fit_all()

    def _fits_legibly(self, rect: QRectF) -> bool:
        area = self.fit_area()
        width, height = area.width() - 2 * FIT_MARGIN, area.height() - 2 * FIT_MARGIN
        return min(width / max(rect.width(), 1.0), height / max(rect.height(), 1.0)) >= self.legible_scale()

    @contextmanager
    def reflow_held(self) -> Iterator[None]:
        """While the window rearranges itself (projector mode on or off: bars, docks, full screen), the
        board is laid out for the screen once, at the end, not for every size it passes through: each
        layout of 2,000 cards cost ~0.1 s, and a switch passed through four or five."""
        self._reflow_held += 1
        try:
            yield
        finally:
            self._reflow_held -= 1
            if not self._reflow_held and self._reflow_missed:
                self._reflow_missed = False
                self._follow_reflow()

    def _follow_reflow(self) -> None:
        """In projector mode the scene reflows the cards for this viewport's shape (display places
        only); at the desk the cards are where the room put them."""
        if not self.projector:
            self.board_scene.set_reflow(None)
            return
        if self._reflow_held:
            self._reflow_missed = True
            return
        area = self.fit_area()
        room = QSizeF(max(1.0, area.width() - 2 * FIT_MARGIN), max(1.0, area.height() - 2 * FIT_MARGIN))
        self.board_scene.set_reflow(room, FIT_MAX_SCALE)

    def _theme(self) -> Theme:
        if self.projector:
            return PROJECTOR
        return DARK if self.dark else NORMAL

    dark = False
    """The desk's colour scheme is dark (the window says so); projector mode has its own look either way."""

    def set_dark(self, dark: bool) -> None:
        """Follow the desk's colour scheme: the scene and every item restyle in place, nothing is rebuilt."""
        if dark == self.dark:
            return
        self.dark = dark
        if not self.projector:
            self.board_scene.set_theme(self._theme())
            self.viewport().update()

    def set_projector(self, on: bool) -> None:
        """Room mode: the projector theme, and no scrollbars (they take room and mean nothing to the
        room; panning with space+drag, the middle button or the wheel still works)."""
        self.projector = on
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)
        # off: the cards go back to the desk's places before the desk's type, or the projector layout
        # would be worked out again for the new card heights only to be dropped
        if not on:
            self._follow_reflow()
        self.board_scene.set_theme(self._theme())
        if on:
            self._follow_reflow()
        self.timer_overlay.set_projector(on)
        if self.fitted:
            self.fit_all()  # new type sizes, maybe a new viewport size: keep the whole board in view
        self.viewport().update()

    # --- palette drops --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)  # nothing on the board takes other drops (files, text)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        request = decode(event.mimeData())
        if request is None:
            self.drop_preview.hide()
            event.ignore()
            return
        event.acceptProposedAction()
        point = self.mapToScene(event.position().toPoint())
        corner = landing_spot(
            self.document.workshop, request.kind, request.function_id, point, self.board_scene.stripes()
        )
        self.drop_preview.show_at(corner, self.board_scene.theme)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_preview.hide()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_preview.hide()
        request = decode(event.mimeData())
        if request is None:
            event.ignore()
            return
        event.acceptProposedAction()
        point = self.mapToScene(event.position().toPoint())
        self.add_card_at(request.kind, request.function_id, point)

    def add_card_at(self, kind: CardKind, function_id: str | None, point: QPointF) -> str | None:
        """Create a card centred on a scene point, in its function's band, and start editing it."""
        corner = landing_spot(self.document.workshop, kind, function_id, point, self.board_scene.stripes())
        if corner is None:
            self.message.emit(self.tr("That function is no longer in the workshop."))
            return None
        outcome = self.document.run(
            user_ops.add_card, kind, function_id, (corner.x(), corner.y()), self._new_card_text(kind)
        )
        return self._select_and_edit(outcome)

    def _new_card_text(self, kind: CardKind) -> str:
        """A new card's first text, in the words the palette uses (typed over at once)."""
        if kind == CardKind.STRATEGIC:
            return self.tr("New strategic goal")
        if kind == CardKind.KPI:
            return self.tr("New KPI")
        return self.tr("New goal")

    def _select_and_edit(self, outcome: Outcome, beside: str | None = None) -> str | None:
        """Select the card just made and open it for typing; it comes into view with the smallest pan,
        together with the card it was made `beside` (its parent or sibling), so neither leaves the
        screen."""
        created = self.tell(outcome).created_id
        if created is None:
            return None
        self.select_ids([created], centre=False)
        self.reveal_cards([created] if beside is None else [beside, created])
        self.setFocus()
        self.board_scene.start_edit(created, fresh=True)
        return created

    def tell(self, outcome: Outcome) -> Outcome:
        """Say why an edit from the board did not happen, where the facilitator looks (the status bar)."""
        return outcome.tell(self.message.emit)

    # --- links ----------------------------------------------------------------------------------

    def create_link(self, source: str, target: str) -> Outcome:
        """Link two goals; a support goal to a strategic goal asks whether it is a declared exception."""
        return self.tell(link_goals(self.document, source, target, self.around_link_prompt, self))

    def decide_suggestion(self, suggestion_id: str, accept: bool) -> Outcome:
        """A participant's suggestion decided with the ✓/✗ on the board; accepting selects its goals, as
        the Suggestions panel does."""
        outcome = self.tell(decide_suggestion(self.document, suggestion_id, accept, self.around_link_prompt, self))
        created = outcome.created_id
        if accept and created is not None:
            link = self.document.workshop.find(Collection.LINKS, created)
            self.select_ids([link.source, link.target] if link is not None else [created])  # type: ignore[attr-defined]
        return outcome

    # --- editing commands -----------------------------------------------------------------------

    def commit_editor(self) -> None:
        """Keep what is being typed in a card, as Enter would: called before save, close and export,
        which do not take the focus from the editor (a shortcut, a menu) and would otherwise miss it."""
        editor = self.board_scene.editor
        if editor is not None:
            editor.commit()

    def edit_selected(self) -> None:
        card_id = self._current_card()
        if card_id is not None:
            self.board_scene.start_edit(card_id)

    def delete_selected(self) -> None:
        scene = self.board_scene
        goals, kpis, links = [], [], []
        for item_id in scene.selected_ids():
            card = scene.card(item_id)
            if card is not None:
                (goals if card.is_goal else kpis).append(item_id)
            elif scene.link(item_id) is not None:
                links.append(item_id)
        if goals or kpis or links:
            self.tell(self.document.run(user_ops.remove_cards, goals, kpis, links))

    def _taken(self) -> list[tuple[float, float]]:
        """Where the cards are on the desk's board: a new card's place is chosen among these."""
        return [self.board_scene.desk_place(card_id) for card_id in self.board_scene.cards()]

    def add_contributing(self) -> str | None:
        """Tab: a new goal in the band below (or the next layer), contributing to the selected goal."""
        card_id = self._current_card()
        if card_id is None:
            self.message.emit(self.tr("Select a goal first."))
            return None
        card = self.board_scene.card(card_id)
        assert card is not None
        if not card.is_goal:
            self.message.emit(self.tr("A KPI has no contributing goals; select a goal."))
            return None
        try:
            function_id = user_ops.contributing_function(self.document.workshop, card_id)
        except OperationError as error:
            self.message.emit(str(error))
            return None
        band = band_of_function(self.document.workshop.function(function_id))
        x, y = self.board_scene.desk_place(card_id)
        if band == card.content.band:
            y = y + LAYER_PITCH
        else:  # the first row of that band on the selected card's shelf
            y = stripe_for(self.board_scene.stripes(), band, y).first_layer_y
        position = free_spot(x, y, self._taken())
        outcome = self.document.run(
            user_ops.add_linked_goal,
            function_id,
            position,
            card_id,
            label=self.tr("Add contributing goal"),
            text=self._new_card_text(CardKind.GOAL),
        )
        return self._select_and_edit(outcome, beside=card_id)

    def add_sibling(self) -> str | None:
        """Enter: a new card next to the selected one, same function, serving the same goal if only one."""
        card_id = self._current_card()
        if card_id is None:
            self.message.emit(self.tr("Select a goal first."))
            return None
        card = self.board_scene.card(card_id)
        assert card is not None
        x, y = self.board_scene.desk_place(card_id)
        position = free_spot(x + CARD_WIDTH + H_GAP, y, self._taken())
        function_id = self.board_scene.card_function(card_id)
        if not card.is_goal:
            assert function_id is not None
            text = self._new_card_text(CardKind.KPI)
            outcome = self.document.run(user_ops.add_card, CardKind.KPI, function_id, position, text)
            return self._select_and_edit(outcome, beside=card_id)
        targets = [lk.target for lk in self.document.workshop.links if lk.source == card_id]
        target = targets[0] if len(targets) == 1 else None
        text = self._new_card_text(CardKind.STRATEGIC if function_id is None else CardKind.GOAL)
        outcome = self.document.run(
            user_ops.add_linked_goal, function_id, position, target, label=self.tr("Add goal"), text=text
        )
        return self._select_and_edit(outcome, beside=card_id)

    def navigate(self, key: Qt.Key) -> None:
        card_id = self._current_card()
        if card_id is None:
            cards = self.board_scene.cards()
            if cards:
                self.select_ids([next(iter(cards))])
            return
        target = neighbour(self.board_scene, card_id, key)
        if target is not None:
            self.select_ids([target], centre=False)
            card = self.board_scene.card(target)
            if card is not None:
                self.fitted = False
                self.ensureVisible(card.scene_card_rect(), 40, 40)

    # --- keyboard -------------------------------------------------------------------------------

    _EDIT_SEQUENCES = (
        QKeySequence.StandardKey.Copy,
        QKeySequence.StandardKey.Cut,
        QKeySequence.StandardKey.Paste,
        QKeySequence.StandardKey.SelectAll,
        QKeySequence.StandardKey.Undo,
        QKeySequence.StandardKey.Redo,
    )
    _BOARD_KEYS = {
        Qt.Key.Key_Tab,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Space,
    }

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Tab belongs to the board, so Ctrl+Tab (Ctrl+Shift+Tab back) leaves it, as in Qt's text editors:
            # a keyboard user must never be trapped on the canvas.
            self.focusNextPrevChild(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            # Tab is a board command (add a contributing goal), not focus navigation, and QGraphicsView
            # would hand it to the focused text item first: take it here.
            self.keyPressEvent(event)
            return True
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            if self.board_scene.editor is not None:
                if plain or any(event.matches(seq) for seq in self._EDIT_SEQUENCES):
                    event.accept()
                    return True
            elif plain and event.key() in self._BOARD_KEYS:
                event.accept()
                return True
            elif event.key() == Qt.Key.Key_Escape and (self.board_scene.dragging or self.tidy_job.running()):
                event.accept()  # Esc cancels the drag (or stops Tidy) here rather than leaving projector mode
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.board_scene.finish_rebuild()  # keys read the board: a build or bulk move under way ends first
        self.board_scene.finish_moves()
        editor = self.board_scene.editor
        if editor is not None:
            if event.key() == Qt.Key.Key_Tab and not event.modifiers():
                # mind-map capture: Tab while typing keeps the text and goes on to a contributing goal
                editor.commit()
                self.add_contributing()
                event.accept()
                return
            if self.board_scene.focusItem() is editor:
                super().keyPressEvent(event)
            else:
                editor.keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:  # zoom and the rest are BoardActions' shortcuts
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Tab:
            self.add_contributing()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_sibling()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.navigate(Qt.Key(key))
        elif key == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_Escape:
            if self.tidy_job.cancel():
                pass  # Tidy still working out a big board: it stops, nothing moved
            elif not self.board_scene.cancel_drag():  # Esc mid-drag puts the cards back, no undo step
                self.board_scene.clearSelection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_from is None:
                self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        super().keyReleaseEvent(event)

    # --- tidy -----------------------------------------------------------------------------------

    def tidy(self) -> None:
        """Lay the board out again (one undo step); pinned cards stay where the room put them.

        A big board is laid out in slices between the window's events (`TidyJob`: progress in the
        status bar, Esc stops it); a small one at once."""
        if self.tidy_job.running():
            return
        ws = self.document.workshop
        if len(ws.goals) + len(ws.kpis) >= SLICED_FROM:
            self.message.emit(self.tr("Tidying the board… (Esc stops it)"))
            self.tidy_job.start()
            return
        try:
            proposed = layout.tidy_moves(ws)
        except Exception:  # a layout bug must not lose the workshop: say so, keep the board as it is
            log.exception("Tidy failed")
            self._tidy_stopped("failed")
            return
        self._apply_moves(proposed, sliced=False)

    def fit_all(self) -> None:
        """Fit the whole board; while a big board is still being built (opening), once it is built."""
        if self.board_scene.building():
            self._when_built["fit"] = self.fit_all
            return
        reflowed = self.board_scene.reflow_rect()
        if reflowed is not None:  # projector mode: the board laid out for this screen, bands and all
            self._untrim()
            self._frame(reflowed, FIT_MAX_SCALE)
            self.fitted = True
            return
        super().fit_all()

    def _board_built(self) -> None:
        pending, self._when_built = self._when_built, {}
        for key in ("focus", "fit", "refit"):
            if key in pending:
                pending[key]()

    def tidying(self) -> bool:
        """True while Tidy is still working out a big board (nothing moved yet)."""
        return self.tidy_job.running()

    def _tidy_progress(self, percent: int) -> None:
        self.message.emit(self.tr("Tidying the board… %1% (Esc stops it)").replace("%1", str(percent)))

    def _tidy_stopped(self, why: str) -> None:
        if why == "failed":
            self.message.emit(self.tr("Tidy could not lay out this board; nothing was moved."))
        elif why == "changed":
            self.message.emit(self.tr("Tidy stopped: the board changed meanwhile. Nothing was moved; tidy again."))
        else:
            self.message.emit(self.tr("Tidy stopped; nothing was moved."))

    def _apply_tidy(self, proposed: dict[str, tuple[float, float]]) -> None:
        """The layout TidyJob worked out, of the workshop as it still is: record the cards that move."""
        pins = layout.pins_keep_unfolded(self.document.workshop, proposed)
        note = ""
        if pins:
            held = self.tr("%1 pinned cards stay").replace("%1", f"{pins:,}")
            if pins == 1:
                held = self.tr("1 pinned card stays")
            note = self.tr(" The board stays one long row: %1 where it is; unpin to fold it into shelves.")
            note = note.replace("%1", held)
        self._apply_moves(layout.moves_for(self.document.workshop, proposed), sliced=True, note=note)

    def _apply_moves(self, proposed: dict[str, tuple[float, float]], sliced: bool, note: str = "") -> None:
        scene = self.board_scene
        scene.finish_moves()
        moves = {card_id: xy for card_id, xy in proposed.items() if scene.card(card_id) is not None}
        if not moves:
            if sliced:
                self.message.emit(self.tr("The board is already tidy.") + note)
            return
        # Cards glide to their places; thousands of them would only stutter, so a big board jumps.
        glide = len(moves) < BULK_MOVE and not scene.reflowed()  # reflowed: the cards stay where the screen has them
        start = {card_id: scene.card(card_id).pos() for card_id in moves} if glide else {}  # type: ignore[union-attr]
        if not self.tell(self.document.run(user_ops.move_cards, moves, label=self.tr("Tidy"))).ok:
            return
        if sliced:
            self.message.emit(self.tr("Tidied: %1 cards moved.").replace("%1", f"{len(moves):,}") + note)
        if glide:
            self.motion.start(start)

    def animating(self) -> bool:
        return self.motion.running()
