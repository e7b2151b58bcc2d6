"""Sifting (Matuszewski, Schoenfeld, Molitor 1999): each card of a layer in turn tries every place
in its layer and takes the one where its links cross the fewest others, against both neighbouring
layers at once. Median sweeps and transposition (ordering.py) get the order roughly right; sifting
moves single cards far, which is what they cannot do, and never makes the count worse.

The crossings every pair of cards of a layer would have, in either order, come from one matrix per
layer (numpy): C[v, w] = links of v crossing links of w when v is left of w. With it the cost of
every place for one card is two cumulative sums.

Pinned cards are not sifted; goals joined by flat links (a block) are sifted as one unit, and no
card goes between them.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator
from operator import itemgetter
from typing import TYPE_CHECKING

from workshop.layout.graph import LayeredGraph
from workshop.layout.steps import finish, relay, unshown

if TYPE_CHECKING:
    import numpy as np


def crossing_matrix(
    g: LayeredGraph, layer: list[int], pos: list[int], sides: tuple[list[list[int]], ...] | None = None
) -> np.ndarray:
    """C[i, j]: crossings between the links of layer[i] and layer[j] when layer[i] is left of layer[j]."""
    import numpy as np

    k = len(layer)
    widest = max((len(g.up[n]) + len(g.down[n]) for n in layer), default=0)
    # int16 halves the memory a 2,500-card layer's matrix moves, when no pair can reach 32,767
    dtype = np.int16 if widest * widest < 16_000 else np.int32
    adjacencies = (g.up, g.down) if sides is None else sides
    small = _small_matrix(layer, pos, adjacencies, dtype)
    if small is not None:
        return small
    total = np.zeros((k, k), dtype=dtype)
    for adjacency in adjacencies:
        ends = [sorted(pos[other] for other in adjacency[node]) for node in layer]
        if sum(map(len, ends)) >= 2:
            _add_side(total, ends)
    return total


SMALL_WORK = 300_000
"""Up to how many multiply-adds (cards x cards x places on both sides) a layer's whole matrix is one
matrix product (`_small_matrix`): at 100 goals (layers of 3-50 cards) that is 3-5x quicker than
`_add_side`'s special cases, whose numpy calls cost more than their arithmetic on a small layer."""


