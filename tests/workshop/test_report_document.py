"""The report as a document: paper size, metadata, outline, size, reproducibility and errors."""

from __future__ import annotations

import pypdf
import pytest

from workshop.examples import customer_loyalty
from workshop.findings import Analysis
from workshop.model import Workshop
from workshop.report import ReportError, export_pdf
from workshop.synthetic import generate

A4 = (595.3, 841.9)
LETTER = (612.0, 792.0)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    return export_pdf(customer_loyalty(), tmp_path_factory.mktemp("d") / "demo.pdf", analysis=Analysis(score=80))


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER), ("Letter", LETTER)])
def test_paper_size(tmp_path, paper, size):
    reader = pypdf.PdfReader(str(export_pdf(customer_loyalty(), tmp_path / "r.pdf", paper=paper)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == size
    # the goal tree is printed across the page: the same paper, turned
    wide = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert wide and (round(float(wide[0].mediabox.height), 1), round(float(wide[0].mediabox.width), 1)) == size


def test_unknown_paper_is_refused_with_the_choices(tmp_path):
    with pytest.raises(ValueError, match="a4, letter"):
        export_pdf(customer_loyalty(), tmp_path / "r.pdf", paper="a5")


def test_metadata(demo_pdf):
    reader = pypdf.PdfReader(str(demo_pdf))
    meta = reader.metadata
    assert meta.title == "Customer loyalty alignment workshop"
    assert meta.author == "Alex Morgan"
    assert meta.subject == "Alignment report for Northwind Services"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_outline_has_the_sections(demo_pdf):
    titles = outline_titles(pypdf.PdfReader(str(demo_pdf)))
    for section in (
        "Summary",
        "The goal tree",
        "Traceability",
        "Functions and their goals",
        "Findings",
        "Via negativa",
        "Pending suggestions",
        "Appendix: the method",
    ):
        assert section in titles
    assert "IT (support)" in titles


def test_pages_are_numbered_and_headed(demo_pdf):
    reader = pypdf.PdfReader(str(demo_pdf))
    assert len(reader.pages) >= 6
    second = reader.pages[1].extract_text()
    assert "Page 2" in second
    assert "Customer loyalty alignment workshop" in second


def test_demo_report_is_small(demo_pdf):
    assert demo_pdf.stat().st_size <= 150 * 1024


def test_reproducible_mode_gives_identical_bytes(tmp_path):
    ws = customer_loyalty()
    first = export_pdf(ws, tmp_path / "a.pdf", reproducible=True, analysis=Analysis(score=80)).read_bytes()
    second = export_pdf(ws, tmp_path / "b.pdf", reproducible=True, analysis=Analysis(score=80)).read_bytes()
    assert first == second


def test_ordinary_mode_stamps_the_real_date(tmp_path):
    reader = pypdf.PdfReader(str(export_pdf(customer_loyalty(), tmp_path / "a.pdf", analysis=Analysis())))
    assert not reader.metadata["/CreationDate"].startswith("D:2000")


def test_a_large_tree_gets_an_overview_and_details_per_function(tmp_path):
    ws = generate(150)
    reader = pypdf.PdfReader(str(export_pdf(ws, tmp_path / "big.pdf", analysis=Analysis(score=50))))
    titles = outline_titles(reader)
    details = [t for t in titles if t.startswith("Detail: ")]
    functions_with_goals = {g.function_id for g in ws.goals if g.function_id}
    assert len(details) == len(functions_with_goals)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "too many to print legibly on one page" in text


def test_an_empty_workshop_gives_a_valid_report(tmp_path):
    reader = pypdf.PdfReader(str(export_pdf(Workshop(), tmp_path / "empty.pdf", analysis=Analysis())))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "No goals were recorded" in text


def test_an_unwritable_place_gives_a_clear_error_and_no_file(tmp_path):
    with pytest.raises(ReportError, match="Cannot write the report"):
        export_pdf(customer_loyalty(), tmp_path / "missing" / "r.pdf", analysis=Analysis())
    assert not (tmp_path / "missing").exists()


def test_a_failed_export_leaves_no_partial_file(tmp_path, monkeypatch):
    import workshop.report.doc as doc_module

    def broken_build(self, story):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(doc_module.ReportDoc, "build", broken_build)
    with pytest.raises(ReportError, match="No space left"):
        export_pdf(customer_loyalty(), tmp_path / "r.pdf", analysis=Analysis())
    assert list(tmp_path.iterdir()) == []


def test_the_report_file_is_readable_by_colleagues_like_any_new_file(tmp_path) -> None:
    import os
    import stat

    from workshop.examples import customer_loyalty
    from workshop.report import export_pdf

    old = os.umask(0o022)
    try:
        out = export_pdf(customer_loyalty(), tmp_path / "report.pdf")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
