"""A choice box that says when its choice is cut: "Accurate customer rec…" rather than "Accurate customer r".

In projector mode the guide's strip is ~190 px wide and its choice boxes hold goal texts of 40-80
characters. Qt draws the closed box's text clipped at the edge, so the room read a goal's first
words as if they were all of it. An installed filter paints the same box with the text elided, and
the box's tooltip carries the whole choice. The open list is left as Qt draws it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

_INSTALLED = "via_elides"


def shown_text(combo: QComboBox) -> str:
    """The current choice as the closed box shows it: whole when it fits, else cut with an ellipsis."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.fontMetrics().elidedText(combo.currentText(), Qt.TextElideMode.ElideRight, max(0, field.width()))


def _tell_whole(combo: QComboBox) -> None:
    combo.setToolTip(combo.currentText() if shown_text(combo) != combo.currentText() else "")


class _Eliding(QObject):
    """Paints a watched, non-editable combo box with its text elided to the field; keeps its tooltip
    the whole choice while the choice is cut (a resize may cut it, or make room for all of it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QComboBox) or watched.isEditable():
            return False
        if event.type() == QEvent.Type.Resize:
            _tell_whole(watched)
            return False
        if event.type() != QEvent.Type.Paint:
            return False
        painter = QStylePainter(watched)
        option = QStyleOptionComboBox()
        watched.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = shown_text(watched)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()
        return True


def elide_when_cut(combo: QComboBox) -> None:
    """Let `combo` show a cut choice with an ellipsis and the whole choice as its tooltip (idempotent)."""
    if combo.property(_INSTALLED):
        return
    combo.setProperty(_INSTALLED, True)
    combo.installEventFilter(_Eliding(combo))
    combo.currentIndexChanged.connect(lambda _index: _tell_whole(combo))
    _tell_whole(combo)
