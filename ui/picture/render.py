"""A picture of the board: the workshop's title, the bands with their names, the board, and its key.

Laid out in design units on a page 1,920 wide (a full-HD slide), so the picture looks the same at
every width and only gets sharper: a PNG is drawn at the pixel size asked for (a QImage of that size,
the painter scaled once, the scene rendered into its target rectangle), never drawn small and
scaled up. An SVG is drawn with the board at scale 1 or more in its own units, so every card shows
its full text whatever the board's size (the board's level of detail would otherwise draw a big
board's cards as plain boxes), and the text stays text (<text> elements) a slide tool can edit.

Background: white in the normal look, the projector's own dark in the projector look. Not
transparent: a picture pasted into a chat with a dark theme, or on a coloured slide, would lose the
dark words of the title, band names and key against it; white is what a slide usually is anyway.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LinkItem
from ui.canvas.theme import font_of
from ui.picture.board import Look, PictureBoard
from ui.picture.legend import Legend, legend_groups, one_line, tr
from workshop.model import Band, Workshop
from workshop.picture_files import check_pixels, check_width

DESIGN_WIDTH = 1920.0
MARGIN = 32.0
GUTTER = 200.0
"""Room at the left for the band names, beside the board rather than over its cards."""
TITLE_PX, SUBTITLE_PX, BAND_PX = 30, 18, 19
BAND_PAD = 12.0
SEAM = 1.0
"""The gutter's band colour reaches this far under the board: two antialiased edges meeting at a
fraction of a pixel left a pale line between a band's name and the band."""
TITLE_GAP = 18.0
LEGEND_GAP = 22.0
SVG_DPI = 96


@dataclass
class Plan:
    """Where everything goes, in design units."""

    board: PictureBoard
    ws: Workshop
    scale: float
    """Design units per scene unit."""
    board_rect: QRectF
    title: str
    subtitle: str
    legend: Legend
    height: float

    @property
    def ink(self) -> QColor:
        return QColor(self.board.theme.card_text if self.board.look == Look.NORMAL else self.board.theme.band_label)

    @property
    def muted(self) -> QColor:
        return QColor(self.board.theme.band_label if self.board.look == Look.NORMAL else "#B8BCC4")

    @property
    def background(self) -> QColor:
        return QColor("#FFFFFF") if self.board.look == Look.NORMAL else QColor(self.board.theme.background)


def plan_picture(board: PictureBoard, ws: Workshop) -> Plan:
    source = board.source
    inner = DESIGN_WIDTH - 2 * MARGIN
    scale = (inner - GUTTER) / max(source.width(), 1.0)
    meta = ws.meta
    subtitle = " · ".join(
        part for part in (one_line(meta.organisation), meta.date.isoformat() if meta.date else "") if part
    )
    top = MARGIN + QFontMetricsF(font_of(TITLE_PX, bold=True)).height()
    if subtitle:
        top += QFontMetricsF(font_of(SUBTITLE_PX)).height()
    top += TITLE_GAP
    board_rect = QRectF(MARGIN + GUTTER, top, inner - GUTTER, source.height() * scale)
    cards, links, functions = _shown(board)
    legend = Legend(legend_groups(ws, board.theme, cards, links, functions), inner, board.theme, QColor())
    height = board_rect.bottom() + (LEGEND_GAP + legend.height if legend.height else 0.0) + MARGIN
    plan = Plan(board, ws, scale, board_rect, one_line(meta.title), subtitle, legend, height)
    legend.text_colour = plan.ink
    return plan


def _shown(board: PictureBoard) -> tuple[list[CardItem], list[LinkItem], set[str]]:
    """The cards and links in the picture (a view shows part of the board), and their functions."""
    scene, source = board.scene, board.source
    cards = [card for card in scene.cards().values() if card.scene_card_rect().intersects(source)]
    links = [link for link in scene.links().values() if link.sceneBoundingRect().intersects(source)]
    functions = {f for f in (scene.card_function(card.card_id) for card in cards) if f}
    return cards, links, functions


def paint_picture(painter: QPainter, plan: Plan) -> None:
    """Everything, in design units (the caller has scaled the painter to its device)."""
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    painter.fillRect(QRectF(0, 0, DESIGN_WIDTH, plan.height), plan.background)
    painter.save()
    painter.setClipRect(plan.board_rect)
    plan.board.scene.render(painter, plan.board_rect, plan.board.source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    _cover_outside(painter, plan)
    _paint_title(painter, plan)
    _paint_band_names(painter, plan)
    if plan.legend.height:
        plan.legend.paint(painter, QPointF(MARGIN, plan.board_rect.bottom() + LEGEND_GAP))


def _cover_outside(painter: QPainter, plan: Plan) -> None:
    """Paint the background over whatever the scene drew outside the board's rectangle.

    Qt's SVG generator ignores clipping: a band (wider than the cards) or a card half in the window's
    view spilled over the title, the gutter and the key. Only items that meet the part shown are
    drawn at all, so what is covered is the rest of a band or of a card cut by the picture's edge.
    """
    rect, full = plan.board_rect, QRectF(0, 0, DESIGN_WIDTH, plan.height)
    for outside in (
        QRectF(full.left(), full.top(), full.width(), rect.top() - full.top()),
        QRectF(full.left(), rect.bottom(), full.width(), full.bottom() - rect.bottom()),
        QRectF(full.left(), rect.top(), rect.left() - full.left(), rect.height()),
        QRectF(rect.right(), rect.top(), full.right() - rect.right(), rect.height()),
    ):
        painter.fillRect(outside, plan.background)


def _paint_title(painter: QPainter, plan: Plan) -> None:
    width = DESIGN_WIDTH - 2 * MARGIN
    y = MARGIN
    for text, font, colour in (
        (plan.title, font_of(TITLE_PX, bold=True), plan.ink),
        (plan.subtitle, font_of(SUBTITLE_PX), plan.muted),
    ):
        if not text:
            continue
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(colour)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(MARGIN, y, width, metrics.height()), int(Qt.AlignmentFlag.AlignLeft), shown)
        y += metrics.height()


