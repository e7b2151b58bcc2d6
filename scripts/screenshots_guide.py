"""Save a PNG of every guide step on the demo workshop, in projector mode at 1920x1080.

Usage: python scripts/screenshots_guide.py OUT_DIR

The panel sits beside the board when the board exists (as it does in the main window), otherwise
it is shown alone. Look at the pictures as the back row would: that is what they are for.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let delayed layouts run (a list re-wraps its entries 100 ms after a resize)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: screenshots_guide.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])

    from ui.document import Document
    from ui.guide.panel import GuidePanel
    from workshop.examples import customer_loyalty

    document = Document(customer_loyalty())
    window = QWidget()
    window.setWindowTitle("Via guide")
    layout = QHBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    panel = GuidePanel(document)
    board = None
    try:
        from ui.canvas.view import BoardView
    except ImportError:
        print("no BoardView yet: the panel is shown beside an empty area of the board's size")
        from PySide6.QtWidgets import QLabel

        placeholder = QLabel("(board)")
        placeholder.setStyleSheet("background: #E8E8E8; color: #888; font-size: 30pt;")
        layout.addWidget(placeholder, 3)
    else:
        board = BoardView(document)
        board.set_projector(True)
        panel.focusRequested.connect(lambda ids: board.set_focus_ids(ids or None))
        layout.addWidget(board, 2)
    layout.addWidget(panel, 1)  # about the third of the screen the window gives the guide in projector mode
    panel.set_projector(True)
    window.resize(1920, 1080)
    window.show()
    settle(app)
    if board is not None:
        board.fit_all()
    for index, step in enumerate(panel.steps()):
        panel.go_to(index, take_focus=True)
        settle(app)
        name = out / f"guide_{index + 1:02d}_{step.key.replace(':', '_')}.png"
        window.grab().save(str(name))
        print(name)
    window.resize(1024, 768)  # a small beamer: the guide goes narrow (timer on two rows, smaller type)
    layout.setStretch(0, 3)  # and takes four tenths, as the main window gives it (SMALL_SCREEN_GUIDE_SHARE)
    layout.setStretch(1, 2)
    for key in ("strategy", "question:f-it:3", "tensions", "export"):
        panel.go_to(key, take_focus=True)
        settle(app)
        name = out / f"guide_1024x768_{key.replace(':', '_')}.png"
        window.grab().save(str(name))
        print(name)
    window.resize(1920, 1080)
    layout.setStretch(0, 2)
    layout.setStretch(1, 1)
    from workshop import ops

    # Question 2 with a support function as a customer: no trace row, a hint where it would be.
    document.run(ops.add_relation, "f-procurement", "f-it")
    document.run(ops.add_relation, "f-procurement", "f-sales")
    panel.go_to("question:f-procurement:2", take_focus=True)
    settle(app)
    name = out / "guide_support_customer_question_2.png"
    window.grab().save(str(name))
    print(name)
    document.undo_stack.undo()
    document.undo_stack.undo()
    panel.go_to("question:f-it:1")
    now = [time.monotonic()]
    panel.timer.set_clock(lambda: now[0])  # show the end-of-time look without waiting a minute
    panel.timer.minutes.setValue(1)
    panel.timer.start()
    now[0] += 61
    panel.timer.tick()
    app.processEvents()
    name = out / "guide_timer_ended.png"
    window.grab().save(str(name))
    print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
