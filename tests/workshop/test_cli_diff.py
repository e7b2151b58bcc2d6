"""`via diff OLD NEW` and `via report NEW --since OLD` as a facilitator runs them after a follow-up session."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workshop import cli, ops


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fixed(demo):
    """The demo after the room fixed its one error: IT's "around" goal now serves Sales's goal."""
    around = next(lk.id for lk in demo.links if lk.source == "g-it-loyalty")
    ops.unlink(demo, around)
    ops.link(demo, "g-it-loyalty", "g-sales-match")
    return demo


def test_diff_prints_counts_first_then_lists_and_exits_0(capsys, demo, via_file):
    old = via_file(demo.model_copy(deep=True), "march.via")
    new = via_file(fixed(demo), "june.via")
    code, out, err = run(capsys, "diff", str(old), str(new))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "(march.via)" in lines[0] and "(june.via)" in lines[0]
    assert lines[2].startswith("Alignment score: 87 \u2192 ")
    assert "Goals: 0 added, 0 removed, 0 changed, 1 relinked" in lines
    assert "Became aligned (1)" in lines
    assert "  - \u201cIT will raise customer loyalty\u201d (IT)" in lines


def test_diff_json_is_machine_readable(capsys, demo, via_file):
    old = via_file(demo.model_copy(deep=True), "a.via")
    new = via_file(fixed(demo), "b.via")
    code, out, _ = run(capsys, "diff", str(old), str(new), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["counts"]["relinked"] == 1 and data["counts"]["links_added"] == 1
    assert [g["id"] for g in data["became_aligned"]] == ["g-it-loyalty"]
    assert "around-not-via" in [f["rule"] for f in data["findings_resolved"]]
    assert data["before"]["findings"]["error"] == 1 and data["after"]["findings"]["error"] == 0


def test_diff_of_a_file_with_itself_says_nothing_changed(capsys, demo_file):
    code, out, _ = run(capsys, "diff", str(demo_file), str(demo_file))
    assert code == 0
    assert "Nothing changed" in out


def test_an_unreadable_file_is_one_clear_line_and_exit_2(capsys, demo_file, tmp_path):
    broken = tmp_path / "broken.via"
    broken.write_text("{ not json", encoding="utf-8")
    for args in ((str(broken), str(demo_file)), (str(demo_file), str(tmp_path / "missing.via"))):
        code, out, err = run(capsys, "diff", *args)
        assert code == 2 and out == ""
        assert err.startswith("via: cannot open ") and err.count("\n") == 1 and "Traceback" not in err


def test_report_since_refuses_an_unreadable_previous_workshop(capsys, demo_file, tmp_path):
    code, _, err = run(
        capsys, "report", str(demo_file), "--since", str(tmp_path / "nope.via"), "-o", str(tmp_path / "r.pdf")
    )
    assert code == 2 and "nope.via" in err
    assert not (tmp_path / "r.pdf").exists()


PROBE = """
import json, sys
from ui.launcher import main  # the `via` script's own entry point
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6") or m == "ui.app")
print("PROBE" + json.dumps({"code": code, "loaded": loaded}))
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [("diff", "{demo}", "{demo}"), ("report", "{demo}", "--since", "{demo}", "-o", "{pdf}")]
)
def test_diff_and_report_since_run_headless_without_qt(demo_file, tmp_path, args):
    filled = [a.format(demo=demo_file, pdf=tmp_path / "r.pdf") for a in args]
    done = subprocess.run([sys.executable, "-c", PROBE, *filled], capture_output=True, text=True, timeout=120)
    result = json.loads([ln for ln in done.stdout.splitlines() if ln.startswith("PROBE")][-1].removeprefix("PROBE"))
    assert result == {"code": 0, "loaded": []}
