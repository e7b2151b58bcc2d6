"""What is typed in a card's in-place editor is kept when the facilitator saves or clicks elsewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QMenu, QWidget

from ui.canvas import BoardView
from ui.document import Document
from workshop.examples import customer_loyalty


@pytest.fixture
def window(qtbot):
    """The board next to another widget of the same window, as in the main window."""
    widget = QWidget()
    layout = QHBoxLayout(widget)
    view = BoardView(Document(customer_loyalty()))
    other = QLineEdit()
    layout.addWidget(view)
    layout.addWidget(other)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    view.setFocus()
    yield view, other
    widget.close()  # the fixture holds the window: qtbot only keeps a weak reference


def type_into_card(qtbot, view: BoardView, card_id: str, text: str) -> None:
    editor = view.board_scene.start_edit(card_id)
    assert editor is not None
    qtbot.keyClicks(view.viewport(), text)
    assert editor.text() == text


def test_commit_editor_keeps_the_typed_text_as_one_step(window, qtbot):
    view, _ = window
    steps = view.document.undo_stack.count()
    type_into_card(qtbot, view, "g-loyalty", "Keep loyal customers")
    view.commit_editor()
    assert view.document.workshop.goal("g-loyalty").text == "Keep loyal customers"
    assert view.board_scene.editor is None
    assert view.document.undo_stack.count() == steps + 1
    assert not view.board_scene.card("g-loyalty").editing


def test_commit_editor_without_an_editor_changes_nothing(window):
    view, _ = window
    view.commit_editor()
    assert view.document.undo_stack.count() == 0
    assert view.document.workshop.goal("g-loyalty").text == "Increase customer loyalty"


def test_commit_editor_on_a_kpi_renames_it(window, qtbot):
    view, _ = window
    kpi = view.document.workshop.kpis[0]
    type_into_card(qtbot, view, kpi.id, "Repeat orders")
    view.commit_editor()
    assert view.document.workshop.find("kpis", kpi.id).name == "Repeat orders"


def test_clicking_another_widget_commits_and_leaves_the_focus_there(window, qtbot):
    view, other = window
    type_into_card(qtbot, view, "g-loyalty", "Loyal for life")
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.board_scene.editor is None)
    assert view.document.workshop.goal("g-loyalty").text == "Loyal for life"
    qtbot.keyClicks(other, "typed here")
    assert other.text() == "typed here"
    assert QApplication.focusWidget() is other


def test_escape_cancels_and_a_later_click_elsewhere_keeps_the_old_text(window, qtbot):
    view, other = window
    type_into_card(qtbot, view, "g-loyalty", "Thrown away")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert view.board_scene.editor is None
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    view.commit_editor()
    assert view.document.workshop.goal("g-loyalty").text == "Increase customer loyalty"
    assert view.document.undo_stack.count() == 0


def test_a_popup_leaves_the_editor_open_until_commit_editor(window, qtbot):
    view, _ = window
    type_into_card(qtbot, view, "g-loyalty", "Typed before the menu")
    menu = QMenu(view)
    menu.addAction("Save")
    menu.popup(view.mapToGlobal(view.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    assert view.board_scene.editor is not None  # opening File > Save must not end the typing
    menu.close()
    view.commit_editor()
    assert view.document.workshop.goal("g-loyalty").text == "Typed before the menu"
