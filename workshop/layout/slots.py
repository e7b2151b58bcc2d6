"""A free place for one new card, so adding a card by keyboard never drops it on top of another.

A new goal that serves a card of its own band goes one layer below that card, as near under it as
the row allows; otherwise it goes in the band's first layer, under the card it serves, or at the
end of the row (after its function's cards when it has some there). Nothing else moves.
"""

from __future__ import annotations

from workshop.geometry import BANDS, CARD_HEIGHT, CARD_WIDTH, H_GAP, LAYER_GAP, LAYER_PITCH, band_at, clamp_to_band
from workshop.layout.graph import MAX_BAND_LAYERS
from workshop.model import Band, Workshop

REACH_X = CARD_WIDTH + H_GAP
REACH_Y = CARD_HEIGHT + LAYER_GAP / 2


def _cards(ws: Workshop) -> list[tuple[str, float, float]]:
    known = {g.id for g in ws.goals} | {k.id for k in ws.kpis}
    return [(card_id, p.x, p.y) for card_id, p in ws.positions.items() if card_id in known]


def _owner(ws: Workshop, card_id: str) -> str | None:
    goal = ws.goal(card_id)
    if goal is not None:
        return goal.function_id
    kpi = ws.find("kpis", card_id)
    return getattr(kpi, "function_id", None)


def _row_in_band(band: Band, wished: float) -> float:
    """The strategy and customer-facing bands have fixed rows: take the nearest. The support band
    grows downward, so any y from its first row down is fine."""
    rng = BANDS[band]
    if band == Band.SUPPORT:
        return max(rng.layer_y(0), clamp_to_band(band, wished))
    rows = [rng.layer_y(k) for k in range(MAX_BAND_LAYERS[band] or 1)]
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
    rng = BANDS[band]
    cards = _cards(ws)
    anchor: tuple[float, float] | None = None
    if isinstance(near, str):
        where = ws.positions.get(near)
        if where is not None:
            anchor = (where.x, where.y)
    elif near is not None:
        anchor = (float(near[0]), float(near[1]))

    if anchor is None:
        y = rng.layer_y(0)
        row = [c for c in cards if abs(c[2] - y) < REACH_Y]
        own = [c for c in row if function_id is not None and _owner(ws, c[0]) == function_id]
        ends = [c[1] + CARD_WIDTH for c in (own or row)]
        wished = max(ends) + H_GAP if ends else 0.0
    else:
        wished = anchor[0]
        if isinstance(near, str):
            y = anchor[1] + LAYER_PITCH if band_at(anchor[1]) == band else rng.layer_y(0)
        else:
            y = anchor[1]
        y = _row_in_band(band, y)

    blockers = [c for c in cards if abs(c[2] - y) < REACH_Y]
    candidates = {wished}
    for _, x, _ in blockers:
        candidates.add(x - REACH_X)
        candidates.add(x + REACH_X)
    free = [c for c in candidates if all(abs(c - x) >= REACH_X for _, x, _ in blockers)]
    best = min(free, key=lambda c: (abs(c - wished), -c))
    return best, y
