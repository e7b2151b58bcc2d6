"""How far a big board's build has come, for the status bar, once it takes long enough to wonder.

Opening a 5,000-goal workshop draws its board in slices for about a second (ui.canvas.scene); the
window stays responsive, but the board area shows nothing new meanwhile. Past half a second the
status bar says how far it has come, and that it is done, so nobody thinks the file opened empty.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

PROGRESS_AFTER_S = 0.5
"""A build shorter than this says nothing (2,000 goals: ~0.35 s)."""
GOALS_PER_STEP = 100
"""The board's build yields once per this many goals and again per this many links (`_rebuild_steps`)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("BoardScene", text)


class BuildProgress:
    """Counts a sliced build's steps against an estimate of all of them."""

    def __init__(self, goals: int, links: int, clock: Callable[[], float] = time.perf_counter) -> None:
        self._total = goals // GOALS_PER_STEP + links // GOALS_PER_STEP + 3  # + the KPIs, placing, suggestions
        self._cards = goals
        self._links = links
        self._clock = clock
        self._started = clock()
        self.done = 0
        self.shown = False
        """Whether a progress message was given (then the end is said too)."""

    def step(self) -> None:
        self.done += 1

    def message(self) -> str | None:
        """What to tell the room now, or None while the build is still short."""
        if self._clock() - self._started < PROGRESS_AFTER_S:
            return None
        self.shown = True
        percent = min(99, self.done * 100 // max(1, self._total))
        return _tr("Drawing the board… %1%").replace("%1", str(percent))

    def finished(self) -> str | None:
        """What to say at the end: only if progress was shown."""
        if not self.shown:
            return None
        return (
            _tr("The board is drawn: %1 goals, %2 links.")
            .replace("%1", f"{self._cards:,}")
            .replace("%2", f"{self._links:,}")
        )
