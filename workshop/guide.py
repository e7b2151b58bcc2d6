"""The guided session as data: which steps a workshop walks through, what each asks and why.

Kept free of Qt so the report and the CLI can speak of the same questions and the same progress
as the guide panel. The step list is derived from the model every time (it follows the support
functions the room adds or removes); a step is known by a stable `key` so the panel can stay on
"HR, question 2" while the list around it changes.

"Answered" is the one rule in `workshop.questions`, which the analysis and the report use too: a
question counts as answered when its data exists, not when someone pressed Next. "Traced to
strategy" is the analysis's own reach (`workshop.analysis.reach`), so the guide never calls a goal
traced that the findings call untraced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from workshop.analysis.reach import strategic_targets_all
from workshop.model import FunctionKind, Workshop
from workshop.questions import QUESTIONS, answered, answered_all, progress, progress_all, skipped

__all__ = [
    "PHASE",
    "QUESTIONS",
    "TITLES",
    "WHY",
    "WHY_STEP",
    "Step",
    "StepKind",
    "answered",
    "answered_all",
    "focus_ids",
    "progress",
    "progress_all",
    "skipped",
    "steps_for",
]


class StepKind(StrEnum):
    STRATEGY = "strategy"
    FUNCTIONS = "functions"
    CUSTOMER_FACING = "customer_facing"
    QUESTION = "question"
    DIRECT_IMPACT = "direct_impact"
    KPIS = "kpis"
    TENSIONS = "tensions"
    WEAKNESSES = "weaknesses"
    DECISIONS = "decisions"
    REVIEW = "review"
    EXPORT = "export"


PHASE = {
    StepKind.STRATEGY: "Set-up",
    StepKind.FUNCTIONS: "Set-up",
    StepKind.CUSTOMER_FACING: "Set-up",
    StepKind.QUESTION: "Internal customers",
    StepKind.DIRECT_IMPACT: "Internal customers",
    StepKind.KPIS: "Via negativa",
    StepKind.TENSIONS: "Via negativa",
    StepKind.WEAKNESSES: "Via negativa",
    StepKind.DECISIONS: "Via negativa",
    StepKind.REVIEW: "Review",
    StepKind.EXPORT: "Report",
}

WHY = {
    1: "A support function reaches the strategy through the functions it serves. Name them first: "
    "everything that follows is about what they need.",
    2: "Their goals carry your work up to the strategy. Pick the goals that matter to them and check "
    "that each one is traced to a strategic goal; a goal that leads nowhere cannot carry anything.",
    3: "Be honest about both sides. What you already do well is worth keeping; what gets in their "
    "way is where better results will come from.",
    4: "These become your own goals. Each one should serve a goal of an internal customer, so the "
    "chain reads: our result, their goal, the strategy. Add a measure if you can.",
}

TITLES = {
    StepKind.STRATEGY: "What are the strategic goals?",
    StepKind.FUNCTIONS: "Which functions take part, and which of them face customers?",
    StepKind.CUSTOMER_FACING: "How do the customer-facing goals serve the strategy?",
    StepKind.DIRECT_IMPACT: "Does this function move a strategic goal directly?",
    StepKind.KPIS: "What is each function measured and rewarded on?",
    StepKind.TENSIONS: "Which measures work against another function's goals or measures?",
    StepKind.WEAKNESSES: "What fragile thing should the others know about before they build on it?",
    StepKind.DECISIONS: "What did we decide, who owns it, and by when?",
    StepKind.REVIEW: "How well aligned are we?",
    StepKind.EXPORT: "Send everyone the report",
}

WHY_STEP = {
    StepKind.STRATEGY: "Everything on the board is judged against these few goals. Keep them short and agreed "
    "by the room before going further.",
    StepKind.FUNCTIONS: "Customer-facing functions can serve the strategy directly. Support functions serve "
    "other functions first, so they get the four internal-customer questions.",
    StepKind.CUSTOMER_FACING: "Customer-facing goals are the bridge: support functions will hang their results "
    "on them. A goal that is not traced to strategy breaks every chain that runs through it.",
    StepKind.DIRECT_IMPACT: "Usually a support function should go via the functions it serves, not around "
    "them. Sometimes it really moves a strategic goal itself; then say so, with a reason, so it is a "
    "decision and not an accident.",
    StepKind.KPIS: "People follow what they are measured and paid on. A measure that rewards a local result "
    "at the cost of the whole quietly undoes any plan on the board.",
    StepKind.TENSIONS: "A win on one dashboard can be a loss on another. Name each clash so the room can "
    "resolve it instead of fighting it out every quarter.",
    StepKind.WEAKNESSES: "A shortcut nobody mentions becomes a promise nobody can keep. Saying it here lets "
    "the others plan around it.",
    StepKind.DECISIONS: "Hear everyone affected, then let one named person decide. A decision without an "
    "owner tends not to happen.",
    StepKind.REVIEW: "The findings list what still breaks the chain from each result to the strategy. Fix "
    "what you can now; the rest goes into the report.",
    StepKind.EXPORT: "The report has to stand on its own for someone who was not in the room.",
}


@dataclass(frozen=True)
class Step:
    kind: StepKind
    function_id: str | None = None
    question: int | None = None

    @property
    def key(self) -> str:
        """Stable name of the step, e.g. 'question:f-hr:2'; survives rebuilding the step list."""
        parts = [self.kind.value]
        if self.function_id is not None:
            parts.append(self.function_id)
        if self.question is not None:
            parts.append(str(self.question))
        return ":".join(parts)

    @property
    def phase(self) -> str:
        return PHASE[self.kind]

    @property
    def skippable(self) -> bool:
        """Only the four questions record a skip in the model (the analysis reports it)."""
        return self.kind == StepKind.QUESTION


def steps_for(ws: Workshop) -> list[Step]:
    """The whole session in order: set-up, the questions per support function, via negativa, review."""
    steps = [Step(StepKind.STRATEGY), Step(StepKind.FUNCTIONS), Step(StepKind.CUSTOMER_FACING)]
    for function in ws.support_functions():
        steps.extend(Step(StepKind.QUESTION, function.id, q) for q in (1, 2, 3, 4))
        steps.append(Step(StepKind.DIRECT_IMPACT, function.id))
    steps.extend(
        Step(kind)
        for kind in (
            StepKind.KPIS,
            StepKind.TENSIONS,
            StepKind.WEAKNESSES,
            StepKind.DECISIONS,
            StepKind.REVIEW,
            StepKind.EXPORT,
        )
    )
    return steps


# --- what the board shows while a step is open ------------------------------------------------------


def focus_ids(
    ws: Workshop, step: Step, trace: Callable[[Workshop], Mapping[str, list[str]]] = strategic_targets_all
) -> list[str]:
    """The cards a step is about, so the board can dim the rest. Empty means: show everything.

    `trace`: each goal's strategic goals (`strategic_targets_all`); a window passes the trace it already
    worked out for the same state of the workshop."""
    fid = step.function_id
    strategic = [g.id for g in ws.strategic_goals()]
    if step.kind == StepKind.STRATEGY:
        return strategic
    if step.kind == StepKind.CUSTOMER_FACING:
        facing = {f.id for f in ws.functions if f.kind == FunctionKind.CUSTOMER_FACING}
        return strategic + [g.id for g in ws.goals if g.function_id in facing]
    if fid is None:
        if step.kind in (StepKind.KPIS, StepKind.TENSIONS):
            return [k.id for k in ws.kpis]
        return []
    relations = ws.relations_of(fid)
    wanted = {fid} | {r.customer_id for r in relations}
    goals_by_function: dict[str, list[str]] = {}
    for g in ws.goals:  # one pass: a goals_of per internal customer read 2,000 goals ~20 times
        if g.function_id in wanted:
            goals_by_function.setdefault(g.function_id, []).append(g.id)
    own = goals_by_function.get(fid, [])
    customer_goals = [gid for r in relations for gid in goals_by_function.get(r.customer_id, ())]
    chosen = [gid for r in relations for gid in r.customer_goal_ids]
    if step.kind == StepKind.DIRECT_IMPACT:
        return _unique(own + strategic)
    if step.question == 1:
        return _unique(own + customer_goals)
    if step.question == 2:
        targets = trace(ws) if chosen else {}
        traced_to = [s for gid in chosen for s in targets.get(gid, ())]
        return _unique(customer_goals + traced_to)
    if step.question == 3:
        return _unique(chosen or customer_goals)
    return _unique(own + (chosen or customer_goals))


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
