"""File > Workshop details…: the title, organisation, date, facilitator and participants.

These are what the report's cover and the email subject show, so they must be editable; they are
applied with `user_ops.set_meta` through the document, as one undo step, and refused values (a name
longer than the model allows) are said in the dialog, which stays open to fix them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.document import Document
from ui.plain_text import plain_label
from workshop import participant_lines, user_ops
from workshop.model import Meta
from workshop.text import MAX_NAME, clean_name

MAX_PARTICIPANTS = 1000


class WorkshopDetailsDialog(QDialog):
    """Edits a copy of the details; nothing reaches the model until OK, and then as one step."""

    def __init__(self, document: Document, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Workshop details"))
        self.setObjectName("workshopDetailsDialog")
        self._document = document
        meta = document.workshop.meta
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(plain_label(intro, parent=self))
        form = QFormLayout()
        # The default title is shown as a hint, not as text to delete before typing a real one.
        self.title_edit = self._line(self.tr("Title"), "" if meta.title == Meta().title else meta.title)
        self.title_edit.setPlaceholderText(Meta().title)
        self.organisation_edit = self._line(self.tr("Organisation"), meta.organisation)
        self.facilitator_edit = self._line(self.tr("Facilitator"), meta.facilitator)
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.no_date = QCheckBox(self.tr("&No date"), self)
        self.no_date.setAccessibleName(self.tr("No date"))
        self.no_date.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        if meta.date is None:
            self.date_edit.setDate(QDate.currentDate())
            self.no_date.setChecked(True)
        else:
            self.date_edit.setDate(QDate(meta.date.year, meta.date.month, meta.date.day))
        date_row = QWidget(self)  # a widget, not a layout, so the row's label can be its buddy (Alt+D)
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.date_edit, 1)
        date_layout.addWidget(self.no_date)
        date_row.setFocusProxy(self.date_edit)
        self.participants_edit = QPlainTextEdit(self)
        self.participants_edit.setAccessibleName(self.tr("Participants, one per line"))
        self.participants_edit.setTabChangesFocus(True)
        self.participants_edit.setPlaceholderText(
            self.tr("One name per line; an address in <angle brackets> puts them on the report's email")
        )
        self.participants_edit.setPlainText("\n".join(participant_lines.as_lines(meta.participants, meta.contacts)))
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Organisation"), self.organisation_edit)
        form.addRow(self.tr("&Date"), date_row)
        form.addRow(self.tr("&Facilitator"), self.facilitator_edit)
        form.addRow(self.tr("&Participants"), self.participants_edit)
        layout.addLayout(form)
        self.error = plain_label("", parent=self)
        self.error.setObjectName("detailsError")
        self.error.setStyleSheet(theme.message_style(theme.Tone.ERROR, self.palette()))
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.title_edit.setFocus()
        self.resize(480, self.sizeHint().height())

    def _line(self, name: str, value: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setAccessibleName(name)
        edit.setMaxLength(MAX_NAME)
        return edit

    def fields(self) -> dict[str, Any]:
        """The details as typed, cleaned the way the model cleans them; blank participant lines dropped."""
        date = None
        if not self.no_date.isChecked():
            q = self.date_edit.date()
            date = dt.date(q.year(), q.month(), q.day())
        participants, contacts = participant_lines.from_lines(
            self.participants_edit.toPlainText().split("\n"), self._document.workshop.meta.contacts
        )
        return {
            "title": clean_name(self.title_edit.text()) or Meta().title,
            "organisation": self.organisation_edit.text(),
            "date": date,
            "facilitator": self.facilitator_edit.text(),
            "participants": participants,
            "contacts": contacts,
        }

    def apply(self) -> None:
        """Write the details as one undo step; a refusal stays in the dialog, with the reason."""
        try:
            fields = self.fields()
        except participant_lines.ParticipantLineError as error:
            self._refuse(str(error))
            return
        if len(fields["participants"]) > MAX_PARTICIPANTS:
            self._refuse(self.tr("At most %d participants can be listed.") % MAX_PARTICIPANTS)
            return
        too_long = next((name for name in fields["participants"] if len(name) > MAX_NAME), None)
        if too_long is not None:
            self._refuse(
                self.tr("A participant's name can have at most %d characters: “%s…”") % (MAX_NAME, too_long[:40])
            )
            return
        outcome = self._document.run(user_ops.set_meta, **fields)
        if outcome.refusal:
            self._refuse(outcome.refusal)
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def edit_details(parent: QWidget | None, document: Document, intro: str = "") -> bool:
    """Show the dialog modally; True when the user pressed OK (whether or not anything changed).

    Tests replace this function to answer without a modal dialog.
    """
    dialog = WorkshopDetailsDialog(document, intro, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
