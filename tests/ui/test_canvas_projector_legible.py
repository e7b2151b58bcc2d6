"""Projector mode reads from the back of the room (issue 13, "Legible projected"): the demo at 1024x768
and 1920x1080 shows every card's whole text in lines of at least 18 px, on the full height of the
screen, band names smaller than the cards' text; the reflow is display only (the room's places stay)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from ui.canvas.text_layout import ELLIPSIS
from ui.canvas.view import LEGIBLE_LINE_PX, BoardView
from ui.document import Document
from workshop import user_ops
from workshop.geometry import CARD_WIDTH
from workshop.layout.projector import reflow
from workshop.model import Band
from workshop.synthetic import generate

SIZES = [(1024, 768), (1920, 1080)]


def on_screen(view: BoardView, rect: QRectF) -> QRectF:
    return view.mapFromScene(rect).boundingRect().toRectF()


def line_px(view: BoardView, card) -> float:
    """A card's main text line on screen: its font's line spacing (scene units) times the zoom."""
    return card.body_line_spacing() * view.scale_factor()


def projected(view: BoardView, size: tuple[int, int]) -> BoardView:
    view.resize(*size)
    view.set_projector(True)
    view.fit_all()
    return view


@pytest.mark.parametrize("size", SIZES)
def test_every_card_of_the_demo_reads_whole_in_lines_of_18_px(view, size):
    projected(view, size)
    assert view.scale_factor() >= view.legible_scale()
    for card_id, card in view.board_scene.cards().items():
        assert card.body_px() == view.board_scene.theme.body_px, card_id
        assert line_px(view, card) >= LEGIBLE_LINE_PX, (card_id, line_px(view, card))
        lines = card.text_lines() + card.measure_text_lines()
        assert lines and not any(line.endswith(ELLIPSIS) for line in lines), (card_id, lines)
        assert " ".join(card.text_lines()) == " ".join(card.content.text.split()), card_id
        assert " ".join(card.measure_text_lines()) == " ".join(card.content.measure.split()), card_id


@pytest.mark.parametrize("size", SIZES)
def test_the_board_fills_the_screen_height_and_band_names_are_smaller_than_card_text(view, size):
    projected(view, size)
    port = QRectF(view.viewport().rect())
    cards = QRectF()
    for card in view.board_scene.cards().values():
        cards = cards.united(on_screen(view, card.scene_card_rect()))
    assert port.contains(cards)
    assert cards.height() >= 0.85 * port.height(), (cards, port)
    body_on_screen = view.board_scene.theme.body_px * view.scale_factor()
    labels = view.band_label_rects()
    assert len(labels) == 3
    for box, px in labels.values():
        assert px < body_on_screen
        for card in view.board_scene.cards().values():
            assert not on_screen(view, card.scene_card_rect()).intersects(box)


@pytest.mark.parametrize("size", SIZES)
def test_reflowed_cards_never_overlap_and_sit_in_their_bands(view, size):
    projected(view, size)
    scene = view.board_scene
    cards = list(scene.cards().values())
    for a, b in itertools.combinations(cards, 2):
        assert not a.scene_card_rect().intersects(b.scene_card_rect()), (a.card_id, b.card_id)
    for card in cards:
        assert scene.band_item(card.content.band).rect().contains(card.scene_card_rect()), card.card_id


def test_kpis_are_read_with_their_function_not_in_columns_of_their_own(view):
    projected(view, (1024, 768))
    scene = view.board_scene
    kpi = scene.card("k-sales-contracts")
    sales = scene.card("g-sales-match")
    assert kpi.pos().y() == sales.pos().y() and kpi.pos().x() == sales.pos().x() + CARD_WIDTH + 28


def test_the_reflow_is_display_only_and_the_desk_gets_its_places_back(view):
    outcome = view.document.run(user_ops.move_cards, {"g-loyalty": (1500.0, 60.0)})
    assert outcome.ok
    desk = {card_id: view.shown_position(card_id) for card_id in view.board_scene.cards()}
    saved = dict(view.document.workshop.positions)
    projected(view, (1024, 768))
    assert view.shown_position("g-loyalty") != (1500.0, 60.0)
    assert (
        not view.board_scene.card("g-loyalty").flags()
        & view.board_scene.card("g-loyalty").GraphicsItemFlag.ItemIsMovable
    )
    assert view.document.workshop.positions == saved
    view.set_projector(False)
    assert {card_id: view.shown_position(card_id) for card_id in view.board_scene.cards()} == desk
    assert (
        view.board_scene.card("g-loyalty").flags() & view.board_scene.card("g-loyalty").GraphicsItemFlag.ItemIsMovable
    )


def test_a_longer_text_typed_in_projector_mode_grows_its_card_and_the_board_makes_room(view):
    projected(view, (1024, 768))
    scene = view.board_scene
    card = scene.card("g-support-fast")
    before = card.card_rect().height()
    text = "Resolve tickets fast, first time, with the customer told what happens next and when it will be done"
    assert view.document.run(user_ops.update_goal, "g-support-fast", text=text).ok
    assert card.card_rect().height() > before
    assert " ".join(card.text_lines()) == text
    for a, b in itertools.combinations(scene.cards().values(), 2):
        assert not a.scene_card_rect().intersects(b.scene_card_rect()), (a.card_id, b.card_id)


def test_a_30_goal_workshop_keeps_the_focused_cards_legible(qtbot):
    view = BoardView(Document(generate(30)))
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitExposed(view)
    projected(view, (1024, 768))
    scene = view.board_scene
    # three neighbours in the support band's first row: a step's subject is usually a few related cards
    first = min(c.pos().y() for c in scene.cards().values() if c.content.band == Band.SUPPORT)
    row = sorted(
        (c for c in scene.cards().values() if c.content.band == Band.SUPPORT and c.pos().y() == first),
        key=lambda c: c.pos().x(),
    )
    support = [c.card_id for c in row[:3]]
    assert len(support) == 3
    view.set_focus_ids(support)
    port = QRectF(view.viewport().rect())
    for card_id in support:
        card = scene.card(card_id)
        assert line_px(view, card) >= LEGIBLE_LINE_PX
        assert not any(line.endswith(ELLIPSIS) for line in card.text_lines() + card.measure_text_lines())
        assert port.contains(on_screen(view, card.scene_card_rect())), card_id


def test_reflow_picks_the_shape_of_the_screen():
    bands = {
        Band.STRATEGY: [(f"s{i}", 100.0) for i in range(3)],
        Band.CUSTOMER_FACING: [(f"c{i}", 130.0) for i in range(8)],
        Band.SUPPORT: [(f"p{i}", 130.0) for i in range(8)],
    }
    wide = reflow(bands, 1900, 1060, 1.5)
    square = reflow(bands, 1000, 1000, 1.5)
    tall = reflow(bands, 700, 1300, 1.5)
    assert wide.columns > square.columns > tall.columns
    for layout in (wide, square, tall):
        assert set(layout.positions) == {card_id for cards in bands.values() for card_id, _ in cards}
        assert layout.bands[Band.STRATEGY][1] <= layout.bands[Band.CUSTOMER_FACING][0]


def test_when_the_guide_closes_a_zoomed_projector_board_shows_whole_again(view):
    projected(view, (600, 768))  # the guide beside the board: too narrow to read the whole board
    assert view.scale_factor() < view.legible_scale()
    view.set_focus_ids(["g-sales-match"])  # a guide step zooms up to legible, once
    assert not view.fitted and view.scale_factor() >= view.legible_scale()
    view.resize(1024, 768)  # the guide closed: the board reflows for the wider screen
    assert view.fitted and view.scale_factor() >= view.legible_scale()
    port = QRectF(view.viewport().rect())
    for card in view.board_scene.cards().values():
        assert port.contains(on_screen(view, card.scene_card_rect())), card.card_id


@pytest.mark.parametrize("size", SIZES)
def test_direct_impact_and_around_tags_are_not_hidden_under_cards(view, size):
    projected(view, size)
    tagged = [item for item in view.board_scene.links().values() if item.has_label()]
    assert len(tagged) >= 3  # the demo has two declared direct impacts and one link around
    for item in tagged:
        box = item.label_box()
        for card in view.board_scene.cards().values():
            assert not card.scene_card_rect().intersects(box), (item.link_id, card.card_id)
    for a, b in itertools.combinations(tagged, 2):
        assert not a.label_box().intersects(b.label_box()), (a.link_id, b.link_id)
    view.set_projector(False)
    assert all(item.label_box() == item.label_box(0.5) for item in tagged)  # the desk keeps them centred


@pytest.mark.parametrize("size", [*SIZES, (755, 768)])  # the last: 1024x768 beside the room's join strip
def test_no_tag_covers_a_suggestions_accept_and_reject_buttons(view, size):
    """The demo's pending suggestion sits between two bands, where a direct-impact tag also looked
    for room: the room must read the tag and the facilitator must reach both buttons."""
    projected(view, size)
    assert_buttons_clear_of_tags(view)


def assert_buttons_clear_of_tags(view: BoardView) -> None:
    links = view.board_scene.links().values()
    buttons = [button for item in links for button in item.buttons]
    assert len(buttons) == 2
    for item in links:
        if item.has_label():
            for button in buttons:
                assert not button.sceneBoundingRect().intersects(item.label_box()), item.link_id


def test_a_link_a_phone_suggests_on_the_projector_gets_its_buttons_clear_of_every_tag(view):
    """The suggestion arrives while the room watches: the tags make room for its buttons at once."""
    from workshop.model import Collection

    document = view.board_scene.document
    demo = next(s for s in document.workshop.suggestions if getattr(s, "source", None))
    document.run(user_ops.remove_item, Collection.SUGGESTIONS, demo.id)
    projected(view, (755, 768))  # 1024x768 beside the room's join strip
    assert not [b for item in view.board_scene.links().values() for b in item.buttons]
    document.run_for_room(user_ops.suggest_link_as, demo.source, demo.target, participant="phone-0001")
    assert_buttons_clear_of_tags(view)
