"""A card is drawn in the band of its level, even when the room never placed it; the bands stretch
under the cards when cards move or come and go, not on every keystroke."""

from __future__ import annotations

import pytest

from ui.canvas import BoardView
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.geometry import band_at
from workshop.model import Band


@pytest.fixture
def view(qtbot):
    board = BoardView(Document(customer_loyalty()))
    qtbot.addWidget(board)
    return board


def band_drawn(view: BoardView, card_id: str) -> Band:
    card = view.board_scene.card(card_id)
    assert card is not None
    return band_at(card.y())


def test_unplaced_strategic_goal_moved_to_a_support_function_is_drawn_in_the_support_band(view):
    assert "g-expenditure" not in view.document.workshop.positions
    assert band_drawn(view, "g-expenditure") == Band.STRATEGY
    first = view.board_scene.card("g-expenditure").pos()
    view.document.run(ops.update_goal, "g-expenditure", function_id="f-it")
    assert band_drawn(view, "g-expenditure") == Band.SUPPORT
    assert "g-expenditure" not in view.document.workshop.positions  # a place on screen only
    view.document.undo_stack.undo()
    assert view.board_scene.card("g-expenditure").pos() == first  # back where it was, exactly
    view.document.undo_stack.redo()
    assert band_drawn(view, "g-expenditure") == Band.SUPPORT


def test_function_turned_support_takes_its_unplaced_cards_and_kpis_down(view):
    ws = view.document.workshop
    cards = [g.id for g in ws.goals if g.function_id == "f-sales"] + [
        k.id for k in ws.kpis if k.function_id == "f-sales"
    ]
    assert cards and all(band_drawn(view, c) == Band.CUSTOMER_FACING for c in cards)
    view.document.run(ops.update_function, "f-sales", kind="support")
    assert all(band_drawn(view, c) == Band.SUPPORT for c in cards)
    view.document.undo_stack.undo()
    assert all(band_drawn(view, c) == Band.CUSTOMER_FACING for c in cards)


def test_re_placed_card_does_not_cover_another_card(view):
    view.document.run(ops.update_goal, "g-expenditure", function_id="f-it")
    moved = view.board_scene.card("g-expenditure").scene_card_rect()
    for card_id, card in view.board_scene.cards().items():
        if card_id != "g-expenditure":
            assert not card.scene_card_rect().intersects(moved), card_id


def test_bands_stretch_when_a_card_moves_far_right(view):
    band = view.board_scene.band_item(Band.CUSTOMER_FACING)
    right_before = band.rect().right()
    view.document.run(ops.move_cards, {"g-sales-match": (right_before + 2000, 300.0)})
    assert band.rect().right() >= right_before + 2000
    assert view.board_scene.sceneRect().right() > right_before + 2000


def test_text_edits_leave_the_band_extent_alone(view, monkeypatch):
    calls = []
    original = view.board_scene._update_extent
    monkeypatch.setattr(view.board_scene, "_update_extent", lambda: (calls.append(1), original()))
    for text in ("I", "In", "Inc", "Incr"):
        view.document.run(ops.update_goal, "g-loyalty", text=text, merge_key="typing")
    assert calls == []
    view.document.run(ops.add_goal, "Another strategic goal")
    assert calls  # a new card does stretch the bands
