"""Tidy on a big board, worked out between the window's own events: it never freezes the window.

`workshop.layout.tidy_steps` does the layout in small steps (a sweep, part of a layer sifted, a
placement pass). This runs them from a zero-delay timer, ~12 ms at a time, on a snapshot of the
workshop, and says how far it got. The layout is of the workshop as it was when Tidy was asked for,
so any change meanwhile (an edit, an undo, a participant's suggestion, another file) stops it: the
result would put cards where nobody asked. Esc stops it too. Nothing is recorded until it is done;
then the view records the moves as one undo step, like a Tidy worked out at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator

from PySide6.QtCore import QObject, QTimer, Signal

from ui.document import Document
from workshop import layout

log = logging.getLogger(__name__)

SLICE_MS = 12.0
"""Layout work per turn of the event loop; the window repaints and answers keys in between."""


class TidyJob(QObject):
    progress = Signal(int)
    """Percent done."""
    finished = Signal(object)
    """The layout (card id -> top-left) of the workshop as it was when the job started."""
    stopped = Signal(str)
    """Why the job ended without a layout: 'cancelled', 'changed' or 'failed'."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._steps: Generator[float, None, dict[str, tuple[float, float]]] | None = None
        self._done: dict[str, tuple[float, float]] | None = None
        """The layout worked out, handed over at the next turn of the event loop (see `_work`)."""
        self._percent = -1
        document.changed.connect(self._model_moved_on)
        document.reset.connect(self._model_moved_on)

    def running(self) -> bool:
        return self._steps is not None or self._done is not None

    def start(self) -> None:
        """Start laying out the workshop as it is now; `finished` or `stopped` follows."""
        self._steps = layout.tidy_steps(layout.snapshot(self._document.workshop))
        self._percent = -1
        QTimer.singleShot(0, self, self._work)

    def cancel(self) -> bool:
        """Stop (Esc); True when there was something to stop."""
        return self._stop("cancelled")

    def _model_moved_on(self, *_args: object) -> None:
        self._stop("changed")

    def _stop(self, why: str) -> bool:
        if self._steps is None and self._done is None:
            return False
        steps, self._steps, self._done = self._steps, None, None
        if steps is not None:
            steps.close()
        self.stopped.emit(why)
        return True

    def _work(self) -> None:
        steps = self._steps
        if steps is None:
            return
        deadline = time.perf_counter() + SLICE_MS / 1000
        share = 0.0
        try:
            while time.perf_counter() < deadline:
                share = next(steps)
        except StopIteration as finished:
            # Recording the moves is a slice of its own: after the last layout step (the fold into
            # shelves, ~10 ms at 2,000 cards) the two together froze the window past 50 ms.
            self._steps = None
            self._done = finished.value
            QTimer.singleShot(0, self, self._hand_over)
            return
        except Exception:  # a layout bug must not lose the workshop: say so, keep the board as it is
            log.exception("Tidy failed")
            self._steps = None
            self.stopped.emit("failed")
            return
        percent = int(share * 100)
        if percent != self._percent:
            self._percent = percent
            self.progress.emit(percent)
        QTimer.singleShot(0, self, self._work)

    def _hand_over(self) -> None:
        done, self._done = self._done, None
        if done is not None:  # not stopped meanwhile (an edit, Esc)
            self.finished.emit(done)
