"""Order the cards inside each layer so that few links cross.

A depth-first first order draws any forest without a crossing; when it has crossings, median sweeps
with transposition (Gansner et al., "A technique for drawing directed graphs", 1993, section 3)
improve first orders as dot does (breadth-first both ways from the bottom, and the depth-first one),
then sifting (workshop/layout/sifting.py: each card tries every place in its layer, with numpy) takes
the result further than dot gets. Pinned cards sort by where they are pinned and are not moved by
transposition or sifting; goals joined by a flat link move as one block.

On a small board the depth-first start is taken from the best order of the strategic goals
(`_best_top_order`), not the order they were typed in: sweeps cannot carry a strategic goal's whole
subtree past another's, so the typed order used to decide the board (100 goals seed 8: 34 to 113
drawn crossings; now 34 whatever the order).

How much work is done depends on the graph's size (`effort`): a small board gets a round of
transposition after each sweep, a big one not. Tidy itself sifts later, on the order read back from
its drawing (workshop/layout/refining.py), which is what the room sees; `Effort.sift_rounds` lets
`order` sift here too (the tests and the benchmark's order count). Tidy stays quicker than dot at
every size (benchmarks/bench_tidy_vs_dot.py). The result is deterministic for a given workshop.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right, insort
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass

from workshop.geometry import CARD_WIDTH, H_GAP
from workshop.layout.graph import LayeredGraph


@dataclass(frozen=True)
class Effort:
    sweeps: int
    """Median sweeps per first order (fewer when STALL_LIMIT sweeps in a row gain nothing)."""
    transpose_rounds: int
    """Rounds of transposition after each sweep (0: none; sifting does that work better on big layers)."""
    sift_rounds: int
    """Rounds of sifting (each never adds a crossing; stops early when a round gains nothing)."""
    sift_each: bool
    """Sift every improved first order and keep the best, not only the best before sifting."""
    depth_first_start: bool = True
    """Improve the depth-first first order too, not only the breadth-first one."""
    best_top_order: bool = False
    """Start depth-first from the best order of the top layer's cards (`_best_top_order`), not model order."""


SMALL, LARGE = Effort(6, 1, 0, False, best_top_order=True), Effort(6, 0, 0, False)
"""Measured on generated workshops with 20% extra links (benchmarks/bench_tidy_vs_dot.py): at 100 goals
one round of transposition per sweep still pays; from 500 goals transposition costs time and
crossings. One top-layer order improved (seeds 1-40, drawn crossings summed): 3,522 against 3,748 from
model order, for ~1 ms; improving the best two or three gained 2% more for 1.5-2.5 ms, and dropping
the breadth-first start saved 1.5 ms for 3% more crossings. No sifting here: Tidy's refinement sifts
the drawn order, which gave fewer drawn crossings at 500 and 2,000 goals in less time than sifting
both here and there."""
SMALL_NODES = 400
"""Cards and link bends (dummies) up to which a graph counts as small (100 goals: ~150)."""
TOP_PERMUTATIONS = 4
"""Top layers of up to this many cards (24 orders) have every order tried as the depth-first start."""
STALL_LIMIT = 6
"""Sweeps without improvement after which a start stops early."""
UNDIRECTED_BFS = True
"""The breadth-first first order follows links both ways, as dot's does (fewer crossings to start from)."""
SLOT = CARD_WIDTH + H_GAP
"""Pinned cards sort by x / SLOT, roughly the index they would have in a packed layer."""


def effort(g: LayeredGraph) -> Effort:
    return SMALL if g.size <= SMALL_NODES else LARGE


def order(g: LayeredGraph, work: Effort | None = None) -> None:
    """Reorder `g.layers` in place (all of `order_steps` at once)."""
    for _ in order_steps(g, work):
        pass


