"""The board reflowed for a projector: display positions only, never written to the model.

At the desk the cards sit where the room put them (or where Tidy or the layout did), in three bands
as wide as the tree. On a beamer that shape wastes the screen: a wide, short board fitted to 1024x768
leaves black bars above and below and shrinks the text to ~10 px lines. In projector mode the scene
lays the same cards out again, band by band, in rows of as many columns as make the board's shape
closest to the screen's (the largest zoom at which everything fits), each band as high as its rows
of (grown) cards, and the spare height shared between the rows so the board fills the screen.

Pure arithmetic on ids and card heights: the scene measures the cards and places them; the room's
saved positions stay in the model, and leaving projector mode puts every card back.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.geometry import CARD_WIDTH
from workshop.model import Band

COLUMN_GAP = 28.0
ROW_GAP = 30.0
BAND_TOP = 38.0
"""Room at the top of a band for its name, drawn small in the band's corner, above the cards."""
BAND_BOTTOM = 12.0
BAND_GAP = 10.0
MAX_SPARE_PER_GAP = 3.0
"""Spare height shared between rows is at most this many row gaps' worth more each: no lonely rows."""


@dataclass(frozen=True)
class Reflow:
    positions: dict[str, tuple[float, float]]
    """Top-left corner of each card."""
    bands: dict[Band, tuple[float, float]]
    """Top and bottom of each band."""
    width: float
    """From the left edge of the first column (x = 0) to the right edge of the last."""
    height: float
    """From the top of the first band (y = 0) to the bottom of the last."""
    columns: int


def reflow(
    bands: dict[Band, list[tuple[str, float]]], view_width: float, view_height: float, max_scale: float
) -> Reflow:
    """Lay the cards of each band (in reading order, each with its height) in rows for a viewport of
    this size: the column count whose board fits the viewport at the largest zoom (capped at
    `max_scale`; between equal zooms the one whose shape is nearest the viewport's), then the spare
    height shared between the rows and bands so the cards fill the screen from top to bottom."""
    most = max((len(cards) for cards in bands.values()), default=0)
    if most == 0:
        return Reflow({}, _empty_bands(), CARD_WIDTH, sum(BAND_TOP + BAND_BOTTOM for _ in Band), 0)
    heights = {band: [h for _, h in bands.get(band, [])] for band in Band}
    best: tuple[float, float, int] | None = None
    for columns in _candidates(most):
        width, height = _extent(heights, columns)
        scale = min(view_width / width, view_height / height, max_scale)
        shape = abs(width / height - view_width / view_height)
        key = (round(scale, 4), -shape, columns)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    columns = best[2]
    width, height = _extent(heights, columns)
    scale = best[0]
    spare = max(0.0, view_height / scale - height)
    return _place(bands, columns, width, spare)


def _candidates(most: int) -> list[int]:
    """Every column count up to 40, then steps of about 8%: a big board needs no exact count."""
    out = list(range(1, min(most, 40) + 1))
    columns = 40.0
    while columns < most:
        columns *= 1.08
        out.append(min(most, round(columns)))
    return sorted(set(out))


def _rows(cards: list[tuple[str, float]], columns: int) -> list[list[tuple[str, float]]]:
    return [cards[i : i + columns] for i in range(0, len(cards), columns)]


def _extent(heights: dict[Band, list[float]], columns: int) -> tuple[float, float]:
    """Width and height of the board in rows of `columns` cards (each row as tall as its tallest card).
    Tried for every column count (~90 at 2,000 cards): each row's tallest card is one C-level max of a
    slice, not a generator over the cards (55 -> ~10 ms a layout at 2,000 cards)."""
    used = min(columns, max(len(band_heights) for band_heights in heights.values()))
    width = used * CARD_WIDTH + (used - 1) * COLUMN_GAP
    height = 0.0
    for band in Band:
        band_heights = heights[band]
        rows = range(0, len(band_heights), columns)
        height += BAND_TOP + BAND_BOTTOM + sum(map(max, (band_heights[i : i + columns] for i in rows)))
        height += max(0, len(rows) - 1) * ROW_GAP
    height += (len(Band) - 1) * BAND_GAP
    return width, height


def _place(bands: dict[Band, list[tuple[str, float]]], columns: int, width: float, spare: float) -> Reflow:
    all_rows = {band: _rows(bands.get(band, []), columns) for band in Band}
    gaps = sum(max(0, len(rows) - 1) for rows in all_rows.values()) + len(Band) - 1
    extra = min(spare / gaps, MAX_SPARE_PER_GAP * ROW_GAP) if gaps else 0.0
    positions: dict[str, tuple[float, float]] = {}
    spans: dict[Band, tuple[float, float]] = {}
    y = 0.0
    for index, band in enumerate(Band):
        if index:
            y += BAND_GAP
        top = y
        y += BAND_TOP + (extra / 2 if index else 0.0)  # spare between bands is band, not a black bar
        for number, row in enumerate(all_rows[band]):
            if number:
                y += ROW_GAP + extra
            row_width = len(row) * CARD_WIDTH + (len(row) - 1) * COLUMN_GAP
            x = (width - row_width) / 2  # a short row is centred under the full ones
            for card_id, _height in row:
                positions[card_id] = (x, y)
                x += CARD_WIDTH + COLUMN_GAP
            y += max(h for _, h in row)
        y += BAND_BOTTOM + (extra / 2 if index < len(Band) - 1 else 0.0)
        spans[band] = (top, y)
    return Reflow(positions, spans, width, y, columns)


def _empty_bands() -> dict[Band, tuple[float, float]]:
    spans, y = {}, 0.0
    for band in Band:
        spans[band] = (y, y + BAND_TOP + BAND_BOTTOM)
        y += BAND_TOP + BAND_BOTTOM + BAND_GAP
    return spans
