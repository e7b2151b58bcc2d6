"""Projector mode: F11 hides the chrome and enlarges type; Esc brings the window back as it was."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from ui import theme
from ui.main_window import MainWindow


@pytest.fixture
def window(open_window):
    return open_window(size=(1024, 768), activate=True)


def chrome_visible(win: MainWindow) -> dict[str, bool]:
    return {
        "menu": win.menuBar().isVisible(),
        "status": win.statusBar().isVisible(),
        "toolbar": win.toolbar.isVisible(),
        "palette": win.palette_dock.isVisible(),
        "findings": win.findings_dock.isVisible(),
        "properties": win.properties_dock.isVisible(),
    }


def test_f11_enters_projector_mode_and_esc_leaves_it(window, qtbot):
    before = chrome_visible(window)
    assert all(before.values())
    normal_size = window.font().pointSize()

    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.projector_on
    assert not any(chrome_visible(window).values())
    assert window.isFullScreen()
    assert window.font().pointSize() >= theme.PROJECTOR_POINT_SIZE > normal_size
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.WindowText) == QColor("#000000")
    assert palette.color(QPalette.ColorRole.Window) == QColor("#FFFFFF")
    assert window.board.isVisible()
    assert window.actions_.projector.isChecked()

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.projector_on
    qtbot.waitUntil(lambda: chrome_visible(window) == before, timeout=3000)
    assert not window.isFullScreen()
    assert window.font().pointSize() == normal_size
    assert not window.actions_.projector.isChecked()


def test_esc_does_nothing_outside_projector_mode(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.projector_on
    assert window.menuBar().isVisible()


def test_projector_mode_tells_board_and_guide_and_f9_brings_the_guide_back(window, qtbot, monkeypatch):
    calls = []
    monkeypatch.setattr(window.board, "set_projector", lambda on: calls.append(("board", on)))
    monkeypatch.setattr(window.guide_panel, "set_projector", lambda on: calls.append(("guide", on)))
    window.set_projector(True)
    assert ("board", True) in calls
    assert ("guide", True) in calls
    assert not window.guide_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.guide_dock.isVisible(), "the guide can be shown to the room in projector mode"
    window.set_projector(False)
    assert ("board", False) in calls


def test_shortcuts_still_work_with_the_menu_bar_hidden(window, qtbot):
    window.set_projector(True)
    fits = []
    window.board.board_actions.fit_all.triggered.connect(lambda: fits.append(True))
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert fits == [True]


def test_standard_shortcuts_are_bound(window):
    a, b = window.actions_, window.board.board_actions
    from PySide6.QtGui import QKeySequence

    assert a.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert a.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert a.projector.shortcut() == QKeySequence("F11")
    assert b.fit_all.shortcut() == QKeySequence("Ctrl+0")
    assert b.zoom_actual.shortcut() == QKeySequence("Ctrl+1")
    assert a.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert QKeySequence("F11") not in a.full_screen.shortcuts()
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


@pytest.mark.parametrize("desk", [(1024, 768), (1920, 1080)], ids=["small desk window", "wide desk window"])
def test_guide_is_a_slim_strip_in_projector_mode_and_its_labels_do_not_overlap(open_window, qtbot, desk):
    """Whatever width the window had at the desk, the strip takes at most a fifth of the screen the room sees."""
    window = open_window(size=desk, activate=True)
    window.set_projector(True)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.guide_dock.isVisible()
    screen = window.screen().geometry().width()
    qtbot.waitUntil(lambda: window.width() == screen, timeout=3000)  # full screen lands late
    qtbot.waitUntil(lambda: window.board.width() >= 0.8 * screen, timeout=3000)
    assert abs(window.guide_dock.width() - 0.2 * screen) <= 0.03 * screen
    panel = window.guide_panel
    labels = [w for w in (panel.where, panel.progress, panel.title, panel.why) if w.isVisible()]
    for label in labels:
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.objectName()
    for upper, lower in pairwise(labels):
        assert upper.geometry().bottom() < lower.geometry().top()


def test_raising_another_tab_over_the_guide_leaves_the_board_where_it_was(open_window, qtbot):
    """Looking at the findings for a moment must not make the board jump out and back in."""
    window = open_window(size=(1280, 800), activate=True)
    window.guide_dock.raise_()
    window.guide_panel.go_to("strategy")
    qtbot.waitUntil(lambda: any(card.dimmed for card in window.board.board_scene.cards().values()))
    framed = window.board.transform().m11()
    window.findings_dock.raise_()
    qtbot.waitUntil(lambda: not any(card.dimmed for card in window.board.board_scene.cards().values()))
    assert window.board.transform().m11() == framed


def test_back_at_the_desk_the_board_is_dimmed_again_for_the_guides_step(open_window, qtbot):
    """Projector mode hides the guide, so the board is undimmed there; leaving it brings the guide and
    its step's focus back (dimmed once at the end of the switch, not once per dock shown)."""
    window = open_window(size=(1280, 800), activate=True)
    window.guide_dock.raise_()
    window.guide_panel.go_to("strategy")
    cards = window.board.board_scene.cards()
    qtbot.waitUntil(lambda: any(card.dimmed for card in cards.values()))
    dimmed = {card_id for card_id, card in cards.items() if card.dimmed}
    window.set_projector(True)
    qtbot.waitUntil(lambda: not any(card.dimmed for card in cards.values()))
    asked = []
    original = window.board.set_focus_ids
    window.board.set_focus_ids = lambda ids: (asked.append(ids), original(ids))
    window.set_projector(False)
    assert len(asked) <= 1, f"the board was dimmed or undimmed {len(asked)} times in one switch"
    qtbot.waitUntil(lambda: {card_id for card_id, card in cards.items() if card.dimmed} == dimmed)


def test_the_rounds_timer_shows_on_the_board_in_projector_mode_without_the_guide(window, qtbot):
    overlay, timer = window.board.timer_overlay, window.guide_panel.timer
    window.set_projector(True)
    assert not window.guide_dock.isVisible()
    assert not overlay.isVisible(), "no round running: nothing in the corner"
    timer.start()
    qtbot.waitUntil(overlay.isVisible)
    assert overlay.text() == timer.display.text()
    viewport = window.board.viewport().geometry()
    assert viewport.contains(overlay.geometry()), "inside the board, in its corner"
    assert overlay.geometry().right() > viewport.center().x() and overlay.geometry().top() < viewport.center().y()
    assert overlay.fontInfo().pixelSize() >= 40, "readable from the back row"
    window.set_projector(False)
    assert not overlay.isVisible(), "at the desk the guide panel shows the timer"
    timer.reset()


def test_alt_right_moves_the_guide_on_with_the_keyboard_on_the_board_and_not_when_it_is_hidden(window, qtbot):
    window.set_projector(True)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(window.guide_dock.isVisible)
    window.board.setFocus()
    qtbot.waitUntil(window.board.hasFocus)
    start = window.guide_panel.current_step().key
    qtbot.keyClick(window.board, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.guide_panel.current_step().key != start)
    moved = window.guide_panel.current_step().key
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not window.guide_dock.isVisible())
    window.board.setFocus()
    qtbot.keyClick(window.board, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.guide_panel.current_step().key == moved, "a hidden guide does not move"
