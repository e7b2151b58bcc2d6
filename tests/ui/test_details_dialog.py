"""File > Workshop details…: the cover's title, organisation, date, facilitator and participants."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from ui.document import Document
from ui.workshop_details import WorkshopDetailsDialog
from workshop import ops, user_ops
from workshop.examples import customer_loyalty
from workshop.model import Workshop


def make_dialog(qtbot, document: Document, intro: str = "") -> WorkshopDetailsDialog:
    dialog = WorkshopDetailsDialog(document, intro)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_shows_the_current_details(qtbot):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    meta = document.workshop.meta
    assert dialog.title_edit.text() == meta.title
    assert dialog.organisation_edit.text() == meta.organisation
    assert dialog.facilitator_edit.text() == meta.facilitator
    assert not dialog.no_date.isChecked()
    assert dialog.date_edit.date() == QDate(meta.date.year, meta.date.month, meta.date.day)
    assert dialog.participants_edit.toPlainText().split("\n") == meta.participants


def test_ok_applies_every_field_as_one_undo_step(qtbot):
    document = Document(Workshop())
    dialog = make_dialog(qtbot, document)
    assert dialog.no_date.isChecked(), "a new workshop has no date"
    dialog.title_edit.setText("Spring <b>alignment</b>")
    dialog.organisation_edit.setText("R&D GmbH")
    dialog.facilitator_edit.setText("Alex")
    dialog.no_date.setChecked(False)
    dialog.date_edit.setDate(QDate(2027, 3, 14))
    dialog.participants_edit.setPlainText("Priya\n\n  Tom  \nLena\n")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    meta = document.workshop.meta
    assert meta.title == "Spring <b>alignment</b>"
    assert meta.organisation == "R&D GmbH"
    assert meta.facilitator == "Alex"
    assert meta.date == dt.date(2027, 3, 14)
    assert meta.participants == ["Priya", "Tom", "Lena"]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.workshop.meta.title == "Untitled workshop"
    assert document.workshop.meta.participants == []


def test_no_date_clears_the_date(qtbot):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    dialog.no_date.setChecked(True)
    assert not dialog.date_edit.isEnabled()
    dialog.apply()
    assert document.workshop.meta.date is None


def test_a_blank_title_falls_back_to_the_default(qtbot):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    dialog.title_edit.setText("   ")
    dialog.apply()
    assert document.workshop.meta.title == "Untitled workshop"


def test_cancel_changes_nothing(qtbot):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    dialog.title_edit.setText("Something else")
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert document.workshop.meta.title == "Customer loyalty alignment workshop"
    assert document.undo_stack.count() == 0


def test_a_too_long_participant_name_is_refused_in_the_dialog(qtbot):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    dialog.participants_edit.setPlainText("Priya\n" + "x" * 300)
    dialog.apply()
    assert dialog.error.isVisibleTo(dialog)
    assert "200" in dialog.error.text()
    assert dialog.result() == 0, "the dialog stays open to fix it"
    assert document.undo_stack.count() == 0


def test_a_refusal_from_the_model_is_shown_in_the_dialog(qtbot, monkeypatch):
    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)

    def refuse(ws, **fields):
        raise ops.OperationError("title: too odd")

    monkeypatch.setattr(user_ops, "set_meta", refuse)
    dialog.apply()
    assert dialog.error.text() == "title: too odd"
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText


def test_names_are_limited_as_the_model_limits_them(qtbot):
    dialog = make_dialog(qtbot, Document(Workshop()))
    for edit in (dialog.title_edit, dialog.organisation_edit, dialog.facilitator_edit):
        assert edit.maxLength() == 200
    dialog.title_edit.setText("y" * 500)
    assert len(dialog.title_edit.text()) == 200


def test_the_intro_explains_why_the_dialog_appears(qtbot):
    dialog = make_dialog(qtbot, Document(Workshop()), intro="The cover shows <b>these</b>.")
    labels = [w for w in dialog.findChildren(type(dialog.error)) if w.text() == "The cover shows <b>these</b>."]
    assert labels and labels[0].textFormat() == Qt.TextFormat.PlainText


def test_an_untitled_workshop_shows_the_default_title_as_a_hint_not_as_text_to_delete(qtbot):
    dialog = make_dialog(qtbot, Document(Workshop()))
    assert dialog.title_edit.text() == ""
    assert dialog.title_edit.placeholderText() == "Untitled workshop"


def test_an_address_typed_after_a_participant_puts_them_on_the_reports_email(qtbot):
    from workshop.maildraft import participant_addresses

    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    lines = dialog.participants_edit.toPlainText().split("\n")
    lines[0] = f"{lines[0]} <priya@northwind.example>"
    dialog.participants_edit.setPlainText("\n".join(lines))
    dialog.apply()
    meta = document.workshop.meta
    assert meta.participants[0] == "Priya Shah (Sales)", "the name is kept without its address"
    assert participant_addresses(meta) == [("Priya Shah (Sales)", "priya@northwind.example")]
    again = make_dialog(qtbot, document)
    assert again.participants_edit.toPlainText().split("\n")[0] == "Priya Shah (Sales) <priya@northwind.example>"
    document.undo_stack.undo()
    assert participant_addresses(document.workshop.meta) == []


def test_a_line_with_a_broken_address_is_refused_and_nothing_changes(qtbot):
    document = Document(customer_loyalty())
    before = document.workshop.meta.model_dump()
    dialog = make_dialog(qtbot, document)
    dialog.participants_edit.setPlainText("Tom Berg <tom@@example, bcc: all@example.com>")
    dialog.apply()
    assert "Tom Berg" in dialog.error.text() and "email address" in dialog.error.text()
    assert document.workshop.meta.model_dump() == before
    assert document.undo_stack.count() == 0


def test_clearing_the_address_keeps_the_participant(qtbot):
    from workshop.maildraft import participant_addresses

    document = Document(customer_loyalty())
    dialog = make_dialog(qtbot, document)
    dialog.participants_edit.setPlainText("Ken Ito (Procurement) <ken@northwind.example>")
    dialog.apply()
    dialog = make_dialog(qtbot, document)
    dialog.participants_edit.setPlainText("Ken Ito (Procurement)")
    dialog.apply()
    assert document.workshop.meta.participants == ["Ken Ito (Procurement)"]
    assert participant_addresses(document.workshop.meta) == []
