"""The picture's legend: what the card colours, link styles and badges on it mean.

Only what the picture shows is explained (a slide has no room for a key to things that are not
there). Colours and pens are read from the scene's own items and theme, so the key matches the
drawing; labels are drawn as plain text (QPainter.drawText never reads markup), and a function's
name, which a participant may have typed, is put on one line and elided.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LinkItem, LinkStyle
from ui.canvas.theme import Theme, font_of
from workshop.findings import SEVERITY_ORDER, Severity
from workshop.model import CardKind, Function, FunctionKind, Workshop

TEXT_PX = 17
HEADING_PX = 17
SWATCH_W, SWATCH_H = 30.0, 18.0
GAP = 10.0
"""Between a swatch and its words."""
ENTRY_GAP = 30.0
ROW_GAP = 10.0
NAME_CHARS = 40
"""A function's name is cut (with …) beyond this many characters: one name must not fill the key."""
LABEL_MAX = 560.0
"""Any label is cut beyond this width (design units), whatever the font makes of its characters."""


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardPicture", text)


class Swatch(StrEnum):
    CARD = "card"
    KPI = "kpi"
    LINK = "link"
    BADGE = "badge"


@dataclass(frozen=True)
class Entry:
    swatch: Swatch
    label: str
    colour: QColor
    pen: QPen | None = None
    """For a link: the pen its line is drawn with on the board."""
    style: LinkStyle | None = None


@dataclass(frozen=True)
class Group:
    heading: str
    entries: tuple[Entry, ...]


_LINK_WORDS = {
    LinkStyle.PLAIN: "contributes to (arrow points to the goal served)",
    LinkStyle.DIRECT: "declared direct-impact exception",
    LinkStyle.AROUND: "around: support goal linked straight to strategy",
    LinkStyle.SUGGESTION: "suggested by a participant, not yet decided",
}
_BADGE_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def legend_groups(
    ws: Workshop, theme: Theme, cards: list[CardItem], links: list[LinkItem], function_ids: set[str]
) -> list[Group]:
    """The key to what these cards (of these functions) and links show, in the board's order: cards,
    links, findings."""
    groups: list[Group] = []
    card_entries: list[Entry] = []
    kinds = {card.content.kind for card in cards}
    if CardKind.STRATEGIC in kinds:
        card_entries.append(Entry(Swatch.CARD, tr("Strategic goal"), theme.strategic_header))
    for function in _functions_in_band_order(ws):
        if function.id in function_ids:
            kind = tr("support") if function.kind == FunctionKind.SUPPORT else tr("customer-facing")
            card_entries.append(Entry(Swatch.CARD, f"{_short(function.name)} ({kind})", QColor(function.colour)))
    if CardKind.KPI in kinds:
        card_entries.append(Entry(Swatch.KPI, tr("KPI or incentive (dashed border)"), theme.card_border))
    if card_entries:
        groups.append(Group(tr("Cards"), tuple(card_entries)))
    pens = {}
    for link in links:
        pens.setdefault(link.style, link.drawing_pens()[0])
    link_entries = tuple(
        Entry(Swatch.LINK, tr(_LINK_WORDS[style]), pens[style].color(), QPen(pens[style]), style)
        for style in LinkStyle
        if style in pens
    )
    if link_entries:
        groups.append(Group(tr("Links"), link_entries))
    severities = sorted({card.badge.severity for card in cards if card.badge is not None}, key=SEVERITY_ORDER.get)
    if severities:
        groups.append(
            Group(
                tr("Findings"),
                tuple(Entry(Swatch.BADGE, tr(_BADGE_WORDS[s]), theme.badge[s]) for s in severities),
            )
        )
    return groups


def _functions_in_band_order(ws: Workshop) -> list[Function]:
    facing = [f for f in ws.functions if f.kind != FunctionKind.SUPPORT]
    return facing + [f for f in ws.functions if f.kind == FunctionKind.SUPPORT]


def _short(name: str) -> str:
    """A function's name on one line, cut (with …) so that its kind after it still shows."""
    name = one_line(name)
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def one_line(text: str) -> str:
    """Any run of white space (newlines, tabs, line separators) becomes one space."""
    return " ".join(text.split())


