"""The headless commands run as real processes, through the `via` entry point, without ever loading Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROBE = """
import json, sys
from ui.launcher import main  # the `via` script's own entry point
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6") or m == "ui.app")
print("PROBE" + json.dumps({"code": code, "loaded": loaded}))
"""


def probe(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120, check=False
    )
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("PROBE")][-1]
    return json.loads(line.removeprefix("PROBE"))


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{demo}"),
        ("check", "{demo}", "--json"),
        ("schema",),
        ("new", "{new}", "--example", "customer-loyalty"),
        ("report", "{demo}", "-o", "{pdf}"),
    ],
)
def test_headless_commands_never_import_qt_or_the_ui(demo_file, tmp_path, args) -> None:
    filled = [a.format(demo=demo_file, new=tmp_path / "new.via", pdf=tmp_path / "r.pdf") for a in args]
    result = probe(*filled)
    assert result["loaded"] == []
    assert result["code"] in (0, 1)


def test_the_installed_script_reports_a_corrupt_file_in_one_line(tmp_path) -> None:
    path = tmp_path / "corrupt.via"
    path.write_bytes(b'{"format": "via-workshop", "version": 1, "workshop": {"goals": [')
    done = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "corrupt.via" in done.stderr and "line 1" in done.stderr


def test_check_exit_code_as_a_process(demo_file) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "check", str(demo_file), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["findings"]
