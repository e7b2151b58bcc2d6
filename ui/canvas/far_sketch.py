"""Far out on a big board, one item draws every card and link: the whole board at fit within a frame.

Tidy folds a big board into shelves so that fit shows all of it; at 2,000 cards that is 4,000 items
whose own paint calls (a coloured rectangle, a hairline each at that zoom) took ~29 ms a frame, nearly
all of it the per-item call. While the view is zoomed out past the point where cards and links are
only colour and hairlines, the scene marks its cards and links as having no contents (they still
take clicks and drags) and this item draws exactly what they would have drawn, in a few batched
calls. What it draws is read from the items once and kept (rectangles and lines, not a picture:
~0.2 MB at 2,000 cards) until the scene says something drawn changed (`invalidate`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.canvas.card_item import BADGE_RADIUS, CardItem
from ui.canvas.link_item import LOD_FAR, LinkItem
from ui.canvas.safe_paint import guarded_paint
from ui.canvas.theme import CARD_DIM, LINK_DIM, faded
from workshop.model import CardKind

SKETCH_FROM = 1000
"""Cards on a board before it is drawn far out by the sketch (smaller boards paint fast item by item)."""


TOUCHES = 4
"""Patches repainted around changed cards and links before the sketch repaints whole (a glide's slice)."""

_Shape = TypeVar("_Shape", QRectF, QLineF)


class _Group(Generic[_Shape]):
    """Shapes drawn with one pen or brush, and which item each one is: an item leaves its group by
    taking the last shape into its place (no list is rebuilt when one card changes)."""

    __slots__ = ("dimmed", "owners", "paint", "shapes")

    def __init__(self, dimmed: bool, paint: object) -> None:
        self.dimmed = dimmed
        self.paint = paint
        self.shapes: list[_Shape] = []
        self.owners: list[QGraphicsItem] = []


class _Layer(Generic[_Shape]):
    """One kind of shape (link lines, card rectangles, badge dots), grouped by how they are drawn and
    indexed by item, so that one item is put in, moved to another group or taken out in O(1)."""

    def __init__(self) -> None:
        self.groups: dict[tuple[object, ...], _Group[_Shape]] = {}
        self._slots: dict[QGraphicsItem, tuple[_Group[_Shape], int]] | None = None

    @property
    def slots(self) -> dict[QGraphicsItem, tuple[_Group[_Shape], int]]:
        """Where each item's shape is; indexed at the first edit after a reading, not by the reading
        (most readings are followed by another before any edit: a glide, a focus)."""
        if self._slots is None:
            self._slots = {
                owner: (group, index) for group in self.groups.values() for index, owner in enumerate(group.owners)
            }
        return self._slots

    def regroup_dimmed(self) -> None:
        """A focus dimmed or undimmed much of the board: each shape goes to the group of its item's
        dimming now. Pen and colour are kept plain (the paint fades the dimmed groups), so this moves
        shapes between lists and reads nothing else of the items (~1 ms at 2,000 cards)."""
        regrouped: dict[tuple[object, ...], _Group[_Shape]] = {}
        for key, group in self.groups.items():
            targets: dict[bool, _Group[_Shape]] = {}
            for dimmed in (False, True):
                target = regrouped.get((*key[:-1], dimmed))
                if target is None:
                    target = regrouped[(*key[:-1], dimmed)] = _Group(dimmed, group.paint)
                targets[dimmed] = target
            for shape, owner in zip(group.shapes, group.owners, strict=True):
                target = targets[owner.dimmed]  # type: ignore[attr-defined]
                target.shapes.append(shape)
                target.owners.append(owner)
        self.groups = regrouped
        self._slots = None

    def count(self) -> int:
        return sum(len(group.shapes) for group in self.groups.values())

    def put(self, item: QGraphicsItem, key: tuple[object, ...], make: Callable[[], object], shape: _Shape) -> None:
        slot = self.slots.get(item)
        if slot is not None:
            group, index = slot
            if group is self.groups.get(key):
                group.shapes[index] = shape
                return
            self.drop(item)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = _Group(bool(key[-1]), make())
        self.slots[item] = (group, len(group.shapes))
        group.shapes.append(shape)
        group.owners.append(item)

    def drop(self, item: QGraphicsItem) -> None:
        slot = self.slots.pop(item, None)
        if slot is None:
            return
        group, index = slot
        last_shape, last_owner = group.shapes.pop(), group.owners.pop()
        if index < len(group.shapes):
            group.shapes[index], group.owners[index] = last_shape, last_owner
            self.slots[last_owner] = (group, index)

    def painted(self) -> list[_Group[_Shape]]:
        """The groups that have any shape, for the paint."""
        return [group for group in self.groups.values() if group.shapes]

    def drawn(self) -> list[tuple[bool, object, list[_Shape]]]:
        """(dimmed, pen or colour, shapes) per group that has any, for tests and the paint."""
        return [(group.dimmed, group.paint, group.shapes) for group in self.groups.values() if group.shapes]


def _faded_colour(group: _Group[QRectF], amount: float) -> QColor:
    """A dimmed group's colour: its plain colour faded toward its cards' background."""
    return faded(group.paint, group.owners[0].theme.background, amount)  # type: ignore[arg-type,attr-defined]


def _faded_pen(group: _Group[QLineF], amount: float) -> QPen:
    """A dimmed group's hairline in its plain pen's colour faded toward its links' background."""
    plain: QPen = group.paint  # type: ignore[assignment]
    return QPen(faded(plain.color(), group.owners[0].theme.background, amount), 0)  # type: ignore[attr-defined]


def _plain_hairline(link: LinkItem) -> QPen:
    """The link's far-out hairline undimmed: a group keeps its plain pen whatever its dimming, so that a
    focus only moves shapes between groups (regroup_dimmed) and the paint fades the dimmed ones."""
    return QPen(link._make_pen().color(), 0)


def far_out(lod: float, overview_lod: float) -> bool:
    """True where a card is a plain coloured rectangle and a link a hairline (what the sketch draws)."""
    return lod < min(overview_lod, LOD_FAR)


class FarSketch(QGraphicsItem):
    def __init__(
        self,
        cards: Callable[[], Iterable[CardItem]],
        links: Callable[[], Iterable[LinkItem]],
        links_of: Callable[[CardItem], Iterable[LinkItem]],
        badged: Callable[[], Iterable[CardItem]],
    ) -> None:
        super().__init__()
        self._badged = badged
        self._cards = cards
        self._links = links
        self._links_of = links_of
        self._rect = QRectF()
        self._read_yet = False
        """False until the board is read (and again after `invalidate`): then the layers are what it shows."""
        self._lines: _Layer[QLineF] = _Layer()
        self._fills: _Layer[QRectF] = _Layer()
        self._dots: _Layer[QRectF] = _Layer()
        self._selected_links: set[LinkItem] = set()
        self._dirty_cards: dict[CardItem, bool] = {}
        """Cards to draw again at the next paint, and whether their links moved with them."""
        self._dirty_links: set[LinkItem] = set()
        self._refocus = False
        """A focus changed the dimming of many items: regroup every shape by dimming at the next paint."""
        self._lod = 1.0
        """The zoom of the last paint: a repaint's margin is in pixels."""
        self._touches = 0
        """Patches asked to repaint since the last paint (`_touch`)."""
        self.reads = 0
        """How often the whole board was read (for tests: an edit must not read it)."""
        self.setZValue(4)  # under the links (5) and cards (10) it stands in for, over the bands
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_extent(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def fallback_rect(self) -> QRectF:
        return QRectF()

    def invalidate(self) -> None:
        """Read the whole board again at the next paint (shown far out anew, a theme, a rebuild)."""
        self._read_yet = False
        self._refocus = False
        self._dirty_cards.clear()
        self._dirty_links.clear()
        self.update()

    def card_moved(self, card: CardItem) -> None:
        """A card moved and its links followed: at the next paint only its rectangle and its lines are
        drawn again, not the whole board (Tidy's glide and a bulk move move a slice of cards a frame)."""
        if not self._read_yet:
            self.update()
            return
        self._dirty_cards[card] = True
        self._touch_card(card)
        for link in self._links_of(card):
            self._touch_link(link)

    def card_changed(self, card: CardItem) -> None:
        """A card came, went, or changed its colour, band, size, badge or dimming: its rectangle moves
        between colour groups at the next paint. A card's text is never drawn here."""
        if not self._read_yet:
            self.update()
            return
        self._dirty_cards.setdefault(card, False)
        self._touch_card(card)

    def link_changed(self, link: LinkItem) -> None:
        """A link came, went, or changed its style, dimming or visibility: one line at the next paint."""
        if not self._read_yet:
            self.update()
            return
        self._dirty_links.add(link)
        self._touch_link(link)

    def _touch_card(self, card: CardItem) -> None:
        reach = BADGE_RADIUS * 2  # the badge's dot sticks out at the top right
        now = card._rect.translated(card.pos())
        self._touch(now.adjusted(-reach, -reach, reach, reach), 8.0)
        slot = self._fills.slots.get(card)
        if slot is not None and slot[0].shapes[slot[1]] != now:  # where it was drawn, if elsewhere
            self._touch(slot[0].shapes[slot[1]].adjusted(-reach, -reach, reach, reach), 8.0)

    def _touch_link(self, link: LinkItem) -> None:
        self._touch(QRectF(link._line.p1(), link._line.p2()).normalized(), 2.0)
        slot = self._lines.slots.get(link)
        if slot is not None and slot[0].shapes[slot[1]] != link._line:
            drawn = slot[0].shapes[slot[1]]
            self._touch(QRectF(drawn.p1(), drawn.p2()).normalized(), 2.0)

    def _touch(self, rect: QRectF, margin_px: float) -> None:
        """Repaint around what changed, not the whole sketch: far out a whole frame of a 2,000-card
        board is ~10 ms, the patch around one card ~2 ms (an edit's analysis changing one badge made the
        whole board repaint in the same turn). Past a few patches a frame, the whole of it: a clip of
        many scattered rectangles costs as much as the whole frame."""
        if self._touches > TOUCHES:
            return
        self._touches += 1
        if self._touches > TOUCHES:
            self.update()
            return
        margin = margin_px / max(self._lod, 1e-6)  # the selection's outline and the pens, in pixels
        self.update(rect.adjusted(-margin, -margin, margin, margin))

    def focus_changed(self) -> None:
        """The dimming of any number of cards and links changed (a focus set or cleared)."""
        if self._read_yet:
            self._refocus = True
        self.update()

    def selection_changed(self) -> None:
        """Selected cards are outlined over the kept drawing at each paint; a selected link is drawn in
        the selection's colour, so the links whose selection changed are drawn again."""
        if self._read_yet:
            selected = self._selected_now()
            self._dirty_links |= selected ^ self._selected_links
            self._selected_links = selected
        self.update()

    def _selected_now(self) -> set[LinkItem]:
        scene = self.scene()
        if scene is None:
            return set()
        return {item for item in scene.selectedItems() if isinstance(item, LinkItem)}

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self._lod, self._touches = lod, 0
        # a few items changed: draw those again; most of the board (a bulk move at once): read it all
        self.prepare()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        # dimmed groups are painted in opaque faded colours, not the painter's opacity (see theme.faded)
        for group in self._lines.painted():
            painter.setPen(_faded_pen(group, LINK_DIM) if group.dimmed else group.paint)
            painter.drawLines(group.shapes)
        painter.setPen(Qt.PenStyle.NoPen)
        for group in self._fills.painted():
            painter.setBrush(_faded_colour(group, CARD_DIM) if group.dimmed else group.paint)
            painter.drawRects(group.shapes)
        scene = self.scene()
        chosen = [item for item in scene.selectedItems() if isinstance(item, CardItem)] if scene is not None else []
        if chosen:
            painter.setPen(QPen(chosen[0].theme.selection, 6 / max(lod, 0.05)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects([card.scene_card_rect() for card in chosen])
        painter.setPen(Qt.PenStyle.NoPen)
        for group in self._dots.painted():
            painter.setBrush(_faded_colour(group, CARD_DIM) if group.dimmed else group.paint)
            painter.drawRects(group.shapes)

    def needs_reading(self) -> bool:
        """True when the next paint would read the whole board (never read, or most of it changed)."""
        return not self._read_yet or self._many_dirty()

    def prepare(self) -> None:
        """Bring the kept drawing up to date now rather than in the next paint (a turn of its own)."""
        if self.needs_reading():
            self._read()
        else:
            self._follow()

    def _many_dirty(self) -> bool:
        return len(self._dirty_cards) + len(self._dirty_links) > self._fills.count() // 4

    def badges_changed(self) -> None:
        """The analysis set new badges: only the dots are read again, not the whole board."""
        if self._read_yet:
            self._read_dots()
        self.update()

    def drawing(self) -> dict[str, dict[tuple[object, ...], list[tuple[float, ...]]]]:
        """What the sketch draws now, per layer and group, in a stable order: a sketch kept up to date
        edit by edit must draw what one reading the board afresh draws (tests compare the two)."""
        self.prepare()
        out: dict[str, dict[tuple[object, ...], list[tuple[float, ...]]]] = {}
        for name, layer in (("lines", self._lines), ("fills", self._fills), ("dots", self._dots)):
            groups: dict[tuple[object, ...], list[tuple[float, ...]]] = {}
            for key, group in layer.groups.items():
                if group.shapes:
                    groups[key] = sorted(_coords(shape) for shape in group.shapes)
            out[name] = groups
        return out

    def _dot(self, card: CardItem) -> QRectF:
        reach = BADGE_RADIUS * 2
        corner = card.pos()
        return QRectF(corner.x() + card._rect.right() - reach, corner.y() - reach, 2 * reach, 2 * reach)

    def _place_dot(self, card: CardItem) -> None:
        badge = card.badge
        if badge is None:
            self._dots.drop(card)
            return
        colour = card.theme.badge[badge.severity]
        self._dots.put(card, (colour.rgba(), card.dimmed), lambda: colour, self._dot(card))

    def _place_card(self, card: CardItem, scene: object) -> None:
        if card.scene() is not scene:  # removed from the board
            self._fills.drop(card)
            self._dots.drop(card)
            return
        content = card.content
        key = (None if content.kind == CardKind.STRATEGIC else content.colour, card.dimmed)
        self._fills.put(card, key, card.far_colour, card._rect.translated(card.pos()))
        self._place_dot(card)

    def _place_link(self, link: LinkItem, scene: object) -> None:
        if link.scene() is not scene or link._length < 1 or not link.isVisible():
            self._lines.drop(link)
            return
        key = (link.theme.name, link.style, link in self._selected_links, link.dimmed)
        self._lines.put(link, key, lambda: _plain_hairline(link), link._line)

    def _follow(self) -> None:
        """Draw again only the items that changed since the last paint (an edit: a handful)."""
        if self._refocus:
            self._refocus = False
            for layer in (self._lines, self._fills, self._dots):
                layer.regroup_dimmed()
        if not self._dirty_cards and not self._dirty_links:
            return
        scene = self.scene()
        links = self._dirty_links
        for card, moved in self._dirty_cards.items():
            self._place_card(card, scene)
            if moved:
                links.update(self._links_of(card))
        for link in links:
            self._place_link(link, scene)
        self._dirty_cards.clear()
        links.clear()

    def _read(self) -> None:
        """Every card's rectangle by colour, its badge's dot, and every visible link's line by pen: one
        pass, plain attribute reads (once after the board is shown far out or rebuilt, or after an
        edit of a quarter of it: ~6 ms at 2,000 cards)."""
        self.reads += 1
        self._read_yet = True
        self._refocus = False
        self._dirty_cards.clear()
        self._dirty_links.clear()
        self._selected_links = selected = self._selected_now()
        lines: _Layer[QLineF] = _Layer()
        groups = lines.groups
        for link in self._links():
            if link._length < 1 or not link.isVisible():
                continue
            key = (link.theme.name, link.style, link in selected, link.dimmed)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(link.dimmed, _plain_hairline(link))
            group.shapes.append(link._line)
            group.owners.append(link)
        fills: _Layer[QRectF] = _Layer()
        fill_groups = fills.groups
        strategic = CardKind.STRATEGIC
        for card in self._cards():
            content = card.content
            dimmed = card.dimmed
            key = (None if content.kind == strategic else content.colour, dimmed)
            group = fill_groups.get(key)
            if group is None:
                group = fill_groups[key] = _Group(dimmed, card.far_colour())
            group.shapes.append(card._rect.translated(card.pos()))
            group.owners.append(card)
        self._lines, self._fills = lines, fills
        self._read_dots()

    def _read_dots(self) -> None:
        dots: _Layer[QRectF] = _Layer()
        groups = dots.groups
        reach = BADGE_RADIUS * 2
        for card in self._badged():
            badge = card.badge
            if badge is None:
                continue
            colour = card.theme.badge[badge.severity]
            key = (colour.rgba(), card.dimmed)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(card.dimmed, colour)
            corner = card.pos()
            group.shapes.append(
                QRectF(corner.x() + card._rect.right() - reach, corner.y() - reach, 2 * reach, 2 * reach)
            )
            group.owners.append(card)
        self._dots = dots


def _coords(shape: QRectF | QLineF) -> tuple[float, ...]:
    if isinstance(shape, QLineF):
        return (shape.x1(), shape.y1(), shape.x2(), shape.y2())
    return (shape.x(), shape.y(), shape.width(), shape.height())
