"""Fold a layered drawing much wider than the screen into shelves, so the whole board fits a screen.

Tidy's drawing of a big board is one long strip (80,000 px by 1,200 at 500 goals): at fit a card is a
few pixels wide. Folding cuts the strip at x positions into vertical slices and stacks the slices
downward as shelves, each with its own Strategy / Customer-facing / Support stripes (the stripes are
derived from the cards: `workshop.geometry.stripes`). Every slice keeps its drawing (every other one
mirrored, so the shelves run to and fro and a cut lies at the same x above and below), so links
inside a slice stay as short as Tidy made them and a link crossing a cut drops to the next shelf
about where it left; the cuts go where the fewest links cross (between the tree's connected parts,
ideally) and, failing that, where they split the fewest neighbouring cards of one function.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Generator, Iterable, Mapping

from workshop.geometry import CARD_WIDTH, SHELF_GAP, support_bottom
from workshop.layout.steps import finish
from workshop.model import Band

ASPECT = 16 / 9
"""The screen's shape the folded board aims at (width over height)."""
FOLD_FROM = 2.0
"""Fold only a drawing wider than this many times the aspect: a board a little wide is left as it is."""
FOLD_WIDTH = 24_000.0
"""...and wider than this (about 100 cards side by side): up to it, a card at fit on a 1920-px screen is
19 px or more, a board's shape the room can read, and folding would only trade that for links
crossing shelves (at 100 goals a folded board drew 1.5-5x the crossings of its strip: 109-562
against 62-164, bench_tidy_vs_dot's last column)."""
WINDOW = 0.1
"""A cut may move this share of a shelf's width from its ideal place to find fewer crossing links."""
SPLIT_GROUP_COST = 0.5
"""Cost of a cut between two neighbouring cards of one function in a row (a crossing link costs 1)."""

Point = tuple[float, float]


def shelf_count(width: float, height: float, aspect: float = ASPECT) -> int:
    """How many shelves bring a strip of this size nearest to `aspect` (1: leave it unfolded)."""
    if height <= 0 or width <= FOLD_WIDTH or width / height <= FOLD_FROM * aspect:
        return 1
    pitch = height + SHELF_GAP

    def miss(k: int) -> float:
        return abs(math.log((width / k) / (k * pitch - SHELF_GAP)) - math.log(aspect))

    best = 1
    k = 2
    while k * k * pitch <= 4 * width:  # past that the folded board is far taller than wide
        if miss(k) < miss(best):
            best = k
        k += 1
    return best


def shelves_for(layout: Mapping[str, Point], bands: Mapping[str, Band], aspect: float = ASPECT) -> int:
    """How many shelves `fold` starts from for this unfolded layout (1: it is left as it is)."""
    if len(layout) < 2:
        return 1
    left = min(x for x, _ in layout.values())
    width = max(x for x, _ in layout.values()) + CARD_WIDTH - left
    height = support_bottom([y for card_id, (_, y) in layout.items() if bands.get(card_id) == Band.SUPPORT])
    return shelf_count(width, height, aspect)


def fold(
    layout: Mapping[str, Point],
    bands: Mapping[str, Band],
    links: Iterable[tuple[str, str]],
    functions: Mapping[str, str | None],
    aspect: float = ASPECT,
) -> dict[str, Point]:
    """The layout folded into shelves (a copy; unchanged when it is not much wider than `aspect`).

    `layout` is one unfolded Tidy drawing (top-left corners, every card in the fixed bands); `bands`
    and `functions` give each card's band and function, `links` the (source, target) pairs drawn.
    """
    return finish(fold_steps(layout, bands, links, functions, aspect))


