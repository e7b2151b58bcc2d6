"""Findings on the four internal-customer questions, asked of every support function.

Whether a question is answered is `workshop.questions.answered_all`, the rule the guide and the
report use too; this module only words what is missing, quoting the question itself (a number
cannot be read aloud usefully). A question marked skipped that the data does not answer is
reported as skipped. Each gap is said once:

- a support function with no internal customer gets ONE finding, `no-internal-customers`, not one
  per question: a warning, or information when its goals are all declared direct-impact exceptions
  or the room noted under question 1 why it serves no one. None when a link of it already names a
  function it serves (`internal-customer-unrecorded` says which to record);
- questions 2 and 3 are judged per internal customer and name the customers still missing;
- question 4 is not reported for a function whose chosen customer goals are reported one by one
  as unserved (`customer-goal-unserved`): that is the same gap, said goal by goal.
"""

from __future__ import annotations

from workshop.analysis.collect import Collector
from workshop.analysis.graph import STRATEGY, SUPPORT, GoalGraph
from workshop.analysis.wording import and_list, capital, goal_phrase, name, quote
from workshop.findings import Severity
from workshop.model import Collection, FunctionKind, Workshop
from workshop.questions import NUMBERS, QUESTIONS, answered_all

_GAPS = {
    2: "no goal of {c} is chosen as one that matters",
    3: "no help or hindrance is recorded for {c}",
    4: "none of its goals serves a goal of {c}",
}

_HINTS = {
    2: "Choose the goals of {c} that matter to {f}, each traced to strategy.",
    3: "List honestly how {f} helps and hinders {c}.",
    4: "Add the results {c} need from {f}, each linked to the goal it serves.",
}


_ASKED = {q: f'"{words}"' for q, words in QUESTIONS.items()}


def asked(question: int) -> str:
    """The question in quotes, as a finding reads it out."""
    return _ASKED[question]


def check(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    goals, functions, served = graph.goals, graph.functions, graph.served
    relations = ws.relations
    index = graph.index
    unserved = []  # (relation index, place among its chosen goals, relation, goal id)
    for ri, rel in enumerate(relations):
        chosen = rel.customer_goal_ids
        if chosen:
            supplier = rel.supplier_id
            for j, gi in enumerate(map(index.get, chosen)):
                if gi is not None and (supplier, gi) not in served:
                    unserved.append((ri, j, rel, chosen[j]))
    unserved_suppliers = {rel.supplier_id for _, _, rel, _ in unserved}
    done_all = answered_all(ws, graph.joined)
    asking = {fid for fid, done in done_all.items() if len(done) < len(NUMBERS)}  # a question still open
    by_supplier: dict[str, list] = {fid: [] for fid in asking}
    for rel in relations:
        if rel.supplier_id in asking:
            by_supplier[rel.supplier_id].append(rel)
    answers = {(a.function_id, a.question): a for a in ws.answers}
    exceptions_only: dict[str | None, bool] | None = None
    named_by_link: set[str | None] | None = None
    names: dict[str, str] = {}

    def name_of(function_id: str) -> str:
        known = names.get(function_id)
        if known is None:
            known = names[function_id] = name(functions.get(function_id))
        return known

    for fi, function in enumerate(ws.functions):
        if function.kind != FunctionKind.SUPPORT:
            continue
        fid = function.id
        done = done_all[fid]
        if len(done) == len(NUMBERS):
            continue
        served_relations = by_supplier.get(fid, [])
        fname = name(function)
        anchor = (Collection.FUNCTIONS, fi, 0)
        if not served_relations:
            if exceptions_only is None:
                exceptions_only = _exceptions_only(graph)
                named_by_link = {goals[graph.src[li]].function_id for li in graph.unrecorded}
            note = answers.get((fid, 1))
            if exceptions_only.get(fid, False):
                message = (
                    f"{fname} serves no other function: its goals are declared direct-impact exceptions, "
                    "so the four internal-customer questions do not apply."
                )
            elif 1 in done and note is not None:
                message = (
                    f"{fname} serves no other function, as the room noted under {asked(1)} "
                    f"({quote(note.note)}); the other three questions do not apply."
                )
            elif fid in named_by_link:  # type: ignore[operator]
                continue  # its links name whom it serves: internal-customer-unrecorded asks to record them
            else:
                out.add(
                    anchor,
                    "no-internal-customers",
                    Severity.WARNING,
                    f"{fname} has no internal customers recorded: {asked(1)} is open, and the other three "
                    "questions wait on its answer.",
                    (fid,) if note is None else (fid, note.id),
                    f"Ask which functions {fname} serves, or note why it serves none.",
                )
                continue
            out.add(
                anchor,
                "no-internal-customers",
                Severity.INFO,
                message,
                (fid,) if note is None else (fid, note.id),
                f"Fine if {fname} really serves no other function; otherwise record whom it serves.",
            )
            continue
        for question in (2, 3, 4):
            if question in done or (question == 4 and fid in unserved_suppliers):
                continue
            if question == 2:
                missing = [r for r in served_relations if not r.customer_goal_ids]
            elif question == 3:
                missing = [r for r in served_relations if not (r.helps or r.hindrances)]
            else:
                missing = served_relations
            customers = and_list([name_of(r.customer_id) for r in missing], "or" if question == 4 else "and")
            answer = answers.get((fid, question))
            skipped = answer is not None and answer.skipped
            state = "skipped" if skipped else "has not answered"
            out.add(
                (Collection.FUNCTIONS, fi, question),
                "question-skipped" if skipped else "question-open",
                Severity.INFO,
                f"{fname} {state} {asked(question)}: {_GAPS[question].format(c=customers)}.",
                (fid, *(r.id for r in missing)) if answer is None else (fid, answer.id, *(r.id for r in missing)),
                _HINTS[question].format(f=fname, c=customers),
            )

    for ri, j, rel, goal_id in unserved:
        fname = name_of(rel.supplier_id)
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
