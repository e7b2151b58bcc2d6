"""Review and export: the score and findings, then the button that produces the report.

The review runs the analysis itself (the guide is built from the document alone), but only when it
can be seen and only when the model changed since its last run: the panel refreshes its step after
every edit, and a hidden guide or an unchanged model must not cost a walk of the whole goal graph.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.document import Document
from ui.guide.widgets import RemovableList, StepWidget
from ui.plain_text import plain_label
from workshop.analysis import analyse
from workshop.changes import Change
from workshop.findings import Analysis
from workshop.guide import Step
from workshop.model import Workshop
from workshop.verdict import verdict

_MARKS = {"error": "✗", "warning": "!", "info": "i"}


def run_analysis(ws: Workshop) -> tuple[Analysis | None, str]:
    """(Analysis, '') or (None, a sentence saying why there is none)."""
    try:
        return analyse(ws), ""
    except Exception as error:  # the review must never crash the session in front of the room
        return None, f"The analysis could not run on this workshop: {error}"


class ReviewStep(StepWidget):
    shows_room_posts = True

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.score = plain_label("", "guideScore", self)
        self.score.setAccessibleName(self.tr("Alignment score"))
        self.findings = RemovableList(self.tr("Findings"), None, self)
        self.findings.currentRowChanged.connect(self._chosen)
        # The list opens on its first finding: a click on it is no change of row, but is a choice.
        self.findings.itemClicked.connect(lambda item: self._chosen(self.findings.row(item)))
        self._subjects: list[list[str]] = []
        self._stale = True
        """The model changed since the last run (or there was none yet)."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.score)
        layout.addWidget(self.findings, 1)
        document.changed.connect(self._model_changed)
        document.reset.connect(self._model_reset)

    def _model_changed(self, change: Change) -> None:
        if change.structural():  # moving cards cannot change a finding
            self._stale = True

    def _model_reset(self) -> None:
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # edits made while the guide was hidden show up now

    def refresh(self) -> None:
        if not self._stale or not self.isVisible():
            return
        self._stale = False
        analysis, problem = run_analysis(self.ws)
        if analysis is None:
            self.score.setText(self.tr(problem))
            self._subjects = []
            self.findings.fill([])
            return
        count = len(analysis.findings)
        judged = verdict(self.ws, analysis)
        if judged.judged:
            self.score.setText(
                self.tr("Alignment score: %d of 100  ·  %d findings") % (analysis.score, count) + "\n" + judged.line()
            )
        else:
            self.score.setText(judged.line())
        lines = []
        self._subjects = [list(f.subjects) for f in analysis.findings]
        for finding in analysis.findings:
            text = f"{_MARKS.get(str(finding.severity), '•')} {finding.message}"
            if finding.hint:
                text += f"\n{finding.hint}"
            lines.append((text, finding.subjects[0] if finding.subjects else None))
        if not lines:
            nothing = (
                self.tr("No findings.") if judged.judged else self.tr("No findings yet: nothing below the strategy.")
            )
            lines.append((nothing, None))
        self.findings.fill(lines)

    def primary_input(self) -> QWidget:
        return self.findings

    def tab_chain(self) -> list[QWidget]:
        return [self.findings]

    def _chosen(self, row: int) -> None:
        """Show the chosen finding's cards on the board; ids that are not cards are ignored by it."""
        if 0 <= row < len(self._subjects):
            self.focusRequested.emit(self._subjects[row])


class ExportStep(StepWidget):
    exportRequested = Signal()

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.button = QPushButton(self.tr("Export the PDF report…"), self)
        self.button.setObjectName("guideExportButton")
        self.button.setAccessibleName(self.tr("Export the PDF report"))
        self.button.clicked.connect(self.exportRequested)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "The report holds the goal tree, the answers, the findings and the decisions with their owners."
                )
            )
        )
        layout.addWidget(self.button)
        layout.addStretch(1)

    def primary_input(self) -> QWidget:
        return self.button

    def slim_texts(self) -> dict[QWidget, str]:
        return {self.button: self.tr("Export PDF…")}

    def tab_chain(self) -> list[QWidget]:
        return [self.button]
