"""What the room said from phones reaches the report, anonymous unless named; what the facilitator hid does not."""

from __future__ import annotations

from pypdf import PdfReader

from workshop.examples import customer_loyalty
from workshop.report import export_pdf
from workshop.room import edits


def pdf_text(ws, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    export_pdf(ws, path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


def test_disclosures_are_listed_with_their_kind_and_author_or_anonymous(tmp_path):
    ws = customer_loyalty()
    edits.disclose(ws, "hindrance", "Sales promises features that do not exist yet", "f-sales", participant="p-1")
    edits.disclose(ws, "gaming_kpi", "Tickets are closed early to meet the time target", "f-support", author="Lena")
    text = pdf_text(ws, tmp_path)
    assert "What the room disclosed" in text
    assert "Sales promises features that do not exist yet" in text and "anonymous" in text
    assert "Tickets are closed early to meet the time target" in text and "Lena" in text
    assert "What hinders" in text and "A gaming KPI" in text


def test_a_disclosure_hidden_from_the_projector_is_only_counted(tmp_path):
    ws = customer_loyalty()
    change = edits.disclose(ws, "hindrance", "Something rude about a colleague")
    edits.set_hidden(ws, change.created_id, True)
    text = pdf_text(ws, tmp_path)
    assert "Something rude about a colleague" not in text
    assert "1 more was hidden by the facilitator" in text


def test_a_workshop_without_disclosures_has_no_such_section(tmp_path):
    assert "What the room disclosed" not in pdf_text(customer_loyalty(), tmp_path)


def test_a_suggestion_hidden_from_the_projector_stays_out_of_the_emailed_report(tmp_path):
    ws = customer_loyalty()
    shown = edits.suggest_goal_as(ws, "Quotes within a day", None, participant="p-1").created_id
    hidden = edits.suggest_goal_as(ws, "Something rude about Finance", None, participant="p-2").created_id
    edits.set_hidden(ws, hidden, True)
    text = pdf_text(ws, tmp_path)
    assert "Quotes within a day" in text and shown
    assert "Something rude about Finance" not in text
    assert "1 more was hidden by the facilitator" in text
