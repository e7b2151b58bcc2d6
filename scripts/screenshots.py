"""Screenshots of the main window with the demo workshop, in normal and projector mode.

    python scripts/screenshots.py OUT_DIR

Writes window-{normal,projector}-{1920x1080,1024x768}.png, and window-projector-guide-*.png
(projector mode with the guide shown, as F9 does). Works offscreen
(QT_QPA_PLATFORM=offscreen, the default here when no display is set) and under
`xvfb-run -s "-screen 0 1920x1080x24"`. Projector mode is shown at each size as a window of that
size (a real projector mode fills the screen, which an offscreen or Xvfb screen cannot vary).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZES = ((1920, 1080), (1024, 768))
REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "resources" / "examples" / "customer-loyalty.via"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="via-shots-")
    os.environ["VIA_DATA_DIR"] = scratch  # never touch the user's recovery folder

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.app import ensure_app
    from ui.document import Document
    from ui.main_window import MainWindow
    from workshop import storage
    from workshop.examples import customer_loyalty

    ensure_app()
    try:
        workshop = storage.load(DEMO)
    except storage.LoadError as error:
        print(f"demo file unreadable ({error}); using the built-in demo", file=sys.stderr)
        workshop = customer_loyalty()
    settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(workshop, DEMO), settings=settings)
    window.show()

    def settle(width: int, height: int, fit: bool = True) -> None:
        """Wait for the (possibly asynchronous, under X11) resize, then fit the board (unless the
        guide is open: its step frames the cards it is about, as the room would see it)."""
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline and (window.width(), window.height()) != (width, height):
            QTest.qWait(50)
        QTest.qWait(100)
        if fit:
            window.board.fit_all()
        QTest.qWait(100)

    window.runner.run_now()
    supported = [g.id for g in workshop.goals if g.function_id and workshop.band_of(g).value == "support"]
    window.board.select_ids(supported[:1], False)  # the properties panel shows a real goal
    for projector in (False, True):
        for width, height in SIZES:
            window.set_projector(projector)
            if window.isFullScreen():
                window.showNormal()
            window.resize(width, height)
            settle(width, height)
            name = f"window-{'projector' if projector else 'normal'}-{width}x{height}.png"
            path = out / name
            if not window.grab().save(str(path)):
                print(f"could not write {path}", file=sys.stderr)
                return 1
            print(path)
            if projector and window.guide_dock is not None:
                window.guide_dock.show()  # what F9 shows the room while working through the guide
                settle(width, height, fit=False)
                path = out / f"window-projector-guide-{width}x{height}.png"
                if not window.grab().save(str(path)):
                    print(f"could not write {path}", file=sys.stderr)
                    return 1
                print(path)
                window.guide_dock.hide()
    window.set_projector(False)
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv[1:]))
