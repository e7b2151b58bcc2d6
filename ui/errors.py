"""The last line of defence: an unexpected exception in a slot is logged and said plainly, once.

PySide6 hands an exception raised in a slot to `sys.excepthook` and carries on; by default that
prints to a console nobody at a workshop is looking at. `ErrorReporter` writes the traceback to a
log file in Via's data folder and shows one calm message box that points to it. A burst of the same
error (a slot failing on every repaint or keystroke) shows one box, not fifty.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.autosave import data_dir

log = logging.getLogger(__name__)

LOG_NAME = "via-errors.log"
QUIET_S = 30.0
MAX_LOG_BYTES = 1_000_000
"""The same error again within this time after its box was shown is logged but not shown again."""

Notifier = Callable[[QWidget | None, str], None]


def tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def log_path() -> Path:
    return data_dir() / LOG_NAME


def show_box(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Something went wrong"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()


class _Relay(QObject):
    """Carries the message to the GUI thread: the failing code may run on a worker thread."""

    show = Signal(str)


class ErrorReporter:
    """A `sys.excepthook`: log the traceback, then tell the user once per burst."""

    def __init__(self, path: Path | None = None, notify: Notifier | None = None) -> None:
        self.path = path
        self.notify: Notifier = notify if notify is not None else show_box
        self.autosave_on: Callable[[], bool] = lambda: True
        """Whether the window autosaves; the message promises nothing it cannot keep (set by `main`)."""
        self._showing = False
        self._pending = False
        self._last: tuple[str, float] | None = None
        self._repeats = 0
        self.previous = sys.excepthook
        self._relay = _Relay()
        # Queued, also from the GUI thread: the box appears from the event loop, not from inside the
        # failing slot, whose caller may hold state (a mouse grab, a half-built item) that a nested
        # modal loop would trip over.
        self._relay.show.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, (KeyboardInterrupt, SystemExit)):
            sys.__excepthook__(kind, error, tb)
            return
        signature = f"{kind.__module__}.{kind.__qualname__}: {error}"
        now = time.monotonic()
        repeat = self._last is not None and self._last[0] == signature and now - self._last[1] < QUIET_S
        if repeat:
            self._repeats += 1  # a slot failing on every mouse move must not fill the disk
            return
        if self._repeats:
            self._write(f"(the previous error repeated {self._repeats} more times)")
            self._repeats = 0
        written = self._write("".join(traceback.format_exception(kind, error, tb)))
        self._last = (signature, now)
        if self._showing or self._pending:
            return  # a box for this burst is on its way or on screen
        self._pending = True
        if QApplication.instance() is None:
            self._pending = False
            return
        self._relay.show.emit(self.message(written))

    def message(self, written: Path | None) -> str:
        if self.autosave_on():
            first = tr("Something went wrong in Via. Your work is autosaved every few seconds.")
        else:
            first = tr("Something went wrong in Via. Autosave is off: save your work now.")
        lines = [first, tr("If Via behaves oddly now, save the workshop under a new name and restart Via.")]
        if written is not None:
            lines.append(tr("The details for whoever maintains Via are in %s") % written)
        return "\n\n".join(lines)

    def _show(self, message: str) -> None:
        self._pending = False
        self._showing = True
        try:
            self.notify(QApplication.activeWindow(), message)
        finally:
            self._showing = False
            if self._last is not None:
                self._last = (self._last[0], time.monotonic())  # quiet time counts from the box closing

    def _write(self, text: str) -> Path | None:
        path = self.path if self.path is not None else log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.replace(path.with_suffix(".old.log"))  # keep one older log, never an endless one
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"--- {dt.datetime.now().astimezone().isoformat(timespec='seconds')}\n{text}\n")
        except OSError:
            log.exception("could not write the error log")
            sys.stderr.write(text)
            return None
        return path
