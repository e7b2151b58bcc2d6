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
