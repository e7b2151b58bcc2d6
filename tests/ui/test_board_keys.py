"""Each board key is bound once, shows in the menus, and acts only where it belongs."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction


@pytest.fixture
def window(open_window):
    return open_window(size=(1280, 800), activate=True)


def test_no_key_is_bound_to_two_actions_of_the_window(window):
    keys = Counter(
        (seq.toString(), action.shortcutContext())
        for action in window.findChildren(QAction)
        for seq in action.shortcuts()
        if not seq.isEmpty()
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_the_edit_menu_shows_the_board_keys_tab_and_enter_included(window):
    texts = {action.text().replace("&", ""): action.shortcut().toString() for action in window.menus["edit"].actions()}
    assert texts["Edit card text"] == "F2"
    assert texts["Delete"] == "Del"
    assert any(text.endswith("\tTab") for text in texts), texts
    assert any(text.endswith("\tEnter") for text in texts), texts


def test_delete_on_the_board_removes_the_card_and_in_a_panel_it_does_not(window, qtbot):
    ws = window.document.workshop
    window.board.select_ids(["g-sales-match"])
    window.board.setFocus()
    qtbot.waitUntil(window.board.hasFocus)
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert ws.goal("g-sales-match") is None
    window.document.undo_stack.undo()
    window.board.select_ids(["g-sales-match"])
    panel_list = window.functions_panel.list
    window.functions_dock.raise_()
    panel_list.setFocus()
    qtbot.waitUntil(panel_list.hasFocus)
    qtbot.keyClick(panel_list, Qt.Key.Key_Delete)
    assert ws.goal("g-sales-match") is not None


def test_zoom_keys_work_with_the_focus_in_a_panel(window, qtbot):
    window.board.zoom_out()
    window.functions_dock.raise_()
    window.functions_panel.list.setFocus()
    qtbot.waitUntil(window.functions_panel.list.hasFocus)
    before = window.board.transform().m11()
    qtbot.keyClick(window.functions_panel.list, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.board.transform().m11() == pytest.approx(1.0)
    assert before != pytest.approx(1.0)
