"""Give every card of an ordered layered graph its x: near the median of the cards it links to,
never overlapping, compact.

Each pass walks the layers (alternately downward, looking at the cards served, and upward, looking
at the contributors) and asks every card for a wished x; the wishes of one layer are then made
non-overlapping with the least weighted squared displacement that keeps the order (isotonic
regression by pool-adjacent-violators on x minus the cumulative spacing). Dummies wish to sit on
the straight line of their link, so cards in the layers a long link passes make room for it and
the line does not cut through the order ordering chose; a last down pass lines lower cards up with
the dummies above them, and a straightening step moves the cards a finished line still cuts through.
Pinned cards do not move: the others step to the right of any pinned card they would touch.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Generator

from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, H_GAP, HALF_H, HALF_W, LAYER_GAP
from workshop.layout.graph import LayeredGraph
from workshop.layout.steps import finish
from workshop.link_geometry import passing_rule, passing_x

PASSES = 2
"""Passes before the last one. Eight were used before Tidy refined its drawing (refining.py); with the
refinement, two give as few crossings for a quarter of the time (benchmarks/bench_tidy_vs_dot.py)."""
DUMMY_GAP = H_GAP
"""Space kept between a link passing through a layer and the cards beside it."""
DUMMY_WEIGHT = 256.0
"""Links spanning layers stay straight: the cards they pass make room, not the other way round."""
IDLE_WEIGHT = 0.01
"""Weight of the wish of a card with no link on the side a pass looks at: it keeps its place."""
CARD_SEPARATION = CARD_WIDTH + H_GAP
LINE_PULL = 0.0
STRAIGHTEN_PASSES = 4
"""Straightening a layer moves cards that are the ends of other lines, so it is repeated: one pass left
100 goals (seed 1, 20% extra links) with 135 drawn crossings, four with 101; more gained nothing."""
LINE_WEIGHT = 1e6
"""How far a card follows the line of a long link (0: it heads for the far end; the last pass uses 1)."""


def _separation(a_is_dummy: bool, b_is_dummy: bool) -> float:
    """Centre-to-centre distance two neighbours in a layer keep at least."""
    if a_is_dummy and b_is_dummy:
        return DUMMY_GAP
    if a_is_dummy or b_is_dummy:
        return CARD_WIDTH / 2 + DUMMY_GAP
    return CARD_SEPARATION


def _isotonic(wishes: list[float], weights: list[float], offsets: list[float]) -> list[float]:
    """Closest x (weighted least squares) to the wishes with x[i+1] - x[i] >= offsets[i+1] - offsets[i]."""
    # pool adjacent violators over y = x - offset, which must not decrease: a stack of blocks (weighted
    # sum, weight, first index) in preallocated lists, as this runs for every layer of every pass
    n = len(wishes)
    sums = [0.0] * n
    masses = [0.0] * n
    firsts = [0] * n
    top = -1
    for i in range(n):
        weight = weights[i]
        total, mass, first = (wishes[i] - offsets[i]) * weight, weight, i
        while top >= 0 and sums[top] * mass >= total * masses[top]:
            total += sums[top]
            mass += masses[top]
            first = firsts[top]
            top -= 1
        top += 1
        sums[top] = total
        masses[top] = mass
        firsts[top] = first
    out = [0.0] * n
    end = n
    for block in range(top, -1, -1):
        value = sums[block] / masses[block]
        for j in range(firsts[block], end):
            out[j] = value + offsets[j]
        end = firsts[block]
    return out


class Obstacles:
    """Pinned cards (and any other card that stays put) as forbidden x ranges of each layer."""

    def __init__(self, fixed: list[tuple[float, float]], layer_y: list[float]) -> None:
        reach = CARD_WIDTH + H_GAP
        self.by_layer: list[list[tuple[float, float]]] = []
        for y in layer_y:
            blocked = sorted(
                (x + CARD_WIDTH / 2 - reach, x + CARD_WIDTH / 2 + reach)
                for x, top in fixed
                if abs(top - y) < CARD_HEIGHT + LAYER_GAP / 2
            )
            self.by_layer.append(blocked)

    def push(self, layer_index: int, centre: float) -> float:
        """The first centre at or right of `centre` where a card touches no fixed card of this layer."""
        for low, high in self.by_layer[layer_index]:
            if low < centre < high:
                centre = high
        return centre


def place(g: LayeredGraph, obstacles: Obstacles, passes: int | None = None) -> list[float]:
    """Centre x of every node of the graph (pinned ones: where they are pinned)."""
    return finish(place_steps(g, obstacles, passes))


def place_steps(
    g: LayeredGraph, obstacles: Obstacles, passes: int | None = None
) -> Generator[float, None, list[float]]:
    """`place`, yielding the share done after each pass (Tidy on a big board runs in slices)."""
    dummy = [not card_id for card_id in g.ids]
    x: list[float] = [0.0] * g.size
    centre_y = [y + CARD_HEIGHT / 2 for y in g.layer_y]
    node_y = [centre_y[g.layer[n]] for n in range(g.size)]
    for node, (px, py) in g.pinned.items():
        x[node] = px + CARD_WIDTH / 2
        node_y[node] = py + CARD_HEIGHT / 2
    items = [[n for n in layer if n not in g.pinned] for layer in g.layers]
    offsets: list[list[float]] = []
    for layer_index, layer in enumerate(items):
        row = [0.0]
        for a, b in itertools.pairwise(layer):
            row.append(row[-1] + _separation(dummy[a], dummy[b]))
        offsets.append(row[: len(layer)])
        for node, offset in zip(layer, row, strict=False):
            x[node] = offset
        if obstacles.by_layer[layer_index]:  # without a pinned card there, the packed row is already settled
            _settle(
                layer_index, layer, offsets[layer_index], [x[n] for n in layer], [1.0] * len(layer), x, dummy, obstacles
            )

    count = len(g.layers)
    total = (PASSES if passes is None else passes) + 1
    # what does not change between passes, worked out once: where on its link's line each dummy sits,
    # and whom each card aims at on either side while the pull is 0 (a real neighbour, or the far end
    # of a long link through a dummy neighbour)
    line = {
        node: (upper, lower, passing_rule(node_y[upper], node_y[lower], node_y[node], HALF_W, HALF_H))
        for node, (upper, lower) in g.chain_ends.items()
    }

    def on_line(node: int) -> float:
        """Where the board's line of the long link through bend `node` passes its layer (`passing_x`)."""
        upper, lower, rule = line[node]
        if rule is None:  # a pinned end level with, or close above, the other
            return passing_x(x[upper], node_y[upper], x[lower], node_y[lower], node_y[node], HALF_W, HALF_H)
        reach, bend, share = rule
        run = x[lower] - x[upper]
        slide = reach * math.tanh(run * bend)
        return x[upper] + slide + share * (run - 2 * slide)

    def targets(node: int, near: list[int]) -> list[int]:
        out = []
        for n in near:
            if dummy[n]:
                upper, lower = g.chain_ends[n]
                out.append(upper if lower == node else lower)
            else:
                out.append(n)
        return out

    aim_up = [targets(n, g.up[n]) for n in range(g.size)]
    aim_down = [targets(n, g.down[n]) for n in range(g.size)]
    for p in range(total):
        yield p / (total + 1)
        downward = p % 2 == 0 or p == total - 1
        # The last pass goes down and lines lower cards up with the dummies above them, so a long
        # link runs straight through the gap its dummies kept open.
        pull = 1.0 if p == total - 1 else LINE_PULL
        span = range(count) if downward else range(count - 1, -1, -1)
        for layer_index in span:
            layer = items[layer_index]
            if len(layer) > 500:
                yield p / (total + 1)
            if not layer:
                continue
            wishes: list[float] = []
            weights: list[float] = []
            for node in layer:
                if dummy[node]:
                    wishes.append(on_line(node))
                    weights.append(DUMMY_WEIGHT)
                    continue
                primary = g.up[node] if downward else g.down[node]
                secondary = g.down[node] if downward else g.up[node]
                if pull == 0.0:
                    near = aim_up[node] if downward else aim_down[node]
                    if near:
                        wishes.append(x[near[0]] if len(near) == 1 else _median([x[n] for n in near]))
                        weights.append(float(len(near)))
                        continue
                    near = aim_down[node] if downward else aim_up[node]
                    if near:
                        wishes.append(x[near[0]] if len(near) == 1 else _median([x[n] for n in near]))
                        weights.append(0.5)
                        continue
                    wishes.append(x[node])
                    weights.append(IDLE_WEIGHT)
                    continue
                if primary:
                    wishes.append(_median([_aim(g, dummy, x, node_y, node, n, pull) for n in primary]))
                    weights.append(float(len(primary)))
                elif secondary:
                    wishes.append(_median([_aim(g, dummy, x, node_y, node, n, pull) for n in secondary]))
                    weights.append(0.5)
                else:
                    wishes.append(x[node])
                    weights.append(IDLE_WEIGHT)
            _settle(layer_index, layer, offsets[layer_index], wishes, weights, x, dummy, obstacles)

    # Straighten: cards that a finished long link would still cut through step aside, as little as
    # the order allows; the links' ends no longer move, so the lines are final.
    yield total / (total + 1)
    straighten = [layer_index for layer_index in range(count) if any(dummy[n] for n in items[layer_index])]
    for _ in range(STRAIGHTEN_PASSES):
        for layer_index in straighten:
            layer = items[layer_index]
            if len(layer) > 500:
                yield total / (total + 1)
            wishes = []
            weights = []
            for node in layer:
                if dummy[node]:
                    wishes.append(on_line(node))
                    weights.append(LINE_WEIGHT)
                else:
                    wishes.append(x[node])
                    weights.append(1.0)
            _settle(layer_index, layer, offsets[layer_index], wishes, weights, x, dummy, obstacles)

    _close_gaps(g, items, x, dummy, obstacles)
    return x


