"""File > Compare with…: what changed since an earlier workshop file, and a way to report it.

The facilitator picks the older `.via`; Via reads it (never into the open document), compares it
with the workshop on the board (`workshop.compare`, the same words as `via diff`) and shows the
result: the counts in a label, every list in a read-only text box, all of it plain text, since it
quotes goal texts. A check box, on by default, lets the next exported report carry the page
"Since last time"; the window's exporter keeps that earlier workshop for the session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs
from ui.background import run_while_painting
from ui.document import Document
from ui.plain_text import plain_label
from workshop import storage
from workshop.compare import Comparison, compare
from workshop.compare.render import NOTHING, as_text, lists_text, score_line, summary_lines
from workshop.model import Workshop
from workshop.text import one_line

Include = Callable[[Workshop | None], None]
"""Hands the earlier workshop to the report export (None: leave the page out)."""


def tr(text: str) -> str:
    return QCoreApplication.translate("CompareDialog", text)


def ask_old_path(parent: QWidget | None, directory: str) -> Path | None:
    """Replaced in tests, as the prompts of `ui.dialogs` are."""
    path, _ = QFileDialog.getOpenFileName(
        parent, tr("Compare with an earlier workshop"), directory, tr(dialogs.VIA_FILTER)
    )
    return Path(path) if path else None


class CompareDialog(QDialog):
    def __init__(self, comparison: Comparison, old_name: str, include: Include, old: Workshop, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Compare with {0}").format(one_line(old_name)))
        self.setObjectName("CompareDialog")
        self._old, self._include = old, include
        layout = QVBoxLayout(self)
        lines = [tr("Compared with {0}").format(old_name), ""]
        if comparison.nothing_changed:
            lines += [NOTHING, score_line(comparison.before, comparison.after)]
        else:
            lines += summary_lines(comparison)
        self.summary = plain_label("\n".join(lines), "compareSummary")
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("compareDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setPlainText(lists_text(comparison))
        self._full_text = as_text(comparison, old_name, tr("now"))
        self.details.setVisible(not comparison.nothing_changed)
        layout.addWidget(self.details, 1)
        self.include_box = QCheckBox(tr("Add the page “Since last time” to the reports I export"), self)
        self.include_box.setChecked(True)
        self.include_box.toggled.connect(self._include_toggled)
        layout.addWidget(self.include_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._full_text))
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if comparison.nothing_changed:
            layout.addStretch(1)
            self.resize(640, self.sizeHint().height())
        else:
            self.resize(760, 560)
        include(old)

    def _include_toggled(self, on: bool) -> None:
        self._include(self._old if on else None)


def compare_with(
    parent: QWidget, document: Document, include: Include, path: Path | None = None
) -> CompareDialog | None:
    """Ask for the earlier file, compare and show the dialog (not blocking); None when cancelled or
    the file cannot be read, which is said in a plain message."""
    if path is None:
        start = document.path.parent if document.path else Path.home()
        path = ask_old_path(parent, str(start))
        if path is None:
            return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        old = run_while_painting("open", storage.load, path)  # the live workshop is compared here, not there
        comparison = compare(old, document.workshop)
    except Exception as error:  # storage says LoadError; anything else is still a message, not a crash
        QGuiApplication.restoreOverrideCursor()
        message = str(error) or type(error).__name__
        dialogs.show_error(
            parent, tr("Compare with"), one_line(tr("Could not compare with {0}: {1}").format(path.name, message))
        )
        return None
    QGuiApplication.restoreOverrideCursor()
    dialog = CompareDialog(comparison, path.name, include, old, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