def order_steps(g: LayeredGraph, work: Effort | None = None) -> Iterator[float]:
    """Reorder `g.layers` in place, yielding after each piece of work (a sweep, a layer sifted) with the
    share done so far: Tidy on a big board runs it in slices, and can stop it."""
    work = work or effort(g)
    locked = [n in g.pinned for n in range(g.size)]  # flat-link blocks move as units (_transpose_units)
    first: list[list[int]] = []
    if work.depth_first_start:  # draws any forest without a crossing: then there is nothing to do
        first = _initial_order(g, depth_first=True, downward=True)
        g.layers = first
        if total_crossings(g, _positions(g)) == 0:
            return
        if work.best_top_order:
            first = _best_top_order(g, first)
    starts = [(_initial_order(g, depth_first=False, downward=False), 1)]
    if work.depth_first_start:
        starts.append(([list(layer) for layer in first], 0))
    sifts = len(starts) if work.sift_each else 1
    budget = len(starts) * work.sweeps + sifts * work.sift_rounds * len(g.layers)
    done = 0
    candidates: list[tuple[int, list[list[int]]]] = []
    for layers, parity in starts:
        improving = _improve_steps(g, layers, work, locked, parity)
        while True:
            try:
                next(improving)
            except StopIteration as finished:
                candidates.append(finished.value)
                break
            done += 1
            yield min(done / budget, 1.0)
    candidates.sort(key=lambda c: c[0])
    best_crossings, best = candidates[0]
    if work.sift_rounds:
        from workshop.layout.sifting import sift_steps

        for crossings, layers in candidates[:sifts]:
            g.layers = layers
            sifting = sift_steps(g, _positions(g), locked, work.sift_rounds, crossings)
            while True:
                try:
                    next(sifting)
                except StopIteration as finished:
                    crossings = finished.value
                    break
                done += 1
                yield min(done / budget, 1.0)
            if crossings <= best_crossings:
                best_crossings, best = crossings, g.layers
    g.layers = best


def _improve_steps(
    g: LayeredGraph, layers: list[list[int]], work: Effort, locked: list[bool], first: int
) -> Generator[None, None, tuple[int, list[list[int]]]]:
    """Gansner's loop: median sweeps alternately down and up, each followed by transpose; best kept.
    Yields after each sweep; returns (crossings, layers) of the best order seen."""
    g.layers = layers
    pos = _positions(g)
    best_crossings = total_crossings(g, pos)
    best = [list(layer) for layer in g.layers]
    stall = 0
    for sweep in range(first, first + work.sweeps):
        if best_crossings == 0:
            break
        downward = sweep % 2 == 0
        # every other pair of sweeps allows swaps that change nothing, to walk off plateaus (as dot does)
        flip = sweep % 4 >= 2
        span = range(1, len(g.layers)) if downward else range(len(g.layers) - 2, -1, -1)
        for layer_index in span:
            _sort_layer(g, layer_index, pos, g.up if downward else g.down)
            if len(g.layers[layer_index]) > 500:
                yield
        _transpose(g, pos, locked, work.transpose_rounds, allow_equal=flip)
        crossings = total_crossings(g, pos)
        if crossings < best_crossings:
            best, best_crossings, stall = [list(layer) for layer in g.layers], crossings, 0
        else:
            stall += 1
            if stall >= STALL_LIMIT:
                break
        yield
    return best_crossings, best


def _best_top_order(g: LayeredGraph, first: list[list[int]]) -> list[list[int]]:
    """The depth-first first order from the order of the top layer's cards (all of them tried, up to
    TOP_PERMUTATIONS cards) that leaves the fewest crossings after one downward median sweep; `first`
    (model order) wins ties. Sweeps and transposition move one card at a time, so they
    cannot carry a strategic goal's whole subtree past another's: the start decides which of those
    arrangements the rest improves, and the model's order is an accident of typing."""
    top = first[0]
    if not 2 <= len(top) <= TOP_PERMUTATIONS:
        return first
    best, fewest = first, _after_one_sweep(g, first)
    for candidate in itertools.islice(itertools.permutations(top), 1, None):  # the first is model order
        layers = _initial_order(g, depth_first=True, downward=True, top=candidate)
        crossings = _after_one_sweep(g, layers)
        if crossings < fewest:
            best, fewest = layers, crossings
    return best


def _after_one_sweep(g: LayeredGraph, layers: list[list[int]]) -> int:
    g.layers = [list(layer) for layer in layers]
    pos = _positions(g)
    for layer_index in range(1, len(g.layers)):
        _sort_layer(g, layer_index, pos, g.up)
    return total_crossings(g, pos)


def _positions(g: LayeredGraph) -> list[int]:
    pos = [0] * g.size
    for layer in g.layers:
        for i, node in enumerate(layer):
            pos[node] = i
    return pos


