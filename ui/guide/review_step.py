"""Review and export: the score and findings, then the button that produces the report.

The analysis is imported when the review is shown, not at start-up: it pulls in networkx, and it
may not be installed in a partial build, in which case the step says so instead of failing.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ui.document import Document
from ui.guide.widgets import RemovableList, StepWidget, plain_label
from workshop.guide import Step

_MARKS = {"error": "✗", "warning": "!", "info": "i"}


def run_analysis(ws: Any) -> tuple[Any | None, str]:
    """(Analysis, '') or (None, a sentence saying why there is none)."""
    try:
        module = importlib.import_module("workshop.analysis")
        analyse = module.analyse
    except (ImportError, AttributeError):
        return None, "The alignment analysis is not available in this build yet."
    try:
        return analyse(ws), ""
    except Exception as error:  # the review must never crash the session in front of the room
        return None, f"The analysis could not run on this workshop: {error}"


class ReviewStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.score = plain_label("", "guideScore", self)
        self.score.setAccessibleName(self.tr("Alignment score"))
        self.findings = RemovableList(self.tr("Findings"), None, self)
        self.findings.currentRowChanged.connect(self._chosen)
        self._subjects: list[list[str]] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.score)
        layout.addWidget(self.findings, 1)
        self.refresh()

    def refresh(self) -> None:
        analysis, problem = run_analysis(self.ws)
        if analysis is None:
            self.score.setText(self.tr(problem))
            self._subjects = []
            self.findings.fill([])
            return
        count = len(analysis.findings)
        self.score.setText(self.tr("Alignment score: %d of 100  ·  %d findings") % (analysis.score, count))
        lines = []
        self._subjects = [list(f.subjects) for f in analysis.findings]
        for finding in analysis.findings:
            text = f"{_MARKS.get(str(finding.severity), '•')} {finding.message}"
            if finding.hint:
                text += f"\n{finding.hint}"
            lines.append((text, finding.subjects[0] if finding.subjects else None))
        if not lines:
            lines.append((self.tr("No findings: every result is traced to the strategy."), None))
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

    def tab_chain(self) -> list[QWidget]:
        return [self.button]
