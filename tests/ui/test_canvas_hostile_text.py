"""Cards with text nobody foresaw still draw: an exception in a Python paint() would kill the process.

Every text here is rendered for real (view.grab) at several zooms in both themes; a regression in
the layout of any of them crashes this test process rather than passing quietly.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ui.canvas import BoardView
from ui.canvas.card_item import CardItem
from ui.canvas.safe_paint import FALLBACK_FILL
from ui.canvas.text_layout import ELLIPSIS, fit_lines
from ui.canvas.theme import NORMAL
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty

ZALGO = "Z" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309" * 90
HOSTILE = {
    "spaces": "Grow" + " " * 900 + "loyalty",
    "zero-width": "\u200b" * 900 + "hidden",
    "zalgo": ZALGO * 3,
    "ten-thousand": ("Reduce the time to answer a customer " * 300)[:10_000],
    "one-word": "x" * 10_000,
    "newlines": "a\n" * 900,
    "emoji": "Happy customers 😀👍🏽👨‍👩‍👧‍👦 " * 40,
    "rtl": "زيادة ولاء العملاء " * 60 + "and English",
    "cjk": "提高客户忠诚度" * 150,
    "markup": "<b>R&D</b> <img src=/etc/passwd> &amp; <script>x</script> " * 30,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_fit_lines_never_gives_more_lines_than_asked_and_marks_the_cut(qapp, name):
    text = HOSTILE[name]
    font = NORMAL.font(NORMAL.body_px)
    for max_lines in (1, 2, 4, 9):
        lines = fit_lines(text, font, 200, max_lines)
        assert 1 <= len(lines) <= max_lines
        assert lines[-1].endswith(ELLIPSIS)


def test_a_long_run_of_spaces_keeps_the_word_after_it(qapp):
    lines = fit_lines(HOSTILE["spaces"], NORMAL.font(NORMAL.body_px), 200, 4)
    assert "loyalty" in " ".join(lines)


@pytest.fixture
def hostile_view(qtbot):
    ws = customer_loyalty()
    for index, (name, text) in enumerate(sorted(HOSTILE.items())):
        function = None if index % 3 == 0 else ("f-sales" if index % 3 == 1 else "f-it")
        ops.add_goal(ws, text, function, id=f"g-hostile-{name}", measure=text[:300], target=text[-50:])
    ops.add_kpi(ws, "f-sales", HOSTILE["zalgo"][:190], id="k-hostile", incentive=HOSTILE["cjk"])
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


@pytest.mark.parametrize("projector", [False, True])
def test_hostile_cards_render_at_every_zoom_in_both_themes(hostile_view, projector, caplog):
    caplog.set_level(logging.ERROR, logger="ui.canvas.safe_paint")
    view = hostile_view
    view.set_projector(projector)
    card = view.board_scene.card("g-hostile-spaces")
    assert card is not None
    for zoom in ("fit", 0.05, 0.2, 0.3, 1.0, 3.0):
        if zoom == "fit":
            view.fit_all()
        else:
            view.resetTransform()
            view.scale(zoom, zoom)
        for card_id in ("g-hostile-spaces", "g-hostile-zalgo", "g-hostile-rtl", "k-hostile"):
            view.centerOn(view.board_scene.card(card_id).scene_card_rect().center())
            image = view.grab().toImage()
            assert not image.isNull()
    for card_id, item in view.board_scene.cards().items():
        if card_id.startswith("g-hostile"):
            assert item.laid_out_text(), card_id  # something of the text is on the card
    assert not [r for r in caplog.records if r.name == "ui.canvas.safe_paint"]  # drawn, not by the fallback


def test_scene_render_of_the_whole_board_draws_every_hostile_card(hostile_view):
    scene = hostile_view.board_scene
    image = QImage(1600, 900, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), scene.cards_rect())
    painter.end()
    assert not image.isNull()


def test_editing_a_card_into_hostile_text_keeps_drawing(hostile_view, qtbot):
    view = hostile_view
    view.document.run(ops.update_goal, "g-loyalty", text=HOSTILE["zero-width"])
    card = view.board_scene.card("g-loyalty")
    view.resetTransform()
    view.centerOn(card.scene_card_rect().center())
    view.grab()
    assert "hidden" not in card.laid_out_text() or card.laid_out_text().endswith(ELLIPSIS)


def test_a_failing_paint_draws_a_plain_box_and_is_logged(hostile_view, monkeypatch, caplog):
    view = hostile_view

    def broken(self):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(CardItem, "_prepare", broken)
    card = view.board_scene.card("g-loyalty")
    for item in view.board_scene.cards().values():
        item.set_theme(item.theme)  # forget the cached layout, so the next paint lays out again
    view.resetTransform()
    view.centerOn(card.scene_card_rect().center())
    with caplog.at_level(logging.ERROR, logger="ui.canvas.safe_paint"):
        image = view.grab().toImage()
    assert any("layout exploded" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    centre = view.mapFromScene(card.scene_card_rect().center())
    assert QColor(image.pixel(QPoint(centre.x(), centre.y()))) == FALLBACK_FILL
    assert view.board_scene.itemAt(QPointF(card.scene_card_rect().center()), view.transform()) is card
