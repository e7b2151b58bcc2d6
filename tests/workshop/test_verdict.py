"""The verdict follows the findings first and the score second, and says the same everywhere."""

from __future__ import annotations

from workshop import ops
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.model import Workshop
from workshop.report import summary_text
from workshop.verdict import verdict


def judged(ws: Workshop):
    return verdict(ws, analyse(ws))


def aligned_pair() -> Workshop:
    ws = Workshop()
    ops.add_goal(ws, "Increase customer loyalty", id="g-loyalty")
    ops.add_function(ws, "Sales", "customer_facing", id="f-sales")
    ops.add_goal(ws, "Match products to needs", "f-sales", id="g-match")
    ops.link(ws, "g-match", "g-loyalty")
    return ws


def test_an_empty_workshop_gets_no_score_and_no_praise():
    for ws in (Workshop(), _strategy_only()):
        v = judged(ws)
        assert not v.judged and v.score is None
        assert "aligned" not in v.line().lower()
        assert "customer-facing" in v.advice, "says what to do first"


def _strategy_only() -> Workshop:
    ws = Workshop()
    ops.add_goal(ws, "Increase customer loyalty")
    return ws


def test_strongly_aligned_only_without_errors_and_warnings():
    ws = aligned_pair()
    v = judged(ws)
    assert not [f for f in analyse(ws).findings if f.severity in ("error", "warning")]
    assert v.headline == "Strongly aligned" and v.score == 100


def test_warnings_keep_a_perfect_score_from_reading_as_strongly_aligned():
    ws = aligned_pair()
    ops.add_decision(ws, "Who approves product changes promised in a sale")  # no owner: a warning
    analysis = analyse(ws)
    assert analysis.score == 100 and any(f.severity == "warning" for f in analysis.findings)
    v = verdict(ws, analysis)
    assert v.headline == "Partly aligned" and "one warning" in v.advice


def test_errors_come_first_whatever_the_score():
    ws = customer_loyalty()
    v = judged(ws)
    assert v.score >= 85 and v.headline == "Errors to resolve first"


def test_the_email_body_and_the_command_line_say_the_same_words(tmp_path):
    from workshop import storage
    from workshop.cli import main

    ws = aligned_pair()
    ops.add_decision(ws, "Who approves product changes promised in a sale")
    v = judged(ws)
    assert v.line() in summary_text(ws)
    path = tmp_path / "w.via"
    storage.save(ws, path)
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(path)])
    assert v.line() in out.getvalue()


def test_an_empty_workshops_email_gives_no_score():
    text = summary_text(_strategy_only())
    assert "Alignment score" not in text and "Nothing to judge yet" in text


def test_the_pdf_of_an_empty_workshop_gives_no_score_and_says_what_to_do_first(tmp_path):
    from pypdf import PdfReader

    from workshop.report import export_pdf

    pdf = tmp_path / "empty.pdf"
    export_pdf(_strategy_only(), pdf)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages)
    assert "Nothing to judge yet" in text
    assert "Alignment score" not in text and "Strongly aligned" not in text
