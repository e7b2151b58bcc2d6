"""Via negativa rules: what works against alignment (shared/DOMAIN.md, section 3).

Open tensions between KPIs, local KPIs with an incentive attached, weaknesses disclosed to no one,
decisions nobody owns or that more than one person owns, decisions taken without hearing a function
they affect, and suggestions and disclosures from the room that still wait for the facilitator.

Who a decision affects, without a field for it: the functions its text names, and the other side of
every open tension and disclosed weakness that involves a function it heard (a decision about what
Sales promises affects Support if Sales's bonus works against Support's KPI). Heard lists that name
no one, on a decision that names no function, are a note of their own.
"""

from __future__ import annotations

import re

from workshop.analysis.collect import Collector
from workshop.analysis.graph import GoalGraph
from workshop.analysis.wording import and_list, capital, goal_phrase, name, quote, shorten
from workshop.disclosure_kind import DisclosureKind
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

    for wi, weakness in enumerate(ws.weaknesses):
        if any(fid in functions for fid in weakness.affected_function_ids):
            continue
        out.add(
            (Collection.WEAKNESSES, wi, 0),
            "weakness-affects-no-one",
            Severity.INFO,
            f"{name(functions.get(weakness.function_id))} disclosed {quote(weakness.description)}, but no function "
            "is recorded as affected by it.",
            (weakness.id, weakness.function_id),
            "Ask who sells, promises or builds on top of it, and record them, so they hear it.",
        )

    if ws.decisions:
        _decisions(ws, graph, out)

    for si, suggestion in enumerate(ws.suggestions):
        if suggestion.status != SuggestionStatus.PENDING or suggestion.hidden:
            continue  # hidden: kept off the projector, so not quoted in the findings the room sees
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
    _pending_disclosures(ws, out)


_KIND_WORDS = {
    DisclosureKind.HINDRANCE: ("hindrance", "hindrances"),
    DisclosureKind.WEAKNESS: ("weakness", "weaknesses"),
    DisclosureKind.GAMING_KPI: ("KPI that games the whole", "KPIs that game the whole"),
}


def _pending_disclosures(ws: Workshop, out: Collector) -> None:
    """One finding for the room's via-negativa posts still waiting: counted, never quoted. They are
    anonymous and sensitive, and the findings are on the projector; the facilitator reads them in the
    Suggestions panel, where hiding one keeps it off the screen."""
    waiting = [(i, d) for i, d in enumerate(ws.disclosures) if d.status == SuggestionStatus.PENDING]
    if not waiting:
        return
    counts = {kind: sum(d.about == kind for _, d in waiting) for kind in DisclosureKind}
    parts = [f"{n} {_KIND_WORDS[kind][n != 1]}" for kind, n in counts.items() if n]
    verb = "waits" if len(waiting) == 1 else "wait"
    out.add(
        (Collection.DISCLOSURES, waiting[0][0], 0),
        "disclosure-pending",
        Severity.INFO,
        f"The room disclosed {and_list(parts)} that {verb} for your decision.",
        tuple(d.id for _, d in waiting),
        "Read them in the Suggestions panel; accept a weakness or a gaming KPI of a named function to "
        "record it, or set it aside.",
    )


_SEVERAL = re.compile(r"\s(?:and|und|et|or|&|\+)\s|[/,;&+]")
_GROUPS = re.compile(
    r"\b(?:team|teams|committee|board|everyone|everybody|all|management|leadership|group|department|"
    r"council|steering|heads|leads|tbd|n/?a)\b",
    re.IGNORECASE,
)


def several_owners(owner: str) -> bool:
    """Whether an owner's name names more than one person, or a group ("A and B", "A / B", "team")."""
    bare = re.sub(r"\([^)]*\)", " ", owner)  # "Dana Kim (Head of Product)": the role is not a second owner
    return bool(_SEVERAL.search(bare) or _GROUPS.search(bare))


def _decisions(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    functions = graph.functions
    kpi_owner = {k.id: k.function_id for k in ws.kpis}
    goal_owner = {g.id: g.function_id for g in ws.goals}
    parties: list[set[str]] = []  # functions that share an open tension or a disclosed weakness
    for tension in ws.tensions:
        if not tension.resolved:
            ends = {
                kpi_owner.get(tension.kpi_id),
                kpi_owner.get(tension.against_id) or goal_owner.get(tension.against_id),
            }
            parties.append({f for f in ends if f is not None})
    for weakness in ws.weaknesses:
        parties.append({weakness.function_id, *weakness.affected_function_ids})
    names = [
        (f.id, re.compile(rf"\b{re.escape(f.name.strip())}\b", re.IGNORECASE)) for f in ws.functions if f.name.strip()
    ]

    for di, decision in enumerate(ws.decisions):
        owner = decision.owner.strip()
        if not owner:
            out.add(
                (Collection.DECISIONS, di, 0),
                "decision-without-owner",
                Severity.WARNING,
                f"Nobody owns the decision {quote(decision.text)}.",
                (decision.id,),
                "Name the one person who decides, after everyone affected has been heard.",
            )
        elif several_owners(owner):
            out.add(
                (Collection.DECISIONS, di, 0),
                "decision-owner-not-one",
                Severity.WARNING,
                f"The decision {quote(decision.text)} is owned by {quote(owner)}: when more than one owns it, "
                "nobody does.",
                (decision.id,),
                "Hear everyone affected, then name the one person who decides.",
            )
        heard = set(decision.heard_function_ids)
        affected = {fid for fid, pattern in names if pattern.search(decision.text)}
        for group in parties:
            if group & heard:
                affected |= group
        unheard = [f.id for f in ws.functions if f.id in affected and f.id not in heard]
        if unheard:
            who = and_list([name(functions.get(fid)) for fid in unheard])
            out.add(
                (Collection.DECISIONS, di, 1),
                "decision-unheard",
                Severity.WARNING,
                f"The decision {quote(decision.text)} affects {who}, but "
                f"{'it was' if len(unheard) == 1 else 'they were'} not heard.",
                (decision.id, *unheard),
                f"Hear {who} before the owner decides, and record them as heard.",
            )
        elif not heard:
            out.add(
                (Collection.DECISIONS, di, 1),
                "decision-unheard",
                Severity.INFO,
                f"No function is recorded as heard on the decision {quote(decision.text)}.",
                (decision.id,),
                "Record which functions were heard before the owner decided.",
            )
