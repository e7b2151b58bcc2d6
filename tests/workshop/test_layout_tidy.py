"""Tidy: what a facilitator sees after pressing Tidy on the board."""

from __future__ import annotations

import itertools

import pytest

from workshop.examples import customer_loyalty
from workshop.geometry import BANDS, CARD_HEIGHT, CARD_WIDTH, H_GAP, band_at, board_stripes, stripe_at
from workshop.layout import count_crossings, tidy
from workshop.model import Band, Function, FunctionKind, Goal, Kpi, Link, Position, Workshop
from workshop.synthetic import generate


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return (
        a[0] < b[0] + CARD_WIDTH
        and b[0] < a[0] + CARD_WIDTH
        and a[1] < b[1] + CARD_HEIGHT
        and b[1] < a[1] + CARD_HEIGHT
    )


def _overlapping_pairs(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in itertools.combinations(sorted(positions), 2) if _overlaps(positions[a], positions[b])]


def _card_band(ws: Workshop, card_id: str) -> Band:
    goal = ws.goal(card_id)
    if goal is not None:
        return ws.band_of(goal)
    kpi = ws.find("kpis", card_id)
    function = ws.function(kpi.function_id)  # type: ignore[union-attr]
    return Band.SUPPORT if function is not None and function.kind == FunctionKind.SUPPORT else Band.CUSTOMER_FACING


def _tree() -> Workshop:
    """Two strategic goals; customer goals listed alternately so model order alone would cross;
    support goals under them, one support chain and one declared direct impact."""
    functions = [
        Function(id="f-sales", name="Sales", kind=FunctionKind.CUSTOMER_FACING),
        Function(id="f-service", name="Service", kind=FunctionKind.CUSTOMER_FACING),
        Function(id="f-it", name="IT", kind=FunctionKind.SUPPORT),
        Function(id="f-hr", name="HR", kind=FunctionKind.SUPPORT),
    ]
    goals = [
        Goal(id="A", text="Loyalty"),
        Goal(id="B", text="Cost"),
        Goal(id="c1", text="c1", function_id="f-sales"),
        Goal(id="c2", text="c2", function_id="f-service"),
        Goal(id="c3", text="c3", function_id="f-sales"),
        Goal(id="c4", text="c4", function_id="f-service"),
        Goal(id="c5", text="c5", function_id="f-service"),
        Goal(id="s1", text="s1", function_id="f-it"),
        Goal(id="s2", text="s2", function_id="f-hr"),
        Goal(id="s3", text="s3", function_id="f-it"),
        Goal(id="s4", text="s4", function_id="f-hr"),
        Goal(id="s5", text="s5", function_id="f-it"),
        Goal(id="s6", text="s6", function_id="f-hr"),
    ]
    pairs = [
        ("c1", "B"),
        ("c2", "A"),
        ("c3", "B"),
        ("c4", "A"),
        ("c5", "c4"),
        ("s1", "c4"),
        ("s2", "c1"),
        ("s3", "c2"),
        ("s4", "c3"),
        ("s5", "s2"),
        ("s6", "A"),
    ]
    links = [Link(id=f"l-{s}-{t}", source=s, target=t) for s, t in pairs]
    return Workshop(functions=functions, goals=goals, links=links)


def test_empty_workshop_gives_no_positions() -> None:
    assert tidy(Workshop()) == {}


@pytest.mark.parametrize("ws", [customer_loyalty(), generate(150, seed=3), _tree()], ids=["demo", "generated", "tree"])
def test_every_card_gets_a_place_in_its_band_and_none_overlap(ws: Workshop) -> None:
    positions = tidy(ws)
    assert set(positions) == {g.id for g in ws.goals} | {k.id for k in ws.kpis}
    assert _overlapping_pairs(positions) == []
    board = board_stripes(ws, positions)
    for card_id, (_, y) in positions.items():
        band = _card_band(ws, card_id)
        assert stripe_at(board, y).band == band, card_id
        assert stripe_at(board, y + CARD_HEIGHT - 1) is stripe_at(board, y), card_id


def test_a_goal_serving_one_of_its_own_band_sits_a_layer_lower() -> None:
    ws = _tree()
    positions = tidy(ws)
    assert positions["c5"][1] == BANDS[Band.CUSTOMER_FACING].layer_y(1)
    assert positions["c4"][1] == BANDS[Band.CUSTOMER_FACING].layer_y(0)
    assert positions["s5"][1] == BANDS[Band.SUPPORT].layer_y(1)
    assert positions["s2"][1] == BANDS[Band.SUPPORT].layer_y(0)


