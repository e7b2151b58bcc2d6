"""Quitting Via from its File menu ends the process cleanly: exit status 0, never a crash at exit.

A Qt object that outlives the interpreter (one handed to a C++ owner that Qt destroys only in the C exit
handlers, after Python has gone) kills the process with a segmentation fault (status 139, or -11 from
subprocess) once everything else has finished. That only shows in a process of its own, so the real start-up
(`via FILE`, through ui.launcher) runs in a subprocess, uses the board and the clipboard as a facilitator
would, and quits through File > Quit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop import examples, storage

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os
    import sys

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui import launcher
    from ui.app import ensure_app
    from ui.main_window import MainWindow


    def window() -> MainWindow:
        return next(w for w in ensure_app().topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())


    def use_the_board() -> None:
        shown = [w for w in ensure_app().topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not shown or shown[0].document.path is None:  # the file is still being read beside the window
            QTimer.singleShot(50, use_the_board)
            return
        board = window().board
        editor = board.board_scene.start_edit("g-loyalty")
        editor.select_all()
        QTest.keyClick(board.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy the card's text
        QTest.keyClick(board.viewport(), Qt.Key.Key_Escape)
        board.tidy()  # quit while the cards are still moving
        QTimer.singleShot(50, quit_from_the_menu)


    def quit_from_the_menu() -> None:
        menu = next(a.menu() for a in window().menuBar().actions() if a.text().replace("&", "") == "File")
        quit_action = next(a for a in menu.actions() if a.text().replace("&", "") == "Quit")
        print("QUIT", flush=True)
        QTimer.singleShot(100, do_not_save)  # the tidy changed the workshop: Via asks first
        quit_action.trigger()


    def do_not_save() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                box.button(QMessageBox.StandardButton.Discard).click()
                return
        QTimer.singleShot(100, do_not_save)


    def never_quit() -> None:
        print("the window did not close", file=sys.stderr, flush=True)
        os._exit(3)


    ensure_app()
    QTimer.singleShot(300, use_the_board)
    QTimer.singleShot(30_000, never_quit)
    sys.exit(launcher.main(sys.argv[1:]))
    """
)


@pytest.mark.slow
def test_quitting_from_the_file_menu_exits_with_status_0(tmp_path) -> None:
    demo = tmp_path / "demo.via"
    storage.save(examples.build("customer-loyalty"), demo)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        VIA_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", CHILD, str(demo)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "QUIT" in result.stdout, f"the window never reached the quit: {result.stderr}"
    assert result.returncode == 0, f"exit status {result.returncode}; stderr:\n{result.stderr}"
