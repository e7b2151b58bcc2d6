"""File > Import…: a preview with counts and every row left out, nothing changed until Import, one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTableWidget

from ui import import_dialog
from ui.document import Document
from ui.import_dialog import ImportDialog
from workshop.examples import customer_loyalty
from workshop.importing import read_file
from workshop.importing.template import write_template
from workshop.model import Workshop


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def table(widget: QTableWidget) -> list[list[str]]:
    return [[widget.item(r, c).text() for c in range(widget.columnCount())] for r in range(widget.rowCount())]


@pytest.fixture
def dialog(qtbot):
    def make(document: Document) -> ImportDialog:
        made = ImportDialog(document)
        qtbot.addWidget(made)
        return made

    return make


@pytest.fixture
def mixed_file(tmp_path) -> Path:
    """Two good rows and three bad ones, one of them with markup in its text."""
    return workbook(
        tmp_path / "plan.xlsx",
        {
            "Strategic goals": [["Strategic goal", "Target"], ["Grow <b>fast</b>", "=1+1"], ["Lead the market", "1st"]],
            "Functions": [["Function", "Type"], ["Legal", "support"]],
            "Goals": [["Function", "Goal"], ["Slaes", "Quote within a day"], ["Legal", ""]],
        },
    )


def test_the_preview_counts_and_lists_every_row_left_out_and_changes_nothing(dialog, mixed_file):
    document = Document(Workshop())
    shown = dialog(document)
    assert not shown.import_button.isEnabled(), "nothing to import before a file is chosen"
    shown.load(mixed_file)
    assert shown.import_button.isEnabled()
    assert shown.summary.text() == "Import would add 1 strategic goal and 1 function."
    headers = [shown.counts.horizontalHeaderItem(c).text() for c in range(shown.counts.columnCount())]
    assert headers == ["Strategic goals", "Functions", "Goals", "KPIs", "Participants"]
    assert table(shown.counts) == [["1", "1", "0", "0", "0"]]
    assert table(shown.problems) == [
        ["Strategic goals", "2", "a formula instead of a value in the column 'Target'"],
        ["Goals", "2", "unknown function 'Slaes': it is neither in the workshop nor on the Functions sheet"],
        ["Goals", "3", "empty: the goal has no text"],
    ]
    assert shown.problems_label.text() == "Left out (3):"
    assert document.workshop == Workshop() and document.undo_stack.count() == 0


def test_import_applies_as_one_undo_step_and_undo_takes_it_all_back(dialog, tmp_path):
    document = Document(customer_loyalty())
    before = document.workshop.model_copy(deep=True)
    shown = dialog(document)
    shown.load(
        workbook(
            tmp_path / "more.xlsx",
            {
                "Functions": [["Function", "Type"], ["Legal", "support"]],
                "Goals": [
                    ["Function", "Goal", "Measure", "Target"],
                    ["Legal", "Contracts reviewed in 2 days", "Days", "2"],
                ],
            },
        )
    )
    shown.import_button.click()
    assert shown.result() == QDialog.DialogCode.Accepted
    ws = document.workshop
    legal = next(f for f in ws.functions if f.name == "Legal")
    assert [(g.text, g.measure, g.target) for g in ws.goals_of(legal.id)] == [
        ("Contracts reviewed in 2 days", "Days", "2")
    ]
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Import more.xlsx"
    assert shown.outcome is not None and shown.outcome.note == "Imported 1 function and 1 goal."
    document.undo_stack.undo()
    assert document.workshop == before
    document.undo_stack.redo()
    assert len(document.workshop.goals_of(legal.id)) == 1


def test_cancel_changes_nothing(dialog, tmp_path):
    document = Document(Workshop())
    shown = dialog(document)
    shown.load(write_template(tmp_path / "t.xlsx"))
    shown.buttons.button(shown.buttons.StandardButton.Cancel).click()
    assert shown.result() == QDialog.DialogCode.Rejected
    assert shown.outcome is None
    assert document.workshop == Workshop() and document.undo_stack.count() == 0


def test_a_refused_file_says_why_and_offers_no_import(dialog, tmp_path):
    bad = tmp_path / "macro.xlsm"
    bad.write_bytes(b"PK\x03\x04")
    shown = dialog(Document(Workshop()))
    shown.load(bad)
    assert shown.summary.text().startswith("macro.xlsm is a macro-enabled or binary workbook")
    assert not shown.import_button.isEnabled()
    assert shown.problems.isHidden()


def test_a_file_with_nothing_importable_says_so(dialog, tmp_path):
    shown = dialog(Document(Workshop()))
    shown.load(workbook(tmp_path / "none.xlsx", {"Goals": [["Function", "Goal"], ["Nobody", "x"]]}))
    assert shown.summary.text() == "Nothing in this file can be added; the rows below say why."
    assert not shown.import_button.isEnabled()
    assert table(shown.problems)[0][:2] == ["Goals", "2"]


def test_if_the_workshop_changed_meanwhile_import_adds_only_what_still_fits(dialog, tmp_path):
    from workshop import user_ops

    document = Document(Workshop())
    shown = dialog(document)
    shown.load(workbook(tmp_path / "s.xlsx", {"Strategic goals": [["Strategic goal"], ["Grow"]]}))
    document.run(user_ops.add_goal, "Grow")  # the room added the same goal while the preview was open
    shown.import_button.click()
    assert shown.error.text() == "Nothing to import from s.xlsx: no row can be added."
    assert shown.result() != QDialog.DialogCode.Accepted
    assert table(shown.problems)[0][2] == "duplicate: the workshop already has this strategic goal ('Grow')"
    assert document.undo_stack.count() == 1


def test_the_template_button_saves_a_template_that_imports(dialog, tmp_path, monkeypatch):
    target = tmp_path / "to-fill.xlsx"
    monkeypatch.setattr(import_dialog, "ask_template_path", lambda parent, directory="": target)
    shown = dialog(Document(Workshop()))
    shown.template_button.click()
    assert len(read_file(target).rows) == 19
    assert "Template saved to" in shown.file_label.text()


def test_choose_file_reads_the_chosen_file(dialog, tmp_path, monkeypatch):
    path = write_template(tmp_path / "t.csv")
    monkeypatch.setattr(import_dialog, "ask_import_path", lambda parent, directory="": path)
    shown = dialog(Document(Workshop()))
    shown.choose_button.click()
    assert (
        shown.summary.text() == "Import would add 3 strategic goals, 6 functions, 5 goals, 2 KPIs and 3 participants."
    )


def test_labels_show_file_text_as_plain_text(dialog, mixed_file):
    shown = dialog(Document(Workshop()))
    shown.load(mixed_file)
    for label in (shown.summary, shown.file_label, shown.error, shown.problems_label):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_file_import_in_the_window_shows_the_outcome_and_the_new_cards(open_window, tmp_path, monkeypatch):
    window = open_window()
    path = workbook(tmp_path / "w.xlsx", {"Strategic goals": [["Strategic goal"], ["Win the region"]]})

    def pick_and_import(self: ImportDialog) -> int:
        self.load(path)
        self.import_button.click()
        return int(self.result())

    monkeypatch.setattr(ImportDialog, "exec", pick_and_import)
    window.actions_.import_file.trigger()
    assert window.statusBar().currentMessage() == "Imported 1 strategic goal."
    new = next(g for g in window.document.workshop.goals if g.text == "Win the region")
    assert window.board.board_scene.card(new.id) is not None
    assert window.actions_.import_file in window.menus["file"].actions()
