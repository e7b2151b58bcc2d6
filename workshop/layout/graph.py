"""The goal tree turned into a proper layered graph: the input of ordering and placement.

Layers are global, top to bottom: the Strategy band has one layer, the Customer-facing band two,
the Support band as many as its deepest chain needs. A link that spans more than one layer gets a
chain of dummy nodes (one per layer it passes), so that ordering can reason about where the line
runs through the layers in between. Links inside one layer ("flat" links: a customer-facing chain
deeper than the band has room for, a strategic goal serving another) keep their ends side by side
as one block. Goals with no link at all stay out of the graph: they go at the end of their band's
first layer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from workshop.geometry import BANDS
from workshop.model import BAND_ORDER, Band, Workshop

MAX_BAND_LAYERS = {Band.STRATEGY: 1, Band.CUSTOMER_FACING: 2, Band.SUPPORT: None}
"""Layers each band has room for; the support band is last and grows downward without limit."""


@dataclass
class LayeredGraph:
    """Nodes are ints; real cards first (in model order), dummies after them."""

    ids: list[str] = field(default_factory=list)
    """Card id per node; '' for a dummy."""
    layer: list[int] = field(default_factory=list)
    layers: list[list[int]] = field(default_factory=list)
    """Order of the nodes in each layer, left to right: what ordering improves."""
    layer_y: list[float] = field(default_factory=list)
    """Top edge of the cards of each layer."""
    up: list[list[int]] = field(default_factory=list)
    """Neighbours in the layer just above (real or dummy)."""
    down: list[list[int]] = field(default_factory=list)
    chain_ends: dict[int, tuple[int, int]] = field(default_factory=dict)
    """For a dummy: the real cards at the upper and lower end of its link."""
    block_of: list[int] = field(default_factory=list)
    """Nodes joined by flat links share a block (the block's id is its first node); others are alone."""
    block_rank: list[int] = field(default_factory=list)
    blocks: dict[int, list[int]] = field(default_factory=dict)
    """Members of each multi-node block, in their left-to-right order."""
    pinned: dict[int, tuple[float, float]] = field(default_factory=dict)
    """Pinned real nodes and their fixed top-left corner."""
    unconnected: dict[Band, list[str]] = field(default_factory=dict)
    loose: set[int] = field(default_factory=set)
    """Goals with no link: kept out of the layers, Tidy puts them at the end of their band's first layer."""
    band_first_layer: dict[Band, int] = field(default_factory=dict)
    drawn_pieces: object | None = field(default=None, repr=False, compare=False)
    """What `drawn_count.pieces_of` works out once per graph (which links pass which gap)."""

    @property
    def size(self) -> int:
        return len(self.ids)

    def is_dummy(self, node: int) -> bool:
        return not self.ids[node]


def _band_depths(nodes: list[int], targets: dict[int, list[int]]) -> dict[int, int]:
    """Longest-path depth inside a band: a goal sits one layer below the deepest same-band goal it serves.

    Links that close a cycle (found by a depth-first search in model order) are left out of the
    depth, so cycles cannot make this loop forever; they are still drawn.
    """
    state: dict[int, int] = {}  # 1 = on the stack, 2 = done
    depth: dict[int, int] = {}
    for start in nodes:
        if start in state:
            continue
        stack: list[tuple[int, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, next_index = stack[-1]
            outs = targets.get(node, [])
            if next_index < len(outs):
                stack[-1] = (node, next_index + 1)
                target = outs[next_index]
                if target not in state:
                    state[target] = 1
                    stack.append((target, 0))
                continue
            stack.pop()
            state[node] = 2
            best = 0
            for target in outs:
                if state.get(target) == 2 and target in depth:
                    best = max(best, depth[target] + 1)
            depth[node] = best
    return depth


def build(ws: Workshop, keep: Collection[str] = ()) -> LayeredGraph:
    """Layer the goals of a workshop (see the module docstring); deterministic for a given workshop.

    Pinned cards, and the cards in `keep` that have a position, are fixed where they are."""
    g = LayeredGraph()
    index: dict[str, int] = {}
    bands: list[Band] = []
    band_of: dict[str | None, Band] = {}  # a few functions own many goals: look each up once
    for goal in ws.goals:
        if goal.id in index:
            continue
        index[goal.id] = len(g.ids)
        g.ids.append(goal.id)
        band = band_of.get(goal.function_id)
        if band is None:
            band = band_of[goal.function_id] = ws.band_of_owner(goal.function_id)
        bands.append(band)

    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for link in ws.links:
        s, t = index.get(link.source), index.get(link.target)
        if s is None or t is None or s == t or (s, t) in seen:
            continue
        seen.add((s, t))
        pairs.append((s, t))

    linked = {n for pair in pairs for n in pair}
    g.unconnected = {band: [] for band in BAND_ORDER}
    for node, card_id in enumerate(g.ids):
        if node not in linked:
            g.unconnected[bands[node]].append(card_id)
            g.loose.add(node)

    # Depth of every linked goal inside its band.
    depth: dict[int, int] = {}
    for band in BAND_ORDER:
        members = [n for n in range(len(g.ids)) if bands[n] == band and n in linked]
        targets: dict[int, list[int]] = {}
        for s, t in pairs:
            if bands[s] == band and bands[t] == band:
                targets.setdefault(s, []).append(t)
        limit = MAX_BAND_LAYERS[band]
        for node, d in _band_depths(members, targets).items():
            depth[node] = d if limit is None else min(d, limit - 1)

    # Global layers: each band starts where the previous one ends.
    g.layer_y = []
    start = 0
    for band in BAND_ORDER:
        g.band_first_layer[band] = start
        limit = MAX_BAND_LAYERS[band]
        deepest = max((depth[n] for n in depth if bands[n] == band), default=0)
        count = limit if limit is not None else deepest + 1
        g.layer_y.extend(BANDS[band].layer_y(k) for k in range(count))
        start += count
    g.layers = [[] for _ in g.layer_y]
    g.layer = [g.band_first_layer[bands[n]] + depth.get(n, 0) for n in range(len(g.ids))]

    pinned_positions = {card_id: p for card_id, p in ws.positions.items() if p.pinned or card_id in keep}
    for node, card_id in enumerate(g.ids):
        if card_id in pinned_positions:
            p = pinned_positions[card_id]
            g.pinned[node] = (p.x, p.y)

    real_count = len(g.ids)
    g.up = [[] for _ in range(real_count)]
    g.down = [[] for _ in range(real_count)]
    flat: list[tuple[int, int]] = []
    for s, t in pairs:
        upper, lower = (t, s) if g.layer[t] <= g.layer[s] else (s, t)
        if g.layer[upper] == g.layer[lower]:
            flat.append((s, t))
            continue
        previous = upper
        for layer in range(g.layer[upper] + 1, g.layer[lower]):
            dummy = len(g.ids)
            g.ids.append("")
            g.layer.append(layer)
            g.up.append([previous])
            g.down.append([])
            g.chain_ends[dummy] = (upper, lower)
            g.down[previous].append(dummy)
            previous = dummy
        g.down[previous].append(lower)
        g.up[lower].append(previous)

    _make_blocks(g, flat)
    return g


def _make_blocks(g: LayeredGraph, flat: list[tuple[int, int]]) -> None:
    """Group goals joined by flat links so they stay side by side: the served goal in the middle,
    the goals serving it alternately right and left of it, their own contributors further out."""
    g.block_of = list(range(g.size))
    g.block_rank = [0] * g.size
    if not flat:
        return
    neighbours: dict[int, list[int]] = {}
    serves: set[int] = set()
    for s, t in flat:
        neighbours.setdefault(s, []).append(t)
        neighbours.setdefault(t, []).append(s)
        serves.add(s)
    placed: set[int] = set()
    for start in sorted(neighbours):
        if start in placed:
            continue
        component: list[int] = []
        stack = [start]
        placed.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for other in neighbours[node]:
                if other not in placed:
                    placed.add(other)
                    stack.append(other)
        component.sort()
        roots = [n for n in component if n not in serves] or component
        root = roots[0]
        arranged = _arrange(root, neighbours)
        g.blocks[arranged[0]] = arranged
        for rank, node in enumerate(arranged):
            g.block_of[node] = arranged[0]
            g.block_rank[node] = rank


def _arrange(root: int, neighbours: dict[int, list[int]]) -> list[int]:
    visited = {root}
    left: list[int] = []
    right: list[int] = []
    for i, child in enumerate(sorted(neighbours[root])):
        if child in visited:
            continue
        branch: list[int] = []
        stack = [child]
        visited.add(child)
        while stack:
            node = stack.pop()
            branch.append(node)
            for other in sorted(neighbours[node], reverse=True):
                if other not in visited:
                    visited.add(other)
                    stack.append(other)
        if i % 2 == 0:
            right.extend(branch)
        else:
            left = list(reversed(branch)) + left
    return [*left, root, *right]
