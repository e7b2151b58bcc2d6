"""Refine an ordered, placed drawing against what the room sees: links as straight lines.

Ordering counts crossings with a link's bends (dummies) where the order puts them, but the board draws
a long link as one straight line, and placement cannot always put every bend on that line: on
generated workshops a third more crossings appear between the order and the drawing. So the drawing
is read back into an order (each bend where its straight line really passes the layer; the crossings
of that order are those of the drawing's links between layers, but for a line passing between goals
that a flat link joins: they stay one block), sifted again from there,
and placed again; the drawing with the fewest crossings is kept, so this never makes Tidy worse
than the first placement.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator, Sequence

from workshop.geometry import HALF_H, HALF_W
from workshop.layout.drawn_count import count_drawn
from workshop.layout.graph import LayeredGraph
from workshop.layout.ordering import (
    SMALL_NODES,
    Effort,
    _keep_blocks_together,
    _positions,
    order_steps,
    total_crossings,
)
from workshop.layout.placement import Obstacles, place_steps
from workshop.layout.sifting import sift_steps
from workshop.layout.steps import relay, unshown
from workshop.link_geometry import passing_x

SIFT_ROUNDS = 1
"""Rounds of sifting on the order read back from a drawing (more cost a round's time for ~1%)."""
REFINE_ROUNDS = 3
"""Rounds of refinement (read back, sift, place) on a big board; each stops the loop if it gains nothing.
Measured on generated workshops with 20% extra links (benchmarks/bench_tidy_vs_dot.py): at 500 goals
~10% fewer drawn crossings for three rounds."""
SMALL_ROUNDS = 1
"""Rounds on a small board (100 goals): a second gained 2 crossings in 500 for a fifth more time."""
PLACE_PASSES = 2
"""Placement passes before the last one, when placing again: the order is already close to the drawing."""
SMALL_PLACE_PASSES = 0
"""The same on a small board: at 100 goals (seeds 1-40) the last pass alone draws 0.7% fewer crossings
in all (better on 7 of seeds 1-10, seed 9 70 -> 75 against dot's 100) for 0.2 ms less."""


SECOND_START = Effort(4, 0, 0, False, depth_first_start=False)
"""The second start's ordering (blocks left out): breadth-first only, four sweeps, no transposition;
the sifting and placement after it do the rest. Measured at 100 goals (seeds 1-20): as good as with
transposition or a depth-first start too, for a third of their time; four sweeps rather than six
(seeds 1-40): the same crossings in all (3,748 against 3,745; seed 5 62 rather than 53, dot 71) for
0.2 ms less, which keeps Tidy under dot's time on the boards where the second drawing is placed."""


SECOND_START_NODES = SMALL_NODES
"""Boards (flat-link blocks, up to this many cards and bends) that also get the second start
(`second_start_steps`): every small board with blocks (100 goals: ~150 nodes). It is where a block can
cost the order crossings no later step wins back (100 goals seed 5: 79 drawn, 62 with it, dot 71;
seed 12 too, 70 -> 63); at 500 goals and more Tidy already draws fewer crossings than dot, and the
first drawing has the time. 0 turns it off (benchmarks/README.md: what it costs)."""
SECOND_START_SHARE = 0.8
"""The second start is placed only when its sifted order has under this share of the first drawing's
crossings: placing a fresh order adds 0-46% to its count. At 100 goals (seeds 1-40) the three wins had
0.70-0.79 (seeds 30, 5, 12; close to the line: seed 12), and 34 of the 37 others had 0.80 or more, so
it is placed 6 times in 40 rather than 20 (~0.6 ms each). The choice is made on `drawn_score`, which
can differ by a crossing from what is drawn: on seed 30 the second drawing is kept with 93 against 92."""


def wants_second_start(g: LayeredGraph) -> bool:
    """Whether Tidy also draws this graph from the second start."""
    return bool(g.blocks) and g.size <= SECOND_START_NODES


def refine_rounds(g: LayeredGraph) -> int:
    """Rounds of refinement a graph of this size gets."""
    return SMALL_ROUNDS if g.size <= SMALL_NODES else REFINE_ROUNDS


def drawn_order(g: LayeredGraph, x: Sequence[float]) -> list[list[int]]:
    """Every layer's order as drawn: cards by x, a link's bend where its drawn line crosses the layer.
    Goals joined by a flat link stay one block."""
    key = list(x)
    node_y = [g.layer_y[g.layer[n]] for n in range(g.size)]
    for node, (_, top) in g.pinned.items():  # a pinned end may sit off its layer's line
        node_y[node] = top
    for node in g.chain_ends:
        key[node] = _bend_x(g, x, node_y, node)
    # ties (a bend exactly under a card) keep the order placement had
    rank = _positions(g)
    return [_keep_blocks_together(g, sorted(layer, key=lambda n: (key[n], rank[n]))) for layer in g.layers]


def _bend_x(g: LayeredGraph, x: Sequence[float], node_y: list[float], node: int) -> float:
    """Where the drawn line of the long link through bend `node` passes the middle of the bend's layer."""
    upper, lower = g.chain_ends[node]
    return passing_x(x[upper], node_y[upper], x[lower], node_y[lower], node_y[node], HALF_W, HALF_H)


def drawn_crossings(g: LayeredGraph, x: Sequence[float]) -> int:
    """Crossings of the drawing `x` as the board draws its links (`drawn_count`; flat links aside), with
    `g.layers` set to its drawn order."""
    g.layers = drawn_order(g, x)
    return count_drawn(g, x)


def refine_steps(
    g: LayeredGraph, obstacles: Obstacles, x: list[float], locked: list[bool], rounds: int
) -> Generator[None, None, tuple[list[float], int]]:
    """Up to `rounds` times: read the drawing back, sift, place again; stops when a round gains
    nothing. Yields after each piece of work; returns the best drawing's x (`g.layers` its drawn order,
    `drawn_order`) and its `drawn_crossings`."""
    best = drawn_crossings(g, x)
    best_x, best_layers = x, [list(layer) for layer in g.layers]
    for _ in range(rounds):
        if best == 0:
            break
        sifting = sift_steps(g, _positions(g), locked, SIFT_ROUNDS, best)
        while True:
            try:
                next(sifting)
            except StopIteration:
                break
            yield
        passes = SMALL_PLACE_PASSES if g.size <= SMALL_NODES else PLACE_PASSES
        candidate = yield from relay(place_steps(g, obstacles, passes), unshown)
        crossings = drawn_crossings(g, candidate)
        if crossings >= best:
            break
        best, best_x, best_layers = crossings, candidate, [list(layer) for layer in g.layers]
    g.layers = best_layers
    return best_x, best


def drawn_score(g: LayeredGraph, x: Sequence[float], crossings: int | None = None) -> int:
    """Crossings of the drawing `x` as the room sees them: `drawn_crossings` (which sets `g.layers` to the
    drawn order) and the lines that pass between two goals a flat link joins, crossing that link.
    `crossings`: its `drawn_crossings`, already counted with `g.layers` its drawn order (`refine_steps`)."""
    if crossings is None:
        crossings = drawn_crossings(g, x)
    if not g.blocks:
        return crossings
    node_y = [g.layer_y[g.layer[n]] for n in range(g.size)]
    for node, (_, top) in g.pinned.items():
        node_y[node] = top
    for root, members in g.blocks.items():
        layer_index = g.layer[root]
        ends = sorted(x[m] for m in members)
        low, high = ends[0], ends[-1]
        for node in g.layers[layer_index]:
            if node not in g.chain_ends:
                continue
            passes = _bend_x(g, x, node_y, node)
            if low < passes < high:
                crossings += sum(1 for a, b in itertools.pairwise(ends) if a < passes < b)
    return crossings


def second_start_steps(
    g: LayeredGraph, obstacles: Obstacles, locked: list[bool], to_beat: int
) -> Generator[None, None, list[float] | None]:
    """A second drawing from another start: the order found without the flat-link blocks (as dot,
    not asked to keep those goals together, orders), the blocks put back, sifted, placed. Keeping the
    blocks during the ordering can cost it a fifth of its crossings that no later step wins back (100
    goals seed 5: 79 drawn; from this start 62, dot 71). Yields after each piece of work; returns the
    drawing's x, `g.layers` its order (the blocks' member order may have turned, as sifting does), or
    None without placing when the sifted order has `SECOND_START_SHARE` of `to_beat` crossings or more:
    its drawing would not win (at 100 goals, seeds 1-40, that skips the placement 34 times in 40)."""
    blocks = g.blocks
    g.blocks = {}
    try:
        for _ in order_steps(g, SECOND_START):
            yield
    finally:
        g.blocks = blocks
    g.layers = [_keep_blocks_together(g, layer) for layer in g.layers]
    pos = _positions(g)
    crossings = yield from relay(sift_steps(g, pos, locked, SIFT_ROUNDS, total_crossings(g, pos)), unshown)
    if crossings >= to_beat * SECOND_START_SHARE:
        return None
    return (yield from relay(place_steps(g, obstacles, 0), unshown))
