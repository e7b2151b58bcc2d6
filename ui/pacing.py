"""Re-reading a long list (or the review's analysis) at most a few times a second while a room of
phones posts into it.

A short list (up to `SHORT_LIST` rows) is rebuilt at every change: that costs well under a
millisecond. A long one is rebuilt at once after a quiet spell, so a facilitator's own edit shows
straight away; requests that come within `gap` of the last rebuild are folded into one, run when
the gap is over. Without this the Suggestions panel rebuilt its whole list for every post and
vote: 100 phones at a person's pace kept the GUI thread busy ~12 ms per post, and answers to the
phones queued up for a second (benchmarks/bench_room.py, which runs the room from the whole window).
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic

from PySide6.QtCore import QObject, QTimer

TURN_MS = 1
"""The delay that makes a call a turn of the event loop of its own (see `next_turn`)."""


def next_turn(receiver: QObject, slot: Callable[[], object]) -> None:
    """Call `slot` in a later turn of the event loop, apart from the work that asks for it.

    A zero-delay single shot is a posted event, and Qt runs it straight after the timer or input
    handler that posted it: the two freeze the window as one block (at 2,000 goals the end of a sliced
    layout and the far sketch's reading made one 75-90 ms block). A timer, even of 1 ms, runs after
    the window's input, paint and other due timers. Gone with `receiver`, as Qt's single shot is."""
    QTimer.singleShot(TURN_MS, receiver, slot)


REBUILD_GAP = 0.25
"""Seconds between two rebuilds of a long list while requests keep coming."""
SHORT_LIST = 40
"""Rows up to which a list is rebuilt at every change (its cost grows with its rows)."""


class Pacer(QObject):
    def __init__(
        self,
        rebuild: Callable[[], None],
        rows: Callable[[], int] | None,
        parent: QObject,
        gap: float = REBUILD_GAP,
    ) -> None:
        """`rows` counts what a rebuild walks (None: always worth pacing, e.g. a whole analysis)."""
        super().__init__(parent)
        self._rebuild = rebuild
        self._rows = rows
        self._gap = gap
        self._last = float("-inf")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)

    def request(self) -> None:
        """Rebuild now if the list is short or has been quiet for a gap, else once when the gap is over."""
        if self._timer.isActive():
            return
        wait = self._last + self._gap - monotonic()
        if wait <= 0 or (self._rows is not None and self._rows() <= SHORT_LIST):
            self._run()
        else:
            self._timer.start(max(1, round(wait * 1000)))

    def flush(self) -> None:
        """Run a folded-in rebuild now, before reading the list (selecting what was just made)."""
        if self._timer.isActive():
            self._run()

    def run_now(self) -> None:
        """Rebuild at once (a reset, or the user changing the list's order or filter)."""
        self._run()

    @property
    def waiting(self) -> bool:
        """A rebuild is folded in and has not run yet."""
        return self._timer.isActive()

    def _run(self) -> None:
        self._timer.stop()
        self._last = monotonic()
        self._rebuild()
