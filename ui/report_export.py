"""File > Export report... and Email report: the report leaves the room from here.

The PDF is built on a worker thread from a snapshot of the workshop, so the board stays live and
a progress dialog appears only when the export takes longer than half a second. Email goes through
an unsent `.eml` draft (see workshop/maildraft.py); when no mail program takes it, the folder is
opened and the summary copied, so the facilitator can still send it by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ui.background import worker
from ui.document import Document
from workshop.file_names import safe_stem
from workshop.model import Workshop
from workshop.report import ReportCancelledError

PROGRESS_DELAY_MS = 500
POLL_MS = 40
"""How often the window looks whether the report thread is done: well under a blink."""


def suggested_file_name(ws: Workshop) -> str:
    """A file name from the workshop's title, safe on every file system."""
    return f"{safe_stem(ws.meta.title, 'Alignment report')} - alignment report.pdf"


def _build_report(
    snapshot: Workshop, target: Path, since: Workshop | None = None, stopped: Callable[[], bool] | None = None
) -> str:
    """Runs on the report thread: pure Python on a private snapshot, no Qt object in sight.

    The thread never touches a Qt object, so a window closed (and collected) mid-export cannot pull
    one out from under it; an earlier design emitted Qt signals from a QRunnable and crashed the
    process when the garbage collector freed the runnable's wrapper while the PDF was being drawn.
    Returns the email summary; the PDF is at `target`. `since`: the earlier workshop File > Compare
    with… chose to report on (read from its file, never edited). `stopped`: the facilitator's Stop,
    asked as the PDF is laid out (workshop.report.ReportCancelledError then, and nothing written).
    """
    from workshop.analysis import analyse
    from workshop.report import export_pdf, summary_text

    analysis = analyse(snapshot)  # once: the PDF and the email summary say the same
    extra: dict[str, object] = {"since": since} if since is not None else {}  # only when given: fakes in tests
    if stopped is not None:
        extra["cancelled"] = stopped
    export_pdf(snapshot, target, analysis=analysis, **extra)
    return summary_text(snapshot, analysis=analysis)


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


