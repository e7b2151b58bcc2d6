"""Help > Keyboard shortcuts lists every key the window answers to, read from the actions themselves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from ui.shortcuts_sheet import ShortcutsSheet, all_rows


@pytest.fixture
def window(open_window):
    return open_window(size=(1024, 768), activate=True)


def test_every_bound_key_of_the_window_is_on_the_sheet(window):
    listed = " ".join(keys for _where, _what, keys in all_rows(window))
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty() and action.isVisible():
                assert seq.toString(QKeySequence.SequenceFormat.NativeText) in listed, action.text()


def test_the_board_keys_are_on_it_with_what_they_do(window):
    rows = {(what, keys) for _where, what, keys in all_rows(window)}
    assert any(keys == "Tab" and "contributing" in what for what, keys in rows)
    assert any(keys == "Esc" and "just made" in what for what, keys in rows)
    assert any(keys == "F2" and "Edit card text" in what for what, keys in rows)


def test_f1_opens_the_sheet(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)

    def open_sheets():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsSheet) and w.isVisible()]

    qtbot.waitUntil(lambda: len(open_sheets()) == 1)
    (sheet,) = open_sheets()
    assert sheet.table.rowCount() == len(all_rows(window))
    assert sheet.width() <= window.screen().availableGeometry().width()
    sheet.close()
