"""The window's actions and menus, with the platform's standard shortcuts.

Actions are also added to the window itself, so their shortcuts keep working in projector mode,
where the menu bar is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.canvas.board_actions import BoardActions

Std = QKeySequence.StandardKey


def _full_screen_keys() -> list[QKeySequence]:
    """The platform's full-screen keys minus F11, which Via gives to projector mode."""
    f11 = QKeySequence("F11")
    keys = [k for k in QKeySequence.keyBindings(Std.FullScreen) if k != f11]
    return keys or [QKeySequence("Ctrl+Shift+F")]


class Actions(QObject):
    """Every window action, created once; the window connects them to its slots."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        tr = self.tr
        # File
        self.new = self._make(tr("&New"), Std.New, tr("Start a new, empty workshop"))
        self.open_example = self._make(
            tr("Open e&xample workshop"), None, tr("A worked example to explore or to show the room how Via works")
        )
        self.open = self._make(tr("&Open…"), Std.Open, tr("Open a workshop file"))
        self.import_file = self._make(
            tr("&Import…"), None, tr("Add strategic goals, functions, goals, KPIs and participants from a spreadsheet")
        )
        self.save = self._make(tr("&Save"), Std.Save, tr("Save the workshop"))
        self.save_as = self._make(tr("Save &As…"), Std.SaveAs, tr("Save the workshop under a new name"))
        self.workshop_details = self._make(
            tr("Workshop &details…"), None, tr("Title, organisation, date, facilitator and participants")
        )
        self.compare = self._make(tr("Co&mpare with…"), None, tr("What changed since an earlier workshop file"))
        self.export_report = self._make(tr("&Export report…"), "Ctrl+E", tr("Write the alignment report as a PDF"))
        self.email_report = self._make(tr("E&mail report…"), None, tr("Send the last exported report"))
        self.export_board = self._make(
            tr("Export &board as PNG / SVG…"), None, tr("Save the board as a picture for slides and chat")
        )
        self.close = self._make(tr("&Close"), Std.Close, tr("Close the workshop"))
        self.quit = self._make(tr("&Quit"), "Ctrl+Q", tr("Quit Via"))
        # View (the board's own commands, zoom included, are BoardActions: bound once, on the board)
        self.full_screen = self._make(tr("F&ull screen"), _full_screen_keys(), tr("Full screen with all panels"))
        self.full_screen.setCheckable(True)
        self.projector = self._make(
            tr("&Projector mode"), "F11", tr("Full screen, large type and high contrast for the room")
        )
        self.projector.setCheckable(True)
        self.leave_projector = self._make(tr("Leave projector mode"), "Esc", tr("Back to the normal window"))
        self.leave_projector.setEnabled(False)
        # The room (participants' phones): one action opens and closes it
        self.room = self._make(
            tr("Open &room"), "Ctrl+Shift+R", tr("Let participants join from their phones, or close the room")
        )
        self.room.setCheckable(True)
        # Help
        self.shortcuts = self._make(
            tr("&Keyboard shortcuts"), [QKeySequence("F1")], tr("Every key Via answers to, on the board and off it")
        )
        self.about = self._make(tr("&About Via"), None, tr("About Via"))

    def _make(self, text: str, shortcut: object, tip: str) -> QAction:
        action = QAction(text, self._window)
        if isinstance(shortcut, (list, Std)):
            action.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        self._window.addAction(action)
        return action


def build_menus(
    window: QMainWindow, actions: Actions, board: BoardActions, undo: QAction, redo: QAction
) -> dict[str, QMenu]:
    """The menu bar; returns the menus that the window fills later (recent files, panels)."""
    tr = actions.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(tr("&File"))
    file_menu.addAction(actions.new)
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.open_example)
    recent = file_menu.addMenu(tr("Open &recent"))
    file_menu.addAction(actions.import_file)
    file_menu.addSeparator()
    file_menu.addAction(actions.save)
    file_menu.addAction(actions.save_as)
    file_menu.addSeparator()
    file_menu.addAction(actions.workshop_details)
    file_menu.addAction(actions.compare)
    file_menu.addAction(actions.export_report)
    file_menu.addAction(actions.email_report)
    file_menu.addAction(actions.export_board)
    file_menu.addSeparator()
    file_menu.addAction(actions.close)
    file_menu.addAction(actions.quit)

    edit_menu = bar.addMenu(tr("&Edit"))
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    edit_menu.addAction(board.edit_card)
    edit_menu.addAction(board.add_contributing)
    edit_menu.addAction(board.add_sibling)
    edit_menu.addAction(board.delete)
    edit_menu.addSeparator()
    edit_menu.addAction(board.tidy)

    view_menu = bar.addMenu(tr("&View"))
    for action in (board.zoom_in, board.zoom_out, board.fit_all, board.zoom_actual):
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(actions.full_screen)
    view_menu.addAction(actions.projector)
    view_menu.addAction(actions.room)
    view_menu.addSeparator()
    panels = view_menu.addMenu(tr("&Panels"))

    help_menu = bar.addMenu(tr("&Help"))
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    return {"recent": recent, "panels": panels, "file": file_menu, "edit": edit_menu, "view": view_menu}
