"""The properties editor: the fields of whatever is selected (goal, link, KPI or function).

Typing goes to the model as you type, through `Document.edit` with a merge key per field and
*edit session*: everything typed into one field between focusing it and leaving it (or changing the
selection) merges into one undo step, as in Qt's undo framework example. While the panel writes, it
ignores the echo of its own change so the cursor never jumps.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.document import Document
from ui.panels.common import swatch
from ui.plain_text import plain_label
from workshop import user_ops
from workshop.changes import Change, Delete, Insert, Replace, SetPosition
from workshop.model import Collection, FunctionKind, KpiScope, LinkKind
from workshop.text import MAX_NAME, MAX_TEXT

TEXT_HEIGHT = 90


class _FocusOut(QObject):
    """Calls back when the watched editor loses focus: the end of an edit session."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class Shown(StrEnum):
    """What the panel can show, each with the workshop collection it lives in."""

    GOAL = "goal"
    LINK = "link"
    KPI = "kpi"
    FUNCTION = "function"

    @property
    def collection(self) -> Collection:
        return Collection(f"{self.value}s")


class PropertiesPanel(QWidget):
    message = Signal(str)
    """Why an edit typed here was not kept, for the status bar (the field then shows the model's truth)."""

    def __init__(
        self,
        document: Document,
        position_of: Callable[[str], tuple[float, float] | None] = lambda card_id: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._kind: Shown | None = None
        self._id: str | None = None
        self._session = 0
        self._writing = False
        self._loading = False
        self._functions_shown: tuple[tuple[str, str, str], ...] | None = None
        """The functions the goal page's combo lists (id, name, colour): rebuilt only when they change."""
        self._position_of = position_of
        """Where the board shows a card that has no saved place: pinning keeps it there."""
        self.stack = QStackedWidget(self)
        self.empty = plain_label(parent=self)
        self.empty.setText(self.tr("Select a card, a link or a function to see its details."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.empty)
        self._build_goal()
        self._build_link()
        self._build_kpi()
        self._build_function()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        layout.addStretch(1)
        document.changed.connect(self._on_changed)
        document.reset.connect(self._on_reset)

    # --- building -----------------------------------------------------------------------------

    def _page(self) -> QFormLayout:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.stack.addWidget(page)
        return form

    def _line(self, name: str, field: str, op: Callable[..., Change], limit: int = MAX_TEXT) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(name)
        edit.setMaxLength(limit)  # typing or pasting stops at what the model keeps
        edit.textEdited.connect(lambda text: self._write(op, field, text, merge=True))
        edit.editingFinished.connect(self._end_session)
        return edit

    def _text(self, name: str, field: str, op: Callable[..., Change]) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(TEXT_HEIGHT)
        edit.textChanged.connect(lambda: self._loading or self._write(op, field, edit.toPlainText(), merge=True))
        edit.installEventFilter(_FocusOut(self._end_session, edit))
        return edit

    def _combo(self, name: str, choices: list[tuple[str, Any]], on_pick: Callable[[Any], None]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        for text, value in choices:
            combo.addItem(text, value)
        combo.activated.connect(lambda index: on_pick(combo.itemData(index)))
        return combo

    def _build_goal(self) -> None:
        form = self._page()
        self.goal_band = plain_label(parent=self)
        self.goal_text = self._text(self.tr("Goal text"), "text", user_ops.update_goal)
        self.goal_function = self._combo(
            self.tr("Function"), [], lambda fid: self._write(user_ops.update_goal, "function_id", fid)
        )
        self.goal_measure = self._line(self.tr("Measure"), "measure", user_ops.update_goal)
        self.goal_target = self._line(self.tr("Target"), "target", user_ops.update_goal)
        self.goal_pinned = QCheckBox(self.tr("Pinned (Tidy leaves it in place)"), self)
        self.goal_pinned.clicked.connect(self._set_pinned)
        form.addRow(self.goal_band)
        form.addRow(self.tr("&Text"), self.goal_text)
        form.addRow(self.tr("&Function"), self.goal_function)
        form.addRow(self.tr("&Measure"), self.goal_measure)
        form.addRow(self.tr("T&arget"), self.goal_target)
        form.addRow(self.goal_pinned)
        self.goal_page = self.stack.widget(self.stack.count() - 1)

    def _build_link(self) -> None:
        form = self._page()
        self.link_ends = plain_label(parent=self)
        self.link_kind = self._combo(
            self.tr("Link kind"),
            [
                (self.tr("Contributes"), LinkKind.CONTRIBUTES.value),
                (self.tr("Direct impact"), LinkKind.DIRECT_IMPACT.value),
            ],
            lambda kind: self._write(user_ops.update_link, "kind", kind),
        )
        self.link_reason = self._text(self.tr("Reason"), "reason", user_ops.update_link)
        self.link_reason.setPlaceholderText(self.tr("Why this support goal moves the strategic goal directly"))
        form.addRow(self.link_ends)
        form.addRow(self.tr("&Kind"), self.link_kind)
        form.addRow(self.tr("&Reason"), self.link_reason)
        self.link_page = self.stack.widget(self.stack.count() - 1)

    def _build_kpi(self) -> None:
        form = self._page()
        self.kpi_name = self._line(self.tr("KPI name"), "name", user_ops.update_kpi, MAX_NAME)
        self.kpi_rewards = self._text(self.tr("What it rewards"), "rewards", user_ops.update_kpi)
        self.kpi_incentive = self._line(self.tr("Incentive"), "incentive", user_ops.update_kpi)
        self.kpi_scope = self._combo(
            self.tr("Scope"),
            [(self.tr("Local"), KpiScope.LOCAL.value), (self.tr("Shared"), KpiScope.SHARED.value)],
            lambda scope: self._write(user_ops.update_kpi, "scope", scope),
        )
        form.addRow(self.tr("&Name"), self.kpi_name)
        form.addRow(self.tr("&Rewards"), self.kpi_rewards)
        form.addRow(self.tr("&Incentive"), self.kpi_incentive)
        form.addRow(self.tr("&Scope"), self.kpi_scope)
        self.kpi_page = self.stack.widget(self.stack.count() - 1)

    def _build_function(self) -> None:
        form = self._page()
        self.function_name = self._line(self.tr("Function name"), "name", user_ops.update_function, MAX_NAME)
        self.function_kind = self._combo(
            self.tr("Function kind"),
            [
                (self.tr("Customer-facing"), FunctionKind.CUSTOMER_FACING.value),
                (self.tr("Support"), FunctionKind.SUPPORT.value),
            ],
            lambda kind: self._write(user_ops.update_function, "kind", kind),
        )
        self.function_colour = QPushButton(self.tr("Colour…"), self)
        self.function_colour.setAccessibleName(self.tr("Function colour"))
        self.function_colour.clicked.connect(self._pick_colour)
        form.addRow(self.tr("&Name"), self.function_name)
        form.addRow(self.tr("&Kind"), self.function_kind)
        form.addRow(self.tr("&Colour"), self.function_colour)
        self.function_page = self.stack.widget(self.stack.count() - 1)

    # --- showing ------------------------------------------------------------------------------

    @property
    def shown(self) -> tuple[Shown | None, str | None]:
        """(kind, id) of what the panel edits: kind is 'goal', 'link', 'kpi', 'function' or None."""
        return self._kind, self._id

    def show_ids(self, ids: list[str]) -> None:
        """Follow the board's selection."""
        self._end_session()
        ws = self._document.workshop
        self._kind, self._id = None, None
        if len(ids) == 1:
            item_id = ids[0]
            for kind in Shown:
                if ws.find(kind.collection, item_id) is not None:
                    self._kind, self._id = kind, item_id
                    break
        if self._kind is None:
            self.empty.setText(
                self.tr("%d items selected.") % len(ids)
                if len(ids) > 1
                else self.tr("Select a card, a link or a function to see its details.")
            )
        self._load()

    def show_function(self, function_id: str) -> None:
        self.show_ids([function_id])

    def _load(self) -> None:
        self._loading = True
        try:
            ws = self._document.workshop
            item = ws.find(self._kind.collection, self._id) if self._kind and self._id else None
            if self._kind is None or item is None:
                self._kind, self._id = None, None
                self.stack.setCurrentWidget(self.empty)
                return
            loaders: dict[Shown, Callable[[Any], None]] = {
                Shown.GOAL: self._load_goal,
                Shown.LINK: self._load_link,
                Shown.KPI: self._load_kpi,
                Shown.FUNCTION: self._load_function,
            }
            loaders[self._kind](item)
        finally:
            self._loading = False

    @staticmethod
    def _set_text(edit: QLineEdit | QPlainTextEdit, value: str) -> None:
        """Show the model's text; the cursor stays where it was (clamped), so Undo in the middle of
        typing does not send the next keystroke to the start of the field."""
        if isinstance(edit, QLineEdit):
            if edit.text() != value:
                position = edit.cursorPosition()
                edit.setText(value)
                edit.setCursorPosition(min(position, len(value)))
            return
        if edit.toPlainText() != value:
            position = edit.textCursor().position()
            edit.setPlainText(value)
            cursor = edit.textCursor()
            cursor.setPosition(min(position, len(edit.toPlainText())))
            edit.setTextCursor(cursor)

    @staticmethod
    def _set_combo(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def _load_goal(self, goal: Any) -> None:
        ws = self._document.workshop
        self.stack.setCurrentWidget(self.goal_page)
        band = ws.band_of(goal)
        self.goal_band.setText(
            {
                "strategy": self.tr("Strategic goal"),
                "customer_facing": self.tr("Customer-facing goal"),
                "support": self.tr("Support goal"),
            }[band.value]
        )
        self._set_text(self.goal_text, goal.text)
        functions = tuple((f.id, f.name, f.colour) for f in ws.functions)
        if functions != self._functions_shown:
            self.goal_function.clear()
            self.goal_function.addItem(self.tr("None (strategic goal)"), None)
            for function_id, name, colour in functions:
                self.goal_function.addItem(swatch(colour), name, function_id)
            self._functions_shown = functions
        self._set_combo(self.goal_function, goal.function_id)
        self._set_text(self.goal_measure, goal.measure)
        self._set_text(self.goal_target, goal.target)
        position = ws.positions.get(goal.id)
        self.goal_pinned.setChecked(bool(position and position.pinned))

    def _load_link(self, link: Any) -> None:
        ws = self._document.workshop
        self.stack.setCurrentWidget(self.link_page)
        source, target = ws.goal(link.source), ws.goal(link.target)
        self.link_ends.setText(
            self.tr("“%s” contributes to “%s”")
            % (source.text if source else link.source, target.text if target else link.target)
        )
        self._set_combo(self.link_kind, link.kind.value)
        self._set_text(self.link_reason, link.reason)

    def _load_kpi(self, kpi: Any) -> None:
        self.stack.setCurrentWidget(self.kpi_page)
        self._set_text(self.kpi_name, kpi.name)
        self._set_text(self.kpi_rewards, kpi.rewards)
        self._set_text(self.kpi_incentive, kpi.incentive)
        self._set_combo(self.kpi_scope, kpi.scope.value)

    def _load_function(self, function: Any) -> None:
        self.stack.setCurrentWidget(self.function_page)
        self._set_text(self.function_name, function.name)
        self._set_combo(self.function_kind, function.kind.value)
        self.function_colour.setIcon(swatch(function.colour))

    # --- writing ------------------------------------------------------------------------------

    def _end_session(self) -> None:
        """The next keystroke starts a new undo step; show the model's truth if an edit was refused."""
        self._session += 1
        if self._kind is not None and not self._writing:
            self._load()

    def _write(self, op: Callable[..., Change], field: str, value: Any, merge: bool = False) -> None:
        if self._loading or self._id is None:
            return
        key = f"prop:{self._id}:{field}:{self._session}" if merge else None
        self._writing = True
        try:
            self._document.run(op, self._id, merge_key=key, **{field: value}).tell(self.message.emit)
        finally:
            self._writing = False
        if not merge:
            self._load()

    def _set_pinned(self, checked: bool) -> None:
        """Pin where the card is seen: a card the board placed by itself gets that place in the same step."""
        card_id = self._id
        if card_id is None:
            return
        where = self._position_of(card_id) if card_id not in self._document.workshop.positions else None
        self._document.run(user_ops.pin_where_seen, card_id, checked, where).tell(self.message.emit)
        self._load()

    def _pick_colour(self) -> None:
        function = self._document.workshop.function(self._id) if self._kind == Shown.FUNCTION else None
        if function is None:
            return
        colour = dialogs.ask_colour(self, function.colour)
        if colour is not None:
            self._write(user_ops.update_function, "colour", colour)

    def _on_reset(self) -> None:
        self._functions_shown = None
        self.show_ids([])

    def _on_changed(self, change: Change) -> None:
        if self._writing or self._kind is None or not self._concerns(change):
            return
        self._load()

    def _concerns(self, change: Change) -> bool:
        """Whether a change can alter what the panel shows: its own item, the functions (names,
        colours, kinds shown in combos and the band line), a link's end goals, or the card's pin."""
        watched = {self._id}
        if self._kind == Shown.LINK:
            link = self._document.workshop.find(Collection.LINKS, self._id or "")
            if link is not None:
                watched |= {link.source, link.target}  # type: ignore[attr-defined]
        for step in change.steps:
            if isinstance(step, SetPosition):
                if step.card_id == self._id:
                    return True
                continue
            if not isinstance(step, (Insert, Delete, Replace)):
                continue
            if step.collection == Collection.FUNCTIONS:
                return True
            item = step.item if isinstance(step, (Insert, Delete)) else step.before
            if item.id in watched:  # type: ignore[attr-defined]
                return True
        return False
