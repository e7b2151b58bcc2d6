"""Keyboard capture on the board: Tab and Enter add linked goals, F2 edits in place, arrows walk the tree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.canvas import BoardView
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.geometry import BANDS
from workshop.model import Band, Workshop


@pytest.fixture
def view(qtbot):
    board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    board.resize(1200, 800)
    board.show()
    qtbot.waitExposed(board)
    board.activateWindow()
    board.setFocus()
    return board


def press(view: BoardView, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(view, key, modifier)


def type_text(view: BoardView, text: str) -> None:
    QTest.keyClicks(view, text)


def editor_closed(view: BoardView) -> bool:
    return view.board_scene.editor is None


def test_tab_on_strategic_goal_adds_linked_customer_facing_goal_in_edit_mode(view, qtbot):
    ws = view.document.workshop
    before = ws.model_dump()
    view.select_ids(["g-loyalty"])
    press(view, Qt.Key.Key_Tab)
    new = ws.goals[-1]
    assert new.function_id == "f-sales"  # the first customer-facing function
    assert any(lk.source == new.id and lk.target == "g-loyalty" for lk in ws.links)
    assert BANDS[Band.CUSTOMER_FACING].contains(ws.positions[new.id].y)
    assert view.document.undo_stack.count() == 1
    assert view.board_scene.editor is not None and view.board_scene.editor.card_id == new.id
    type_text(view, "Know every customer by name")
    press(view, Qt.Key.Key_Return)
    assert ws.goal(new.id).text == "Know every customer by name"
    qtbot.waitUntil(lambda: editor_closed(view))
    assert view.board_scene.card(new.id).content.text == "Know every customer by name"
    # undo twice: text, then add+link together
    view.document.undo_stack.undo()
    assert ws.goal(new.id).text == "New goal"
    assert view.board_scene.card(new.id).content.text == "New goal"
    view.document.undo_stack.undo()
    assert ws.model_dump() == before
    assert view.board_scene.card(new.id) is None
    view.document.undo_stack.redo()
    assert view.board_scene.card(new.id) is not None
    assert len([i for i in view.board_scene.links_of(new.id)]) == 1


def test_tab_on_customer_goal_uses_a_support_function_that_serves_it(view):
    ws = view.document.workshop
    view.select_ids(["g-service-respect"])
    press(view, Qt.Key.Key_Tab)
    new = ws.goals[-1]
    assert new.function_id == "f-hr"  # HR serves Customer Service in the demo
    assert BANDS[Band.SUPPORT].top <= ws.positions[new.id].y


def test_tab_without_functions_is_refused_with_a_message(qtbot):
    ws = Workshop()
    ops.add_goal(ws, "Grow", id="g-grow")
    board = BoardView(Document(ws))
    qtbot.addWidget(board)
    board.show()
    board.select_ids(["g-grow"])
    with qtbot.waitSignal(board.message) as blocker:
        board.add_contributing()
    assert "customer-facing function" in blocker.args[0]
    assert len(ws.goals) == 1 and board.document.undo_stack.count() == 0


def test_enter_adds_sibling_serving_the_same_goal(view):
    ws = view.document.workshop
    view.select_ids(["g-it-records"])
    press(view, Qt.Key.Key_Return)
    new = ws.goals[-1]
    assert new.function_id == "f-it"
    assert [lk.target for lk in ws.links if lk.source == new.id] == ["g-sales-match"]
    assert ws.positions[new.id].y == pytest.approx(view.board_scene.card("g-it-records").pos().y())
    assert view.board_scene.editor is not None and view.board_scene.editor.card_id == new.id
    new_card = view.board_scene.card(new.id).scene_card_rect()
    others = [c for i, c in view.board_scene.cards().items() if i != new.id]
    assert not any(new_card.intersects(c.scene_card_rect()) for c in others)


def test_f2_edit_commits_on_enter_and_cancels_on_escape(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-sales-match"])
    press(view, Qt.Key.Key_F2)
    assert view.board_scene.editor is not None
    type_text(view, "R&D <b>first</b>")
    press(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor_closed(view))
    assert ws.goal("g-sales-match").text == "Match products to each customer's real needs"
    assert view.document.undo_stack.count() == 0
    press(view, Qt.Key.Key_F2)
    type_text(view, "R&D <b>first</b>")
    press(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(view, "then sales")
    press(view, Qt.Key.Key_Return)
    assert ws.goal("g-sales-match").text == "R&D <b>first</b>\nthen sales"
    assert view.document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: editor_closed(view))
    card = view.board_scene.card("g-sales-match")
    assert card.content.text == "R&D <b>first</b>\nthen sales"
    assert "&lt;b&gt;" in card.tooltip_html()  # shown literally, not as bold


def test_empty_text_is_refused_and_old_text_kept(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-sales-match"])
    press(view, Qt.Key.Key_F2)
    press(view, Qt.Key.Key_Delete)
    with qtbot.waitSignal(view.message):
        press(view, Qt.Key.Key_Return)
    assert ws.goal("g-sales-match").text == "Match products to each customer's real needs"


def test_very_long_text_is_accepted(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-sales-match"])
    view.edit_selected()
    view.board_scene.editor.setPlainText("word " * 3000)
    press(view, Qt.Key.Key_Return)
    assert len(ws.goal("g-sales-match").text) >= 14_999
    view.viewport().grab()  # paints the elided card without trouble


def test_arrow_keys_walk_the_tree(view):
    view.select_ids(["g-it-records"])
    press(view, Qt.Key.Key_Up)
    assert view.selected_ids() == ["g-sales-match"]
    press(view, Qt.Key.Key_Up)
    assert view.selected_ids() == ["g-loyalty"]
    press(view, Qt.Key.Key_Down)
    assert view.selected_ids()[0] in {"g-sales-match", "g-service-respect", "g-support-fast"}
    view.select_ids(["g-loyalty"])
    scene = view.board_scene
    row = sorted((c for c in scene.cards().values() if c.content.band == Band.STRATEGY), key=lambda c: c.pos().x())
    press(view, Qt.Key.Key_Right)
    assert view.selected_ids() == [row[row.index(scene.card("g-loyalty")) + 1].card_id]
    press(view, Qt.Key.Key_Left)
    assert view.selected_ids() == ["g-loyalty"]


def test_delete_key_and_backspace_remove_a_link(view):
    ws = view.document.workshop
    view.select_ids(["l-it-around"])
    press(view, Qt.Key.Key_Backspace)
    assert ws.find("links", "l-it-around") is None
    assert view.board_scene.link("l-it-around") is None
    assert ws.goal("g-it-loyalty") is not None


def test_zoom_shortcuts(view):
    press(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert view.scale_factor() == pytest.approx(1.0)
    press(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.scale_factor() > 1.0
    press(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.board_scene.cards_rect())


def test_tab_while_typing_commits_and_adds_a_contributor(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-loyalty"])
    press(view, Qt.Key.Key_Tab)
    first = ws.goals[-1].id
    type_text(view, "Know our customers")
    press(view, Qt.Key.Key_Tab)
    assert ws.goal(first).text == "Know our customers"
    second = ws.goals[-1]
    assert second.id != first
    assert any(lk.source == second.id and lk.target == first for lk in ws.links)
    assert view.board_scene.editor is not None and view.board_scene.editor.card_id == second.id


def test_tab_is_a_board_command_even_beside_other_widgets(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    board = BoardView(Document(customer_loyalty()), window)
    other = QLineEdit(window)
    layout.addWidget(board)
    layout.addWidget(other)
    window.resize(1000, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    board.setFocus()
    qtbot.waitUntil(board.hasFocus)
    board.select_ids(["g-loyalty"])
    goals = len(board.document.workshop.goals)
    QTest.keyClick(board, Qt.Key.Key_Tab)
    assert len(board.document.workshop.goals) == goals + 1
    assert not other.hasFocus()


def test_esc_on_a_card_just_made_takes_it_away_with_its_link(view, qtbot):
    ws = view.document.workshop
    before = ws.model_dump()
    view.select_ids(["g-loyalty"])
    press(view, Qt.Key.Key_Tab)
    new_id = view.board_scene.editor.card_id
    type_text(view, "Half a thought")
    press(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor_closed(view))
    assert ws.goal(new_id) is None and view.board_scene.card(new_id) is None
    assert ws.model_dump() == before
    assert view.document.undo_stack.canRedo()  # Redo brings it back, as with any undone step
    view.document.undo_stack.redo()
    assert ws.goal(new_id) is not None


def test_esc_on_an_existing_card_only_cancels_the_typing(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-sales-match"])
    press(view, Qt.Key.Key_F2)
    type_text(view, "Something else")
    press(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor_closed(view))
    assert ws.goal("g-sales-match").text == "Match products to each customer's real needs"


def test_undo_while_typing_into_a_new_card_undoes_once(view, qtbot):
    ws = view.document.workshop
    view.select_ids(["g-loyalty"])
    goals = len(ws.goals)
    press(view, Qt.Key.Key_Tab)
    view.document.undo_stack.undo()
    qtbot.waitUntil(lambda: editor_closed(view))
    assert len(ws.goals) == goals
    assert view.document.undo_stack.index() == 0 and view.document.undo_stack.count() == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_a_card_made_with_the_keyboard_on_the_projector_is_saved_where_the_desk_would_put_it(qtbot, key):
    """The projector shows cards where its reflow puts them for the screen; a card made there with Tab
    or Enter must still be saved beside its parent's place on the desk's board, exactly as if it had
    been made at the desk, or the desk shows it far from its parent."""

    def made_with(projector: bool):
        board = BoardView(Document(customer_loyalty()))
        qtbot.addWidget(board)
        board.resize(1024, 768)
        board.show()
        board.set_projector(projector)
        board.fit_all()
        board.select_ids(["g-service-respect"])
        press(board, key)
        ws = board.document.workshop
        return board, ws.goals[-1].id, ws.positions[ws.goals[-1].id]

    projected, new_id, saved = made_with(projector=True)
    shown = projected.board_scene.card("g-service-respect").pos()
    assert (shown.x(), shown.y()) != projected.board_scene.desk_place("g-service-respect"), "reflowed"
    _, _, at_the_desk = made_with(projector=False)
    assert (saved.x, saved.y) == (at_the_desk.x, at_the_desk.y)
    projected.set_projector(False)
    card = projected.board_scene.card(new_id)
    assert (card.pos().x(), card.pos().y()) == (saved.x, saved.y), "back at the desk it stands where it was saved"
