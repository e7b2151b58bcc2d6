"""Count the crossings of a layered drawing as the board draws its links, fast enough to run after
every placement Tidy tries.

The board draws each link as one straight line from a point on one card's edge to a point on the
other's (`workshop.link_geometry`). So two links cross in the gap between two rows when their order
at the top of the gap is the reverse of their order at its bottom, and two long links cross inside a
row they both pass when their order at its top edge is the reverse of their order at its bottom edge;
links between neighbouring rows never enter a row. Links that share a card never count, as in
`count_crossings`. Which links pass which gap or row, which of them share a card, and where along its
run a line passes each height (`passing_rule`) depend on the graph alone, so they are worked out once
per graph (`pieces_of`) and each count only redraws the lines, with numpy: at 500 goals Tidy counts
four drawings, and a count in plain Python cost it 4 ms more than the order count it replaced.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workshop.geometry import HALF_H, HALF_W
from workshop.layout.graph import LayeredGraph
from workshop.link_geometry import CORNER_MARGIN, passing_x


@dataclass
class Span:
    """The links that pass one height band (a gap between rows, or a row), read at its top and bottom."""

    top: float
    bottom: float
    links: np.ndarray
    """Index of each passing link in `Pieces.uppers` / `Pieces.lowers`."""
    share_top: np.ndarray
    """Of each passing link, `passing_rule`'s share at the band's top (and at its bottom, next)."""
    share_bottom: np.ndarray
    odd: list[int]
    """Positions (in `links`) of links with no rule (a pinned end level with the other): read one by one."""
    pair_a: np.ndarray
    """Positions of the two links of each pair that shares a card (they never count)."""
    pair_b: np.ndarray


@dataclass
class Pieces:
    uppers: np.ndarray
    """Every link between layers as its upper and lower real card."""
    lowers: np.ndarray
    reach: np.ndarray
    """`passing_rule`'s reach and bend of each link (0 for a link without a rule)."""
    bend: np.ndarray
    node_y: list[float]
    """Top of each node's card (a pinned card may sit off its layer's line)."""
    spans: list[Span]


def pieces_of(g: LayeredGraph) -> Pieces:
    """What does not change while Tidy tries orders and placements of `g`; kept on the graph."""
    cached = g.drawn_pieces
    if isinstance(cached, Pieces):
        return cached
    node_y = [g.layer_y[g.layer[n]] for n in range(g.size)]
    for node, (_, top) in g.pinned.items():
        node_y[node] = top
    real_upper = list(range(g.size))
    real_lower = list(range(g.size))
    for node, (upper, lower) in g.chain_ends.items():
        real_upper[node], real_lower[node] = upper, lower
    index: dict[tuple[int, int], int] = {}
    links: list[tuple[int, int]] = []

    def link(upper: int, lower: int) -> int:
        found = index.get((upper, lower))
        if found is None:
            found = index[upper, lower] = len(links)
            links.append((upper, lower))
        return found

    gaps: list[list[int]] = [[] for _ in g.layer_y]
    rows: list[list[int]] = [[] for _ in g.layer_y]
    for u in range(g.size):
        for d in g.down[u]:
            gaps[g.layer[u]].append(link(real_upper[u], real_lower[d]))
    for node, ends in g.chain_ends.items():
        rows[g.layer[node]].append(link(*ends))
    uppers = np.array([u for u, _ in links], dtype=np.intp)
    lowers = np.array([d for _, d in links], dtype=np.intp)
    tops = np.array(node_y)
    # `passing_rule` for every link at once (its reach, bend and share; a test holds the two together)
    reach = HALF_W - CORNER_MARGIN
    rise = tops[lowers] - tops[uppers]
    ruled = rise > 2 * HALF_H
    bend = np.where(ruled, HALF_H / (np.where(ruled, rise, 1.0) * reach), 0.0)
    spans = []
    for layer_index, top in enumerate(g.layer_y):
        # node_y holds tops, and the lines are drawn between centres, so heights here are shifted by half
        # a card: a row's edges sit at its top and top + CARD_HEIGHT, read as top - HALF_H and top + HALF_H
        bands = [(top - HALF_H, top + HALF_H, rows[layer_index])]
        if layer_index + 1 < len(g.layer_y):
            bands.append((top + HALF_H, g.layer_y[layer_index + 1] - HALF_H, gaps[layer_index]))
        for band_top, band_bottom, passing in bands:
            if len(passing) < 2:
                continue
            which = np.array(passing, dtype=np.intp)
            start, span_rise, span_ruled = tops[uppers[which]] + HALF_H, rise[which], ruled[which]
            length = np.where(span_ruled, span_rise - 2 * HALF_H, 1.0)
            pair_a, pair_b = _sharing(passing, links)
            spans.append(
                Span(
                    band_top,
                    band_bottom,
                    which,
                    (band_top - start) / length,
                    (band_bottom - start) / length,
                    np.flatnonzero(~span_ruled).tolist(),
                    pair_a,
                    pair_b,
                )
            )
    g.drawn_pieces = Pieces(uppers, lowers, np.where(ruled, reach, 0.0), bend, node_y, spans)
    return g.drawn_pieces


def _sharing(passing: list[int], links: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Positions (in `passing`) of the two links of every pair that shares a card."""
    by_card: dict[int, list[int]] = {}
    for position, link in enumerate(passing):
        upper, lower = links[link]
        by_card.setdefault(upper, []).append(position)
        by_card.setdefault(~lower, []).append(position)
    pairs = [
        (a, b) for group in by_card.values() if len(group) > 1 for i, a in enumerate(group) for b in group[i + 1 :]
    ]
    return np.array([a for a, _ in pairs], dtype=np.intp), np.array([b for _, b in pairs], dtype=np.intp)


def count_drawn(g: LayeredGraph, x: Sequence[float]) -> int:
    """Crossings of the board's lines for the drawing `x` (card centres; bends are not drawn)."""
    pieces = pieces_of(g)
    if not pieces.spans:
        return 0
    xs = np.asarray(x, dtype=float)
    start = xs[pieces.uppers]
    run = xs[pieces.lowers] - start
    slide = pieces.reach * np.tanh(run * pieces.bend)  # `passing_x`, for every link at once
    start += slide
    run -= 2 * slide
    node_y = pieces.node_y
    total = 0
    for span in pieces.spans:
        base, width = start[span.links], run[span.links]
        at_top = base + span.share_top * width
        at_bottom = base + span.share_bottom * width
        for position in span.odd:
            upper, lower = int(pieces.uppers[span.links[position]]), int(pieces.lowers[span.links[position]])
            for y, out in ((span.top, at_top), (span.bottom, at_bottom)):
                out[position] = passing_x(x[upper], node_y[upper], x[lower], node_y[lower], y, HALF_W, HALF_H)
        total += _reversals(at_top, at_bottom)
        if len(span.pair_a):  # pairs that share a card were counted above if they cross: take them out
            a, b = span.pair_a, span.pair_b
            total -= int(np.count_nonzero((at_top[a] - at_top[b]) * (at_bottom[a] - at_bottom[b]) < 0))
    return total


def _reversals(at_top: np.ndarray, at_bottom: np.ndarray) -> int:
    """Pairs of lines whose order at the top is strictly the reverse of their order at the bottom."""
    seen: list[float] = []
    total = 0
    for count, end in enumerate(at_bottom[np.lexsort((at_bottom, at_top))].tolist()):
        total += count - bisect_right(seen, end)
        insort(seen, end)
    return total
