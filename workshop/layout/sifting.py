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

from collections.abc import Generator
from typing import TYPE_CHECKING

from workshop.layout.graph import LayeredGraph

if TYPE_CHECKING:
    import numpy as np


def crossing_matrix(
    g: LayeredGraph, layer: list[int], pos: list[int], sides: tuple[list[list[int]], ...] | None = None
) -> np.ndarray:
    """C[i, j]: crossings between the links of layer[i] and layer[j] when layer[i] is left of layer[j]."""
    import numpy as np

    k = len(layer)
    total = np.zeros((k, k), dtype=np.int32)
    for adjacency in (g.up, g.down) if sides is None else sides:
        owners: list[int] = []
        ends: list[int] = []
        for i, node in enumerate(layer):
            for other in adjacency[node]:
                owners.append(i)
                ends.append(pos[other])
        if len(owners) < 2:
            continue
        owner = np.asarray(owners, dtype=np.int64)
        end = np.asarray(ends, dtype=np.int64)
        size = int(end.max()) + 2
        # below[t, w]: links of w whose other end is left of place t
        counts = np.zeros((size, k), dtype=np.int32)
        np.add.at(counts, (end + 1, owner), 1)
        below = np.cumsum(counts, axis=0, dtype=np.int32)
        # v left of w: a link of v to place a crosses a link of w to place b when a > b
        order = np.argsort(owner, kind="stable")
        sorted_owner = owner[order]
        starts = np.flatnonzero(np.r_[True, sorted_owner[1:] != sorted_owner[:-1]])
        per_link = below[end[order]]  # [link of v, w], links grouped by v
        total[sorted_owner[starts]] += np.add.reduceat(per_link, starts, axis=0)
    return total


def sift_layer(
    g: LayeredGraph,
    layer_index: int,
    pos: list[int],
    pinned: list[bool],
    sides: tuple[list[list[int]], ...] | None = None,
) -> int:
    """Sift every card of one layer that is not pinned; returns how many crossings that removed (never
    negative). Goals joined by flat links (a block, kept side by side) move as one."""
    import numpy as np

    layer = g.layers[layer_index]
    k = len(layer)
    if k < 3:
        return 0
    matrix = crossing_matrix(g, layer, pos, sides)
    if not matrix.any():
        return 0
    # units: a block's members (side by side in the layer) or a single card
    starts = [i for i in range(k) if i == 0 or not _same_block(g, layer[i - 1], layer[i])]
    units = [layer[a:b] for a, b in zip(starts, [*starts[1:], k], strict=True)]
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
        matrix = np.add.reduceat(np.add.reduceat(matrix, starts, axis=0), starts, axis=1)
    if count < 3:
        if gained:
            _apply(g, layer_index, pos, [node for unit in units for node in unit])
        return gained
    np.fill_diagonal(matrix, 0)
    before_u = np.ascontiguousarray(matrix.T)  # before_u[u, w] = matrix[w, u]: w left of u
    sequence = np.arange(count)
    where = np.arange(count)
    prefix = np.zeros(count + 1, dtype=np.int64)
    weight = matrix.sum(axis=0) + matrix.sum(axis=1)  # crossings at stake: the most first
    movable = [u for u in range(count) if weight[u] and not any(pinned[n] for n in units[u])]
    for u in sorted(movable, key=lambda u: -int(weight[u])):
        at = int(where[u])
        # Slot i (before sequence[i]) costs, up to a constant, the sum over j < i of what putting u right
        # of sequence[j] rather than left of it adds; u's own entry is 0, so slots at and at+1 are "stay".
        np.cumsum(before_u[u].take(sequence) - matrix[u].take(sequence), out=prefix[1:])
        best = int(np.argmin(prefix))
        if prefix[best] >= prefix[at]:
            continue
        gained += int(prefix[at] - prefix[best])
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
    steps = sift_steps(g, pos, pinned, rounds, crossings)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


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
            won = sift_layer(g, layer_index, pos, pinned)
            gained += won
            crossings -= won
            yield
        if gained == 0:
            break
    return crossings
