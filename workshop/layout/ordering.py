"""Order the cards inside each layer so that few links cross (Gansner et al., "A technique for
drawing directed graphs", 1993, section 3).

A depth-first initial order (which already draws any tree without a crossing), then alternating
down and up sweeps that sort each layer by the weighted median of its neighbours, each followed by
a transpose step that swaps neighbours while that removes crossings; the best order seen wins. When
crossings remain, a second start (breadth-first from the bottom, as dot does) is improved too.
Pinned cards sort by where they are pinned; goals joined by a flat link move as one block.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque

from workshop.geometry import CARD_WIDTH, H_GAP
from workshop.layout.graph import LayeredGraph

SWEEPS = 24
STALL_LIMIT = 6
"""Sweeps without improvement after which ordering stops early."""
RESTARTS = True
"""Also improve a second first order (breadth-first from the bottom) when the first has crossings."""
TRANSPOSE_ROUNDS = 4
"""More rounds cost time and, measured on generated workshops with extra links, win almost nothing."""
SLOT = CARD_WIDTH + H_GAP
"""Pinned cards sort by x / SLOT, roughly the index they would have in a packed layer."""


def order(g: LayeredGraph, sweeps: int = SWEEPS) -> None:
    """Reorder `g.layers` in place.

    Like dot, improve two first orders (depth-first from the top, breadth-first from the bottom) and
    keep the better; a forest is done at once, since the first of them already has no crossing.
    """
    locked = [n in g.pinned or g.block_of[n] in g.blocks for n in range(g.size)]
    best_crossings, best = _improve(g, _initial_order(g, depth_first=True, downward=True), sweeps, locked, 0)
    if best_crossings > 0 and RESTARTS:
        crossings, layers = _improve(g, _initial_order(g, depth_first=False, downward=False), sweeps, locked, 1)
        if crossings < best_crossings:
            best_crossings, best = crossings, layers
    g.layers = best


def _improve(
    g: LayeredGraph, layers: list[list[int]], sweeps: int, locked: list[bool], first: int
) -> tuple[int, list[list[int]]]:
    """Gansner's loop: median sweeps alternately down and up, each followed by transpose; best kept."""
    g.layers = layers
    pos = _positions(g)
    best_crossings = total_crossings(g, pos)
    best = [list(layer) for layer in g.layers]
    stall = 0
    for sweep in range(first, first + sweeps):
        if best_crossings == 0:
            break
        downward = sweep % 2 == 0
        # every other pair of sweeps allows swaps that change nothing, to walk off plateaus (as dot does)
        flip = sweep % 4 >= 2
        span = range(1, len(g.layers)) if downward else range(len(g.layers) - 2, -1, -1)
        for layer_index in span:
            _sort_layer(g, layer_index, pos, g.up if downward else g.down)
        _transpose(g, pos, locked, allow_equal=flip)
        crossings = total_crossings(g, pos)
        if crossings < best_crossings:
            best, best_crossings, stall = [list(layer) for layer in g.layers], crossings, 0
        else:
            stall += 1
            if stall >= STALL_LIMIT:
                break
    return best_crossings, best


def _positions(g: LayeredGraph) -> list[int]:
    pos = [0] * g.size
    for layer in g.layers:
        for i, node in enumerate(layer):
            pos[node] = i
    return pos


def _initial_order(g: LayeredGraph, depth_first: bool, downward: bool) -> list[list[int]]:
    """A first order: a search from the top (or the bottom) layer, each node appended to its layer
    when reached. Depth-first from the top, children in model order, draws any forest crossing-free;
    breadth-first from either end is what dot starts from, and wins on denser graphs."""
    visited = [False] * g.size
    layers: list[list[int]] = [[] for _ in g.layers]
    by_layer: list[list[int]] = [[] for _ in g.layers]
    for node in range(g.size):
        if node not in g.loose:
            by_layer[g.layer[node]].append(node)
    next_of = g.down if downward else g.up
    for nodes in by_layer if downward else reversed(by_layer):
        for root in nodes:
            if visited[root]:
                continue
            if depth_first:
                stack = [root]
                while stack:
                    node = stack.pop()
                    if visited[node]:
                        continue
                    visited[node] = True
                    layers[g.layer[node]].append(node)
                    stack.extend(child for child in reversed(next_of[node]) if not visited[child])
            else:
                visited[root] = True
                queue = deque([root])
                while queue:
                    node = queue.popleft()
                    layers[g.layer[node]].append(node)
                    for child in next_of[node]:
                        if not visited[child]:
                            visited[child] = True
                            queue.append(child)
    if g.pinned:
        for layer in layers:
            _sort_by_pins(g, layer)
    return [_keep_blocks_together(g, layer) for layer in layers]


def _sort_by_pins(g: LayeredGraph, layer: list[int]) -> None:
    keys = {n: g.pinned[n][0] / SLOT if n in g.pinned else float(i) for i, n in enumerate(layer)}
    layer.sort(key=keys.__getitem__)


def _keep_blocks_together(g: LayeredGraph, layer: list[int]) -> list[int]:
    if not g.blocks:
        return layer
    out: list[int] = []
    emitted: set[int] = set()
    for node in layer:
        block = g.block_of[node]
        if block in g.blocks:
            if block not in emitted:
                emitted.add(block)
                out.extend(g.blocks[block])
        else:
            out.append(node)
    return out


