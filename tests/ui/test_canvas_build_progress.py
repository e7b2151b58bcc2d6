"""A big board drawn in slices says how far it has come once that takes long enough to wonder."""

from __future__ import annotations

import re

from ui.canvas import BoardView, build_progress
from ui.canvas.build_progress import BuildProgress
from ui.canvas.scene import SLICED_REBUILD_FROM
from ui.document import Document
from workshop.synthetic import generate


def test_a_short_build_says_nothing_a_long_one_its_progress_and_its_end() -> None:
    now = [0.0]
    progress = BuildProgress(goals=5000, links=4800, clock=lambda: now[0])
    progress.step()
    now[0] = 0.3
    assert progress.message() is None
    for _ in range(40):
        progress.step()
    now[0] = 0.6
    assert progress.message() == "Drawing the board… 40%"  # 41 of 50 + 48 + 3 steps
    assert progress.finished() == "The board is drawn: 5,000 goals, 4,800 links."

    quick = BuildProgress(goals=2000, links=1900, clock=lambda: now[0])
    assert quick.finished() is None, "nothing was said, so there is no end to say"


def test_opening_a_big_workshop_tells_the_status_bar_how_far_the_board_has_come(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(build_progress, "PROGRESS_AFTER_S", 0.0)  # as if this machine were slow
    view = BoardView(Document(generate(30, seed=1)))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    said: list[str] = []
    view.message.connect(said.append)
    ws = generate(SLICED_REBUILD_FROM + 40, seed=3)
    view.document.replace(ws, None)
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    percents = [int(m) for text in said for m in re.findall(r"Drawing the board… (\d+)%", text)]
    assert len(percents) >= 2 and percents == sorted(percents) and percents[-1] <= 99
    assert said[-1] == f"The board is drawn: {len(ws.goals):,} goals, {len(ws.links):,} links."
