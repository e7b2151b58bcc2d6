"""Never lose work: autosave to a recovery file, recovery after a killed process, the lock."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSysInfo

from ui import app as via_app
from ui import dialogs
from ui.autosave import Autosaver, RecoveryStore
from ui.document import Document
from ui.main_window import MainWindow
from workshop import ops, storage
from workshop.examples import customer_loyalty

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_real_prompts(monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: None)


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.via"
    storage.save(customer_loyalty(), path)
    return path


def settings_in(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def autosaved_window(qtbot, tmp_path: Path, user_file: Path, interval_ms: int):
    """A window on the user's file with autosave every `interval_ms` into its own recovery folder."""
    session = RecoveryStore(tmp_path / "recovery").start_session()
    document = Document(storage.load(user_file), user_file)
    autosaver = Autosaver(document, session, interval_ms=interval_ms)
    window = MainWindow(document, settings=settings_in(tmp_path), autosaver=autosaver)
    qtbot.addWidget(window)
    return window, document, session


def test_autosave_writes_a_recovery_file_soon_after_a_change_and_never_the_users_file(qtbot, tmp_path, user_file):
    _window, document, session = autosaved_window(qtbot, tmp_path, user_file, 300)
    before = user_file.read_bytes()

    document.run(ops.update_goal, "g-loyalty", text="Customers stay for years")
    qtbot.waitUntil(session.workshop_file.exists, timeout=5000)

    assert storage.load(session.workshop_file).goal("g-loyalty").text == "Customers stay for years"
    info = json.loads(session.info_file.read_text(encoding="utf-8"))
    assert Path(info["user_path"]) == user_file
    assert user_file.read_bytes() == before, "autosave never writes over the user's file"
    assert session.workshop_file.parent != user_file.parent


def test_text_being_typed_into_a_card_is_autosaved_before_it_is_committed(qtbot, tmp_path, user_file):
    """A facilitator types a long goal while the room talks; a crash then must not lose it."""
    window, document, session = autosaved_window(qtbot, tmp_path, user_file, 200)
    window.show()
    qtbot.waitExposed(window)
    editor = window.board.board_scene.start_edit("g-loyalty")
    editor.select_all()
    qtbot.keyClicks(window.board.viewport(), "Customers stay for years")
    assert editor.text() == "Customers stay for years"

    def saved_text() -> str:
        return storage.load(session.workshop_file).goal("g-loyalty").text if session.workshop_file.exists() else ""

    qtbot.waitUntil(lambda: saved_text() == "Customers stay for years", timeout=5000)
    assert document.workshop.goal("g-loyalty").text != "Customers stay for years", "still being typed"
    assert window.board.board_scene.editor is editor, "autosave did not end the editing"


def test_saving_removes_the_recovery_file(qtbot, tmp_path, user_file):
    window, document, session = autosaved_window(qtbot, tmp_path, user_file, 100)
    document.run(ops.add_goal, "Grow abroad")
    qtbot.waitUntil(session.workshop_file.exists, timeout=5000)
    assert window.save()
    qtbot.waitUntil(lambda: not session.workshop_file.exists(), timeout=5000)


def test_a_clean_close_removes_the_recovery_file_and_the_lock(qtbot, tmp_path, user_file):
    root = tmp_path / "recovery"
    store = RecoveryStore(root)
    session = store.start_session()
    document = Document(storage.load(user_file), user_file)
    autosaver = Autosaver(document, session, interval_ms=100)
    window = MainWindow(document, settings=settings_in(tmp_path), autosaver=autosaver)
    qtbot.addWidget(window)
    document.run(ops.add_goal, "Unsaved")
    qtbot.waitUntil(session.workshop_file.exists, timeout=5000)

    assert window.close()  # the prompt answers "discard"
    assert list(root.iterdir()) == []
    assert RecoveryStore(root).orphans() == []


def test_a_live_session_in_this_process_is_not_an_orphan(tmp_path):
    root = tmp_path / "recovery"
    first = RecoveryStore(root).start_session()
    first.write(customer_loyalty(), None)
    assert RecoveryStore(root).orphans() == []
    assert first.workshop_file.exists(), "a second copy never deletes a live session's file"


