"""Where a board picture may be written, and how: the same refusals for `via board` and the window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workshop import picture_files
from workshop.picture_files import (
    MAX_WIDTH,
    MIN_WIDTH,
    PictureFileError,
    check_pixels,
    check_width,
    picture_format,
    writable_target,
    write_picture,
)


@pytest.mark.parametrize(("name", "fmt"), [("board.png", "png"), ("Board.SVG", "svg"), ("a.b.png", "png")])
def test_the_format_follows_the_name(name, fmt) -> None:
    assert picture_format(name) == fmt


@pytest.mark.parametrize("name", ["board.jpg", "board", "board.pdf"])
def test_other_names_are_refused_with_the_names_that_work(name) -> None:
    with pytest.raises(PictureFileError, match=r"end it in \.png or \.svg"):
        picture_format(name)


def test_widths_outside_the_range_are_refused_naming_the_range() -> None:
    assert check_width(MIN_WIDTH) == MIN_WIDTH
    assert check_width(MAX_WIDTH) == MAX_WIDTH
    for width in (MIN_WIDTH - 1, MAX_WIDTH + 1, 0, -5):
        with pytest.raises(PictureFileError, match="256 to 16,384 pixels"):
            check_width(width)


def test_a_picture_too_big_for_memory_names_a_width_that_fits() -> None:
    check_pixels(16384, 8000)
    with pytest.raises(PictureFileError, match=r"at most \d+ pixels") as refused:
        check_pixels(16384, 40000)
    fits = int(str(refused.value).split("at most ")[1].split()[0])
    check_pixels(fits, round(40000 * fits / 16384))  # the width it names really fits


def test_an_existing_file_is_replaced_only_when_asked(tmp_path) -> None:
    target = tmp_path / "board.png"
    target.write_bytes(b"old")
    with pytest.raises(PictureFileError, match="already exists; add --force"):
        write_picture(target, b"new", replace=False)
    assert target.read_bytes() == b"old"
    write_picture(target, b"new", replace=True)
    assert target.read_bytes() == b"new"


def test_writing_leaves_no_temporary_file_and_keeps_the_old_files_permissions(tmp_path) -> None:
    target = tmp_path / "board.svg"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_picture(target, b"<svg/>", replace=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.svg"]
    assert (target.stat().st_mode & 0o777) == 0o640


def test_a_failed_write_keeps_the_old_picture_and_leaves_nothing_behind(tmp_path, monkeypatch) -> None:
    target = tmp_path / "board.png"
    target.write_bytes(b"old")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(picture_files.os, "replace", full_disk)
    with pytest.raises(PictureFileError, match="No space left on device"):
        write_picture(target, b"new", replace=True)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.png"]


def test_a_link_is_written_through_to_its_target(tmp_path) -> None:
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    write_picture(link, b"new", replace=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d: d / "missing" / "board.png", "does not exist"),
        (lambda d: d / "workshop.via", "over a workshop file"),
        (lambda d: _folder(d / "board.png"), "it is a folder"),
        (lambda d: _file(d / "plain.txt") / "board.png", "is not a folder"),
        (lambda d: _link(d / "board.png", d / "demo.via"), "over a workshop file"),
    ],
)
def test_targets_that_cannot_take_a_picture_are_named(tmp_path, make, says) -> None:
    with pytest.raises(PictureFileError, match=says):
        writable_target(make(tmp_path), replace=True)


def test_a_folder_nobody_may_write_in_is_said_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(picture_files.os, "access", lambda *_args: False)
    with pytest.raises(PictureFileError, match="not allowed to write"):
        writable_target(tmp_path / "board.png", replace=True)


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _file(path: Path) -> Path:
    path.write_text("x")
    return path


def _link(path: Path, to: Path) -> Path:
    to.write_text("{}")
    path.symlink_to(to)
    return path
