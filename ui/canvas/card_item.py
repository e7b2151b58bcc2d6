"""One card on the board: a goal, a strategic goal or a KPI, painted in Python from cached text.

The item holds the card's id and what it shows, never the model object: the scene pushes new
content when the document says the goal changed. Far out (level of detail below theme.text_lod)
a card is a plain coloured rectangle, because text nobody can read is the most expensive thing to draw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from ui.canvas.safe_paint import guarded_paint
from ui.canvas.text_layout import fit_lines, shrink_to_fit, static_text
from ui.canvas.theme import CARD_DIM, NORMAL, Theme, dimmed, faded, font_of
from ui.tooltips import plain_tooltip
from workshop.findings import Severity
from workshop.geometry import CARD_HEIGHT, CARD_WIDTH
from workshop.model import Band, CardKind

LOD_TEXT = 0.4
"""Below this zoom labels on links are left out."""
OVERVIEW_PX = 8.0
"""On-screen size of that large type."""
KPI_HEIGHT = 72.0
GROWN_MAX_LINES = 12
"""A grown card (projector mode) shows up to this many lines of text: a 20,000-character note is cut."""
PADDING = 10.0
BODY_GAP = 4.0
"""Space between the header strip and the text, and between the last line and the card's edge."""
HANDLE_RADIUS = 8.0
BADGE_RADIUS = 12.0
MARGIN = 16.0
WHITE = QColor("#FFFFFF")
"""The badge's ring and figure: white on every theme's badge colours."""
"""Room around the card rectangle for the badge, the link handle and the selection outline."""

CARD_TYPE = QGraphicsItem.UserType + 1


def body_fonts(theme: Theme) -> list[tuple[QFont, float]]:
    """The sizes a card's text may take in this theme, largest first, each with its line spacing."""
    return _body_fonts(theme.body_px, min(theme.min_body_px, theme.body_px))


@lru_cache(maxsize=8)
def _body_fonts(largest: int, smallest: int) -> list[tuple[QFont, float]]:
    fonts = [font_of(px) for px in range(largest, smallest - 1, -1)]
    return [(font, QFontMetricsF(font).lineSpacing()) for font in fonts]


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=64)
def _text_on(rgb: int) -> QColor:
    red, green, blue = ((rgb >> 16) & 255) / 255, ((rgb >> 8) & 255) / 255, (rgb & 255) / 255
    luminance = 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)
    # bold header type: white while its contrast on the colour is at least 3:1 (WCAG, large text), else black
    return QColor("#FFFFFF") if 1.05 / (luminance + 0.05) >= 3.0 else QColor("#000000")


def header_text_colour(background: QColor) -> QColor:
    """White or black, whichever reads on a function's colour: white on orange washes out on a beamer."""
    return _text_on(background.rgb() & 0xFFFFFF)


@dataclass(frozen=True)
class CardContent:
    """What a card shows, derived from the model by the scene."""

    kind: CardKind
    band: Band
    text: str
    header: str
    colour: str
    measure: str = ""


@dataclass(frozen=True)
class Badge:
    severity: Severity
    count: int
    messages: tuple[str, ...]


