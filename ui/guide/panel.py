"""The guide panel: one step at a time, in type the back of the room can read.

The panel owns the navigation (Back, Skip, Next and their keys), the header (where we are, the
question, why it is asked, progress per support function) and the step timer; the step widget
below it owns the inputs. The step list is re-derived from the model after every change, and the
panel stays on the same step by its key, so adding a support function or undoing never loses the
place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.document import Document
from ui.guide import slim
from ui.guide import steps as step_views
from ui.guide.review_step import ExportStep
from ui.guide.timer import StepTimer
from ui.guide.widgets import StepWidget, chain_tab_order
from ui.pacing import Pacer, next_turn
from ui.plain_text import plain_label
from workshop import guide, user_ops
from workshop.analysis.reach import strategic_targets_all
from workshop.changes import Change, Part
from workshop.guide import Step
from workshop.model import Collection, Workshop

_NORMAL_STYLE = """
QLabel#guideWhere { color: palette(placeholder-text); }
QLabel#guideTitle { font-size: 19pt; font-weight: 600; }
QLabel#guideWhy { font-size: 11pt; color: palette(window-text); }
QLabel#guideProgress { color: palette(window-text); }
QLabel#guideSkipped { font-weight: 600; }
QLabel#guideMessage { font-weight: 600; }
QLabel#guideHint, QLabel#guideEmpty { color: palette(placeholder-text); }
QLabel#guideScore { font-size: 16pt; font-weight: 600; }
QLabel#guideTimerDisplay { font-size: 26pt; font-weight: 700; }
QPushButton#guideExportButton { font-size: 14pt; font-weight: 600; padding: 10px; }
"""

MIN_WIDTH = 260
"""Narrowest desk panel; projector mode's slim strip has its own (ui.guide.slim)."""
COMBO_MIN_CHARS = 10
"""Characters a choice box always shows; longer entries are shown elided and in full when opened."""
NARROW_BELOW = 560
WIDE_ABOVE = 620
"""Widths (px) where the guide changes to and from its narrow form; apart, so a resize never flickers."""


ROOM_POSTS = {Part.POSITIONS, Collection.SUGGESTIONS, Collection.DISCLOSURES}
"""What the phones change: a room posting must not re-read every step's widgets per post."""


PROGRESS_LISTED = 8
"""Support functions up to which the guide's header lists each one's answered questions."""


