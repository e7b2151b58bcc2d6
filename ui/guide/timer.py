"""A countdown the whole room can read, started per step by the facilitator.

Remaining time is computed from a clock (not by counting ticks), so a busy event loop never makes
the timer run slow; the clock and the tick interval are injectable so tests drive it without
waiting real minutes. The end is signalled gently: the digits change colour and the machine beeps
once. No dialog: a modal box in front of the room would stop the discussion.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QPushButton, QSpinBox, QWidget

MAX_MINUTES = 600

_RUNNING_STYLE = ""
_ENDED_STYLE = "color: #B00020; background: #FFE3E3; border-radius: 6px;"


def format_seconds(seconds: float) -> str:
    """mm:ss, rounding up so that 0:00 is shown only when time is really up."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class StepTimer(QWidget):
    finished = Signal()

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
        self._compact = True
        self.set_compact(False)

        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)
        self._show(self.duration())

    def set_compact(self, on: bool) -> None:
        """Digits on a row of their own, controls below: how the timer fits a narrow guide on a beamer."""
        if on == self._compact:
            return
        self._compact = on
        grid = self._grid
        for widget in (self.display, self.minutes, self.start_button, self.reset_button):
            grid.removeWidget(widget)
        if on:
            grid.addWidget(self.display, 0, 0, 1, 3)
            for column, widget in enumerate((self.minutes, self.start_button, self.reset_button)):
                grid.addWidget(widget, 1, column)
        else:
            for column, widget in enumerate((self.display, self.minutes, self.start_button, self.reset_button)):
                grid.addWidget(widget, 0, column)
        for column in range(4):
            grid.setColumnStretch(column, 1 if column == 0 and not on else 0)

    def compact(self) -> bool:
        return self._compact

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

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to the full duration, stopped: done when the guide moves to another step."""
        self._ticker.stop()
        self._ends_at = None
        self._paused_left = None
        self._ended = False
        self.start_button.setText(self.tr("Start"))
        self.display.setStyleSheet(_RUNNING_STYLE)
        self._show(self.duration())

    def tick(self) -> None:
        """Update the digits; at zero stop, change colour and beep once."""
        left = self.remaining()
        self._show(left)
        if self.running and left <= 0:
            self._ticker.stop()
            self._ends_at = None
            self._ended = True
            self.start_button.setText(self.tr("Start"))
            self.display.setStyleSheet(_ENDED_STYLE)
            self.display.setAccessibleDescription(self.tr("Time is up"))
            QApplication.beep()
            self.finished.emit()

    def _duration_changed(self) -> None:
        if not self.running and self._paused_left is None:
            self.reset()

    def _show(self, seconds: float) -> None:
        self.display.setText(format_seconds(seconds))
