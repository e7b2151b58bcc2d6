"""The analysis after an edit: worked out after a pause, and shown to the views in a turn of its own,
never an older result over a newer one."""

from __future__ import annotations

from ui.analysis_runner import AnalysisRunner
from ui.document import Document
from ui.pacing import next_turn
from workshop import ops
from workshop.analysis import analyse
from workshop.examples import customer_loyalty


def _runner(qtbot) -> tuple[Document, AnalysisRunner, list]:
    document = Document(customer_loyalty())
    runner = AnalysisRunner(document, delay_ms=1)
    seen: list = []
    runner.analysed.connect(seen.append)
    return document, runner, seen


def test_an_edit_is_analysed_after_the_pause_and_the_views_hear_of_it(qtbot) -> None:
    document, runner, seen = _runner(qtbot)
    document.run(ops.add_goal, "Orphan goal nobody serves", "f-it", id="g-orphan")
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[-1] is runner.latest
    assert seen[-1].findings == analyse(document.workshop).findings


def test_a_run_asked_for_meanwhile_wins_over_the_one_still_to_be_shown(qtbot) -> None:
    document, runner, seen = _runner(qtbot)
    document.run(ops.add_goal, "First goal", "f-it", id="g-first")
    runner._pause_over()  # the pause is over: worked out now, shown to the views a turn later
    first = runner.latest
    document.run(ops.add_goal, "Second goal", "f-it", id="g-second")
    newest = runner.run_now()
    passed: list[bool] = []
    next_turn(runner, lambda: passed.append(True))  # after the first result's turn to be shown
    qtbot.waitUntil(lambda: bool(passed))
    assert first is not None and newest is not None and first is not newest
    assert seen == [newest], "the older result was never shown, before or after the newer"


def test_the_last_workshops_analysis_is_never_shown_over_the_one_just_opened(qtbot) -> None:
    document, runner, seen = _runner(qtbot)
    document.run(ops.add_goal, "Orphan goal nobody serves", "f-it", id="g-orphan")
    runner._pause_over()  # worked out for this workshop, to be shown a turn later
    old = runner.latest
    opened = customer_loyalty()
    document.replace(opened, None)  # File > Open before that turn
    qtbot.waitUntil(lambda: bool(seen))
    assert old is not None and all(result is not old for result in seen)
    assert seen[-1].findings == analyse(opened).findings


def test_a_workshop_opened_shows_none_of_the_last_ones_findings_while_its_own_are_worked_out(open_window, qtbot):
    window = open_window()
    window.runner.run_now()  # the demo's findings: on the board, in the panel, in the status bar
    assert window.findings_panel.finding_items()
    badged = [card_id for card_id, card in window.board.board_scene.cards().items() if card.badge]
    assert badged
    window.runner.set_delay(60_000)  # this workshop's analysis has not come yet
    window.document.replace(customer_loyalty(), None)  # the same ids, as last year's file would have
    scene = window.board.board_scene
    assert not window.findings_panel.finding_items()
    assert window.score_label.text() == "Alignment: …"
    assert not [card_id for card_id, card in scene.cards().items() if card.badge]


def test_findings_worked_out_while_their_tab_is_hidden_are_there_when_it_is_shown(open_window, qtbot):
    window = open_window(size=(1280, 800))
    window.findings_dock.hide()  # behind another tab, or projector mode: nobody sees the list
    qtbot.waitUntil(lambda: not window.findings_panel.isVisible())
    window.document.run(ops.add_goal, "Orphan goal nobody serves", "f-it", id="g-orphan")
    window.runner.run_now()
    window.findings_dock.show()
    qtbot.waitUntil(window.findings_panel.isVisible)
    listed = [window.findings_panel.list.item(i) for i in range(window.findings_panel.list.count())]
    assert any("Orphan goal nobody serves" in item.text() for item in listed)
    assert "findings" in window.findings_panel.summary.text()


def test_a_links_tooltip_names_its_findings_and_drops_them_when_they_go(open_window, qtbot):
    window = open_window()
    window.runner.run_now()
    item = window.board.board_scene.links()["l-it-around"]
    around = next(f for f in window.runner.latest.findings if "l-it-around" in f.subjects)
    assert around.message in item.tooltip_text  # what hovering the link shows
    assert window.document.run(ops.update_goal, "g-it-loyalty", function_id="f-sales").ok  # now Sales' own goal
    window.runner.run_now()
    assert not [f for f in window.runner.latest.findings if "l-it-around" in f.subjects]
    assert around.message not in item.tooltip_text


def test_findings_worked_out_behind_another_tab_are_there_when_their_tab_is_raised(open_window, qtbot):
    window = open_window(size=(1280, 800))
    window.guide_dock.raise_()  # the guide's tab in front, the findings' behind it
    qtbot.waitUntil(lambda: window.findings_panel.visibleRegion().isEmpty())
    window.document.run(ops.add_goal, "Orphan goal nobody serves", "f-it", id="g-orphan")
    window.runner.run_now()
    window.findings_dock.raise_()
    qtbot.waitUntil(lambda: not window.findings_panel.visibleRegion().isEmpty())
    listed = [window.findings_panel.list.item(i) for i in range(window.findings_panel.list.count())]
    assert any("Orphan goal nobody serves" in item.text() for item in listed)