class GuidePanel(QWidget):
    focusRequested = Signal(list)
    """Card ids the board should focus on while this step is open; an empty list clears the focus."""
    exportRequested = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidePanel")
        self.document = document
        self._steps: list[Step] = guide.steps_for(document.workshop)
        self._index = 0
        self._view: StepWidget | None = None
        self._aside: Typed | None = None
        """What was typed in the step set aside for a new look (`set_aside`), until it is built again."""
        self._leaving: StepWidget | None = None
        self._focus: list[str] | None = None
        self._refocus_due = False
        self._refresh_pending = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self._touched: set[str] = set()
        """Collections changed since the last refresh: a note being typed needs no list rebuilt."""
        self._room_posts = Pacer(self._refresh_soon, None, self)
        """The review re-runs its analysis for the room's posts at most a few times a second."""
        self._projector = False
        """Projector mode: the panel is the slim strip beside the room's board (ui.guide.slim)."""
        self._narrow = False

        self.where = plain_label("", "guideWhere", self)
        self.progress = plain_label("", "guideProgress", self)
        self.progress.setAccessibleName(self.tr("Progress per support function"))
        self.title = plain_label("", "guideTitle", self)
        self.title.setAccessibleName(self.tr("Question"))
        self.why = plain_label("", "guideWhy", self)
        self.skipped = plain_label("", "guideSkipped", self)
        self.message = plain_label("", "guideMessage", self)
        self.message.setAccessibleName(self.tr("Message"))
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the last input to the timer
        self.timer = StepTimer(self)

        self.back_button = QPushButton(self.tr("◀ Back"), self)
        self.back_button.setToolTip(self.tr("Previous step (Alt+Left or Page Up)"))
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton(self.tr("Skip"), self)
        self.skip_button.setToolTip(self.tr("Record that the room skipped this question, and move on"))
        self.skip_button.clicked.connect(self.toggle_skip)
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.next_button.setToolTip(self.tr("Next step (Alt+Right, Ctrl+Enter or Page Down)"))
        self.next_button.clicked.connect(self.next)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.next_button)
        self._nav = nav
        self._skip_row = QHBoxLayout()
        """In the slim strip Skip has a row of its own: three buttons side by side do not fit a fifth."""

        # The header scrolls with the step: squeezed vertically, wrapped labels in a plain layout would
        # be drawn over each other; in a scroll area each keeps the height its text needs.
        self.body = QWidget()
        self.body.setObjectName("guideBody")
        self._body_layout = QVBoxLayout(self.body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.where, self.progress, self.title, self.why, self.skipped, self.message):
            self._body_layout.addWidget(label)
        self.scroll.setWidget(self.body)

        self.setMinimumWidth(MIN_WIDTH)  # not the sum of the wide layout's rows: narrow mode makes them fit

        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.timer)
        layout.addLayout(self._skip_row)
        layout.addLayout(nav)
        self._layout = layout
        self._desk_margins = layout.contentsMargins()

        self._add_action(self.tr("Next step"), ["Ctrl+Return", "Ctrl+Enter", "PgDown"], self.next)
        self._add_action(self.tr("Previous step"), ["PgUp"], self.back)
        # Alt+Right and Alt+Left work from anywhere in the window while the guide can be seen: in
        # projector mode the facilitator's keyboard is on the board, not in the guide.
        window_wide = Qt.ShortcutContext.WindowShortcut
        self._add_action(self.tr("Next step (anywhere)"), ["Alt+Right"], self.next, window_wide)
        self._add_action(self.tr("Previous step (anywhere)"), ["Alt+Left"], self.back, window_wide)

        document.changed.connect(self._model_changed)
        document.reset.connect(self._model_reset)
        self.setStyleSheet(_NORMAL_STYLE)
        self.go_to(0)

    # --- Ctrl+N: "add an answer" inside the guide, File > New everywhere else ---------------------

    _ADD_KEY = QKeySequence("Ctrl+N")

    def _is_add_key(self, event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()) == self._ADD_KEY

    def event(self, event: QEvent) -> bool:
        """Claim Ctrl+N while the cursor is in the guide.

        The window's File > New has the same key; two actions on one key make Qt refuse both
        ("ambiguous shortcut"). Accepting the shortcut override turns the key into an ordinary key
        press here, so the guide gets it and New keeps its key everywhere else.
        """
        if event.type() == QEvent.Type.ShortcutOverride and self._is_add_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_add_key(event):
            self.focus_input()
            event.accept()
            return
        super().keyPressEvent(event)

    def _add_action(
        self,
        text: str,
        keys: list[str],
        slot,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ) -> QAction:
        """An action of the guide; a hidden guide's shortcuts do not fire (Qt skips hidden widgets)."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(context)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- where we are ---------------------------------------------------------------------------

    def steps(self) -> list[Step]:
        return list(self._steps)

    def current_step(self) -> Step:
        return self._steps[self._index]

    def current_index(self) -> int:
        return self._index

    def current_view(self) -> StepWidget | None:
        return self._view

    def current_focus_ids(self) -> list[str]:
        """The cards the open step has asked the board to focus on; empty means no focus.

        `focusRequested` fires only when the focus changes, so a window that cleared the board's
        focus while the guide was hidden asks here what to show again when the guide comes back.
        Edits still waiting to be read in are read first, so the answer is never a step behind.
        """
        self._refresh_now()
        self._refocus()
        return list(self._focus or [])

    def index_of(self, key: str) -> int:
        """Index of the step with this key ('question:f-hr:2'); -1 when there is none."""
        return next((i for i, s in enumerate(self._steps) if s.key == key), -1)

    # --- navigation -----------------------------------------------------------------------------

    def go_to(self, target: int | str, *, take_focus: bool = False) -> None:
        """Open a step by index or by key. The timer runs on: a round of steps is one timebox, reset
        by the facilitator, not by Next."""
        self._steps = guide.steps_for(self.document.workshop)
        index = self.index_of(target) if isinstance(target, str) else target
        if index < 0:
            return
        self._index = max(0, min(index, len(self._steps) - 1))
        self._show_view()
        if take_focus:
            self.focus_input()

    def next(self) -> None:
        self._refresh_now()
        if self._index < len(self._steps) - 1:
            self.go_to(self._index + 1, take_focus=True)

    def back(self) -> None:
        self._refresh_now()
        if self._index > 0:
            self.go_to(self._index - 1, take_focus=True)

    def toggle_skip(self) -> None:
        """Record a skip (and move on), or take a skip back when the step was skipped earlier."""
        step = self.current_step()
        if not step.skippable or step.function_id is None or step.question is None:
            self.next()
            return
        was_skipped = guide.skipped(self.document.workshop, step.function_id, step.question)
        outcome = self.document.run(user_ops.set_answer, step.function_id, step.question, skipped=not was_skipped)
        if outcome.tell(self._show_message).ok and not was_skipped:
            self.next()

    def focus_input(self) -> None:
        target = self._view.primary_input() if self._view is not None else None
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- projector --------------------------------------------------------------------------------

    def set_projector(self, on: bool) -> None:
        """In front of the room the guide becomes the slim strip (ui.guide.slim): the question, the
        inputs that answer it and Back/Next, in type the back row reads, beside a board that keeps
        four fifths of the screen. The open step is built again in its slim or desk form."""
        typed, self._aside = self._aside, None
        if on == self._projector:
            if typed is not None:
                self._show_view()
                _restore_inputs(self._view, typed)
            return
        self._projector = on
        if typed is None:
            typed = _typed_inputs(self._view)
            self._drop_view()
        self.setMinimumWidth(slim.MIN_WIDTH if on else MIN_WIDTH)
        self.timer.set_slim(on)
        self._place_skip(on)
        self._apply_style()
        self._refresh_now()
        self._show_view()
        _restore_inputs(self._view, typed)

    def set_aside(self) -> None:
        """Take the open step off the panel until `set_projector` builds it again in its new form.

        The window changes its look (palette, sheets, font) just before: the old step's lists would
        be restyled and their wrapped rows measured (~50 us a row, ~450 rows at 2,000 goals) only to
        be thrown away."""
        if self._aside is None:
            self._aside = _typed_inputs(self._view)
            self._drop_view()

    def _drop_view(self) -> None:
        old, self._view = self._view, None
        if old is not None:
            old.leave()
            old.hide()
            for entries in old.findChildren(QListWidget):
                entries.blockSignals(True)
                entries.clear()  # or leaving the panel's sheets measures every row again (~50 us each)
            self._body_layout.removeWidget(old)
            old.setParent(None)  # out of the panel: the new look's sheets and font no longer reach it
            self._leaving = old  # kept until Qt deletes it: the step may be what asked for the change
            old.deleteLater()

    def _place_skip(self, slim_strip: bool) -> None:
        self._nav.removeWidget(self.skip_button)
        self._skip_row.removeWidget(self.skip_button)
        if slim_strip:
            self._skip_row.addWidget(self.skip_button)
        else:
            self._nav.insertWidget(2, self.skip_button)
        spacing = slim.MARGIN if slim_strip else -1
        for layout in (self._layout, self._nav):
            layout.setSpacing(spacing)
        if slim_strip:
            self._layout.setContentsMargins(slim.MARGIN, slim.MARGIN, slim.MARGIN, slim.MARGIN)
        else:
            self._layout.setContentsMargins(self._desk_margins)

    def _apply_style(self) -> None:
        style = slim.style(slim.type_scale(self.width())) if self._projector else _NORMAL_STYLE
        if self.styleSheet() != style:
            self.setStyleSheet(style)

    def narrow(self) -> bool:
        """True when the panel is laid out for a narrow dock (timer on two rows, smaller projector type)."""
        return self._narrow

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        narrow = width < NARROW_BELOW or (self._narrow and width <= WIDE_ABOVE)
        if narrow != self._narrow:
            self._narrow = narrow
            self.timer.set_compact(narrow)
        if self._projector:
            self._apply_style()  # the strip's type follows its width (a larger beamer, larger type)

    def projector(self) -> bool:
        return self._projector

    # --- keeping up with the model ----------------------------------------------------------------

    def _model_changed(self, change: Change) -> None:
        """Coalesce: typing a note emits one change per key, the widgets re-read the model once."""
        touched = set(change.touched())
        if touched <= {Part.POSITIONS}:
            return  # cards moved on the board: nothing the guide shows
        if touched <= ROOM_POSTS:  # the room posted or voted: only the review shows that, a few times a second
            if self._view is not None and self._view.shows_room_posts:
                self._touched |= touched
                self._room_posts.request()
            return
        self.message.clear()
        self._touched |= touched
        self._refresh_soon()

    def _refresh_soon(self) -> None:
        """Re-read the open step once, on a later turn of the event loop, however many changes came.

        A timer, not a queued call: queued calls run back to back with the edit that posted them, and
        at 2,000 goals the edit (~25 ms) and this (~20 ms) froze the window as one block; between
        timers the window takes its input and paints."""
        if not self._refresh_pending:
            self._refresh_pending = True
            self._refresh_timer.start()

    def _model_reset(self) -> None:
        self._refresh_pending = False
        self.message.clear()
        self.go_to(0)

    def _refresh_now(self) -> None:
        if not self._refresh_pending:
            return
        self._refresh_pending = False
        touched, self._touched = self._touched, set()
        key = self.current_step().key
        self._steps = guide.steps_for(self.document.workshop)
        index = self.index_of(key)
        if index < 0:  # the step's function was removed: stay at the same place in the list
            self._index = min(self._index, len(self._steps) - 1)
            self._show_view()
            return
        self._index = index
        answers_only = touched <= {Collection.ANSWERS, Part.POSITIONS, Part.META}
        room_only = touched <= ROOM_POSTS  # a phone's post must not take the board from the finding chosen
        if self._view is not None:
            if answers_only:
                self._view.refresh_answers()
            else:
                self._view.refresh()
            slim.refreshed(self._view)
            if not answers_only:
                self._apply_tab_order()
        self._update_header(refocus=not answers_only and not room_only)

    def _show_view(self) -> None:
        self._drop_view()
        step = self.current_step()
        self._view = step_views.make_step_widget(self.document, step)
        _fit_to_guide(self._view)
        if self._projector:
            slim.make_slim(self._view)
        self._view.message.connect(self._show_message)
        self._view.focusRequested.connect(self._view_focus)
        self._view.grown.connect(self._step_grown)
        if isinstance(self._view, ExportStep):
            self._view.exportRequested.connect(self.exportRequested)
        self._body_layout.addWidget(self._view, 1)
        self._view.show()  # a layout shows a new child only later (queued); focus must land on it now
        self.message.clear()
        self._update_header()
        self._apply_tab_order()
        self._to_top()

    def _step_grown(self) -> None:
        """A big step built more of its parts: fit them like the first ones, and Tab through them too."""
        view = self._view
        if view is not None and view is self.sender():
            _fit_to_guide(view)
            slim.refreshed(view)
            self._apply_tab_order()

    def _to_top(self) -> None:
        """A new step opens at its heading: the last step's scroll position belongs to the last step."""
        bar = self.scroll.verticalScrollBar()
        bar.setValue(0)
        QTimer.singleShot(0, bar, lambda: bar.setValue(0))  # again once the new layout landed (bar as context:
        # a panel closed in between takes the call with it)

    def _update_header(self, *, refocus: bool = True) -> None:
        ws = self.document.workshop
        step = self.current_step()
        strip = self._projector
        self.where.setText(step_views.where(ws, step, self._index, len(self._steps), short=strip))
        self.title.setText(step_views.title(step))
        self.why.setText(step_views.why(step))
        self.why.setVisible(not strip)  # the strip has room for the question; the reason is the facilitator's to say
        self.title.setToolTip(step_views.why(step) if strip else "")
        self.progress.setText(self._progress_text(step.function_id))
        self.progress.setVisible(bool(self.progress.text()) and not strip)
        is_skipped = (
            step.skippable and step.function_id is not None and guide.skipped(ws, step.function_id, step.question or 0)
        )
        self.skipped.setText(self.tr("Skipped earlier: answer it now, or move on.") if is_skipped else "")
        self.skipped.setVisible(bool(is_skipped))
        self.skip_button.setVisible(step.skippable)
        self.skip_button.setText(self.tr("Unskip") if is_skipped else self.tr("Skip"))
        self.back_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._steps) - 1)
        if refocus and not self._refocus_due:  # which cards a step is about does not depend on the notes typed
            self._refocus_due = True
            next_turn(self, self._refocus)

    def _refocus(self) -> None:
        """Ask the board to show the open step's cards, in a turn after the step is shown: at 2,000
        goals reading them (~8 ms) and dimming the rest (~8 ms) made a new step's block 15 ms longer."""
        if self._refocus_due:
            self._refocus_due = False
            self._emit_focus(guide.focus_ids(self.document.workshop, self.current_step(), self._shared_trace))

    def _shared_trace(self, _ws: Workshop) -> dict[str, list[str]]:
        """The trace to strategy `guide.focus_ids` needs, shared with the open step's lines."""
        return self.document.derived(strategic_targets_all)

    def _progress_text(self, current: str | None) -> str:
        """Questions answered per support function; past PROGRESS_LISTED functions, the current one and
        how many are done (a big workshop's hundred names filled the whole panel)."""
        progress = self.document.derived(guide.progress_all)
        if not progress:
            return ""
        if len(progress) <= PROGRESS_LISTED:
            parts = [f"{'▶ ' if function_id == current else ''}{name} {done}/4" for function_id, name, done in progress]
            return self.tr("Questions answered: ") + "   ".join(parts)
        complete = sum(1 for _, _, done in progress if done == 4)
        summary = (
            self.tr("all four for %1 of %2 support functions")
            .replace("%1", str(complete))
            .replace("%2", str(len(progress)))
        )
        here = next((f"▶ {name} {done}/4   " for function_id, name, done in progress if function_id == current), "")
        return self.tr("Questions answered: ") + here + summary

    def _apply_tab_order(self) -> None:
        """Tab reads the step top to bottom, then the timer, then Back, Skip and Next."""
        if self._view is None:
            return
        timer = self.timer
        tail = [timer.minutes, timer.start_button, timer.reset_button, self.back_button, self.skip_button]
        chain_tab_order(self, [*self._view.tab_chain(), *tail, self.next_button])

    def _view_focus(self, ids: list[str]) -> None:
        """The step asks for cards of its own (a finding chosen): that wins over its header's focus still due."""
        self._refocus_due = False
        self._emit_focus(ids)

    def _emit_focus(self, ids: list[str]) -> None:
        if ids != self._focus:
            self._focus = ids
            self.focusRequested.emit(list(ids))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)


