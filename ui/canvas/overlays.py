"""What floats over the board in a fixed corner, whatever the zoom: the round's timer.

In projector mode the guide panel is usually closed, yet the room still needs to see how much of
the timebox is left. The overlay is a plain widget on top of the view (not a scene item), so it
never scales, scrolls or hides a card's text behind a zoom; it keeps to the top right corner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel

from workshop.timer_state import TimerState

MARGIN = 12

_LOOK = {
    TimerState.RUNNING: "color: #FFFFFF; background: rgba(16, 18, 24, 200);",
    TimerState.PAUSED: "color: #D8DCE4; background: rgba(16, 18, 24, 200);",
    TimerState.ENDED: "color: #4A3000; background: #FFD27A;",
}


class TimerOverlay(QLabel):
    """The round's time left, large enough for the back row, shown in projector mode while a round is
    on (running, paused or over); hidden at the desk, where the guide panel shows the timer."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.setObjectName("boardTimer")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(self.tr("Time left in this round"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._view = view
        self._state = TimerState.IDLE
        self._projector = False
        self.hide()

    def show_time(self, text: str, state: str) -> None:
        self._state = state
        self.setText(text)
        look = _LOOK.get(state, "")
        self.setStyleSheet(f"QLabel#boardTimer {{ {look} border-radius: 10px; padding: 6px 16px; }}")
        self._update()

    def set_projector(self, on: bool) -> None:
        self._projector = on
        font = self.font()
        font.setPixelSize(44 if on else 20)
        font.setBold(True)
        self.setFont(font)
        self._update()

    def _update(self) -> None:
        visible = self._projector and self._state != TimerState.IDLE
        self.setVisible(visible)
        if visible:
            self.adjustSize()
            self.place()
            self.raise_()

    def place(self) -> None:
        viewport = self._view.viewport().geometry()
        self.move(viewport.right() - self.width() - MARGIN, viewport.top() + MARGIN)
