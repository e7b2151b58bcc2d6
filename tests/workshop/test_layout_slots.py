"""A free slot for a card added by keyboard: near what it serves, never on top of another card."""

from __future__ import annotations

from workshop.examples import customer_loyalty
from workshop.geometry import BANDS, CARD_HEIGHT, CARD_WIDTH, LAYER_PITCH, band_at
from workshop.layout import layout_for_new_card, tidy
from workshop.model import Band, Position, Workshop


def _placed_demo() -> Workshop:
    ws = customer_loyalty()
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    return ws


def _free(ws: Workshop, x: float, y: float) -> bool:
    return all(
        not (x < p.x + CARD_WIDTH and p.x < x + CARD_WIDTH and y < p.y + CARD_HEIGHT and p.y < y + CARD_HEIGHT)
        for p in ws.positions.values()
    )


def test_a_new_support_result_goes_under_the_support_card_it_serves() -> None:
    ws = _placed_demo()
    served = ws.positions["g-it-records"]
    x, y = layout_for_new_card(ws, Band.SUPPORT, "f-it", near="g-it-records")
    assert y == served.y + LAYER_PITCH
    assert x == served.x  # nothing below it yet: straight under
    assert _free(ws, x, y)


def test_a_second_new_card_under_the_same_goal_goes_beside_the_first() -> None:
    ws = _placed_demo()
    first = layout_for_new_card(ws, Band.SUPPORT, "f-it", near="g-it-records")
    ws.positions["g-new"] = Position(x=first[0], y=first[1])
    ws.goals.append(ws.goals[-1].model_copy(update={"id": "g-new"}))
    second = layout_for_new_card(ws, Band.SUPPORT, "f-it", near="g-it-records")
    assert second[1] == first[1]
    assert abs(second[0] - first[0]) < 2 * CARD_WIDTH
    assert _free(ws, *second)


def test_a_new_customer_goal_serving_strategy_goes_in_the_first_customer_layer_near_it() -> None:
    ws = _placed_demo()
    x, y = layout_for_new_card(ws, Band.CUSTOMER_FACING, "f-sales", near="g-loyalty")
    assert y == BANDS[Band.CUSTOMER_FACING].layer_y(0)
    assert band_at(y) == Band.CUSTOMER_FACING
    assert _free(ws, x, y)
    assert abs(x - ws.positions["g-loyalty"].x) < 3 * CARD_WIDTH


def test_a_customer_goal_under_the_bottom_customer_layer_stays_in_its_band() -> None:
    ws = _placed_demo()
    ws.positions["g-sales-match"] = Position(x=0.0, y=BANDS[Band.CUSTOMER_FACING].layer_y(1))
    x, y = layout_for_new_card(ws, Band.CUSTOMER_FACING, "f-sales", near="g-sales-match")
    assert y == BANDS[Band.CUSTOMER_FACING].layer_y(1)  # the band's last row, beside rather than below
    assert band_at(y) == band_at(y + CARD_HEIGHT - 1) == Band.CUSTOMER_FACING
    assert _free(ws, x, y)


def test_without_a_goal_to_serve_it_goes_after_its_function_in_the_first_layer() -> None:
    ws = _placed_demo()
    x, y = layout_for_new_card(ws, Band.SUPPORT, "f-it", near=None)
    assert y == BANDS[Band.SUPPORT].layer_y(0)
    it_cards = [ws.positions[g.id].x for g in ws.goals_of("f-it")]
    assert x > max(it_cards)
    assert _free(ws, x, y)


def test_on_an_empty_board_the_first_card_goes_at_the_start_of_the_band() -> None:
    assert layout_for_new_card(Workshop(), Band.STRATEGY, None) == (0.0, BANDS[Band.STRATEGY].layer_y(0))


def test_a_grid_per_band_starts_right_of_the_cards_already_there():
    from workshop.geometry import CARD_WIDTH, H_GAP
    from workshop.layout.slots import grid_positions

    spots = grid_positions([("a", Band.STRATEGY), ("b", Band.STRATEGY), ("c", Band.SUPPORT)], [(Band.STRATEGY, 100.0)])
    assert spots["a"] == (100.0 + CARD_WIDTH + H_GAP, BANDS[Band.STRATEGY].layer_y(0))
    assert spots["b"][0] == spots["a"][0] + CARD_WIDTH + H_GAP
    assert spots["c"] == (0.0, BANDS[Band.SUPPORT].layer_y(0))


def test_free_spot_takes_the_nearest_free_place_right_first_then_left():
    from workshop.geometry import CARD_WIDTH, H_GAP
    from workshop.layout.slots import free_spot

    step = CARD_WIDTH + H_GAP
    assert free_spot(0.0, 0.0, [(0.0, 0.0)]) == (step, 0.0), "right first"
    assert free_spot(0.0, 0.0, [(0.0, 0.0), (step, 0.0)]) == (-step, 0.0), "then left, not far right"
    row = [(i * step, 0.0) for i in range(-3, 12)]
    assert free_spot(0.0, 0.0, row) == (-4 * step, 0.0), "the nearest gap, whichever side"
    assert free_spot(0.0, 0.0, [(0.0, 1000.0)]) == (0.0, 0.0)
