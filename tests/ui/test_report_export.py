"""File > Export report… and Email report: a PDF from a snapshot, then a draft or a fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget

import workshop.analysis
from ui.document import Document
from ui.report_export import ReportExporter, suggested_file_name
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.model import Workshop

pytest.importorskip("workshop.report")


@pytest.fixture
def exporter(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    document = Document(customer_loyalty())
    exp = ReportExporter(document, parent)
    exp.informed = []
    exp.inform = lambda title, text: exp.informed.append(text)
    return exp


def export_to(exporter: ReportExporter, qtbot, target: Path) -> None:
    done: list[Path] = []
    exporter.choose_path = lambda suggested: str(target)
    exporter.after_export = done.append
    exporter.export()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert done == [target]


def test_export_writes_the_pdf_and_keeps_the_summary(exporter, qtbot, tmp_path):
    target = tmp_path / "report.pdf"
    export_to(exporter, qtbot, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert exporter.last_pdf == target
    assert "Customer loyalty alignment workshop" in exporter.last_summary
    assert not exporter.busy


def test_the_pdf_and_the_summary_come_from_one_analysis(exporter, qtbot, tmp_path, monkeypatch):
    runs = []
    real = workshop.analysis.analyse

    def counting(ws):
        runs.append(1)
        return real(ws)

    monkeypatch.setattr(workshop.analysis, "analyse", counting)
    export_to(exporter, qtbot, tmp_path / "once.pdf")
    assert len(runs) == 1


def test_a_name_without_pdf_gets_the_extension(exporter, qtbot, tmp_path):
    done = []
    exporter.choose_path = lambda suggested: str(tmp_path / "notes")
    exporter.after_export = done.append
    exporter.export()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert done[0].name == "notes.pdf" and done[0].exists()


def test_cancelling_the_file_prompt_exports_nothing(exporter, tmp_path):
    exporter.choose_path = lambda suggested: ""
    exporter.export()
    assert not exporter.busy
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_is_said_plainly(exporter, qtbot, tmp_path):
    exporter.choose_path = lambda suggested: str(tmp_path / "missing-folder" / "report.pdf")
    exporter.after_export = lambda path: pytest.fail("no PDF can be written there")
    exporter.export()
    qtbot.waitUntil(lambda: bool(exporter.informed), timeout=60_000)
    assert "could not be written" in exporter.informed[0]
    assert "Traceback" not in exporter.informed[0]


def test_the_suggested_file_name_is_safe(qapp):
    ws = Workshop()
    ops.set_meta(ws, title='R&D / Sales: "Q3"?')
    name = suggested_file_name(ws)
    assert name.endswith(" - alignment report.pdf")
    assert not any(ch in name for ch in '/\\:*?"<>|')
    ops.set_meta(ws, title="..")
    assert suggested_file_name(ws) == "Alignment report - alignment report.pdf"


def test_email_without_a_mail_program_copies_the_summary_and_says_what_to_do(exporter, qtbot, tmp_path, monkeypatch):
    export_to(exporter, qtbot, tmp_path / "report.pdf")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    assert exporter.email() is False
    assert QGuiApplication.clipboard().text() == exporter.last_summary
    assert exporter.informed and "report.pdf" in exporter.informed[-1]
    assert str(tmp_path) in exporter.informed[-1] and "report.eml" in exporter.informed[-1], "where both are"
    assert any(url.toLocalFile() == str(tmp_path) for url in opened), "the report's folder is opened"


def test_email_with_a_mail_program_leaves_the_draft_next_to_the_pdf(exporter, qtbot, tmp_path, monkeypatch):
    export_to(exporter, qtbot, tmp_path / "report.pdf")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert exporter.email() is True
    draft = tmp_path / "report.eml"
    assert draft.exists()
    assert opened[0].toLocalFile() == str(draft)
    content = draft.read_bytes()
    assert b"X-Unsent: 1" in content and b"report.pdf" in content
    assert exporter.informed == []


def test_email_before_any_export_asks_for_the_export_first(exporter):
    assert exporter.email() is False
    assert exporter.informed == ["Export the report first."]


def test_email_after_opening_another_workshop_never_sends_the_previous_report(exporter, qtbot, tmp_path, monkeypatch):
    """The facilitator runs workshops for several clients: one's report must never go to another."""
    export_to(exporter, qtbot, tmp_path / "report.pdf")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    other = Workshop()
    ops.set_meta(other, title="Another client's workshop")
    exporter._document.replace(other, None)
    assert exporter.email() is False
    assert exporter.informed == ["Export the report first."]
    assert not (tmp_path / "report.eml").exists()


