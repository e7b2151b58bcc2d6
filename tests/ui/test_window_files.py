"""The main window's file handling: title, unsaved prompt, save, open (good, corrupt, newer)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.document import Document
from ui.main_window import MainWindow
from workshop import ops, storage
from workshop.examples import customer_loyalty


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "customer-loyalty.via"
    storage.save(customer_loyalty(), path)
    return path


@pytest.fixture
def window(open_window):
    return open_window(Document())


def test_title_names_the_file_and_tracks_unsaved_state(window, demo_file):
    assert window.open_file(demo_file)
    assert "customer-loyalty.via" in window.windowTitle()
    assert not window.isWindowModified()

    window.document.run(ops.update_goal, "g-loyalty", text="Keep customers for life")
    assert window.isWindowModified()
    assert "customer-loyalty.via" in window.windowTitle()

    window.undo_action.trigger()
    assert not window.isWindowModified(), "undoing back to the saved state is clean again"

    window.redo_action.trigger()
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    assert storage.load(demo_file).goal("g-loyalty").text == "Keep customers for life"


def test_undo_menu_entry_names_the_step(window, demo_file):
    window.open_file(demo_file)
    window.document.run(ops.move_cards, {"g-loyalty": (10, 10), "g-expenditure": (300, 10)})
    assert window.undo_action.text().endswith("Move 2 cards")
    assert window.undo_action.isEnabled()


def test_close_with_unsaved_changes_prompts_and_cancel_keeps_the_window(window, demo_file, prompts):
    asked, answers = prompts
    window.open_file(demo_file)
    on_disk = demo_file.read_bytes()
    window.document.run(ops.add_goal, "A new strategic goal")
    answers["save_changes"] = "cancel"
    assert not window.close()
    assert asked["save_changes"] == ["customer-loyalty.via"]
    assert window.isVisible()

    answers["save_changes"] = "discard"
    assert window.close()
    assert demo_file.read_bytes() == on_disk, "discard leaves the file as it was"


def test_close_choosing_save_writes_the_file(window, demo_file, prompts):
    _asked, answers = prompts
    window.open_file(demo_file)
    window.document.run(ops.add_goal, "Grow in new markets", id="g-new")
    answers["save_changes"] = "save"
    assert window.close()
    assert storage.load(demo_file).goal("g-new") is not None


def test_new_asks_before_dropping_unsaved_work(window, demo_file, prompts):
    _asked, answers = prompts
    window.open_file(demo_file)
    window.document.run(ops.add_goal, "Unsaved idea")
    answers["save_changes"] = "cancel"
    assert not window.new_workshop()
    assert window.document.workshop.goals, "cancel keeps the workshop"
    answers["save_changes"] = "discard"
    assert window.new_workshop()
    assert window.document.workshop.goals == []
    assert window.document.path is None


def test_save_as_writes_a_file_that_loads_equal_and_leaves_no_temp_files(window, tmp_path, prompts):
    _asked, answers = prompts
    folder = tmp_path / "out"
    folder.mkdir()
    window.document.replace(customer_loyalty(), None)
    window.document.run(ops.update_goal, "g-loyalty", text="R&D <b>x</b> “quoted”")
    answers["save_path"] = folder / "saved.via"
    window.actions_.save.trigger()  # no path yet: Save asks for one
    assert sorted(p.name for p in folder.iterdir()) == ["saved.via"]
    assert storage.load(folder / "saved.via") == window.document.workshop
    assert window.document.path == (folder / "saved.via").resolve()
    assert "saved.via" in window.windowTitle()
    assert not window.isWindowModified()


def test_open_of_a_corrupt_file_shows_the_reason_and_keeps_the_workshop(window, demo_file, tmp_path, prompts):
    asked, _answers = prompts
    window.open_file(demo_file)
    window.document.run(ops.add_goal, "Still here", id="g-still")
    before = window.document.workshop.model_copy(deep=True)
    bad = tmp_path / "broken.via"
    bad.write_text('{"format": "via-workshop", "version": 1, "workshop": {"goals": [', encoding="utf-8")

    assert not window.open_file(bad, ask=False)
    assert len(asked["errors"]) == 1
    assert "Traceback" not in asked["errors"][0]
    assert asked["errors"][0].strip()
    assert window.document.workshop == before
    assert window.document.path == demo_file.resolve()
    assert window.isWindowModified()


def test_open_of_a_newer_file_is_refused_with_its_message(window, tmp_path, prompts):
    asked, _answers = prompts
    newer = tmp_path / "future.via"
    newer.write_text(json.dumps({"format": "via-workshop", "version": 99, "workshop": {}}), encoding="utf-8")
    assert not window.open_file(newer, ask=False)
    assert "newer" in asked["errors"][0].lower()


def test_save_onto_a_newer_file_is_refused_and_asks_for_another_name(window, demo_file, tmp_path, prompts):
    asked, answers = prompts
    window.open_file(demo_file)
    window.document.run(ops.add_goal, "Edited", id="g-edited")
    newer_text = json.dumps({"format": "via-workshop", "version": 99, "workshop": {}})
    demo_file.write_text(newer_text, encoding="utf-8")  # a newer Via wrote it meanwhile
    answers["save_path"] = tmp_path / "copy.via"

    assert window.save()
    assert demo_file.read_text(encoding="utf-8") == newer_text, "the newer file is never overwritten"
    assert "newer" in asked["errors"][0].lower()
    assert len(asked["save_path"]) == 1
    assert storage.load(tmp_path / "copy.via").goal("g-edited") is not None
    assert window.document.path == (tmp_path / "copy.via").resolve()


def test_opened_files_appear_in_recent_files(window, demo_file):
    window.open_file(demo_file)
    texts = [a.text() for a in window.menus["recent"].actions()]
    assert texts == ["&1 customer-loyalty.via"]


def test_window_layout_is_kept_between_runs(window, qtbot, tmp_path):
    window.outline_dock.hide()
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(Document(), settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.outline_dock.isVisible()
    assert again.palette_dock.isVisible()


def test_starting_with_an_unreadable_file_opens_an_empty_workshop_with_a_message(qtbot, tmp_path, monkeypatch, prompts):
    from ui import app as via_app

    asked, _answers = prompts
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "notes.via"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    window = via_app.launch([str(bad)], settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.document.workshop.goals == []
    assert window.document.path is None
    assert len(asked["errors"]) == 1 and "Traceback" not in asked["errors"][0]


def test_the_example_opens_from_the_file_menu_as_an_unsaved_workshop(window, demo_file, prompts):
    asked, answers = prompts
    window.open_file(demo_file)
    window.document.run(ops.add_goal, "Unsaved idea")
    answers["save_changes"] = "cancel"
    window.actions_.open_example.trigger()
    assert any(g.text == "Unsaved idea" for g in window.document.workshop.goals), "cancel keeps the work"

    answers["save_changes"] = "discard"
    window.actions_.open_example.trigger()
    assert window.document.workshop == customer_loyalty()
    assert window.document.path is None  # Save asks for a name: the demo file is never overwritten
    assert asked["save_changes"] == ["customer-loyalty.via", "customer-loyalty.via"]


def _changed_by_a_colleague(path: Path) -> None:
    """Someone else saves the file: other content, and a later modification time."""
    theirs = storage.load(path)
    ops.set_meta(theirs, title="A colleague's version")
    storage.save(theirs, path)
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))


@pytest.mark.parametrize("answer", ["cancel", "overwrite", "save_as"])
def test_saving_over_a_file_changed_on_disk_asks_first(window, demo_file, tmp_path, prompts, answer):
    asked, answers = prompts
    answers["overwrite_changed"] = answer
    assert window.open_file(demo_file)
    window.document.run(ops.update_goal, "g-loyalty", text="Our version")
    _changed_by_a_colleague(demo_file)
    other = tmp_path / "ours.via"
    answers["save_path"] = other
    saved = window.save()
    assert asked["overwrite_changed"] == [demo_file.name]
    on_disk = storage.load(demo_file)
    if answer == "cancel":
        assert not saved and on_disk.meta.title == "A colleague's version"
    elif answer == "overwrite":
        assert saved and on_disk.goal("g-loyalty").text == "Our version"
    else:
        assert saved and on_disk.meta.title == "A colleague's version"
        assert storage.load(other).goal("g-loyalty").text == "Our version"


@pytest.mark.parametrize("answer", ["cancel", "overwrite"])
def test_a_same_size_change_with_its_time_put_back_still_asks_before_saving(window, demo_file, prompts, answer):
    """cp -p, rsync -t and unzip keep the old modification time: the content tells."""
    asked, answers = prompts
    answers["overwrite_changed"] = answer
    assert window.open_file(demo_file)
    window.document.run(ops.update_goal, "g-loyalty", text="Our version")
    before = demo_file.stat()
    theirs = demo_file.read_bytes().replace(b"Customer", b"Kustomer", 1)  # same size, other content
    assert len(theirs) == before.st_size and theirs != demo_file.read_bytes()
    demo_file.write_bytes(theirs)
    os.utime(demo_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert demo_file.stat().st_mtime_ns == before.st_mtime_ns and demo_file.stat().st_size == before.st_size

    saved = window.save()
    assert asked["overwrite_changed"] == [demo_file.name]
    if answer == "cancel":
        assert not saved and demo_file.read_bytes() == theirs
    else:
        assert saved and storage.load(demo_file).goal("g-loyalty").text == "Our version"


def test_saving_a_file_only_this_window_changed_does_not_ask(window, demo_file, prompts):
    asked, _ = prompts
    assert window.open_file(demo_file)
    for text in ("First", "Second"):
        window.document.run(ops.update_goal, "g-loyalty", text=text)
        assert window.save()
    assert storage.load(demo_file).goal("g-loyalty").text == "Second"
    assert asked["overwrite_changed"] == []


def test_the_first_save_as_starts_in_the_documents_folder_not_the_programs(window, prompts, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    asked, _answers = prompts
    window.document.replace(customer_loyalty(), None)
    window.save_as()
    (suggested,) = asked["save_path"]
    assert Path(suggested).parent == documents
    assert Path(suggested).suffix == ".via"


def test_save_as_of_a_saved_workshop_starts_beside_its_file(window, demo_file, prompts):
    asked, _answers = prompts
    window.open_file(demo_file)
    window.save_as()
    assert Path(asked["save_path"][-1]).parent == demo_file.parent.resolve()


@pytest.mark.parametrize("bad", ["\u202e", "\r\n", "\u2028", "\u2029", "\x85"])
def test_a_refusal_quoting_the_file_is_shown_as_one_printable_line(window, tmp_path, monkeypatch, bad):
    """A right-to-left override or a line break in a key must not rearrange or split the message,
    nor can the file's name (here with the same character) do so in the title."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.dialogs.show_error", lambda parent, title, message: shown.append((title, message)))
    path = tmp_path / f"minutes{bad}via.via"
    path.write_text(
        json.dumps({"format": "via-workshop", "version": 1, "workshop": {f"notes{bad}exe": 1}}), encoding="utf-8"
    )
    assert not window.open_file(path, ask=False)
    [(title, message)] = shown
    for text in (title, message):
        assert text.isprintable(), repr(text)
    assert "notes\\" in message and "minutes\\" in title


def test_the_window_stays_live_while_a_file_is_read(window, demo_file, monkeypatch):
    """A big file is read beside the window: its timers (the step timer, a repaint) go on meanwhile."""
    import threading

    from PySide6.QtCore import QTimer

    read = threading.Event()
    real_load = storage.load

    def slow_load(path):
        assert read.wait(30), "the window's timer never ran while the file was read"
        return real_load(path)

    monkeypatch.setattr(storage, "load", slow_load)
    ticks: list[str] = []
    QTimer.singleShot(10, lambda: (ticks.append(window.document.workshop.meta.title), read.set()))
    assert window.open_file(demo_file, ask=False)
    assert ticks, "a timer ran while the file was being read"
    assert window.document.path == demo_file.resolve()
    assert window.document.workshop.meta.title == customer_loyalty().meta.title
