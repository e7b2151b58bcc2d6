"""Vector drawing of goal-tree scenes: cards, bands and arrows painted straight onto the PDF canvas.

A scene is laid out in board units (y grows downward, like the canvas); the flowable scales it to
the frame. Everything is vector and every label is real text, so the tree stays sharp when printed
and its words can be searched and selected. Card labels are wrapped here, without Paragraphs,
because a Paragraph per card is an order of magnitude slower on large trees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.platypus import Flowable

from workshop.link_geometry import link_ends
from workshop.report import fonts, rtl
from workshop.report import styles as st
from workshop.report.textblock import fit_chars, with_ellipsis

TITLE_SIZE = 17.0
"""Card text size in board units; the scene is only drawn with text when this ends up legible."""
LABEL_SIZE = 13.0
MIN_LEGIBLE_PT = 6.0
"""Smallest printed card text (points) we accept; below it the report switches to overview + details."""


@dataclass
class Card:
    key: str
    x: float
    y: float
    w: float
    h: float
    title: str
    label: str
    """Small line above the title: the function's name, "Strategy", "12 goals"..."""
    colour: str
    strong: bool = False
    """Strategic goals get a heavier frame."""


@dataclass
class Edge:
    source: str
    target: str
    style: str = "normal"
    """normal | exception (declared direct impact) | around (support goal straight to strategy)."""
    label: str = ""


@dataclass
class Band:
    label: str
    top: float
    bottom: float
    fill: colors.Color


@dataclass
class Scene:
    cards: list[Card] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)

    def bounds(self) -> tuple[float, float, float, float]:
        xs = [c.x for c in self.cards] + [c.x + c.w for c in self.cards]
        ys = [c.y for c in self.cards] + [c.y + c.h for c in self.cards]
        ys += [b.top for b in self.bands] + [b.bottom for b in self.bands]
        if not xs:
            return 0.0, 0.0, 1.0, 1.0
        return min(xs) - 60, min(ys), max(xs) + 30, max(ys)
        # 60 units on the left leave room for the band names, written upward.

    def scale_to(self, width: float, height: float) -> float:
        x0, y0, x1, y1 = self.bounds()
        return min(width / max(x1 - x0, 1.0), height / max(y1 - y0, 1.0))


EDGE_COLOURS = {"normal": colors.HexColor("#52606D"), "exception": st.EXCEPTION, "around": st.WARNING}


