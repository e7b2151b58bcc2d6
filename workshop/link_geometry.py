"""Where a link's line meets its two cards, so the board, a drag in progress and the crossing count
draw and count the same lines.

A line from centre to centre, clipped at the card edges, leaves a card through its side as soon as the
other card is far off to one side: with cards 240 x 120 and 70 px between rows, any run over ~380 px
across one gap. It then runs under the neighbouring cards of its own row (links sit under cards), where
it reads as ending at one of them; after Tidy, 100 generated goals had 97-231 such passes per board.
So when one card is wholly above the other, the line joins their facing edges (the top of the lower
card, the bottom of the upper one) and stays in the gap between them. Where along an edge follows the
line's slope: close to where a centre line would cross the edge while the link is steep (steep links
look as before), sliding toward the corner and never past it as the link flattens. The links of one
card keep the order of their slopes along its edge, so they do not cross each other there. Cards side
by side (a flat link, or a card dragged level with another) keep the centre line clipped at their sides.
"""

from __future__ import annotations

import math

CORNER_MARGIN = 14.0
"""Room kept between a link's end and the card's corner: an arrowhead (14 px) stays on the edge."""


def link_ends(
    ax: float, ay: float, a_half_w: float, a_half_h: float, bx: float, by: float, b_half_w: float, b_half_h: float
) -> tuple[float, float, float, float]:
    """The line of a link between card A (centre ax, ay) and card B: (x1, y1) on A's edge, (x2, y2) on B's."""
    dx, dy = bx - ax, by - ay
    if by - b_half_h >= ay + a_half_h:  # B wholly below A
        x1 = _along_edge(ax, a_half_w, a_half_h, dx, dy)
        x2 = _along_edge(bx, b_half_w, b_half_h, -dx, -dy)
        return x1, ay + a_half_h, x2, by - b_half_h
    if by + b_half_h <= ay - a_half_h:  # B wholly above A
        x1 = _along_edge(ax, a_half_w, a_half_h, dx, dy)
        x2 = _along_edge(bx, b_half_w, b_half_h, -dx, -dy)
        return x1, ay - a_half_h, x2, by + b_half_h
    x1, y1 = clip(ax, ay, a_half_w, a_half_h, dx, dy)
    x2, y2 = clip(bx, by, b_half_w, b_half_h, -dx, -dy)
    return x1, y1, x2, y2


def _along_edge(cx: float, half_w: float, half_h: float, dx: float, dy: float) -> float:
    """x of the link's end on the card's top or bottom edge: the centre line's crossing of that edge,
    pressed smoothly (tanh: the same for steep links, monotone in the slope) into the edge's reach."""
    reach = half_w - CORNER_MARGIN
    if reach <= 0.0:
        return cx
    run = dx / abs(dy) * half_h  # where the centre line crosses the edge's line, from the centre
    return cx + reach * math.tanh(run / reach)


def clip(cx: float, cy: float, half_w: float, half_h: float, dx: float, dy: float) -> tuple[float, float]:
    """Where a ray from a rectangle's centre (cx, cy) along (dx, dy) leaves the rectangle."""
    t = 1.0
    if dx:
        t = min(t, half_w / abs(dx))
    if dy:
        t = min(t, half_h / abs(dy))
    return cx + dx * t, cy + dy * t


def passing_x(
    x_upper: float, y_upper: float, x_lower: float, y_lower: float, y: float, half_w: float, half_h: float
) -> float:
    """Where the drawn line of a link between two cards (centres; cards `2 * half_w` by `2 * half_h`)
    passes the height `y`: what Tidy keeps clear for a link spanning several rows."""
    rule = passing_rule(y_upper, y_lower, y, half_w, half_h)
    if rule is not None:
        reach, bend, share = rule
        run = x_lower - x_upper
        slide = reach * math.tanh(run * bend)
        return x_upper + slide + share * (run - 2 * slide)
    x1, y1, x2, y2 = link_ends(x_upper, y_upper, half_w, half_h, x_lower, y_lower, half_w, half_h)
    if y2 == y1:
        return (x1 + x2) / 2
    return x1 + (y - y1) / (y2 - y1) * (x2 - x1)


def passing_rule(
    y_upper: float, y_lower: float, y: float, half_w: float, half_h: float
) -> tuple[float, float, float] | None:
    """`passing_x` in the usual case, one card wholly above the other, as three numbers that do not
    depend on x: (reach, bend, share) such that, with run = x_lower - x_upper and slide = reach *
    tanh(run * bend), the line passes `y` at x_upper + slide + share * (run - 2 * slide). Tidy works
    them out once per link bend and reads the line in every placement pass. None in any other case."""
    dy = y_lower - y_upper
    reach = half_w - CORNER_MARGIN
    if dy <= 2 * half_h or reach <= 0.0:
        return None
    return reach, half_h / (dy * reach), (y - y_upper - half_h) / (dy - 2 * half_h)
