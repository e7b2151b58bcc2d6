"""A guide step's focus brings its cards up to a readable size beside the guide, never past 100%."""



STRATEGY = ["g-loyalty", "g-expenditure", "g-engagement"]


def test_focusing_a_few_cards_zooms_in_to_them_and_keeps_them_all_in_view(qtbot, shown_board) -> None:
    view = shown_board(660, 560)  # the board beside the guide on a 1024x768 beamer
    view.fit_all()
    whole_board = view.transform().m11()

    view.set_focus_ids(STRATEGY)

    scale = view.transform().m11()
    assert whole_board < scale <= 1.0
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for card_id in STRATEGY:
        assert visible.contains(view.board_scene.card(card_id).scene_card_rect())


def test_focusing_one_card_does_not_magnify_past_actual_size(qtbot, shown_board) -> None:
    view = shown_board(1600, 1000)
    view.set_focus_ids(["g-loyalty"])
    assert view.transform().m11() <= 1.0


def test_a_framed_focus_follows_the_viewport_when_the_guide_opens_beside_it(qtbot, shown_board) -> None:
    view = shown_board(1000, 700)
    view.set_focus_ids(STRATEGY)
    view.resize(600, 700)  # the guide's dock takes part of the width
    qtbot.waitUntil(lambda: view.viewport().width() < 620)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for card_id in STRATEGY:
        assert visible.contains(view.board_scene.card(card_id).scene_card_rect())


def test_the_users_own_zoom_ends_the_framing(qtbot, shown_board) -> None:
    view = shown_board(1000, 700)
    view.set_focus_ids(STRATEGY)
    view.zoom_in()
    zoomed = view.transform().m11()
    view.resize(600, 700)
    qtbot.waitUntil(lambda: view.viewport().width() < 620)
    assert view.transform().m11() == zoomed


def test_the_same_focus_coming_back_keeps_the_users_zoom(qtbot, shown_board) -> None:
    """Raising the guide's tab again re-sends its focus: the board must not snap back to the frame."""
    view = shown_board(1000, 700)
    view.set_focus_ids(STRATEGY)
    view.zoom_out()
    zoomed = view.transform().m11()
    view.set_focus_ids(None)  # the guide's tab hidden
    view.set_focus_ids(STRATEGY)  # and raised again
    assert view.transform().m11() == zoomed
    view.set_focus_ids(["g-sales-match"])  # the next step: a new focus is framed
    assert view.transform().m11() != zoomed


def test_the_same_focus_coming_back_to_the_whole_board_frames_its_cards_again(qtbot, shown_board) -> None:
    """Projector mode (or Fit board) shows the whole tree; pressing F9 for the guide again must bring
    the step's cards back up to a readable size, not leave them small beside the guide."""
    view = shown_board(1000, 700)
    view.set_focus_ids(STRATEGY)
    framed = view.transform().m11()
    view.set_focus_ids(None)  # the guide hidden
    view.fit_all()  # projector mode switched on, or Fit board
    whole_board = view.transform().m11()
    assert whole_board < framed
    view.set_focus_ids(STRATEGY)  # F9: the guide and its step's focus are back
    assert view.transform().m11() == framed


def test_a_step_without_focus_after_a_framed_one_shows_the_whole_board(qtbot, shown_board) -> None:
    """After the tensions step framed the KPI cards, the decisions and review steps are about the
    whole tree: the room must not be left looking at a corner of it."""
    view = shown_board(1000, 700)
    view.set_focus_ids(["g-loyalty"])
    view.set_focus_ids(None)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.board_scene.cards_rect())
