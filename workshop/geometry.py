"""Board geometry shared by the layout, the canvas and the report's diagram.

The board has three horizontal bands, top to bottom: Strategy, Customer-facing, Support. The first
two have a fixed height; the support band is last and grows downward with its content, because
support chains (support goal -> support goal) are the only ones that get deep. Cards have one size
so the layout can reason about them without measuring text.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import Band

CARD_WIDTH = 240.0
CARD_HEIGHT = 120.0
H_GAP = 50.0
"""Horizontal space between neighbouring cards in a layer."""
LAYER_GAP = 70.0
"""Vertical space between layers inside a band."""
BAND_PADDING = 50.0
"""Space between a band's edge and its first or last layer of cards."""
BAND_GAP = 40.0

LAYER_PITCH = CARD_HEIGHT + LAYER_GAP


@dataclass(frozen=True)
class BandRange:
    band: Band
    top: float
    bottom: float
    """Bottom edge; for the support band this is the default, the band grows with its cards."""

    @property
    def first_layer_y(self) -> float:
        """The y of a card's top edge in the band's first layer."""
        return self.top + BAND_PADDING

    def layer_y(self, layer: int) -> float:
        return self.first_layer_y + layer * LAYER_PITCH

    def contains(self, y: float) -> bool:
        return self.top <= y < self.bottom


def _span(layers: int) -> float:
    return 2 * BAND_PADDING + layers * CARD_HEIGHT + (layers - 1) * LAYER_GAP


STRATEGY = BandRange(Band.STRATEGY, 0.0, _span(1))
CUSTOMER_FACING = BandRange(Band.CUSTOMER_FACING, STRATEGY.bottom + BAND_GAP, STRATEGY.bottom + BAND_GAP + _span(2))
SUPPORT = BandRange(Band.SUPPORT, CUSTOMER_FACING.bottom + BAND_GAP, CUSTOMER_FACING.bottom + BAND_GAP + _span(2))

BANDS: dict[Band, BandRange] = {b.band: b for b in (STRATEGY, CUSTOMER_FACING, SUPPORT)}


def band_at(y: float) -> Band:
    """The band a y coordinate falls in (gaps belong to the band below; anything lower is support)."""
    if y < STRATEGY.bottom:
        return Band.STRATEGY
    if y < CUSTOMER_FACING.bottom:
        return Band.CUSTOMER_FACING
    return Band.SUPPORT


def clamp_to_band(band: Band, y: float) -> float:
    """Keep a card's top edge inside its band, so a card cannot be dragged into the wrong level."""
    rng = BANDS[band]
    low = rng.top + BAND_PADDING / 2
    if band == Band.SUPPORT:
        return max(low, y)
    high = rng.bottom - BAND_PADDING / 2 - CARD_HEIGHT
    return min(max(low, y), high)


def support_bottom(card_tops: list[float]) -> float:
    """Where the support band ends: its default bottom, or below its lowest card."""
    lowest = max(card_tops, default=SUPPORT.top)
    return max(SUPPORT.bottom, lowest + CARD_HEIGHT + BAND_PADDING)
