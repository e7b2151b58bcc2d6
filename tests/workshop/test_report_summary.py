"""The plain-text summary (the email body) and the safety of the text helpers."""

from __future__ import annotations

import pytest

from workshop.examples import customer_loyalty
from workshop.findings import Analysis, Finding, Severity
from workshop.report import fonts, summary_text
from workshop.report.escape import markup
from workshop.report.textblock import wrap_text

ANALYSIS = Analysis(
    findings=(
        Finding("c", Severity.INFO, "An informative note.", ()),
        Finding("a", Severity.ERROR, "IT is tied straight to loyalty.", ()),
        Finding("b", Severity.WARNING, "The Sales bonus works against Support.", ()),
        *(Finding("d", Severity.INFO, f"Minor point {i}.", ()) for i in range(6)),
    ),
    score=64,
)


def test_summary_has_the_score_and_the_top_findings_worst_first():
    text = summary_text(customer_loyalty(), ANALYSIS)
    assert "Alignment score: 64 / 100" in text
    error, warning = text.index("IT is tied straight"), text.index("The Sales bonus")
    assert error < warning
    assert "Minor point 5." not in text, "only the few findings that matter most"
    assert "more findings in the report" in text


def test_summary_names_decisions_owners_exceptions_and_tensions():
    text = summary_text(customer_loyalty(), ANALYSIS)
    assert "Who approves product changes promised in a sale (owner: Dana Kim (Head of Product), due 2026-12-15)" in text
    assert "Purchasing policy that cuts what we pay for goods and services -> Reduce expenditure" in text
    assert "a win for Sales is a loss on Support's dashboard" in text
    assert text.startswith("Customer loyalty alignment workshop\nNorthwind Services, 2026-11-23\n")


def test_summary_with_the_real_analysis_has_its_score_and_first_finding():
    analysis_module = pytest.importorskip("workshop.analysis")
    ws = customer_loyalty()
    analysis = analysis_module.analyse(ws)
    text = summary_text(ws)
    assert f"Alignment score: {analysis.score} / 100" in text
    worst = sorted(analysis.findings, key=lambda f: ["error", "warning", "info"].index(f.severity))[0]
    assert worst.message in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("R&D <b>x", "R&amp;D &lt;b&gt;x"),
        ('<img src="/etc/passwd"/>', '&lt;img src="/etc/passwd"/&gt;'),
        ("one\ntwo", "one<br/>two"),
        ("bell\x07", "bell"),
    ],
)
def test_markup_escapes_user_text(raw, expected):
    assert markup(raw) == expected


def test_cjk_runs_switch_to_the_fallback_font_and_unknown_characters_become_boxes():
    # U+1FAE0 (melting face, Unicode 14) is newer than every bundled font: it prints as a box.
    runs = fonts.segments("Sales 顧客 \U0001fae0")
    assert runs == [(None, "Sales "), (fonts.CJK, "顧客"), (None, " \u25a1")]
    assert '<font name="ViaCJK">顧客</font>' in markup("a 顧客")


def test_wrap_cuts_an_unbreakable_word_into_lines_that_fit():
    lines = wrap_text("Z" * 2000, 10, 100)
    assert "".join(lines) == "Z" * 2000
    assert all(fonts.string_width(line, 10) <= 100 for line in lines)


def test_wrap_keeps_newlines_and_clips_with_an_ellipsis():
    assert wrap_text("first\nsecond", 10, 300) == ["first", "second"]
    clipped = wrap_text("word " * 200, 10, 100, max_lines=2)
    assert len(clipped) == 2 and clipped[-1].endswith("\u2026")


def test_a_high_score_with_an_error_does_not_read_as_strongly_aligned() -> None:
    from workshop.analysis import analyse
    from workshop.examples import customer_loyalty
    from workshop.report import summary_text

    ws = customer_loyalty()  # scores 87 with the deliberate around link as its one error
    analysis = analyse(ws)
    assert analysis.score >= 85 and analysis.has_errors
    text = summary_text(ws, analysis)
    assert "Strongly aligned" not in text
    assert "Errors to resolve first: one error" in text
