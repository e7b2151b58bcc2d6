"""The main window: the board in the middle, panels around it, menus, files and projector mode.

The window owns no workshop state of its own: it wires the `Document` to the board, the panels,
the analysis runner and the autosaver, and runs the file commands (new, open, save) with the
unsaved-changes prompt in front of every one that would throw work away.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QByteArray, QChildEvent, QEvent, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStyle,
    QTabBar,
    QToolBar,
    QWidget,
)

from ui import appearance, dialogs, recent_files, theme, workshop_details
from ui.actions import Actions, build_menus
from ui.analysis_runner import AnalysisRunner
from ui.autosave import Autosaver
from ui.background import run_while_painting
from ui.canvas.view import BoardView
from ui.document import Document
from ui.guide import slim
from ui.guide.panel import GuidePanel
from ui.panels.findings import FindingsPanel
from ui.panels.functions import FunctionsPanel
from ui.panels.outline import OutlinePanel
from ui.panels.palette import PalettePanel
from ui.panels.properties import PropertiesPanel
from ui.panels.suggestions import SuggestionsPanel
from ui.picture.export import BoardPictureExporter
from ui.report_export import ReportExporter
from ui.room.join_strip import JoinStrip
from ui.room.session import RoomSession
from ui.shortcuts_sheet import show_shortcuts
from ui.tooltips import plain_tooltip
from workshop import examples, guide, storage, user_ops
from workshop.file_names import safe_stem
from workshop.findings import Analysis, Finding
from workshop.model import Meta, Workshop
from workshop.text import one_line
from workshop.verdict import verdict

log = logging.getLogger(__name__)

STATUS_MS = 8000
LEFT_MIN_WIDTH = 210
STATE_VERSION = 2
"""Bump when the dock layout changes, so an old saved layout is not forced onto the new one."""
MAXIMISE_BELOW = 1366
"""Screens narrower than this (1024x768 and 1280x800 beamers, small laptops) open Via maximised."""
NO_MAXIMUM = 16_777_215
"""Qt's QWIDGETSIZE_MAX: no limit on a widget's size."""


def _stamp(path: Path) -> tuple[int, int, bytes] | None:
    """What tells one version of a file from the next: modification time (ns), size and a hash of
    the content. Time and size alone miss a same-size change whose time was put back (cp -p,
    rsync -t, unzip); a workshop file is small, so hashing it costs a few ms (2 MB at 5,000 goals)."""
    try:
        info = os.stat(path)
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").digest()
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_size, digest)


class MainWindow(QMainWindow):
    def __init__(
        self,
        document: Document | None = None,
        *,
        settings: QSettings | None = None,
        autosaver: Autosaver | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document if document is not None else Document()
        self.settings = settings if settings is not None else QSettings()
        self.autosaver = autosaver
        self.projector_on = False
        self._before_projector: tuple[QByteArray, Qt.WindowState] | None = None
        self.setObjectName("ViaMainWindow")

        self.board = BoardView(self.document, self)
        self.setCentralWidget(self.board)
        self.runner = AnalysisRunner(self.document, parent=self)
        self.palette_panel = PalettePanel(self.document)
        self.functions_panel = FunctionsPanel(self.document)
        self.outline_panel = OutlinePanel(self.document)
        self.findings_panel = FindingsPanel()
        self.properties_panel = PropertiesPanel(self.document, position_of=self.board.shown_position)
        self.suggestions_panel = SuggestionsPanel(self.document)
        self.guide_panel = GuidePanel(self.document)
        self._guide_focus_held = False
        self._guide_focus: list[str] = guide.focus_ids(self.document.workshop, self.guide_panel.current_step())
        """What the guide's open step wants the board to focus on (sent again when the guide comes back)."""
        self.exporter = ReportExporter(self.document, self)
        self.picture_exporter = BoardPictureExporter(self.document, self.board, self)
        self.room = RoomSession(self.document, self)
        self.room.choose_address = self._choose_room_address

        self.actions_ = Actions(self)
        undo = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self.addAction(undo)
        self.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self.menus = build_menus(self, self.actions_, self.board.board_actions, undo, redo)
        self._build_docks()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()

        self.setWindowTitle(self._title())
        self.resize(1280, 800)
        self._restore_window_state()
        self._rebuild_recent_menu()
        self._follow_colour_scheme()
        self._update_title()
        self.runner.schedule()

    # --- construction -------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        """Left: what to add (tabs) over the selection's properties. Right: guide, findings, outline (tabs)."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.palette_dock = self._dock("paletteDock", self.tr("Palette"), self.palette_panel, left)
        self.functions_dock = self._dock("functionsDock", self.tr("Functions"), self.functions_panel, left)
        self.tabifyDockWidget(self.palette_dock, self.functions_dock)
        self.palette_dock.raise_()
        for panel in (self.palette_panel, self.functions_panel):
            panel.setMinimumWidth(LEFT_MIN_WIDTH)  # room for the tab titles, unelided
        self.findings_dock = self._dock("findingsDock", self.tr("Findings"), self.findings_panel, right)
        self.findings_dock.visibilityChanged.connect(self.findings_panel.brought_forward)
        self.outline_dock = self._dock("outlineDock", self.tr("Outline"), self.outline_panel, right)
        self.properties_dock = self._dock("propertiesDock", self.tr("Properties"), self.properties_panel, left)
        self.suggestions_dock = self._dock("suggestionsDock", self.tr("Suggestions"), self.suggestions_panel, right)
        self.tabifyDockWidget(self.findings_dock, self.outline_dock)
        self.tabifyDockWidget(self.findings_dock, self.suggestions_dock)
        self.findings_dock.raise_()
        self.guide_dock = self._dock("guideDock", self.tr("Guide"), self.guide_panel, right)
        self.tabifyDockWidget(self.findings_dock, self.guide_dock)
        self.guide_dock.raise_()
        self.guide_dock.toggleViewAction().setShortcut(QKeySequence("F9"))
        self.addAction(self.guide_dock.toggleViewAction())  # F9 works in projector mode too
        self.guide_dock.visibilityChanged.connect(self._guide_visibility_changed)
        self.resizeDocks([self.palette_dock], [230], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock], [320], Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock, self.properties_dock], [380, 320], Qt.Orientation.Vertical)
        for dock in self.docks():
            self.menus["panels"].addAction(dock.toggleViewAction())

    def docks(self) -> list[QDockWidget]:
        return [d for d in self.findChildren(QDockWidget) if d.parent() is self]

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"), self)
        bar.setObjectName("mainToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a, b = self.actions_, self.board.board_actions
        for action in (a.new, a.open, a.save, None, self.undo_action, self.redo_action, None, b.tidy, b.fit_all):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        bar.addSeparator()
        bar.addAction(a.projector)
        bar.addAction(a.room)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_status_bar(self) -> None:
        self.score_label = QLabel(self.tr("Alignment: …"), self)
        self.score_label.setObjectName("scoreLabel")
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.score_label.setAccessibleName(self.tr("Alignment score"))
        self.build_bar = QProgressBar(self)
        self.build_bar.setObjectName("buildProgress")
        self.build_bar.setRange(0, 100)
        self.build_bar.setFormat(self.tr("Drawing the board… %p%"))
        self.build_bar.setAccessibleName(self.tr("Drawing the board"))
        self.build_bar.setMaximumWidth(260)
        self.build_bar.hide()
        # permanent, like the score: a message shown meanwhile (autosave is off, a refused edit) stays
        self.statusBar().addPermanentWidget(self.build_bar)
        self.statusBar().addPermanentWidget(self.score_label)

    _disk_stamp: tuple[int, int, bytes] | None = None
    """The file as this window last read or wrote it; None for a workshop not read from a file here."""

    def _connect(self) -> None:
        a, doc, board = self.actions_, self.document, self.board
        self._disk_stamp = _stamp(doc.path) if doc.path else None  # handed a workshop just read
        doc.reset.connect(self._forget_disk_stamp)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused_panel)
        a.new.triggered.connect(self.new_workshop)
        a.open_example.triggered.connect(self.open_example)
        a.open.triggered.connect(lambda: self.open_file())
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.close.triggered.connect(self.close_workshop)
        a.quit.triggered.connect(self.close)
        a.export_report.triggered.connect(self.export_report)
        a.workshop_details.triggered.connect(self.edit_workshop_details)
        a.compare.triggered.connect(self.compare_with_earlier)
        a.import_file.triggered.connect(self.import_spreadsheet)
        a.email_report.triggered.connect(self.email_report)
        a.export_board.triggered.connect(self.export_board_picture)
        self.picture_exporter.message.connect(self.show_message)
        a.full_screen.toggled.connect(self._set_full_screen)
        a.projector.toggled.connect(self.set_projector)
        a.leave_projector.triggered.connect(lambda: self.set_projector(False))
        a.about.triggered.connect(self._about)
        a.shortcuts.triggered.connect(lambda: show_shortcuts(self))
        self.join_strip = JoinStrip(self.board)
        a.room.toggled.connect(self.set_room_open)
        self.room.openChanged.connect(self._room_open_changed)
        self.room.connectedChanged.connect(self.join_strip.set_connected)
        self.room.message.connect(self.show_message)

        doc.modifiedChanged.connect(self._on_modified_changed)
        doc.pathChanged.connect(self._update_title)
        doc.reset.connect(self._update_title)
        doc.reset.connect(self._analysis_pending)
        for part in (board, self.palette_panel, self.functions_panel, self.properties_panel, self.suggestions_panel):
            part.message.connect(self.show_message)  # why an edit did not happen, where the room looks
        board.buildProgress.connect(self._show_build_progress)
        self.runner.analysed.connect(self._on_analysed)
        self.runner.wait_while = lambda: (
            self.board.board_scene.building()
            or self.outline_panel.building()
            or self.board.tidying()  # the analysis would land between two of Tidy's slices
            or self.board.board_scene.moving_in_slices()
        )
        self.runner.failed.connect(self.show_message)
        self.runner.failed.connect(self.findings_panel.set_unavailable)
        if self.autosaver is not None:
            self.autosaver.failed.connect(self.show_message)
            self.board.board_scene.editorTyped.connect(self.autosaver.typing)
            self.board.board_scene.editorClosed.connect(self.autosaver.typing_ended)
            doc.pathChanged.connect(self._announce_open_file)
            self._announce_open_file()

        board.selectionIdsChanged.connect(self.properties_panel.show_ids)
        self.outline_panel.idsActivated.connect(self._select_on_board)
        self.findings_panel.subjectsActivated.connect(self._show_subjects)
        self.findings_panel.dismissRequested.connect(self._dismiss_finding)
        self.findings_panel.restoreRequested.connect(self._restore_finding)
        self.functions_panel.functionSelected.connect(self.properties_panel.show_function)
        self.palette_panel.cardCreated.connect(self._select_card)
        self.suggestions_panel.idsActivated.connect(self._select_on_board)
        self.guide_panel.focusRequested.connect(self._on_guide_focus)
        self.guide_panel.timer.changed.connect(self.board.show_timer)
        self.guide_panel.exportRequested.connect(self.export_report)

    def _dismiss_finding(self, finding: Finding, reason: str) -> None:
        self.document.run(user_ops.dismiss_finding, finding, reason).tell(self.show_message)

    def _restore_finding(self, finding: Finding) -> None:
        wanted = (finding.rule, list(finding.subjects))
        for dismissal in self.document.workshop.dismissals:
            if (dismissal.rule, dismissal.subjects) == wanted:
                self.document.run(user_ops.restore_finding, dismissal.id).tell(self.show_message)
                return

    def _select_on_board(self, ids: list[str]) -> None:
        self.board.select_ids(list(ids), True)

    def _show_subjects(self, ids: list[str]) -> None:
        """A finding activated: its cards and links selected on the board; a finding about the room's
        disclosures (nothing on the board) raises the Suggestions panel, where they are read and decided."""
        ws = self.document.workshop
        if ids and {d.id for d in ws.disclosures} >= set(ids):
            self.suggestions_dock.show()
            self.suggestions_dock.raise_()
            return
        self._select_on_board(ids)

    def _select_card(self, card_id: str) -> None:
        """A card made from the palette (Enter or a double click): the room names it next, so the
        board takes the keyboard and the card opens for typing, as Tab and Enter do on the board."""
        self._select_on_board([card_id])
        self.board.setFocus(Qt.FocusReason.OtherFocusReason)
        self.board.board_scene.start_edit(card_id, fresh=True)

    # --- the guide's focus on the board -----------------------------------------------------------

    def _on_guide_focus(self, ids: list[str]) -> None:
        self._guide_focus = list(ids)
        if self.guide_dock.isVisible() and not self._guide_focus_held:
            self.board.set_focus_ids(self._guide_focus or None)

    def _apply_guide_focus(self, visible: bool) -> None:
        """The board is dimmed only while the guide that asked for it can be seen: a closed guide
        would leave the room looking at a half-dark board with nothing saying why."""
        if self._guide_focus_held:
            return  # the projector switch shows and hides the guide several times: it applies the end
        if visible:
            self.board.set_focus_ids(self._guide_focus or None)
        else:  # another tab raised over the guide: undim, and leave the view where the room has it
            self.board.set_focus_ids(None)

    def _commit_board_editor(self) -> None:
        """Text typed into a card's in-place editor goes into the model before a file command reads it."""
        self.board.commit_editor()

    # --- status -------------------------------------------------------------------------------

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MS)

    def _show_build_progress(self, percent: int) -> None:
        """A big board still being drawn past half a second: how far (hidden again at its end)."""
        self.build_bar.setVisible(percent >= 0)
        if percent >= 0:
            self.build_bar.setValue(percent)

    def _analysis_pending(self) -> None:
        """A workshop just opened: its analysis comes once its board is drawn; the last one's goes now."""
        self.findings_panel.set_checking()
        self.score_label.setText(self.tr("Alignment: …"))

    def _on_analysed(self, analysis: Analysis) -> None:
        self.board.set_analysis(analysis)
        judged = verdict(self.document.workshop, analysis)
        self.findings_panel.set_analysis(analysis, judged)
        self.score_label.setText(judged.short())

    # --- title --------------------------------------------------------------------------------

    def display_name(self) -> str:
        return self.document.path.name if self.document.path else self.tr("Untitled")

    def _title(self) -> str:
        return self.tr("%s[*] — Via") % self.display_name()

    def _on_modified_changed(self, modified: bool) -> None:
        # Uses the signal's value: the stack also emits while it is being destroyed.
        self.setWindowModified(modified)

    def _update_title(self, *_: object) -> None:
        self.setWindowTitle(self._title())
        self.setWindowModified(self.document.is_modified())

    # --- files --------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current workshop (saved, discarded on purpose, or clean)."""
        self._commit_board_editor()
        if not self.document.is_modified():
            return True
        answer = dialogs.ask_save_changes(self, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_workshop(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.replace(Workshop(), None)
        return True

    def open_example(self) -> bool:
        """The bundled worked example as a new, unsaved workshop: exploring it never touches a file."""
        if not self.maybe_save():
            return False
        self.document.replace(examples.customer_loyalty(), None)
        return True

    def close_workshop(self) -> bool:
        return self.new_workshop()

    def open_file(self, path: Path | str | None = None, *, ask: bool = True) -> bool:
        """Open a workshop; a file Via cannot read leaves the current one as it was."""
        if ask and not self.maybe_save():
            return False
        if path is None:
            path = dialogs.ask_open_path(self, str(self._start_folder()))
            if path is None:
                return False
        path = Path(path)
        stamp = _stamp(path)  # before reading: a change made while it is read is then seen at save
        try:
            ws = run_while_painting("open", storage.load, path)  # the window keeps painting meanwhile
        except Exception as error:  # storage gives LoadError; anything else is still a message, not a crash
            self._file_error(self.tr("Could not open %s") % path.name, error)
            if isinstance(error, storage.LoadError) and not path.exists():
                recent_files.forget(self.settings, path.resolve())
                self._rebuild_recent_menu()
            return False
        self.document.replace(ws, path.resolve())
        self._disk_stamp = stamp
        storage.remove_stale_temps_of(path)  # what a killed save of this file left beside it
        self._remember(path)
        self._warn_if_open_elsewhere(path)
        QTimer.singleShot(0, self, self.board.fit_all)
        self.show_message(self.tr("Opened %s") % path.name)
        return True

    def _start_folder(self) -> Path:
        """Where Open and Save As start: the workshop's folder, else the last one used, else the
        user's documents (never the program's own folder, where a first save used to land)."""
        if self.document.path is not None:
            return self.document.path.parent
        for path in recent_files.recent(self.settings):
            if path.parent.is_dir():
                return path.parent
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def save(self) -> bool:
        self._commit_board_editor()
        if self.document.path is None:
            return self.save_as()
        if self._changed_on_disk(self.document.path):
            answer = dialogs.ask_overwrite_changed(self, self.document.path.name)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                return False
        return self._write(self.document.path)

    def _changed_on_disk(self, path: Path) -> bool:
        """Whether the file is no longer the one this window last read or wrote (a colleague saved
        it, or a second Via did): saving would silently throw their changes away."""
        return self._disk_stamp is not None and _stamp(path) not in (None, self._disk_stamp)

    def save_as(self) -> bool:
        self._commit_board_editor()
        if self.document.path is not None:
            suggested = self.document.path
        else:
            name = safe_stem(self.document.workshop.meta.title, self.tr("Workshop")) + ".via"
            suggested = self._start_folder() / name
        path = dialogs.ask_save_path(self, str(suggested))
        if path is None:
            return False
        return self._write(path)

    def _write(self, path: Path) -> bool:
        self._commit_board_editor()
        try:
            storage.save(self.document.workshop, path)
        except Exception as error:
            self._file_error(self.tr("Could not save %s") % path.name, error)
            if getattr(error, "newer_version", False):
                return self.save_as()  # never over a newer Via's file: ask for another name
            return False
        self.document.mark_saved()
        self._disk_stamp = _stamp(path)
        if self.document.path != path.resolve():
            self.document.set_path(path.resolve())
        self._remember(path)
        self.show_message(self.tr("Saved %s") % path.name)
        return True

    def _file_error(self, title: str, error: Exception) -> None:
        log.info("%s: %r", title, error)
        message = str(error) or type(error).__name__
        if not isinstance(error, (storage.LoadError, storage.SaveError, OSError)):
            message = self.tr("The file could not be read as a workshop (%s).") % message
        # the file's name and what the error quotes from it arrive from anywhere: one printable line
        dialogs.show_error(self, one_line(title), one_line(message))

    def _remember(self, path: Path) -> None:
        recent_files.remember(self.settings, path)
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        menu = self.menus["recent"]
        menu.clear()
        paths = recent_files.recent(self.settings)
        for index, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{index} {path.name}")
            action.setToolTip(plain_tooltip(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        menu.setEnabled(bool(paths))

    # --- report -------------------------------------------------------------------------------

    def export_report(self) -> None:
        """Export the PDF; an untitled workshop is first offered its details, which the cover shows."""
        self._commit_board_editor()
        if self.exporter.busy:
            self.show_message(self.tr("A report is already being built; it will be ready in a moment."))
            return
        if self.document.workshop.meta.title == Meta().title:
            intro = self.tr(
                "The report's cover shows these details. Give the workshop a title (OK keeps them as they are)."
            )
            if not workshop_details.edit_details(self, self.document, intro):
                return
        self.exporter.export()

    def compare_with_earlier(self) -> None:
        """File > Compare with...: the comparison (and the analysis it runs) load on first use."""
        from ui import compare_dialog

        compare_dialog.compare_with(self, self.document, self.exporter.include_since)

    def export_board_picture(self) -> None:
        """File > Export board as PNG / SVG...: what is being typed on a card is in the picture too."""
        self._commit_board_editor()
        self.picture_exporter.export()

    def email_report(self) -> None:
        self._commit_board_editor()
        self.exporter.email()

    def edit_workshop_details(self) -> bool:
        """File > Workshop details…: True when the details were applied (or left unchanged with OK)."""
        self._commit_board_editor()
        return workshop_details.edit_details(self, self.document)

    def import_spreadsheet(self) -> None:
        """File > Import…: the dialog previews, and applies as one undo step only when confirmed."""
        from ui import import_dialog  # the dialog and the import's modules load on first use, not at start-up

        self._commit_board_editor()
        outcome = import_dialog.import_into(self, self.document)
        if outcome is not None:
            outcome.tell(self.show_message)

    # --- modes --------------------------------------------------------------------------------

    def _set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def set_projector(self, on: bool) -> None:
        """Projector mode: full screen, chrome hidden, large type, high contrast; Esc leaves it."""
        if on == self.projector_on:
            return
        self.projector_on = on
        self.guide_panel.set_aside()  # built again in its new form below, not restyled first
        with self.board.reflow_held(), self._guide_focus_once():  # laid out and dimmed once, at the end
            a = self.actions_
            if on:
                self._before_projector = (self.saveState(), self.windowState())
                for dock in self.docks():
                    dock.hide()  # the guide comes back with F9 when the room works through it
                self.guide_dock.setTitleBarWidget(QWidget(self.guide_dock))  # the strip needs no "Guide" bar
                self.toolbar.hide()
                self.menuBar().hide()
                self.statusBar().hide()
                self.showFullScreen()
            else:
                self.menuBar().show()
                self.statusBar().show()
                self._free_guide_width()
                if self._before_projector is not None:
                    state, window_state = self._before_projector
                    self.restoreState(state)
                    self.setWindowState(window_state)
                    self._before_projector = None
                else:
                    self.showNormal()
            theme.apply(self, on, self.appearance.dark(), [self.guide_dock])
            self.board.set_projector(on)
            self.join_strip.set_projector(on)
            self._keep_board_clear_of_strip()
            self.guide_panel.set_projector(on)
            a.leave_projector.setEnabled(on)
            a.projector.blockSignals(True)
            a.projector.setChecked(on)
            a.projector.blockSignals(False)
        QTimer.singleShot(0, self, self.board.fit_all)

    @contextmanager
    def _guide_focus_once(self) -> Iterator[None]:
        """Restoring the desk's docks shows and hides the guide up to three times, and each time the
        board dimmed or undimmed every card and link (8 ms a time at 2,000 goals): once at the end."""
        self._guide_focus_held = True
        try:
            yield
        finally:
            self._guide_focus_held = False
            self._apply_guide_focus(self.guide_dock.isVisible())

    def _follow_colour_scheme(self) -> None:
        """The desk's look follows the system's colour scheme, or the one chosen in View > Colour scheme
        (kept in the settings); projector mode keeps its own look whatever the scheme."""
        self.appearance = appearance.instance()
        self.appearance.set_scheme(appearance.saved_scheme(self.settings))
        panels = self.menus["panels"].menuAction()
        self.scheme_actions = appearance.add_menu(self.menus["view"], panels, self.appearance.scheme())
        for scheme, action in self.scheme_actions.items():
            action.triggered.connect(lambda _=False, s=scheme: self.choose_colour_scheme(s))
        self.appearance.changed.connect(self._colour_scheme_changed)
        self._follows_scheme = True
        self._colour_scheme_changed(self.appearance.dark())

    def choose_colour_scheme(self, scheme: appearance.Scheme) -> None:
        """View > Colour scheme: remembered for the next start, applied now (no restart)."""
        appearance.save_scheme(self.settings, scheme)
        self.scheme_actions[scheme].setChecked(True)
        self.appearance.set_scheme(scheme)

    def _colour_scheme_changed(self, dark: bool) -> None:
        theme.apply(self, self.projector_on, dark, [self.guide_dock])
        self.board.set_dark(dark)
        self.join_strip.set_projector(self.projector_on)  # its gutter takes the board's new background

    def _guide_visibility_changed(self, visible: bool) -> None:
        self._apply_guide_focus(visible)
        if visible and self.projector_on:
            self._size_guide_for_room()
            QTimer.singleShot(0, self, self._size_guide_for_room)  # again once a late full-screen resize landed

    def _size_guide_for_room(self) -> None:
        """In projector mode the guide is the slim strip: a fifth of the width at most, whatever width
        it had at the desk, so the board keeps four fifths (the separator counted on the guide's side)."""
        if not self.projector_on or not self.guide_dock.isVisible():
            return
        separator = self.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self)
        width = slim.strip_width(self.width(), separator)
        self.guide_dock.setMaximumWidth(width)
        self.resizeDocks([self.guide_dock], [width], Qt.Orientation.Horizontal)

    def _free_guide_width(self) -> None:
        """Back at the desk the guide is a full panel again: its own title bar, any width."""
        self.guide_dock.setTitleBarWidget(None)
        self.guide_dock.setMaximumWidth(NO_MAXIMUM)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Via"),
            self.tr("Via helps a room align every function's goals with the strategy: via the functions they serve."),
        )

    # --- window state -------------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, STATE_VERSION)
        self._fit_to_screen(restored)

    def _fit_to_screen(self, restored: bool) -> None:
        """Open within the screen's free area: a 1024x768 beamer must show the guide's Next button and
        the status bar. A small screen gets the window maximised; a place remembered from a larger or
        a vanished screen is pulled back and shrunk to fit."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        if self.isMaximized() or self.isFullScreen():
            return
        if not restored:
            if area.width() < MAXIMISE_BELOW:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
                return
            self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
            self.move(area.center() - self.rect().center())
            return
        width, height = min(self.width(), area.width()), min(self.height(), area.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), area.left()), area.right() + 1 - width)
        y = min(max(self.y(), area.top()), area.bottom() + 1 - height)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def _save_window_state(self) -> None:
        if self.projector_on:
            self.set_projector(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(STATE_VERSION))
        self.settings.sync()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Full screen lands late, on the beamer's width rather than the desk's: the guide's share is
        taken again from the width the room sees (a 1920-px desk window on a 1024-px beamer left the
        board 160 px wide)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self, self._size_guide_for_room)

    def _announce_open_file(self) -> None:
        if self.autosaver is not None:
            self.autosaver.session.announce(self.document.path)

    def _warn_if_open_elsewhere(self, path: Path) -> None:
        """Another copy of Via has this file open: say so now, not when one saves over the other."""
        if self.autosaver is None or not self.autosaver.session.others_with_open(path):
            return
        dialogs.show_error(
            self,
            self.tr("Open in another copy of Via"),
            one_line(
                self.tr(
                    "“%s” is also open in another copy of Via. Changes saved in one copy overwrite the other's; "
                    "close it there, or save this one under another name."
                )
                % path.name
            ),
        )

    def _forget_disk_stamp(self) -> None:
        self._disk_stamp = None  # open_file sets it again right after the replace

    def _show_focused_panel(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Tab can reach a panel whose tab lies behind another (Functions behind Palette): raise it,
        so a key pressed there (Space on Remove) never acts on something nobody can see."""
        widget = now
        while widget is not None and not isinstance(widget, QDockWidget):
            widget = widget.parentWidget()
        if widget is not None and widget.parent() is self and widget.visibleRegion().isEmpty():
            widget.raise_()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Tab in a panel goes back to the board, as Ctrl+Tab on the board leaves it: a keyboard
        user otherwise had to Tab through every panel to reach the cards again."""
        ctrl_tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        if ctrl_tab and not self.board.hasFocus():
            self.board.setFocus(Qt.FocusReason.ShortcutFocusReason)
            event.accept()
            return
        super().keyPressEvent(event)

    def childEvent(self, event: QChildEvent) -> None:
        """Tabbed panels show their whole names ("Findings", not "Findin..."): the main window makes
        a tab bar for each group of tabbed docks whenever the layout changes, so each is set up as
        it arrives. Without scroll buttons the bar asks for room for every name, and the dock area
        grows to give it; the board gives up those few pixels."""
        super().childEvent(event)
        child = event.child()
        if event.type() == QEvent.Type.ChildPolished and isinstance(child, QTabBar):
            child.setElideMode(Qt.TextElideMode.ElideNone)
            child.setUsesScrollButtons(False)

    # --- the room ---------------------------------------------------------------------------------

    def set_room_open(self, on: bool) -> None:
        """Open or close the room; the join strip shows on the board once it is open. Its server
        starts while the window goes on (the same action again stops it)."""
        if on:
            self.room.open()
        else:
            self.room.close(wait=False)  # the server ends its phones' streams while the window goes on
        self._room_open_changed(self.room.is_open)
        if self.room.opening:
            self.show_message(self.tr("Opening the room…"))

    def _room_open_changed(self, is_open: bool) -> None:
        action = self.actions_.room
        on = is_open or self.room.opening
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)
        action.setText(self.tr("Close &room") if on else self.tr("Open &room"))
        if not on and self.statusBar().currentMessage() == self.tr("Opening the room…"):
            self.statusBar().clearMessage()  # stopped, or gave up with its own message before this
        if is_open:
            self.join_strip.set_projector(self.projector_on)
            self.join_strip.show_room(self.room.url)
            self.join_strip.set_connected(self.room.refresh_count())
            self.show_message(self.tr("The room is open: participants join at %s") % self.room.url)
        else:
            self.join_strip.hide()
        self._keep_board_clear_of_strip()

    def _keep_board_clear_of_strip(self) -> None:
        """The board draws beside the join strip (which keeps that room for itself): fit it again."""
        QTimer.singleShot(0, self, self.board.fit_all)

    def _choose_room_address(self, found: list) -> object:
        """Several networks: the facilitator picks the one the room's phones are on."""
        labels = [candidate.label for candidate in found]
        label, ok = QInputDialog.getItem(
            self, self.tr("Open the room"), self.tr("Which network are the participants' phones on?"), labels, 0, False
        )
        return found[labels.index(label)] if ok and label in labels else None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_board_editor()
        if not self.maybe_save():
            event.ignore()
            return
        self._save_window_state()
        self.room.close()
        self.runner.stop()
        if self.autosaver is not None:
            problem = self.autosaver.close()
            if problem:  # said plainly, then Via closes: the work itself is saved or discarded
                dialogs.show_error(self, self.tr("Closing Via"), problem)
        if self._follows_scheme:  # a closed window leaves the app's palette to the others, at the desk's
            self.appearance.changed.disconnect(self._colour_scheme_changed)
            self._follows_scheme = False
            if self.projector_on:
                theme.set_app_palette(theme.normal_palette(self.appearance.dark()))
        event.accept()
