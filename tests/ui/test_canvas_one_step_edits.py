"""Board edits made of several operations leave no half-edit behind, whatever fails; new cards speak
the user's language; a failing layout is reported and logged, not hidden."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QPointF, QTranslator

import workshop.layout
from ui.canvas import BoardView
from ui.document import Document
from workshop import ops, user_ops
from workshop.examples import customer_loyalty


class BoomError(RuntimeError):
    pass


def explode(*args, **kwargs):
    raise BoomError("not an OperationError")


def test_linked_goal_is_rolled_back_when_the_link_fails_for_any_reason(monkeypatch):
    ws = customer_loyalty()
    before = ws.model_dump()
    monkeypatch.setattr(ops, "link", explode)
    with pytest.raises(BoomError):
        user_ops.add_linked_goal(ws, "f-it", (10.0, 600.0), "g-sales-match")
    assert ws.model_dump() == before


def test_kpi_is_rolled_back_when_placing_it_fails(monkeypatch):
    ws = customer_loyalty()
    before = ws.model_dump()
    monkeypatch.setattr(ops, "move_cards", explode)
    with pytest.raises(BoomError):
        user_ops.add_card(ws, "kpi", "f-it", (100.0, 700.0))
    assert ws.model_dump() == before


def test_deleting_a_selection_is_rolled_back_when_a_part_fails(monkeypatch):
    ws = customer_loyalty()
    before = ws.model_dump()
    monkeypatch.setattr(ops, "remove_kpi", explode)
    with pytest.raises(BoomError):
        user_ops.remove_cards(ws, ["g-it-records"], ["k-support-ttr"], ["l-sales-loyalty"])
    assert ws.model_dump() == before


class Shouting(QTranslator):
    """A stand-in language: every board string in capitals, so untranslated text shows."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return source.upper() if context == "BoardView" else None


@pytest.fixture
def shouting(qapp):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def view(qtbot):
    board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    return board


def test_new_cards_take_their_text_from_the_translation(view, shouting):
    ws = view.document.workshop
    view.select_ids(["g-sales-match"])
    sibling = view.add_sibling()
    assert ws.goal(sibling).text == "NEW GOAL"
    view.board_scene._close_editor()
    view.select_ids(["g-loyalty"])
    strategic = view.add_sibling()
    view.board_scene._close_editor()
    assert ws.goal(strategic).text == "NEW STRATEGIC GOAL"
    kpi = view.add_card_at("kpi", "f-it", QPointF(100, 700))
    view.board_scene._close_editor()
    assert ws.find("kpis", kpi).name == "NEW KPI"


def test_a_failing_tidy_is_reported_logged_and_moves_nothing(view, qtbot, monkeypatch, caplog):
    monkeypatch.setattr(workshop.layout, "tidy_moves", explode)
    before = view.document.workshop.model_dump()
    with caplog.at_level(logging.ERROR, logger="ui.canvas.view"), qtbot.waitSignal(view.message) as refused:
        view.tidy()
    assert "nothing was moved" in refused.args[0]
    assert any(r.exc_info and isinstance(r.exc_info[1], BoomError) for r in caplog.records)
    assert view.document.workshop.model_dump() == before
    assert view.document.undo_stack.count() == 0


def test_a_failing_layout_still_places_every_card_of_an_unplaced_file(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(workshop.layout.slots, "tidy", explode)
    with caplog.at_level(logging.ERROR, logger="workshop.layout.slots"):
        board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    assert any(r.exc_info and isinstance(r.exc_info[1], BoomError) for r in caplog.records)
    spots = {(card.x(), card.y()) for card in board.board_scene.cards().values()}
    assert len(spots) == len(board.board_scene.cards())  # each its own place
