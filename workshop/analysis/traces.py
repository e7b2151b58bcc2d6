"""Traces: for every support goal, the chains of goals that carry it up to strategy.

A trace starts at the support goal and ends at a strategic goal. Each trace leaves the goal by a
different link and then follows the shortest chain found by the one BFS of `graph.py`, so a goal
linked two ways shows both ways, shortest first, and no goal costs a search of its own. A declared
direct-impact exception is the trace [support goal, strategic goal].
"""

from __future__ import annotations

from workshop.analysis.graph import SUPPORT, GoalGraph

MAX_TRACES = 3
"""Traces kept per support goal: enough to show the room the main routes, few enough to read."""

MAX_TRACE_GOALS = 40
"""Goals in one trace at most: a longer chain keeps its first goals and the strategic goal it ends
at (see `GoalGraph.chain`); real chains have a handful."""


def traces(graph: GoalGraph, limit: int = MAX_TRACES) -> dict[str, list[list[str]]]:
    """Every support goal's id -> its traces as goal ids (empty when the goal is not aligned)."""
    ids, level, dist, out, tgt, legit = graph.ids, graph.level, graph.dist, graph.out, graph.tgt, graph.legit
    chain = graph.chain
    result: dict[str, list[list[str]]] = {}
    for i, lv in enumerate(level):
        if lv != SUPPORT:
            continue
        if dist[i] < 0:
            result[ids[i]] = []
            continue
        links = out[i]
        if len(links) == 1:  # the usual case: one link, and it is the one the BFS came along
            result[ids[i]] = [chain(i, MAX_TRACE_GOALS)]
            continue
        firsts: list[int] = []
        for li in links:
            t = tgt[li]
            if legit[li] and dist[t] >= 0 and t not in firsts:
                firsts.append(t)
        firsts.sort(key=dist.__getitem__)  # stable: chains of equal length keep link order
        result[ids[i]] = [[ids[i], *chain(t, MAX_TRACE_GOALS - 1)] for t in firsts[:limit]]
    return result
