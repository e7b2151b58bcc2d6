"""The invariants every workshop keeps: unique ids and references that point at something real.

Operations keep them by construction; loading checks them so that a hand-edited or hostile file is
refused with the place of the first problems instead of breaking the canvas later.
"""

from __future__ import annotations

from workshop.model import COLLECTIONS, FunctionKind, Workshop

MAX_REPORTED = 5


def _problem(where: str, what: str) -> str:
    return f"{where}: {what}"


def problems(ws: Workshop) -> list[str]:
    """Every broken invariant as 'where: what', in file order. Empty when the workshop is sound.

    Each message is built only when its check fails: this runs on every load, and formatting
    thousands of unused messages was half its cost at 5,000 goals.
    """
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
    for card_id in ws.positions:
        if not (card_id in goals or card_id in kpis):
            found.append(_problem(f"positions.{card_id}", "no goal or KPI has this id"))
    return found