CHILD = textwrap.dedent(
    """
    import sys
    from ui.app import ensure_app, launch
    from workshop import ops

    app = ensure_app()
    window = launch([sys.argv[1]])
    window.autosaver.saved.connect(lambda: print("READY", flush=True))
    window.document.run(ops.update_goal, "g-loyalty", text="Edited before the crash")
    app.exec()
    """
)


def _wait_for_line(proc: subprocess.Popen, expected: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline()
            if line.strip() == expected:
                return
            if not line and proc.poll() is not None:
                break
    proc.kill()
    raise AssertionError(f"the child never printed {expected!r}; stderr: {proc.stderr.read()}")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_work_of_a_killed_copy_is_offered_and_restored(qtbot, tmp_path, user_file, monkeypatch):
    data = tmp_path / "data"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        VIA_DATA_DIR=str(data),
        VIA_AUTOSAVE_MS="200",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(user_file)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_line(proc, "READY", timeout=60)

        # While the first copy runs, a second copy sees its lock: nothing to recover, nothing deleted.
        monkeypatch.setenv("VIA_DATA_DIR", str(data))
        asked: list[str] = []
        monkeypatch.setattr(dialogs, "ask_restore", lambda parent, text: asked.append(text) or True)
        second = via_app.launch([], settings=settings_in(tmp_path))
        qtbot.addWidget(second)
        assert asked == []
        assert len(list((data / "recovery").glob("*.via"))) == 1
        second.close()
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()

    assert storage.load(user_file).goal("g-loyalty").text == "Increase customer loyalty", "user file untouched"
    window = via_app.launch([], settings=settings_in(tmp_path))
    qtbot.addWidget(window)
    assert len(asked) == 1 and "workshop.via" in asked[0]
    assert window.document.workshop.goal("g-loyalty").text == "Edited before the crash"
    assert window.document.path == user_file
    assert window.isWindowModified(), "restored work is unsaved until the user saves it"
    remaining = list((data / "recovery").glob("*.via"))
    assert [p.stem for p in remaining] == [window.autosaver.session.id], "only this copy's own slot is left"


def _crashed_session(root: Path, stale_lock: str) -> Path:
    """What a killed copy leaves: its recovery file and a lock naming a process that is gone."""
    dead = RecoveryStore(root).start_session()
    dead.write(customer_loyalty(), None)
    dead._lock.unlock()
    lock = root / f"{dead.id}.lock"
    lock.write_text(stale_lock, encoding="utf-8")
    return dead.workshop_file


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_declining_recovery_discards_it(qtbot, tmp_path, monkeypatch):
    root = tmp_path / "data" / "recovery"
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    left = _crashed_session(root, f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n")
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, text: False)
    window = via_app.launch([], settings=settings_in(tmp_path))
    qtbot.addWidget(window)
    assert window.document.workshop.goals == []
    assert not left.exists()


def test_restoring_instead_of_the_file_asked_for_says_that_file_was_not_opened(qtbot, tmp_path, user_file, monkeypatch):
    root = tmp_path / "data" / "recovery"
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    _crashed_session(root, f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n")
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, text: True)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: said.append(message))
    window = via_app.launch([str(user_file)], settings=settings_in(tmp_path))
    qtbot.addWidget(window)
    assert window.document.path is None, "the restored untitled work is shown"
    assert said and user_file.name in said[-1] and "not opened" in said[-1]


def test_a_recovery_file_this_via_cannot_read_is_kept_aside_and_its_place_said(qtbot, tmp_path, monkeypatch):
    """A newer Via crashed, then this one starts: that morning's work must not be deleted."""
    root = tmp_path / "data" / "recovery"
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    left = _crashed_session(root, f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n")
    newer = json.loads(left.read_text(encoding="utf-8"))
    newer["version"] = storage.SCHEMA_VERSION + 1
    left.write_text(json.dumps(newer), encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, text: True)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: said.append(message))
    window = via_app.launch([], settings=settings_in(tmp_path))
    qtbot.addWidget(window)
    [kept] = list((root / "unreadable").glob("*.via"))
    assert json.loads(kept.read_text(encoding="utf-8")) == newer
    assert said and str(kept) in said[0]
    assert RecoveryStore(root).orphans() == [], "not offered again at every start"


