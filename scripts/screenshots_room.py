"""Screenshots of the room: the participants' page on a phone, and the join strip on the projector.

    python scripts/screenshots_room.py OUT_DIR

Writes room-phone-390x844.png (the first screen), room-phone-full.png (the whole page) and
room-projector-{1024x768,1920x1080}.png (the board in projector mode with the join strip). The room is
served on 127.0.0.1 only (the test-only loopback switch), with the demo workshop and a few posts.
Needs Debian's chromium at /usr/bin/chromium for the phone; Qt runs offscreen when no display is set.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def _with_posts():
    from workshop import examples, user_ops

    ws = examples.customer_loyalty()
    sales = next(f.id for f in ws.functions if f.name == "Sales")
    it = next(f.id for f in ws.functions if f.name == "IT")
    a = user_ops.suggest_goal_as(ws, "Quotes out within a working day", sales, participant="phone-aaaa1", author="Mia")
    user_ops.vote_as(ws, a.created_id, "phone-bbbb2")
    user_ops.vote_as(ws, a.created_id, "phone-cccc3")
    user_ops.suggest_goal_as(ws, "<b>Fewer</b> handovers between teams 🚀", None, participant="phone-dddd4")
    user_ops.disclose(ws, "weakness", "The CRM sync built for the last big deal breaks under load", it)
    user_ops.disclose(ws, "gaming_kpi", "Support is paid on tickets closed, so hard tickets wait", None)
    return ws


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="via-room-shots-")
    os.environ["VIA_DATA_DIR"] = scratch

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from ui.app import ensure_app
    from ui.document import Document
    from ui.main_window import MainWindow

    ensure_app()
    settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Document(_with_posts()), settings=settings)
    window.show()
    if not (window.room.open("127.0.0.1", port=0, allow_loopback_for_tests=True) and window.room.wait_open()):
        print("the room did not open", file=sys.stderr)
        return 1
    url = window.room.url

    done = threading.Event()
    problems: list[str] = []

    def phone() -> None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
                page.goto(url)
                page.locator("#tree-body h4").first.wait_for(timeout=10_000)
                page.screenshot(path=str(out / "room-phone-390x844.png"))
                page.screenshot(path=str(out / "room-phone-full.png"), full_page=True)
                browser.close()
        except Exception as error:  # reported, the projector shots are still taken
            problems.append(f"phone: {error}")
        finally:
            done.set()

    if os.path.exists(CHROMIUM):
        threading.Thread(target=phone, daemon=True).start()
    else:
        problems.append(f"no {CHROMIUM}: phone screenshots skipped")
        done.set()
    deadline = time.monotonic() + 60
    while not done.is_set() and time.monotonic() < deadline:
        QTest.qWait(50)  # the GUI thread keeps answering the page while the browser works

    for width, height in ((1024, 768), (1920, 1080)):
        window.set_projector(True)
        if window.isFullScreen():
            window.showNormal()
        window.resize(width, height)
        end = time.monotonic() + 3
        while time.monotonic() < end and (window.width(), window.height()) != (width, height):
            QTest.qWait(50)
        QTest.qWait(150)
        window.board.fit_all()
        QTest.qWait(150)
        window.grab().save(str(out / f"room-projector-{width}x{height}.png"))
    window.room.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {', '.join(sorted(p.name for p in out.glob('room-*.png')))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
