"""The findings list: what the alignment check found, errors first.

Activating a finding selects and centres its cards on the board, so the room looks at the
problem while the facilitator reads it out. Messages are plain text (they quote goal texts) and
wrap, because a finding is a sentence that names goals and is useless cut in half.

A finding can be dismissed with a written reason (right click, or the Delete key): the panel asks
for the reason and the window runs `user_ops.dismiss_finding`. Dismissed findings are listed last,
greyed, with their reason; right click shows one again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ui.panels.common import ID_ROLE
from ui.theme import Tone, keep_toned, set_tone
from ui.tooltips import plain_tooltip
from workshop.findings import SEVERITY_ORDER, Analysis, Finding, Severity
from workshop.verdict import Verdict

SUBJECTS_ROLE = Qt.ItemDataRole.UserRole + 2
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 4

DismissPrompt = Callable[[QWidget | None, str], str | None]
"""(parent, the finding's sentence) -> the reason written, or None when the facilitator cancelled."""


def ask_dismiss_reason(parent: QWidget | None, message: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(
        parent,
        parent.tr("Dismiss finding") if parent is not None else "Dismiss finding",
        message + "\n\n" + (parent.tr("Why can the room set this aside?") if parent is not None else ""),
    )
    return text if ok else None


class FindingsPanel(QWidget):
    subjectsActivated = Signal(list)
    """The subject ids of the finding the user clicked or activated."""
    dismissRequested = Signal(object, str)
    """(Finding, reason): the facilitator dismissed a finding with this written reason."""
    restoreRequested = Signal(object)
    """(Finding): the facilitator wants a dismissed finding shown again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self.tr("Checking…"), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        keep_toned(self.list)  # light/dark switched: its coloured rows follow
        self.list.setObjectName("findingsList")
        self.list.setAccessibleName(self.tr("Findings"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.itemActivated.connect(self._on_activated)
        self.list.itemClicked.connect(self._on_activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.dismiss_prompt: DismissPrompt = ask_dismiss_reason
        for keys in (QKeySequence.StandardKey.Delete, QKeySequence(Qt.Key.Key_Backspace)):
            # on the list only: the board's Delete (cards) is the board's own and never reaches here
            shortcut = QShortcut(QKeySequence(keys), self.list, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._dismiss_current)
        self._unlisted: Analysis | None = None
        """Findings given while the panel was hidden, not in the list yet (`_list_now`)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def _group_title(self, severity: Severity, count: int) -> str:
        if severity == Severity.ERROR:
            return self.tr("Errors (%d)") % count
        if severity == Severity.WARNING:
            return self.tr("Warnings (%d)") % count
        return self.tr("Notes (%d)") % count

    def set_unavailable(self, message: str) -> None:
        self.summary.setText(message)

    def set_checking(self) -> None:
        """Another workshop is open and not analysed yet: none of the last one's findings stay, where a
        click would select cards by the old ids and a dismissal would land in this workshop."""
        self._unlisted = None
        self.list.clear()
        self.summary.setText(self.tr("Checking…"))

    def set_analysis(self, analysis: Analysis, judged: Verdict | None = None) -> None:
        """Show the findings; `judged` is the verdict the status bar, the PDF and the email also give.

        Behind another tab (the guide, most of a workshop) the list is filled when it is shown or read:
        at 2,000 goals filling and laying out its wrapped rows took 15-20 ms of every analysis's turn,
        after every edit, for a list nobody could see."""
        self._set_summary(analysis, judged)
        self._unlisted = analysis
        if self.isVisible() and not self.visibleRegion().isEmpty():  # a tab behind another is "visible"
            self._list_now()

    def showEvent(self, event: QShowEvent) -> None:
        self._list_now()
        super().showEvent(event)

    def brought_forward(self, visible: bool) -> None:
        """Its tab was raised (`QDockWidget.visibilityChanged`): no show event comes for that."""
        if visible:
            self._list_now()

    def _list_now(self) -> None:
        """Fill the list with the findings it was given last, if it has not yet."""
        analysis, self._unlisted = self._unlisted, None
        if analysis is None:
            return
        self.list.clear()
        groups: dict[Severity, list[Finding]] = {}
        for finding in analysis.findings:
            groups.setdefault(finding.severity, []).append(finding)
        for severity in sorted(groups, key=lambda s: SEVERITY_ORDER.get(s, 9)):
            findings = groups[severity]
            header = QListWidgetItem(self._group_title(severity, len(findings)))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setData(ID_ROLE, severity.value)
            set_tone(header, severity.value, self.list.palette())
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for finding in findings:
                item = QListWidgetItem(finding.message)
                item.setData(SUBJECTS_ROLE, list(finding.subjects))
                item.setData(ID_ROLE, finding.rule)
                item.setToolTip(plain_tooltip(finding.message, finding.hint))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{self._severity_word(severity)}: {finding.message}")
                item.setData(FINDING_ROLE, finding)
                self.list.addItem(item)
        if analysis.dismissed:
            header = QListWidgetItem(self.tr("Dismissed (%d)") % len(analysis.dismissed))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            set_tone(header, Tone.MUTED, self.list.palette())
            self.list.addItem(header)
            for finding, reason in analysis.dismissed:
                item = QListWidgetItem(finding.message + "\n" + self.tr("Dismissed: %s") % reason)
                item.setData(SUBJECTS_ROLE, list(finding.subjects))
                item.setData(FINDING_ROLE, finding)
                item.setData(DISMISSED_ROLE, reason)
                set_tone(item, Tone.MUTED, self.list.palette())
                self.list.addItem(item)

    def _set_summary(self, analysis: Analysis, judged: Verdict | None) -> None:
        count = len(analysis.findings)
        said = f"{judged.headline}: {judged.advice}" if judged is not None else ""
        if judged is not None and not judged.judged:
            self.summary.setText(said)
        elif count == 0:
            self.summary.setText(self.tr("Alignment score %d/100. Nothing to look at.") % analysis.score + " " + said)
        else:
            self.summary.setText(self.tr("Alignment score %d/100. %d findings.") % (analysis.score, count) + " " + said)

    def _severity_word(self, severity: Severity) -> str:
        return {Severity.ERROR: self.tr("Error"), Severity.WARNING: self.tr("Warning")}.get(severity, self.tr("Note"))

    def group_titles(self) -> list[str]:
        return [i.text() for i in self._items() if i.data(SUBJECTS_ROLE) is None]

    def finding_items(self) -> list[QListWidgetItem]:
        return [i for i in self._items() if i.data(SUBJECTS_ROLE) is not None and i.data(DISMISSED_ROLE) is None]

    def dismissed_items(self) -> list[QListWidgetItem]:
        return [i for i in self._items() if i.data(DISMISSED_ROLE) is not None]

    def dismiss(self, item: QListWidgetItem) -> bool:
        """Ask why, then ask the window to dismiss the finding; False when cancelled or left blank."""
        finding = item.data(FINDING_ROLE)
        if finding is None or item.data(DISMISSED_ROLE) is not None:
            return False
        reason = self.dismiss_prompt(self, finding.message)
        if reason is None or not reason.strip():
            return False
        self.dismissRequested.emit(finding, reason.strip())
        return True

    def _dismiss_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.dismiss(item)  # a group's title or a dismissed finding: nothing happens

    def restore(self, item: QListWidgetItem) -> bool:
        finding = item.data(FINDING_ROLE)
        if finding is None or item.data(DISMISSED_ROLE) is None:
            return False
        self.restoreRequested.emit(finding)
        return True

    def _context_menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is None or item.data(FINDING_ROLE) is None:
            return
        menu = QMenu(self)
        if item.data(DISMISSED_ROLE) is None:
            menu.addAction(self.tr("Dismiss with a reason…"), lambda: self.dismiss(item))
        else:
            menu.addAction(self.tr("Show it again"), lambda: self.restore(item))
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def _items(self) -> list[QListWidgetItem]:
        self._list_now()
        return [self.list.item(row) for row in range(self.list.count())]

    def _on_activated(self, item: QListWidgetItem) -> None:
        subjects = item.data(SUBJECTS_ROLE)
        if subjects:
            self.subjectsActivated.emit(list(subjects))
