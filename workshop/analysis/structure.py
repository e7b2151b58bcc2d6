"""Rules on the goal tree itself: links around strategy, exceptions, chains, cycles, loose goals.

Every rule reads the precomputed `GoalGraph` (one BFS, one topological pass) and walks the links or
the goals once; none of them traverses the graph per goal, and sentences are only written for the
few items that have a finding.
"""

from __future__ import annotations

from operator import attrgetter

from workshop.analysis.collect import Collector
from workshop.analysis.graph import CUSTOMER, STRATEGY, SUPPORT, GoalGraph, cycles
from workshop.analysis.wording import capital, goal_phrase, name, quote
from workshop.findings import Severity
from workshop.model import Collection, Workshop

CYCLE_NAMED = 5
"""Goals of a cycle named in its sentence; a longer cycle is cut and counted."""
_measure = attrgetter("measure")
REASON_WORDS = 4
"""An exception's reason shorter than this many words says nothing the room could check ("x", "obviously")."""
MEASURES_NAMED = 3
"""Results without a measure named in their function's one finding; the rest are counted."""


def check(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    _exceptions(ws, graph, out)
    _links(ws, graph, out)
    _goals(graph, out)
    _cycles(ws, graph, out)
    _measures(ws, graph, out)


def _exceptions(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    goals, functions, level = graph.goals, graph.functions, graph.level
    for li in graph.direct:
        s, t = graph.src[li], graph.tgt[li]
        if s < 0 or t < 0:
            continue
        link = ws.links[li]
        source, target = goals[s], goals[t]
        subjects = (source.id, link.id, target.id)
        if level[s] != SUPPORT or level[t] != STRATEGY:
            out.add(
                (Collection.GOALS, s, li),
                "exception-misplaced",
                Severity.INFO,
                capital(
                    f"The link from {goal_phrase(source, functions)} to {goal_phrase(target, functions)} is "
                    "declared a direct-impact exception, which only a support goal moving a strategic goal needs."
                ),
                subjects,
                "Make it an ordinary link.",
            )
        elif not graph.legit[li]:
            out.add(
                (Collection.GOALS, s, li),
                "exception-without-reason",
                Severity.ERROR,
                capital(
                    f"{goal_phrase(source, functions)} is declared to move {goal_phrase(target, functions)} "
                    "directly, but nobody wrote down why."
                ),
                subjects,
                "Write the reason for the exception on the link, or link the goal to the internal customer's "
                "goal it serves instead.",
            )
        elif len(link.reason.split()) < REASON_WORDS:
            out.add(
                (Collection.GOALS, s, li),
                "exception-reason-thin",
                Severity.WARNING,
                capital(
                    f"{goal_phrase(source, functions)} is declared to move {goal_phrase(target, functions)} "
                    f"directly, but the reason given is only {quote(link.reason.strip())}."
                ),
                subjects,
                f"Ask how this result of {name(functions.get(source.function_id or ''))} moves the strategic goal "
                "without going through any function it serves, and write that down; if nobody can say, link it "
                "to the internal customer's goal it serves instead.",
            )


def _links(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    """Around links, support goals serving a function not recorded as customer, links drawn downwards."""
    goals, functions, src, tgt = graph.goals, graph.functions, graph.src, graph.tgt
    for li in graph.around:
        _around(ws, graph, out, li, src[li], tgt[li])
    for li in graph.unrecorded:
        s, t = src[li], tgt[li]
        source, target = goals[s], goals[t]
        theirs: str = target.function_id  # type: ignore[assignment]
        supplier, customer = name(functions.get(source.function_id or "")), name(functions[theirs])
        out.add(
            (Collection.GOALS, s, li),
            "internal-customer-unrecorded",
            Severity.WARNING,
            capital(
                f"{goal_phrase(source, functions)} serves {goal_phrase(target, functions)}, but {customer} "
                f"is not recorded as an internal customer of {supplier}."
            ),
            (source.id, ws.links[li].id, target.id, theirs),
            f"Add {customer} as an internal customer of {supplier} (question 1), or remove the link.",
        )
    for li in graph.downward:
        s, t = src[li], tgt[li]
        source, target = goals[s], goals[t]
        out.add(
            (Collection.GOALS, s, li),
            "link-upside-down",
            Severity.WARNING,
            capital(
                f"{goal_phrase(source, functions)} is linked as contributing to {goal_phrase(target, functions)}, "
                "which sits lower in the tree."
            ),
            (source.id, ws.links[li].id, target.id),
            "Arrows run from the goal that contributes up to the goal it serves: reverse the link if it was "
            "drawn the wrong way, or remove it.",
        )


def _around(ws: Workshop, graph: GoalGraph, out: Collector, li: int, s: int, t: int) -> None:
    source, target, functions = graph.goals[s], graph.goals[t], graph.functions
    out.add(
        (Collection.GOALS, s, li),
        "around-not-via",
        Severity.ERROR,
        capital(
            f"{goal_phrase(source, functions)} is linked straight to {goal_phrase(target, functions)}, "
            f"around the functions {name(functions.get(source.function_id or ''))} serves."
        ),
        (source.id, ws.links[li].id, target.id),
        "Link it to the internal customer's goal it serves (via, not around), or declare a direct-impact "
        "exception and write down why.",
    )


def _goals(graph: GoalGraph, out: Collector) -> None:
    goals, functions, level, src, tgt = graph.goals, graph.functions, graph.level, graph.src, graph.tgt
    for i, d in enumerate(graph.dist):
        if d > 0:
            continue  # reaches strategy: nothing to say about it here
        goal = goals[i]
        anchor = (Collection.GOALS, i, -1)
        if level[i] == STRATEGY:
            if not any(level[src[li]] != STRATEGY for li in graph.inc[i]):
                out.add(
                    anchor,
                    "strategy-without-contributors",
                    Severity.WARNING,
                    capital(f"Nothing contributes to {goal_phrase(goal, functions)}."),
                    (goal.id,),
                    "Ask which customer-facing goals move it, or whether the strategy still needs it.",
                )
            continue
        outgoing = graph.out[i]
        if not outgoing and not graph.inc[i]:
            out.add(
                anchor,
                "goal-unlinked",
                Severity.WARNING,
                capital(f"{goal_phrase(goal, functions)} is not linked to any goal."),
                (goal.id,),
                "Link it to the goal it serves, or remove it if the room dropped it.",
            )
        elif level[i] == CUSTOMER:
            out.add(
                anchor,
                "customer-goal-untraced",
                Severity.WARNING,
                capital(f"{goal_phrase(goal, functions)} is not traced to a strategic goal."),
                (goal.id,),
                "Link it to the strategic goal it serves, or to a customer-facing goal that is traced.",
            )
        elif not any(level[tgt[li]] == STRATEGY for li in outgoing):
            # a support goal linked around strategy or by an exception already has a finding saying why
            owner = name(functions.get(goal.function_id or ""))
            if outgoing:
                message = f"does not reach a strategic goal through the goals of the functions {owner} serves."
            else:
                message = "does not serve any goal, so it has no chain to a strategic goal."
            out.add(
                anchor,
                "support-goal-unaligned",
                Severity.WARNING,
                capital(f"{goal_phrase(goal, functions)} {message}"),
                (goal.id,),
                "Link it to the internal customer's goal it serves, and check that goal is traced to strategy; "
                "or declare a direct-impact exception and write down why.",
            )


def _cycles(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    goals = graph.goals
    for cycle, cycle_links, tangle in cycles(graph):
        named = [quote(goals[i].text) for i in cycle[:CYCLE_NAMED]]
        if len(cycle) > CYCLE_NAMED:
            circle = " → ".join(named) + f" → … ({len(cycle)} goals)"
        else:
            circle = " → ".join([*named, named[0]])
        extra = len(tangle) - len(cycle)
        tail = f"; {extra} more goals are caught in the same loop" if extra > 0 else ""
        out.add(
            (Collection.GOALS, tangle[0], -2),
            "link-cycle",
            Severity.ERROR,
            f"These goals contribute to each other in a circle: {circle}{tail}.",
            [*(goals[i].id for i in cycle), *(ws.links[li].id for li in cycle_links), *(goals[i].id for i in tangle)],
            "Remove the link that points the wrong way: contributions run up toward strategy, never back.",
        )


def _measures(ws: Workshop, graph: GoalGraph, out: Collector) -> None:
    """One note per support function whose results carry no measure: a result nobody can measure is a
    wish, and the method asks for results, ideally measurable (question 4)."""
    level, owner, goals = graph.level, graph.owner, graph.goals
    blank = [  # a comprehension over zipped lists: ~3x a loop reading each goal
        i
        for i, lv, measure in zip(range(len(goals)), level, map(_measure, goals), strict=True)
        if lv == SUPPORT and (not measure or measure.isspace())
    ]
    unmeasured: dict[str | None, list[int]] = {}
    for fid, i in zip(map(owner.__getitem__, blank), blank, strict=True):
        found = unmeasured.get(fid)
        if found is None:
            unmeasured[fid] = [i]
        else:
            found.append(i)
    if not unmeasured:
        return
    functions = graph.functions
    for fi, function in enumerate(ws.functions):
        found = unmeasured.get(function.id)
        if not found:
            continue
        named = [quote(graph.goals[i].text) for i in found[:MEASURES_NAMED]]
        more = len(found) - len(named)
        listed = ", ".join(named) + (f" and {more} more" if more else "")
        fname = name(functions.get(function.id))
        if len(found) == 1:
            message = f"The {fname} result {listed} has no measure."
        else:
            message = f"{len(found)} {fname} results have no measure: {listed}."
        out.add(
            (Collection.FUNCTIONS, fi, 9),
            "result-without-measure",
            Severity.INFO,
            message,
            [function.id, *map(graph.ids.__getitem__, found)],
            f"Agree with {fname}'s internal customers how each result will be measured, and write the measure "
            "on its card.",
        )
