"""File > Compare with…: pick the earlier file, read what changed, and take it into the next report."""

from __future__ import annotations

import re

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ui import compare_dialog
from ui.compare_dialog import CompareDialog
from ui.document import Document
from workshop import storage, user_ops
from workshop.examples import customer_loyalty

pytest.importorskip("workshop.report")


@pytest.fixture
def earlier(tmp_path):
    """The demo as it was last time, before the room added a goal for Procurement."""
    path = tmp_path / "last-time.via"
    storage.save(customer_loyalty(), path)
    return path


@pytest.fixture
def window(open_window):
    win = open_window(Document(customer_loyalty()))
    outcome = win.document.run(user_ops.add_card, "goal", "f-procurement", None, "Cut the cost of <b>travel</b> & R&D")
    assert outcome.ok
    return win


def open_compare(window, monkeypatch, path) -> CompareDialog | None:
    monkeypatch.setattr(compare_dialog, "ask_old_path", lambda parent, directory: path)
    window.actions_.compare.trigger()
    shown = [d for d in window.findChildren(CompareDialog) if d.isVisible()]
    return shown[0] if shown else None


def test_compare_shows_counts_and_lists_as_plain_text(window, monkeypatch, earlier):
    assert window.actions_.compare in window.menus["file"].actions()
    dialog = open_compare(window, monkeypatch, earlier)
    assert dialog is not None and "last-time.via" in dialog.windowTitle()
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert "Goals: 1 added, 0 removed, 0 changed, 0 relinked" in dialog.summary.text()
    details = dialog.details.toPlainText()
    assert "Goals added (1)" in details
    assert "\u201cCut the cost of <b>travel</b> & R&D\u201d (Procurement) \u2014 not aligned yet" in details
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))
    assert dialog.include_box.isChecked() and window.exporter.since is not None
    dialog.include_box.setChecked(False)
    assert window.exporter.since is None


def test_an_unreadable_file_is_said_and_nothing_is_shown(window, monkeypatch, tmp_path, prompts):
    broken = tmp_path / "broken.via"
    broken.write_text("{ not a workshop", encoding="utf-8")
    assert open_compare(window, monkeypatch, broken) is None
    asked, _ = prompts
    assert len(asked["errors"]) == 1 and "broken.via" in asked["errors"][0]
    assert window.exporter.since is None


def test_cancelling_the_file_prompt_compares_nothing(window, monkeypatch):
    assert open_compare(window, monkeypatch, None) is None
    assert window.exporter.since is None


def test_the_next_report_has_since_last_time(window, monkeypatch, earlier, qtbot, tmp_path):
    dialog = open_compare(window, monkeypatch, earlier)
    dialog.close()
    exporter = window.exporter
    done = []
    exporter.choose_path = lambda suggested: str(tmp_path / "report.pdf")
    exporter.after_export = done.append
    window.export_report()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(done[0])).pages))
    assert "Since last time" in text and "Goals added (1)" in text


def test_opening_another_workshop_forgets_the_earlier_one(window, monkeypatch, earlier):
    open_compare(window, monkeypatch, earlier).close()
    assert window.exporter.since is not None
    window.document.run(user_ops.add_card, "goal", "f-it", None, "One more goal")
    assert window.open_file(earlier)  # the prompts fixture discards unsaved changes
    assert window.exporter.since is None