class ReportExporter(QObject):
    """Owns the export flow for one window."""

    exported = Signal(str)
    """Path of the PDF just written."""

    def __init__(self, document: Document, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._parent = parent
        self._progress: QProgressDialog | None = None
        self._job: Future[str] | None = None
        self._job_title = ""
        self._job_target = Path()
        self._stop = threading.Event()
        """Set by the progress dialog's Stop: the report thread sees it at its next flowable."""
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_job)
        self.last_pdf: Path | None = None
        self.last_summary = ""
        self._last_title = ""
        self._edits = 0
        """Changes made to the workshop so far: an export records it when it starts."""
        self._generation = 0
        """Workshops opened so far in this window: a report of an earlier one is never mailed."""
        self._started_at = (0, 0)
        self._exported_edits = 0
        """`_edits` when the last report's export started: any change since makes it outdated."""
        document.changed.connect(self._workshop_changed)
        document.reset.connect(self._forget_export)  # another workshop: its report was never made
        self.since: Workshop | None = None
        """The earlier workshop File > Compare with… chose to report on ("Since last time"), this session."""
        self.choose_path: Callable[[str], str] = self._ask_path
        """Replaced in tests; returns '' when the user cancels."""
        self.after_export: Callable[[Path], None] = self._offer_email

    def _ask_path(self, suggested: str) -> str:
        folder = (
            self._document.path.parent
            if self._document.path
            else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        )
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export alignment report"), str(folder / suggested), self.tr("PDF (*.pdf)")
        )
        return path

    @Slot()
    def export(self) -> None:
        if self._job is not None:
            return
        chosen = self.choose_path(suggested_file_name(self._document.workshop))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._started_at = (self._generation, self._edits)
        snapshot = self._document.workshop.snapshot()  # items shared: milliseconds, not a deep copy
        self._job_title = snapshot.meta.title
        self._job_target = target
        self._stop = stop = threading.Event()
        self._progress = QProgressDialog(self.tr("Building the alignment report…"), self.tr("Stop"), 0, 0, self._parent)
        self._progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self._progress.setValue(0)  # starts the clock: otherwise Qt shows a busy dialog after its default 4 s
        self._progress.setWindowTitle(self.tr("Export report"))
        self._progress.canceled.connect(self.stop)
        self._job = worker("report").submit(_build_report, snapshot, target, self.since, stop.is_set)
        self._poll.start()

    @Slot()
    def stop(self) -> None:
        """The facilitator's Stop: the report is abandoned within a page, and the file that was there
        before (if any) stays as it was."""
        if self._job is not None:
            self._stop.set()

    @Slot()
    def _check_job(self) -> None:
        job = self._job
        if job is None or not job.done():
            return
        error = job.exception()
        if isinstance(error, ReportCancelledError):
            self._close_progress()  # stopped as asked: nothing to say
        elif error is not None:  # any failure becomes a message, never a traceback
            self._on_failed(_reason(error))
        else:
            self._on_finished(str(self._job_target), job.result())

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        self._job = None
        self._poll.stop()

    def _on_finished(self, path: str, summary: str) -> None:
        title = self._job_title
        self._close_progress()
        generation, edits = self._started_at
        if generation != self._generation:  # another workshop was opened while this one's report was built
            self.inform(
                self.tr("Export report"),
                self.tr("The report of the previous workshop was saved as\n{0}").format(path),
            )
            return
        self.last_pdf = Path(path)
        self.last_summary = summary
        self._last_title = title
        self._exported_edits = edits  # an edit made while the report was built already outdates it
        self.exported.emit(path)
        if not self._stop.is_set():  # finished as Stop was pressed: kept, but no offer to mail it
            self.after_export(self.last_pdf)

    def _on_failed(self, reason: str) -> None:
        self._close_progress()
        self.inform(self.tr("Export report"), self.tr("The report could not be written.\n\n{0}").format(reason))

    def _workshop_changed(self, _change: object) -> None:
        self._edits += 1

    def _forget_export(self) -> None:
        """A new or opened workshop: never mail the previous one's report (another client's, maybe)."""
        self._generation += 1
        self.last_pdf = None
        self.last_summary = ""
        self._last_title = ""
        self.since = None  # compared with the workshop that was open, not this one

    def include_since(self, earlier: Workshop | None) -> None:
        """Reports exported from now on compare with `earlier` (read from its file, never edited)."""
        self.since = earlier

    def inform(self, title: str, text: str) -> None:
        """A plain-text message (paths and titles are user words, never markup); tests replace it."""
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    def _offer_email(self, pdf: Path) -> None:
        box = QMessageBox(self._parent)
        box.setWindowTitle(self.tr("Report exported"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("The alignment report was saved as\n{0}").format(pdf))
        email = box.addButton(self.tr("Email report"), QMessageBox.ButtonRole.AcceptRole)
        open_pdf = box.addButton(self.tr("Open report"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is email:
            self.email()
        elif box.clickedButton() is open_pdf:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))

    @Slot()
    def email(self) -> bool:
        """Open a draft with the PDF attached; fall back to the folder plus the summary on the clipboard.

        Returns True when a mail program took the draft.
        """
        if self.last_pdf is None or not self.last_pdf.exists():
            self.inform(self.tr("Email report"), self.tr("Export the report first."))
            return False
        if self._edits != self._exported_edits:
            self.inform(
                self.tr("Email report"),
                self.tr(
                    "The workshop has changed since the report was exported. Export it again, so everyone "
                    "gets what the room agreed."
                ),
            )
            return False
        from workshop.maildraft import participant_addresses, write_draft

        subject = self.tr("Alignment report: {0}").format(self._last_title)
        draft = self.last_pdf.with_suffix(".eml")
        try:
            to = participant_addresses(self._document.workshop.meta)  # unchanged since the export (checked above)
            write_draft(draft, subject, self.last_summary, self.last_pdf, to)
            opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft)))
        except OSError:
            opened = False
        if opened:
            return True
        QGuiApplication.clipboard().setText(self.last_summary)
        folder_opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf.parent)))
        where = self.tr("The folder is open.") if folder_opened else self.tr("Open that folder in your file manager.")
        draft_line = self.tr("The draft email: {0}").format(draft.name) if draft.exists() else ""
        self.inform(
            self.tr("Email report"),
            self.tr(
                "No mail program opened the draft. The summary is on the clipboard: start an email, paste "
                "the summary and attach the report.\n\nFolder: {0}\nThe report: {1}\n{2}\n\n{3}"
            ).format(self.last_pdf.parent, self.last_pdf.name, draft_line, where),
        )
        return False
