"""A guard for Python `paint()` overrides: an exception draws a plain fallback and is logged.

PySide6 cannot carry a Python exception out of a virtual called from C++ painting: the process
segfaults. One card with a text nobody foresaw must cost a grey rectangle, not the workshop. Each
distinct failure is logged once (paint runs many times a second; a flood of identical tracebacks
would drown the log).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter

log = logging.getLogger(__name__)

FALLBACK_FILL = QColor("#B0B0B0")
_logged: set[tuple[str, str, str]] = set()
_MAX_LOGGED = 100
"""Distinct failures logged at most: enough to diagnose, never a log that fills the disk."""

Paint = TypeVar("Paint", bound=Callable[..., None])


def _fallback(item: Any, painter: QPainter) -> None:
    """A plain rectangle where the item is: the board stays readable and the item stays clickable."""
    try:
        painter.setOpacity(1.0)
        painter.setPen(Qt.PenStyle.NoPen)
        rect_of = getattr(item, "fallback_rect", None) or item.boundingRect
        painter.fillRect(rect_of(), FALLBACK_FILL)
    except Exception:  # the fallback itself must never raise either
        log.debug("fallback paint failed", exc_info=True)


def _report(name: str, error: Exception) -> None:
    key = (name, type(error).__name__, str(error)[:200])
    if key not in _logged and len(_logged) < _MAX_LOGGED:
        _logged.add(key)
        log.error("Painting %s failed; drawn as a plain box instead", name, exc_info=error)


def guarded_paint(paint: Paint) -> Paint:
    """Wrap a QGraphicsItem.paint so that no exception ever leaves it."""

    @functools.wraps(paint)
    def wrapper(self: Any, painter: QPainter, *args: Any) -> None:
        try:
            paint(self, painter, *args)
        except Exception as error:
            _report(type(self).__qualname__, error)
            _fallback(self, painter)

    return wrapper  # type: ignore[return-value]


def guarded_draw(draw: Paint) -> Paint:
    """Wrap a view's drawForeground/drawBackground: on an exception log it and draw nothing more."""

    @functools.wraps(draw)
    def wrapper(self: Any, painter: QPainter, *args: Any) -> None:
        try:
            draw(self, painter, *args)
        except Exception as error:
            _report(f"{type(self).__qualname__}.{draw.__name__}", error)

    return wrapper  # type: ignore[return-value]