def _paint_band_names(painter: QPainter, plan: Plan) -> None:
    """Each band continues into the gutter at the left, its name at the top of what the picture shows
    of it; a band too thin for its name there is left unnamed rather than overprinted."""
    board, rect, scale = plan.board, plan.board_rect, plan.scale
    font = font_of(BAND_PX, bold=True)
    metrics = QFontMetricsF(font)
    for item in board.bands():
        index = list(Band).index(item.band)
        band_rect = item.rect()
        top = rect.top() + (band_rect.top() - board.source.top()) * scale
        bottom = rect.top() + (band_rect.bottom() - board.source.top()) * scale
        top, bottom = max(top, rect.top()), min(bottom, rect.bottom())
        if bottom <= top:
            continue
        strip = QRectF(MARGIN, top, rect.left() - MARGIN + SEAM, bottom - top)
        painter.fillRect(strip, board.theme.band_fill[index])
        title = item.title()
        box = strip.adjusted(BAND_PAD, BAND_PAD * 0.75, -BAND_PAD, -BAND_PAD * 0.5)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(box, flags, title)
        if needed.height() > box.height() or needed.width() > box.width() + 0.5:
            continue
        painter.setFont(font)
        painter.setPen(board.theme.band_label)
        painter.drawText(box, flags, title)


def png_bytes(board: PictureBoard, ws: Workshop, width: int) -> bytes:
    """The picture as a PNG `width` pixels wide, drawn at that size."""
    check_width(width)
    plan = plan_picture(board, ws)
    factor = width / DESIGN_WIDTH
    height = max(1, math.ceil(plan.height * factor))
    check_pixels(width, height)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(plan.background)
    painter = QPainter(image)
    try:
        painter.scale(factor, factor)
        paint_picture(painter, plan)
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode the PNG")
    return bytes(buffer.data().data())


def svg_bytes(board: PictureBoard, ws: Workshop, width: int) -> bytes:
    """The picture as an SVG `width` pixels wide, the board drawn at full detail, text as text."""
    check_width(width)
    plan = plan_picture(board, ws)
    units = max(1.0, 1.0 / plan.scale)  # SVG units per design unit: the board at scale >= 1
    height = max(1, math.ceil(plan.height * width / DESIGN_WIDTH))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(SVG_DPI)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRectF(0, 0, DESIGN_WIDTH * units, plan.height * units))
    generator.setTitle(plan.title or tr("Goal tree"))
    generator.setDescription(tr("The goal tree board of a Via alignment workshop"))
    painter = QPainter(generator)
    try:
        painter.scale(units, units)
        paint_picture(painter, plan)
    finally:
        painter.end()
    return xml_safe(with_font_fallbacks(bytes(buffer.data().data())))


_FAMILY = re.compile(rb'font-family="([^"]*)"')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 does not allow anywhere, escaped or not."""


def xml_safe(svg: bytes) -> bytes:
    """Drop the characters no XML reader accepts: Qt writes a participant's U+FFFF into the text as it
    is, and the whole file would then fail to open ("not well-formed") in a browser or a slide tool."""
    text = svg.decode("utf-8", "replace")
    cleaned = _NOT_XML.sub("", text)
    return svg if cleaned == text else cleaned.encode("utf-8")


def with_font_fallbacks(svg: bytes) -> bytes:
    """Name the font Qt really drew with, then a generic family, in every font-family attribute.

    Qt writes the requested family, which for the default font is a fontconfig alias ("Sans Serif")
    that browsers and slide tools do not know: they fell back to a serif font, and the words no
    longer fitted the cards they were wrapped for. Participants' text is never in an attribute (it is
    escaped text content), so rewriting the attribute touches only what Qt wrote.
    """
    resolved = QFontInfo(font_of(15)).family()
    families = [resolved] if resolved else []

    def better(match: re.Match[bytes]) -> bytes:
        named = match.group(1).decode("utf-8", "replace")
        names = [*families, *([named] if named and named not in families else []), "sans-serif"]
        listed = ", ".join(n if n == "sans-serif" else "'" + n.replace("'", "") + "'" for n in names)
        return b'font-family="' + html.escape(listed, quote=False).replace('"', "&quot;").encode("utf-8") + b'"'

    return _FAMILY.sub(better, svg)


def picture_bytes(board: PictureBoard, ws: Workshop, fmt: str, width: int) -> bytes:
    return svg_bytes(board, ws, width) if fmt == "svg" else png_bytes(board, ws, width)
