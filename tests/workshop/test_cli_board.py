"""`via board`: the command's checks, exit codes and messages, with the drawing itself stood in for
(the real drawing needs Qt and is tested in tests/ui/test_board_picture_cli.py)."""

from __future__ import annotations

import pytest

from workshop import cli


class FakeRenderer:
    """Records what it was asked to draw and returns recognisable bytes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, int, str]] = []

    def __call__(self, ws, fmt: str, width: int, look: str) -> bytes:
        self.calls.append((ws.meta.title, fmt, width, look))
        return f"{fmt}:{width}:{look}".encode()


def run(capsys, *args: str, renderer=None) -> tuple[int, str, str]:
    code = cli.main(list(args), render_board=renderer)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *words: str) -> None:
    assert err.startswith("via: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for word in words:
        assert word in err


def test_writes_the_picture_the_renderer_draws(demo_file, tmp_path, capsys) -> None:
    render = FakeRenderer()
    out = tmp_path / "board.svg"
    code, said, _ = run(
        capsys, "board", str(demo_file), "-o", str(out), "--width", "1000", "--look", "projector", renderer=render
    )
    assert code == 0
    assert out.read_bytes() == b"svg:1000:projector"
    assert render.calls == [("Customer loyalty alignment workshop", "svg", 1000, "projector")]
    assert str(out) in said


def test_defaults_are_a_1920_pixel_png_beside_the_workshop(demo_file, capsys) -> None:
    code, _, _ = run(capsys, "board", str(demo_file), renderer=FakeRenderer())
    assert code == 0
    assert demo_file.with_suffix(".png").read_bytes() == b"png:1920:normal"


def test_an_existing_picture_is_replaced_only_with_force(demo_file, tmp_path, capsys) -> None:
    out = tmp_path / "board.png"
    out.write_bytes(b"slide deck's copy")
    render = FakeRenderer()
    code, _, err = run(capsys, "board", str(demo_file), "-o", str(out), renderer=render)
    assert code == 2
    assert_one_line_error(err, "already exists", "--force")
    assert out.read_bytes() == b"slide deck's copy"
    assert render.calls == []  # refused before drawing anything
    code, _, _ = run(capsys, "board", str(demo_file), "-o", str(out), "--force", renderer=render)
    assert code == 0
    assert out.read_bytes() == b"png:1920:normal"


@pytest.mark.parametrize(("width", "code"), [("255", 2), ("256", 0), ("16384", 0), ("16385", 2), ("-1", 2)])
def test_the_width_must_be_in_range(demo_file, tmp_path, capsys, width, code) -> None:
    result, _, err = run(
        capsys, "board", str(demo_file), "-o", str(tmp_path / "b.png"), f"--width={width}", renderer=FakeRenderer()
    )
    assert result == code
    if code:
        assert_one_line_error(err, "256 to 16,384")


def test_a_width_that_is_not_a_number_is_a_usage_error(demo_file, tmp_path, capsys) -> None:
    code, _, err = run(capsys, "board", str(demo_file), "--width", "wide", renderer=FakeRenderer())
    assert code == 2
    assert "invalid int value" in err


@pytest.mark.parametrize(
    ("name", "says"),
    [("board.jpg", "end it in .png or .svg"), ("missing/board.png", "does not exist"), ("other.via", "workshop file")],
)
def test_unwritable_outputs_are_named(demo_file, tmp_path, capsys, name, says) -> None:
    code, _, err = run(capsys, "board", str(demo_file), "-o", str(tmp_path / name), renderer=FakeRenderer())
    assert code == 2
    assert_one_line_error(err, says)


def test_an_unreadable_workshop_says_why(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.via"
    broken.write_bytes(b"{not json")
    code, _, err = run(capsys, "board", str(broken), "-o", str(tmp_path / "b.png"), renderer=FakeRenderer())
    assert code == 2
    assert_one_line_error(err, "cannot open", "broken.via")
    code, _, err = run(capsys, "board", str(tmp_path / "absent.via"), renderer=FakeRenderer())
    assert code == 2
    assert_one_line_error(err, "absent.via")


def test_the_current_view_is_the_windows_and_the_command_says_so(demo_file, capsys) -> None:
    code, _, err = run(capsys, "board", str(demo_file), "--view", "current", renderer=FakeRenderer())
    assert code == 2
    assert_one_line_error(err, "--view whole", "Export board as PNG / SVG")


def test_without_a_renderer_the_command_explains(demo_file, tmp_path, capsys) -> None:
    code, _, err = run(capsys, "board", str(demo_file), "-o", str(tmp_path / "b.png"))
    assert code == 2
    assert_one_line_error(err, "cannot draw pictures")
    assert not (tmp_path / "b.png").exists()


def test_a_renderer_failure_is_one_line_and_writes_nothing(demo_file, tmp_path, capsys) -> None:
    def broken(*_args):
        raise RuntimeError("the painter fell over")

    out = tmp_path / "b.png"
    code, _, err = run(capsys, "board", str(demo_file), "-o", str(out), renderer=broken)
    assert code == 2
    assert_one_line_error(err, "the painter fell over")
    assert not out.exists()
