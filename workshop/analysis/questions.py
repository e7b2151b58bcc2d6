"""Findings on the four internal-customer questions, asked of every support function.

Whether a question is answered is `workshop.questions.answered_all`, the rule the guide and the
report use too; this module only words what is missing. A question marked skipped that the data
does not answer is reported as skipped.
"""

from __future__ import annotations

from workshop.analysis.collect import Collector
from workshop.analysis.graph import STRATEGY, SUPPORT, GoalGraph
from workshop.analysis.wording import capital, goal_phrase, name
from workshop.findings import Severity
from workshop.model import Collection, FunctionKind, Workshop
from workshop.questions import NUMBERS, answered_all

_GAPS = {
    1: "no internal customers are recorded",
    2: "no goal of its internal customers has been chosen",
    3: "no helps or hindrances are recorded",
    4: "none of its goals serves a goal of an internal customer",
}

_HINTS = {
    1: "Ask which functions {f} serves, or note why it serves none.",
    2: "Choose the goals of {f}'s internal customers that matter, each traced to strategy.",
    3: "List honestly how {f} helps and hinders each internal customer.",
    4: "Add the results {f}'s internal customers need from it, each linked to the goal it serves.",
}


def check(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    goals, functions, served = graph.goals, graph.functions, graph.served
    relations = ws.relations
    suppliers = {r.supplier_id for r in relations}
    done_all = answered_all(ws, graph.joined)
    answers = {(a.function_id, a.question): a for a in ws.answers}
    exceptions_only: dict[str | None, bool] | None = None

    for fi, function in enumerate(ws.functions):
        if function.kind != FunctionKind.SUPPORT:
            continue
        fid = function.id
        has_customers = fid in suppliers
        done = done_all[fid]
        if has_customers and len(done) == len(NUMBERS):
            continue
        fname = name(function)
        if not has_customers:
            if exceptions_only is None:
                exceptions_only = _exceptions_only(graph)
            if exceptions_only.get(fid, False):
                out.add(
                    (Collection.FUNCTIONS, fi, 0),
                    "no-internal-customers",
                    Severity.INFO,
                    f"{fname} has no internal customers recorded; its goals are declared direct-impact exceptions.",
                    (fid,),
                    f"Fine if {fname} really serves no other function; otherwise record whom it serves.",
                )
            else:
                out.add(
                    (Collection.FUNCTIONS, fi, 0),
                    "no-internal-customers",
                    Severity.WARNING,
                    f"{fname} has no internal customers recorded.",
                    (fid,),
                    f"Ask question 1: which functions does {fname} serve?",
                )
        for question in NUMBERS:
            if question in done:
                continue
            answer = answers.get((fid, question))
            skipped = answer is not None and answer.skipped
            state = "was skipped" if skipped else "is open"
            out.add(
                (Collection.FUNCTIONS, fi, question),
                "question-skipped" if skipped else "question-open",
                Severity.INFO,
                f"Question {question} {state} for {fname}: {_GAPS[question]}.",
                (fid,) if answer is None else (fid, answer.id),
                _HINTS[question].format(f=fname),
            )

    index = graph.index
    unserved = [
        (ri, j, rel, goal_id)
        for ri, rel in enumerate(relations)
        if rel.customer_goal_ids
        for j, goal_id in enumerate(rel.customer_goal_ids)
        if goal_id in index and (rel.supplier_id, index[goal_id]) not in served
    ]
    for ri, j, rel, goal_id in unserved:
        fname = name(functions.get(rel.supplier_id))
        out.add(
            (Collection.RELATIONS, ri, j),
            "customer-goal-unserved",
            Severity.INFO,
            capital(
                f"{fname} chose {goal_phrase(goals[index[goal_id]], functions)} as one that matters, "
                f"but no {fname} goal serves it yet."
            ),
            (goal_id, rel.id, rel.supplier_id),
            f"Add the result of {fname} this goal needs and link it, or drop the goal from {fname}'s choices.",
        )


def _exceptions_only(graph: GoalGraph) -> dict[str | None, bool]:
    """Per support function with goals: whether every one of them is a declared exception."""
    result: dict[str | None, bool] = {}
    declared = {graph.src[li] for li in graph.direct if graph.legit[li] and graph.level[graph.tgt[li]] == STRATEGY}
    for i, lv in enumerate(graph.level):
        if lv == SUPPORT:
            fid = graph.owner[i]
            result[fid] = result.get(fid, True) and i in declared
    return result
