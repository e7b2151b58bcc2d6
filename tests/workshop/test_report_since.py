"""The report's "Since last time" page: there when a previous workshop is given, read back with pypdf."""

from __future__ import annotations

import re

import pypdf
import pytest

from workshop import cli, ops
from workshop.model import Workshop

pytest.importorskip("workshop.report")


def pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages]


def test_report_since_has_the_section_with_counts_and_lists(demo, via_file, tmp_path):
    old = via_file(demo.model_copy(deep=True), "old.via")
    ops.add_goal(demo, "Cut the cost of <b>travel</b> & R&D", "f-procurement", id="g-travel")
    ops.remove_goal(demo, "g-hr-vacancies")
    new = via_file(demo, "new.via")
    out = tmp_path / "report.pdf"
    assert cli.main(["report", str(new), "--since", str(old), "-o", str(out)]) == 0
    text = pages(out)
    (page,) = [p for p in text if "Since last time" in p and "Last time" in p]
    assert "Goals: 1 added, 1 removed, 0 changed, 0 relinked" in page
    assert "Cut the cost of <b>travel</b> & R&D (Procurement)" in page  # user text printed as typed
    assert "Fill vacant posts within 30 days with people who fit (HR)" in page
    assert page.index("Goals: 1 added") < page.index("Goals added (1)")  # counts before lists
    summary = next(i for i, p in enumerate(text) if "What matters most" in p)
    assert text.index(page) == summary + 1  # right after the summary, on a page of its own


def test_without_since_there_is_no_section(demo, tmp_path):
    from workshop.report import export_pdf

    assert not any("Since last time" in p for p in pages(export_pdf(demo, tmp_path / "r.pdf")))


def test_the_same_workshop_since_itself_says_nothing_changed(demo, tmp_path):
    from workshop.report import export_pdf

    text = " ".join(pages(export_pdf(demo, tmp_path / "r.pdf", since=demo.model_copy(deep=True))))
    assert "Since last time" in text and "Nothing changed" in text


def test_since_an_empty_workshop(demo, tmp_path):
    from workshop.report import export_pdf

    text = " ".join(pages(export_pdf(demo, tmp_path / "r.pdf", since=Workshop())))
    assert "Goals: 11 added, 0 removed" in text
    assert "and 5 more." in text  # eleven goals added, six listed


def test_absurd_labels_print_clipped_and_literal(demo, tmp_path):
    from workshop.report import export_pdf

    old = demo.model_copy(deep=True)
    ops.add_goal(demo, "<img src=/etc/passwd> " + "w" * 10_000, "f-it", id="g-long")
    ops.add_goal(demo, "\u0645\u0628\u064a\u0639\u0627\u062a \U0001f680 \u4e2d\u6587", "f-sales", id="g-intl")
    (page,) = [p for p in pages(export_pdf(demo, tmp_path / "r.pdf", since=old)) if "Last time" in p]
    assert "Goals added (2)" in page and "<img src=/etc/passwd>" in page
    assert 100 < page.count("w") < 400  # clipped to a line or two on this page