def fold_steps(
    layout: Mapping[str, Point],
    bands: Mapping[str, Band],
    links: Iterable[tuple[str, str]],
    functions: Mapping[str, str | None],
    aspect: float = ASPECT,
) -> Generator[None, None, dict[str, Point]]:
    """`fold` in three steps of a few milliseconds each (Tidy's job runs between the window's events)."""
    out = dict(layout)
    shelves = shelves_for(out, bands, aspect)
    if shelves == 1:
        return out
    left = min(x for x, _ in out.values())
    width = max(x for x, _ in out.values()) + CARD_WIDTH - left

    centre = {card_id: x + CARD_WIDTH / 2 for card_id, (x, _) in out.items()}
    spots = sorted(set(centre.values()))
    cuts = [(a + b) / 2 for a, b in itertools.pairwise(spots)]
    spans = _spans(out, centre, links, functions)
    yield
    cost = _cut_costs(cuts, spans)
    heads = sorted(centre[card_id] for card_id in out if bands.get(card_id) != Band.SUPPORT)
    rows = _support_rows(out, centre, bands)
    # The shelf count from the strip's height is a first guess: where every shelf must hold a
    # strategy or customer-facing card, a long stretch of support cards makes one shelf wider than
    # its share. A neighbouring count may then fit the screen at a larger scale: keep the best.
    best: tuple[float, list[float]] | None = None
    for count in range(max(2, shelves - 1), shelves + 3):
        candidate = _every_shelf_headed(_choose_cuts(count, left, width, spots, cuts, cost, heads), out, centre, bands)
        scale = _fit_scale(candidate, spots, rows, aspect)
        if best is None or scale > best[0]:
            best = (scale, candidate)
    chosen = best[1] if best else []
    yield
    return _stack(out, chosen, centre, bands, left) if chosen else out


def _choose_cuts(
    shelves: int,
    left: float,
    width: float,
    spots: list[float],
    cuts: list[float],
    cost: list[float],
    heads: list[float],
) -> list[float]:
    """Where to cut the strip into `shelves` slices: near even shares, where the cost is least.

    `heads` are the centres of the strategy and customer-facing cards, in order: every slice must hold
    one, because a shelf's stripes are found from them. A long stretch of support cards only (a
    function's chains under a few customer goals) therefore stays with the slice before it, instead of
    becoming a shelf of its own that would have to be merged back whole.
    """
    chosen: list[float] = []
    start = left
    for i in range(1, shelves):
        # Each cut aims at an even share of what is left, so one bad cut does not make one shelf wide.
        ideal = start + (left + width - start) / (shelves - i + 1)
        reach = WINDOW * width / shelves
        after = chosen[-1] if chosen else -math.inf
        head = bisect.bisect_right(heads, after)
        if head == len(heads):
            break
        earliest = max(after, heads[head])
        lo = bisect.bisect_left(cuts, max(ideal - reach, earliest))
        hi = bisect.bisect_right(cuts, ideal + reach)
        if lo >= hi and earliest > ideal - reach and lo < len(cuts):
            hi = lo + 1  # the slice's first head lies past the window: cut just after it
        if lo >= hi:
            continue
        best = min(range(lo, hi), key=lambda j: (cost[j], abs(cuts[j] - ideal)))
        if not chosen or cuts[best] > chosen[-1]:
            chosen.append(cuts[best])
            start = spots[bisect.bisect_right(spots, cuts[best])] - CARD_WIDTH / 2
    return chosen


def _support_rows(
    layout: Mapping[str, Point], centre: Mapping[str, float], bands: Mapping[str, Band]
) -> list[tuple[float, list[float]]]:
    """Each support row's top edge with its cards' centres in order, lowest row first."""
    rows: dict[float, list[float]] = {}
    for card_id, (_, y) in layout.items():
        if bands.get(card_id) == Band.SUPPORT:
            rows.setdefault(y, []).append(centre[card_id])
    return [(y, sorted(rows[y])) for y in sorted(rows, reverse=True)]


def _fit_scale(chosen: list[float], spots: list[float], rows: list[tuple[float, list[float]]], aspect: float) -> float:
    """How large the board folded at `chosen` is drawn on a screen of shape `aspect` and height 1.

    Widths come from the card centres each slice holds, heights from its lowest support row (as
    `_stack` stacks them): a few bisections per shelf, so several shelf counts can be tried.
    """
    bounds = [-math.inf, *chosen, math.inf]
    widest = 0.0
    height = -SHELF_GAP
    for low, high in itertools.pairwise(bounds):
        first, last = bisect.bisect_right(spots, low), bisect.bisect_left(spots, high) - 1
        if first > last:
            continue
        widest = max(widest, spots[last] - spots[first] + CARD_WIDTH)
        lowest = next((y for y, row in rows if bisect.bisect_right(row, low) < bisect.bisect_left(row, high)), None)
        height += support_bottom([] if lowest is None else [lowest]) + SHELF_GAP
    return min(aspect / widest, 1 / height) if widest and height > 0 else 0.0


