"""Small helpers the panels share: colour swatches and id roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QPushButton, QWidget

from ui.document import Document
from ui.pacing import Pacer
from workshop.changes import Change
from workshop.user_ops import Outcome

ID_ROLE = Qt.ItemDataRole.UserRole
"""Where list and tree items keep the id of the model item they show."""
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

STRATEGY_COLOUR = "#34495E"


_SWATCHES: dict[tuple[str, int], QIcon] = {}


def swatch(colour: str, size: int = 16) -> QIcon:
    """A filled square in a function's colour, with a mid-grey outline so pale colours still show on a
    light list and dark ones on a dark list.

    Cached by colour: panels rebuild their lists on many changes, and painting a pixmap per row
    each time is most of what a rebuild costs on a big workshop.
    """
    key = (colour.upper(), size)
    icon = _SWATCHES.get(key)
    if icon is None:
        icon = _SWATCHES[key] = _paint_swatch(colour, size)
    return icon


def _paint_swatch(colour: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor("#8A909A"))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def action_button(parent: QWidget, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """A panel button whose tooltip is also its accessible name, so a screen reader says what it does."""
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.clicked.connect(slot)
    return button


def run_and_show(
    document: Document, pacer: Pacer, operation: Callable[..., Change], *args: Any, **kwargs: Any
) -> Outcome:
    """A panel's own edit: run it, and show it in the panel's list at once even while the room posts
    (a list paced for the room's bursts would otherwise show it a quarter of a second later)."""
    outcome = document.run(operation, *args, **kwargs)
    pacer.flush()
    return outcome
