"""Tidy folds a board much wider than the screen into shelves: what the room sees at fit."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

import pytest

from workshop.examples import customer_loyalty
from workshop.geometry import (
    BANDS,
    CARD_HEIGHT,
    CARD_WIDTH,
    SHELF_GAP,
    board_stripes,
    clamp_to_stripe,
    stripe_at,
    stripes,
    support_bottom,
)
from workshop.layout import tidy
from workshop.layout.folding import ASPECT
from workshop.model import Band, Position, Workshop
from workshop.synthetic import generate


def _bands(ws: Workshop) -> dict[str, Band]:
    return {g.id: ws.band_of(g) for g in ws.goals} | {k.id: ws.band_of_owner(k.function_id) for k in ws.kpis}


def _overlaps(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Overlapping pairs, row by row (a sweep: a 2,000-card board has two million pairs)."""
    found: list[tuple[str, str]] = []
    cards = sorted(positions.items(), key=lambda item: (item[1][0], item[0]))
    for i, (a, (ax, ay)) in enumerate(cards):
        for b, (bx, by) in cards[i + 1 :]:
            if bx >= ax + CARD_WIDTH:
                break
            if abs(ay - by) < CARD_HEIGHT:
                found.append((a, b))
    return found


def _out_of_stripe(ws: Workshop, positions: dict[str, tuple[float, float]]) -> list[str]:
    board = board_stripes(ws, positions)
    bands = _bands(ws)
    return [
        card_id
        for card_id, (_, y) in positions.items()
        if stripe_at(board, y).band != bands[card_id] or stripe_at(board, y + CARD_HEIGHT) is not stripe_at(board, y)
    ]


@pytest.fixture(scope="module", params=[500, 2000])
def folded(request) -> tuple[Workshop, dict[str, tuple[float, float]]]:
    ws = generate(request.param)
    return ws, tidy(ws)


def test_the_demo_is_not_folded_and_keeps_its_three_bands() -> None:
    ws = customer_loyalty()
    positions = tidy(ws)
    assert positions == tidy(ws, fold=False)
    board = board_stripes(ws, positions)
    assert [(s.band, s.top) for s in board] == [(band, BANDS[band].top) for band in BANDS]
    assert board[-1].bottom == support_bottom([y for c, (_, y) in positions.items() if _bands(ws)[c] == Band.SUPPORT])


def test_a_big_board_comes_out_near_the_screens_shape(folded) -> None:
    _, positions = folded
    width = max(x for x, _ in positions.values()) + CARD_WIDTH - min(x for x, _ in positions.values())
    height = max(y for _, y in positions.values()) + CARD_HEIGHT - min(y for _, y in positions.values())
    assert ASPECT / 2 <= width / height <= ASPECT * 2


def test_every_card_is_in_its_bands_stripe_and_none_overlap(folded) -> None:
    ws, positions = folded
    assert set(positions) == set(_bands(ws))
    assert _out_of_stripe(ws, positions) == []
    assert _overlaps(positions) == []
    assert max(s.shelf for s in board_stripes(ws, positions)) >= 3


