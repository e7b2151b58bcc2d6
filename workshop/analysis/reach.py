"""Which goals are traced to strategy, and to which strategic goals: the analysis's answer, for everyone.

The guide, the board and the report must never disagree with the findings about whether a goal is
"traced to strategy". So this module does not follow links on its own: it asks `graph.build` for
the links that carry a chain (`legit`, see the table in `graph.py`) and for the one BFS's reach
(`dist`). A link that exists but carries no chain (customer-facing -> support, an undeclared
support -> strategy link) therefore traces nothing here either.
"""

from __future__ import annotations

from workshop.analysis.graph import STRATEGY, GoalGraph, build
from workshop.model import Workshop


def traced_goal_ids(ws: Workshop, graph: GoalGraph | None = None) -> set[str]:
    """Goals with a chain to a strategic goal, strategic goals included (the analysis's reach)."""
    graph = graph or build(ws)
    return {goal_id for goal_id, dist in zip(graph.ids, graph.dist, strict=True) if dist >= 0}


def strategic_targets_all(ws: Workshop, graph: GoalGraph | None = None) -> dict[str, list[str]]:
    """For every traced goal below strategy, the strategic goals its chains reach, in board order.

    One backward walk per strategic goal (a workshop has a handful) along the links that carry a
    chain, instead of one walk per goal shown.
    """
    graph = graph or build(ws)
    ids, src, inc, legit = graph.ids, graph.src, graph.inc, graph.legit
    out: dict[str, list[str]] = {}
    for start, level in enumerate(graph.level):
        if level != STRATEGY:
            continue
        seen = {start}
        queue = [start]
        push = queue.append
        for node in queue:  # grows while it is walked: a BFS
            for li in inc[node]:
                if legit[li]:
                    source = src[li]
                    if source not in seen:
                        seen.add(source)
                        push(source)
        strategic_id = ids[start]
        for node in queue[1:]:
            out.setdefault(ids[node], []).append(strategic_id)
    return out


def strategic_targets(ws: Workshop, goal_id: str, graph: GoalGraph | None = None) -> list[str]:
    """The strategic goals one goal's chains reach, in board order (empty when it is not traced)."""
    graph = graph or build(ws)
    start = graph.index.get(goal_id)
    if start is None or graph.dist[start] < 0:
        return []
    out, tgt, legit, level = graph.out, graph.tgt, graph.legit, graph.level
    seen = {start}
    queue = [start]
    for node in queue:
        for li in out[node]:
            target = tgt[li]
            if legit[li] and target not in seen:
                seen.add(target)
                queue.append(target)
    return [graph.ids[i] for i in sorted(seen) if i != start and level[i] == STRATEGY]
