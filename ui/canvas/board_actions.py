"""The board's commands, each bound to its keys in exactly one place.

The view owns them (so a board works the same inside the window and alone in a test) and the
window shows them in its menus and toolbar. Commands about the selected cards (edit, delete) fire
only while the board has focus: Delete in a panel's list belongs to that list. Tab and Enter are
the board's mind-map keys, handled by the view itself because Tab is also focus navigation; their
menu entries show the key without binding it a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGraphicsView

Std = QKeySequence.StandardKey


class BoardActions(QObject):
    def __init__(self, view: QGraphicsView, commands: BoardCommands) -> None:
        super().__init__(view)
        self._view = view
        tr = self.tr
        board_only = Qt.ShortcutContext.WidgetWithChildrenShortcut
        window = Qt.ShortcutContext.WindowShortcut
        self.edit_card = self._make(
            tr("&Edit card text"), tr("Edit the selected card's text"), commands.edit_selected, ["F2"], board_only
        )
        delete_keys = [*QKeySequence.keyBindings(Std.Delete), QKeySequence("Backspace")]
        self.delete = self._make(
            tr("&Delete"), tr("Delete the selected cards or links"), commands.delete_selected, delete_keys, board_only
        )
        self.add_contributing = self._make(
            tr("Add &contributing goal") + "\t" + tr("Tab"),
            tr("Add a goal below the selected one"),
            commands.add_contributing,
        )
        self.add_sibling = self._make(
            tr("Add &sibling goal") + "\t" + tr("Enter"),
            tr("Add a goal next to the selected one"),
            commands.add_sibling,
        )
        self.tidy = self._make(
            tr("&Tidy board"), tr("Lay the cards out again (pinned cards stay)"), commands.tidy, ["Ctrl+L"], window
        )
        self.zoom_in = self._make(
            tr("Zoom &in"), tr("Zoom in"), commands.zoom_in, [*QKeySequence.keyBindings(Std.ZoomIn), "Ctrl+="], window
        )
        self.zoom_out = self._make(
            tr("Zoom &out"), tr("Zoom out"), commands.zoom_out, QKeySequence.keyBindings(Std.ZoomOut), window
        )
        self.fit_all = self._make(tr("&Fit board"), tr("Show the whole board"), commands.fit_all, ["Ctrl+0"], window)
        self.zoom_actual = self._make(tr("&Actual size"), tr("Zoom to 100%"), commands.zoom_actual, ["Ctrl+1"], window)

    def _make(
        self,
        text: str,
        tip: str,
        slot: Callable[[], object],
        keys: Sequence[QKeySequence | str] = (),
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        action = QAction(text, self._view)
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(context)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._view.addAction(action)
        return action


class BoardCommands(Protocol):
    """What BoardActions calls on the view."""

    def edit_selected(self) -> object: ...
    def delete_selected(self) -> object: ...
    def add_contributing(self) -> object: ...
    def add_sibling(self) -> object: ...
    def tidy(self) -> object: ...
    def zoom_in(self) -> object: ...
    def zoom_out(self) -> object: ...
    def fit_all(self) -> object: ...
    def zoom_actual(self) -> object: ...