def test_an_old_unreadable_lock_counts_as_a_crash(tmp_path):
    root = tmp_path / "recovery"
    left = _crashed_session(root, "")
    lock = left.with_suffix(".lock")
    assert RecoveryStore(root).orphans() == [], "a fresh empty lock may be a copy starting right now"
    old = time.time() - 3600
    os.utime(lock, (old, old))
    found = RecoveryStore(root).orphans()
    assert [r.workshop_file for r in found] == [left]
    found[0].release()


def test_with_default_settings_a_change_is_autosaved_within_five_seconds(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("VIA_AUTOSAVE_MS", raising=False)
    session = RecoveryStore(tmp_path / "recovery").start_session()
    document = Document(customer_loyalty(), None)
    autosaver = Autosaver(document, session)
    document.run(ops.add_goal, "Written down before anything can go wrong")
    qtbot.waitUntil(session.workshop_file.exists, timeout=5000)
    assert len(storage.load(session.workshop_file).goals) == len(document.workshop.goals)
    autosaver.close()
    assert not session.workshop_file.exists()


def test_main_accepts_the_cli_argument_shapes():
    assert via_app._paths([None]) == []
    assert via_app._paths(["demo.via"]) == [Path("demo.via")]
    assert via_app._paths(["--debug", "a.via"]) == [Path("a.via")]


# --- temporary files of killed autosaves and saves ------------------------------------------------


def _aged(path: Path, content: bytes, seconds: float = 120.0) -> Path:
    path.write_bytes(content)
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_start_up_removes_old_temporary_files_of_killed_autosaves_and_nothing_else(tmp_path):
    root = tmp_path / "recovery"
    root.mkdir()
    via = storage.dumps(customer_loyalty()).encode()
    stale = [
        _aged(root / ".0123456789ab.via.k9_x2mqz.tmp", via),  # a whole workshop, killed before the rename
        _aged(root / "0123456789ab.json.tmp", b'{"user_path": null'),
    ]
    kept = [
        _aged(root / ".0123456789ab.via.abcdefgh.tmp", via, seconds=1),  # another copy's autosave, now
        _aged(root / ".0123456789ab.via.abcdefgh2.tmp", via),  # not a name Via gives
        _aged(root / ".0123456789ab.via.zzzzzzzz.tmp", b"somebody's own file"),
        _aged(root / "notes.json.tmp", b"{}"),
        _aged(root / "readme.txt", b"hello"),
    ]
    session = RecoveryStore(root).start_session()
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    session.close()


def test_the_temporary_file_of_a_dead_sessions_autosave_goes_with_the_session(tmp_path):
    root = tmp_path / "recovery"
    left = _crashed_session(root, f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n")
    session_id = left.stem
    temp = root / f".{session_id}.via.abcd1234.tmp"
    temp.write_bytes(left.read_bytes())  # young, but its copy of Via is gone
    left.unlink()  # killed during its first autosave: only the temporary file was written
    assert RecoveryStore(root).orphans() == []
    assert not temp.exists()


def test_opening_a_file_removes_what_a_killed_save_left_beside_it(qtbot, tmp_path, user_file, monkeypatch):
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    temp = _aged(user_file.parent / f".{user_file.name}.abcd1234.tmp", user_file.read_bytes())
    window = via_app.launch([str(user_file)], settings=settings_in(tmp_path))
    qtbot.addWidget(window)
    assert window.document.path == user_file.resolve()
    assert not temp.exists()


# --- closing when the recovery folder cannot be cleaned up ----------------------------------------


def _closing_window_with_unsaved_work(qtbot, tmp_path, user_file):
    window, document, session = autosaved_window(qtbot, tmp_path, user_file, 50)
    document.run(ops.add_goal, "Unsaved")
    qtbot.waitUntil(session.workshop_file.exists, timeout=5000)
    return window, session


def _said_in_dialogs(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: said.append(f"{title}: {message}"))
    return said


def test_closing_with_a_read_only_recovery_folder_says_so_plainly_and_closes(qtbot, tmp_path, user_file, monkeypatch):
    window, session = _closing_window_with_unsaved_work(qtbot, tmp_path, user_file)
    said = _said_in_dialogs(monkeypatch)
    real_unlink = Path.unlink

    def read_only(self, missing_ok=False):  # as in a folder made read-only (root ignores chmod)
        if self.parent == session.root:
            raise PermissionError(13, "Permission denied", str(self))
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only)
    assert window.close()  # an exception here would fail the test (pytest-qt) and show the crash box
    assert not window.isVisible()
    [message] = said
    assert "could not clean up its recovery folder" in message and str(session.root) in message
    assert "autosaved" not in message and "went wrong" not in message.lower()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="POSIX permissions; root ignores them")