class Legend:
    """Lays the groups out in rows across a width, then paints them (design units, see render.py)."""

    def __init__(self, groups: list[Group], width: float, theme: Theme, text_colour: QColor) -> None:
        self.groups = groups
        self.theme = theme
        self.text_colour = text_colour
        self.font = font_of(TEXT_PX)
        self.heading_font = font_of(HEADING_PX, bold=True)
        self._metrics = QFontMetricsF(self.font)
        self._heading_metrics = QFontMetricsF(self.heading_font)
        self.row_height = max(self._metrics.height(), SWATCH_H) + ROW_GAP
        self._placed: list[tuple[QPointF, Entry | str, str]] = []
        self.height = self._lay_out(width) if groups else 0.0

    def _lay_out(self, width: float) -> float:
        x, y = 0.0, 0.0
        for group in self.groups:
            heading = group.heading + ":"
            heading_w = self._heading_metrics.horizontalAdvance(heading) + GAP
            if x > 0.0:  # each group starts on a new row: the key reads as three short lists
                x, y = 0.0, y + self.row_height
            self._placed.append((QPointF(x, y), heading, heading))
            x += heading_w
            for entry in group.entries:
                label = self._metrics.elidedText(entry.label, Qt.TextElideMode.ElideRight, LABEL_MAX)
                entry_w = SWATCH_W + GAP + self._metrics.horizontalAdvance(label)
                if x > heading_w and x + entry_w > width:
                    x, y = heading_w, y + self.row_height
                self._placed.append((QPointF(x, y), entry, label))
                x += entry_w + ENTRY_GAP
        return y + self.row_height

    def paint(self, painter: QPainter, origin: QPointF) -> None:
        for at, what, label in self._placed:
            point = origin + at
            if isinstance(what, str):
                self._text(painter, point, label, self.heading_font)
                continue
            self._swatch(painter, QRectF(point.x(), point.y() + 1, SWATCH_W, SWATCH_H), what)
            self._text(painter, QPointF(point.x() + SWATCH_W + GAP, point.y()), label, self.font)

    def _text(self, painter: QPainter, point: QPointF, text: str, font: QFont) -> None:
        painter.setFont(font)
        painter.setPen(self.text_colour)
        metrics = QFontMetricsF(font)
        box = QRectF(point.x(), point.y(), metrics.horizontalAdvance(text) + 4, max(metrics.height(), SWATCH_H) + 2)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)

    def _swatch(self, painter: QPainter, box: QRectF, entry: Entry) -> None:
        theme = self.theme
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if entry.swatch == Swatch.CARD:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(entry.colour)
            painter.drawRoundedRect(box, 4, 4)
        elif entry.swatch == Swatch.KPI:
            pen = QPen(theme.card_border, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(theme.card_fill)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 4, 4)
        elif entry.swatch == Swatch.BADGE:
            painter.setPen(QPen(QColor("#FFFFFF"), 2))
            painter.setBrush(entry.colour)
            radius = box.height() / 2
            painter.drawEllipse(QPointF(box.center().x(), box.center().y()), radius, radius)
        elif entry.pen is not None:
            self._link(painter, box, entry)
        painter.restore()

    def _link(self, painter: QPainter, box: QRectF, entry: Entry) -> None:
        """A short arrow drawn with the link's own pen (the direct-impact line's white core included)."""
        pen = QPen(entry.pen)
        y = box.center().y()
        tip = QPointF(box.right(), y)
        line = QLineF(box.left(), y, box.right() - 8, y)
        painter.setPen(pen)
        painter.drawLine(line)
        if entry.style == LinkStyle.DIRECT:
            core = QPen(self.theme.background if self.theme.name == "projector" else QColor("#FFFFFF"))
            core.setWidthF(pen.widthF() / 3)
            painter.setPen(core)
            painter.drawLine(line)
        size = 9.0 + pen.widthF()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(
            QPolygonF([tip, QPointF(tip.x() - size, y - size * 0.45), QPointF(tip.x() - size, y + size * 0.45)])
        )