class CardItem(QGraphicsItem):
    def __init__(self, card_id: str, content: CardContent, theme: Theme = NORMAL) -> None:
        super().__init__()
        self.card_id = card_id
        self.content = content
        self.theme = theme
        self.badge: Badge | None = None
        self.dimmed = False
        self.editing = False
        """True while the in-place editor covers the card: its own text is not drawn under it."""
        self.hovered = False
        self.on_moved: Callable[[CardItem], None] | None = None
        """Set by the scene: called after `move_to` so links follow."""
        self.on_dragged: Callable[[], None] | None = None
        """Set by the scene: called after each step of a mouse drag (which moves every selected card)."""
        self._lines: list[tuple[QPointF, QStaticText]] | None = None
        self._header: QStaticText | None = None
        self._measure: QStaticText | None = None
        """The bottom line of the measure (the only one at the desk)."""
        self._measure_lines: list[QStaticText] = []
        self._measure_step = 0.0
        """Line spacing of the measure lines: the room the layout gave them (an emoji line is taller)."""
        self._body_font = theme.font(theme.body_px)
        self._badge_text: QStaticText | None = None
        self._shape: QPainterPath | None = None
        self._colour = QColor(content.colour)
        self._overview: tuple[int, list[tuple[QPointF, QStaticText]]] | None = None
        height = KPI_HEIGHT if content.kind == CardKind.KPI else CARD_HEIGHT
        self._rect = QRectF(0, 0, CARD_WIDTH, height)
        self.half_size = (CARD_WIDTH / 2, height / 2)
        self._bounds = self._rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self._settle()

    # --- content -------------------------------------------------------------------------------

    def type(self) -> int:
        return CARD_TYPE

    @property
    def is_goal(self) -> bool:
        return self.content.kind != CardKind.KPI

    def card_rect(self) -> QRectF:
        """The visible card in item coordinates (without the margin for badge and handle)."""
        return QRectF(self._rect)

    def scene_card_rect(self) -> QRectF:
        return self._rect.translated(self.pos())

    def set_content(self, content: CardContent) -> None:
        if content == self.content:
            return
        self.content = content
        self._colour = QColor(content.colour)
        self._invalidate()
        self._settle()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._invalidate()
        self._settle()

    def set_badge(self, badge: Badge | None) -> None:
        if badge == self.badge:
            return
        self.badge = badge
        self._badge_text = None
        self.update()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def _invalidate(self) -> None:
        self._lines = self._header = self._measure = self._badge_text = self._overview = None
        self._measure_lines = []
        self.update()

    def tooltip_html(self) -> str:
        """Made when the pointer rests on the card (scene.helpEvent): cheaper than one per card."""
        parts = [self.content.text]
        if self.content.measure:
            parts.append(self.content.measure)
        if self.badge is not None:
            parts.extend(self.badge.messages)
        return plain_tooltip(*parts)

    def handle_rect(self) -> QRectF:
        """The link handle: a small circle on the top edge, the start of a link drag."""
        r = HANDLE_RADIUS + 3  # a little easier to hit than to see
        return QRectF(self._rect.center().x() - r, -r, 2 * r, 2 * r)

    def handle_visible(self) -> bool:
        return self.is_goal and (self.hovered or self.isSelected())

    # --- geometry ------------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            self._shape = self._make_shape()
        return self._shape

    def _make_shape(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the handle overlaps the card: keep both filled
        path.addRect(self._rect)
        if self.is_goal:
            path.addEllipse(self.handle_rect())
        return path

    def move_to(self, x: float, y: float) -> None:
        """Move without a gesture (model change, animation): links are told, no itemChange overhead."""
        self.setPos(x, y)
        if self.on_moved is not None:
            self.on_moved(self)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.on_dragged is not None:
            self.on_dragged()

    # --- hover ---------------------------------------------------------------------------------

    def hoverEnterEvent(self, event) -> None:
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    # --- painting ------------------------------------------------------------------------------

    def _base_height(self) -> float:
        return KPI_HEIGHT if self.content.kind == CardKind.KPI else CARD_HEIGHT

    def _set_height(self, height: float) -> None:
        """A card in a growing theme is as tall as its text; links and the layout read the new size."""
        if height == self._rect.height():
            return
        self.prepareGeometryChange()
        self._rect = QRectF(0, 0, CARD_WIDTH, height)
        self.half_size = (CARD_WIDTH / 2, height / 2)
        self._bounds = self._rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._shape = None

    def _settle(self) -> None:
        """Lay out now rather than at the next paint when the card's size depends on its text (a growing
        theme) or must return to the fixed size: geometry never changes inside paint()."""
        if self.theme.grow_cards or self._rect.height() != self._base_height():
            self._prepare()

    def _prepare(self) -> None:
        """Lay the card out once per text/theme change: header, body at the largest size that shows the
        whole text (down to the theme's minimum), and the measure or incentive line at the bottom.
        In a growing theme (projector) the body keeps its full size and the card grows to show it all."""
        if self.theme.grow_cards:
            self._prepare_grown()
            return
        self._set_height(self._base_height())
        theme, content = self.theme, self.content
        small_font, width = self._prepare_header()
        top = theme.header_height + BODY_GAP
        bottom = self._rect.height() - BODY_GAP
        fonts = body_fonts(theme)
        self._measure = None
        if content.measure:
            small = QFontMetricsF(small_font)
            room = bottom - small.lineSpacing() - top
            if room >= fonts[-1][1]:  # never let the measure sit on the text (it is in the tooltip anyway)
                measure = small.elidedText(" ".join(content.measure.split()), Qt.TextElideMode.ElideRight, width)
                self._measure = static_text(measure, small_font)
                bottom -= small.lineSpacing()
        index, lines = shrink_to_fit(content.text, fonts, width, bottom - top)
        font, spacing = fonts[index]
        self._body_font = font
        self._lines = [(QPointF(PADDING, top + i * spacing), static_text(line, font)) for i, line in enumerate(lines)]
        self._measure_lines = [static_text(self._measure.text(), small_font)] if self._measure is not None else []
        self._measure_step = QFontMetricsF(small_font).lineSpacing()

    def _prepare_header(self) -> tuple[QFont, float]:
        """The header line, cut to the card's width; returns the small font and the text width."""
        theme = self.theme
        header_font = theme.font(theme.header_px, bold=True)
        width = CARD_WIDTH - 2 * PADDING
        header = QFontMetricsF(header_font).elidedText(
            " ".join(self.content.header.split()), Qt.TextElideMode.ElideRight, width - BADGE_RADIUS
        )
        self._header = static_text(header, header_font)
        return theme.font(theme.small_px, italic=True), width

    def _prepare_grown(self) -> None:
        theme, content = self.theme, self.content
        small_font, width = self._prepare_header()
        font, spacing = body_fonts(theme)[0]
        lines = fit_lines(content.text, font, width, GROWN_MAX_LINES)
        top = theme.header_height + BODY_GAP
        self._body_font = font
        self._lines = [(QPointF(PADDING, top + i * spacing), static_text(line, font)) for i, line in enumerate(lines)]
        measure = " ".join(content.measure.split())
        measure_lines = fit_lines(measure, small_font, width, GROWN_MAX_LINES) if measure else []
        self._measure_lines = [static_text(line, small_font) for line in measure_lines]
        self._measure_step = QFontMetricsF(small_font).lineSpacing()
        self._measure = self._measure_lines[-1] if self._measure_lines else None
        small = QFontMetricsF(small_font).lineSpacing()
        height = top + len(lines) * spacing + len(measure_lines) * small + BODY_GAP
        self._set_height(max(self._base_height(), height))

    def measure_text_lines(self) -> list[str]:
        """The measure or incentive line as drawn (one line at the desk, wrapped in projector mode)."""
        if self._lines is None:
            self._prepare()
        return [line.text() for line in self._measure_lines]

    def text_lines(self) -> list[str]:
        """The card's main text as drawn, line by line."""
        if self._lines is None:
            self._prepare()
        return [line.text() for _, line in self._lines or ()]

    def body_line_spacing(self) -> float:
        """Line spacing (scene units) of the card's text as laid out."""
        if self._lines is None:
            self._prepare()
        return QFontMetricsF(self._body_font).lineSpacing()

    def laid_out_text(self) -> str:
        """The card's text as it is drawn (lines joined by spaces): what the room can read on the card."""
        if self._lines is None:
            self._prepare()
        return " ".join(line.text() for _, line in self._lines or ())

    def body_px(self) -> int:
        """Pixel size (scene units) of the card's text as laid out."""
        if self._lines is None:
            self._prepare()
        return self._body_font.pixelSize()

    def far_colour(self) -> QColor:
        """The colour the card is drawn in far out (its header's): the function's, or strategy's."""
        return self.theme.strategic_header if self.content.kind == CardKind.STRATEGIC else self._colour

    def fallback_rect(self) -> QRectF:
        """What safe_paint fills if painting fails: the card itself, not its margin."""
        return QRectF(self._rect)

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme, content, rect = self.theme, self.content, self._rect
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        plain = self.far_colour()
        colour = plain
        if self.dimmed:  # opaque faded colours, not the painter's opacity: see theme.faded
            theme, colour = dimmed(theme), faded(plain, theme.background, CARD_DIM)
        if lod < theme.text_lod:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            if lod >= theme.overview_lod:
                self._paint_overview(painter, lod, colour, theme)
            else:
                painter.fillRect(rect, colour)
            if self.isSelected():
                painter.setPen(QPen(theme.selection, 6 / max(lod, 0.05)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            if self.badge is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.badge[self.badge.severity])
                painter.drawEllipse(QPointF(rect.right(), rect.top()), BADGE_RADIUS * 2, BADGE_RADIUS * 2)
            return
        if self._lines is None:
            self._prepare()
        selected = self.isSelected()
        border = QPen(theme.selection if selected else theme.card_border, 3.5 if selected else 1.2)
        if content.kind == CardKind.KPI:
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(theme.card_fill)
        painter.drawRoundedRect(rect, 6, 6)
        header = QRectF(rect.left(), rect.top(), rect.width(), theme.header_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(header, 6, 6)
        painter.fillRect(QRectF(header.left(), header.bottom() - 6, header.width(), 6), colour)
        header_text = (
            self.theme.strategic_header_text if content.kind == CardKind.STRATEGIC else header_text_colour(plain)
        )
        painter.setPen(faded(header_text, self.theme.background, CARD_DIM) if self.dimmed else header_text)
        painter.setFont(theme.font(theme.header_px, bold=True))
        if self._header is not None:
            header_y = (theme.header_height - self._header.size().height()) / 2
            painter.drawStaticText(QPointF(PADDING, header_y), self._header)
        painter.setPen(theme.card_text)
        painter.setFont(self._body_font)
        for point, line in () if self.editing else self._lines or ():
            painter.drawStaticText(point, line)
        if self._measure_lines:
            painter.setPen(theme.card_muted)
            painter.setFont(theme.font(theme.small_px, italic=True))
            y = rect.bottom() - BODY_GAP
            for line in reversed(self._measure_lines):
                y -= self._measure_step  # as laid out: a taller fallback glyph must not push it onto the text
                painter.drawStaticText(QPointF(PADDING, y), line)
        if self.handle_visible():
            painter.setPen(QPen(theme.selection, 2))
            painter.setBrush(theme.card_fill)
            painter.drawEllipse(QPointF(rect.center().x(), 0), HANDLE_RADIUS, HANDLE_RADIUS)
        if self.badge is not None:
            self._paint_badge(painter, theme, faded(WHITE, self.theme.background, CARD_DIM) if self.dimmed else WHITE)

    def _paint_overview(self, painter: QPainter, lod: float, colour: QColor, theme: Theme) -> None:
        """Zoomed out but not far: the first words in type large enough to read, so cards stay known."""
        rect = self._rect
        header = rect.height() * 0.22
        painter.fillRect(rect, theme.card_fill)
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width(), header), colour)
        px = int(OVERVIEW_PX / lod / 4 + 1) * 4  # in steps of 4 px, so zooming re-lays out rarely
        if self._overview is None or self._overview[0] != px:
            font = self.theme.font(px, bold=True)
            spacing = QFontMetricsF(font).lineSpacing()
            top = header + PADDING * 0.4
            max_lines = max(1, int((rect.height() - top) // spacing))
            lines = fit_lines(self.content.text, font, rect.width() - PADDING, max_lines)
            self._overview = (
                px,
                [(QPointF(PADDING / 2, top + i * spacing), static_text(t, font)) for i, t in enumerate(lines)],
            )
        painter.setPen(theme.card_text)
        painter.setFont(theme.font(px, bold=True))
        for point, line in self._overview[1]:
            painter.drawStaticText(point, line)

    def _paint_badge(self, painter: QPainter, theme: Theme, white: QColor) -> None:
        if self.badge is None:
            return
        centre = QPointF(self._rect.right() - 2, self._rect.top() + 2)
        painter.setPen(QPen(white, 2))
        painter.setBrush(QBrush(theme.badge[self.badge.severity]))
        painter.drawEllipse(centre, BADGE_RADIUS, BADGE_RADIUS)
        if self._badge_text is None:
            label = "!" if self.badge.count <= 1 else (str(self.badge.count) if self.badge.count < 10 else "9+")
            self._badge_text = static_text(label, self.theme.font(12, bold=True))
        size = self._badge_text.size()
        painter.setPen(white)
        painter.setFont(theme.font(12, bold=True))
        painter.drawStaticText(QPointF(centre.x() - size.width() / 2, centre.y() - size.height() / 2), self._badge_text)