def test_closing_with_a_truly_read_only_recovery_folder_says_so_and_closes(qtbot, tmp_path, user_file, monkeypatch):
    window, session = _closing_window_with_unsaved_work(qtbot, tmp_path, user_file)
    said = _said_in_dialogs(monkeypatch)
    os.chmod(session.root, 0o555)
    try:
        assert window.close()
    finally:
        os.chmod(session.root, 0o755)
    assert len(said) == 1 and "could not clean up its recovery folder" in said[0]


def test_closing_after_the_recovery_folder_vanished_says_so_plainly_and_closes(qtbot, tmp_path, user_file, monkeypatch):
    import shutil

    window, session = _closing_window_with_unsaved_work(qtbot, tmp_path, user_file)
    said = _said_in_dialogs(monkeypatch)
    shutil.rmtree(session.root)  # its drive was unplugged, or someone tidied the folder
    assert window.close()
    assert not window.isVisible()
    [message] = said
    assert "could not clean up its recovery folder" in message and "no longer there" in message


def test_a_clean_close_says_nothing(qtbot, tmp_path, user_file, monkeypatch):
    window, session = _closing_window_with_unsaved_work(qtbot, tmp_path, user_file)
    said = _said_in_dialogs(monkeypatch)
    assert window.close()
    assert said == [] and list(session.root.iterdir()) == []


# --- the same file open in two copies of Via ------------------------------------------------------


def _copy_of_via(qtbot, tmp_path: Path, name: str) -> MainWindow:
    """A window with its own session in the shared recovery folder, as a second running copy has."""
    session = RecoveryStore(tmp_path / "recovery").start_session()
    document = Document()
    window = MainWindow(document, settings=settings_in(tmp_path / name), autosaver=Autosaver(document, session))
    qtbot.addWidget(window)
    return window


def test_a_second_copy_opening_a_file_the_first_has_open_says_so_at_once(qtbot, tmp_path, user_file, monkeypatch):
    said = _said_in_dialogs(monkeypatch)
    first = _copy_of_via(qtbot, tmp_path, "first")
    assert first.open_file(user_file)
    assert said == []

    second = _copy_of_via(qtbot, tmp_path, "second")
    assert second.open_file(tmp_path / "." / user_file.name)  # the same file, however it is named
    [message] = said
    assert user_file.name in message and "another copy of Via" in message
    assert second.document.path == user_file.resolve(), "it still opens: the user decides"

    said.clear()
    first.close()  # the first copy closes: the file is no longer open elsewhere
    assert second.open_file(user_file, ask=False)
    assert said == []


def test_a_file_another_copy_had_open_before_it_opened_another_is_not_reported(qtbot, tmp_path, user_file, monkeypatch):
    said = _said_in_dialogs(monkeypatch)
    first = _copy_of_via(qtbot, tmp_path, "first")
    assert first.open_file(user_file)
    first.new_workshop()  # now on an untitled workshop
    assert _copy_of_via(qtbot, tmp_path, "second").open_file(user_file)
    assert said == []


def test_a_note_left_by_a_copy_that_died_is_not_reported_and_is_cleaned_up(qtbot, tmp_path, user_file, monkeypatch):
    root = tmp_path / "recovery"
    said = _said_in_dialogs(monkeypatch)
    dead = RecoveryStore(root).start_session()
    dead.announce(user_file)
    dead._lock.unlock()
    (root / f"{dead.id}.lock").write_text(f"{_dead_pid()}\npython3\n{QSysInfo.machineHostName()}\n", encoding="utf-8")
    assert _copy_of_via(qtbot, tmp_path, "second").open_file(user_file)
    assert said == []
    RecoveryStore(root).orphans()
    assert not dead.open_file.exists()
