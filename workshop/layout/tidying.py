"""Tidy: a layered drawing of the whole goal tree, within its bands, around the pinned cards.

KPI cards are not part of the tree: unless pinned, each goes at the end of the first layer of its
function's band, grouped by function in the order of the function list, after the goals that have
no link. That keeps them together and readable, away from the links. A pinned card (goal or KPI)
never moves and no other card is put on top of it.

A drawing much wider than the screen's shape is then folded into shelves (`workshop.layout.folding`)
when no card is fixed: a pinned card stays where it is, and the drawing around it is left unfolded so
nothing lands on it.
"""

from __future__ import annotations

from collections.abc import Collection, Generator

from workshop.geometry import CARD_WIDTH
from workshop.layout.folding import fold_steps, shelves_for
from workshop.layout.graph import LayeredGraph, build
from workshop.layout.ordering import order_steps
from workshop.layout.placement import CARD_SEPARATION, Obstacles, place_steps
from workshop.layout.refining import (
    drawn_score,
    refine_rounds,
    refine_steps,
    second_start_steps,
    wants_second_start,
)
from workshop.layout.steps import finish, relay
from workshop.model import BAND_ORDER, Band, Workshop


def tidy_moves(ws: Workshop) -> dict[str, tuple[float, float]]:
    """What Tidy moves: the new top-left of every card that is not pinned and not already there."""
    return moves_for(ws, tidy(ws))


