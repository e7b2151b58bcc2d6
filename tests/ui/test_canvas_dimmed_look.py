"""What the guide dims recedes toward the background, and what it focuses on stays as it was: checked
on the pixels the board paints, since dimming is drawn with faded colours rather than opacity."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ui.canvas import BoardView


def _picture(view: BoardView, area: QRectF) -> QImage:
    image = QImage(int(area.width()), int(area.height()), QImage.Format.Format_ARGB32)
    image.fill(view.board_scene.theme.background)
    painter = QPainter(image)
    view.board_scene.render(painter, QRectF(image.rect()), area)
    painter.end()
    return image


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def _header_and_text(view: BoardView, card_id: str) -> tuple[QColor, set[int]]:
    """The colour in the middle of the card's header strip, and the set of colours over its body."""
    rect = view.board_scene.card(card_id).scene_card_rect()
    image = _picture(view, rect)
    header = image.pixelColor(int(rect.width() / 2), 6)
    body = {image.pixel(x, y) for x in range(4, int(rect.width()) - 4, 2) for y in range(30, int(rect.height()) - 4, 2)}
    return header, body


def test_a_dimmed_card_fades_toward_the_background_and_a_focused_one_does_not(view) -> None:
    background = view.board_scene.theme.background
    header, body = _header_and_text(view, "g-loyalty")
    view.set_focus_ids(["g-it-records"])
    dim_header, dim_body = _header_and_text(view, "g-loyalty")
    focused_header, _ = _header_and_text(view, "g-it-records")
    view.set_focus_ids(None)
    plain_focused, _ = _header_and_text(view, "g-it-records")

    assert _distance(dim_header, background) < _distance(header, background) * 0.35
    assert len(dim_body) > 1  # its words still show, faintly
    darkest = min(_distance(QColor.fromRgb(c), background) for c in body if _distance(QColor.fromRgb(c), background))
    assert max(_distance(QColor.fromRgb(c), background) for c in dim_body) < darkest + 200
    assert focused_header == plain_focused


def test_a_dimmed_link_is_drawn_fainter(view) -> None:
    scene = view.board_scene
    link = scene.link("l-sales-loyalty")
    middle = link.mapToScene(link.midpoint())
    area = QRectF(middle.x() - 20, middle.y() - 20, 40, 40)
    background = scene.theme.background

    def strongest() -> int:
        image = _picture(view, area)
        return max(_distance(image.pixelColor(x, y), background) for x in range(40) for y in range(40))

    plain = strongest()
    view.set_focus_ids(["g-it-records"])
    faint = strongest()
    assert plain > 60 and faint < plain * 0.4
