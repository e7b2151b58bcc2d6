"""The demo report carries everything the room wrote, and the findings, as searchable text."""

from __future__ import annotations

import re

import pypdf
import pytest

from workshop.examples import customer_loyalty
from workshop.findings import Analysis, Finding, Severity
from workshop.report import export_pdf


def pdf_text(path) -> str:
    """All page text with every run of whitespace made one space (wrapping moves line breaks)."""
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


HAND_BUILT = Analysis(
    findings=(
        Finding(
            "around-not-via",
            Severity.ERROR,
            "IT is tied straight to loyalty around Sales.",
            ("g-it-loyalty",),
            "Link it to the Sales goal it serves.",
        ),
        Finding(
            "local-incentive",
            Severity.WARNING,
            "The Sales bonus pays per contract, whatever the need.",
            ("k-sales-contracts",),
            "Tie the bonus to a shared measure.",
        ),
        Finding("open-question", Severity.INFO, "Procurement has not named an internal customer.", ("f-procurement",)),
    ),
    score=73,
)


@pytest.fixture(scope="module")
def demo_text(tmp_path_factory) -> str:
    path = export_pdf(customer_loyalty(), tmp_path_factory.mktemp("r") / "demo.pdf", analysis=HAND_BUILT)
    return pdf_text(path)


def test_every_goal_text_is_printed(demo_text):
    ws = customer_loyalty()
    missing = [g.text for g in ws.goals if flat(g.text) not in demo_text]
    assert missing == []


def test_every_measure_and_target_is_printed(demo_text):
    ws = customer_loyalty()
    for goal in ws.goals:
        for value in (goal.measure, goal.target):
            if value:
                assert flat(value) in demo_text


def test_every_answer_note_help_and_hindrance_is_printed(demo_text):
    ws = customer_loyalty()
    expected = [a.note for a in ws.answers if a.note]
    for rel in ws.relations:
        expected += rel.helps + rel.hindrances
    assert len(expected) >= 12
    assert [t for t in expected if flat(t) not in demo_text] == []


def test_via_negativa_register_and_suggestions_are_printed(demo_text):
    ws = customer_loyalty()
    expected = [k.name for k in ws.kpis] + [k.incentive for k in ws.kpis if k.incentive]
    expected += [t.description for t in ws.tensions] + [w.description for w in ws.weaknesses]
    expected += [d.text for d in ws.decisions] + [d.owner for d in ws.decisions]
    expected += [s.reason for s in ws.suggestions]
    assert [t for t in expected if flat(t) not in demo_text] == []
    assert "2026-12-15" in demo_text


def test_cover_names_the_workshop_and_people(demo_text):
    meta = customer_loyalty().meta
    for value in (meta.title, meta.organisation, meta.facilitator, *meta.participants):
        assert flat(value) in demo_text


def test_hand_built_findings_score_and_hints_are_printed(demo_text):
    for finding in HAND_BUILT.findings:
        assert flat(finding.message) in demo_text
        if finding.hint:
            assert flat(finding.hint) in demo_text
    assert "Alignment score: 73 / 100" in demo_text


def test_exceptions_and_the_around_link_are_labelled(demo_text):
    assert "Declared exception" in demo_text
    assert "Around, not via" in demo_text
    assert "Staff development moves engagement directly" in demo_text


def test_every_finding_of_the_real_analysis_is_printed(tmp_path):
    analysis_module = pytest.importorskip("workshop.analysis")
    ws = customer_loyalty()
    analysis = analysis_module.analyse(ws)
    assert analysis.findings, "the demo holds a deliberate mistake, so there must be findings"
    text = pdf_text(export_pdf(ws, tmp_path / "demo.pdf"))
    assert [f.message for f in analysis.findings if flat(f.message) not in text] == []
    assert f"Alignment score: {analysis.score} / 100" in text


def test_a_failing_analysis_still_gives_a_report_that_says_so(tmp_path, monkeypatch):
    analysis_module = pytest.importorskip("workshop.analysis")

    def broken(ws):
        raise RuntimeError("boom")

    monkeypatch.setattr(analysis_module, "analyse", broken)
    text = pdf_text(export_pdf(customer_loyalty(), tmp_path / "demo.pdf"))
    assert "alignment checks were not available" in text
    assert "Match products to each customer's real needs" in text
