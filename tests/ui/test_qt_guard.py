"""Guard against the PySide6 6.12.0 + CPython 3.11 pair that aborts after a few thousand void calls.

pyproject.toml's environment markers keep installs off that pair; this test proves the installed
pair survives the calls a long workshop day makes (every card move is a setPos), in a subprocess so
an abort fails the test instead of killing the test run.
"""

import subprocess
import sys

SCRIPT = r"""
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QGraphicsRectItem
from PySide6.QtGui import QPen
app = QApplication([])
item = QGraphicsRectItem(0, 0, 10, 10)
pen = QPen()
for i in range(20_000):
    item.setPos(i % 100, i % 57)
    item.setPen(pen)
print("survived")
"""


def test_void_qt_calls_do_not_abort_the_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_installed_pyside_is_not_the_broken_pair() -> None:
    import PySide6

    major_minor = tuple(int(p) for p in PySide6.__version__.split(".")[:3])
    assert not (sys.version_info[:2] == (3, 11) and major_minor == (6, 12, 0))
