"""The desktop app's entry point: `main(argv)` opens a window, and offers to recover after a crash.

Start-up order matters for recovery: this copy first claims its own recovery slot (so a copy
started a moment later never mistakes it for a crash), then looks for slots left by copies that
died, and only then shows the window with the given file or an empty workshop.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ui import collector, dialogs, theme
from ui.autosave import Autosaver, Recovery, RecoveryStore, Session
from ui.document import Document
from ui.errors import ErrorReporter
from ui.fonts import register_fallback_fonts
from ui.main_window import MainWindow
from workshop.gcpause import settle_long_lived

log = logging.getLogger(__name__)

ORGANISATION = "Via"
APPLICATION = "Via"


def tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "via"])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    theme.apply_app_defaults(app)  # type: ignore[arg-type]
    register_fallback_fonts()
    collector.install(app)  # cycles collected between events, never inside one (ui/collector.py)
    return app  # type: ignore[return-value]


def _paths(argv: list[str | None]) -> list[Path]:
    return [Path(a) for a in argv if a and not a.startswith("-")]


def offer_recovery(window: MainWindow, orphans: list[Recovery]) -> bool:
    """Ask about each piece of left-behind work, newest first; restore at most one. True if restored."""
    restored = False
    for recovery in orphans:
        if restored:
            recovery.release()  # decide about it next time; this window is taken
            continue
        if not dialogs.ask_restore(window, recovery.describe()):
            recovery.discard()
            continue
        try:
            ws = recovery.load()
        except Exception as error:
            try:
                kept = str(recovery.set_aside())
            except OSError as move_error:
                recovery.release()  # left where it is: offered again next time
                kept = f"{recovery.workshop_file} ({move_error.strerror or move_error})"
            dialogs.show_error(
                window,
                tr("Recover unsaved work"),
                tr("The recovery file cannot be read: %s\n\nIt was kept as %s; a newer Via may open it.")
                % (error, kept),
            )
            continue
        window.document.replace(ws, recovery.user_path)
        window.document.mark_unsaved()  # restored work is unsaved work
        window._update_title()
        if window.autosaver is not None:
            window.autosaver.save_now()  # our own slot holds it now, before the old one goes
        recovery.discard()
        window.show_message(tr("Restored unsaved work of “%s”.") % recovery.title)
        restored = True
    return restored


def launch(
    argv: list[str | None], *, store: RecoveryStore | None = None, settings: QSettings | None = None
) -> MainWindow:
    """Build and show the window (used by `main` and by tests that need a real start-up)."""
    store = store if store is not None else RecoveryStore()
    document = Document()
    session: Session | None = None
    problem = ""
    try:
        session = store.start_session()
    except OSError as error:
        problem = tr("Autosave is off: %s") % error
    orphans = store.orphans(exclude=session.id if session else None) if session else []
    autosaver = Autosaver(document, session) if session is not None else None
    window = MainWindow(document, settings=settings, autosaver=autosaver)
    window.show()  # first, so a message about an unreadable file appears over the window
    paths = _paths(argv)
    if paths:
        window.open_file(paths[0], ask=False)
    if problem:
        window.show_message(problem)
    restored = bool(orphans) and offer_recovery(window, orphans)
    shown = window.document.path.resolve() if window.document.path else None
    if restored and paths and shown != paths[0].resolve():
        dialogs.show_error(
            window,
            tr("Open"),
            tr("%s was not opened: the restored work is shown instead. Save it, then open the file.") % paths[0].name,
        )
    return window


def main(argv: list[str | None] | None = None) -> int:
    """Run the app. `argv` holds the arguments after the program name (a file to open, or none)."""
    logging.basicConfig(level=logging.WARNING)
    app = ensure_app()
    reporter = ErrorReporter()
    reporter.install()  # from here on a failing slot is logged and said plainly, never a console traceback
    args = sys.argv[1:] if argv is None else list(argv)
    window = launch(args)
    reporter.autosave_on = lambda: window.autosaver is not None
    QTimer.singleShot(0, window.board.fit_all)
    # The window's ~56,000 long-lived objects out of the collector's full collections, which otherwise
    # walk them all (15-20 ms) at any moment an edit or a drag happens to allocate enough.
    QTimer.singleShot(1000, settle_long_lived)  # after the first paint, once the room sees the board
    try:
        return app.exec()
    finally:
        reporter.uninstall()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
