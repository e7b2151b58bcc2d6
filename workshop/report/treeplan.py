"""Which pictures of the goal tree the report draws, and where each card goes.

A tree small enough to print legibly is drawn whole, goal by goal. A larger one gets an overview
at function level (one box per function, arrows counted) followed by detail drawings per function
showing each of its goals and what it serves: a readable set of pages instead of a tiny picture.
Card positions come from the board (`ws.positions`) when every goal has one, else from
`workshop.layout.tidy` when that module exists, else from the simple layered layout below.
"""

from __future__ import annotations

from collections import defaultdict

from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, H_GAP, LAYER_GAP, stripe_at, stripes
from workshop.model import Band as BandKind
from workshop.model import FunctionKind, LinkKind
from workshop.report import styles as st
from workshop.report.context import ReportContext
from workshop.report.diagram import Band, Card, Edge, Scene
from workshop.text import clean_text

BAND_NAMES = {
    BandKind.STRATEGY: "Strategy",
    BandKind.CUSTOMER_FACING: "Customer-facing",
    BandKind.SUPPORT: "Support",
}
PITCH_X = CARD_WIDTH + H_GAP
PITCH_Y = CARD_HEIGHT + LAYER_GAP
ROW_MAX = 6
"""Cards per row before a layer wraps onto a second row."""
STRATEGY_COLOUR = "#2457A6"


def edge_style(ctx: ReportContext, link) -> tuple[str, str]:
    if link.kind == LinkKind.DIRECT_IMPACT:
        return "exception", "Declared exception" if link.reason.strip() else "Exception, no reason"
    if ctx.is_around(link):
        return "around", "\u26a0 Around, not via"
    return "normal", ""


def _goal_card(ctx: ReportContext, goal_id: str, x: float, y: float) -> Card:
    goal = ctx.goals[goal_id]
    function = ctx.functions.get(goal.function_id or "")
    return Card(
        key=goal_id,
        x=x,
        y=y,
        w=CARD_WIDTH,
        h=CARD_HEIGHT,
        title=clean_text(goal.text),
        label=clean_text(function.name) if function else "Strategy",
        colour=function.colour if function else STRATEGY_COLOUR,
        strong=function is None,
    )


# --- whole tree, goal by goal --------------------------------------------------------------------


def _layers(ctx: ReportContext) -> dict[str, int]:
    """Depth of each goal inside its band: a goal serving a goal of its own band sits one row lower."""
    depth: dict[str, int] = {}
    order = [g.id for g in ctx.ws.goals]
    for _ in range(len(order)):  # longest-path relaxation, stops as soon as nothing moves
        moved = False
        for gid in order:
            best = 0
            for link in ctx.out_links.get(gid, ()):
                if ctx.band[link.target] == ctx.band[gid]:
                    best = max(best, depth.get(link.target, 0) + 1)
            if depth.get(gid, 0) != best and best < 50:
                depth[gid] = best
                moved = True
        if not moved:
            break
    return depth


def layered_positions(ctx: ReportContext) -> dict[str, tuple[float, float]]:
    """Bands top to bottom, layers inside bands, cards grouped by function and pulled under their targets.

    Support goals tied straight to strategy (exceptions and "around" links) go to the right end of
    their row, and so do the strategic goals only they reach; rows are then left-aligned, so those
    long arrows run up the free space on the right instead of through the customer-facing cards.
    """
    depth = _layers(ctx)
    function_index = {f.id: i for i, f in enumerate(ctx.ws.functions)}
    rows: dict[tuple[int, int], list[str]] = defaultdict(list)
    band_rank = {BandKind.STRATEGY: 0, BandKind.CUSTOMER_FACING: 1, BandKind.SUPPORT: 2}
    for goal in ctx.ws.goals:
        rows[(band_rank[ctx.band[goal.id]], depth.get(goal.id, 0))].append(goal.id)

    def bypasses(gid: str) -> bool:
        return ctx.band[gid] == BandKind.SUPPORT and any(
            ctx.band[lk.target] == BandKind.STRATEGY for lk in ctx.out_links.get(gid, ())
        )

    def only_bypassed(gid: str) -> bool:
        sources = [lk.source for lk in ctx.in_links.get(gid, ())]
        return bool(sources) and all(ctx.band[s] == BandKind.SUPPORT for s in sources)

    any_bypass = any(bypasses(g.id) for g in ctx.ws.goals)
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    last_band = -1
    for band, layer in sorted(rows):
        if last_band != -1 and band != last_band:
            y += 60.0
        last_band = band
        ids = rows[(band, layer)]

        def centre_of_targets(gid: str) -> float:
            xs = [positions[lk.target][0] for lk in ctx.out_links.get(gid, ()) if lk.target in positions]
            return sum(xs) / len(xs) if xs else 0.0

        if band == 0:
            ids.sort(key=only_bypassed)
        else:
            ids.sort(
                key=lambda g: (
                    bypasses(g),
                    function_index.get(ctx.goals[g].function_id or "", -1),
                    centre_of_targets(g),
                )
            )
        for start in range(0, len(ids), ROW_MAX):
            chunk = ids[start : start + ROW_MAX]
            for i, gid in enumerate(chunk):
                positions[gid] = (i * PITCH_X, y)
            y += PITCH_Y
    if any_bypass:
        _over_their_sources(ctx, positions, [g for g in rows.get((0, 0), []) if only_bypassed(g)])
        return positions
    # no long arrows to keep clear: centre every row under the widest one
    width_of: dict[float, float] = defaultdict(float)
    for x, yy in positions.values():
        width_of[yy] = max(width_of[yy], x + CARD_WIDTH)
    widest = max(width_of.values(), default=0.0)
    return {g: (x + (widest - width_of[yy]) / 2, yy) for g, (x, yy) in positions.items()}


