"""Layout of the goal tree on the board: Tidy, a free slot for a new card, and a crossing counter.

The board's bands and card size come from `workshop.geometry`; everything here is pure Python and
deterministic, so the canvas, the report's diagram and the benchmark all get the same drawing.
"""

from workshop.layout.crossings import count_crossings
from workshop.layout.slots import layout_for_new_card
from workshop.layout.tidying import moves_for, pins_keep_unfolded, snapshot, tidy, tidy_moves, tidy_steps

__all__ = [
    "count_crossings",
    "layout_for_new_card",
    "moves_for",
    "pins_keep_unfolded",
    "snapshot",
    "tidy",
    "tidy_moves",
    "tidy_steps",
]
