"""The question a support-to-strategy link raises: is it a declared exception, or a shortcut?

The method wants support functions to reach strategy through the functions they serve. A direct
link is sometimes right (purchasing policy cuts expenditure), but then it must be a decision with a
reason. `ask_around_link` is the one entry point; tests replace it (BoardView.around_link_prompt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import plain_label


class AroundAnswer(StrEnum):
    EXCEPTION = "exception"
    PLAIN = "plain"
    CANCEL = "cancel"


@dataclass(frozen=True)
class AroundChoice:
    answer: AroundAnswer
    reason: str = ""


class AroundLinkDialog(QDialog):
    def __init__(self, source_text: str, target_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Support goal to strategic goal"))
        self.choice = AroundChoice(AroundAnswer.CANCEL)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Strategy reaches support functions through the functions they serve: a support goal "
                    "usually helps an internal customer's goal, which then moves the strategic goal. "
                    "Is this link a deliberate direct-impact exception?"
                ),
                parent=self,
            )
        )
        source = plain_label(self.tr("From: ") + source_text[:300], parent=self)
        target = plain_label(self.tr("To: ") + target_text[:300], parent=self)
        layout.addWidget(source)
        layout.addWidget(target)
        layout.addWidget(plain_label(self.tr("Why does this goal move the strategic goal directly?"), parent=self))
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("Reason (required for an exception)"))
        self.reason_edit.setTabChangesFocus(True)
        layout.addWidget(self.reason_edit)
        buttons = QDialogButtonBox(self)
        self.exception_button = QPushButton(self.tr("Declare exception"), self)
        self.plain_button = QPushButton(self.tr("Link anyway"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons.addButton(self.exception_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.plain_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.exception_button.setEnabled(False)
        self.reason_edit.textChanged.connect(self._reason_changed)
        self.exception_button.clicked.connect(self._declare)
        self.plain_button.clicked.connect(self._plain)
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.plain_button.setAutoDefault(False)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _reason_changed(self) -> None:
        self.exception_button.setEnabled(bool(self.reason()))

    def _declare(self) -> None:
        if not self.reason():
            return
        self.choice = AroundChoice(AroundAnswer.EXCEPTION, self.reason())
        self.accept()

    def _plain(self) -> None:
        self.choice = AroundChoice(AroundAnswer.PLAIN)
        self.accept()


AroundPrompt = Callable[[QWidget | None, str, str, str], AroundChoice]
"""(parent, source text, target text, suggested reason) -> the facilitator's answer."""


def ask_around_link(parent: QWidget | None, source_text: str, target_text: str, reason: str = "") -> AroundChoice:
    """Show the dialog modally and return what the facilitator chose (Cancel if closed).

    `reason` fills the reason in: a participant's suggestion usually says why already.
    """
    dialog = AroundLinkDialog(source_text, target_text, parent)
    dialog.reason_edit.setPlainText(reason)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return AroundChoice(AroundAnswer.CANCEL)
        return dialog.choice
    finally:
        dialog.deleteLater()