def _stack(
    out: Mapping[str, Point],
    chosen: list[float],
    centre: Mapping[str, float],
    bands: Mapping[str, Band],
    left: float,
) -> dict[str, Point]:
    """The slices between the cuts `chosen`, stacked as shelves."""
    lowest: dict[int, list[float]] = {}
    for card_id, (_, y) in out.items():
        if bands.get(card_id) == Band.SUPPORT:
            lowest.setdefault(bisect.bisect_right(chosen, centre[card_id]), []).append(y)
    # Each shelf is as tall as its own support cards need: a slice of shallow chains takes less room.
    shelf_top = [0.0]
    for s in range(len(chosen)):
        shelf_top.append(shelf_top[-1] + support_bottom(lowest.get(s, [])) + SHELF_GAP)
    # Shelves run to and fro (a serpentine): every other slice is mirrored, so a cut is at about the
    # same x on the shelf above and the shelf below it and a link crossing it is a short hop down
    # rather than a diagonal across the whole board. A mirrored shelf ends under the end of the shelf
    # above (or further right, if it is wider): the next one starts at the left edge again, so the
    # shelves do not drift apart. Mirroring keeps every distance (and crossing) inside a slice.
    extent: dict[int, tuple[float, float]] = {}
    for card_id in out:
        s = bisect.bisect_right(chosen, centre[card_id])
        low, high = extent.get(s, (math.inf, -math.inf))
        extent[s] = (min(low, centre[card_id]), max(high, centre[card_id]))
    moved: dict[str, Point] = {}
    right_end = left
    place: list[tuple[float, float]] = []  # per shelf: screen x of the slice's first centre, direction
    for s in range(len(chosen) + 1):
        low, high = extent[s]
        if s % 2 == 0:
            place.append((left + CARD_WIDTH / 2, 1.0))
            right_end = left + high - low + CARD_WIDTH
        else:
            width = high - low + CARD_WIDTH
            place.append((max(right_end, left + width) - CARD_WIDTH / 2, -1.0))
    for card_id, (_, y) in out.items():
        s = bisect.bisect_right(chosen, centre[card_id])
        first, direction = place[s]
        low = extent[s][0]
        moved[card_id] = (first + direction * (centre[card_id] - low) - CARD_WIDTH / 2, y + shelf_top[s])
    shift = left - min(x for x, _ in moved.values())
    return {card_id: (float(round(x + shift)), y) for card_id, (x, y) in moved.items()}


def _spans(
    layout: Mapping[str, Point],
    centre: Mapping[str, float],
    links: Iterable[tuple[str, str]],
    functions: Mapping[str, str | None],
) -> list[tuple[float, float, float]]:
    """(low x, high x, cost) of everything a cut between low and high would split."""
    spans: list[tuple[float, float, float]] = []
    for source, target in links:
        a, b = centre.get(source), centre.get(target)
        if a is not None and b is not None and a != b:
            spans.append((min(a, b), max(a, b), 1.0))
    rows: dict[float, list[str]] = {}
    for card_id, (_, y) in layout.items():
        rows.setdefault(y, []).append(card_id)
    for row in rows.values():
        row.sort(key=centre.__getitem__)
        for a, b in itertools.pairwise(row):
            owner = functions.get(a)
            if owner is not None and owner == functions.get(b):
                spans.append((centre[a], centre[b], SPLIT_GROUP_COST))
    return spans


def _cut_costs(cuts: list[float], spans: list[tuple[float, float, float]]) -> list[float]:
    """For each cut, the summed cost of the spans it falls strictly inside (a sweep, not a double loop)."""
    delta = [0.0] * (len(cuts) + 1)
    for low, high, weight in spans:
        first, last = bisect.bisect_right(cuts, low), bisect.bisect_left(cuts, high)
        if first < last:
            delta[first] += weight
            delta[last] -= weight
    out: list[float] = []
    running = 0.0
    for step in delta[:-1]:
        running += step
        out.append(running)
    return out


def _every_shelf_headed(
    chosen: list[float], layout: Mapping[str, Point], centre: Mapping[str, float], bands: Mapping[str, Band]
) -> list[float]:
    """Drop cuts that would leave a shelf of support cards only: the stripes are found from each
    shelf's strategy and customer-facing cards, so such a shelf would have no stripes of its own."""
    headed = [False] * (len(chosen) + 1)
    for card_id in layout:
        if bands.get(card_id) != Band.SUPPORT:
            headed[bisect.bisect_right(chosen, centre[card_id])] = True
    return [cut for index, cut in enumerate(chosen) if headed[index + 1]]
