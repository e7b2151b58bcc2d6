"""The states of the round's timer, shared by the guide (which runs it) and the board (which shows it)."""

from __future__ import annotations

from enum import StrEnum


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"
