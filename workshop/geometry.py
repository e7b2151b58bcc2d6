"""Board geometry shared by the layout, the canvas and the report's diagram.

The board has three horizontal bands, top to bottom: Strategy, Customer-facing, Support. The first
two have a fixed height; the support band is last and grows downward with its content, because
support chains (support goal -> support goal) are the only ones that get deep. Cards have one size
so the layout can reason about them without measuring text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter

from workshop.model import Band, Workshop

CARD_WIDTH = 240.0
CARD_HEIGHT = 120.0
HALF_W, HALF_H = CARD_WIDTH / 2, CARD_HEIGHT / 2
"""Half a card: the line geometry works from card centres."""
H_GAP = 50.0
"""Horizontal space between neighbouring cards in a layer."""
LAYER_GAP = 70.0
"""Vertical space between layers inside a band."""
BAND_PADDING = 50.0
"""Space between a band's edge and its first or last layer of cards."""
BAND_GAP = 40.0

LAYER_PITCH = CARD_HEIGHT + LAYER_GAP


class _Layered:
    """Where a band's layers of cards sit, from its top edge (a band of the fixed board, or a stripe
    of a folded one: the same layers either way)."""

    top: float

    @property
    def first_layer_y(self) -> float:
        """The y of a card's top edge in the band's first layer."""
        return self.top + BAND_PADDING

    def layer_y(self, layer: int) -> float:
        return self.first_layer_y + layer * LAYER_PITCH


@dataclass(frozen=True)
class BandRange(_Layered):
    band: Band
    top: float
    bottom: float
    """Bottom edge; for the support band this is the default, the band grows with its cards."""

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


# --- Shelves ----------------------------------------------------------------------------------------
#
# Tidy folds a board much wider than the screen into shelves stacked downward (workshop.layout.folding),
# each with its own Strategy / Customer-facing / Support stripes. The model keeps card positions only,
# so the stripes are derived from where the cards are: a strategy or customer-facing card lower than
# the current shelf's customer-facing stripe starts a new shelf. The first shelf is always at today's
# fixed bands, so a board of one shelf has exactly the three bands above.

SHELF_GAP = 200.0
"""Space between one shelf's support stripe and the next shelf's strategy stripe."""

_CLAMP_MARGIN = BAND_PADDING / 2


@dataclass(frozen=True)
class Stripe(_Layered):
    """One band's stripe on one shelf; `bottom` of the last support stripe grows with its cards."""

    band: Band
    shelf: int
    top: float
    bottom: float

    def clamp(self, y: float, last: bool) -> float:
        """A card's top edge kept inside the stripe; the last support stripe has no floor."""
        low = self.top + _CLAMP_MARGIN
        if last and self.band == Band.SUPPORT:
            return max(low, y)
        return min(max(low, y), max(low, self.bottom - _CLAMP_MARGIN - CARD_HEIGHT))


def _shelf_stripes(shelf: int, top: float, support_end: float) -> list[Stripe]:
    return [
        Stripe(rng.band, shelf, top + rng.top, support_end if rng.band == Band.SUPPORT else top + rng.bottom)
        for rng in (STRATEGY, CUSTOMER_FACING, SUPPORT)
    ]


def stripes(cards: list[tuple[float, Band]]) -> list[Stripe]:
    """The stripes of a board whose cards have these (top edge, band), shelf by shelf, top to bottom.

    Each shelf's top is the one its strategy / customer-facing cards were laid out for (top minus the
    first layer's offset), moved as little as needed so that every card of the shelf is inside its
    stripe and the shelf starts below the previous one's support cards: dragging a card within its
    stripe never puts another card out of its own. One shelf gives exactly STRATEGY, CUSTOMER_FACING
    and SUPPORT (bottom as `support_bottom`).
    """
    ordered = sorted(cards, key=itemgetter(0))
    shelves: list[list[tuple[float, Band]]] = [[]]
    support, next_shelf = Band.SUPPORT, SUPPORT.top
    current = shelves[0]
    for card in ordered:
        if card[0] >= next_shelf and card[1] != support and current:
            current = []
            shelves.append(current)
            next_shelf = card[0] - BANDS[card[1]].first_layer_y + SUPPORT.top
        current.append(card)

    tops = [0.0]
    lowest_support: list[float | None] = []
    for index, members in enumerate(shelves):
        support = [top for top, band in members if band == Band.SUPPORT]
        lowest_support.append(max(support) if support else None)
        if index == 0:
            continue
        previous = tops[-1]
        floor = previous + SUPPORT.bottom + SHELF_GAP
        below = lowest_support[index - 1]
        if below is not None:
            floor = max(floor, below + CARD_HEIGHT + _CLAMP_MARGIN + SHELF_GAP)
        wished = min((top - BANDS[band].first_layer_y for top, band in members if band != Band.SUPPORT), default=floor)
        high = float("inf")
        for top, band in members:
            rng = BANDS[band]
            high = min(high, top - rng.top - _CLAMP_MARGIN)
            if band != Band.SUPPORT:
                floor = max(floor, top + _CLAMP_MARGIN + CARD_HEIGHT - rng.bottom)
        tops.append(min(max(wished, floor), high))

    out: list[Stripe] = []
    for index, top in enumerate(tops):
        if index + 1 < len(tops):
            end = tops[index + 1] - SHELF_GAP
        else:
            lowest = lowest_support[index]
            end = max(top + SUPPORT.bottom, (lowest if lowest is not None else 0.0) + CARD_HEIGHT + BAND_PADDING)
        out.extend(_shelf_stripes(index, top, end))
    return out


def stripe_for(board: list[Stripe], band: Band, y: float) -> Stripe:
    """The stripe of `band` nearest to a card whose top edge is at y (where a dragged card stays)."""

    def distance(stripe: Stripe) -> float:
        return max(stripe.top - y, y + CARD_HEIGHT - stripe.bottom, 0.0)

    return min((s for s in board if s.band == band), key=lambda s: (distance(s), s.shelf))


def clamp_to_stripe(board: list[Stripe], band: Band, y: float) -> float:
    """`clamp_to_band` on a board of shelves: inside the nearest stripe of the card's band."""
    if not board:
        return clamp_to_band(band, y)
    stripe = stripe_for(board, band, y)
    return stripe.clamp(y, last=stripe.shelf == board[-1].shelf)


def stripe_at(board: list[Stripe], y: float) -> Stripe | None:
    """The stripe a y coordinate falls in (gaps belong to the stripe below; lower than all: the last)."""
    for stripe in board:
        if y < stripe.bottom:
            return stripe
    return board[-1] if board else None


def board_stripes(ws: Workshop, positions: Mapping[str, tuple[float, float]] | None = None) -> list[Stripe]:
    """The stripes of a workshop's board: from `positions` (card id -> top-left), else its saved ones."""
    functions = {f.id: f for f in ws.functions}
    bands = {goal.id: ws.band_of_owner(goal.function_id, functions) for goal in ws.goals}
    bands.update({kpi.id: ws.band_of_owner(kpi.function_id, functions) for kpi in ws.kpis})
    if positions is None:
        positions = {card_id: (p.x, p.y) for card_id, p in ws.positions.items()}
    return stripes([(y, bands[card_id]) for card_id, (_, y) in positions.items() if card_id in bands])
