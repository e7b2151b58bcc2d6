"""Which of many fixed rectangles a box touches, without asking the scene.

`QGraphicsScene.items(rect)` walks the scene's index for every question (~0.4 ms on a 2,000-card board),
and placing the link tags of a reflowed board asks about a thousand: a grid of buckets built once for
the question round answers each from the few rectangles near the box.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRectF

CELL = 400.0
"""Bucket side in scene pixels: about two cards wide, so a card sits in one to four buckets."""


class RectGrid:
    """Rectangles bucketed by the grid cells they cover; `hits` says whether a box intersects any."""

    def __init__(self, rects: Iterable[QRectF], cell: float = CELL) -> None:
        self._cell = cell
        self._buckets: dict[tuple[int, int], list[QRectF]] = {}
        for rect in rects:
            self.add(rect)

    def add(self, rect: QRectF) -> None:
        for key in self._cells(rect):
            self._buckets.setdefault(key, []).append(rect)

    def _cells(self, rect: QRectF) -> Iterable[tuple[int, int]]:
        cell = self._cell
        left, right = math.floor(rect.left() / cell), math.floor(rect.right() / cell)
        top, bottom = math.floor(rect.top() / cell), math.floor(rect.bottom() / cell)
        return ((cx, cy) for cx in range(left, right + 1) for cy in range(top, bottom + 1))

    def hits(self, box: QRectF) -> bool:
        """Whether `box` intersects any of the rectangles (as QRectF.intersects: a shared edge is not)."""
        buckets = self._buckets
        return any(rect.intersects(box) for key in self._cells(box) for rect in buckets.get(key, ()))