@lru_cache(maxsize=4096)
def wrap(text: str, size: float, width: float, max_lines: int, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap with fallback fonts' widths; overlong words are cut; the last line gets an ellipsis.

    The lines are shaped logical text (Arabic joined); draw them with `rtl=rtl.is_rtl(text)`.
    """
    words = " ".join(rtl.shape(text).split()).split(" ")
    lines: list[str] = []
    line = ""
    overflow = False
    for word in words:
        while word:
            candidate = f"{line} {word}" if line else word
            if fonts.string_width(candidate, size, bold) <= width:
                line, word = candidate, ""
                continue
            if line:
                lines.append(line)
                line = ""
            else:  # one word wider than the card: cut it where it stops fitting
                cut = fit_chars(word, size, width, bold)
                lines.append(word[:cut])
                word = word[cut:]
            if len(lines) >= max_lines:
                overflow = True
                break
        if overflow:
            break
    if line and not overflow:
        lines.append(line)
    if overflow or len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = with_ellipsis(lines[-1], size, width, bold)
    return tuple(lines)


class SceneFlowable(Flowable):
    """Draws a scene scaled to fit the given box; `with_text` False draws a map of coloured cards only."""

    def __init__(
        self, scene: Scene, width: float, height: float, *, with_text: bool = True, edge_alpha: float = 1.0
    ) -> None:
        super().__init__()
        self.scene = scene
        x0, y0, x1, y1 = scene.bounds()
        self.origin = (x0, y0)
        self.scale = min(scene.scale_to(width, height), 1.0)
        self.width = (x1 - x0) * self.scale
        self.height = (y1 - y0) * self.scale
        self.with_text = with_text
        self.edge_alpha = edge_alpha
        """Below 1 for dense overviews, so crossing arrows read as a weave rather than a black mass."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    # board -> flowable coordinates (y flips)
    def _x(self, x: float) -> float:
        return (x - self.origin[0]) * self.scale

    def _y(self, y: float) -> float:
        return self.height - (y - self.origin[1]) * self.scale

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        self._draw_bands(canvas)
        cards = {c.key: c for c in self.scene.cards}
        edges = [
            (cards[e.source], cards[e.target], e) for e in self.scene.edges if e.source in cards and e.target in cards
        ]
        # Ordinary arrows go under the cards; exceptions and warnings over them, so none is ever hidden.
        for source, target, edge in edges:
            if edge.style == "normal":
                self._draw_edge(canvas, source, target, edge)
        for card in self.scene.cards:
            self._draw_card(canvas, card)
        for source, target, edge in edges:
            if edge.style != "normal":
                self._draw_edge(canvas, source, target, edge)
        if self.with_text:
            for source, target, edge in edges:
                if edge.label:
                    self._draw_label(canvas, source, target, edge)
        canvas.restoreState()

    def _draw_bands(self, canvas) -> None:
        s = self.scale
        for band in self.scene.bands:
            top, bottom = self._y(band.top), self._y(band.bottom)
            canvas.setFillColor(band.fill)
            canvas.setStrokeColor(st.RULE)
            canvas.setLineWidth(0.4)
            canvas.rect(0, bottom, self.width, top - bottom, stroke=1, fill=1)
            canvas.setFillColor(st.MUTED)
            size = min(max(6.5, 18 * s), 40 * s if s > 0.2 else 8)
            room = max(top - bottom - 6, 10)
            size = max(5.0, min(size, 0.95 * size * room / max(fonts.string_width(band.label, size, True), 1)))
            lines = wrap(band.label, size, room, 1, True)
            if lines:
                canvas.saveState()
                text_w = fonts.string_width(lines[0], size, True)
                canvas.translate(4 + size * 0.9, bottom + (top - bottom - text_w) / 2)
                canvas.rotate(90)
                fonts.draw_string(canvas, 0, 0, lines[0], size, bold=True, rtl=rtl.is_rtl(band.label))
                canvas.restoreState()

    def _draw_card(self, canvas, card: Card) -> None:
        s = self.scale
        x, y = self._x(card.x), self._y(card.y + card.h)
        w, h = card.w * s, card.h * s
        colour = colors.HexColor(card.colour)
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(st.ACCENT if card.strong else colour)
        canvas.setLineWidth(1.6 if card.strong else 0.9)
        canvas.roundRect(x, y, w, h, 6 * s, stroke=1, fill=1)
        canvas.setFillColor(colour)
        canvas.rect(x, y + h - 8 * s, w, 8 * s, stroke=0, fill=1)
        if not self.with_text:
            return
        pad = 10 * s
        label_size, title_size = LABEL_SIZE * s, TITLE_SIZE * s
        canvas.setFillColor(colour)
        label = wrap(card.label, label_size, w - 2 * pad, 1, True)
        if label:
            ly = y + h - 8 * s - pad - label_size * 0.8
            if rtl.is_rtl(card.label):
                lx = x + w - pad - fonts.string_width(label[0], label_size, True)
                fonts.draw_string(canvas, lx, ly, label[0], label_size, bold=True, rtl=True)
            else:
                fonts.draw_string(canvas, x + pad, ly, label[0], label_size, bold=True)
        canvas.setFillColor(st.INK)
        room = (card.h - 8 - 2 * 10 - LABEL_SIZE * 1.3) / (TITLE_SIZE * 1.18)
        lines = wrap(card.title, title_size, w - 2 * pad, max(1, int(room)))
        ty = y + h - 8 * s - pad - label_size * 1.3 - title_size * 0.9
        if rtl.is_rtl(card.title):  # right-aligned, each line in display order
            for number, line in enumerate(lines):
                lx = x + w - pad - fonts.string_width(line, title_size)
                fonts.draw_string(canvas, lx, ty - number * title_size * 1.18, line, title_size, rtl=True)
        else:
            fonts.draw_lines(canvas, x + pad, ty, lines, title_size, title_size * 1.18)

    @staticmethod
    def _ends(source: Card, target: Card) -> tuple[float, float, float, float]:
        """Board coordinates where an arrow leaves its source card and meets its target card: the same
        points the board uses (`workshop.link_geometry`), so the printed tree crosses where the room's did."""
        sw, sh, tw, th = source.w / 2, source.h / 2, target.w / 2, target.h / 2
        return link_ends(source.x + sw, source.y + sh, sw, sh, target.x + tw, target.y + th, tw, th)

    def _draw_edge(self, canvas, source: Card, target: Card, edge: Edge) -> None:
        s = self.scale
        x1, y1, x2, y2 = self._ends(source, target)
        px1, py1, px2, py2 = self._x(x1), self._y(y1), self._x(x2), self._y(y2)
        colour = EDGE_COLOURS.get(edge.style, EDGE_COLOURS["normal"])
        canvas.setStrokeColor(colour)
        canvas.setFillColor(colour)
        canvas.setLineWidth(max(0.5, (2.6 if edge.style != "normal" else 1.5) * s))
        if edge.style == "around":
            canvas.setDash(6 * s, 4 * s)
        if self.edge_alpha < 1:
            canvas.setStrokeAlpha(self.edge_alpha)
        canvas.line(px1, py1, px2, py2)
        canvas.setStrokeAlpha(1)
        canvas.setDash()
        self._arrowhead(canvas, px1, py1, px2, py2, max(3.0, 12 * s))

    def _draw_label(self, canvas, source: Card, target: Card, edge: Edge) -> None:
        """The label sits just past the source card, in the gap between rows, where cards cannot cover it."""
        s = self.scale
        x1, y1, x2, y2 = self._ends(source, target)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        t = min(0.5, 55.0 / length) if abs(y1 - y2) >= 1 else 0.5
        mx, my = self._x(x1 + (x2 - x1) * t), self._y(y1 + (y2 - y1) * t)
        colour = EDGE_COLOURS.get(edge.style, EDGE_COLOURS["normal"])
        size = max(5.5, 12 * s)
        label = rtl.shape(edge.label)
        text_w = fonts.string_width(label, size, True)
        canvas.setFillColor(colors.white)
        canvas.rect(mx - text_w / 2 - 2, my - size * 0.35, text_w + 4, size * 1.25, stroke=0, fill=1)
        canvas.setFillColor(colour)
        fonts.draw_string(canvas, mx - text_w / 2, my, label, size, bold=True, rtl=rtl.is_rtl(label))

    @staticmethod
    def _arrowhead(canvas, x1: float, y1: float, x2: float, y2: float, size: float) -> None:
        angle = math.atan2(y2 - y1, x2 - x1)
        path = canvas.beginPath()
        path.moveTo(x2, y2)
        for side in (-1, 1):
            a = angle + math.pi + side * 0.42
            path.lineTo(x2 + size * math.cos(a), y2 + size * math.sin(a))
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
