"""Switching to projector mode while Tidy's cards still glide, then deleting a card, must not crash.

Every link restyles on a theme switch; its bounding rect changed before the scene was told, so
the scene's index kept a stale entry and the next paint after a removal read a freed item: the
whole app died in front of the room (segfault, 3 runs out of 3). Run in a subprocess so a crash
fails this test instead of ending the test run.
"""

import subprocess
import sys

SCRIPT = r"""
import os, sys, tempfile
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
scratch = tempfile.mkdtemp()
os.environ["VIA_DATA_DIR"] = scratch
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from ui.app import ensure_app
from ui.document import Document
from ui.main_window import MainWindow
from workshop import ops
from workshop.examples import customer_loyalty

ensure_app()
settings = QSettings(os.path.join(scratch, "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(Document(customer_loyalty()), settings=settings)
window.resize(1400, 900)
window.show()
QTest.qWaitForWindowExposed(window)
document, board = window.document, window.board
document.run(ops.move_cards, {cid: (p.x + 37, p.y) for cid, p in document.workshop.positions.items()})
board.setFocus()
QTest.keyClick(board, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Tidy: the cards glide
window.set_projector(True)  # while they glide
board.select_ids(["g-loyalty"])
QTest.keyClick(board, Qt.Key.Key_Delete)
QTest.qWait(400)  # the glide ends and the board repaints
window.set_projector(False)
QTest.qWait(100)
assert "g-loyalty" not in {g.id for g in document.workshop.goals}
print("survived")
"""


def test_theme_switch_during_tidy_then_delete_does_not_crash() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "survived" in result.stdout
