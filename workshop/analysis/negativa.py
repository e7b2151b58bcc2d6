"""Via negativa rules: what works against alignment (shared/DOMAIN.md, section 3).

Open tensions between KPIs, local KPIs with an incentive attached, decisions nobody owns, and
suggestions from the room that still wait for the facilitator.
"""

from __future__ import annotations

from workshop.analysis.collect import Collector
from workshop.analysis.graph import GoalGraph
from workshop.analysis.wording import capital, goal_phrase, name, quote, shorten
from workshop.findings import Severity
from workshop.model import Collection, Kpi, KpiScope, SuggestionKind, SuggestionStatus, Workshop


def check(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    functions = graph.functions
    kpis = {k.id: k for k in ws.kpis}

    def kpi_phrase(kpi: Kpi) -> str:
        return f"the {name(functions.get(kpi.function_id))} KPI {quote(kpi.name)}"

    tense: set[str] = set()
    for ti, tension in enumerate(ws.tensions):
        if tension.resolved:
            continue
        kpi = kpis.get(tension.kpi_id)
        if kpi is None:
            continue
        tense.add(kpi.id)
        against_kpi = kpis.get(tension.against_id)
        subjects = [kpi.id, tension.against_id, tension.id, kpi.function_id]
        if against_kpi is not None:
            tense.add(against_kpi.id)
            against = kpi_phrase(against_kpi)
            subjects.append(against_kpi.function_id)
        else:
            gi = graph.index.get(tension.against_id)
            if gi is None:
                continue
            goal = graph.goals[gi]
            against = goal_phrase(goal, functions)
            if goal.function_id is not None:
                subjects.append(goal.function_id)
        out.add(
            (Collection.TENSIONS, ti, 0),
            "open-tension",
            Severity.WARNING,
            capital(f"{kpi_phrase(kpi)} works against {against}, and the tension is not resolved."),
            subjects,
            "Hear both functions, agree measures under which one's win is not the other's loss, then mark the "
            "tension resolved.",
        )

    for ki, kpi in enumerate(ws.kpis):
        if kpi.scope != KpiScope.LOCAL or not kpi.incentive.strip():
            continue
        owner = name(functions.get(kpi.function_id))
        out.add(
            (Collection.KPIS, ki, 0),
            "local-incentive",
            Severity.WARNING if kpi.id in tense else Severity.INFO,
            capital(
                f"{kpi_phrase(kpi)} is local and carries an incentive ({quote(kpi.incentive)}): it can reward "
                f"{owner} at the cost of other functions."
            ),
            (kpi.id, kpi.function_id),
            "Check who pays for this result elsewhere; tie the incentive to a shared measure if others do.",
        )

    for di, decision in enumerate(ws.decisions):
        if decision.owner.strip():
            continue
        out.add(
            (Collection.DECISIONS, di, 0),
            "decision-without-owner",
            Severity.WARNING,
            f"Nobody owns the decision {quote(decision.text)}.",
            (decision.id,),
            "Name the one person who decides, after everyone affected has been heard.",
        )

    for si, suggestion in enumerate(ws.suggestions):
        if suggestion.status != SuggestionStatus.PENDING:
            continue
        who = shorten(suggestion.author) or "A participant"
        if suggestion.kind == SuggestionKind.LINK:
            s, t = graph.index.get(suggestion.source), graph.index.get(suggestion.target)
            if s is None or t is None:
                continue
            what = (
                f"suggests that {goal_phrase(graph.goals[s], functions)} serves "
                f"{goal_phrase(graph.goals[t], functions)}"
            )
            subjects: tuple[str, ...] = (suggestion.id, suggestion.source, suggestion.target)
        else:
            owner = "strategic" if suggestion.function_id is None else name(functions.get(suggestion.function_id))
            what = f"suggests a new {owner} goal {quote(suggestion.text)}"
            subjects = (suggestion.id,) if suggestion.function_id is None else (suggestion.id, suggestion.function_id)
        out.add(
            (Collection.SUGGESTIONS, si, 0),
            "suggestion-pending",
            Severity.INFO,
            f"{who} {what}; it waits for your decision.",
            subjects,
            "Accept or reject it in front of the room.",
        )
