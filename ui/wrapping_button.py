"""A push button whose label wraps onto more lines instead of demanding its one-line width.

Beside a small beamer's board the guide is ~380 px wide, narrower than labels such as "Trace the
selected goal to this strategic goal" in projector type; a plain QPushButton then pushed the whole
step past the panel's right edge, cutting every line of it. This one asks only for its longest
word, and for the height its wrapped label needs at the width it gets.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QStylePainter, QWidget

_WRAP = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap


class WrappingButton(QPushButton):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAccessibleName(text)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to a word
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _frame(self) -> QSize:
        """What the style adds around the label (bevel, padding, a style sheet's border)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, QSize(0, 0), self)

    def _label_height(self, label_width: int) -> int:
        box = QRect(0, 0, max(1, label_width), 1_000_000)
        return self.fontMetrics().boundingRect(box, int(_WRAP), self.text()).height()

    def _one_line_width(self) -> int:
        """The label's width on one line, as the wrapping layout measures it (not horizontalAdvance,
        which is a pixel or two narrower and would wrap the last word at the natural width)."""
        return self.fontMetrics().boundingRect(QRect(0, 0, 1_000_000, 1_000), int(_WRAP), self.text()).width()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the longest word; as tall as one line (layouts that know heightForWidth,
        as the guide's do, ask it for the height at the width they give)."""
        frame = self._frame()
        longest = max((self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0)
        return QSize(longest + frame.width(), self.sizeHint().height())

    def sizeHint(self) -> QSize:
        width = self._one_line_width() + self._frame().width()
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        frame = self._frame()
        return self._label_height(width - frame.width()) + frame.height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Ask for the height the label needs at the width it got: a box layout gives a widget with a
        fixed vertical policy its size hint's height whatever heightForWidth says."""
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        label = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        role = QPalette.ColorRole.ButtonText
        painter.drawItemText(label, int(_WRAP), self.palette(), self.isEnabled(), self.text(), role)
