"""Where a link meets its cards: in the gap between two rows, never under a neighbour of its own row."""

from __future__ import annotations

from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, LAYER_GAP
from workshop.link_geometry import CORNER_MARGIN, clip, link_ends, passing_x

W, H = CARD_WIDTH / 2, CARD_HEIGHT / 2
ROW = CARD_HEIGHT + LAYER_GAP


def test_a_far_link_between_rows_stays_in_the_gap_between_them() -> None:
    x1, y1, x2, y2 = link_ends(0, ROW, W, H, 3000, 0, W, H)  # lower card, served card 3,000 px to the right
    assert y1 == ROW - H and y2 == H  # top edge of the lower card, bottom edge of the upper one
    assert 0 < x1 <= W - CORNER_MARGIN and 3000 - W + CORNER_MARGIN <= x2 < 3000
    # the neighbour right of the lower card (50 px gap) is not crossed: the line never dips into its row
    assert min(y1, y2) >= H and max(y1, y2) <= ROW - H


def test_a_steep_link_meets_its_cards_where_the_centre_line_would() -> None:
    x1, y1, _x2, _y2 = link_ends(0, ROW, W, H, 20, 0, W, H)
    cx1, cy1 = clip(0, ROW, W, H, 20, -ROW)
    assert abs(x1 - cx1) < 0.5 and y1 == cy1


def test_links_of_one_card_keep_the_order_of_the_cards_they_reach() -> None:
    starts = [link_ends(0, ROW, W, H, far, 0, W, H)[0] for far in (-4000, -900, -300, 0, 300, 900, 4000)]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_cards_side_by_side_are_joined_at_their_sides() -> None:
    x1, _y1, x2, _y2 = link_ends(0, 0, W, H, 600, 10, W, H)
    assert x1 == W and x2 == 600 - W


def test_tidy_keeps_clear_the_place_where_the_board_draws_a_long_link() -> None:
    # a link from a card to one two rows below and far to the side: Tidy's passing point at every height
    # of the middle row lies on the line the board draws between the two cards' edges
    for far in (-3000.0, -250.0, 0.0, 40.0, 900.0, 5000.0):
        x1, y1, x2, y2 = link_ends(0, 0, W, H, far, 2 * ROW, W, H)
        for y in (ROW - H, ROW, ROW + H):
            on_line = x1 + (y - y1) / (y2 - y1) * (x2 - x1)
            assert abs(passing_x(0, 0, far, 2 * ROW, y, W, H) - on_line) < 1e-6