def _over_their_sources(ctx: ReportContext, positions: dict, goal_ids: list[str]) -> None:
    """Move strategic goals reached only from support straight above their sources, keeping cards apart."""
    for gid in goal_ids:
        xs = [positions[lk.source][0] for lk in ctx.in_links.get(gid, ()) if lk.source in positions]
        if xs:
            positions[gid] = (sum(xs) / len(xs), positions[gid][1])
    row_y = {positions[g][1] for g in goal_ids}
    for y in row_y:
        row = sorted((g for g, (_, yy) in positions.items() if yy == y), key=lambda g: positions[g][0])
        next_free = None
        for gid in row:
            x = positions[gid][0] if next_free is None else max(positions[gid][0], next_free)
            positions[gid] = (x, y)
            next_free = x + PITCH_X


def candidate_positions(ctx: ReportContext):
    """Layouts to try, best-loved first: the board as the room left it, Tidy's, then the compact one here."""
    ws = ctx.ws
    if ws.goals and all(g.id in ws.positions for g in ws.goals):
        yield {g.id: (ws.positions[g.id].x, ws.positions[g.id].y) for g in ws.goals}
    try:
        from workshop.layout import tidy  # written alongside; optional
    except ImportError:
        tidy = None
    if tidy is not None:
        try:
            placed = tidy(ws)
            if all(g.id in placed for g in ws.goals):
                yield {g.id: (float(placed[g.id][0]), float(placed[g.id][1])) for g in ws.goals}
        except Exception:  # a layout bug must not cost the facilitator the report
            pass
    yield layered_positions(ctx)


def _shelf_of(ctx: ReportContext, cards: list[Card]) -> dict[str, int]:
    """Each card's shelf when the board was folded into shelves by Tidy (every card in a stripe of
    its own band, more than one shelf); otherwise every card is on shelf 0."""
    board = stripes([(card.y, ctx.band[card.key]) for card in cards])
    if board[-1].shelf == 0:
        return {}
    shelf: dict[str, int] = {}
    for card in cards:
        stripe = stripe_at(board, card.y)
        if stripe is None or stripe.band != ctx.band[card.key]:
            return {}
        shelf[card.key] = stripe.shelf
    return shelf


def _bands_around(ctx: ReportContext, cards: list[Card]) -> list[Band]:
    """A band around the cards of each level, on each shelf of a board Tidy folded."""
    shelf_of = _shelf_of(ctx, cards)
    spans: dict[tuple[int, BandKind], list[float]] = {}
    for card in cards:
        key = (shelf_of.get(card.key, 0), ctx.band[card.key])
        low, high = spans.get(key, [card.y, card.y + card.h])
        spans[key] = [min(low, card.y), max(high, card.y + card.h)]
    bands = []
    for shelf in sorted({shelf for shelf, _ in spans}):
        for kind in (BandKind.STRATEGY, BandKind.CUSTOMER_FACING, BandKind.SUPPORT):
            if (shelf, kind) in spans:
                top, bottom = spans[(shelf, kind)]
                bands.append(Band(BAND_NAMES[kind], top - 25, bottom + 25, st.BAND_FILL[kind.value]))
    return bands


def whole_tree(ctx: ReportContext, positions: dict[str, tuple[float, float]]) -> Scene:
    cards = [_goal_card(ctx, g.id, *positions[g.id]) for g in ctx.ws.goals]
    edges = []
    for link in ctx.ws.links:
        if link.source in positions and link.target in positions:
            style, label = edge_style(ctx, link)
            edges.append(Edge(link.source, link.target, style, label))
    return Scene(cards, edges, _bands_around(ctx, cards))


# --- overview at function level ------------------------------------------------------------------


OV_W, OV_H = 200.0, 90.0
OV_PITCH_X, OV_PITCH_Y = OV_W + 40.0, OV_H + 40.0
OV_ROW_MAX = 8


