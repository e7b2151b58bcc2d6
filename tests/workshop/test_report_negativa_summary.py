"""The summary page and the email body put what matters first and name the weaknesses disclosed,
with the functions they affect; the bundled demo is the reference."""

from __future__ import annotations

import re

import pypdf

from workshop import ops
from workshop.examples import customer_loyalty
from workshop.report import export_pdf, summary_text


def summary_page(ws, tmp_path) -> str:
    path = export_pdf(ws, tmp_path / "report.pdf")
    pages = [re.sub(r"\s+", " ", page.extract_text() or "") for page in pypdf.PdfReader(str(path)).pages]
    [page] = [p for p in pages if "What matters most" in p]
    return page


def test_the_demos_summary_page_lists_what_matters_most_before_any_note(tmp_path):
    page = summary_page(customer_loyalty(), tmp_path)
    matters = page.split("What matters most")[1].split("Declared exceptions")[0]
    around = matters.index("IT will raise customer loyalty")
    tension = matters.index("works against the Customer Support KPI")
    incentive = matters.index("carries an incentive")
    first_note = matters.find("INFO")
    assert matters.index("ERROR") < around
    assert first_note == -1 or max(around, tension, incentive) < first_note


def test_the_summary_page_names_each_weakness_and_whom_it_affects(tmp_path):
    page = summary_page(customer_loyalty(), tmp_path)
    weaknesses = page.split("Disclosed weaknesses")[1].split("Decisions and owners")[0]
    assert "IT" in weaknesses and "CRM sync" in weaknesses
    assert "affects Sales, Customer Support" in weaknesses


def test_the_email_body_names_each_weakness_and_whom_it_affects():
    ws = customer_loyalty()
    ops.add_weakness(ws, "f-hr", "Recruiting runs on one spreadsheet", [])
    text = summary_text(ws)
    weaknesses = text.split("Disclosed weaknesses:\n")[1].split("\n\n")[0].splitlines()
    assert weaknesses == [
        "- IT: The CRM sync built in a hurry for the last big deal is fragile and fails under load. "
        "(affects Sales, Customer Support)",
        "- HR: Recruiting runs on one spreadsheet (affects no one recorded)",
    ]


def test_the_demos_findings_say_each_gap_once():
    from workshop.analysis import analyse

    rules = [f.rule for f in analyse(customer_loyalty()).findings]
    assert rules.count("no-internal-customers") == 1  # Procurement: one note, not five
    assert "question-open" not in rules
    assert rules[:3] == ["around-not-via", "local-incentive", "open-tension"]
