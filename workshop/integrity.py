"""The invariants every workshop keeps: unique ids and references that point at something real.

Operations keep them by construction; loading checks them so that a hand-edited or hostile file is
refused with the place of the first problems instead of breaking the canvas later.
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter, eq

from workshop.model import COLLECTIONS, FunctionKind, Workshop

MAX_REPORTED = 5


def _problem(where: str, what: str) -> str:
    return f"{where}: {what}"


def problems(ws: Workshop) -> list[str]:
    """Every broken invariant as 'where: what', in file order. Empty when the workshop is sound.

    This runs on every load, where the workshop is almost always sound: `_sound` answers that case
    with set operations in C (about a third of the cost of visiting every item in Python), and only
    a workshop it doubts is walked item by item to name each problem and its place.
    """
    return [] if _sound(ws) else _every_problem(ws)


_id = attrgetter("id")
_function_id = attrgetter("function_id")


def _sound(ws: Workshop) -> bool:
    """True exactly when `_every_problem` finds nothing (tests/workshop/test_integrity.py checks
    the two agree on generated broken workshops)."""
    total = sum(len(getattr(ws, collection)) for collection in COLLECTIONS)
    every_id: set[str] = set()
    for collection in COLLECTIONS:
        every_id.update(map(_id, getattr(ws, collection)))
    if len(every_id) != total:
        return False
    functions = set(map(_id, ws.functions))
    support = {f.id for f in ws.functions if f.kind == FunctionKind.SUPPORT}
    goal_ids = list(map(_id, ws.goals))
    goal_owners = list(map(_function_id, ws.goals))
    goals = set(goal_ids)
    kpis = set(map(_id, ws.kpis))
    with_owner = functions | {None}
    if not with_owner.issuperset(goal_owners):
        return False

    if not _distinct_pairs(ws.links, "source", goals, "target", goals):
        return False
    if not _distinct_pairs(ws.relations, "supplier_id", support, "customer_id", functions):
        return False
    owned = set(zip(goal_owners, goal_ids, strict=True))
    if not owned.issuperset((rel.customer_id, goal_id) for rel in ws.relations for goal_id in rel.customer_goal_ids):
        return False

    answered = list(map(_function_id, ws.answers))
    if not functions.issuperset(answered):
        return False
    if len(set(zip(answered, map(attrgetter("question"), ws.answers), strict=True))) != len(answered):
        return False
    if not functions.issuperset(map(_function_id, ws.kpis)):
        return False
    if not kpis.issuperset(map(attrgetter("kpi_id"), ws.tensions)):
        return False
    if not (kpis | goals).issuperset(map(attrgetter("against_id"), ws.tensions)):
        return False
    if not functions.issuperset(map(_function_id, ws.weaknesses)):
        return False
    if not functions.issuperset(chain.from_iterable(map(attrgetter("affected_function_ids"), ws.weaknesses))):
        return False
    if not functions.issuperset(chain.from_iterable(map(attrgetter("heard_function_ids"), ws.decisions))):
        return False
    for suggestion in ws.suggestions:
        if suggestion.kind == "link":
            if suggestion.source not in goals or suggestion.target not in goals:
                return False
        elif suggestion.function_id not in with_owner:
            return False
    if not with_owner.issuperset(map(_function_id, ws.disclosures)):
        return False
    return (goals | kpis).issuperset(ws.positions)


def _distinct_pairs(items: list, first: str, firsts: set[str], second: str, seconds: set[str]) -> bool:
    """Links and relations alike: both ends known, never one item at both ends, no pair twice."""
    left = list(map(attrgetter(first), items))
    right = list(map(attrgetter(second), items))
    if not (firsts.issuperset(left) and seconds.issuperset(right)) or any(map(eq, left, right)):
        return False
    return len(set(zip(left, right, strict=True))) == len(items)


def _every_problem(ws: Workshop) -> list[str]:
    """Every broken invariant, each message built only when its check fails."""
    found: list[str] = []
    seen: set[str] = set()
    for collection in COLLECTIONS:
        for index, item in enumerate(getattr(ws, collection)):
            if item.id in seen:
                found.append(f"{collection}[{index}].id: the id '{item.id}' is used twice")
            seen.add(item.id)

    functions = {f.id: f for f in ws.functions}
    goals = {g.id: g for g in ws.goals}
    kpis = {k.id for k in ws.kpis}

    for i, goal in enumerate(ws.goals):
        if goal.function_id is not None and goal.function_id not in functions:
            found.append(_problem(f"goals[{i}].function_id", f"no function '{goal.function_id}'"))
    pairs: set[tuple[str, str]] = set()
    for i, link in enumerate(ws.links):
        if link.source not in goals:
            found.append(_problem(f"links[{i}].source", f"no goal '{link.source}'"))
        if link.target not in goals:
            found.append(_problem(f"links[{i}].target", f"no goal '{link.target}'"))
        if link.source == link.target:
            found.append(_problem(f"links[{i}]", "a goal cannot contribute to itself"))
        if not ((link.source, link.target) not in pairs):
            found.append(_problem(f"links[{i}]", "the same link is there twice"))
        pairs.add((link.source, link.target))
    served: set[tuple[str, str]] = set()
    for i, rel in enumerate(ws.relations):
        supplier = functions.get(rel.supplier_id)
        if not (supplier is not None):
            found.append(_problem(f"relations[{i}].supplier_id", f"no function '{rel.supplier_id}'"))
        if supplier is not None and supplier.kind != FunctionKind.SUPPORT:
            found.append(_problem(f"relations[{i}].supplier_id", "only a support function has internal customers"))
        if rel.customer_id not in functions:
            found.append(_problem(f"relations[{i}].customer_id", f"no function '{rel.customer_id}'"))
        if rel.customer_id == rel.supplier_id:
            found.append(_problem(f"relations[{i}]", "a function cannot be its own internal customer"))
        if not ((rel.supplier_id, rel.customer_id) not in served):
            found.append(_problem(f"relations[{i}]", "the same relation is there twice"))
        served.add((rel.supplier_id, rel.customer_id))
        for j, goal_id in enumerate(rel.customer_goal_ids):
            goal = goals.get(goal_id)
            if not (goal is not None and goal.function_id == rel.customer_id):
                found.append(
                    _problem(
                        f"relations[{i}].customer_goal_ids[{j}]", f"'{goal_id}' is not a goal of the internal customer"
                    )
                )
    asked: set[tuple[str, int]] = set()
    for i, answer in enumerate(ws.answers):
        if answer.function_id not in functions:
            found.append(_problem(f"answers[{i}].function_id", f"no function '{answer.function_id}'"))
        if not ((answer.function_id, answer.question) not in asked):
            found.append(_problem(f"answers[{i}]", "the same question is answered twice"))
        asked.add((answer.function_id, answer.question))
    for i, kpi in enumerate(ws.kpis):
        if kpi.function_id not in functions:
            found.append(_problem(f"kpis[{i}].function_id", f"no function '{kpi.function_id}'"))
    for i, tension in enumerate(ws.tensions):
        if tension.kpi_id not in kpis:
            found.append(_problem(f"tensions[{i}].kpi_id", f"no KPI '{tension.kpi_id}'"))
        if not (tension.against_id in kpis or tension.against_id in goals):
            found.append(_problem(f"tensions[{i}].against_id", f"no KPI or goal '{tension.against_id}'"))
    for i, weakness in enumerate(ws.weaknesses):
        if weakness.function_id not in functions:
            found.append(_problem(f"weaknesses[{i}].function_id", f"no function '{weakness.function_id}'"))
        for j, fid in enumerate(weakness.affected_function_ids):
            if fid not in functions:
                found.append(_problem(f"weaknesses[{i}].affected_function_ids[{j}]", f"no function '{fid}'"))
    for i, decision in enumerate(ws.decisions):
        for j, fid in enumerate(decision.heard_function_ids):
            if fid not in functions:
                found.append(_problem(f"decisions[{i}].heard_function_ids[{j}]", f"no function '{fid}'"))
    for i, suggestion in enumerate(ws.suggestions):
        if suggestion.kind == "link":
            if suggestion.source not in goals:
                found.append(_problem(f"suggestions[{i}].source", f"no goal '{suggestion.source}'"))
            if suggestion.target not in goals:
                found.append(_problem(f"suggestions[{i}].target", f"no goal '{suggestion.target}'"))
        elif suggestion.function_id is not None and suggestion.function_id not in functions:
            found.append(_problem(f"suggestions[{i}].function_id", f"no function '{suggestion.function_id}'"))
    for i, disclosure in enumerate(ws.disclosures):
        if disclosure.function_id is not None and disclosure.function_id not in functions:
            found.append(_problem(f"disclosures[{i}].function_id", f"no function '{disclosure.function_id}'"))
    for card_id in ws.positions:
        if not (card_id in goals or card_id in kpis):
            found.append(_problem(f"positions.{card_id}", "no goal or KPI has this id"))
    return found