def _close_gaps(
    g: LayeredGraph, items: list[list[int]], x: list[float], dummy: list[bool], obstacles: Obstacles
) -> None:
    """Slide each connected part of the tree left, whole, until some card of it meets its neighbour
    or a pinned card. A part holding a pinned card stays.

    Nothing inside a part pulls it toward the others (a part with one strategic goal sits on its
    own), so passes can leave wide empty stretches between parts; this closes them, keeping every
    order and every shape.
    """
    part = list(range(g.size))

    def root(n: int) -> int:
        while part[n] != n:
            part[n] = part[part[n]]
            n = part[n]
        return n

    for n in range(g.size):
        for m in g.down[n]:
            a, b = root(n), root(m)
            if a != b:
                part[max(a, b)] = min(a, b)
    label = [root(n) for n in range(g.size)]
    anchored = {label[n] for n in g.pinned}
    members: dict[int, list[int]] = {}
    for layer in items:
        for n in layer:
            if label[n] not in anchored:
                members.setdefault(label[n], []).append(n)
    left_of: dict[int, int] = {}
    for layer in items:
        for a, b in itertools.pairwise(layer):
            left_of[b] = a
    for key in sorted(members, key=lambda k: min(x[n] for n in members[k])):
        nodes = members[key]
        slack = float("inf")
        for n in nodes:
            left = left_of.get(n)
            if left is not None and label[left] != key:
                slack = min(slack, x[n] - x[left] - _separation(dummy[left], dummy[n]))
            if not dummy[n]:
                for _, high in obstacles.by_layer[g.layer[n]]:
                    if high <= x[n]:
                        slack = min(slack, x[n] - high)
        if 0 < slack < float("inf"):
            for n in nodes:
                x[n] -= slack


