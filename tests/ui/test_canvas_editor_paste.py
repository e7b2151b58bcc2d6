"""Text pasted into a card's in-place editor arrives as plain text: what the room sees while
editing is what the card will say after Enter, never bold or coloured text from an e-mail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QContextMenuEvent, QFont, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from ui.canvas import editor as editor_module
from ui.canvas.editor import InPlaceEditor

RICH_HTML = '<b><span style="color:#ff0000; font-size:40pt">Win back</span></b> <i>lapsed</i> customers'
RICH_TEXT = "Win back lapsed customers"


def rich_clipboard(text: str = RICH_TEXT, html: str = RICH_HTML) -> QMimeData:
    data = QMimeData()
    data.setHtml(html)
    data.setText(text)
    return data


def looks_plain(editor: InPlaceEditor) -> bool:
    """No character of the document carries bold, italic, colour or size of its own."""
    document = editor.document()
    for position in range(1, document.characterCount()):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        fmt = cursor.charFormat()
        if fmt.fontWeight() == QFont.Weight.Bold or fmt.fontItalic():
            return False
        if fmt.hasProperty(fmt.Property.ForegroundBrush) or fmt.hasProperty(fmt.Property.FontPointSize):
            return False
    return True


@pytest.fixture
def editing(view):
    editor = view.board_scene.start_edit("g-loyalty")
    assert editor is not None
    editor.select_all()
    return view, editor


def test_ctrl_v_of_rich_text_pastes_its_plain_text(editing, qtbot):
    view, editor = editing
    QGuiApplication.clipboard().setMimeData(rich_clipboard())
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == RICH_TEXT
    assert looks_plain(editor)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert view.document.workshop.goal("g-loyalty").text == RICH_TEXT


def test_paste_into_a_name_keeps_it_on_one_line(view, qtbot):
    kpi = view.document.workshop.kpis[0]
    editor = view.board_scene.start_edit(kpi.id)
    assert editor is not None and editor.single_line
    editor.select_all()
    QGuiApplication.clipboard().setText("Net promoter\r\nscore\nby region")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Net promoter score by region"


def test_the_context_menu_pastes_plain_text(editing, qtbot, monkeypatch):
    view, editor = editing
    QGuiApplication.clipboard().setMimeData(rich_clipboard())
    chosen = []

    def choose_paste(menu: QMenu, at: object) -> None:
        labels = {action.text(): action for action in menu.actions()}
        chosen.append({label: action.isEnabled() for label, action in labels.items() if label})
        labels["Paste"].trigger()

    monkeypatch.setattr(editor_module, "show_menu", choose_paste)
    centre = view.mapFromScene(editor.mapToScene(editor.boundingRect().center()))
    QApplication.sendEvent(
        view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, view.viewport().mapToGlobal(centre))
    )
    assert chosen == [{"Cut": True, "Copy": True, "Paste": True, "Select all": True}]
    assert editor.toPlainText() == RICH_TEXT
    assert looks_plain(editor)
    assert view.board_scene.editor is editor  # the menu did not end the editing


def test_a_plain_paste_is_one_undo_step_of_the_editor(editing, qtbot):
    view, editor = editing
    QGuiApplication.clipboard().setMimeData(rich_clipboard())
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    editor.document().undo()
    assert editor.toPlainText() == "Increase customer loyalty"
