"""A real phone browser (Debian's chromium, driven by Playwright) in the room, end to end.

The phone suggests a link at 390x844, the facilitator sees it in the Suggestions panel and
accepts it, the board draws the link and the phone shows its suggestion accepted (green). The
browser runs on its own thread so that the GUI thread stays free to decide the post, as in the app.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable

import pytest

from ui.document import Document
from workshop.examples import customer_loyalty
from workshop.model import Band

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


class BrowserThread(threading.Thread):
    """Runs a script against one phone-sized page; the test waits on its steps with qtbot."""

    def __init__(self, url: str, script: Callable) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.script = script
        self.steps: dict[str, threading.Event] = {}
        self.error: str | None = None
        self.finished = threading.Event()

    def step(self, name: str) -> threading.Event:
        return self.steps.setdefault(name, threading.Event())

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                try:
                    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
                    errors: list[str] = []
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                    page.goto(self.url)
                    self.script(page, self)
                    if errors:
                        self.error = "page errors: " + "; ".join(errors)
                finally:
                    browser.close()
        except Exception:
            self.error = traceback.format_exc()
        finally:
            self.finished.set()


def free_link(ws) -> tuple[str, str]:
    """A customer-facing goal and a strategic goal it does not serve yet."""
    linked = {(lk.source, lk.target) for lk in ws.links}
    for goal in ws.goals:
        if goal.function_id is not None and ws.band_of(goal) == Band.CUSTOMER_FACING:
            for strategic in ws.strategic_goals():
                if (goal.id, strategic.id) not in linked:
                    return goal.id, strategic.id
    raise AssertionError("no free pair in the demo")


def test_a_phone_suggests_a_link_the_facilitator_accepts_and_the_phone_turns_green(qtbot, open_window) -> None:
    window = open_window(Document(customer_loyalty()))
    with qtbot.waitSignal(window.room.openChanged, timeout=15_000):
        assert window.room.open("127.0.0.1", port=0, allow_loopback_for_tests=True)
    source, target = free_link(window.document.workshop)

    def phone(page, me: BrowserThread) -> None:
        page.locator(f'#link-source option[value="{source}"]').wait_for(state="attached", timeout=10_000)
        page.select_option("#link-source", source)
        page.select_option("#link-target", target)
        page.get_by_role("button", name="Suggest this link").click()
        page.locator("#link-out", has_text="Suggested").wait_for(timeout=10_000)
        me.step("suggested").set()
        if not me.step("accepted").wait(20):
            raise AssertionError("the facilitator never accepted")
        page.locator("#mine-list li.accepted", has_text="accepted").wait_for(timeout=10_000)
        colour = page.locator("#mine-list li.accepted .status").evaluate("e => getComputedStyle(e).backgroundColor")
        me.colour = colour

    browser = BrowserThread(window.room.url, phone)
    browser.start()
    try:
        qtbot.waitUntil(lambda: browser.step("suggested").is_set() or browser.finished.is_set(), timeout=30_000)
        assert browser.error is None, browser.error
        ws = window.document.workshop
        suggestion = next(s for s in ws.suggestions if s.kind == "link" and (s.source, s.target) == (source, target))
        panel = window.suggestions_panel
        assert suggestion.id in panel.shown_ids()
        panel.select(suggestion.id)
        outcome = panel.accept_current()
        assert outcome.ok
        link_id = outcome.created_id
        assert window.board.board_scene.link(link_id) is not None  # drawn on the board
        browser.step("accepted").set()
        qtbot.waitUntil(browser.finished.is_set, timeout=30_000)
        assert browser.error is None, browser.error
        assert browser.colour == "rgb(29, 122, 58)"  # the accepted green of room.css
    finally:
        browser.step("accepted").set()
        window.room.close()
        browser.join(10)