def _aim(
    g: LayeredGraph, dummy: list[bool], x: list[float], node_y: list[float], node: int, neighbour: int, pull: float
) -> float:
    """Where `node` should be for its link through `neighbour`: under a real neighbour; through a
    dummy, under the link's far end, or (pull 1) on the straight line from the far end through it."""
    if not dummy[neighbour]:
        return x[neighbour]
    upper, lower = g.chain_ends[neighbour]
    far = upper if lower == node else lower
    if pull == 0.0:
        return x[far]
    dy = node_y[neighbour] - node_y[far]
    if dy == 0:
        return x[far]
    on_line = x[far] + (x[neighbour] - x[far]) * (node_y[node] - node_y[far]) / dy
    return x[far] + pull * (on_line - x[far])


def _median(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    values = sorted(values)
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def _settle(
    layer_index: int,
    layer: list[int],
    offsets: list[float],
    wishes: list[float],
    weights: list[float],
    x: list[float],
    dummy: list[bool],
    obstacles: Obstacles,
) -> None:
    if not layer:
        return
    placed = _isotonic(wishes, weights, offsets)
    blocked = bool(obstacles.by_layer[layer_index])
    if not blocked:  # most layers: no pinned card to step round
        value = placed[0]
        x[layer[0]] = value
        for i in range(1, len(layer)):
            floor = value + offsets[i] - offsets[i - 1]
            value = placed[i] if placed[i] > floor else floor
            x[layer[i]] = value
        return
    floor = float("-inf")
    for i, node in enumerate(layer):
        value = placed[i] if placed[i] > floor else floor
        if blocked and not dummy[node]:
            value = obstacles.push(layer_index, value)
        x[node] = value
        if i + 1 < len(layer):
            floor = value + offsets[i + 1] - offsets[i]
