"""Work that would freeze the window runs on a plain Python thread that never touches Qt.

Only pure-Python work on private data goes there (reading a file, drawing a PDF). No Qt object is
created, emitted from or freed on those threads: PySide wrappers crossing threads have crashed Via
(a segfault in the garbage collector while a QRunnable emitted signals). The GUI thread looks at the
`Future` instead, either by polling it from a timer (an export the user keeps working beside) or by
waiting in a local event loop that keeps painting but takes no input (opening a file, which the
caller needs before it can go on).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QEventLoop, QTimer

P = ParamSpec("P")
T = TypeVar("T")

WAIT_POLL_MS = 5
"""How often a waiting window looks at the thread's result: the heartbeat of a 200 Hz screen."""
SWITCH_SECONDS = 0.001
"""How long a thread may hold Python's interpreter lock while another waits for it (Python's default:
5 ms). The GUI thread asks for the lock at every timer, paint and slot; behind a report thread each
ask waited up to 5 ms, and a report export blocked the window 37-47 ms at a time at 2,000 goals.
At 1 ms: 20-23 ms (benchmarks/bench_responsive.py). With one thread running it changes nothing."""

_threads: dict[str, ThreadPoolExecutor] = {}


def worker(name: str) -> ThreadPoolExecutor:
    """One thread per kind of work, made on first use (never at start-up).

    Separate threads, so opening a file never queues behind a long report export. Python joins them
    at exit: quitting while a PDF is drawn still leaves a whole file.
    """
    pool = _threads.get(name)
    if pool is None:
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_SECONDS))
        pool = _threads[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"via-{name}")
    return pool


def run_while_painting(name: str, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`work(*args)` on the `name` thread; returns its result or raises its exception.

    Meanwhile the window repaints and its timers run, but no key or click is taken: the user cannot
    start another edit on a workshop about to be replaced. Blocks of the GUI thread are then only
    what the work itself holds Python's interpreter lock for without a break.
    """
    future: Future[T] = worker(name).submit(work, *args, **kwargs)
    if not future.done():
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(WAIT_POLL_MS)
        poll.timeout.connect(lambda: future.done() and loop.quit())
        poll.start()
        if not future.done():  # it may have finished while the timer was set up
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        poll.stop()
    return future.result()
