"""A card's band follows its function: when the function's level changes, its cards move with it."""

from workshop import geometry, ops
from workshop.examples import customer_loyalty
from workshop.model import Band


def test_switching_a_function_to_support_moves_its_placed_cards_into_the_support_band_in_one_undo_step() -> None:
    ws = customer_loyalty()
    customer_y = geometry.CUSTOMER_FACING.top + 60
    ops.move_cards(ws, {"g-sales-match": (100.0, customer_y), "k-sales-contracts": (400.0, customer_y)})
    before = ws.model_dump()

    change = ops.update_function(ws, "f-sales", kind="support")

    assert geometry.band_at(ws.positions["g-sales-match"].y) == Band.SUPPORT
    assert geometry.band_at(ws.positions["k-sales-contracts"].y) == Band.SUPPORT
    assert ws.positions["g-sales-match"].x == 100.0
    change.inverse().apply(ws)
    assert ws.model_dump() == before


def test_moving_a_goal_to_a_function_on_another_level_moves_its_card() -> None:
    ws = customer_loyalty()
    ops.move_cards(ws, {"g-it-records": (50.0, geometry.SUPPORT.top + 60)})
    ops.update_goal(ws, "g-it-records", function_id="f-sales")
    assert geometry.band_at(ws.positions["g-it-records"].y) == Band.CUSTOMER_FACING


def test_a_pinned_card_keeps_its_pin_when_its_band_changes() -> None:
    ws = customer_loyalty()
    ops.move_cards(ws, {"g-sales-match": (100.0, geometry.CUSTOMER_FACING.top + 60)})
    ops.set_pinned(ws, ["g-sales-match"], True)
    ops.update_function(ws, "f-sales", kind="support")
    assert ws.positions["g-sales-match"].pinned
