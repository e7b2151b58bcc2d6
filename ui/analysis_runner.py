"""Keeps the alignment analysis up to date without stalling typing.

The analysis walks the whole goal graph, so it runs after a short pause, once for a burst of
edits, and only for structural changes (moving cards cannot change a finding). The board, the
Findings panel and the status bar follow `analysed` rather than calling the analysis themselves.
Two others analyse on their own, on purpose: the report export analyses the snapshot it prints (so
the PDF and the email agree even if the room edits meanwhile), and the guide's review step analyses
when it is shown and the model changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ui.document import Document
from ui.pacing import next_turn
from workshop.changes import Change
from workshop.findings import Analysis
from workshop.model import Workshop

log = logging.getLogger(__name__)

Analyser = Callable[[Workshop], Analysis]


def _default_analyser() -> Analyser:
    """The domain analysis, imported on first use, so that start-up does not pay for it.

    No fallback: a missing analysis is a broken install, and the error says so where it happens.
    """
    from workshop.analysis import analyse

    return analyse


class AnalysisRunner(QObject):
    """Runs `analyse` a moment after the last structural change; `latest` holds the last result."""

    analysed = Signal(object)
    """The fresh `Analysis`."""
    failed = Signal(str)
    """The analysis raised: a sentence for the status bar (the board keeps its last result)."""

    def __init__(
        self, document: Document, delay_ms: int = 150, analyser: Analyser | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent or document)
        self._document = document
        self._analyser = analyser
        self.latest: Analysis | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._pause_over)
        self.wait_while: Callable[[], bool] = lambda: False
        """While this says so (a big board still being built in slices), a due run waits another pause:
        run on top of a slice, the two froze the window twice as long as either."""
        document.changed.connect(self._on_changed)
        document.reset.connect(self._workshop_replaced)

    def _get_analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = _default_analyser()
        return self._analyser

    def _on_changed(self, change: Change) -> None:
        if change.structural():
            self.schedule()

    def _workshop_replaced(self) -> None:
        """Another workshop is open: a result for the last one, still waiting for its turn to be shown,
        must not reach views that already show this one (its ids would mark nothing, or the wrong cards)."""
        self.latest = None
        self.schedule()

    def schedule(self) -> None:
        """(Re)start the pause: a burst of keystrokes gives one run, after the last one."""
        if not self._stopped:
            self._timer.start()

    @property
    def scheduled(self) -> bool:
        """A run is waiting for the pause after an edit to end."""
        return self._timer.isActive()

    def stop(self) -> None:
        """No further run: the window closed (a closed window must not analyse a workshop nobody sees)."""
        self._timer.stop()
        self._stopped = True

    def set_delay(self, delay_ms: int) -> None:
        """The pause after the last change before a run (tests shorten it to meet a slice)."""
        self._timer.setInterval(delay_ms)

    def set_analyser(self, analyser: Analyser) -> None:
        """Use another analysis (tests, a future faster one); takes effect at the next run."""
        self._analyser = analyser

    def _pause_over(self) -> None:
        if self.wait_while():
            self._timer.start()
            return
        result = self._analyse()
        if result is not None:
            # the views follow in a turn of their own: at 2,000 goals the analysis (~20 ms) and the
            # board, findings and status bar taking it (~25 ms) froze the window as one block
            next_turn(self, lambda: self._publish(result))

    def run_now(self) -> Analysis | None:
        """Analyse now and tell the views at once (a caller that reads them next)."""
        result = self._analyse()
        if result is not None:
            self._publish(result)
        return result

    def _analyse(self) -> Analysis | None:
        self._timer.stop()
        analyser = self._get_analyser()
        try:
            result = analyser(self._document.workshop)
        except Exception as error:  # an analysis bug must never take the workshop down with it
            log.exception("analysis failed")
            self.failed.emit(self.tr("The alignment check failed: %s") % error)
            return None
        self.latest = result
        return result

    def _publish(self, result: Analysis) -> None:
        if result is self.latest and not self._stopped:  # not overtaken by a newer run meanwhile
            self.analysed.emit(result)