def _median(values: list[int]) -> float:
    """Weighted median of sorted positions (Gansner's `median_value`): leans toward the denser side."""
    count = len(values)
    middle = count // 2
    if count % 2 == 1:
        return float(values[middle])
    if count == 2:
        return (values[0] + values[1]) / 2
    left = values[middle - 1] - values[0]
    right = values[-1] - values[middle]
    if left + right == 0:
        return (values[middle - 1] + values[middle]) / 2
    return (values[middle - 1] * right + values[middle] * left) / (left + right)


def _sort_layer(g: LayeredGraph, layer_index: int, pos: list[int], reference: list[list[int]]) -> None:
    layer = g.layers[layer_index]
    keys: dict[int, float] = {}
    for node in layer:
        if node in g.pinned:
            keys[node] = g.pinned[node][0] / SLOT
            continue
        neighbours = reference[node]
        if neighbours:
            keys[node] = _median(sorted(pos[n] for n in neighbours))
    if g.blocks:
        for root, members in g.blocks.items():
            if g.layer[root] != layer_index:
                continue
            known = [keys[m] for m in members if m in keys]
            shared = sum(known) / len(known) if known else float(pos[members[0]])
            for member in members:
                keys[member] = shared
    # Gansner: a node without neighbours on the reference side keeps its slot; the others are sorted.
    movable = sorted(
        (n for n in layer if n in keys),
        key=lambda n: (
            keys[n],
            pos[g.block_of[n]] if g.block_of[n] in g.blocks else pos[n],
            g.block_rank[n],
        ),
    )
    moved = iter(movable)
    new_layer = [next(moved) if n in keys else n for n in layer]
    new_layer = _keep_blocks_together(g, new_layer)
    g.layers[layer_index] = new_layer
    for i, node in enumerate(new_layer):
        pos[node] = i


def _pair_crossings(left: list[int], right: list[int]) -> tuple[int, int]:
    """Crossings among the links of two neighbouring cards to one side, as they are and if swapped;
    both lists hold sorted neighbour positions."""
    if not left or not right:
        return 0, 0
    if len(left) == 1 and len(right) == 1:
        a, b = left[0], right[0]
        return int(a > b), int(b > a)
    as_is = sum(bisect_left(right, a) for a in left)
    swapped = sum(bisect_left(left, b) for b in right)
    return as_is, swapped


def _transpose(g: LayeredGraph, pos: list[int], locked: list[bool], allow_equal: bool = False) -> None:
    """Swap neighbours while that lowers crossings; only layers next to a change are looked at again.
    With `allow_equal`, swaps that change nothing are made too, to walk off a plateau (as dot does)."""
    count = len(g.layers)
    dirty = [True] * count
    up, down = g.up, g.down
    for round_index in range(TRANSPOSE_ROUNDS):
        even_swaps = allow_equal and round_index == 0  # more would swap the same pair back and forth
        touched = [False] * count
        for layer_index, layer in enumerate(g.layers):
            if not dirty[layer_index] or len(layer) < 2:
                continue
            # neighbour positions in the layers above and below do not change while this one is scanned
            ups = [sorted([pos[n] for n in up[v]]) for v in layer]
            downs = [sorted([pos[n] for n in down[v]]) for v in layer]
            changed = False
            for i in range(len(layer) - 1):
                v, w = layer[i], layer[i + 1]
                if locked[v] or locked[w]:
                    continue
                # most cards have one link each way: settle those without a call
                uv, uw, dv, dw = ups[i], ups[i + 1], downs[i], downs[i + 1]
                if len(uv) == 1 and len(uw) == 1 and len(dv) == 1 and len(dw) == 1:
                    before = (uv[0] > uw[0]) + (dv[0] > dw[0])
                    after = (uw[0] > uv[0]) + (dw[0] > dv[0])
                else:
                    a1, s1 = _pair_crossings(uv, uw)
                    a2, s2 = _pair_crossings(dv, dw)
                    before, after = a1 + a2, s1 + s2
                if after < before or (even_swaps and after == before and before > 0):
                    layer[i], layer[i + 1] = w, v
                    pos[v], pos[w] = i + 1, i
                    ups[i], ups[i + 1] = ups[i + 1], ups[i]
                    downs[i], downs[i + 1] = downs[i + 1], downs[i]
                    changed = True
            if changed:
                for near in (layer_index - 1, layer_index, layer_index + 1):
                    if 0 <= near < count:
                        touched[near] = True
        dirty = touched
        if not any(dirty):
            return


def total_crossings(g: LayeredGraph, pos: list[int]) -> int:
    """Crossings between every pair of neighbouring layers, dummies included (inversion count)."""
    total = 0
    for upper_index in range(len(g.layers) - 1):
        edges = sorted((pos[u], pos[d]) for u in g.layers[upper_index] for d in g.down[u])
        if len(edges) < 2:
            continue
        size = len(g.layers[upper_index + 1])
        tree = [0] * (size + 1)
        for seen, (_, lower) in enumerate(edges):
            # count earlier edges whose lower end is strictly to the right of this one
            i, not_right = lower + 1, 0
            while i > 0:
                not_right += tree[i]
                i -= i & -i
            total += seen - not_right
            i = lower + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total
