"""Where cards without a saved position appear: shown there, not written to the model.

The model keeps only positions a person chose (a move) or asked for (Tidy). A card added by a
participant or a file without positions still needs a place on screen: the layout's suggestion
for a board that is mostly unplaced, otherwise a plain grid per band right of the placed cards.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from workshop import layout
from workshop.geometry import BANDS, CARD_HEIGHT, CARD_WIDTH, H_GAP
from workshop.model import Band, Workshop

log = logging.getLogger(__name__)

Point = tuple[float, float]


def layout_positions(ws: Workshop) -> dict[str, Point]:
    """The layout's positions for every goal; nothing if it fails (logged), so the grid places the cards
    and a layout bug never stops a file from opening."""
    try:
        return {k: (float(v[0]), float(v[1])) for k, v in layout.tidy(ws).items()}
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
    """The first place at or right of (x, y) where the new card overlaps no card (Tab and Enter)."""
    spots = [(tx, ty) for tx, ty in taken if abs(ty - y) < CARD_HEIGHT]
    while any(abs(tx - x) < CARD_WIDTH for tx, _ in spots):
        x += step
    return x, y
