"""Projector mode on a big board is switched in slices between the window's events (every card's
type, then the layout for the screen or back to the desk): the window answers meanwhile, and what the
room ends up seeing is exactly what the one-go switch of a small board shows.

The demo board stands in for a big one: `SLICED_LOOK_FROM` is lowered to its size."""

from __future__ import annotations

import pytest

from ui.canvas import scene as scene_module
from ui.canvas.card_item import CardItem
from ui.canvas.view import BoardView
from workshop import ops


@pytest.fixture
def pair(shown_board, monkeypatch) -> tuple[BoardView, BoardView]:
    """Two boards of the demo at the same size: the first switches in slices, the second in one go."""
    sliced, whole = shown_board(1024, 768), shown_board(1024, 768)
    monkeypatch.setattr(scene_module, "SLICED_LOOK_FROM", 5)
    whole.board_scene._sliced_look = lambda: False  # the one-go path, as a small board takes it
    return sliced, whole


def places(view: BoardView) -> dict[str, tuple[float, float, float]]:
    """Where each card is drawn and how tall (its type decides that in projector mode); asking the
    board for its cards finishes a switch under way, as anything that needs every card does."""
    return {
        card_id: (card.pos().x(), card.pos().y(), round(card.card_rect().height(), 3))
        for card_id, card in view.board_scene.cards().items()
    }


def drawn_now(view: BoardView) -> dict[str, tuple[float, float, float]]:
    """The same, read from the scene's items as they are this moment (a switch under way goes on)."""
    return {
        item.card_id: (item.pos().x(), item.pos().y(), round(item.card_rect().height(), 3))
        for item in view.board_scene.items()
        if isinstance(item, CardItem)
    }


def test_a_big_board_switches_in_slices_and_ends_exactly_as_in_one_go(qtbot, pair) -> None:
    sliced, whole = pair
    desk = places(sliced)
    sliced.set_projector(True)
    assert sliced.board_scene.building()  # the switch returned with the board still to lay out
    assert drawn_now(sliced) == desk  # nothing moved yet: the window goes on, the board is not repainted
    assert not sliced.viewport().updatesEnabled()  # until it is all laid out
    whole.set_projector(True)
    qtbot.waitUntil(lambda: not sliced.board_scene.building(), timeout=5000)
    assert places(sliced) == places(whole)
    assert places(sliced) != desk
    sliced.set_projector(False)
    whole.set_projector(False)
    qtbot.waitUntil(lambda: not sliced.board_scene.building(), timeout=5000)
    assert places(sliced) == places(whole) == desk


def test_fit_asked_during_the_slices_frames_the_laid_out_board(qtbot, pair) -> None:
    sliced, whole = pair
    sliced.set_projector(True)
    sliced.fit_all()  # what the window asks right after the switch
    whole.set_projector(True)
    whole.fit_all()
    qtbot.waitUntil(lambda: not sliced.board_scene.building(), timeout=5000)
    assert sliced.fitted
    assert sliced.scale_factor() == pytest.approx(whole.scale_factor())


def test_leaving_before_the_slices_end_puts_every_card_back_at_the_desk(qtbot, pair) -> None:
    sliced, _ = pair
    desk = places(sliced)
    sliced.set_projector(True)
    for _ in range(3):  # part of the way: some cards restyled
        sliced.board_scene._rebuild_slice(budget_ms=0.0)
    sliced.set_projector(False)
    qtbot.waitUntil(lambda: not sliced.board_scene.building(), timeout=5000)
    assert places(sliced) == desk
    assert not sliced.board_scene.reflowed()
    assert all(card.flags() & card.GraphicsItemFlag.ItemIsMovable for card in sliced.board_scene.cards().values())


def test_an_edit_during_the_slices_lands_on_the_laid_out_board(qtbot, pair) -> None:
    sliced, whole = pair
    sliced.set_projector(True)
    whole.set_projector(True)
    for view in pair:  # the same edit on both, while the sliced board is still being laid out
        view.document.run(ops.add_goal, "Typed during the switch", "f-sales", id="g-typed")
    qtbot.waitUntil(lambda: not sliced.board_scene.building(), timeout=5000)
    assert places(sliced) == places(whole)
    texts = [card.content.text for card in sliced.board_scene.cards().values()]
    assert "Typed during the switch" in texts


def test_leaving_projector_mode_while_a_big_file_is_laid_out_for_the_screen_puts_it_back_at_the_desk(
    qtbot, shown_board
) -> None:
    """Opening a big file in projector mode lays it out in slices at the end of the build; Esc in the
    middle of that must leave the desk's board, with cards that can be dragged again."""
    view = shown_board(1024, 768)
    view.set_projector(True)
    board = view.board_scene
    # The demo builds in one slice: the sliced build is stepped by hand (private) up to the moment
    # its layout for the screen has been worked out and the cards are still to move.
    board._reflow = None
    board._builder = board._rebuild_steps()
    view.viewport().setUpdatesEnabled(False)
    while board._reflow is None:
        next(board._builder)
    assert board.building()
    view.set_projector(False)
    board._schedule_slice()  # the build goes on between events, as it would have
    qtbot.waitUntil(lambda: not board.building(), timeout=5000)
    assert not board.reflowed() and board.reflow_rect() is None
    for card_id, card in board.cards().items():
        assert (card.pos().x(), card.pos().y()) == board.desk_place(card_id)
        assert card.flags() & card.GraphicsItemFlag.ItemIsMovable


@pytest.mark.parametrize("sliced", [False, True])
def test_when_the_guide_closes_the_zoomed_projector_board_shows_whole_again(qtbot, shown_board, monkeypatch, sliced):
    monkeypatch.setattr(scene_module, "SLICED_LOOK_FROM", 5 if sliced else 10**9)
    view = shown_board(700, 500)  # the guide beside the board
    view.set_projector(True)
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=5000)
    view.fit_all()
    view.set_focus_ids(["g-sales-match"])  # a guide step zooms up to legible
    assert not view.fitted
    view.resize(1600, 1000)  # the guide closed: the board is laid out again for the wider screen
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=5000)
    assert view.fitted
