"""Right-click on the board offers a card's and a link's everyday changes (projector mode has no panels)."""

from __future__ import annotations

import pytest

from ui.canvas import BoardView
from ui.canvas.context_menu import menu_for
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.model import LinkKind


@pytest.fixture
def view(qtbot):
    board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    board.resize(1600, 1000)
    board.show()
    qtbot.waitExposed(board)
    board.set_projector(True)
    board.fit_all()
    return board


def card_point(view, card_id):
    return view.mapFromScene(view.board_scene.card(card_id).sceneBoundingRect().center())


def link_point(view, link_id):
    line = view.board_scene.link(link_id).line()
    return view.mapFromScene(line.pointAt(0.5))


def entries(menu) -> dict[str, object]:
    found = {}
    for action in menu.actions():
        if action.menu() is not None:
            for sub in action.menu().actions():
                found[f"{action.text()}/{sub.text()}"] = sub
        elif not action.isSeparator():
            found[action.text().split("\t")[0].replace("&", "")] = action
    return found


def test_a_card_can_move_to_another_function_from_its_menu_in_one_step(view):
    ws = view.document.workshop
    menu = menu_for(view, card_point(view, "g-it-records"))
    hr = next(action for text, action in entries(menu).items() if text.startswith("Function/HR"))
    hr.trigger()
    assert ws.goal("g-it-records").function_id == "f-hr"
    view.document.undo_stack.undo()
    assert ws.goal("g-it-records").function_id == "f-it"


def test_a_card_can_be_pinned_and_deleted_from_its_menu(view):
    ws = view.document.workshop
    found = entries(menu_for(view, card_point(view, "g-sales-match")))
    assert {"Edit card text", "Delete"} <= set(found)
    found["Pinned (Tidy leaves it where it is)"].trigger()
    assert ws.positions["g-sales-match"].pinned
    entries(menu_for(view, card_point(view, "g-sales-match")))["Delete"].trigger()
    assert ws.goal("g-sales-match") is None


def test_an_around_link_can_be_declared_an_exception_with_its_reason(view):
    ws = view.document.workshop
    around = next(lk for lk in ws.links if ops.is_around_link(ws, lk.source, lk.target) and lk.kind != "direct_impact")
    view.reason_prompt = lambda parent, current: "Licences are a third of our costs"
    found = entries(menu_for(view, link_point(view, around.id)))
    found["Declare a direct-impact exception…"].trigger()
    link = ws.find("links", around.id)
    assert (link.kind, link.reason) == (LinkKind.DIRECT_IMPACT, "Licences are a third of our costs")
    found = entries(menu_for(view, link_point(view, around.id)))
    found["Make it a plain link (no exception)"].trigger()
    assert ws.find("links", around.id).kind == LinkKind.CONTRIBUTES


def test_empty_board_has_no_menu(view):
    assert menu_for(view, view.viewport().rect().topLeft()) is None


def test_a_function_named_with_an_ampersand_shows_it_in_the_menu(view):
    view.document.run(ops.update_function, "f-hr", name="R&D")
    menu = menu_for(view, card_point(view, "g-it-records"))
    functions = next(action.menu() for action in menu.actions() if action.menu() is not None)
    texts = [action.text() for action in functions.actions()]
    assert "R&&D  (support)" in texts, "doubled, so the menu draws one & instead of a shortcut mark"
