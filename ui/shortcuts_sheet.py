"""Help > Keyboard shortcuts (F1): every key Via answers to, read from the actions themselves.

The sheet is built from the window's QActions at the moment it opens, so it cannot drift from the
bindings; the board's own keys (Tab, Enter, arrows, Space-drag, Esc), which are handled by the
board rather than bound to actions, are listed from one table here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def board_keys() -> list[tuple[str, str]]:
    """(what, keys) for the keys the board handles itself, as a facilitator would say them."""
    return [
        (tr("Add a contributing goal below the selected one"), "Tab"),
        (tr("Add a sibling goal next to the selected one"), tr("Enter")),
        (tr("Walk the tree"), tr("Arrow keys")),
        (tr("While typing in a card: keep the text"), tr("Enter")),
        (tr("While typing in a card: keep the text and add a contributing goal"), "Tab"),
        (tr("While typing in a card: cancel (a card just made goes away)"), "Esc"),
        (tr("Cancel a drag, or clear the selection"), "Esc"),
        (tr("Pan the board"), tr("Space + drag, or the middle button")),
        (tr("Zoom"), tr("Ctrl + wheel, or pinch")),
        (tr("Leave the board for the panels, and back"), "Ctrl+Tab"),
    ]


def _keys(action: QAction) -> str:
    text = action.text()
    if "\t" in text:  # a key the board handles itself, shown in the menu without a binding
        return text.split("\t", 1)[1]
    return ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in action.shortcuts())


def _name(action: QAction) -> str:
    return action.text().split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ")


def menu_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu entry that has keys, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), title)  # type: ignore[arg-type]
            elif not action.isSeparator() and _keys(action):
                rows.append((title, _name(action), _keys(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _name(top))  # type: ignore[arg-type]
    return rows


def other_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """Keys bound outside the menus (the guide's Next and Back, projector mode's Esc)."""
    in_menus: set[QAction] = set()

    def collect(menu: QMenu) -> None:
        for action in menu.actions():
            in_menus.add(action)
            if action.menu() is not None:
                collect(action.menu())  # type: ignore[arg-type]

    for top in window.menuBar().actions():
        if top.menu() is not None:
            collect(top.menu())  # type: ignore[arg-type]
    rows = []
    for action in window.findChildren(QAction):
        if action not in in_menus and not action.isSeparator() and action.shortcuts() and _name(action):
            rows.append((tr("Guide and projector"), _name(action), _keys(action)))
    return sorted(set(rows))


def all_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    board = tr("Board")
    return menu_rows(window) + other_rows(window) + [(board, what, keys) for what, keys in board_keys()]


class ShortcutsSheet(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        rows = all_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels([tr("Where"), tr("What"), tr("Keys")])
        self.table.setAccessibleName(tr("Keyboard shortcuts"))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry() if window.screen() else None
        width, height = 760, 640
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)


def show_shortcuts(window: QMainWindow) -> None:
    sheet = ShortcutsSheet(window)
    sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    sheet.show()
