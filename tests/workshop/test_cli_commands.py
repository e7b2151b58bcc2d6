"""The `via` command as scripts and facilitators use it: exit codes, output, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest

from workshop import cli, examples, ops, storage
from workshop.model import Workshop


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str) -> None:
    assert err.startswith("via: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def fake_report_package(export_pdf) -> types.SimpleNamespace:
    """Stands in for workshop.report: the CLI uses its export_pdf and ReportError."""
    return types.SimpleNamespace(export_pdf=export_pdf, ReportError=type("ReportError", (Exception,), {}))


@pytest.fixture
def clean_file(via_file, demo):
    ops.remove_goals(demo, ["g-it-loyalty"])  # the demo's one deliberate error
    return via_file(demo, "clean.via")


# --- new ----------------------------------------------------------------------------------------


def test_new_example_writes_the_demo(tmp_path, capsys) -> None:
    path = tmp_path / "room.via"
    code, out, err = run(capsys, "new", str(path), "--example", "customer-loyalty")
    assert (code, err) == (0, "")
    assert "customer-loyalty" in out
    assert storage.load(path) == examples.build("customer-loyalty")


def test_new_writes_an_empty_workshop(tmp_path, capsys) -> None:
    path = tmp_path / "empty.via"
    assert run(capsys, "new", str(path))[0] == 0
    assert storage.load(path) == Workshop()


def test_new_refuses_to_overwrite_without_force(demo_file, capsys) -> None:
    before = demo_file.read_bytes()
    code, out, err = run(capsys, "new", str(demo_file))
    assert code == 2 and out == ""
    assert_one_line_error(err)
    assert "--force" in err
    assert demo_file.read_bytes() == before
    assert run(capsys, "new", str(demo_file), "--force")[0] == 0
    assert storage.load(demo_file) == Workshop()


def test_new_with_force_still_refuses_a_newer_via_file(tmp_path, capsys) -> None:
    path = tmp_path / "future.via"
    path.write_text('{"format": "via-workshop", "version": 99, "workshop": {}}')
    code, _, err = run(capsys, "new", str(path), "--force")
    assert code == 2
    assert_one_line_error(err)
    assert "newer Via" in err
    assert path.read_text() == '{"format": "via-workshop", "version": 99, "workshop": {}}'


def test_new_with_an_unknown_example_is_a_usage_error(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "x.via"), "--example", "nope")
    assert code == 2 and "customer-loyalty" in err
    assert not (tmp_path / "x.via").exists()


# --- check --------------------------------------------------------------------------------------


def test_check_lists_findings_by_severity_and_exits_1_on_an_error(demo_file, capsys) -> None:
    code, out, err = run(capsys, "check", str(demo_file))
    assert (code, err) == (1, "")
    assert "Customer loyalty alignment workshop" in out
    assert "Alignment score:" in out
    assert out.index("Errors (1)") < out.index("Warnings") < out.index("Notes")
    assert "IT will raise customer loyalty" in out
    assert "What to do:" in out
    assert "Traces to strategy: 4 of 5 support goals" in out


def test_check_exits_0_when_no_finding_is_an_error(clean_file, capsys) -> None:
    code, out, _ = run(capsys, "check", str(clean_file))
    assert code == 0
    assert "Errors" not in out and "Warnings" in out


def test_check_names_an_untraced_goal_on_one_short_line(via_file, demo, capsys) -> None:
    ops.add_goal(demo, "Faster laptops\n\n" + "and more " * 1_000, "f-it", id="g-long")
    path = via_file(demo, "long.via")
    _, out, _ = run(capsys, "check", str(path))
    traced = [line for line in out.splitlines() if line.startswith("  not traced:")]
    assert any("Faster laptops" in line and line.endswith("(IT)") for line in traced)
    assert all(len(line) < 300 for line in out.splitlines())
    assert out.count("and more") < 20


def test_check_json_shape(demo_file, capsys) -> None:
    code, out, _ = run(capsys, "check", str(demo_file), "--json")
    assert code == 1
    report = json.loads(out)
    assert isinstance(report["score"], int) and 0 <= report["score"] <= 100
    assert report["findings"]
    for finding in report["findings"]:
        assert set(finding) == {"rule", "severity", "message", "subjects", "hint"}
        assert finding["severity"] in {"error", "warning", "info"}
        assert isinstance(finding["subjects"], list)
    around = [f for f in report["findings"] if f["rule"] == "around-not-via"]
    assert around and around[0]["severity"] == "error" and "g-it-loyalty" in around[0]["subjects"]
    assert report["traces"]["g-it-records"] == [["g-it-records", "g-sales-match", "g-loyalty"]]
    assert report["traces"]["g-it-loyalty"] == []


def test_check_json_of_a_clean_file(clean_file, capsys) -> None:
    code, out, _ = run(capsys, "check", str(clean_file), "--json")
    assert code == 0
    assert not [f for f in json.loads(out)["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    "content",
    [b'{"format": "via-workshop", "version": 1, "workshop": {', b"\x00\x01\x02", b"", b'{"hello": 1}'],
)
def test_check_of_an_unreadable_file_exits_2_with_one_line(tmp_path, capsys, content: bytes) -> None:
    path = tmp_path / "bad.via"
    path.write_bytes(content)
    for args in (("check", str(path)), ("check", str(path), "--json")):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        assert_one_line_error(err)
        assert "cannot open" in err and "bad.via" in err


def test_check_of_a_missing_file(tmp_path, capsys) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "absent.via"))
    assert code == 2
    assert_one_line_error(err)


def test_check_names_the_place_of_a_content_error(tmp_path, capsys) -> None:
    path = tmp_path / "bad.via"
    path.write_text('{"format": "via-workshop", "version": 1, "workshop": {"goals": [{"id": "g", "text": 1}]}}')
    _, _, err = run(capsys, "check", str(path))
    assert "goals[0].text" in err


def test_check_survives_a_console_that_cannot_show_emoji(via_file, demo, capsys, monkeypatch) -> None:
    ops.update_goal(demo, "g-it-loyalty", text="IT will raise loyalty 😀")
    path = via_file(demo, "emoji.via")
    import io

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    code = cli.main(["check", str(path)])
    sys.stdout.flush()
    assert code == 1
    assert b"IT will raise loyalty ?" in raw.getvalue()


# --- schema, version, unexpected errors ---------------------------------------------------------


def test_schema_prints_the_file_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == storage.schema()


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"via {cli.__version__}"


def test_unexpected_error_is_one_line_unless_debugging(demo_file, capsys, monkeypatch) -> None:
    def boom(path):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(storage, "load", boom)
    monkeypatch.delenv("VIA_DEBUG", raising=False)
    code, _, err = run(capsys, "check", str(demo_file))
    assert code == 2
    assert_one_line_error(err)
    assert "disk on fire" in err
    monkeypatch.setenv("VIA_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["check", str(demo_file)])


# --- report -------------------------------------------------------------------------------------


def test_report_writes_a_pdf(demo_file, tmp_path, capsys) -> None:
    out_path = tmp_path / "report.pdf"
    code, out, err = run(capsys, "report", str(demo_file), "-o", str(out_path), "--paper", "letter", "--reproducible")
    assert (code, err) == (0, "")
    assert out_path.read_bytes().startswith(b"%PDF")
    assert str(out_path) in out


def test_report_passes_the_options_through(demo_file, tmp_path, capsys, monkeypatch) -> None:
    calls = []

    def fake_export(ws, path, *, paper="a4", reproducible=False, analysis=None):
        calls.append((ws.meta.title, path, paper, reproducible))
        return path

    monkeypatch.setitem(sys.modules, "workshop.report", fake_report_package(fake_export))
    assert run(capsys, "report", str(demo_file))[0] == 0
    assert calls == [("Customer loyalty alignment workshop", demo_file.with_suffix(".pdf"), "a4", False)]


def test_report_failure_exits_2_with_one_line(demo_file, tmp_path, capsys, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("font missing")

    monkeypatch.delenv("VIA_DEBUG", raising=False)
    monkeypatch.setitem(sys.modules, "workshop.report", fake_report_package(broken))
    code, _, err = run(capsys, "report", str(demo_file), "-o", str(tmp_path / "r.pdf"))
    assert code == 2
    assert_one_line_error(err)
    assert "font missing" in err


def test_report_into_a_folder_says_so_in_one_line(demo_file, tmp_path, capsys) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    code, _, err = run(capsys, "report", str(demo_file), "-o", str(folder))
    assert code == 2
    assert_one_line_error(err)
    assert "is a folder" in err and "ReportError" not in err


def test_check_exit_code_survives_a_reader_that_leaves_early(demo_file) -> None:
    """`via check x.via | head -1` in a script: the demo has an error, so the code is 1, every time."""
    script = "import sys; from workshop import cli; sys.exit(cli.main(sys.argv[1:]))"
    child = subprocess.Popen(
        [sys.executable, "-c", script, "check", str(demo_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()  # the reader is gone before Via writes a word
    _, err = child.communicate(timeout=60)
    assert child.returncode == 1, err.decode(errors="replace")
    assert b"Traceback" not in err


def test_report_without_the_report_package(demo_file, capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "workshop.report", None)  # import fails
    code, _, err = run(capsys, "report", str(demo_file))
    assert code == 2
    assert "not available" in err


def test_report_refuses_to_overwrite_a_workshop_file(demo_file, capsys) -> None:
    before = demo_file.read_bytes()
    code, _, err = run(capsys, "report", str(demo_file), "-o", str(demo_file))
    assert code == 2 and "workshop file" in err
    assert demo_file.read_bytes() == before


def test_report_of_an_unreadable_file(tmp_path, capsys) -> None:
    path = tmp_path / "bad.via"
    path.write_text("{")
    code, _, err = run(capsys, "report", str(path), "-o", str(tmp_path / "r.pdf"))
    assert code == 2
    assert_one_line_error(err)
    assert not (tmp_path / "r.pdf").exists()


def test_the_window_is_not_reached_from_the_domain_alone(capsys) -> None:
    """Without the UI handing in a window, asking for one is a clear refusal, not an import of ui."""
    code, _, err = run(capsys, "gui")
    assert code == 2
    assert_one_line_error(err)
    assert "has no window" in err


@pytest.mark.parametrize("bad", ["\u202e", "\u2066", "\r\n", "\u2028", "\u2029", "\x85", "\x1b]0;owned\x07"])
def test_check_of_a_file_quoting_control_characters_prints_them_escaped_on_one_line(tmp_path, capsys, bad) -> None:
    path = tmp_path / "bad.via"
    path.write_text(
        json.dumps({"format": "via-workshop", "version": 1, "workshop": {"goals": [], f"notes{bad}gpj.exe": 1}}),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert_one_line_error(err)
    assert err.rstrip("\n").isprintable(), repr(err)
    assert "notes\\" in err  # the reader sees that the key holds something odd
