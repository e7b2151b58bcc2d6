"""What the room disclosed from their phones: hindrances, weaknesses and KPIs that game the whole.

Anonymous unless the participant signed. The facilitator takes each into the workshop (a weakness
of a named function becomes its disclosed weakness, a gaming KPI one of its KPIs), sets it aside,
or hides it from the projector and the phones; each is one undo step through the document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.document import Document
from ui.pacing import Pacer
from ui.panels.common import ID_ROLE, action_button, run_and_show
from ui.theme import Tone, keep_toned, set_tone
from ui.tooltips import plain_tooltip
from workshop import user_ops
from workshop.changes import Change
from workshop.model import Collection, Disclosure, DisclosureKind, SuggestionStatus
from workshop.text import shorten
from workshop.user_ops import Outcome

KINDS = {
    DisclosureKind.HINDRANCE: "Hindrance",
    DisclosureKind.WEAKNESS: "Weakness",
    DisclosureKind.GAMING_KPI: "KPI that games the whole",
}


class DisclosuresPanel(QWidget):
    message = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        keep_toned(self.list)  # light/dark switched: its coloured rows follow
        self.list.setObjectName("disclosuresList")
        self.list.setAccessibleName(self.tr("What the room disclosed"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.accept_button = action_button(
            self, self.tr("&Record"), self.tr("Take it into the workshop's via-negativa record"), self.accept_current
        )
        self.aside_button = action_button(self, self.tr("Set &aside"), self.tr("Not for this workshop"), self.set_aside)
        self.hide_button = action_button(
            self, self.tr("&Hide from room"), self.tr("Keep it off the projector and the phones"), self.toggle_hidden
        )
        buttons = QGridLayout()
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.aside_button, 0, 1)
        buttons.addWidget(self.hide_button, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        document.changed.connect(self._on_changed)
        self._pacer = Pacer(self.rebuild, lambda: len(self._document.workshop.disclosures), self)
        document.reset.connect(self._pacer.run_now)
        self._pacer.run_now()

    def _on_changed(self, change: Change) -> None:
        touched = change.touched()
        if Collection.DISCLOSURES in touched or Collection.FUNCTIONS in touched:
            self._pacer.request()

    def describe(self, item: Disclosure) -> str:
        function = self._document.workshop.function(item.function_id)
        where = f" · {function.name}" if function is not None else ""
        who = item.author or self.tr("anonymous")
        votes = self.tr("1 vote") if item.votes == 1 else self.tr("%d votes") % item.votes
        state = {SuggestionStatus.ACCEPTED: self.tr(" · recorded"), SuggestionStatus.REJECTED: self.tr(" · set aside")}
        hidden = self.tr(" · hidden from the room") if item.hidden else ""
        return (
            f"{shorten(item.text, 160)}\n{self.tr(KINDS[item.about])}{where} · {who} · {votes}"
            f"{state.get(item.status, '')}{hidden}"
        )

    def rebuild(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        pending_first = lambda d: (d.status != SuggestionStatus.PENDING, -d.votes)  # noqa: E731
        items = sorted(self._document.workshop.disclosures, key=pending_first)
        for disclosure in items:
            row = QListWidgetItem(self.describe(disclosure))
            row.setData(ID_ROLE, disclosure.id)
            row.setToolTip(plain_tooltip(disclosure.text))  # a participant's words: never markup
            if disclosure.status != SuggestionStatus.PENDING:
                set_tone(row, Tone.MUTED, self.list.palette())
            self.list.addItem(row)
            if disclosure.id == current:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        pending = sum(1 for d in items if d.status == SuggestionStatus.PENDING)
        self.summary.setText(
            self.tr("Nothing disclosed from the room yet.") if not items else self.tr("%d to discuss.") % pending
        )
        self._update_buttons()

    def current_id(self) -> str | None:
        row = self.list.currentItem()
        return None if row is None else row.data(ID_ROLE)

    def select(self, disclosure_id: str) -> None:
        self._pacer.flush()  # what was just made is in the list before it is looked for
        for index in range(self.list.count()):
            if self.list.item(index).data(ID_ROLE) == disclosure_id:
                self.list.setCurrentRow(index)

    def _current(self) -> Disclosure | None:
        item_id = self.current_id()
        return None if item_id is None else self._document.workshop.find(Collection.DISCLOSURES, item_id)  # type: ignore[return-value]

    def _update_buttons(self, *_: object) -> None:
        item = self._current()
        pending = item is not None and item.status == SuggestionStatus.PENDING
        self.accept_button.setEnabled(pending)
        self.aside_button.setEnabled(pending)
        self.hide_button.setEnabled(item is not None)
        self.hide_button.setText(
            self.tr("S&how to room") if item is not None and item.hidden else self.tr("&Hide from room")
        )

    def accept_current(self) -> Outcome:
        return self._decide(True)

    def set_aside(self) -> Outcome:
        return self._decide(False)

    def _decide(self, accept: bool) -> Outcome:
        item = self._current()
        if item is None:
            return user_ops.refused(self.tr("Choose a disclosure first."))
        return run_and_show(self._document, self._pacer, user_ops.decide_disclosure, item.id, accept).tell(
            self.message.emit
        )

    def toggle_hidden(self) -> Outcome:
        item = self._current()
        if item is None:
            return user_ops.refused(self.tr("Choose a disclosure first."))
        return run_and_show(self._document, self._pacer, user_ops.set_hidden, item.id, not item.hidden).tell(
            self.message.emit
        )