def moves_for(ws: Workshop, layout: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The cards of a Tidy layout (`tidy`, `tidy_steps`) that move: not pinned and not already there."""
    moves: dict[str, tuple[float, float]] = {}
    for card_id, (x, y) in layout.items():
        position = ws.positions.get(card_id)
        if position is not None and (position.pinned or (position.x, position.y) == (x, y)):
            continue
        moves[card_id] = (float(x), float(y))
    return moves


def tidy(ws: Workshop, keep: Collection[str] = (), *, fold: bool = True) -> dict[str, tuple[float, float]]:
    """Top-left position of every goal and KPI card (pinned cards included, where they are).

    `keep` names more cards to leave where they are, as if pinned: pass the cards already on the
    board to find places for the ones that have none, without moving anything the room sees.
    `fold=False` gives the unfolded drawing (what the crossing benchmark compares with Graphviz).
    """
    return finish(tidy_steps(ws, keep, fold=fold))


def tidy_steps(
    ws: Workshop, keep: Collection[str] = (), *, fold: bool = True
) -> Generator[float, None, dict[str, tuple[float, float]]]:
    """`tidy` in small steps: yields the share done (0 to 1) after each, returns the positions.

    Each step is a sweep, a layer sifted or a placement pass (tens of milliseconds at 5,000 goals), so a
    window can run Tidy between its own events, show progress and stop it. The workshop must not
    change while the steps run (pass a copy: `snapshot`)."""
    keep = set(keep)
    g = build(ws, keep)
    cards = {goal.id for goal in ws.goals} | {kpi.id for kpi in ws.kpis}
    pinned = {
        card_id: (p.x, p.y) for card_id, p in ws.positions.items() if (p.pinned or card_id in keep) and card_id in cards
    }
    obstacles = Obstacles(list(pinned.values()), g.layer_y)
    yield 0.05
    for share in order_steps(g):
        yield 0.05 + 0.75 * share
    x = yield from relay(place_steps(g, obstacles), lambda share: 0.8 + 0.19 * share)
    rounds = refine_rounds(g)
    drawn: int | None = None  # the drawing's crossings, once counted
    if rounds:
        locked = [n in g.pinned for n in range(g.size)]
        x, drawn = yield from relay(refine_steps(g, obstacles, x, locked, rounds), lambda _: 0.99)
    if wants_second_start(g):
        x = yield from _second_start(g, obstacles, x, drawn)

    result: dict[str, tuple[float, float]] = {}
    for node in range(g.size):
        if not g.is_dummy(node) and node not in g.pinned and node not in g.loose:
            result[g.ids[node]] = (x[node] - CARD_WIDTH / 2, g.layer_y[g.layer[node]])

    tails: dict[Band, list[str]] = {band: list(g.unconnected.get(band, [])) for band in BAND_ORDER}
    rank = {f.id: i for i, f in enumerate(ws.functions)}
    kpis = sorted(ws.kpis, key=lambda k: rank.get(k.function_id, len(rank)))
    for kpi in kpis:
        tails[ws.band_of_owner(kpi.function_id)].append(kpi.id)
    for band in BAND_ORDER:
        row = g.band_first_layer[band]
        ends = [x[n] + (CARD_WIDTH / 2 if not g.is_dummy(n) else 0) for n in g.layers[row] if n not in g.pinned]
        centre = max(ends) + CARD_SEPARATION - CARD_WIDTH / 2 if ends else 0.0
        for card_id in tails[band]:
            if card_id in pinned or card_id in result:
                continue
            centre = obstacles.push(row, centre)
            result[card_id] = (centre - CARD_WIDTH / 2, g.layer_y[row])
            centre += CARD_SEPARATION

    # Whole numbers keep the file tidy; no gap is smaller than H_GAP - 1 after rounding.
    shift = min((px for px, _ in result.values()), default=0.0) if not pinned else 0.0
    result = {card_id: (float(round(px - shift)), py) for card_id, (px, py) in result.items()}
    result.update(pinned)
    if fold and not pinned:
        yield 0.99
        result = yield from relay(_folded(ws, result), lambda _: 0.995)
    return result


def pins_keep_unfolded(ws: Workshop, layout: dict[str, tuple[float, float]]) -> int:
    """How many pinned cards kept Tidy from folding `layout` into shelves (0: none, or no fold needed).

    A pinned card never moves, so a drawing with pins is left as one strip however wide: the window
    says so, or a facilitator would wonder why a big board came out 80,000 px wide this time."""
    pins = sum(1 for card_id, p in ws.positions.items() if p.pinned and card_id in layout)
    if not pins:
        return 0
    return pins if shelves_for(layout, _bands_and_owners(ws)[0]) > 1 else 0


def _bands_and_owners(ws: Workshop) -> tuple[dict[str, Band], dict[str, str | None]]:
    functions = {f.id: f for f in ws.functions}
    bands = {goal.id: ws.band_of_owner(goal.function_id, functions) for goal in ws.goals}
    owners: dict[str, str | None] = {goal.id: goal.function_id for goal in ws.goals}
    for kpi in ws.kpis:
        bands[kpi.id] = ws.band_of_owner(kpi.function_id, functions)
        owners[kpi.id] = kpi.function_id
    return bands, owners


def _folded(
    ws: Workshop, layout: dict[str, tuple[float, float]]
) -> Generator[None, None, dict[str, tuple[float, float]]]:
    bands, owners = _bands_and_owners(ws)
    return (yield from fold_steps(layout, bands, [(link.source, link.target) for link in ws.links], owners))


def _second_start(
    g: LayeredGraph, obstacles: Obstacles, x: list[float], drawn: int | None = None
) -> Generator[float, None, list[float]]:
    """On a small board with flat-link blocks, a second drawing from another start (`second_start_steps`);
    the one with fewer crossings is kept (the first on a tie). Only where `wants_second_start`: without
    flat-link blocks both starts are the same, and on big boards the first drawing has the time
    (100 goals: 1.0-1.9 ms of Tidy's 7.2-8.6)."""
    locked = [n in g.pinned for n in range(g.size)]
    first = drawn_score(g, x, drawn)  # `drawn`: its drawn_crossings, when refining counted them
    layers = [list(layer) for layer in g.layers]
    blocks = {root: list(members) for root, members in g.blocks.items()}
    ranks = list(g.block_rank)
    candidate = yield from relay(second_start_steps(g, obstacles, locked, first), lambda _: 0.99)
    if candidate is not None and drawn_score(g, candidate) < first:
        return candidate
    g.layers, g.blocks, g.block_rank = layers, blocks, ranks
    return x


def snapshot(ws: Workshop) -> Workshop:
    """A copy Tidy can read while the workshop itself goes on changing (`Workshop.snapshot`)."""
    return ws.snapshot()
