"""Keyboard focus never works in a panel the room cannot see: reaching it brings its tab forward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget


def test_tabbing_into_a_panel_behind_another_tab_brings_that_tab_forward(open_window, qtbot):
    window = open_window(size=(1280, 800), activate=True)
    window.palette_dock.raise_()
    qtbot.waitUntil(lambda: window.functions_dock.visibleRegion().isEmpty())
    window.functions_panel.setFocus(Qt.FocusReason.TabFocusReason)  # where Tab from the palette leads
    qtbot.waitUntil(lambda: not window.functions_dock.visibleRegion().isEmpty())
    assert window.palette_dock.visibleRegion().isEmpty()


def test_walking_the_panels_with_tab_only_ever_focuses_what_can_be_seen(open_window, qtbot):
    """Ctrl+Tab leaves the board for the panels; from there Tab walks them (as the probe did)."""
    window = open_window(size=(1280, 800), activate=True)
    window.board.setFocus()
    qtbot.keyClick(window.board, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is not None and window.focusWidget() is not window.board)
    goals = len(window.document.workshop.goals)
    visited = set()
    for _ in range(30):
        focused = window.focusWidget()
        visited.add(focused)
        assert not focused.visibleRegion().isEmpty(), f"{type(focused).__name__} has focus but cannot be seen"
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert len(visited) > 6, "Tab went through several panels"
    assert len(window.document.workshop.goals) == goals


def test_ctrl_tab_in_a_panel_goes_back_to_the_board(open_window, qtbot):
    window = open_window(size=(1280, 800), activate=True)
    window.findings_dock.raise_()
    findings = window.findings_panel.findChild(QListWidget) or window.findings_panel
    findings.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is not window.board)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.board
