"""Where a card without a saved position goes: a free slot for one new card, a grid for many.

The model keeps only positions a person chose (a move) or asked for (Tidy). A card added by a
participant or a file without positions still needs a place on screen: the layout's suggestion
for a board that is mostly unplaced, otherwise a plain grid per band right of the placed cards
(`layout_positions`, `grid_positions`). Adding one card by keyboard never drops it on top of another
(`free_spot`, `layout_for_new_card`).

A new goal that serves a card of its own band goes one layer below that card, as near under it as
the row allows; otherwise it goes in the band's first layer, under the card it serves, or at the
end of the row (after its function's cards when it has some there). Nothing else moves.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from workshop.geometry import (
    BANDS,
    CARD_HEIGHT,
    CARD_WIDTH,
    H_GAP,
    LAYER_GAP,
    LAYER_PITCH,
    Stripe,
    board_stripes,
    clamp_to_stripe,
    stripe_at,
    stripe_for,
)
from workshop.layout.graph import MAX_BAND_LAYERS
from workshop.layout.tidying import tidy
from workshop.model import Band, Collection, Workshop

log = logging.getLogger(__name__)

Point = tuple[float, float]


def layout_positions(ws: Workshop) -> dict[str, Point]:
    """The layout's positions for every goal; nothing if it fails (logged), so the grid places the cards
    and a layout bug never stops a file from opening."""
    try:
        return {k: (float(v[0]), float(v[1])) for k, v in tidy(ws).items()}
    except Exception:
        log.exception("The layout failed; unplaced cards are put in a grid instead")
        return {}


def grid_positions(unplaced: Iterable[tuple[str, Band]], occupied: Iterable[tuple[Band, float]]) -> dict[str, Point]:
    """A grid per band, to the right of whatever is already in that band."""
    per_band: dict[Band, list[str]] = {}
    for card_id, band in unplaced:
        per_band.setdefault(band, []).append(card_id)
    right: dict[Band, float] = {}
    for band, x in occupied:
        right[band] = max(right.get(band, -math.inf), x + CARD_WIDTH + H_GAP)
    out: dict[str, Point] = {}
    for band, ids in per_band.items():
        rows = (
            1
            if band == Band.STRATEGY
            else 2
            if band == Band.CUSTOMER_FACING
            else max(2, round(math.sqrt(len(ids) / 4)))
        )
        columns = max(1, math.ceil(len(ids) / rows))
        x0 = right.get(band, 0.0)
        if x0 == -math.inf:
            x0 = 0.0
        rng = BANDS[band]
        for index, card_id in enumerate(ids):
            row, column = divmod(index, columns)
            out[card_id] = (x0 + column * (CARD_WIDTH + H_GAP), rng.layer_y(row))
    return out


def free_spot(x: float, y: float, taken: Iterable[Point], step: float = CARD_WIDTH + H_GAP) -> Point:
    """The free place on row y nearest to x where the new card overlaps no card (Tab and Enter): the
    new card lands beside the one it was made from, right first, then left, never far away across
    the row with its link crossing the others."""
    spots = [tx for tx, ty in taken if abs(ty - y) < CARD_HEIGHT]

    def free(at: float) -> bool:
        return all(abs(tx - at) >= CARD_WIDTH for tx in spots)

    for k in range(len(spots) + 1):
        for candidate in (x + k * step, x - k * step) if k else (x,):
            if free(candidate):
                return candidate, y
    return x + (len(spots) + 1) * step, y  # not reached: n cards block at most n + 1 slots


REACH_X = CARD_WIDTH + H_GAP
REACH_Y = CARD_HEIGHT + LAYER_GAP / 2


def _cards(ws: Workshop) -> list[tuple[str, float, float]]:
    known = {g.id for g in ws.goals} | {k.id for k in ws.kpis}
    return [(card_id, p.x, p.y) for card_id, p in ws.positions.items() if card_id in known]


def _owner(ws: Workshop, card_id: str) -> str | None:
    goal = ws.goal(card_id)
    if goal is not None:
        return goal.function_id
    kpi = ws.find(Collection.KPIS, card_id)
    return getattr(kpi, "function_id", None)


def _row_in_band(board: list[Stripe], band: Band, wished: float) -> float:
    """The strategy and customer-facing stripes have fixed rows: take the nearest of the stripe nearest
    to `wished`. A support stripe has room for any y from its first row down to its end."""
    stripe = stripe_for(board, band, wished)
    if band == Band.SUPPORT:
        return max(stripe.layer_y(0), clamp_to_stripe(board, band, wished))
    rows = [stripe.layer_y(k) for k in range(MAX_BAND_LAYERS[band] or 1)]
    return min(rows, key=lambda row: (abs(row - wished), row))


def layout_for_new_card(
    ws: Workshop,
    band: Band | str,
    function_id: str | None,
    near: str | tuple[float, float] | None = None,
) -> tuple[float, float]:
    """Top-left corner of a free slot in `band` for a new card of `function_id`.

    `near` is the id of the card the new one serves, or a board point (top-left wished for), or None.
    """
    band = Band(band)
    board = board_stripes(ws)
    cards = _cards(ws)
    anchor: tuple[float, float] | None = None
    if isinstance(near, str):
        where = ws.positions.get(near)
        if where is not None:
            anchor = (where.x, where.y)
    elif near is not None:
        anchor = (float(near[0]), float(near[1]))

    if anchor is None:
        y = BANDS[band].layer_y(0)
        row = [c for c in cards if abs(c[2] - y) < REACH_Y]
        own = [c for c in row if function_id is not None and _owner(ws, c[0]) == function_id]
        ends = [c[1] + CARD_WIDTH for c in (own or row)]
        wished = max(ends) + H_GAP if ends else 0.0
    else:
        wished = anchor[0]
        if isinstance(near, str):
            here = stripe_at(board, anchor[1])
            y = anchor[1] + LAYER_PITCH if here and here.band == band else stripe_for(board, band, anchor[1]).layer_y(0)
        else:
            y = anchor[1]
        y = _row_in_band(board, band, y)

    blockers = [c for c in cards if abs(c[2] - y) < REACH_Y]
    candidates = {wished}
    for _, x, _ in blockers:
        candidates.add(x - REACH_X)
        candidates.add(x + REACH_X)
    free = [c for c in candidates if all(abs(c - x) >= REACH_X for _, x, _ in blockers)]
    best = min(free, key=lambda c: (abs(c - wished), -c))
    return best, y
