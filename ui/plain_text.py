"""Labels that show people's words exactly as typed.

QLabel guesses rich text, so a goal called `R&D <b>x` or `<img src=...>` would be rendered (or load
a file) instead of shown. Every label that can carry user text is made here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", object_name: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapping label that never interprets markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    return label
