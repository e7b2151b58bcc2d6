"""Which widget shows which step, and the words above it (question, why it is asked, where we are)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.document import Document
from ui.guide.negativa_steps import DecisionsStep, KpisStep, TensionsStep, WeaknessesStep
from ui.guide.question_steps import DirectImpactStep, Question1Step, Question2Step, Question3Step, Question4Step
from ui.guide.review_step import ExportStep, ReviewStep
from ui.guide.setup_steps import CustomerFacingStep, FunctionsStep, StrategyStep
from ui.guide.widgets import StepWidget
from workshop import guide
from workshop.guide import Step, StepKind
from workshop.model import Workshop

_BY_KIND: dict[StepKind, type[StepWidget]] = {
    StepKind.STRATEGY: StrategyStep,
    StepKind.FUNCTIONS: FunctionsStep,
    StepKind.CUSTOMER_FACING: CustomerFacingStep,
    StepKind.DIRECT_IMPACT: DirectImpactStep,
    StepKind.KPIS: KpisStep,
    StepKind.TENSIONS: TensionsStep,
    StepKind.WEAKNESSES: WeaknessesStep,
    StepKind.DECISIONS: DecisionsStep,
    StepKind.REVIEW: ReviewStep,
    StepKind.EXPORT: ExportStep,
}
_QUESTIONS: dict[int, type[StepWidget]] = {1: Question1Step, 2: Question2Step, 3: Question3Step, 4: Question4Step}


def _tr(text: str) -> str:
    return QCoreApplication.translate("workshop.guide", text)


def make_step_widget(document: Document, step: Step, parent: QWidget | None = None) -> StepWidget:
    cls = _QUESTIONS[step.question or 1] if step.kind == StepKind.QUESTION else _BY_KIND[step.kind]
    return cls(document, step, parent)


def title(step: Step) -> str:
    if step.kind == StepKind.QUESTION:
        return _tr(guide.QUESTIONS[step.question or 1])
    return _tr(guide.TITLES[step.kind])


def why(step: Step) -> str:
    if step.kind == StepKind.QUESTION:
        return _tr(guide.WHY[step.question or 1])
    return _tr(guide.WHY_STEP[step.kind])


def where(ws: Workshop, step: Step, index: int, count: int, *, short: bool = False) -> str:
    """'Step 7 of 23 · Internal customers · HR · question 1 of 4': the line above the question; `short`
    (the projector's slim strip) leaves out the phase, which the question itself makes plain."""
    parts = [QCoreApplication.translate("guide", "Step %d of %d") % (index + 1, count)]
    if not short:
        parts.append(_tr(step.phase))
    function = ws.function(step.function_id)
    if function is not None:
        parts.append(function.name)
    if step.kind == StepKind.QUESTION:
        parts.append(QCoreApplication.translate("guide", "question %d of 4") % (step.question or 1))
    return "  ·  ".join(parts)
