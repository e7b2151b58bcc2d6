"""Pausing Python's cyclic garbage collector around work that allocates a lot and makes no cycles.

Loading a file, analysing a workshop and building the board each create tens of thousands of small
objects that reference counting alone frees. Left on, the cyclic collector sets itself off again
and again meanwhile and walks the whole heap each time: about a third of those operations' time at
5,000 goals (benchmarks/bench_storage.py, bench_analysis.py, bench_canvas.py).
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_unfrozen_at_exit = False


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


def settle_long_lived() -> None:
    """Collect once, then move every object that survived into the collector's permanent generation.

    Call it when a big workshop has been opened and drawn: its models and the board's items live
    as long as it is open. Left in the collector's oldest generation, they are walked again by every
    full collection, which the next few thousand allocations set off at any moment: ~70 ms at 2,000
    and 5,000 goals, landing in the middle of Tidy, an undo or a keystroke. Frozen objects are still
    freed by reference counting, which frees the workshop's models and the board's items. What it
    does not free is a reference cycle among frozen objects: the next call unfreezes them into the
    oldest generation, which its young-generation collection does not walk, and freezes them again.
    Such cycles (a closed window's Qt wrappers, say) stay until the process ends: a bounded cost
    per opened workshop, traded for never pausing the room for a full collection. Only the young
    generations are collected here: a full collection would itself cost those ~70 ms (50-90 ms
    measured at 2,000-5,000 goals).
    """
    global _unfrozen_at_exit
    if not _unfrozen_at_exit:
        # Before the interpreter and PySide tear down: frozen objects are left out of the collections
        # that free what is left at exit, and a Qt wrapper freed after Qt itself crashed the process
        # once in a while as the test run ended (exit code 139 after every test passed).
        atexit.register(gc.unfreeze)
        _unfrozen_at_exit = True
    gc.unfreeze()
    gc.collect(1)
    gc.freeze()
