"""Suggestions from the room: what participants proposed, decided in front of them.

Each pending suggestion shows what it would add ("A → B" for a link, the text and function for a
goal), who proposed it, why, and its votes. Accept, Reject and +1 go through the document as one
undo step each. Accepting a link from a support goal straight to a strategic goal asks the same
question as drawing it on the board: is it a declared direct-impact exception, with a reason?
Decided suggestions stay listed, greyed, under the pending ones (or hidden with the filter).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.around_link import CANCELLED, AroundPrompt, ask_around_link, decide_suggestion
from ui.document import Document
from ui.pacing import Pacer
from ui.panels.common import ID_ROLE, action_button, run_and_show
from ui.panels.disclosures import DisclosuresPanel
from ui.panels.suggestion_dialog import SuggestionDialog, goal_label
from ui.theme import Tone, keep_toned, set_tone
from ui.tooltips import plain_tooltip
from workshop import user_ops
from workshop.changes import Change
from workshop.model import (
    Collection,
    GoalSuggestion,
    LinkKind,
    LinkSuggestion,
    SuggestionKind,
    SuggestionStatus,
    Workshop,
)
from workshop.text import shorten
from workshop.user_ops import Outcome

LABEL_LIMIT = 60

DialogRunner = Callable[[QDialog], int]
MergeChooser = Callable[[list[tuple[str, str]]], "str | None"]
"""Offered (id, description) of the suggestions a duplicate could join; returns the one chosen."""
Confirm = Callable[[str], bool]

MOST_VOTED, NEWEST = 0, 1


class SuggestionsPanel(QWidget):
    idsActivated = Signal(list)
    """Goal ids a suggestion is about (the two ends of a link, or the goal an accepted one made)."""
    message = Signal(str)
    """Why a decision or a vote did not happen, for the status bar."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.around_link_prompt: AroundPrompt = ask_around_link
        """Replaced in tests to answer the direct-impact question without a dialog."""
        self.run_dialog: DialogRunner = lambda dialog: dialog.exec()
        """Replaced in tests to fill in and accept the Add suggestion dialog without a modal loop."""

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        keep_toned(self.list)  # light/dark switched: its coloured rows follow
        self.list.setObjectName("suggestionsList")
        self.list.setAccessibleName(self.tr("Suggestions from the room"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(self._on_activated)
        self.show_decided = QCheckBox(self.tr("Show &decided"), self)
        self.show_decided.setChecked(True)
        self.show_decided.setToolTip(self.tr("Also list suggestions already accepted or rejected"))
        self._pacer = Pacer(self.rebuild, lambda: len(self._document.workshop.suggestions), self)
        self.show_decided.toggled.connect(self._pacer.run_now)
        self.order = QComboBox(self)
        self.order.addItems([self.tr("Most votes first"), self.tr("Newest first")])
        self.order.setAccessibleName(self.tr("Order of the suggestions"))
        self.order.currentIndexChanged.connect(self._pacer.run_now)
        self.choose_merge_target: MergeChooser = self._ask_merge_target
        """Replaced in tests to pick the suggestion a duplicate merges into without a dialog."""
        self.confirm: Confirm = self._ask_confirm
        """Replaced in tests to answer 'remove everything from this phone?' without a dialog."""

        self.accept_button = action_button(
            self, self.tr("&Accept"), self.tr("Accept: add it to the workshop"), self.accept_current
        )
        self.reject_button = action_button(
            self, self.tr("Re&ject"), self.tr("Reject the suggestion"), self.reject_current
        )
        self.vote_button = action_button(
            self, self.tr("+&1 vote"), self.tr("Count one more vote for it"), self.vote_current
        )
        self.add_button = action_button(
            self, self.tr("Add &suggestion…"), self.tr("Record what a participant proposed"), self.add_suggestion
        )
        buttons = QGridLayout()
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.vote_button, 1, 0)
        buttons.addWidget(self.add_button, 1, 1)
        self.hide_button = action_button(
            self, self.tr("&Hide from room"), self.tr("Keep it off the projector and the phones"), self.toggle_hidden
        )
        self.merge_button = action_button(
            self,
            self.tr("&Merge into…"),
            self.tr("It repeats another suggestion: merge it and its votes"),
            self.merge_current,
        )
        self.remove_participant_button = action_button(
            self,
            self.tr("Remove &phone's posts…"),
            self.tr("Remove everything this participant's phone posted, and its votes"),
            self.remove_participant,
        )
        buttons.addWidget(self.hide_button, 2, 0)
        buttons.addWidget(self.merge_button, 2, 1)
        buttons.addWidget(self.remove_participant_button, 3, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.order)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.show_decided)
        layout.addLayout(buttons)
        self.disclosures = DisclosuresPanel(document, self)
        """What the room disclosed from their phones (the via-negativa channel), below the suggestions."""
        self.disclosures.message.connect(self.message)
        disclosures_title = QLabel(self.tr("What hinders, from the room"), self)
        disclosures_title.setObjectName("disclosuresTitle")
        font = QFont(disclosures_title.font())
        font.setBold(True)
        disclosures_title.setFont(font)
        layout.addWidget(disclosures_title)
        layout.addWidget(self.disclosures, 1)
        document.changed.connect(self._on_changed)
        document.reset.connect(self._pacer.run_now)
        self._pacer.run_now()

    # --- the list -------------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        touched = change.touched()
        if Collection.SUGGESTIONS in touched or Collection.FUNCTIONS in touched:
            self._pacer.request()
            return
        goals = touched.get(Collection.GOALS)
        if goals and any(  # typing into a goal no suggestion names must not rebuild the list per keystroke
            isinstance(sg, LinkSuggestion) and (sg.source in goals or sg.target in goals)
            for sg in self._document.workshop.suggestions
        ):
            self._pacer.request()

    def describe(self, suggestion: LinkSuggestion | GoalSuggestion) -> str:
        """What the suggestion would add, in one line: 'A → B' or 'text (function)'."""
        ws = self._document.workshop
        if isinstance(suggestion, LinkSuggestion):
            arrow = " ⇒ " if suggestion.link_kind == LinkKind.DIRECT_IMPACT else " → "
            return (
                goal_label(ws, suggestion.source, LABEL_LIMIT) + arrow + goal_label(ws, suggestion.target, LABEL_LIMIT)
            )
        function = ws.function(suggestion.function_id)
        owner = function.name if function is not None else self.tr("strategic goal")
        return f"{shorten(suggestion.text, LABEL_LIMIT * 2)} ({owner})"

    def _details(self, suggestion: LinkSuggestion | GoalSuggestion) -> str:
        parts = [self.tr("by %s") % suggestion.author if suggestion.author else self.tr("author not recorded")]
        parts.append(self.tr("1 vote") if suggestion.votes == 1 else self.tr("%d votes") % suggestion.votes)
        if suggestion.status == SuggestionStatus.ACCEPTED:
            parts.append(self.tr("accepted"))
        elif suggestion.merged_into:
            parts.append(self.tr("merged"))
        elif suggestion.status == SuggestionStatus.REJECTED:
            parts.append(self.tr("rejected"))
        if suggestion.hidden:
            parts.append(self.tr("hidden from the room"))
        if suggestion.participant:
            parts.append(self.tr("from a phone"))
        line = " · ".join(parts)
        if suggestion.reason:
            line += "\n" + self.tr("Why: %s") % shorten(suggestion.reason, LABEL_LIMIT * 3)
        return line

    def rebuild(self) -> None:
        current = self.current_id()
        ws = self._document.workshop
        self.list.blockSignals(True)
        self.list.clear()
        pending = [s for s in ws.suggestions if s.status == SuggestionStatus.PENDING]
        decided = [s for s in ws.suggestions if s.status != SuggestionStatus.PENDING]
        if self.order.currentIndex() == NEWEST:
            pending.reverse()  # the file keeps the order they were made in
        else:
            pending.sort(key=lambda s: -s.votes)  # stable: equal votes keep the order they were made in
        shown = pending + (decided if self.show_decided.isChecked() else [])
        for suggestion in shown:
            item = QListWidgetItem(f"{self.describe(suggestion)}\n{self._details(suggestion)}")
            item.setData(ID_ROLE, suggestion.id)
            item.setToolTip(self._tooltip(ws, suggestion))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text().replace("\n", ". "))
            if suggestion.status != SuggestionStatus.PENDING:
                set_tone(item, Tone.MUTED, self.list.palette())
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
            if suggestion.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not ws.suggestions:
            self.summary.setText(self.tr("No suggestions yet. Record what participants propose with Add suggestion."))
        else:
            self.summary.setText(self.tr("%d pending, %d decided.") % (len(pending), len(decided)))
        self._update_buttons()

    def _tooltip(self, ws: Workshop, suggestion: LinkSuggestion | GoalSuggestion) -> str:
        if isinstance(suggestion, LinkSuggestion):
            source, target = ws.goal(suggestion.source), ws.goal(suggestion.target)
            what = [
                self.tr("From: %s") % (source.text if source else suggestion.source),
                self.tr("To: %s") % (target.text if target else suggestion.target),
            ]
        else:
            what = [suggestion.text]
        return plain_tooltip(*what, self.tr("Reason: %s") % suggestion.reason if suggestion.reason else "")

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(ID_ROLE)

    def select(self, suggestion_id: str) -> None:
        self._pacer.flush()  # what was just made is in the list before it is looked for
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == suggestion_id:
                self.list.setCurrentRow(row)
                return

    def shown_ids(self) -> list[str]:
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def _current(self) -> LinkSuggestion | GoalSuggestion | None:
        suggestion_id = self.current_id()
        if suggestion_id is None:
            return None
        return self._document.workshop.find(Collection.SUGGESTIONS, suggestion_id)  # type: ignore[return-value]

    def _update_buttons(self, *_: object) -> None:
        suggestion = self._current()
        pending = suggestion is not None and suggestion.status == SuggestionStatus.PENDING
        for button in (self.accept_button, self.reject_button, self.vote_button):
            button.setEnabled(pending)
        self.hide_button.setEnabled(suggestion is not None)
        self.hide_button.setText(
            self.tr("S&how to room") if suggestion is not None and suggestion.hidden else self.tr("&Hide from room")
        )
        self.merge_button.setEnabled(pending)
        self.remove_participant_button.setEnabled(suggestion is not None and suggestion.participant is not None)

    def _on_activated(self, item: QListWidgetItem) -> None:
        suggestion = self._document.workshop.find(Collection.SUGGESTIONS, item.data(ID_ROLE))
        if isinstance(suggestion, LinkSuggestion):
            self.idsActivated.emit([suggestion.source, suggestion.target])

    # --- decisions ------------------------------------------------------------------------------

    def accept_current(self) -> Outcome:
        """Accept the current suggestion; a support goal straight to strategy asks about the exception.
        The board then shows the goals it concerns."""
        outcome = self._decide(accept=True)
        created = outcome.created_id
        if created is not None:
            link = self._document.workshop.find(Collection.LINKS, created)
            self.idsActivated.emit([link.source, link.target] if link is not None else [created])  # type: ignore[attr-defined]
        return outcome

    def reject_current(self) -> Outcome:
        return self._decide(accept=False)

    def vote_current(self) -> Outcome:
        suggestion = self._current()
        if suggestion is None or suggestion.status != SuggestionStatus.PENDING:
            return CANCELLED
        return run_and_show(self._document, self._pacer, user_ops.vote, suggestion.id).tell(self.message.emit)

    def _decide(self, accept: bool) -> Outcome:
        suggestion = self._current()
        if suggestion is None or suggestion.status != SuggestionStatus.PENDING:
            return CANCELLED
        outcome = decide_suggestion(self._document, suggestion.id, accept, self.around_link_prompt, self)
        self._pacer.flush()
        return outcome.tell(self.message.emit)

    # --- the live queue: hide, merge, remove a phone's posts --------------------------------------

    def toggle_hidden(self) -> Outcome:
        suggestion = self._current()
        if suggestion is None:
            return CANCELLED
        return run_and_show(
            self._document, self._pacer, user_ops.set_hidden, suggestion.id, not suggestion.hidden
        ).tell(self.message.emit)

    def merge_current(self) -> Outcome:
        """The current suggestion repeats another: it joins the one chosen, with its votes."""
        duplicate = self._current()
        if duplicate is None or duplicate.status != SuggestionStatus.PENDING:
            return CANCELLED
        offered = [
            (s.id, self.describe(s))
            for s in self._document.workshop.suggestions
            if s.id != duplicate.id and s.kind == duplicate.kind and s.status == SuggestionStatus.PENDING
        ]
        if not offered:
            self.message.emit(self.tr("No other pending suggestion of this kind to merge it into."))
            return CANCELLED
        keep = self.choose_merge_target(offered)
        if keep is None:
            return CANCELLED
        outcome = run_and_show(self._document, self._pacer, user_ops.merge_suggestions, keep, duplicate.id).tell(
            self.message.emit
        )
        if outcome.ok:
            self.select(keep)
        return outcome

    def remove_participant(self) -> Outcome:
        suggestion = self._current()
        if suggestion is None or suggestion.participant is None:
            return CANCELLED
        who = suggestion.author or self.tr("this participant")
        question = self.tr("Remove everything %s posted from their phone, and their votes?") % who
        if not self.confirm(question):
            return CANCELLED
        return run_and_show(
            self._document, self._pacer, user_ops.remove_participant_posts, suggestion.participant
        ).tell(self.message.emit)

    def _ask_merge_target(self, offered: list[tuple[str, str]]) -> str | None:
        labels = [label for _, label in offered]
        label, ok = QInputDialog.getItem(
            self, self.tr("Merge duplicate"), self.tr("It repeats which suggestion?"), labels, 0, False
        )
        return offered[labels.index(label)][0] if ok and label in labels else None

    def _ask_confirm(self, question: str) -> bool:
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        return QMessageBox.question(self, self.tr("Remove posts"), question, yes | cancel, cancel) == yes

    # --- recording a new suggestion -------------------------------------------------------------

    def add_suggestion(self) -> str | None:
        """Open the Add suggestion dialog; returns the id of the suggestion recorded, if any."""
        created: list[str] = []

        def submit(request: dict) -> str | None:
            problem, suggestion_id = self.record(request)
            if suggestion_id is not None:
                created.append(suggestion_id)
            return problem

        dialog = SuggestionDialog(self._document.workshop, submit, self)
        try:
            self.run_dialog(dialog)
        finally:
            dialog.deleteLater()
        if created:
            self.select(created[0])
            return created[0]
        return None

    def record(self, request: dict) -> tuple[str | None, str | None]:
        """Apply a request from the dialog: (refusal sentence or None, new suggestion id or None)."""
        fields = dict(request)
        kind = fields.pop("kind")
        if kind == SuggestionKind.GOAL and not str(fields.get("text", "")).strip():
            return self.tr("A suggested goal needs some text."), None
        if kind == SuggestionKind.LINK and (fields.get("source") is None or fields.get("target") is None):
            return self.tr("Choose both goals of the link."), None
        if kind == SuggestionKind.LINK:
            outcome = run_and_show(
                self._document, self._pacer, user_ops.suggest_link, fields.pop("source"), fields.pop("target"), **fields
            )
        else:
            outcome = run_and_show(
                self._document,
                self._pacer,
                user_ops.suggest_goal,
                fields.pop("text"),
                fields.pop("function_id"),
                **fields,
            )
        return outcome.refusal, outcome.created_id
