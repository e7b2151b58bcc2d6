"""The step timer, driven by a fake clock: no test waits real minutes."""

from __future__ import annotations

import pytest

from ui.document import Document
from ui.guide.panel import GuidePanel
from ui.guide.timer import MAX_MINUTES, StepTimer, format_seconds
from workshop.examples import customer_loyalty
from workshop.timer_state import TimerState


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timer(qtbot, clock) -> StepTimer:
    widget = StepTimer(clock=clock, tick_ms=10_000, minutes=2)
    qtbot.addWidget(widget)
    return widget


def test_format_rounds_up_so_zero_means_time_is_up():
    assert format_seconds(120) == "02:00"
    assert format_seconds(59.2) == "01:00"
    assert format_seconds(0.4) == "00:01"
    assert format_seconds(0) == "00:00"
    assert format_seconds(-3) == "00:00"
    assert format_seconds(600 * 60) == "600:00"


def test_counts_down_from_the_chosen_minutes(timer, clock):
    assert timer.display.text() == "02:00"
    timer.start()
    clock.now += 45
    timer.tick()
    assert timer.display.text() == "01:15"
    assert not timer.ended


def test_signals_the_end_once_with_a_colour_change_and_no_dialog(qtbot, timer, clock):
    timer.start()
    clock.now += 119
    timer.tick()
    assert not timer.ended
    style_running = timer.display.styleSheet()
    clock.now += 5
    said: list[str] = []
    timer.changed.connect(lambda text, state: said.append(text))
    with qtbot.waitSignal(timer.finished, timeout=1000):
        timer.tick()
    assert timer.ended and not timer.running
    assert timer.display.text() == "00:00", "digit-sized in the panel, so never cut"
    assert said[-1] == "Time's up", "the board's overlay says it in words"
    assert timer.display.styleSheet() != style_running
    assert "#B00020" not in timer.display.styleSheet(), "calm, not an alarm red"
    fired = []
    timer.finished.connect(lambda: fired.append(1))
    clock.now += 30
    timer.tick()
    assert fired == []
    assert timer.display.text() == "+00:34", "then it counts how far over the round is (it ended at 120 s)"


def test_pause_keeps_the_time_left(timer, clock):
    timer.start()
    clock.now += 30
    timer.pause()
    clock.now += 500
    timer.tick()
    assert timer.display.text() == "01:30"
    timer.start()
    clock.now += 10
    timer.tick()
    assert timer.display.text() == "01:20"


def test_reset_returns_to_the_full_time_and_the_normal_look(qtbot, timer, clock):
    style = timer.display.styleSheet()
    timer.start()
    clock.now += 200
    timer.tick()
    timer.reset()
    assert timer.display.text() == "02:00" and not timer.ended and not timer.running
    assert timer.display.styleSheet() == style


def test_durations_are_adjustable_up_to_ten_hours(timer):
    assert timer.minutes.maximum() == MAX_MINUTES == 600
    timer.minutes.setValue(90)
    assert timer.display.text() == "90:00"


def test_the_real_ticker_updates_the_display(qtbot, clock):
    widget = StepTimer(clock=clock, tick_ms=5, minutes=1)
    qtbot.addWidget(widget)
    widget.start()
    clock.now += 61
    qtbot.waitUntil(lambda: widget.ended, timeout=2000)
    assert widget.display.text() == "00:00"


def test_the_timer_runs_across_guide_steps_until_reset(qtbot, clock):
    panel = GuidePanel(Document(customer_loyalty()))
    qtbot.addWidget(panel)
    timer = panel.timer
    timer.set_clock(clock)
    timer.minutes.setValue(10)
    timer.start()
    clock.now += 120
    panel.next()
    panel.next()
    timer.tick()
    assert timer.running and timer.display.text() == "08:00", "Next does not restart the round"
    panel.back()
    timer.tick()
    assert timer.display.text() == "08:00"
    timer.reset_button.click()
    assert not timer.running and timer.display.text() == "10:00"


def test_every_change_of_the_display_is_announced_for_the_board(qtbot, timer, clock):
    seen: list[tuple[str, str]] = []
    timer.changed.connect(lambda text, state: seen.append((text, state)))
    timer.start()
    clock.now += 30
    timer.tick()
    timer.pause()
    assert seen[-2:] == [("01:30", TimerState.RUNNING), ("01:30", TimerState.PAUSED)]
    timer.reset()
    assert seen[-1] == ("02:00", TimerState.IDLE)
