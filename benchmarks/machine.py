"""How fast this machine runs plain Python right now, printed beside every timing.

Shared cloud machines change speed by up to 2x from one minute to the next (a neighbour's load, a
throttled core): this loop took from 5.2 to 9.4 ms best within one minute on the 2-core VM of
2026-11-23. A timing only means something next to this figure, taken in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

REFERENCE_LOOP = 200_000


def pace(runs: int = 15) -> str:
    """One line: best and median time (ms) of a fixed pure-Python loop, the yardstick for the rest."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        total = 0
        for value in range(REFERENCE_LOOP):
            total += value
        times.append((time.perf_counter() - start) * 1000)
    return (
        f"machine pace: a {REFERENCE_LOOP:,}-step Python loop takes {min(times):.1f} ms best, "
        f"{statistics.median(times):.1f} ms median (lower is faster; 5-10 ms on the 2-core development VM)"
    )


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) wall time of `fn` in ms over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def fmt(t: tuple[float, float]) -> str:
    """A `timed` result as "best / median"."""
    return f"{t[0]:7.1f} / {t[1]:7.1f}"
