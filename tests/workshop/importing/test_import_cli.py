"""`via import FILE -o WORKSHOP.via` and `via import --template OUT`: what a facilitator sees, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workshop import cli, storage


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_then_import_writes_the_workshop(capsys, tmp_path, suffix):
    template = tmp_path / f"plan{suffix}"
    assert run(capsys, "import", "--template", template)[0] == 0
    out = tmp_path / "prepared.via"
    code, printed, err = run(capsys, "import", template, "-o", out)
    assert (code, err) == (0, "")
    assert "Every row can be imported." in printed
    assert f"Wrote {out}: added 3 strategic goals, 6 functions, 5 goals, 2 KPIs and 3 participants." in printed
    ws = storage.load(out)
    assert len(ws.goals) == 8 and len(ws.kpis) == 2 and len(ws.meta.participants) == 3


def test_rows_left_out_are_printed_and_exit_1(capsys, tmp_path, workbook):
    path = workbook(
        {
            "Strategic goals": [["Strategic goal"], ["Grow"], [""], ["grow"]],
            "Goals": [["Function", "Goal"], ["Nobody", "x"]],
        }
    )
    code, printed, _ = run(capsys, "import", path, "-o", tmp_path / "w.via")
    assert code == 1
    assert printed.splitlines()[:3] == [
        "Left out (2):",
        "  Strategic goals, row 4: duplicate of row 2 ('grow')",
        "  Goals, row 2: unknown function 'Nobody': it is neither in the workshop nor on the Functions sheet",
    ]
    assert [g.text for g in storage.load(tmp_path / "w.via").goals] == ["Grow"]


def test_nothing_importable_exits_2_and_writes_nothing(capsys, tmp_path, workbook):
    path = workbook({"Goals": [["Function", "Goal"], ["Nobody", "x"]]})
    code, _, err = run(capsys, "import", path, "-o", tmp_path / "w.via")
    assert code == 2
    assert err == f"via: nothing to import from {path}: no row can be added\n"
    assert not (tmp_path / "w.via").exists()


def test_a_refused_file_is_one_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "plan.xlsx"
    bad.write_text("not a workbook")
    code, out, err = run(capsys, "import", bad, "-o", tmp_path / "w.via")
    assert code == 2 and out == ""
    assert err.startswith("via: plan.xlsx is not an Excel workbook") and err.count("\n") == 1


def test_never_overwrites_without_force(capsys, tmp_path):
    template = tmp_path / "t.csv"
    run(capsys, "import", "--template", template)
    existing = tmp_path / "w.via"
    existing.write_text("keep me")
    code, _, err = run(capsys, "import", template, "-o", existing)
    assert code == 2 and "already exists; add --force" in err
    assert existing.read_text() == "keep me"
    assert run(capsys, "import", "--template", template)[0] == 2, "the template is not replaced either"
    assert run(capsys, "import", template, "-o", existing, "--force")[0] == 0
    assert len(storage.load(existing).goals) == 8


def test_the_output_must_be_a_via_file(capsys, tmp_path):
    template = tmp_path / "t.csv"
    run(capsys, "import", "--template", template)
    code, _, err = run(capsys, "import", template, "-o", template)
    assert code == 2 and "is written as a .via file" in err
    assert template.read_bytes().startswith(b"\xef\xbb\xbfKind,"), "the spreadsheet is left alone"


def test_without_output_it_is_a_preview(capsys, tmp_path):
    template = tmp_path / "t.xlsx"
    run(capsys, "import", "--template", template)
    code, printed, _ = run(capsys, "import", template)
    assert code == 0
    assert "Would add 3 strategic goals, 6 functions, 5 goals, 2 KPIs and 3 participants. Nothing written" in printed


def test_into_adds_to_an_existing_workshop(capsys, tmp_path, demo_file, workbook):
    path = workbook({"Goals": [["Function", "Goal"], ["IT", "Laptops ready on day one"]]})
    out = tmp_path / "more.via"
    assert run(capsys, "import", path, "--into", demo_file, "-o", out)[0] == 0
    before, after = storage.load(demo_file), storage.load(out)
    assert len(after.goals) == len(before.goals) + 1 and len(after.functions) == len(before.functions)


@pytest.mark.slow
def test_import_runs_headless_without_qt(tmp_path):
    probe = (
        "import json, sys\nfrom ui.launcher import main\ncode = main(sys.argv[1:])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('PROBE' + json.dumps({'code': code, 'loaded': loaded}))\n"
    )
    template = tmp_path / "t.xlsx"
    for args in (["import", "--template", str(template)], ["import", str(template), "-o", str(tmp_path / "w.via")]):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
        line = [ln for ln in done.stdout.splitlines() if ln.startswith("PROBE")][-1]
        assert json.loads(line.removeprefix("PROBE")) == {"code": 0, "loaded": []}