def _inputs(view: QWidget | None) -> list[QWidget]:
    """A step's own inputs, in the order its class builds them (the desk and the strip build the same
    widgets; the strip hides some): line edits, text boxes and choices, not their inner parts."""
    if view is None:
        return []
    found: list[QWidget] = []
    for widget in view.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue
        if isinstance(widget, (QLineEdit, QPlainTextEdit, QComboBox)):
            found.append(widget)
    return found


def _fit_to_guide(view: QWidget) -> None:
    """Fit a step's inputs to the guide's width (again when it grows: it does not undo anything)."""
    for combo in view.findChildren(QComboBox):
        # a choice as long as "Local (this function's own result)" must not widen the whole step
        # past a narrow guide's edge: the box takes the width it is given and shows what fits
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_MIN_CHARS)
    for form in view.findChildren(QFormLayout):
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # too narrow: label above field


Typed = tuple[list[tuple[type, object]], dict[str, list[tuple[type, object]]]]
"""What was typed in a step: in its own inputs, and per internal customer's box (by relation id)."""


def _typed_inputs(view: QWidget | None) -> Typed:
    """What the facilitator has typed or chosen and not yet added: it must outlive a switch of look.
    A box per internal customer is read by its customer: the strip builds only the one chosen, the
    desk builds them over a few turns, so the boxes of the two looks do not line up one to one."""
    own, boxes = _own_inputs_and_boxes(view)
    return _state_of(own), {box.relation_id: _state_of(_inputs(box)) for box in boxes}