def _initial_order(
    g: LayeredGraph, depth_first: bool, downward: bool, top: Sequence[int] | None = None
) -> list[list[int]]:
    """A first order: a search from the top (or the bottom) layer, each node appended to its layer
    when reached. Depth-first from the top, children in model order, draws any forest crossing-free;
    breadth-first from either end is what dot starts from, and wins on denser graphs. `top`: the top
    layer's cards in the order to start from (default: model order)."""
    visited = [False] * g.size
    layers: list[list[int]] = [[] for _ in g.layers]
    by_layer: list[list[int]] = [[] for _ in g.layers]
    for node in range(g.size):
        if node not in g.loose:
            by_layer[g.layer[node]].append(node)
    if top is not None:
        by_layer[0] = list(top)
    next_of = g.down if downward else g.up
    if UNDIRECTED_BFS and not depth_first:  # as dot's build_ranks: both ways from each source (or sink)
        first, then = (g.down, g.up) if downward else (g.up, g.down)
        next_of = [first[n] + then[n] for n in range(g.size)]
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
                    stack.extend(reversed(next_of[node]))  # a child seen by then is skipped when popped
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
    pinned = g.pinned
    for node in layer:
        if pinned and node in pinned:
            keys[node] = pinned[node][0] / SLOT
            continue
        neighbours = reference[node]
        if len(neighbours) == 1:
            keys[node] = float(pos[neighbours[0]])
        elif neighbours:
            keys[node] = _median(sorted([pos[n] for n in neighbours]))
    blocks = [members for root, members in g.blocks.items() if g.layer[root] == layer_index]
    # Gansner: a node without neighbours on the reference side keeps its slot; the others are sorted.
    if blocks:
        for members in blocks:
            known = [keys[m] for m in members if m in keys]
            shared = sum(known) / len(known) if known else float(pos[members[0]])
            for member in members:
                keys[member] = shared
        movable = sorted(
            (n for n in layer if n in keys),
            key=lambda n: (
                keys[n],
                pos[g.block_of[n]] if g.block_of[n] in g.blocks else pos[n],
                g.block_rank[n],
            ),
        )
    else:
        # `layer` is in position order, so a stable sort breaks ties by position as the key above does
        movable = sorted([n for n in layer if n in keys], key=keys.__getitem__)
    if len(movable) == len(layer):
        new_layer = movable
    else:
        moved = iter(movable)
        new_layer = [next(moved) if n in keys else n for n in layer]
    if blocks:
        new_layer = _keep_blocks_together(g, new_layer)
    g.layers[layer_index] = new_layer
    for i, node in enumerate(new_layer):
        pos[node] = i


def _pair_crossings(left: list[int], right: list[int]) -> tuple[int, int]:
    """Crossings among the links of two neighbouring cards to one side, as they are and if swapped;
    both lists hold sorted neighbour positions."""
    if not left or not right:
        return 0, 0
    if len(left) == 1:
        a = left[0]
        if len(right) == 1:
            b = right[0]
            return int(a > b), int(b > a)
        return bisect_left(right, a), len(right) - bisect_right(right, a)
    if len(right) == 1:
        b = right[0]
        return len(left) - bisect_right(left, b), bisect_left(left, b)
    as_is = sum(bisect_left(right, a) for a in left)
    swapped = sum(bisect_left(left, b) for b in right)
    return as_is, swapped


def _sorted_ends(layer: list[int], adjacency: list[list[int]], pos: list[int]) -> list[list[int]]:
    """Each card's neighbour positions on one side, sorted (most cards have one: no sort)."""
    return [
        [pos[near[0]]] if len(near) == 1 else (sorted([pos[n] for n in near]) if near else [])
        for near in map(adjacency.__getitem__, layer)
    ]


def _transpose(g: LayeredGraph, pos: list[int], locked: list[bool], rounds: int, allow_equal: bool = False) -> None:
    """Swap neighbours while that lowers crossings; only layers next to a change are looked at again.
    With `allow_equal`, swaps that change nothing are made too, to walk off a plateau (as dot does)."""
    count = len(g.layers)
    dirty = [True] * count
    up, down = g.up, g.down
    with_blocks = {g.layer[root] for root in g.blocks}  # a block's goals share its root's layer
    any_locked = any(locked)
    for round_index in range(rounds):
        even_swaps = allow_equal and round_index == 0  # more would swap the same pair back and forth
        touched = [False] * count
        for layer_index, layer in enumerate(g.layers):
            if not dirty[layer_index] or len(layer) < 2:
                continue
            if layer_index in with_blocks:
                changed = _transpose_units(g, layer_index, pos, locked if any_locked else None, even_swaps)
            else:
                # neighbour positions in the layers above and below do not change while this one is scanned
                fixed = [locked[v] for v in layer] if any_locked else None
                ups, downs = _sorted_ends(layer, up, pos), _sorted_ends(layer, down, pos)
                changed = _swap_pass(layer, ups, downs, fixed, even_swaps)
                if changed:
                    for i, node in enumerate(layer):
                        pos[node] = i
            if changed:
                for near in (layer_index - 1, layer_index, layer_index + 1):
                    if 0 <= near < count:
                        touched[near] = True
        dirty = touched
        if not any(dirty):
            return


