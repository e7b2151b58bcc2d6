"""The question a support-to-strategy link raises: is it a declared exception, or a shortcut?

The method wants support functions to reach strategy through the functions they serve. A direct
link is sometimes right (purchasing policy cuts expenditure), but then it must be a decision with a
reason. `ask_around_link` is the one dialog; tests replace it (`around_link_prompt` of the board and
of the Suggestions panel). `link_goals` and `decide_suggestion` are the two acts that may raise the
question, written once for the board and the Suggestions panel alike.
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

from ui.document import Document
from ui.plain_text import plain_label
from workshop import user_ops
from workshop.changes import OperationError
from workshop.model import Collection, LinkKind, LinkSuggestion, SuggestionStatus
from workshop.user_ops import Outcome


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


CANCELLED = Outcome()
"""The facilitator closed the question: nothing changed and there is nothing to say."""


def _ask(
    prompt: AroundPrompt, parent: QWidget | None, document: Document, source: str, target: str, reason: str
) -> AroundChoice:
    ws = document.workshop
    source_goal, target_goal = ws.goal(source), ws.goal(target)
    source_text = source_goal.text if source_goal else source
    return prompt(parent, source_text, target_goal.text if target_goal else target, reason)


def link_goals(document: Document, source: str, target: str, prompt: AroundPrompt, parent: QWidget | None) -> Outcome:
    """Link two goals; a support goal straight to a strategic goal first asks whether it is a declared
    exception (with its reason) or a plain link the findings will flag."""
    ws = document.workshop
    try:
        user_ops.check_link(ws, source, target)
    except OperationError as error:  # no question about a link that cannot be made
        return user_ops.refused(str(error))
    if not user_ops.is_around_link(ws, source, target):
        return document.run(user_ops.link_goals, source, target)
    choice = _ask(prompt, parent, document, source, target, "")
    if choice.answer == AroundAnswer.EXCEPTION:
        return document.run(user_ops.link_goals, source, target, kind=LinkKind.DIRECT_IMPACT, reason=choice.reason)
    if choice.answer == AroundAnswer.PLAIN:
        return document.run(user_ops.link_goals, source, target)
    return CANCELLED


def decide_suggestion(
    document: Document, suggestion_id: str, accept: bool, prompt: AroundPrompt, parent: QWidget | None
) -> Outcome:
    """Accept or reject a participant's suggestion. Accepting a support goal -> strategic goal link asks
    what drawing it asks, with the participant's reason filled in; the link and its kind are then one
    undo step."""
    if not accept:
        return document.run(user_ops.reject_suggestion, suggestion_id)
    ws = document.workshop
    suggestion = ws.find(Collection.SUGGESTIONS, suggestion_id)
    if not (
        isinstance(suggestion, LinkSuggestion)
        and suggestion.status == SuggestionStatus.PENDING
        and user_ops.is_around_link(ws, suggestion.source, suggestion.target)
    ):
        return document.run(user_ops.accept_suggestion, suggestion_id)
    try:
        user_ops.check_link(ws, suggestion.source, suggestion.target)
    except OperationError as error:  # no question about a link that cannot be made
        return user_ops.refused(str(error))
    choice = _ask(prompt, parent, document, suggestion.source, suggestion.target, suggestion.reason)
    if choice.answer == AroundAnswer.CANCEL:
        return CANCELLED
    exception = choice.answer == AroundAnswer.EXCEPTION
    kind = LinkKind.DIRECT_IMPACT if exception else LinkKind.CONTRIBUTES
    return document.run(
        user_ops.accept_suggestion, suggestion_id, link_kind=kind, reason=choice.reason if exception else ""
    )