def test_same_band_links_point_up_in_a_generated_workshop() -> None:
    ws = generate(200, seed=5)
    positions = tidy(ws)
    goals = {g.id: g for g in ws.goals}
    checked = 0
    for link in ws.links:
        band = ws.band_of(goals[link.source])
        if band == ws.band_of(goals[link.target]) == Band.SUPPORT:
            assert positions[link.source][1] > positions[link.target][1], link.id
            checked += 1
    assert checked > 5


def test_a_tree_that_can_be_drawn_without_crossings_is() -> None:
    ws = _tree()
    positions = tidy(ws)
    assert set(positions) == {g.id for g in ws.goals}
    assert _overlapping_pairs(positions) == []
    assert count_crossings(ws, positions) == 0


def test_generated_workshops_come_out_with_few_crossings() -> None:
    ws = generate(100, seed=1)
    positions = tidy(ws, fold=False)  # the layered drawing; folding it into shelves is tested on its own
    assert len(positions) == len(ws.goals) + len(ws.kpis)
    assert count_crossings(ws, positions) <= 2


def test_parent_is_centred_over_its_children() -> None:
    ws = Workshop(
        functions=[Function(id="f", name="Sales", kind=FunctionKind.CUSTOMER_FACING)],
        goals=[Goal(id="top", text="Loyalty")] + [Goal(id=f"c{i}", text=f"c{i}", function_id="f") for i in range(3)],
        links=[Link(id=f"l{i}", source=f"c{i}", target="top") for i in range(3)],
    )
    positions = tidy(ws)
    xs = sorted(positions[f"c{i}"][0] for i in range(3))
    assert xs[1] - xs[0] == xs[2] - xs[1] == CARD_WIDTH + H_GAP  # compact
    assert positions["top"][0] == pytest.approx(xs[1], abs=1)


def test_pinned_cards_stay_and_the_others_make_room() -> None:
    ws = generate(80, seed=2)
    first_cf = BANDS[Band.CUSTOMER_FACING].layer_y(0)
    first_support = BANDS[Band.SUPPORT].layer_y(0)
    cf_goal = next(g for g in ws.goals if ws.band_of(g) == Band.CUSTOMER_FACING)
    support_goal = next(g for g in ws.goals if ws.band_of(g) == Band.SUPPORT)
    kpi = ws.kpis[0]
    ws.positions = {
        cf_goal.id: Position(x=333.0, y=first_cf, pinned=True),
        # pinned between two layers, where a free card would otherwise go
        support_goal.id: Position(x=1000.5, y=first_support + 60, pinned=True),
        kpi.id: Position(x=-2000.0, y=first_cf, pinned=True),
        ws.goals[0].id: Position(x=5.0, y=5.0, pinned=False),
    }
    positions = tidy(ws)
    assert positions[cf_goal.id] == (333.0, first_cf)
    assert positions[support_goal.id] == (1000.5, first_support + 60)
    assert positions[kpi.id] == (-2000.0, first_cf)
    assert _overlapping_pairs(positions) == []


def test_unconnected_goals_and_kpis_go_at_the_end_of_their_bands_first_layer() -> None:
    ws = _tree()
    ws.goals.append(Goal(id="lonely-c", text="No link yet", function_id="f-sales"))
    ws.goals.append(Goal(id="lonely-s", text="No link yet", function_id="f-it"))
    ws.kpis = [
        Kpi(id="k-it", function_id="f-it", name="Tickets"),
        Kpi(id="k-sales", function_id="f-sales", name="New contracts"),
    ]
    positions = tidy(ws)
    cf_row = BANDS[Band.CUSTOMER_FACING].layer_y(0)
    support_row = BANDS[Band.SUPPORT].layer_y(0)
    assert positions["lonely-c"][1] == positions["k-sales"][1] == cf_row
    assert positions["lonely-s"][1] == positions["k-it"][1] == support_row
    cf_cards = [x for c, (x, y) in positions.items() if y == cf_row and c not in ("lonely-c", "k-sales")]
    support_cards = [x for c, (x, y) in positions.items() if y == support_row and c not in ("lonely-s", "k-it")]
    assert max(cf_cards) < positions["lonely-c"][0] < positions["k-sales"][0]
    assert max(support_cards) < positions["lonely-s"][0] < positions["k-it"][0]