def test_email_after_the_workshop_changed_asks_for_a_fresh_export(exporter, qtbot, tmp_path, monkeypatch):
    export_to(exporter, qtbot, tmp_path / "report.pdf")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    exporter._document.run(ops.set_meta, title="Renamed after the export")
    assert exporter.email() is False
    assert "changed since the report was exported" in exporter.informed[-1]
    export_to(exporter, qtbot, tmp_path / "report.pdf")
    assert exporter.email() is True
    assert "Renamed after the export" in (tmp_path / "report.eml").read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def held_export(monkeypatch):
    """The PDF is built only once the test lets it: edits can happen while it is being built."""
    import threading

    gate = threading.Event()
    real = workshop.report.export_pdf

    def held(*args, **kwargs):
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(workshop.report, "export_pdf", held)
    yield gate
    gate.set()


def test_an_edit_while_the_report_is_built_makes_it_outdated(exporter, qtbot, tmp_path, monkeypatch, held_export):
    done: list[Path] = []
    exporter.choose_path = lambda suggested: str(tmp_path / "report.pdf")
    exporter.after_export = done.append
    exporter.export()
    exporter._document.run(ops.set_meta, title="Changed while the PDF was being built")
    held_export.set()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    assert exporter.email() is False
    assert "changed since the report was exported" in exporter.informed[-1]


def test_a_report_finished_after_another_workshop_opened_is_never_mailed(
    exporter, qtbot, tmp_path, monkeypatch, held_export
):
    exporter.choose_path = lambda suggested: str(tmp_path / "report.pdf")
    exporter.after_export = lambda pdf: pytest.fail("offered to mail the previous workshop's report")
    exporter.export()
    other = Workshop()
    ops.set_meta(other, title="Another client's workshop")
    exporter._document.replace(other, None)
    held_export.set()
    qtbot.waitUntil(lambda: not exporter.busy, timeout=60_000)
    assert (tmp_path / "report.pdf").exists(), "the file the user asked for is still written"
    assert "previous workshop" in exporter.informed[-1]
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    assert exporter.email() is False
    assert exporter.informed[-1] == "Export the report first."


def test_a_window_closed_while_its_report_is_built_still_leaves_a_whole_pdf(qtbot, tmp_path, held_export):
    """Closing the window mid-export must neither crash Via nor leave half a report behind."""
    import gc
    import weakref

    from pypdf import PdfReader

    parent = QWidget()
    exporter = ReportExporter(Document(customer_loyalty()), parent)
    target = tmp_path / "report.pdf"
    exporter.choose_path = lambda suggested: str(target)
    exporter.export()
    gone = weakref.ref(exporter)
    parent.deleteLater()
    del parent, exporter
    qtbot.waitUntil(lambda: gc.collect() >= 0 and gone() is None)
    held_export.set()
    qtbot.waitUntil(lambda: target.exists(), timeout=60_000)
    gc.collect()
    assert "Customer loyalty" in PdfReader(target).pages[0].extract_text()


def test_stop_abandons_the_report_and_leaves_the_earlier_file_as_it_was(exporter, qtbot, tmp_path, held_export):
    """A 2,000-goal report takes seconds; Stop in the progress dialog ends it without a trace."""
    target = tmp_path / "report.pdf"
    target.write_bytes(b"last week's report")
    exporter.choose_path = lambda suggested: str(target)
    exporter.after_export = lambda pdf: pytest.fail("offered to mail a report that was stopped")
    exporter.export()
    progress = exporter._progress
    assert not progress.isVisible()  # a quick export never flashes a dialog
    qtbot.waitUntil(progress.isVisible, timeout=2000)  # shown once it takes over half a second (Qt's default: 4 s)
    stop = progress.findChild(QPushButton)
    assert progress.labelText().startswith("Building") and stop.text() == "Stop"
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    held_export.set()
    qtbot.waitUntil(lambda: not exporter.busy, timeout=60_000)
    assert target.read_bytes() == b"last week's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no half-written temporary file
    assert exporter.informed == [] and exporter.last_pdf is None
    export_to(exporter, qtbot, target)  # and the next export works as ever
    assert target.read_bytes().startswith(b"%PDF")
