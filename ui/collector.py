"""Python's cycle collector runs between Qt's events, never inside one.

Left automatic, the collector runs wherever an allocation crosses its threshold: in an event filter's
Python code, say. If the garbage it finds holds a widget tree (a panel dropped while a bound method
of it, kept by one of its own children, closes a cycle), Qt deletes that tree while it is still
delivering an event to one of its widgets, and the process dies: a use-after-free in
`sendThroughObjectEventFilters` (seen as a segmentation fault in 2 of 17 runs of `pytest -k room`,
and whenever a panel with a paced list and a toned list was dropped and its cycle was collected
next). So automatic collection is switched off and a timer on the GUI thread runs it, with the same
generation thresholds, from the event loop: nothing of Qt is half-way through an event then.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200
"""How often the timer looks at the collector's counts: cycles live at most this long past their time."""


class CycleCollector(QObject):
    """Owns the collection of reference cycles for the process while it lives (one per application)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> None:
        """Collect the generations whose counts are past their thresholds, as automatic collection would."""
        first, second, third = self._thresholds
        young, middle, old = gc.get_count()
        if young <= first:
            return
        gc.collect(0)
        if middle >= second:
            gc.collect(1)
            if old >= third:
                gc.collect(2)


def install(app: QObject) -> CycleCollector:
    """Collect cycles from `app`'s event loop from now on (idempotent: one collector per application)."""
    existing = app.findChild(CycleCollector)
    return existing if existing is not None else CycleCollector(app)