@pytest.mark.timeout(20)
def test_cycles_do_not_hang_and_still_get_places() -> None:
    ws = _tree()
    ws.links += [
        Link(id="cyc1", source="c4", target="c5"),  # c4 <-> c5
        Link(id="cyc2", source="s2", target="s5"),  # s2 <-> s5
        Link(id="cyc3", source="A", target="B"),
        Link(id="cyc4", source="B", target="A"),
        Link(id="cyc5", source="c1", target="s1"),  # runs downward across bands
        Link(id="cyc6", source="s1", target="s3"),
        Link(id="cyc7", source="s3", target="s4"),
        Link(id="cyc8", source="s4", target="s1"),
    ]
    positions = tidy(ws)
    assert set(positions) == {g.id for g in ws.goals}
    assert _overlapping_pairs(positions) == []


def test_customer_chains_deeper_than_the_band_stay_in_the_band_beside_what_they_serve() -> None:
    ws = Workshop(
        functions=[Function(id="f", name="Sales", kind=FunctionKind.CUSTOMER_FACING)],
        goals=[Goal(id="top", text="Loyalty")] + [Goal(id=f"c{i}", text=f"c{i}", function_id="f") for i in range(4)],
        links=[Link(id="l0", source="c0", target="top")]
        + [Link(id=f"l{i}", source=f"c{i}", target=f"c{i - 1}") for i in range(1, 4)],
    )
    positions = tidy(ws)
    lowest = BANDS[Band.CUSTOMER_FACING].layer_y(1)
    assert [positions[f"c{i}"][1] for i in range(4)] == [BANDS[Band.CUSTOMER_FACING].layer_y(0), lowest, lowest, lowest]
    assert abs(positions["c2"][0] - positions["c1"][0]) == CARD_WIDTH + H_GAP
    assert abs(positions["c3"][0] - positions["c2"][0]) == CARD_WIDTH + H_GAP
    assert _overlapping_pairs(positions) == []


def test_tidy_is_deterministic() -> None:
    ws = generate(120, seed=4)
    first = tidy(ws)
    assert tidy(ws.model_copy(deep=True)) == first
    assert tidy(ws) == first


def test_links_to_missing_goals_are_ignored() -> None:
    ws = _tree()
    ws.links.append(Link(id="dangling", source="s1", target="nowhere"))
    positions = tidy(ws)
    assert "nowhere" not in positions
    assert count_crossings(ws, positions) == 0


def test_kept_cards_stay_and_new_cards_find_room_around_them() -> None:
    ws = customer_loyalty()
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    ws.goals.append(Goal(id="g-new-it", text="Faster laptops", function_id="f-it"))
    ws.goals.append(Goal(id="g-new-cs", text="Shorter queues", function_id="f-service"))
    ws.links.append(Link(id="l-new", source="g-new-it", target="g-it-records"))
    positions = tidy(ws, keep=set(ws.positions))
    for card_id, where in ws.positions.items():
        assert positions[card_id] == (where.x, where.y)
    assert positions["g-new-it"][1] == BANDS[Band.SUPPORT].layer_y(1)  # under the result it serves
    assert band_at(positions["g-new-cs"][1]) == Band.CUSTOMER_FACING
    assert _overlapping_pairs(positions) == []


def test_separate_trees_of_the_demo_sit_close_together() -> None:
    """Nothing inside a tree pulls it toward the next one; without closing the gaps the demo's
    strategic goals ended up several card widths apart with nothing between them."""
    positions = tidy(customer_loyalty())
    assert positions["g-expenditure"][0] - positions["g-loyalty"][0] <= 3 * (CARD_WIDTH + H_GAP)
    assert positions["g-engagement"][0] - positions["g-expenditure"][0] == CARD_WIDTH + H_GAP


def test_tidy_moves_leave_pinned_cards_and_cards_already_in_place_out():
    from workshop import layout, ops
    from workshop.examples import customer_loyalty

    ws = customer_loyalty()
    proposed = layout.tidy(ws)
    moves = layout.tidy_moves(ws)
    assert set(moves) <= set(proposed)
    for card_id, position in ws.positions.items():
        if position.pinned or (position.x, position.y) == proposed.get(card_id):
            assert card_id not in moves
    ops.move_cards(ws, moves)
    assert layout.tidy_moves(ws) == {}  # tidy twice: nothing more to move
