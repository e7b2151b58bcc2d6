"""An unexpected exception in a slot is logged and said once, plainly, never as a traceback."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from ui import app as app_module
from ui.errors import ErrorReporter


def raise_and_capture(error: Exception):
    try:
        raise error
    except Exception:
        return sys.exc_info()


@pytest.fixture
def reporter(tmp_path):
    shown: list[str] = []
    rep = ErrorReporter(tmp_path / "logs" / "via-errors.log", notify=lambda parent, message: shown.append(message))
    return rep, shown


def test_the_traceback_goes_to_the_log_and_the_user_reads_one_plain_message(reporter, qtbot):
    rep, shown = reporter
    rep(*raise_and_capture(ZeroDivisionError("division by zero in a slot")))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    log_text = rep.path.read_text(encoding="utf-8")
    assert "Traceback" in log_text and "ZeroDivisionError" in log_text
    message = shown[0]
    assert "Traceback" not in message and "ZeroDivisionError" not in message
    assert "autosaved" in message
    assert str(rep.path) in message


def test_a_burst_of_the_same_error_shows_one_box_and_logs_it_once_with_a_count(reporter, qtbot):
    rep, shown = reporter
    for _ in range(20):  # a slot failing on every mouse move
        rep(*raise_and_capture(KeyError("card")))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert rep.path.read_text(encoding="utf-8").count("Traceback") == 1
    rep(*raise_and_capture(ValueError("something else")))
    log_text = rep.path.read_text(encoding="utf-8")
    assert "repeated 19 more times" in log_text
    assert log_text.count("Traceback") == 2


def test_the_log_never_grows_past_its_cap(reporter, qtbot, monkeypatch):
    from ui import errors

    rep, _ = reporter
    monkeypatch.setattr(errors, "MAX_LOG_BYTES", 2_000)
    for n in range(40):
        rep(*raise_and_capture(ValueError(f"distinct error {n}")))
    assert rep.path.stat().st_size < 2_000 + 3_000  # the cap plus at most one entry
    assert rep.path.with_suffix(".old.log").exists()


def test_a_different_error_after_the_box_is_shown_again(reporter, qtbot):
    rep, shown = reporter
    rep(*raise_and_capture(KeyError("card")))
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)
    rep(*raise_and_capture(ValueError("something else")))
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)


def test_an_unwritable_log_still_shows_the_message(tmp_path, qtbot, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    shown: list[str] = []
    rep = ErrorReporter(blocker / "via-errors.log", notify=lambda parent, message: shown.append(message))
    rep(*raise_and_capture(RuntimeError("boom")))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "autosaved" in shown[0]
    assert "RuntimeError" in capsys.readouterr().err


def test_an_exception_raised_in_a_real_slot_reaches_the_hook(reporter, qtbot, monkeypatch):
    rep, shown = reporter
    monkeypatch.setattr(sys, "excepthook", rep)

    class Source(QObject):
        fired = Signal()

    source = Source()

    def broken_slot() -> None:
        raise LookupError("no such card")

    source.fired.connect(broken_slot)
    with qtbot.capture_exceptions():  # pytest-qt would otherwise claim the exception for itself
        monkeypatch.setattr(sys, "excepthook", rep)
        source.fired.emit()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "LookupError" in rep.path.read_text(encoding="utf-8")


def test_main_installs_the_hook_and_restores_the_previous_one(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path))
    seen = []

    class FakeWindow:
        autosaver = None

        class board:  # noqa: N801 - stands in for the board attribute
            @staticmethod
            def fit_all() -> None: ...

    class FakeApp:
        def exec(self) -> int:
            seen.append(sys.excepthook)
            return 0

    monkeypatch.setattr(app_module, "ensure_app", FakeApp)
    monkeypatch.setattr(app_module, "launch", lambda args: FakeWindow())
    before = sys.excepthook
    assert app_module.main([]) == 0
    assert isinstance(seen[0], ErrorReporter)
    assert not seen[0].autosave_on(), "the message follows whether this window autosaves"
    assert sys.excepthook is before


def test_an_error_on_a_worker_thread_is_shown_on_the_gui_thread(reporter, qtbot):
    import threading

    from PySide6.QtCore import QThread

    rep, shown = reporter
    threads: list[bool] = []
    rep.notify = lambda parent, message: (threads.append(QThread.currentThread().isMainThread()), shown.append(message))
    worker = threading.Thread(target=lambda: rep(*raise_and_capture(OSError("disk full"))))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert threads == [True]


def test_without_autosave_the_message_does_not_promise_it(reporter, qtbot):
    rep, shown = reporter
    rep.autosave_on = lambda: False
    rep(*raise_and_capture(RuntimeError("boom")))
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "autosaved" not in shown[0]
    assert "Autosave is off" in shown[0]
