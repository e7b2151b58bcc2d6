"""The functions list: the departments in the room, their kind and colour.

Every button goes through `Document.edit`, so adding, renaming, recolouring, switching between
customer-facing and support, and removing are all one undo step each. Prompts come from
`ui.dialogs` so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.document import Document
from ui.panels.common import ID_ROLE, action_button, swatch
from ui.theme import Tone, keep_toned, set_tone
from ui.tooltips import plain_tooltip
from workshop import user_ops
from workshop.changes import Change
from workshop.model import Collection, Function, FunctionKind
from workshop.user_ops import Outcome

DEFAULT_COLOURS = ("#2E86DE", "#10AC84", "#EE5253", "#8854D0", "#F39C12", "#576574", "#0ABDE3", "#C44569")


class FunctionsPanel(QWidget):
    functionSelected = Signal(str)
    message = Signal(str)
    """Why an edit from this panel did not happen, for the status bar."""
    """Id of the function picked in the list (for the properties editor)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.list = QListWidget(self)
        keep_toned(self.list)  # light/dark switched: its coloured rows follow
        self.list.setObjectName("functionsList")
        self.list.setAccessibleName(self.tr("Functions"))
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_current())

        self.add_button = action_button(self, self.tr("&Add…"), self.tr("Add a function"), self.add_function)
        self.rename_button = action_button(
            self, self.tr("&Rename…"), self.tr("Rename the function"), self.rename_current
        )
        self.colour_button = action_button(
            self, self.tr("C&olour…"), self.tr("Choose the function's colour"), self.recolour
        )
        self.kind_button = action_button(
            self, self.tr("Switch &kind"), self.tr("Switch between customer-facing and support"), self.toggle_kind
        )
        self.remove_button = action_button(
            self, self.tr("Re&move"), self.tr("Remove the function with its goals and KPIs"), self.remove_current
        )
        buttons = QGridLayout()
        for index, button in enumerate(
            (self.add_button, self.rename_button, self.colour_button, self.kind_button, self.remove_button)
        ):
            buttons.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        document.reset.connect(self.rebuild)
        document.changed.connect(self._on_changed)
        self.rebuild()

    # --- view --------------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if Collection.FUNCTIONS in change.touched():
            self.rebuild()

    def rebuild(self) -> None:
        """Grouped under two headings, names only, so the list reads in a narrow dock."""
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        functions = self._document.workshop.functions
        for kind, heading in (
            (FunctionKind.CUSTOMER_FACING, self.tr("Customer-facing")),
            (FunctionKind.SUPPORT, self.tr("Support")),
        ):
            members = [f for f in functions if f.kind == kind]
            if not members:
                continue
            header = QListWidgetItem(heading)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            set_tone(header, Tone.MUTED, self.list.palette())  # a heading, not a greyed-out (disabled) row
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for function in members:
                item = QListWidgetItem(swatch(function.colour), function.name)
                item.setData(ID_ROLE, function.id)
                item.setToolTip(plain_tooltip(self._label(function)))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, self._label(function))
                self.list.addItem(item)
                if function.id == current:
                    self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def _label(self, function: Function) -> str:
        kind = self.tr("customer-facing") if function.kind == FunctionKind.CUSTOMER_FACING else self.tr("support")
        return f"{function.name} ({kind})"

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def select(self, function_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == function_id:
                self.list.setCurrentRow(row)
                return

    def _on_current(self, *_: object) -> None:
        self._update_buttons()
        function_id = self.current_id()
        if function_id is not None:
            self.functionSelected.emit(function_id)

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for button in (self.rename_button, self.colour_button, self.kind_button, self.remove_button):
            button.setEnabled(has)

    def _current(self) -> Function | None:
        function_id = self.current_id()
        return None if function_id is None else self._document.workshop.function(function_id)

    # --- edits -------------------------------------------------------------------------------

    def add_function(self) -> str | None:
        answer = dialogs.ask_new_function(self)
        if answer is None or not answer[0].strip():
            return None
        name, kind = answer
        used = {f.colour.upper() for f in self._document.workshop.functions}
        colour = next((c for c in DEFAULT_COLOURS if c not in used), DEFAULT_COLOURS[0])
        created = self._run(user_ops.add_function, name, kind, colour).created_id
        if created is not None:
            self.select(created)
        return created

    def rename_current(self) -> None:
        function = self._current()
        if function is None:
            return
        name = dialogs.ask_text(self, self.tr("Rename function"), self.tr("New name:"), function.name)
        if name is not None and name != function.name:
            self._run(user_ops.update_function, function.id, name=name)

    def recolour(self) -> None:
        function = self._current()
        if function is None:
            return
        colour = dialogs.ask_colour(self, function.colour)
        if colour is not None and colour.upper() != function.colour.upper():
            self._run(user_ops.update_function, function.id, colour=colour)

    def toggle_kind(self) -> None:
        function = self._current()
        if function is None:
            return
        kind = FunctionKind.SUPPORT if function.kind == FunctionKind.CUSTOMER_FACING else FunctionKind.CUSTOMER_FACING
        self._run(user_ops.update_function, function.id, kind=kind)

    def remove_current(self) -> None:
        function = self._current()
        if function is not None:
            self._run(user_ops.remove_function, function.id)

    def _run(self, operation: Callable[..., Change], *args: Any, **kwargs: Any) -> Outcome:
        return self._document.run(operation, *args, **kwargs).tell(self.message.emit)
