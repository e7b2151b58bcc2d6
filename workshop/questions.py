"""The four internal-customer questions and the ONE rule for whether each is answered.

The guide's progress, the analysis's "question open" findings and the report's "not answered" all
ask `answered_all`, so they cannot disagree. A question counts as answered by what the room
recorded, not by pressing Next or typing a note:

| question | answered when                                                                  |
| -------- | ------------------------------------------------------------------------------ |
| 1        | an internal customer is recorded, or a note says why the function serves none  |
| 2        | for EVERY internal customer, a goal of theirs is chosen as one that matters     |
| 3        | for EVERY internal customer, a help or a hindrance is recorded                  |
| 4        | a goal of the function links to a goal of a recorded internal customer          |

A question marked skipped that the data does not answer is "skipped"; one the data answers is
answered whatever the mark says. Only support functions are asked the questions.

Imports nothing but the model, so the guide, the analysis and the report can all use it.
"""

from __future__ import annotations

from operator import attrgetter

from workshop.model import Workshop

NUMBERS = (1, 2, 3, 4)
_id, _function_id = attrgetter("id"), attrgetter("function_id")
_source, _target = attrgetter("source"), attrgetter("target")

QUESTIONS = {
    1: "Who are our internal customers?",
    2: "What goals do our internal customers have, and how do they connect to the strategy?",
    3: "How do we help or hinder our internal customers in reaching those goals?",
    4: "Which results do our internal customers need us to improve or excel at?",
}


def answered_all(ws: Workshop, joined: set[tuple[str | None, str | None]] | None = None) -> dict[str, set[int]]:
    """The answered questions of every support function, in one pass over the model.

    `joined`, when given, is what the analysis already read from the links: (function of the source
    goal, function of the target goal) for at least every link from a support goal to a goal of
    another function. It saves reading all goals and links again (~15% of a 5,000-goal analysis).
    """
    out: dict[str, set[int]] = {f.id: set() for f in ws.support_functions()}
    relations = [r for r in ws.relations if r.supplier_id in out]  # set comprehensions: ~5x a loop
    customers = {(r.supplier_id, r.customer_id) for r in relations}
    serving = {supplier for supplier, _ in customers}
    for question, functions in (
        (1, serving),
        (1, {a.function_id for a in ws.answers if a.question == 1 and a.function_id in out and a.note.strip()}),
        # questions 2 and 3 are asked per internal customer: one served with nothing recorded keeps them open
        (2, serving - {r.supplier_id for r in relations if not r.customer_goal_ids}),
        (3, serving - {r.supplier_id for r in relations if not (r.helps or r.hindrances)}),
    ):
        for fid in functions:
            out[fid].add(question)
    if customers:  # question 4: which (function, function) pairs any link joins, at C speed
        if joined is None:
            goals, links = ws.goals, ws.links
            owner = dict(zip(map(_id, goals), map(_function_id, goals), strict=True)).get
            joined = set(zip(map(owner, map(_source, links)), map(owner, map(_target, links)), strict=True))
        for supplier, customer in joined & customers:
            if supplier != customer:
                out[supplier].add(4)
    return out


def answered(ws: Workshop, function_id: str, question: int) -> bool:
    """Whether the data question `question` asks for exists for one support function."""
    if question not in QUESTIONS:
        raise ValueError(f"there is no question {question}")
    return question in answered_all(ws).get(function_id, ())


def skipped(ws: Workshop, function_id: str, question: int) -> bool:
    """Whether the room marked the question skipped (answered or not)."""
    answer = ws.answer(function_id, question)
    return answer is not None and answer.skipped


def progress(ws: Workshop, function_id: str) -> int:
    """How many of the four questions of a support function are answered."""
    return len(answered_all(ws).get(function_id, ()))


def progress_all(ws: Workshop) -> list[tuple[str, str, int]]:
    """(function id, name, answered out of 4) for every support function, in board order."""
    done = answered_all(ws)
    return [(f.id, f.name, len(done[f.id])) for f in ws.support_functions()]


def results(ws: Workshop, function_id: str) -> list[tuple[str, list[str]]]:
    """Question 4's answer, spelled out: (goal id of the function, ids of the internal customers'
    goals it serves), in board order. Non-empty exactly when `answered_all` counts question 4."""
    customers = {r.customer_id for r in ws.relations if r.supplier_id == function_id}
    owner = {g.id: g.function_id for g in ws.goals}
    served: dict[str, list[str]] = {g.id: [] for g in ws.goals if g.function_id == function_id}
    for link in ws.links:
        targets = served.get(link.source)
        customer = owner.get(link.target)
        if targets is not None and customer != function_id and customer in customers:
            targets.append(link.target)
    return [(goal_id, targets) for goal_id, targets in served.items() if targets]
