"""The `via` script's window paths: it opens the window, or explains why it cannot."""

from __future__ import annotations

import builtins
import sys
import types

import pytest

from ui import launcher
from workshop import examples, storage


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = launcher.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str) -> None:
    assert err.startswith("via: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.via"
    storage.save(examples.build("customer-loyalty"), path)
    return path


# --- the window ---------------------------------------------------------------------------------


@pytest.fixture
def fake_gui(monkeypatch):
    """Stand-in for ui.app so no window opens; records what the CLI asked it to open."""
    opened: list[list[str]] = []

    def gui_main(argv: list[str]) -> int:
        opened.append(list(argv))
        return 0

    monkeypatch.setitem(sys.modules, "ui.app", types.SimpleNamespace(main=gui_main))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return opened


def test_no_command_opens_the_window(fake_gui, capsys) -> None:
    assert (
        run(
            capsys,
        )[0]
        == 0
    )
    assert fake_gui == [[]]


def test_a_file_alone_opens_it_in_the_window(fake_gui, demo_file, capsys) -> None:
    assert run(capsys, str(demo_file))[0] == 0
    assert run(capsys, "gui", str(demo_file))[0] == 0
    assert run(capsys, "gui")[0] == 0
    assert fake_gui == [[str(demo_file)], [str(demo_file)], []]


def test_opening_a_missing_file_in_the_window_is_refused(fake_gui, tmp_path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.via"))
    assert code == 2 and "no file" in err
    assert fake_gui == []


def test_no_display_exits_2_with_a_clear_message(fake_gui, capsys, monkeypatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    code, _, err = run(capsys, "gui")
    assert code == 2
    assert_one_line_error(err)
    assert "no display" in err
    assert fake_gui == []


def test_missing_pyside6_exits_2_with_a_clear_message(fake_gui, capsys, monkeypatch) -> None:
    for name in ("PySide6", "PySide6.QtWidgets"):  # pytest-qt may have imported them already
        monkeypatch.setitem(sys.modules, name, None)
    code, _, err = run(capsys, "gui")
    assert code == 2
    assert_one_line_error(err)
    assert "PySide6" in err
    assert fake_gui == []


def test_qt_that_cannot_load_its_libraries_is_explained(fake_gui, capsys, monkeypatch) -> None:
    real_import = builtins.__import__

    def no_egl(name: str, *args, **kwargs):
        if name.startswith("PySide6"):
            raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_egl)
    code, _, err = run(capsys, "gui")
    assert code == 2
    assert_one_line_error(err)
    assert "Qt could not load" in err and "libEGL" in err
