"""The alignment score: one number the room can watch rise as it fixes the tree.

DEFINITION: the share of goals below strategy that reach a strategic goal the way the method asks
(a customer-facing goal through links, a support goal through an internal customer's goal or a
declared direct-impact exception with a reason), in whole percent rounded down, and 100 when there
are no such goals.

Rounded down, so 100 means every goal is aligned, never "almost". It counts goals, not findings,
so a workshop with many goals is not punished for being thorough.
"""

from __future__ import annotations

from workshop.analysis.graph import STRATEGY, GoalGraph


def score(graph: GoalGraph) -> int:
    below = 0
    aligned = 0
    for level, dist in zip(graph.level, graph.dist, strict=True):
        if level != STRATEGY:
            below += 1
            if dist >= 0:
                aligned += 1
    return 100 if below == 0 else aligned * 100 // below