def _swap_pass(
    items: list, ups: list[list[int]], downs: list[list[int]], fixed: list[bool] | None, even_swaps: bool
) -> bool:
    """One pass of transposition along a layer's items (cards, or units: a flat-link block or a card),
    given each item's sorted neighbour positions above and below: swaps a neighbouring pair (the three
    lists alike) when that crosses less. Returns whether anything moved. Most cards have one link each
    way: those pairs are settled inline, the others by `_pair_crossings` (one call per pair costs a
    tenth of Tidy's ordering at 100 goals); so are pairs with one link each on one side."""
    changed = False
    pair = _pair_crossings
    # the left item of each pair is carried along: after a swap it is still the left one of the next pair
    uv, dv = ups[0], downs[0]
    for i in range(len(items) - 1):
        uw, dw = ups[i + 1], downs[i + 1]
        if fixed is not None and (fixed[i] or fixed[i + 1]):
            uv, dv = uw, dw
            continue
        if len(uv) == 1 and len(uw) == 1:
            a, b = uv[0], uw[0]
            before, after = a > b, b > a
        elif uv and uw:
            before, after = pair(uv, uw)
        else:
            before = after = 0
        if len(dv) == 1 and len(dw) == 1:
            a, b = dv[0], dw[0]
            before += a > b
            after += b > a
        elif dv and dw:
            more, more_swapped = pair(dv, dw)
            before += more
            after += more_swapped
        if after < before or (even_swaps and after == before and before > 0):
            items[i], items[i + 1] = items[i + 1], items[i]
            ups[i], ups[i + 1] = uw, uv
            downs[i], downs[i + 1] = dw, dv
            changed = True
        else:
            uv, dv = uw, dw
    return changed


def _unit_ends(unit: list[int], adjacency: list[list[int]], pos: list[int]) -> list[int]:
    if len(unit) == 1:
        near = adjacency[unit[0]]
        if len(near) == 1:
            return [pos[near[0]]]
    return sorted([pos[n] for m in unit for n in adjacency[m]])


def _transpose_units(
    g: LayeredGraph, layer_index: int, pos: list[int], pinned: list[bool] | None, even_swaps: bool
) -> bool:
    """Transpose for a layer holding flat-link blocks: a block swaps with its neighbour as one unit, so
    cards can pass it (a block that stopped every swap left its layer's order stuck: 20% more crossings)."""
    layer = g.layers[layer_index]
    units: list[list[int]] = []
    for node in layer:
        block = g.block_of[node]
        if units and block in g.blocks and g.block_of[units[-1][0]] == block:
            units[-1].append(node)
        else:
            units.append([node])
    fixed = None if pinned is None else [any(pinned[n] for n in unit) for unit in units]
    ups = [_unit_ends(unit, g.up, pos) for unit in units]
    downs = [_unit_ends(unit, g.down, pos) for unit in units]
    changed = _swap_pass(units, ups, downs, fixed, even_swaps)
    if changed:
        new_layer = [node for unit in units for node in unit]
        g.layers[layer_index] = new_layer
        for i, node in enumerate(new_layer):
            pos[node] = i
    return changed


def total_crossings(g: LayeredGraph, pos: list[int]) -> int:
    """Crossings between every pair of neighbouring layers, dummies included (inversion count). `pos`
    is every node's place in its layer as `g.layers` has it (`_positions`): the links of a pair of
    layers are then met left to right by walking the upper layer, with no sort of them all."""
    total = 0
    down = g.down
    right_of, add = bisect_right, insort  # local names: this loop runs ~25 times per Tidy at 100 goals
    for upper in g.layers[:-1]:
        # earlier links (left at the top) whose lower end is strictly right of this one's: the lower ends
        # seen so far kept sorted (insort is a C memmove, quicker than a tree of counts in Python)
        seen: list[int] = []
        for u in upper:
            near = down[u]
            if len(near) == 1:
                lower = pos[near[0]]
                total += len(seen) - right_of(seen, lower)
                add(seen, lower)
            elif near:
                for lower in sorted([pos[d] for d in near]):  # one card's own links do not cross
                    total += len(seen) - right_of(seen, lower)
                    add(seen, lower)
    return total
