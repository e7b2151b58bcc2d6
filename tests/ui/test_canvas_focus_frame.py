"""A still board: a guide step's focus dims the rest and pans only as much as it must, never zooms;
a card being made or typed into is never faded."""

from __future__ import annotations

from PySide6.QtCore import QRectF

STRATEGY = ["g-loyalty", "g-expenditure", "g-engagement"]


def view_state(view) -> tuple[float, int, int]:
    return view.transform().m11(), view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def seen(view) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_a_focus_on_cards_already_in_view_moves_nothing(qtbot, shown_board) -> None:
    view = shown_board(1600, 1000)
    view.fit_all()
    before = view_state(view)
    view.set_focus_ids(STRATEGY)
    assert view_state(view) == before
    assert not view.board_scene.card("g-loyalty").dimmed and view.board_scene.card("g-it-records").dimmed


def test_a_focus_off_screen_pans_just_enough_and_never_zooms(qtbot, shown_board) -> None:
    view = shown_board(700, 500)
    view.zoom_actual()
    view.centerOn(view.board_scene.card("g-it-records").scene_card_rect().center())
    scale = view.transform().m11()
    view.set_focus_ids(["g-loyalty"])
    assert view.transform().m11() == scale
    card = view.board_scene.card("g-loyalty").scene_card_rect()
    assert seen(view).contains(card)
    margin = 40 / scale
    touches = [abs(card.top() - seen(view).top()), abs(card.bottom() - seen(view).bottom())]
    assert min(touches) <= margin, "the smallest pan: the card comes in at the edge, not to the centre"


def test_a_step_about_the_whole_tree_undims_and_leaves_the_view_alone(qtbot, shown_board) -> None:
    view = shown_board(900, 700)
    view.zoom_actual()
    view.set_focus_ids(STRATEGY)
    before = view_state(view)
    view.set_focus_ids(None)
    assert view_state(view) == before
    assert not any(card.dimmed for card in view.board_scene.cards().values())


def test_a_card_made_during_a_step_is_not_a_ghost(qtbot, shown_board) -> None:
    view = shown_board(1400, 900)
    view.set_focus_ids(["g-sales-match"])
    view.select_ids(["g-it-records"], centre=False)
    new_id = view.add_sibling()
    assert new_id is not None
    assert not view.board_scene.card(new_id).dimmed
    view.board_scene.editor.commit()
    qtbot.waitUntil(lambda: view.board_scene.editor is None)
    assert not view.board_scene.card(new_id).dimmed, "still not, once typed"


def test_a_card_typed_into_is_never_faded(qtbot, shown_board) -> None:
    view = shown_board(1400, 900)
    view.set_focus_ids(["g-sales-match"])
    assert view.board_scene.card("g-hr-vacancies").dimmed
    view.board_scene.start_edit("g-hr-vacancies")
    assert not view.board_scene.card("g-hr-vacancies").dimmed
    view.board_scene.editor.cancel()
    qtbot.waitUntil(lambda: view.board_scene.editor is None)
    assert view.board_scene.card("g-hr-vacancies").dimmed, "back to the step's context once done"


def test_tab_keeps_the_parent_and_the_new_card_in_view_at_the_rooms_zoom(qtbot, shown_board) -> None:
    view = shown_board(800, 560)
    view.zoom_actual()
    view.select_ids(["g-loyalty"])
    scale = view.transform().m11()
    new_id = view.add_contributing()
    assert view.transform().m11() == scale
    for card_id in ("g-loyalty", new_id):
        assert seen(view).contains(view.board_scene.card(card_id).scene_card_rect()), card_id


def test_in_projector_mode_a_step_zooms_up_to_legible_once_and_then_only_pans(qtbot, shown_board) -> None:
    view = shown_board(660, 560)  # the board beside the guide on a 1024x768 beamer
    view.set_projector(True)
    view.fit_all()
    assert view.transform().m11() < view.legible_scale(), "the whole demo is too small to read here"
    view.set_focus_ids(STRATEGY[:1])
    assert view.transform().m11() == view.legible_scale()
    assert seen(view).contains(view.board_scene.card("g-loyalty").scene_card_rect())
    view.set_focus_ids(["g-it-records"])
    assert view.transform().m11() == view.legible_scale(), "no second zoom"
    assert seen(view).contains(view.board_scene.card("g-it-records").scene_card_rect())


def test_at_the_desk_a_step_never_zooms(qtbot, shown_board) -> None:
    view = shown_board(660, 560)
    view.fit_all()
    scale = view.transform().m11()
    view.set_focus_ids(STRATEGY[:1])
    assert view.transform().m11() == scale