def _small_matrix(
    layer: list[int], pos: list[int], adjacencies: tuple[list[list[int]], ...], dtype: type
) -> np.ndarray | None:
    """`crossing_matrix` as one product, or None when the layer is too big for that (SMALL_WORK):
    has[v, p] = links of v to place p (each side its own places), left[w, p] = links of w to places
    left of p on the same side, C = has @ left.T."""
    import numpy as np

    k = len(layer)
    ends = [[pos[other] for other in adjacency[node]] for adjacency in adjacencies for node in layer]
    reach = 1 + max((p for e in ends for p in e), default=0)
    width = reach * len(adjacencies)
    if k * k * width > SMALL_WORK:
        return None
    # row r of `ends` is card r % k on side r // k: its cells sit at (r % k) * width + (r // k) * reach
    cells = [(r % k) * width + (r // k) * reach + p for r, e in enumerate(ends) for p in e]
    has = np.bincount(cells, minlength=k * width).astype(np.float64).reshape(k * len(adjacencies), reach)
    left = np.cumsum(has, axis=1)
    left -= has
    return (has.reshape(k, width) @ left.reshape(k, width).T).astype(dtype)


MATMUL_WORK = 300_000
"""Up to how many multiply-adds (cards with several links x places x cards) a side's crossings come
from matrix products rather than a search per card with several links."""


def _add_side(total: np.ndarray, ends: list[list[int]]) -> None:
    """Add one side's crossings to the matrix, given each card's sorted link ends on that side.

    Most cards have one link: for those C[v, w] = [a_v > a_w], one comparison of the whole layer with
    itself. A card with several links gets its row (against every link, summed per card) and its
    column (against the one-link cards) on their own: a few of them, O(links) each."""
    import numpy as np

    k = len(ends)
    degree = np.fromiter(map(len, ends), dtype=np.int64, count=k)
    single = degree == 1
    first = np.fromiter((e[0] if e else -1 for e in ends), dtype=np.int64, count=k)
    # cards without exactly one link compare as never right of (rows) and never left of (columns) anything
    total += np.greater.outer(np.where(single, first, -1), np.where(single, first, 1 << 40))
    multi = np.flatnonzero(degree >= 2)
    if not multi.size:
        return
    owner = np.repeat(np.arange(k), degree)
    end = np.fromiter((a for e in ends for a in e), dtype=np.int64, count=int(degree.sum()))
    reach = int(end.max()) + 1
    if multi.size * reach * k <= MATMUL_WORK:
        # with few cards, two matrix products beat a Python call per card with several links:
        # has[v, p] = links of v to place p, left[w, p] = links of w left of p, C = has @ left.T
        has = np.bincount(owner * reach + end, minlength=k * reach).reshape(k, reach).astype(np.float64)
        left = np.cumsum(has, axis=1) - has
        total[multi, :] += (has[multi] @ left.T).astype(total.dtype)
        total[np.ix_(single, multi)] += (has[single] @ left[multi].T).astype(total.dtype)
        return
    # column w, for the one-link cards v: links of w left of a_v
    columns = np.stack([np.searchsorted(np.asarray(ends[w]), first, side="left") for w in multi.tolist()], axis=1)
    columns[~single, :] = 0
    total[:, multi] += columns.astype(total.dtype)
    # row v, against every link f of every card w: links of v right of f's end
    rows = [
        np.bincount(owner, weights=degree[v] - np.searchsorted(np.asarray(ends[v]), end, side="right"), minlength=k)
        for v in multi.tolist()
    ]
    total[multi, :] += np.stack(rows).astype(total.dtype)


CHUNK = 96
"""Cards sifted between two yields of `sift_layer_steps` (~10-15 ms on a 2,500-card layer)."""


def sift_layer(
    g: LayeredGraph,
    layer_index: int,
    pos: list[int],
    pinned: list[bool],
    sides: tuple[list[list[int]], ...] | None = None,
) -> int:
    """Sift every card of one layer that is not pinned; returns how many crossings that removed (never
    negative). Goals joined by flat links (a block, kept side by side) move as one."""
    return finish(sift_layer_steps(g, layer_index, pos, pinned, sides))


def sift_layer_steps(
    g: LayeredGraph,
    layer_index: int,
    pos: list[int],
    pinned: list[bool],
    sides: tuple[list[list[int]], ...] | None = None,
) -> Generator[None, None, int]:
    """`sift_layer`, yielding every CHUNK cards. The layer is rewritten only at the end."""
    import numpy as np

    layer = g.layers[layer_index]
    k = len(layer)
    if k < 3:
        return 0
    matrix = crossing_matrix(g, layer, pos, sides)
    if not matrix.any():
        return 0
    yield
    # units: a block's members (side by side in the layer) or a single card
    if any(g.layer[root] == layer_index for root in g.blocks):
        starts = [i for i in range(k) if i == 0 or not _same_block(g, layer[i - 1], layer[i])]
        units = [layer[a:b] for a, b in zip(starts, [*starts[1:], k], strict=True)]
    else:
        starts, units = list(range(k)), [[node] for node in layer]
    count = len(units)
    gained = 0
    if count < k:
        # a block may turn round as a whole: every flat link still joins neighbours
        for a, unit in zip(starts, units, strict=True):
            if len(unit) > 1:
                inner = matrix[a : a + len(unit), a : a + len(unit)]
                delta = int(np.tril(inner, -1).sum()) - int(np.triu(inner, 1).sum())
                if delta < 0:
                    unit.reverse()
                    matrix[a : a + len(unit)] = matrix[a : a + len(unit)][::-1].copy()
                    matrix[:, a : a + len(unit)] = matrix[:, a : a + len(unit)][:, ::-1].copy()
                    gained -= delta
        # a unit's row and column are its members' summed (int32: room beyond int16); most units are
        # one card, so gather the first member's and add the few others (reduceat: 10x slower here)
        bounds = [*starts[1:], k]
        rows = matrix[starts].astype(np.int32)
        for u, (a, b) in enumerate(zip(starts, bounds, strict=True)):
            if b - a > 1:
                rows[u] += matrix[a + 1 : b].sum(axis=0, dtype=np.int32)
        matrix = rows[:, starts]
        for u, (a, b) in enumerate(zip(starts, bounds, strict=True)):
            if b - a > 1:
                matrix[:, u] += rows[:, a + 1 : b].sum(axis=1, dtype=np.int32)
    if count < 3:
        if gained:
            _apply(g, layer_index, pos, [node for unit in units for node in unit])
        return gained
    np.fill_diagonal(matrix, 0)
    yield
    # change[u, w] = matrix[w, u] - matrix[u, w]: what putting u right of w rather than left of it adds
    # (the matrix's own type: int16 only where no entry reaches 16,000, so neither does a difference)
    change = np.subtract(matrix.T, matrix, order="C")
    weight = matrix.sum(axis=0) + matrix.sum(axis=1)  # crossings at stake: the most first
    if count <= SMALL_LAYER:
        order = _sift_small(change.tolist(), weight.tolist(), units, pinned)
        gained += order[0]
        if gained:
            _apply(g, layer_index, pos, [node for u in order[1] for node in units[u]])
        return gained
    sequence = np.arange(count)
    where = np.arange(count)
    prefix = np.zeros(count + 1, dtype=np.int64)
    yield
    movable = [u for u in range(count) if weight[u] and not any(pinned[n] for n in units[u])]
    for done, u in enumerate(sorted(movable, key=lambda u: -int(weight[u])), start=1):
        if done % CHUNK == 0:
            yield
        at = int(where[u])
        # Slot i (before sequence[i]) costs, up to a constant, the sum over j < i of what putting u right
        # of sequence[j] rather than left of it adds; u's own entry is 0, so slots at and at+1 are "stay".
        change[u].take(sequence).cumsum(out=prefix[1:])
        best = int(prefix.argmin())
        low, here = int(prefix[best]), int(prefix[at])
        if low >= here:
            continue
        gained += here - low
        if best < at:
            sequence[best + 1 : at + 1] = sequence[best:at].copy()
            sequence[best] = u
            where[sequence[best : at + 1]] = np.arange(best, at + 1)
        else:
            sequence[at : best - 1] = sequence[at + 1 : best].copy()
            sequence[best - 1] = u
            where[sequence[at:best]] = np.arange(at, best)
    if gained:
        _apply(g, layer_index, pos, [node for u in sequence.tolist() for node in units[u]])
    return gained


SMALL_LAYER = 64
"""Up to how many units a layer is sifted in plain Python lists (`_sift_small`), not numpy: on a layer of
tens of cards a numpy call costs more than the sums it does (100 goals: a sifting round 30% quicker)."""


def _sift_small(
    change: list[list[int]], weight: list[int], units: list[list[int]], pinned: list[bool]
) -> tuple[int, list[int]]:
    """The loop of `sift_layer_steps` on lists (the same moves, the same ties): (gained, unit order)."""
    count = len(units)
    sequence = list(range(count))
    where = list(range(count))
    gained = 0
    movable = [u for u in range(count) if weight[u] and not any(pinned[n] for n in units[u])]
    in_sequence = itemgetter(*sequence)  # a row's entries in the current order (new only after a move)
    for u in sorted(movable, key=lambda u: -weight[u]):
        at = where[u]
        prefix = [0, *itertools.accumulate(in_sequence(change[u]))]
        low = min(prefix)
        here = prefix[at]
        if low >= here:
            continue
        best = prefix.index(low)
        gained += here - low
        if best < at:
            sequence[best + 1 : at + 1] = sequence[best:at]
            sequence[best] = u
            for i in range(best, at + 1):
                where[sequence[i]] = i
        else:
            sequence[at : best - 1] = sequence[at + 1 : best]
            sequence[best - 1] = u
            for i in range(at, best):
                where[sequence[i]] = i
        in_sequence = itemgetter(*sequence)
    return gained, sequence


def _apply(g: LayeredGraph, layer_index: int, pos: list[int], new_layer: list[int]) -> None:
    g.layers[layer_index] = new_layer
    for i, node in enumerate(new_layer):
        pos[node] = i
    for root, members in g.blocks.items():  # a block turned round keeps its recorded order in step
        if g.layer[root] == layer_index:
            members.sort(key=pos.__getitem__)
            for rank, member in enumerate(members):
                g.block_rank[member] = rank


def _same_block(g: LayeredGraph, a: int, b: int) -> bool:
    block = g.block_of[a]
    return block == g.block_of[b] and block in g.blocks


def sift(g: LayeredGraph, pos: list[int], pinned: list[bool], rounds: int, crossings: int) -> int:
    """Sift every layer, down then up, for up to `rounds` rounds or until a round gains nothing; returns
    the crossings left. `crossings` is the count before."""
    return finish(sift_steps(g, pos, pinned, rounds, crossings))


def sift_steps(
    g: LayeredGraph, pos: list[int], pinned: list[bool], rounds: int, crossings: int
) -> Generator[None, None, int]:
    """`sift`, yielding after each layer."""
    count = len(g.layers)
    for round_index in range(rounds):
        span = range(count) if round_index % 2 == 0 else range(count - 1, -1, -1)
        gained = 0
        for layer_index in span:
            if crossings == 0:
                return crossings
            won = yield from relay(sift_layer_steps(g, layer_index, pos, pinned), unshown)
            gained += won
            crossings -= won
            yield
        if gained == 0:
            break
    return crossings
