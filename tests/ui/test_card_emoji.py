"""Emoji stay inside their card on the board: a long run of them, ZWJ families, flags, skin tones.

Every emoji lies beyond U+FFFF, where Qt counts two positions per character and Python one; a line
cut with Qt's positions held twice the emoji Qt had fitted and ran far past the card's right edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from ui.canvas import BoardView
from ui.canvas.card_item import PADDING
from ui.canvas.text_layout import ELLIPSIS, fit_lines
from ui.canvas.theme import NORMAL
from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty

EMOJI = {
    "run": "🎉" * 60,
    "zwj": "👨\u200d👩\u200d👧\u200d👦" * 30,
    "mixed": "Happy customers 😀👍🏽👩\u200d💻 " * 12,
    "flags": "🇰🇷🇮🇱🇸🇦" * 20,
}


@pytest.mark.parametrize("name", sorted(EMOJI))
def test_wrapped_emoji_lines_fit_the_width_and_lose_nothing(qapp, name):
    font = NORMAL.font(NORMAL.body_px)
    text = EMOJI[name]
    lines = fit_lines(text, font, 200, 100)
    metrics = QFontMetricsF(font)
    assert all(metrics.horizontalAdvance(line) <= 200.5 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # every emoji on some line, none twice


def test_a_cut_emoji_run_ends_in_an_ellipsis_within_the_width(qapp):
    font = NORMAL.font(NORMAL.body_px)
    lines = fit_lines(EMOJI["run"], font, 200, 2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert all(QFontMetricsF(font).horizontalAdvance(line) <= 200.5 for line in lines)


@pytest.fixture
def emoji_board(qtbot):
    ws = customer_loyalty()
    for name, text in EMOJI.items():
        ops.add_goal(ws, text, "f-it", id=f"g-emoji-{name}", measure=text)
    ops.add_function(ws, "🎉" * 40, "support", "#8854D0", id="f-emoji")
    ops.add_goal(ws, "🚀" * 80, "f-emoji", id="g-emoji-header")
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    return view


@pytest.mark.parametrize("projector", [False, True])
def test_emoji_cards_draw_nothing_past_their_edges(emoji_board, projector):
    view = emoji_board
    view.set_projector(projector)
    scene = view.board_scene
    for card_id in [*(f"g-emoji-{name}" for name in EMOJI), "g-emoji-header"]:
        card = scene.card(card_id)
        width = card.card_rect().width() - 2 * PADDING
        lines = card.text_lines()  # lays the card out, choosing its body size
        metrics = QFontMetricsF(card._body_font)
        assert all(metrics.horizontalAdvance(line) <= width + 0.5 for line in lines), card_id
        # Paint the card alone, with room around it, and look for ink outside the card.
        margin = 60
        rect = card.card_rect()
        image = QImage(int(rect.width()) + 2 * margin, int(rect.height()) + 2 * margin, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(margin - rect.left(), margin - rect.top())
        card.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()
        inside = QRectF(rect).translated(margin - rect.left(), margin - rect.top()).adjusted(-3, -3, 3, 3)
        ink = [
            (x, y)
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if not inside.contains(x, y) and QColor(image.pixel(x, y)).lightness() < 245
        ]
        assert not ink, f"{card_id}: {len(ink)} dark pixels outside the card, e.g. {ink[:3]}"
