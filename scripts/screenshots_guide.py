"""Save a PNG of every guide step on the demo workshop, in the real main window, at the desk and in
projector mode (the slim strip beside the board).

Usage: python scripts/screenshots_guide.py OUT_DIR

Run it on a real (virtual) screen with a window manager for pictures the room would see:
`scripts/screenshots_xvfb.sh OUT_DIR 1024x768` runs it under Xvfb + openbox. Without a display it
falls back to Qt's offscreen screen (800x800). For each picture it prints the board's share of the
window's width and whether the guide had to scroll. Look at the pictures as the back row would:
that is what they are for.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let delayed layouts run (a list re-wraps its entries 100 ms after a resize; full screen lands late)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, window, name: Path) -> None:
    """The whole screen on a real display (what the beamer shows), else the window's own picture."""
    screen = window.screen()
    picture = screen.grabWindow(0) if QApplication.platformName() == "xcb" else window.grab()
    picture.save(str(name))
    panel = window.guide_panel
    scrolls = panel.scroll.verticalScrollBar().isVisible()
    share = window.board.width() / max(1, window.width())
    print(f"{name}  board {window.board.width()}/{window.width()} px = {share:.0%}  guide scrolls: {scrolls}")


def walk(app: QApplication, window, out: Path, mode: str) -> None:
    panel = window.guide_panel
    window.guide_dock.show()
    window.guide_dock.raise_()
    settle(app, 1.0)
    for index, step in enumerate(panel.steps()):
        panel.go_to(index, take_focus=True)
        settle(app)
        shoot(app, window, out / f"guide_{mode}_{index + 1:02d}_{step.key.replace(':', '_')}.png")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: screenshots_guide.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])

    from ui import theme
    from ui.document import Document
    from ui.main_window import MainWindow
    from workshop import user_ops
    from workshop.examples import customer_loyalty

    theme.apply_app_defaults(app)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    document = Document(customer_loyalty())
    window = MainWindow(document, settings=settings)
    window.showMaximized()
    settle(app, 1.5)
    walk(app, window, out, "desk")

    window.set_projector(True)
    settle(app, 1.5)
    walk(app, window, out, "projector")

    panel = window.guide_panel
    # Question 2 with two internal customers: the strip shows one at a time, with a choice of which.
    document.run(user_ops.add_relation, "f-it", "f-service")
    panel.go_to("question:f-it:2", take_focus=True)
    settle(app)
    shoot(app, window, out / "guide_projector_two_customers_question_2.png")
    document.undo_stack.undo()
    # The round's time is up: the board's overlay says so, the strip keeps its controls.
    panel.go_to("question:f-it:1")
    now = [time.monotonic()]
    panel.timer.set_clock(lambda: now[0])  # show the end-of-time look without waiting a minute
    panel.timer.minutes.setValue(1)
    panel.timer.start()
    now[0] += 61
    panel.timer.tick()
    settle(app)
    shoot(app, window, out / "guide_projector_timer_ended.png")
    window.set_projector(False)
    document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
