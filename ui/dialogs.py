"""Every question the window asks the user, in one place, as plain functions.

Callers use them through the module (`dialogs.ask_save_changes(...)`) so that tests can replace
a prompt with a lambda instead of clicking through a modal dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from workshop.model import FunctionKind
from workshop.text import MAX_NAME

SaveAnswer = Literal["save", "discard", "cancel"]

VIA_FILTER = "Via workshop (*.via)"


def tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def ask_save_changes(parent: QWidget | None, name: str) -> SaveAnswer:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Unsaved changes"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the user's file name: never markup
    box.setText(tr("Save the changes to “%s” before closing it?") % name)
    box.setInformativeText(tr("If you don't save, the changes since the last save are lost."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_open_path(parent: QWidget | None, directory: str = "") -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open workshop"), directory, tr(VIA_FILTER))
    return Path(path) if path else None


def ask_save_path(parent: QWidget | None, suggested: str = "") -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save workshop as"), suggested, tr(VIA_FILTER))
    if not path:
        return None
    result = Path(path)
    return result if result.suffix else result.with_suffix(".via")


ChangedAnswer = Literal["overwrite", "save_as", "cancel"]


def ask_overwrite_changed(parent: QWidget | None, name: str) -> ChangedAnswer:
    """The file was changed on disk since it was opened or saved here (a colleague, another Via)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("File changed on disk"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tr("“%s” was changed by someone or something else since you opened or saved it here.") % name)
    box.setInformativeText(tr("Saving over it loses those changes. Save under another name to keep both."))
    save_as = box.addButton(tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
    overwrite = box.addButton(tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    if box.clickedButton() is save_as:
        return "save_as"
    if box.clickedButton() is overwrite:
        return "overwrite"
    return "cancel"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


class NewFunctionDialog(QDialog):
    """A function's name and whether it faces customers or serves other functions: the kind decides
    its band and which questions the guide asks it, so it is asked up front, not fixed later."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Add function"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setPlaceholderText(tr("e.g. Sales, IT, Procurement"))
        self.name_edit.setAccessibleName(tr("Name of the function"))
        self.customer_facing = QRadioButton(tr("Customer-facing: works with customers (Sales, Service)"), self)
        self.support = QRadioButton(tr("Support: serves other functions (IT, HR, Finance)"), self)
        self.customer_facing.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setEnabled(False)
        self.name_edit.textChanged.connect(lambda text: self._ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Name of the function:"), self))
        layout.addWidget(self.name_edit)
        layout.addWidget(self.customer_facing)
        layout.addWidget(self.support)
        layout.addWidget(buttons)

    def answer(self) -> tuple[str, FunctionKind]:
        kind = FunctionKind.SUPPORT if self.support.isChecked() else FunctionKind.CUSTOMER_FACING
        return self.name_edit.text().strip(), kind


def ask_new_function(parent: QWidget | None) -> tuple[str, FunctionKind] | None:
    """(name, kind) of a function to add, or None when cancelled."""
    dialog = NewFunctionDialog(parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_colour(parent: QWidget | None, initial: str) -> str | None:
    colour = QColorDialog.getColor(QColor(initial), parent, tr("Function colour"))
    return colour.name().upper() if colour.isValid() else None


def ask_restore(parent: QWidget | None, description: str) -> bool:
    """After a crash: bring back the unsaved work (True) or throw it away (False)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Recover unsaved work"))
    box.setText(tr("Via did not close properly last time. Restore the unsaved work?"))
    box.setInformativeText(description)
    box.setTextFormat(Qt.TextFormat.PlainText)
    restore = box.addButton(tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
