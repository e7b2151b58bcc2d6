"""A countdown the whole room can read: one timebox for a round of the guide, not per step.

It runs across steps (a round of four questions is one timebox) until the facilitator resets it.
Remaining time is computed from a clock (not by counting ticks), so a busy event loop never makes
the timer run slow; the clock and the tick interval are injectable so tests drive it without
waiting real minutes. The end is signalled clearly but calmly: the digits turn amber (the board's
overlay says "Time's up"), then count the time over ("+01:20"), and the machine beeps once. No dialog and no red
alarm: a modal box or a flashing alert in front of the room would stop the discussion.

`changed` carries the text and state to whatever else shows the time (the board's overlay in
projector mode).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

from workshop.timer_state import TimerState

MAX_MINUTES = 600

_RUNNING_STYLE = ""
_ENDED_STYLE = "color: #7A4B00; background: #FFF1CC; border-radius: 6px;"
ENDED_HOLD_S = 5.0
"""How long "Time's up" stays before the overtime count ("+00:05") takes its place."""


def format_seconds(seconds: float) -> str:
    """mm:ss, rounding up so that 0:00 is shown only when time is really up."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def format_overtime(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"+{whole // 60:02d}:{whole % 60:02d}"


class StepTimer(QWidget):
    finished = Signal()
    changed = Signal(str, str)
    """(what the display shows, TimerState): for a second display of the same time."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = 250,
        minutes: int = 10,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._ends_at: float | None = None
        self._paused_left: float | None = None
        self._ended = False
        self._ended_at: float | None = None

        self.display = QLabel(self)
        self.display.setObjectName("guideTimerDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName(self.tr("Time left"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Step time in minutes"))
        self.minutes.valueChanged.connect(self._duration_changed)
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setAccessibleName(self.tr("Start or pause the step timer"))
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setAccessibleName(self.tr("Reset the step timer"))
        self.reset_button.clicked.connect(self.reset)

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._compact = False
        self._slim = False
        self._place()

        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)
        self._show(self.duration())

    def set_compact(self, on: bool) -> None:
        """Digits on a row of their own, controls below: how the timer fits a narrow guide on a beamer."""
        if on != self._compact:
            self._compact = on
            self._place()

    def compact(self) -> bool:
        return self._compact

    def set_slim(self, on: bool) -> None:
        """The projector's slim guide: no digits here (the board's overlay shows the time to the room,
        larger), and the controls stacked: one row of three is wider than the strip."""
        if on != self._slim:
            self._slim = on
            self._place()

    def _place(self) -> None:
        grid = self._grid
        for widget in (self.display, self.minutes, self.start_button, self.reset_button):
            grid.removeWidget(widget)
        self.display.setVisible(not self._slim)
        if self._slim:  # [Start][Reset] over [10 min]
            grid.addWidget(self.start_button, 0, 0)
            grid.addWidget(self.reset_button, 0, 1)
            grid.addWidget(self.minutes, 1, 0, 1, 2)
        elif self._compact:
            grid.addWidget(self.display, 0, 0, 1, 3)
            for column, widget in enumerate((self.minutes, self.start_button, self.reset_button)):
                grid.addWidget(widget, 1, column)
        else:
            for column, widget in enumerate((self.display, self.minutes, self.start_button, self.reset_button)):
                grid.addWidget(widget, 0, column)
        for column in range(4):
            stretch = (column < 2) if self._slim else (column == 0 and not self._compact)
            grid.setColumnStretch(column, int(stretch))

    # --- state ------------------------------------------------------------------------------------

    def duration(self) -> float:
        return self.minutes.value() * 60.0

    @property
    def running(self) -> bool:
        return self._ends_at is not None

    @property
    def ended(self) -> bool:
        return self._ended

    def remaining(self) -> float:
        if self._ends_at is not None:
            return max(0.0, self._ends_at - self._clock())
        if self._paused_left is not None:
            return self._paused_left
        return self.duration()

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Swap the time source (tests, screenshots); a running countdown keeps its time left."""
        left = self.remaining()
        self._clock = clock
        if self._ends_at is not None:
            self._ends_at = clock() + left

    # --- control ----------------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        if self._ended:
            self.reset()
        left = self._paused_left if self._paused_left is not None else self.duration()
        self._ends_at = self._clock() + left
        self._paused_left = None
        self._ticker.start()
        self.start_button.setText(self.tr("Pause"))
        self.tick()

    def pause(self) -> None:
        if not self.running:
            return
        self._paused_left = self.remaining()
        self._ends_at = None
        self._ticker.stop()
        self.start_button.setText(self.tr("Resume"))
        self._show(self._paused_left)

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to the full duration, stopped: a new round starts here (moving between steps does not)."""
        self._ticker.stop()
        self._ends_at = None
        self._paused_left = None
        self._ended = False
        self._ended_at = None
        self.start_button.setText(self.tr("Start"))
        self.display.setStyleSheet(_RUNNING_STYLE)
        self.display.setAccessibleDescription("")
        self._show(self.duration())

    def state(self) -> str:
        if self._ended:
            return TimerState.ENDED
        if self.running:
            return TimerState.RUNNING
        return TimerState.PAUSED if self._paused_left is not None else TimerState.IDLE

    def tick(self) -> None:
        """Update the digits; at zero say so once (amber, one beep), then count the time over."""
        if self._ended:
            self._show_ended()
            return
        left = self.remaining()
        self._show(left)
        if self.running and left <= 0:
            self._ended_at, self._ends_at = self._ends_at, None  # over-time counts from the real end
            self._ended = True
            self.start_button.setText(self.tr("Start"))
            self.display.setStyleSheet(_ENDED_STYLE)
            self.display.setAccessibleDescription(self.tr("Time is up"))
            self._show_ended()
            QApplication.beep()
            self.finished.emit()

    def _show_ended(self) -> None:
        """The panel's digits stay digit-sized (amber 00:00, then +00:05): words would be cut in a
        narrow guide. The board's overlay, which has the room, says "Time's up" first."""
        over = self._clock() - (self._ended_at or self._clock())
        digits = format_seconds(0) if over < ENDED_HOLD_S else format_overtime(over)
        self.display.setText(digits)
        self.changed.emit(self.tr("Time's up") if over < ENDED_HOLD_S else digits, TimerState.ENDED)

    def _duration_changed(self) -> None:
        if not self.running and self._paused_left is None:
            self.reset()

    def _show(self, seconds: float) -> None:
        text = format_seconds(seconds)
        self.display.setText(text)
        self.changed.emit(text, self.state())