def _own_inputs_and_boxes(view: QWidget | None) -> tuple[list[QWidget], list[Any]]:
    """A step's inputs outside its per-customer boxes, and the boxes built so far."""
    boxes = list(getattr(view, "sections", []))
    inside = {id(w) for box in boxes for w in _inputs(box)}
    return [w for w in _inputs(view) if id(w) not in inside], boxes


def _state_of(widgets: list[QWidget]) -> list[tuple[type, object]]:
    state: list[tuple[type, object]] = []
    for widget in widgets:
        if isinstance(widget, QLineEdit):
            state.append((QLineEdit, widget.text()))
        elif isinstance(widget, QPlainTextEdit):
            state.append((QPlainTextEdit, widget.toPlainText()))
        elif isinstance(widget, QComboBox):
            state.append((QComboBox, widget.currentIndex()))
    return state


def _restore_inputs(view: QWidget | None, typed: Typed) -> None:
    """Put typed text and choices back into the step built again; nothing where the step differs.
    A customer's box with text typed in it is built for it if the new look has not built it yet."""
    own_state, box_states = typed
    _put_state(_own_inputs_and_boxes(view)[0], own_state)
    for relation_id, state in box_states.items():
        if not any(kind is not QComboBox and value for kind, value in state):
            continue  # nothing typed in that box: it is built (or not) as the new look builds it
        box = view.box_for(relation_id) if view is not None and hasattr(view, "box_for") else None
        if box is not None:
            _put_state(_inputs(box), state)


def _put_state(widgets: list[QWidget], state: list[tuple[type, object]]) -> None:
    if len(widgets) != len(state) or any(not isinstance(w, kind) for w, (kind, _) in zip(widgets, state, strict=True)):
        return
    for widget, (_, value) in zip(widgets, state, strict=True):
        # only into a box the new step left empty: one showing the model's text (a note) already has it
        if isinstance(widget, QLineEdit) and value and not widget.text() and not widget.isReadOnly():
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit) and value and not widget.toPlainText() and not widget.isReadOnly():
            widget.setPlainText(str(value))
        elif isinstance(widget, QComboBox) and value in range(widget.count()) and value != widget.currentIndex():
            widget.setCurrentIndex(int(value))
