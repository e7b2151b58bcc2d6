"""`via board` with the real drawing: through the `via` script's entry point, in this process and in a
process with no display at all."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from ui import launcher
from workshop import storage
from workshop.examples import customer_loyalty


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.via"
    storage.save(customer_loyalty(), path)
    return path


def test_via_board_writes_an_svg_with_the_goals_as_text(qapp, demo_file, tmp_path, capsys) -> None:
    out = tmp_path / "board.svg"
    assert launcher.main(["board", str(demo_file), "-o", str(out), "--look", "projector"]) == 0
    assert "projector look, SVG" in capsys.readouterr().out
    root = ET.fromstring(out.read_bytes())
    shown = " ".join("".join(n.itertext()) for n in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Increase customer loyalty" in shown


def test_via_board_writes_a_png_of_the_width_asked(qapp, demo_file, tmp_path) -> None:
    out = tmp_path / "board.png"
    assert launcher.main(["board", str(demo_file), "-o", str(out), "--width", "700"]) == 0
    assert QImage(str(out)).width() == 700


def test_a_png_too_large_to_draw_is_refused_in_one_line(qapp, demo_file, tmp_path, capsys, monkeypatch) -> None:
    from workshop import picture_files

    monkeypatch.setattr(picture_files, "MAX_PIXELS", 1_000_000)
    out = tmp_path / "board.png"
    assert launcher.main(["board", str(demo_file), "-o", str(out), "--width", "4000"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("via: ") and "too large" in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.slow
def test_via_board_runs_without_any_display(demo_file, tmp_path) -> None:
    out = tmp_path / "board.png"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ui.launcher import main; sys.exit(main())",
            "board",
            str(demo_file),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert QImage(str(out)).width() == 1920
