"""A big board drawn in slices shows how far it has come once that takes long enough to wonder."""

from __future__ import annotations

from ui.canvas.scene import SLICED_REBUILD_FROM
from workshop import build_progress
from workshop.build_progress import BuildProgress
from workshop.examples import customer_loyalty
from workshop.synthetic import generate


def test_a_short_build_shows_nothing_a_long_one_how_far_it_has_come() -> None:
    now = [0.0]
    progress = BuildProgress(goals=5000, links=4800, clock=lambda: now[0])
    progress.step()
    now[0] = 0.3
    assert progress.percent() is None and not progress.shown
    for _ in range(40):
        progress.step()
    now[0] = 0.6
    assert progress.percent() == 40  # 41 of 50 + 48 + 3 steps
    assert progress.shown


def test_opening_a_big_workshop_shows_the_boards_progress_beside_the_messages(open_window, qtbot, monkeypatch):
    monkeypatch.setattr(build_progress, "PROGRESS_AFTER_S", 0.0)  # as if this machine were slow
    window = open_window()
    bar = window.build_bar
    values: list[int] = []
    bar.valueChanged.connect(values.append)
    assert not bar.isVisible()
    window.show_message("Autosave is off: the folder cannot be written")
    window.document.replace(generate(SLICED_REBUILD_FROM + 40, seed=3), None)
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: not window.board.board_scene.building(), timeout=20_000)
    assert not bar.isVisible(), "gone once the board is drawn"
    assert len(values) >= 2 and values == sorted(values)
    assert window.statusBar().currentMessage() == "Autosave is off: the folder cannot be written"


def test_a_small_workshop_opened_during_a_big_build_leaves_no_progress_behind(open_window, qtbot, monkeypatch):
    monkeypatch.setattr(build_progress, "PROGRESS_AFTER_S", 0.0)
    window = open_window()
    window.document.replace(generate(SLICED_REBUILD_FROM + 40, seed=3), None)
    qtbot.waitUntil(window.build_bar.isVisible)
    window.document.replace(customer_loyalty(), None)  # File > New or a small file, mid-build
    assert not window.build_bar.isVisible()
    window.set_projector(True)  # a new look of the small board: nothing about a build
    window.set_projector(False)
    assert not window.build_bar.isVisible()
