"""Saving never loses the previous file, never overwrites a newer Via's file, and is repeatable."""

from __future__ import annotations

import json
import os
import select
import signal
import stat
import subprocess
import sys
import time

import pytest

from workshop import ops, storage
from workshop.model import Goal
from workshop.storage import SaveError


@pytest.fixture
def saved(via_file, demo):
    return via_file(demo, "room.via")


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "room.via")


def test_save_then_load_gives_the_same_workshop(saved, demo) -> None:
    assert storage.load(saved) == demo
    assert leftovers(saved.parent) == []


def test_saving_twice_writes_identical_bytes(saved, demo) -> None:
    first = saved.read_bytes()
    storage.save(storage.load(saved), saved)
    assert saved.read_bytes() == first


@pytest.mark.parametrize("broken", ["replace", "fsync", "write"])
def test_failure_mid_save_keeps_the_old_file_and_leaves_no_temp_file(saved, demo, monkeypatch, broken) -> None:
    before = saved.read_bytes()
    ops.set_meta(demo, title="Changed after the first save")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if broken == "write":
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])  # half written, then the disk is full
                fail()

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Failing(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, broken, fail)
    with pytest.raises(SaveError, match="No space left"):
        storage.save(demo, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_interrupted_save_cleans_up_and_lets_the_interrupt_through(saved, demo, monkeypatch) -> None:
    before = saved.read_bytes()

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        storage.save(demo, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path, demo) -> None:
    with pytest.raises(SaveError, match=r"Could not save room\.via"):
        storage.save(demo, tmp_path / "no-such-folder" / "room.via")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_save_keeps_the_file_permissions(saved, demo) -> None:
    os.chmod(saved, 0o600)
    storage.save(demo, saved)
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_save_through_a_symlink_updates_the_real_file(tmp_path, saved, demo) -> None:
    link = tmp_path / "shortcut.via"
    link.symlink_to(saved)
    ops.set_meta(demo, title="Via the link")
    storage.save(demo, link)
    assert link.is_symlink()
    assert storage.load(saved).meta.title == "Via the link"


def newer_file(path, version: int = storage.SCHEMA_VERSION + 1) -> bytes:
    data = json.dumps({"format": "via-workshop", "version": version, "workshop": {"future": True}}, indent=1)
    path.write_text(data, encoding="utf-8")
    return path.read_bytes()


def test_saving_over_a_newer_via_file_is_refused_and_leaves_it_untouched(tmp_path, demo) -> None:
    path = tmp_path / "future.via"
    before = newer_file(path)
    with pytest.raises(SaveError) as caught:
        storage.save(demo, path)
    assert caught.value.newer_version
    assert "newer Via" in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.via"]


def test_newer_version_is_found_even_when_hand_edited_to_the_end(tmp_path, demo) -> None:
    path = tmp_path / "edited.via"
    body = {"notes": "x" * 10_000}
    path.write_text(json.dumps({"workshop": body, "format": "via-workshop", "version": 99}), encoding="utf-8")
    before = path.read_bytes()
    assert storage.file_version(path) == 99
    with pytest.raises(SaveError):
        storage.save(demo, path)
    assert path.read_bytes() == before


def test_file_version(tmp_path, saved) -> None:
    assert storage.file_version(saved) == storage.SCHEMA_VERSION
    assert storage.file_version(tmp_path / "absent.via") is None
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else", "version": 5}')
    assert storage.file_version(other) is None
    text = tmp_path / "notes.txt"
    text.write_text("version: 5")
    assert storage.file_version(text) is None


def test_saving_over_an_older_or_foreign_file_is_allowed(tmp_path, demo) -> None:
    old = tmp_path / "old.via"
    newer_file(old, version=0)
    storage.save(demo, old)
    assert storage.load(old) == demo
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello")
    storage.save(demo, foreign)
    assert storage.load(foreign) == demo


def test_a_workshop_too_large_to_open_again_is_not_saved(tmp_path, demo, monkeypatch) -> None:
    monkeypatch.setattr(storage, "MAX_BYTES", 1000)
    with pytest.raises(SaveError, match="too large"):
        storage.save(demo, tmp_path / "big.via")
    assert list(tmp_path.iterdir()) == []


def test_schema_describes_the_file(saved) -> None:
    schema = storage.schema()
    json.dumps(schema)  # serialisable as it is printed by `via schema`
    assert schema["properties"]["format"]["const"] == "via-workshop"
    assert schema["properties"]["version"]["const"] == storage.SCHEMA_VERSION
    assert set(schema["required"]) == {"format", "version", "workshop"}
    definitions = schema["$defs"]
    document = json.loads(saved.read_text(encoding="utf-8"))
    workshop_fields = definitions["Workshop"]["properties"]
    assert set(document["workshop"]) <= set(workshop_fields)
    assert set(workshop_fields) - set(document["workshop"]) <= {
        "disclosures",
        "dismissals",
    }  # written once the room posts one, or a finding is dismissed
    assert definitions["Workshop"]["additionalProperties"] is False
    for goal in document["workshop"]["goals"]:
        assert set(goal) <= set(definitions["Goal"]["properties"])
        assert set(definitions["Goal"]["required"]) <= set(goal)


def test_the_schema_requires_what_loading_requires_of_a_suggestion(demo) -> None:
    """A file the published schema accepts must open: the loader needs each suggestion's kind."""
    definitions = storage.schema()["$defs"]
    ops.suggest_link(demo, "g-it-records", "g-expenditure", id="s-1")
    document = json.loads(storage.dumps(demo))
    del document["workshop"]["suggestions"][0]["kind"]
    with pytest.raises(storage.LoadError):
        storage.loads(json.dumps(document))
    for name in ("LinkSuggestion", "GoalSuggestion"):
        assert "kind" in definitions[name]["required"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions_not_the_temp_files(tmp_path, demo) -> None:
    old = os.umask(0o027)
    try:
        storage.save(demo, tmp_path / "new.via")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.via").st_mode) == 0o640


def test_a_very_long_file_name_still_saves(tmp_path, demo) -> None:
    path = tmp_path / ("w" * 240 + ".via")
    storage.save(demo, path)
    assert storage.load(path) == demo


def test_a_workshop_that_cannot_be_written_leaves_the_file_alone(saved, demo) -> None:
    """Text normally gets cleaned at the door; if something slipped past, the old file stays."""
    before = saved.read_bytes()
    demo.goals.append(Goal.model_construct(id="g-raw", text="half \ud800 surrogate", function_id=None))
    with pytest.raises(SaveError, match="could not be written"):
        storage.save(demo, saved)
    assert saved.read_bytes() == before
    assert leftovers(saved.parent) == []


# --- what a killed save leaves behind ------------------------------------------------------------


def aged(path, seconds: float = 120.0):
    """Make a file look `seconds` old, as the temporary file of a save killed that long ago."""
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def killed_save_of(target, text: bytes = b"", name: str = "abcd_123") -> object:
    """A temporary file exactly as `save` names it, holding what a killed save had written."""
    temp = target.parent / f".{target.name[:40]}.{name}.tmp"
    temp.write_bytes(text)
    return temp


KILL_SCRIPT = """
import os, sys
from workshop import examples, storage

def stop_before_rename(*args):  # the data is written and synced: the process is killed now
    print("written", flush=True)
    sys.stdin.read()

os.replace = stop_before_rename
storage.save(examples.build("customer-loyalty"), sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_the_temporary_file_of_a_killed_save_is_removed_by_the_next_save(saved, demo) -> None:
    before = saved.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(saved)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 30)
        assert ready and child.stdout.readline().strip() == "written"
    finally:
        child.kill()
        child.wait(timeout=10)
        child.stdin.close()
        child.stdout.close()
    left = leftovers(saved.parent)
    assert len(left) == 1 and left[0].startswith(".room.via.")  # the full-size file nobody sees
    assert saved.read_bytes() == before
    aged(saved.parent / left[0])

    storage.save(demo, saved)
    assert leftovers(saved.parent) == []


def test_a_save_removes_only_old_temporary_files_of_its_own_kind(saved, demo) -> None:
    head = storage.dumps(demo).encode()
    stale_full = aged(killed_save_of(saved, head, "aaaaaaaa"))
    stale_cut = aged(killed_save_of(saved, head[:20], "bbbbbbbb"))
    stale_empty = aged(killed_save_of(saved, b"", "cccccccc"))
    kept = [
        killed_save_of(saved, head, "dddddddd"),  # young: another copy of Via may be saving right now
        aged(killed_save_of(saved, b"my own notes", "eeeeeeee")),  # named alike, but not Via's
    ]
    # not the name Via gives this file's temporary files (the last: another file's, its own save cleans it)
    for name in (".room.via.tmp", ".room.via.abcdefghi.tmp", "notes.txt", ".other.via.ffffffff.tmp"):
        (saved.parent / name).write_bytes(head)
        kept.append(aged(saved.parent / name))

    storage.save(demo, saved)
    for path in (stale_full, stale_cut, stale_empty):
        assert not path.exists()
    for path in kept:
        assert path.exists(), path.name


def test_a_folder_holding_temporary_files_of_many_workshops_is_cleaned_for_any_via_file(tmp_path, demo) -> None:
    head = storage.dumps(demo).encode()
    a = aged(killed_save_of(tmp_path / "0123456789ab.via", head))
    b = aged(killed_save_of(tmp_path / ("x" * 50 + ".via"), head))  # its name was cut at 40 characters
    other = aged(killed_save_of(tmp_path / "report.pdf", head))
    assert sorted(storage.remove_stale_temps(tmp_path)) == sorted([a, b])
    assert other.exists()


def test_a_temporary_file_symlink_is_left_alone(saved, demo, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere.via"
    storage.save(demo, elsewhere)
    link = saved.parent / ".room.via.abcd1234.tmp"
    link.symlink_to(elsewhere)
    os.utime(link, (time.time() - 120,) * 2, follow_symlinks=False)
    storage.save(demo, saved)
    assert link.is_symlink() and elsewhere.exists()