def test_links_inside_a_shelf_are_as_short_as_unfolded(folded) -> None:
    """Folding moves whole slices (every other one mirrored): two linked cards on one shelf keep their
    distance exactly."""
    ws, positions = folded
    flat = tidy(ws, fold=False)
    board = board_stripes(ws, positions)
    same_shelf = 0
    for link in ws.links:
        a, b = positions[link.source], positions[link.target]
        if stripe_at(board, a[1]).shelf == stripe_at(board, b[1]).shelf:
            fa, fb = flat[link.source], flat[link.target]
            assert (abs(b[0] - a[0]), b[1] - a[1]) == (abs(fb[0] - fa[0]), fb[1] - fa[1]), link.id
            same_shelf += 1
    # The cuts go where few links cross: fewer than cutting the strip into as many even slices.
    shelves = board[-1].shelf + 1
    left = min(x for x, _ in flat.values())
    share = (max(x for x, _ in flat.values()) + CARD_WIDTH - left) / shelves

    def slice_of(card_id: str) -> int:
        return min(shelves - 1, int((flat[card_id][0] + CARD_WIDTH / 2 - left) // share))

    even_cut = sum(slice_of(link.source) != slice_of(link.target) for link in ws.links)
    assert len(ws.links) - same_shelf < even_cut


def test_pinned_cards_stay_and_nothing_lands_on_them(folded) -> None:
    ws, positions = folded
    ws = ws.model_copy(deep=True)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in positions.items()}
    lower = max(positions, key=lambda card_id: positions[card_id][1])  # on the last shelf
    ws.positions[lower] = ws.positions[lower].model_copy(update={"pinned": True})
    again = tidy(ws)
    assert again[lower] == positions[lower]
    assert _overlaps(again) == []


def test_one_shelf_gives_the_three_fixed_bands() -> None:
    tops = [(50.0, Band.STRATEGY), (310.0, Band.CUSTOMER_FACING), (930.0, Band.SUPPORT), (1500.0, Band.SUPPORT)]
    board = stripes(tops)
    assert [(s.band, s.top, s.bottom) for s in board[:2]] == [(b, BANDS[b].top, BANDS[b].bottom) for b in BANDS][:2]
    assert (board[2].top, board[2].bottom) == (BANDS[Band.SUPPORT].top, support_bottom([930.0, 1500.0]))
    assert stripes([]) == stripes([(50.0, Band.STRATEGY)])


def test_a_lower_strategy_card_starts_a_shelf_below_the_support_cards_above_it() -> None:
    board = stripes([(50.0, Band.STRATEGY), (735.0, Band.SUPPORT), (3000.0, Band.STRATEGY), (3700.0, Band.SUPPORT)])
    second = [s for s in board if s.shelf == 1]
    assert [s.band for s in second] == [Band.STRATEGY, Band.CUSTOMER_FACING, Band.SUPPORT]
    assert second[0].top == 2950.0
    assert board[2].bottom == 2950.0 - SHELF_GAP  # the first shelf's support stripe ends above it


def test_dragging_cards_within_their_stripes_never_puts_another_out_of_its_own(folded) -> None:
    """Each drag clamps to the stripe nearest the card, as the board does; the stripes found again
    afterwards still hold every card."""
    ws, positions = folded
    positions = dict(positions)
    bands = _bands(ws)
    rng = random.Random(4)
    ids = sorted(positions)
    for _ in range(150):
        card_id = rng.choice(ids)
        board = board_stripes(ws, positions)
        x, y = positions[card_id]
        wished = y + rng.uniform(-900.0, 900.0)
        positions[card_id] = (x, clamp_to_stripe(board, bands[card_id], wished))
    assert _out_of_stripe(ws, positions) == []


def test_cuts_go_between_function_groups_where_links_allow(folded) -> None:
    """The KPI cards at the end of a band's first row are grouped by function; a cut through them
    would split a group over two shelves when a cut between groups costs no more."""
    ws, positions = folded
    board = board_stripes(ws, positions)
    shelves_of: dict[str, set[int]] = defaultdict(set)
    for kpi in ws.kpis:
        shelves_of[kpi.function_id].add(stripe_at(board, positions[kpi.id][1]).shelf)
    split = [function_id for function_id, shelves in shelves_of.items() if len(shelves) > 1]
    assert len(split) <= 1, split


def test_the_reports_tree_of_a_folded_board_has_bands_per_shelf_not_across_them() -> None:
    """The report draws the board as the room left it: each shelf's levels get their own band, so
    no band runs over the shelves between (the demo, on one shelf, keeps its three)."""
    from workshop.analysis import analyse
    from workshop.report.context import ReportContext
    from workshop.report.treeplan import whole_tree

    def bands(ws: Workshop) -> list[tuple[str, float, float]]:
        ctx = ReportContext(ws, analyse(ws), True, 500.0, 700.0, 700.0, 500.0)
        positions = {g.id: (p.x, p.y) for g in ws.goals if (p := ws.positions.get(g.id)) is not None}
        return [(band.label, band.top, band.bottom) for band in whole_tree(ctx, positions).bands]

    ws = generate(300, seed=3)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    folded = bands(ws)
    labels = [label for label, _, _ in folded]
    assert labels.count("Support") >= 2 and labels[-1] == "Support"  # a band per level, shelf by shelf
    for (_, _, bottom), (_, top, _) in itertools.pairwise(folded):
        assert bottom <= top  # one under the other, never overlapping
    demo = customer_loyalty()
    demo.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(demo).items()}
    assert [label for label, _, _ in bands(demo)] == ["Strategy", "Customer-facing", "Support"]
