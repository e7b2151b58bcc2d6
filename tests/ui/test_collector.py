"""Reference cycles are collected between Qt's events, never inside one (ui/collector.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

from PySide6.QtCore import QObject

ROOT = Path(__file__).resolve().parents[2]

DROPPED_PANELS = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui import collector
if sys.argv[1] == "collector":
    collector.install(app)
from ui.document import Document
from ui.panels.disclosures import DisclosuresPanel
from workshop.examples import customer_loyalty
document = Document(customer_loyalty())
for _ in range(5):
    panel = DisclosuresPanel(document)  # a cycle: its pacer keeps a bound method of the panel
    del panel
    app.processEvents()
print("still running")
"""


def _run(mode: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", DROPPED_PANELS, mode], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )


def test_dropping_panels_while_qt_delivers_their_events_does_not_kill_the_app():
    """Collected inside an event filter's Python code, a dropped panel's widgets were deleted while Qt
    was still delivering them an event: a segmentation fault (the collector's own switch shows it)."""
    assert _run("automatic").returncode != 0  # the hazard this guards against is real on this Qt
    guarded = _run("collector")
    assert guarded.returncode == 0, guarded.stderr[-2000:]
    assert "still running" in guarded.stdout


def test_cycles_are_still_collected_from_the_event_loop(qtbot):
    assert not gc.isenabled()  # installed for the tests as ui.app installs it for the window

    class Node(QObject):
        pass

    node = Node()
    node.itself = node  # a cycle: reference counting alone never frees it
    gone = weakref.ref(node)
    del node
    young: list[list[int]] = []

    def collected() -> bool:
        # Keep the young generation past its threshold while waiting: objects freed by the event loop
        # meanwhile (a previous test's widgets deleted later) count down the collector's count, and one
        # batch of allocations before the wait was sometimes cancelled out (a CI run timed out).
        young.extend([] for _ in range(gc.get_threshold()[0] + 1))
        return gone() is None

    qtbot.waitUntil(collected, timeout=3000)
    young.clear()
