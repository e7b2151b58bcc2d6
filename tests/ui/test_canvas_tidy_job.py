"""Tidy on a big board is worked out between the window's events: the same layout as at once, one undo
step when done, Esc or any change meanwhile stops it with nothing moved, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.canvas import BoardView
from ui.canvas.view import SLICED_FROM
from ui.document import Document
from workshop import layout, user_ops
from workshop.synthetic import generate, with_extra_links


def big_view(qtbot) -> tuple[BoardView, list[str]]:
    ws = with_extra_links(generate(420, seed=6), 0.2, seed=3)
    assert len(ws.goals) + len(ws.kpis) >= SLICED_FROM
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    messages: list[str] = []
    view.message.connect(messages.append)
    return view, messages


def history(view: BoardView) -> list[str]:
    stack = view.document.undo_stack
    return [stack.text(i) for i in range(stack.count())]


def test_a_big_board_is_tidied_in_slices_to_the_same_layout_in_one_undo_step(qtbot):
    view, messages = big_view(qtbot)
    ws = view.document.workshop
    expected = layout.tidy_moves(ws)
    view.tidy()
    assert view.tidying() and history(view) == []  # nothing recorded until it is worked out
    qtbot.waitUntil(lambda: not view.tidying(), timeout=20_000)
    assert history(view) == ["Tidy"]
    assert {card_id: (p.x, p.y) for card_id, p in ws.positions.items()} == expected
    assert any("%" in m for m in messages) and messages[-1].startswith("Tidied")
    qtbot.waitUntil(lambda: not view.board_scene.moving())
    view.document.undo_stack.undo()
    assert ws.positions == {}


def test_esc_stops_tidy_with_nothing_moved(qtbot):
    view, messages = big_view(qtbot)
    view.setFocus()
    view.tidy()
    assert view.tidying()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.tidying()
    qtbot.wait(50)
    assert history(view) == [] and view.document.workshop.positions == {}
    assert messages[-1] == "Tidy stopped; nothing was moved."


def test_an_edit_while_tidy_works_stops_it_and_says_why(qtbot):
    view, messages = big_view(qtbot)
    view.tidy()
    goal = view.document.workshop.goals[0].id
    view.document.run(user_ops.update_goal, goal, text="Edited while Tidy was working")
    assert not view.tidying()
    qtbot.wait(50)
    assert history(view) == ["Edit goal text"]
    assert "changed" in messages[-1]


def test_a_pin_keeps_a_big_board_in_one_row_and_the_status_bar_says_why(qtbot):
    """A pinned card never moves, so Tidy does not fold the board into shelves: without a word the
    facilitator would wonder why the board came out 80,000 px wide this time."""
    from workshop.model import Position

    view, messages = big_view(qtbot)
    ws = view.document.workshop
    card = ws.goals[0].id
    ws.positions[card] = Position(x=40.0, y=300.0, pinned=True)
    view.tidy()
    qtbot.waitUntil(lambda: not view.tidying(), timeout=20_000)
    assert messages[-1].startswith("Tidied") and "1 pinned card stays where it is" in messages[-1]
    assert ws.positions[card] == Position(x=40.0, y=300.0, pinned=True)

    ws.positions[card] = Position(x=40.0, y=300.0, pinned=False)
    view.tidy()
    qtbot.waitUntil(lambda: not view.tidying(), timeout=20_000)
    assert messages[-1].startswith("Tidied") and "pinned" not in messages[-1]
