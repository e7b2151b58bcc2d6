"""Count crossing links in a drawing: the figure of merit of a layout, for tests and the benchmark.

Links are drawn as the board draws them (`workshop.link_geometry.link_ends`: edge to edge, across the
gap between two rows through the facing edges), so two links cross when those segments properly
intersect; links that share a card never count, nor do lines that only touch or overlap.
"""

from __future__ import annotations

from collections.abc import Mapping

from workshop.geometry import HALF_H, HALF_W
from workshop.link_geometry import link_ends
from workshop.model import Workshop


def _orientation(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> int:
    value = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (value > 1e-9) - (value < -1e-9)


def count_crossings(ws: Workshop, positions: Mapping[str, tuple[float, float]]) -> int:
    """Pairs of links whose straight lines cross; links with an end that has no position are skipped."""
    segments: list[tuple[float, float, float, float, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for link in ws.links:
        if link.source == link.target or (link.source, link.target) in seen:
            continue
        seen.add((link.source, link.target))
        a, b = positions.get(link.source), positions.get(link.target)
        if a is None or b is None:
            continue
        ax, ay, bx, by = link_ends(
            a[0] + HALF_W, a[1] + HALF_H, HALF_W, HALF_H, b[0] + HALF_W, b[1] + HALF_H, HALF_W, HALF_H
        )
        if (ay, ax) > (by, bx):
            ax, ay, bx, by = bx, by, ax, ay
        segments.append((ax, ay, bx, by, link.source, link.target))
    segments.sort(key=lambda s: s[1])
    crossings = 0
    for i, (ax, ay, bx, by, s1, t1) in enumerate(segments):
        left, right = min(ax, bx), max(ax, bx)
        for cx, cy, dx, dy, s2, t2 in segments[i + 1 :]:
            if cy > by:
                break  # sorted by top y: no later segment reaches up to this one
            if s2 in (s1, t1) or t2 in (s1, t1):
                continue
            if max(cx, dx) < left or min(cx, dx) > right:
                continue
            o1 = _orientation(ax, ay, bx, by, cx, cy)
            o2 = _orientation(ax, ay, bx, by, dx, dy)
            o3 = _orientation(cx, cy, dx, dy, ax, ay)
            o4 = _orientation(cx, cy, dx, dy, bx, by)
            if o1 * o2 < 0 and o3 * o4 < 0:
                crossings += 1
    return crossings
