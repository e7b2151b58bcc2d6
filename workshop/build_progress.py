"""How far a big board's build has come, once it takes long enough to wonder.

Opening a 5,000-goal workshop draws its board in slices for about three quarters of a second
(ui.canvas.scene); the window stays responsive, but the board area shows nothing new meanwhile. Past
half a second the window shows how far the build has come (`BoardScene.buildProgress`), so nobody
thinks the file opened empty. Qt-free, so it lives here (tests/test_code_homes.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_AFTER_S = 0.5
"""A build shorter than this shows nothing (2,000 goals: ~0.35 s)."""
GOALS_PER_STEP = 100
"""The board's build yields once per this many goals and again per this many links (`_rebuild_steps`)."""


class BuildProgress:
    """Counts a sliced build's steps against an estimate of all of them."""

    def __init__(self, goals: int, links: int, clock: Callable[[], float] = time.perf_counter) -> None:
        self._total = goals // GOALS_PER_STEP + links // GOALS_PER_STEP + 3  # + the KPIs, placing, suggestions
        self._clock = clock
        self._started = clock()
        self.done = 0
        self.shown = False
        """Whether progress was shown (then its end must be said too)."""

    def step(self) -> None:
        self.done += 1

    def percent(self) -> int | None:
        """How far the build has come (0-99: the last step ends it), or None while it is still short."""
        if self._clock() - self._started < PROGRESS_AFTER_S:
            return None
        self.shown = True
        return min(99, self.done * 100 // max(1, self._total))