def function_overview(ctx: ReportContext) -> Scene:
    """Strategic goals on top, one box per function below; arrows carry the number of links they stand for."""
    owner_key: dict[str, str] = {}
    rows: list[tuple[BandKind, list[Card]]] = []
    strategic = []
    for goal in ctx.ws.strategic_goals():
        card = _goal_card(ctx, goal.id, 0, 0)
        card.w, card.h = OV_W, OV_H
        strategic.append(card)
        owner_key[goal.id] = goal.id
    rows.append((BandKind.STRATEGY, strategic))
    for kind, band in (
        (FunctionKind.CUSTOMER_FACING, BandKind.CUSTOMER_FACING),
        (FunctionKind.SUPPORT, BandKind.SUPPORT),
    ):
        boxes = []
        for function in ctx.functions_of(kind):
            count = sum(1 for g in ctx.ws.goals if g.function_id == function.id)
            label = f"{count} goal{'s' if count != 1 else ''}"
            boxes.append(Card(f"fn:{function.id}", 0, 0, OV_W, OV_H, clean_text(function.name), label, function.colour))
        rows.append((band, boxes))
    for goal in ctx.ws.goals:
        if goal.function_id is not None:
            owner_key[goal.id] = f"fn:{goal.function_id}"
    cards: list[Card] = []
    bands: list[Band] = []
    widest = max((min(len(r), OV_ROW_MAX) for _, r in rows), default=1) * OV_PITCH_X - 40.0
    y = 0.0
    for band, row in rows:
        if not row:
            continue
        top = y
        y += 25
        for start in range(0, len(row), OV_ROW_MAX):
            chunk = row[start : start + OV_ROW_MAX]
            offset = (widest - (len(chunk) * OV_PITCH_X - 40.0)) / 2
            for i, card in enumerate(chunk):
                card.x, card.y = offset + i * OV_PITCH_X, y
            y += OV_PITCH_Y
        cards.extend(row)
        bands.append(Band(BAND_NAMES[band], top, y - 15, st.BAND_FILL[band.value]))
        y += 30
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for link in ctx.ws.links:
        source, target = owner_key.get(link.source), owner_key.get(link.target)
        if source and target and source != target:
            counts[(source, target, edge_style(ctx, link)[0])] += 1
    edges = [Edge(s, t, style, "") for (s, t, style), n in counts.items()]
    return Scene(cards, edges, bands)


# --- detail per function -------------------------------------------------------------------------

DETAIL_CHUNK = 6


def function_details(ctx: ReportContext, function_id: str) -> list[tuple[str, Scene]]:
    """The function's goals, six at a time (one row), under the goals they serve."""
    goals = [g.id for g in ctx.ws.goals if g.function_id == function_id]
    scenes = []
    for start in range(0, len(goals), DETAIL_CHUNK):
        chunk = goals[start : start + DETAIL_CHUNK]
        inside = set(chunk)
        targets: list[str] = []
        for gid in chunk:
            for link in ctx.out_links.get(gid, ()):
                if link.target not in inside and link.target not in targets:
                    targets.append(link.target)
        # targets in the order of the goals that serve them, so arrows run up rather than across
        slot = {gid: i for i, gid in enumerate(chunk)}
        sources: dict[str, list[int]] = defaultdict(list)
        for gid in chunk:
            for link in ctx.out_links.get(gid, ()):
                sources[link.target].append(slot[gid])
        targets.sort(key=lambda t: sum(sources[t]) / len(sources[t]))
        cards: list[Card] = []
        y = 25.0
        bands: list[Band] = []
        if targets:
            top = 0.0
            for row_start in range(0, len(targets), ROW_MAX):
                for i, gid in enumerate(targets[row_start : row_start + ROW_MAX]):
                    cards.append(_goal_card(ctx, gid, i * PITCH_X, y))
                y += PITCH_Y
            bands.append(Band("Serves", top, y - LAYER_GAP + 25, st.SHADE))
            y += 10
        own_top = y - 25
        for row_start in range(0, len(chunk), ROW_MAX):
            for i, gid in enumerate(chunk[row_start : row_start + ROW_MAX]):
                cards.append(_goal_card(ctx, gid, i * PITCH_X, y))
            y += PITCH_Y
        fill = st.BAND_FILL[ctx.band[chunk[0]].value]
        bands.append(Band(clean_text(ctx.function_name(function_id)), own_top, y - LAYER_GAP + 25, fill))
        edges = []
        for gid in chunk:
            for link in ctx.out_links.get(gid, ()):
                style, label = edge_style(ctx, link)
                edges.append(Edge(gid, link.target, style, label))
        end = start + len(chunk)
        title = f"goals {start + 1}\u2013{end} of {len(goals)}" if len(goals) > DETAIL_CHUNK else ""
        scenes.append((title, Scene(cards, edges, bands)))
    return scenes
