"""The invariants every workshop keeps: unique ids and references that point at something real.

Operations keep them by construction; loading checks them so that a hand-edited or hostile file is
refused with the place of the first problems instead of breaking the canvas later.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from itertools import chain
from operator import attrgetter, eq

from workshop.model import COLLECTIONS, Function, FunctionKind, Goal, SuggestionKind, Workshop

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
        if suggestion.kind == SuggestionKind.LINK:
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


# --- one function per rule that an edit can also break: ops asks these before it links or relates ---


def link_problems(
    source: str, target: str, goals: Container[str], linked: Container[tuple[str, str]]
) -> list[tuple[str, str]]:
    """What is wrong with a link from `source` to `target` among `goals` and the pairs already
    `linked`, as (field, wording) in the order they are checked; empty when nothing is."""
    ends = (("source", source), ("target", target))
    found = [(f".{end}", f"no goal '{goal_id}'") for end, goal_id in ends if goal_id not in goals]
    if source == target:
        found.append(("", "a goal cannot contribute to itself"))
    elif (source, target) in linked:
        found.append(("", "these goals are already linked"))
    return found


def relation_problems(
    supplier_id: str,
    customer_id: str,
    functions: Mapping[str, Function],
    related: Container[tuple[str, str]],
    name: Callable[[str], str],
) -> list[tuple[str, str]]:
    """What is wrong with `customer_id` as an internal customer of `supplier_id`, given the pairs
    already `related`, as (field, wording); `name` says how a function is named (id or name)."""
    found = []
    supplier = functions.get(supplier_id)
    if supplier is None:
        found.append((".supplier_id", f"no function '{supplier_id}'"))
    elif supplier.kind != FunctionKind.SUPPORT:
        found.append(
            (".supplier_id", f"{name(supplier_id)} is customer-facing: only a support function has internal customers")
        )
    if customer_id not in functions:
        found.append((".customer_id", f"no function '{customer_id}'"))
    if customer_id == supplier_id:
        found.append(("", "a function cannot be its own internal customer"))
    elif (supplier_id, customer_id) in related:
        found.append(("", f"{name(customer_id)} is already an internal customer of {name(supplier_id)}"))
    return found


def customer_goal_problem(goal_id: str, customer_id: str, goals: Mapping[str, Goal]) -> str | None:
    """Why `goal_id` cannot be one of the internal customer's goals that matter (None: it can)."""
    goal = goals.get(goal_id)
    if goal is None or goal.function_id != customer_id:
        return f"'{goal_id}' is not a goal of the internal customer"
    return None


def sentence(what: str) -> str:
    """A problem as a sentence for the person editing (capital, full stop)."""
    return what[:1].upper() + what[1:] + "."


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
        found += (
            _problem(f"links[{i}]{part}", what) for part, what in link_problems(link.source, link.target, goals, pairs)
        )
        pairs.add((link.source, link.target))
    served: set[tuple[str, str]] = set()
    for i, rel in enumerate(ws.relations):
        problems_here = relation_problems(rel.supplier_id, rel.customer_id, functions, served, lambda f: f"'{f}'")
        found += (_problem(f"relations[{i}]{part}", what) for part, what in problems_here)
        served.add((rel.supplier_id, rel.customer_id))
        for j, goal_id in enumerate(rel.customer_goal_ids):
            what = customer_goal_problem(goal_id, rel.customer_id, goals)
            if what:
                found.append(_problem(f"relations[{i}].customer_goal_ids[{j}]", what))
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
        if suggestion.kind == SuggestionKind.LINK:
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
