"""The guide on a 2,000-goal workshop, in the real main window: question 2 of the support function with
the most internal customers, as it opens (its first boxes), once every box is built, scrolled to the
last box, and in projector mode (board alone, then the slim strip). The boxes are built a few per
turn (issue 16): look that the first picture is a sensible start, and the later ones the whole step.

Usage: python scripts/screenshots_guide_big.py OUT_DIR [GOALS]
On a real (virtual) screen: scripts/screenshots_guide_big.sh OUT_DIR [WIDTHxHEIGHT ...].
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots_guide import settle, shoot


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: screenshots_guide_big.py OUT_DIR [GOALS]", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    goals = int(argv[2]) if len(argv) == 3 else 2000
    app = QApplication.instance() or QApplication([])

    from ui import theme
    from ui.document import Document
    from ui.main_window import MainWindow
    from workshop.layout import tidy
    from workshop.model import Position
    from workshop.synthetic import generate

    theme.apply_app_defaults(app)
    ws = generate(goals)
    ws.positions = {card: Position(x=x, y=y) for card, (x, y) in tidy(ws).items()}
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    document = Document(ws)
    window = MainWindow(document, settings=settings)
    window.showMaximized()
    settle(app, 2.0)
    window.guide_dock.show()
    window.guide_dock.raise_()
    busiest = max((f.id for f in ws.support_functions()), key=lambda f: len(ws.relations_of(f)))
    print(f"{busiest}: {len(ws.relations_of(busiest))} internal customers")
    panel = window.guide_panel
    panel.go_to(f"question:{busiest}:2", take_focus=True)
    app.processEvents()  # one turn: the step as it opens
    shoot(app, window, out / "guide_big_1_opened.png")
    settle(app, 1.5)
    shoot(app, window, out / "guide_big_2_built.png")
    bar = panel.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle(app, 0.5)
    shoot(app, window, out / "guide_big_3_last_box.png")
    window.set_projector(True)
    settle(app, 2.0)
    shoot(app, window, out / "guide_big_4_projector.png")
    window.guide_dock.show()  # F9: the room works through the guide's slim strip
    settle(app, 1.5)
    shoot(app, window, out / "guide_big_5_projector_strip.png")
    window.set_projector(False)
    document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
