"""Pausing Python's cyclic garbage collector around work that allocates a lot and makes no cycles.

Loading a file, analysing a workshop and building the board each create tens of thousands of small
objects that reference counting alone frees. Left on, the cyclic collector sets itself off again
and again meanwhile and walks the whole heap each time: about a third of those operations' time at
5,000 goals (benchmarks/bench_storage.py, bench_analysis.py, bench_canvas.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Switches the cyclic collector off for the block and back on afterwards, only if it was on
    (nested pauses, or a caller that turned it off itself, keep it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
