"""The invariants every workshop keeps: unique ids and references that point at something real.

Operations keep them by construction; loading checks them so that a hand-edited or hostile file is
refused with the place of the first problems instead of breaking the canvas later.
"""

from __future__ import annotations

from workshop.model import COLLECTIONS, FunctionKind, Workshop

MAX_REPORTED = 5


def problems(ws: Workshop) -> list[str]:
    """Every broken invariant as 'where: what', in file order. Empty when the workshop is sound."""
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

    def need(ok: bool, where: str, what: str) -> None:
        if not ok:
            found.append(f"{where}: {what}")

    for i, goal in enumerate(ws.goals):
        if goal.function_id is not None:
            need(goal.function_id in functions, f"goals[{i}].function_id", f"no function '{goal.function_id}'")
    pairs: set[tuple[str, str]] = set()
    for i, link in enumerate(ws.links):
        need(link.source in goals, f"links[{i}].source", f"no goal '{link.source}'")
        need(link.target in goals, f"links[{i}].target", f"no goal '{link.target}'")
        need(link.source != link.target, f"links[{i}]", "a goal cannot contribute to itself")
        need((link.source, link.target) not in pairs, f"links[{i}]", "the same link is there twice")
        pairs.add((link.source, link.target))
    served: set[tuple[str, str]] = set()
    for i, rel in enumerate(ws.relations):
        supplier = functions.get(rel.supplier_id)
        need(supplier is not None, f"relations[{i}].supplier_id", f"no function '{rel.supplier_id}'")
        if supplier is not None:
            need(
                supplier.kind == FunctionKind.SUPPORT,
                f"relations[{i}].supplier_id",
                "only a support function has internal customers",
            )
        need(rel.customer_id in functions, f"relations[{i}].customer_id", f"no function '{rel.customer_id}'")
        need(rel.customer_id != rel.supplier_id, f"relations[{i}]", "a function cannot be its own internal customer")
        need((rel.supplier_id, rel.customer_id) not in served, f"relations[{i}]", "the same relation is there twice")
        served.add((rel.supplier_id, rel.customer_id))
        for j, goal_id in enumerate(rel.customer_goal_ids):
            goal = goals.get(goal_id)
            need(
                goal is not None and goal.function_id == rel.customer_id,
                f"relations[{i}].customer_goal_ids[{j}]",
                f"'{goal_id}' is not a goal of the internal customer",
            )
    asked: set[tuple[str, int]] = set()
    for i, answer in enumerate(ws.answers):
        need(answer.function_id in functions, f"answers[{i}].function_id", f"no function '{answer.function_id}'")
        need((answer.function_id, answer.question) not in asked, f"answers[{i}]", "the same question is answered twice")
        asked.add((answer.function_id, answer.question))
    for i, kpi in enumerate(ws.kpis):
        need(kpi.function_id in functions, f"kpis[{i}].function_id", f"no function '{kpi.function_id}'")
    for i, tension in enumerate(ws.tensions):
        need(tension.kpi_id in kpis, f"tensions[{i}].kpi_id", f"no KPI '{tension.kpi_id}'")
        need(
            tension.against_id in kpis or tension.against_id in goals,
            f"tensions[{i}].against_id",
            f"no KPI or goal '{tension.against_id}'",
        )
    for i, weakness in enumerate(ws.weaknesses):
        need(weakness.function_id in functions, f"weaknesses[{i}].function_id", f"no function '{weakness.function_id}'")
        for j, fid in enumerate(weakness.affected_function_ids):
            need(fid in functions, f"weaknesses[{i}].affected_function_ids[{j}]", f"no function '{fid}'")
    for i, decision in enumerate(ws.decisions):
        for j, fid in enumerate(decision.heard_function_ids):
            need(fid in functions, f"decisions[{i}].heard_function_ids[{j}]", f"no function '{fid}'")
    for i, suggestion in enumerate(ws.suggestions):
        if suggestion.kind == "link":
            need(suggestion.source in goals, f"suggestions[{i}].source", f"no goal '{suggestion.source}'")
            need(suggestion.target in goals, f"suggestions[{i}].target", f"no goal '{suggestion.target}'")
        elif suggestion.function_id is not None:
            need(
                suggestion.function_id in functions,
                f"suggestions[{i}].function_id",
                f"no function '{suggestion.function_id}'",
            )
    for card_id in ws.positions:
        need(card_id in goals or card_id in kpis, f"positions.{card_id}", "no goal or KPI has this id")
    return found
