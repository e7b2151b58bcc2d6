"""The board's scene: follows the document and keeps one item per card, link and suggestion.

The scene never edits the model. It listens to `Document.changed` (updating only what
`change.touched()` names) and `Document.reset` (rebuilding), and keeps private id -> item maps;
items hold ids, not model objects. Gestures that end in an edit (a finished drag, a link drawn
from a card's handle, a committed text) go through `Document.edit`, and the scene updates when the
document announces the change, exactly as it does for undo and redo.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRectF, QSizeF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene

from ui.canvas.band_item import BandItem
from ui.canvas.card_item import Badge, CardContent, CardItem
from ui.canvas.editing import EditingMixin
from ui.canvas.far_sketch import SKETCH_FROM, FarSketch, far_out
from ui.canvas.gestures import GesturesMixin
from ui.canvas.link_item import LinkItem, LinkStyle, SuggestionButton
from ui.canvas.rect_grid import RectGrid
from ui.canvas.theme import NORMAL, Theme
from ui.document import Document
from ui.pacing import next_turn
from workshop.build_progress import GOALS_PER_STEP, BuildProgress
from workshop.changes import Change, Part
from workshop.findings import SEVERITY_ORDER, Analysis
from workshop.gcpause import collector_paused
from workshop.geometry import BANDS, CARD_WIDTH, Stripe, stripes
from workshop.layout.projector import Reflow, reflow
from workshop.layout.slots import grid_positions, layout_positions
from workshop.model import (
    Band,
    CardKind,
    Collection,
    Function,
    Goal,
    Kpi,
    Link,
    LinkKind,
    LinkSuggestion,
    SuggestionStatus,
    band_of_function,
)

SIDE_MARGIN = 320.0
LABEL_PLACES = (0.5, *(0.5 + sign * step / 100 for step in range(4, 48, 4) for sign in (-1, 1)))
"""Where along its line a link's tag may go on the reflowed board, nearest the middle first."""
BULK_MOVE = 200
"""Cards moved by one change from which the scene moves them in slices, with its index set aside (Tidy,
its undo and redo on a big board): Qt's BSP index costs seconds for thousands of moves, and one
event-loop turn for all of them would freeze the window."""
SLICED_REBUILD_FROM = 1000
"""Goals from which opening a workshop builds the board in slices (~0.1 ms a card)."""
SLICED_LOOK_FROM = 500
"""Cards from which a new look (projector mode on or off: every card's type, and the layout for the
screen or back to the desk's places) is applied in slices between the window's events: at 2,000 cards
the restyle alone took ~0.3 s and each layout ~0.1 s, in one go."""
SLICE_MS = 7.0
"""Work per slice of a build, a look or a bulk move; the window repaints and answers input in between.
A slice costs more than its own time: Qt indexes and polishes the new items in a queued call after it
(9-13 ms after a 12-14 ms slice at 2,000 goals), and the outline's slice falls due in the same turn.
At 12 ms a turn of opening a 2,000-goal file took 35-50 ms; at 7 ms, 20-36."""


class BoardScene(GesturesMixin, EditingMixin, QGraphicsScene):
    linkDropped = Signal(str, str)
    """A link drag ended on another card: (source goal id, target goal id). The view decides."""
    editorTyped = Signal(str, str)
    """(card id, text): the text in a card's in-place editor changed (not yet in the model): autosave
    keeps it too."""
    editorClosed = Signal()
    """The in-place editor closed (its text became an edit, or was thrown away)."""
    suggestionDecided = Signal(str, bool)
    """A suggestion's ✓ or ✗ on the board was clicked: (suggestion id, accept). The view decides, since
    accepting a support-to-strategy link asks the same question as drawing it."""
    pressing = Signal()
    """A mouse press is about to be handled: anything moving cards on its own must stop first."""
    message = Signal(str)
    """A sentence for the facilitator about an edit on the board (text kept, cut or refused)."""
    buildProgress = Signal(int)
    """How far a big board's sliced build has come, in percent, once it has taken over half a second
    (`BuildProgress`); -1 when it is over."""
    rebuilt = Signal()
    """A sliced rebuild (see `rebuild`) has built the whole board."""
    bulkMoveDone = Signal()
    """A bulk move (see BULK_MOVE) has put its last card where the model says."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.theme: Theme = NORMAL
        self._cards: dict[str, CardItem] = {}
        self._card_function: dict[str, str | None] = {}
        self._links: dict[str, LinkItem] = {}
        self._links_by_card: dict[str, set[str]] = {}
        self._auto: dict[str, tuple[float, float]] = {}
        self._auto_before: dict[tuple[str, Band], tuple[float, float]] = {}
        """Screen places cards had in a band they left: an undo puts them back exactly there."""
        self._bands: dict[Band, BandItem] = {}
        """The first shelf's stripes (the only ones on a board Tidy has not folded)."""
        self._shelf_bands: list[BandItem] = []
        """The stripes of the lower shelves, in the order of `_stripes` after the first three."""
        self._stripes: list[Stripe] = stripes([])
        self._sketch: FarSketch | None = None
        """Draws every card and link while a big board is seen far out (`set_far`)."""
        self._far = False
        self._by_subject: dict[str, list] = {}
        self._focus: set[str] | None = None
        self._builder: Iterator[None] | None = None
        """A sliced rebuild under way (see `rebuild`), or a sliced new look (`_look_steps`)."""
        self._look: Iterator[None] | None = None
        """The builder when it is a new look rather than a rebuild."""
        self._progress: BuildProgress | None = None
        """How far a sliced rebuild has come (a look says nothing: its old picture stays meanwhile)."""
        self._restyle_due: Theme | None = None
        self._relayout_due = False
        self._in_slice = False
        self._slice_scheduled = False
        self._pending_moves: dict[str, None] = {}
        self._ending_move = False
        """The last slice of a bulk move is done; the index, the extent and the repaint follow in a turn
        of their own (with a slice in the same turn the window froze past 50 ms at 2,000 cards)."""
        """Cards whose item has yet to follow the model's position (a bulk move under way), in order."""
        self._reflow_for: tuple[QSizeF, float] | None = None
        """Projector mode: the viewport area (pixels) and the largest zoom the board is reflowed for."""
        self._reflow: Reflow | None = None
        """The display layout in force (projector mode), or None: cards at the model's positions."""
        self._reflow_heights: dict[str, float] = {}
        """The card heights that layout was made for: typing that makes no card taller keeps it."""
        self._init_gestures()
        self._init_editing()
        self.pressing.connect(self.finish_rebuild)
        self.pressing.connect(self.finish_moves)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.changed.connect(self._on_changed)
        self.selectionChanged.connect(self._sketch_selection)
        document.reset.connect(self.rebuild)
        with collector_paused():
            self._rebuild()  # the first build is whole: whoever makes a board reads it at once

    # --- lookups (read-only for the view and tests) ---------------------------------------------

    def card(self, card_id: str) -> CardItem | None:
        self.finish_rebuild()
        return self._cards.get(card_id)

    def link(self, link_id: str) -> LinkItem | None:
        self.finish_rebuild()
        return self._links.get(link_id)

    def cards(self) -> dict[str, CardItem]:
        self.finish_rebuild()
        return dict(self._cards)

    def links(self) -> dict[str, LinkItem]:
        self.finish_rebuild()
        return dict(self._links)

    def band_item(self, band: Band) -> BandItem:
        """The band's stripe on the first shelf (the whole band on a board of one shelf)."""
        return self._bands[band]

    def band_items(self) -> list[BandItem]:
        """Every stripe drawn, shelf by shelf, top to bottom (projector mode: the reflow's three)."""
        if self._reflow is not None:
            return list(self._bands.values())
        return [*self._bands.values(), *self._shelf_bands]

    def stripes(self) -> list[Stripe]:
        """The board's stripes where its cards are now (`workshop.geometry.stripes`): a dragged or
        dropped card stays in the stripe of its band nearest to it."""
        return list(self._stripes)

    def card_function(self, card_id: str) -> str | None:
        return self._card_function.get(card_id)

    def links_of(self, card_id: str) -> list[LinkItem]:
        self.finish_rebuild()
        return [self._links[i] for i in self._links_by_card.get(card_id, ()) if i in self._links]

    def reflowed(self) -> bool:
        """True while the cards are shown at the projector layout's places rather than the model's."""
        return self._reflow_for is not None

    def desk_place(self, card_id: str) -> tuple[float, float]:
        """Where a card stands on the desk's board: its saved place, else the place the board gave a
        card that has none. The same while the projector shows it elsewhere (see `reflowed`)."""
        saved = self.document.workshop.positions.get(card_id)
        if saved is not None:
            return (saved.x, saved.y)
        return self._auto.get(card_id, (0.0, 0.0))

    def reflow_rect(self) -> QRectF | None:
        """What projector mode frames: every band, from the first column to the last (None at the desk)."""
        self.finish_rebuild()
        if self._reflow is None:
            return None
        return QRectF(0.0, 0.0, self._reflow.width, self._reflow.height)

    def set_reflow(self, area: QSizeF | None, max_scale: float = 1.0) -> None:
        """Projector mode (an area): show the cards reflowed for a viewport of that many pixels, as
        display positions only; None: back to where the model (or the automatic placing) puts them."""
        wanted = None if area is None else (QSizeF(area), max_scale)
        if wanted == self._reflow_for:
            return
        self._reflow_for = wanted
        if self._builder is not None and self._builder is not self._look:
            # the build ends by laying the board out for what is asked then, and again if asked meanwhile
            if wanted is None:
                self._reflow = None
            self._relayout_due = True
            return
        if wanted is None:
            self._reflow = None
            self.finish_moves()
        if not self._relayout_in_slices():
            self._relayout_now()

    def _relayout_in_slices(self) -> bool:
        """On a big board, lay the board out again as a sliced look (started now, or taken on by the one
        under way) and say so; False: the caller lays it out at once (`_relayout_now`)."""
        if not self._sliced_look():
            return False
        self._relayout_due = True
        self._start_look()
        return True

    def _relayout_now(self) -> None:
        for _ in self._relayout_steps():
            pass

    def _relayout_steps(self) -> Iterator[None]:
        """The cards where projector mode's layout puts them, or back at the desk's places, with Qt's
        index set aside meanwhile on a big board: every card moves and every link's tag may too, and
        each change under the index cost ~1 ms at 5,000 cards (a tag's link spans much of the board)."""
        aside = len(self._cards) >= BULK_MOVE and self.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
        if aside:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        try:
            yield from self._relayout_unindexed()
        finally:  # also when a rebuild overtakes the slices
            if aside:
                self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def _relayout_unindexed(self) -> Iterator[None]:
        if self._reflow_for is not None:
            yield from self._reflow_steps()
            return
        self._reflow = None  # (a layout for the screen still under way when the room left it set one)
        for item in self._links.values():
            item.set_label_at(0.5)  # the desk keeps its tags in the middle of their links
        for card in self._cards.values():
            card.setFlag(CardItem.GraphicsItemFlag.ItemIsMovable, True)
        yield
        ws = self.document.workshop
        placed = [card_id for card_id in self._cards if card_id in ws.positions or card_id in self._auto]
        yield from self._show_cards_steps({card_id: self.desk_place(card_id) for card_id in placed})
        self._place_unplaced([c for c in self._cards if c not in ws.positions and c not in self._auto])
        self._update_extent()

    def _sliced_look(self) -> bool:
        """Whether a new look goes in slices: a big board, and no rebuild under way (that one ends
        with the board laid out for the screen anyway)."""
        return len(self._cards) >= SLICED_LOOK_FROM and (self._builder is None or self._builder is self._look)

    def _start_look(self) -> None:
        """Run `_look_steps` between the window's events (as a sliced rebuild: `building`, `rebuilt`,
        `finish_rebuild` for whatever needs the board now), the views not repainted until it is done."""
        if self._builder is not None:
            return  # the look under way takes the new work on
        self._builder = self._look = self._look_steps()
        for view in self.views():
            view.viewport().setUpdatesEnabled(False)
        self._schedule_slice()  # in a later turn: the switch that asked has cost its share already

    def _look_steps(self) -> Iterator[None]:
        """Restyle every card and link for a new theme, then lay the board out for the screen (or back
        at the desk), in steps of a few milliseconds; work asked for meanwhile is taken on in turn."""
        while True:
            theme, self._restyle_due = self._restyle_due, None
            if theme is not None:
                for count, card in enumerate(list(self._cards.values()), start=1):
                    card.set_theme(theme)
                    if count % 40 == 0:
                        yield
                for count, item in enumerate(list(self._links.values()), start=1):
                    item.set_theme(theme)
                    if count % 60 == 0:
                        yield
                continue
            if self._relayout_due:
                self._relayout_due = False
                yield from self._relayout_steps()
                continue
            self._look = None
            return

    def _show_cards_steps(self, places: dict[str, tuple[float, float]]) -> Iterator[None]:
        """Put cards at these scene places (projector mode's layout, or back to the desk's), each link
        redrawn once when all cards are there, in steps of a few hundred: moved one by one, every link
        followed each of its ends (twice the work), and Qt's index followed every move (the whole
        board at 2,000 cards: ~0.7 s; `_relayout_steps` sets the index aside)."""
        moved: list[CardItem] = []
        for card_id, (x, y) in places.items():
            card = self._cards.get(card_id)
            if card is not None and (card.pos().x() != x or card.pos().y() != y):
                moved.append(card)
        links: set[str] = set()
        for count, card in enumerate(moved, start=1):
            x, y = places[card.card_id]
            card.setPos(x, y)
            self.sketch_moved(card)
            links.update(self._links_by_card.get(card.card_id, ()))
            if count % 300 == 0:
                yield
        for count, link_id in enumerate(links, start=1):
            item = self._links.get(link_id)
            if item is not None:
                item.refresh()
            if count % 300 == 0:
                yield

    def _reflow_steps(self) -> Iterator[None]:
        """Place every card where the projector layout says (display only: the model is not touched).

        Bands list their cards in reading order of their desk places (rows top to bottom, left to right);
        a KPI follows the last goal of its function, so it is read with it rather than in a column of
        its own. Cards are not dragged here: a drop would record a place that only this screen has."""
        assert self._reflow_for is not None
        area, max_scale = self._reflow_for

        def desk(card_id: str) -> tuple[float, float]:
            x, y = self.desk_place(card_id)
            return (y, x)

        per_band: dict[Band, list[CardItem]] = {band: [] for band in Band}
        for card in self._cards.values():
            per_band[card.content.band].append(card)
        bands: dict[Band, list[tuple[str, float]]] = {}
        function_of = self._card_function
        for band, cards in per_band.items():
            goals = sorted((c for c in cards if c.is_goal), key=lambda c: desk(c.card_id))
            kpis = sorted((c for c in cards if not c.is_goal), key=lambda c: desk(c.card_id))
            # each function's KPIs (in their reading order) right after its last goal, or at the end
            # (grouped by function) when the band has no goal of it: one pass, not a search per KPI
            kpis_of: dict[str | None, list[CardItem]] = {}
            for kpi in kpis:
                kpis_of.setdefault(function_of.get(kpi.card_id), []).append(kpi)
            last_goal = {function_of.get(c.card_id): i for i, c in enumerate(goals)}
            order: list[CardItem] = []
            for i, goal in enumerate(goals):
                order.append(goal)
                owner = function_of.get(goal.card_id)
                if last_goal[owner] == i:
                    order.extend(kpis_of.pop(owner, ()))
            for rest in kpis_of.values():
                order.extend(rest)
            bands[band] = [(c.card_id, c.card_rect().height()) for c in order]
        self._reflow_heights = {card_id: height for cards in bands.values() for card_id, height in cards}
        yield
        self._reflow = layout = reflow(bands, area.width(), area.height(), max_scale)
        yield
        for card_id in layout.positions:
            self._cards[card_id].setFlag(CardItem.GraphicsItemFlag.ItemIsMovable, False)
        yield from self._show_cards_steps(layout.positions)
        left, right = -2000.0, layout.width + 2000.0
        for item in self._shelf_bands:
            item.setVisible(False)  # the reflow shows each band once
        for band, item in self._bands.items():
            top, bottom = layout.bands[band]
            item.set_rect(QRectF(left, top, right - left, bottom - top))
        self.setSceneRect(QRectF(left, -400.0, right - left, layout.height + 800.0))
        if self._sketch is not None:
            self._sketch.set_extent(self.sceneRect())
        yield
        yield from self._place_link_tags_steps()

    def _place_link_tags(self) -> None:
        for _ in self._place_link_tags_steps():
            pass

    def _place_link_tags_steps(self) -> Iterator[None]:
        """On the reflowed board a link's middle often falls on a card, which would hide its "Direct
        impact" / "Around" tag: slide the tag along its line to the nearest place no card (and no
        suggestion's accept/reject button) covers. Yields every few dozen tags (a sliced layout)."""

        placed = RectGrid(())  # the tags placed so far (a list made this quadratic: 0.1 s a step at 5,000 cards)
        cards = RectGrid(card.scene_card_rect() for card in self._cards.values() if card.isVisible())
        buttons = RectGrid(
            button.sceneBoundingRect()
            for item in self._links.values()
            if item.isVisible()
            for button in item.buttons
            if button.isVisible()
        )

        def covered(box: QRectF, buttons_too: bool) -> bool:
            # the scene's own items(rect) cost ~0.4 ms a query on 2,000 cards, ~1,000 queries a reflow
            return placed.hits(box) or cards.hits(box) or (buttons_too and buttons.hits(box))

        yield
        for count, item in enumerate([item for item in self._links.values() if item.has_label()], start=1):
            if count % 40 == 0:
                yield
            # Best where it covers neither a card nor a suggestion's accept/reject buttons; else no card.
            free = (
                at
                for buttons_too in (True, False)
                for at in LABEL_PLACES
                if not covered(item.label_box(at), buttons_too)
            )
            item.set_label_at(next(free, 0.5))
            placed.add(item.label_box())  # nor under another link's tag

    def cards_rect(self) -> QRectF:
        self.finish_rebuild()
        rect = QRectF()
        for card in self._cards.values():
            rect = rect.united(card.scene_card_rect())
        return rect

    # --- building -------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Start again from the model (open, new, restore).

        A big workshop (SLICED_REBUILD_FROM goals) is built in ~7 ms slices between the window's
        events, the view not repainted until the end (`building`, `rebuilt`); anything that reads the
        board meanwhile (a lookup, a change, a press, a key) finishes the build first. The cyclic
        garbage collector is paused while building: thousands of items make no cycles, yet
        allocation-triggered full collections over a large workshop cost tens of milliseconds.
        """
        # The findings were of the workshop before: badging the new cards from them marked cards that
        # share an id with last year's file, until this one's analysis came (~1 s at 5,000 goals).
        self._by_subject = {}
        if len(self.document.workshop.goals) >= SLICED_REBUILD_FROM:
            self._start_sliced_rebuild()
            return
        with collector_paused():
            self._rebuild()

    def building(self) -> bool:
        """True while a big workshop's board is still being built in slices."""
        return self._builder is not None

    def moving_in_slices(self) -> bool:
        """True while a bulk move (Tidy's result, its undo) is still being applied in slices."""
        return bool(self._pending_moves)

    def finish_rebuild(self) -> None:
        """Build the rest of the board now (something needs every card)."""
        while self._builder is not None and not self._in_slice:
            self._rebuild_slice(budget_ms=1e9)

    def _start_sliced_rebuild(self) -> None:
        if self._builder is not None:
            self._builder.close()
        self._builder = self._rebuild_steps()
        ws = self.document.workshop
        self._progress = BuildProgress(len(ws.goals), len(ws.links))
        for view in self.views():
            view.viewport().setUpdatesEnabled(False)
        # Even the first slice (the old board cleared, ~9 ms at 2,000 cards, and the first cards) runs in
        # a turn of its own: the reset that asks for it is already a long turn (every view starts
        # again). Anything that reads the board meanwhile finishes the build first, clear included.
        self._schedule_slice()

    def _rebuild_slice(self, budget_ms: float = SLICE_MS) -> None:
        builder = self._builder
        if builder is None:
            return
        deadline = time.perf_counter() + budget_ms / 1000
        self._in_slice = True
        progress = self._progress if builder is not self._look else None
        with collector_paused():
            try:
                while time.perf_counter() < deadline:
                    next(builder)
                    if progress is not None:
                        progress.step()
            except StopIteration:
                self._builder = None
            finally:
                self._in_slice = False
            if self._builder is None:
                if progress is not None:
                    self._end_progress()
                self.rebuilt.emit()  # the views' pending fit and focus, before the first frame
                views = self.views()
                if views:  # far out or not at the zoom the first frame will have (fit may have changed it)
                    self.set_far(views[0].transform().m11())
                if self._far and self._sketch is not None and self._sketch.needs_reading():
                    next_turn(self, self._first_frame)  # far out the sketch reads it in a turn of its own
                    return
                self._first_frame()
                return
        if progress is not None:
            percent = progress.percent()
            if percent is not None:
                self.buildProgress.emit(percent)
        self._schedule_slice()

    def _end_progress(self) -> None:
        progress, self._progress = self._progress, None
        if progress is not None and progress.shown:
            self.buildProgress.emit(-1)

    def _schedule_slice(self) -> None:
        """The next slice of the build or look under way, once: a build finished early (`finish_rebuild`)
        leaves its timer behind, and a new build would otherwise run two chains of slices."""
        if not self._slice_scheduled:
            self._slice_scheduled = True
            QTimer.singleShot(1, self, self._timed_slice)

    def _timed_slice(self) -> None:
        self._slice_scheduled = False
        self._rebuild_slice()

    def _first_frame(self) -> None:
        """The views paint again after a sliced build or look (the sketch, far out, read up front: in
        the frame, its reading and its drawing of 2,000 cards made one 50-65 ms turn)."""
        if self._builder is not None:
            return  # another build began: its end shows the board
        if self._far and self._sketch is not None:
            self._sketch.prepare()
        for view in self.views():
            view.viewport().setUpdatesEnabled(True)

    def _rebuild(self) -> None:
        sliced = self._builder is not None
        if sliced:
            self._builder.close()
            self._builder = None
        self._end_progress()  # a small workshop replaced a big one still being built: no progress left over
        for _ in self._rebuild_steps():
            pass
        if sliced:  # a sliced build was overtaken: end it as it would have ended
            for view in self.views():
                view.viewport().setUpdatesEnabled(True)
            self.rebuilt.emit()

    def _rebuild_steps(self) -> Iterator[None]:
        """The board again from the model, yielding every few hundred items."""
        self._look, self._restyle_due, self._relayout_due = None, None, False  # the new items have it all
        self._pending_moves.clear()
        self._ending_move = False
        # A sliced build keeps the views from painting until its end (`_first_frame`): turning them on
        # here painted the half-built board at every turn (7 frames of a 3,000-goal build).
        self._restore_index(repaint=self._builder is None)
        self._end_link_drag()
        self._close_editor()
        self.clear()
        # The old items' Python wrappers are let go a few hundred at a time between the slices below:
        # freeing all 2,000 at once took ~8 ms of the first slice, which also clears the scene.
        old_items = [self._cards, self._links]
        self._cards, self._links = {}, {}
        self._card_function.clear()
        self._links_by_card.clear()
        self._auto.clear()
        self._auto_before.clear()
        self._bands = {band: BandItem(band, self.theme) for band in Band}
        self._shelf_bands = []
        self._sketch, self._far = None, False  # clear() took the sketch; the new items paint themselves
        self._stripes = stripes([])
        for band in self._bands.values():
            self.addItem(band)
        ws = self.document.workshop
        functions = {f.id: f for f in ws.functions}
        for count, goal in enumerate(ws.goals, start=1):
            self._add_card(goal.id, self._goal_content(goal, functions), goal.function_id)
            if count % GOALS_PER_STEP == 0:  # the steps BuildProgress counts
                _let_go(old_items, 300)
                yield
        old_items.clear()
        for kpi in ws.kpis:
            self._add_card(kpi.id, self._kpi_content(kpi, functions), kpi.function_id)
        yield
        self._place_unplaced(list(self._cards))
        yield
        for count, link in enumerate(ws.links, start=1):
            self._add_link(link)
            if count % GOALS_PER_STEP == 0:  # the steps BuildProgress counts
                yield
        for suggestion in ws.suggestions:
            if (
                isinstance(suggestion, LinkSuggestion)
                and suggestion.status == SuggestionStatus.PENDING
                and not suggestion.hidden  # hidden from the room: not on the projector either
            ):
                self._add_suggestion(suggestion)
        self._relayout_due = False
        if self._reflow_for is not None:
            yield from self._relayout_steps()  # projector mode: laid out for the screen, in steps too
        else:
            self._update_extent()
        while self._relayout_due:  # the room switched mode, or the screen changed, while it laid out
            self._relayout_due = False
            yield from self._relayout_steps()
        self._apply_focus()

    def _goal_content(self, goal: Goal, functions: dict[str, Function]) -> CardContent:
        function = functions.get(goal.function_id) if goal.function_id else None
        measure = " · ".join(part for part in (goal.measure, goal.target) if part)
        if goal.function_id is None:
            return CardContent(
                CardKind.STRATEGIC, Band.STRATEGY, goal.text, self.tr("Strategic goal"), "#2B2D42", measure
            )
        band = band_of_function(function)
        header = function.name if function is not None else self.tr("(no function)")
        colour = function.colour if function is not None else "#888888"
        return CardContent(CardKind.GOAL, band, goal.text, header, colour, measure)

    def _kpi_content(self, kpi: Kpi, functions: dict[str, Function]) -> CardContent:
        function = functions.get(kpi.function_id)
        band = band_of_function(function)
        name = function.name if function is not None else ""
        header = self.tr("KPI · %1").replace("%1", name)
        return CardContent(
            CardKind.KPI, band, kpi.name, header, function.colour if function else "#888888", kpi.incentive
        )

    def _add_card(self, card_id: str, content: CardContent, function_id: str | None) -> CardItem:
        card = CardItem(card_id, content, self.theme)
        card.on_moved = self._card_moved
        card.on_dragged = self._drag_step
        position = self.document.workshop.positions.get(card_id)
        if position is not None:
            card.setPos(position.x, position.y)
        self._cards[card_id] = card
        self._card_function[card_id] = function_id
        if self._far:  # a card added far out (a sliced build goes on while the board is shown)
            card.setFlag(CardItem.GraphicsItemFlag.ItemHasNoContents, True)
            self._sketch_card(card)
        self.addItem(card)
        badge = self._badge_for(card_id)
        if badge is not None:
            card.set_badge(badge)
        return card

    def _remove_card(self, card_id: str) -> None:
        card = self._cards.pop(card_id, None)
        self._card_function.pop(card_id, None)
        # self._auto keeps its place: if an undo brings the card back, it returns where it was
        if card is None:
            return
        for link_id in list(self._links_by_card.get(card_id, ())):
            self._remove_link(link_id)
        self._links_by_card.pop(card_id, None)
        if self.editor is not None and self.editor.card_id == card_id:
            self._close_editor()
        self.removeItem(card)
        self._sketch_card(card)

    def _place_unplaced(self, card_ids: list[str]) -> None:
        """Give cards without a model position a place on screen only."""
        positions = self.document.workshop.positions
        unplaced = [i for i in card_ids if i not in positions and i in self._cards]
        if not unplaced:
            return
        fresh = [i for i in unplaced if i not in self._auto]
        # the layout's drawing only when most of the board is unplaced (a file without positions):
        # elsewhere its places ignore where the room put cards and could cover them
        suggested = layout_positions(self.document.workshop) if len(fresh) > len(self._cards) // 2 else {}
        rest = []
        for card_id in fresh:
            if card_id in suggested:
                self._auto[card_id] = suggested[card_id]
            else:
                rest.append(card_id)
        if rest:
            occupied = [
                (card.content.band, positions[cid].x if cid in positions else self._auto[cid][0])
                for cid, card in self._cards.items()
                if cid in positions or cid in self._auto
            ]
            self._auto.update(grid_positions(((i, self._cards[i].content.band) for i in rest), occupied))
        for card_id in unplaced:
            x, y = self._auto[card_id]
            self._cards[card_id].move_to(x, y)

    def _link_style(self, link: Link) -> LinkStyle:
        if link.kind == LinkKind.DIRECT_IMPACT:
            return LinkStyle.DIRECT
        source, target = self._cards.get(link.source), self._cards.get(link.target)
        if source and target and source.content.band == Band.SUPPORT and target.content.band == Band.STRATEGY:
            return LinkStyle.AROUND
        return LinkStyle.PLAIN

    def _link_tooltip(self, link: Link, style: LinkStyle) -> str:
        if style == LinkStyle.DIRECT:
            return self.tr("Declared direct impact: ") + (link.reason or self.tr("(no reason given yet)"))
        if style == LinkStyle.AROUND:
            return self.tr(
                "A support goal linked straight to a strategic goal. Link it through the goal of the function it "
                "serves, or declare it as a direct-impact exception with a reason."
            )
        return ""

    def _add_link(self, link: Link) -> None:
        source, target = self._cards.get(link.source), self._cards.get(link.target)
        if source is None or target is None:
            return
        item = LinkItem(link.id, source, target, self._link_style(link), self.theme)
        self._set_link_style(item, link)
        self._register_link(item)

    def _add_suggestion(self, suggestion: LinkSuggestion) -> bool:
        source, target = self._cards.get(suggestion.source), self._cards.get(suggestion.target)
        if source is None or target is None:
            return False
        item = LinkItem(suggestion.id, source, target, LinkStyle.SUGGESTION, self.theme)
        author = suggestion.author or self.tr("A participant")
        tip = author + self.tr(" suggests this link.") + (("\n" + suggestion.reason) if suggestion.reason else "")
        item.set_style(LinkStyle.SUGGESTION, tip)
        SuggestionButton(item, True, self._decide_later)
        SuggestionButton(item, False, self._decide_later)
        self._register_link(item)
        return True

    def _register_link(self, item: LinkItem) -> None:
        self._links[item.link_id] = item
        self._links_by_card.setdefault(item.source.card_id, set()).add(item.link_id)
        self._links_by_card.setdefault(item.target.card_id, set()).add(item.link_id)
        if self._far:
            item.setFlag(LinkItem.GraphicsItemFlag.ItemHasNoContents, True)
            self._sketch_link(item)
        self.addItem(item)

    def _remove_link(self, link_id: str) -> None:
        item = self._links.pop(link_id, None)
        if item is None:
            return
        for end in (item.source.card_id, item.target.card_id):
            self._links_by_card.get(end, set()).discard(link_id)
        self.removeItem(item)
        self._sketch_link(item)

    # --- following the document -----------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        """Follow one change: cards, then the links between them, then positions. Each part reads
        only what the change touched, so typing into one card costs one card, not the board."""
        self.finish_rebuild()
        touched = change.touched()
        if self._off_the_board(touched):
            return
        link_ids = touched.get(Collection.LINKS, set())
        suggestion_ids = touched.get(Collection.SUGGESTIONS, set())
        self._drop_links_gone(link_ids, suggestion_ids)
        cards = _CardSync()
        self._sync_cards(touched, cards)
        replaced = self._follow_bands(cards.rebanded)
        self._place_unplaced(cards.new + replaced)
        suggested = self._sync_links(link_ids, suggestion_ids, cards.restyled)
        self._sync_positions(touched.get(Part.POSITIONS, ()))
        grown = (
            self._reflow is not None
            and not self._pending_moves
            and any(self._reflow_heights.get(i) != self._cards[i].card_rect().height() for i in cards.restyled)
        )
        if (
            cards.new
            or cards.removed
            or replaced
            or grown  # projector mode: an edited text may make its card taller
            or (Part.POSITIONS in touched and not self._pending_moves)
        ):
            self._update_extent()  # not on text edits at the desk: 8 ms at 2,000 cards is too much per keystroke
        if cards.new and self._focus is not None:
            self._focus |= set(cards.new)  # a card the room just made is never a ghost
        if cards.new or link_ids or suggestion_ids:
            self._apply_focus()
        if (link_ids or suggested) and self._reflow is not None:
            # a link drawn or restyled on the projector, or a phone's suggested link with its buttons:
            # every tag clear of the cards and the buttons
            self._place_link_tags()

    def _off_the_board(self, touched: dict[Collection | Part, set[str]]) -> bool:
        """A phone's vote, a suggested goal, a disclosure: nothing the board draws (only suggested
        links are drawn), and a room posting in a burst must not cost the board a pass per post."""
        if not set(touched) <= {Collection.SUGGESTIONS, Collection.DISCLOSURES}:
            return False
        ws = self.document.workshop
        return not any(
            sid in self._links or isinstance(ws.find(Collection.SUGGESTIONS, sid), LinkSuggestion)
            for sid in touched.get(Collection.SUGGESTIONS, ())
        )

    def _drop_links_gone(self, link_ids: set[str], suggestion_ids: set[str]) -> None:
        """Links removed, and suggestions no longer pending (decided or removed), leave the board."""
        ws = self.document.workshop
        for item_id in link_ids | suggestion_ids:
            if item_id in self._links:
                present = (
                    ws.find(Collection.LINKS, item_id)
                    if item_id in link_ids
                    else ws.find(Collection.SUGGESTIONS, item_id)
                )
                pending = present is not None and (
                    not isinstance(present, LinkSuggestion)
                    or (present.status == SuggestionStatus.PENDING and not present.hidden)
                )
                if not pending:
                    self._remove_link(item_id)

    def _sync_cards(self, touched: dict[str, set[str]], cards: _CardSync) -> None:
        """Goals and KPIs added, removed or edited, and the cards of a function that changed."""
        ws = self.document.workshop
        functions = {f.id: f for f in ws.functions}
        for collection in (Collection.GOALS, Collection.KPIS):
            for card_id in touched.get(collection, ()):
                item = ws.find(collection, card_id)
                if item is None:
                    cards.removed = cards.removed or card_id in self._cards
                    self._remove_card(card_id)
                    continue
                content = self._content(item, functions)
                card = self._cards.get(card_id)
                if card is None:
                    self._add_card(card_id, content, item.function_id)  # type: ignore[attr-defined]
                    cards.new.append(card_id)
                else:
                    self._restyle_card(card, content, cards)
                    self._card_function[card_id] = item.function_id  # type: ignore[attr-defined]
        for function_id in touched.get(Collection.FUNCTIONS, ()):
            if function_id not in functions:
                continue
            for card_id, owner in list(self._card_function.items()):
                if owner == function_id:
                    item = ws.find(Collection.KPIS, card_id) or ws.goal(card_id)
                    if item is not None:
                        self._restyle_card(self._cards[card_id], self._content(item, functions), cards)

    def _content(self, item: Goal | Kpi, functions: dict[str, Function]) -> CardContent:
        return self._goal_content(item, functions) if isinstance(item, Goal) else self._kpi_content(item, functions)

    def _restyle_card(self, card: CardItem, content: CardContent, cards: _CardSync) -> None:
        if content.band != card.content.band:
            cards.rebanded.append(card.card_id)
            if card.card_id in self._auto:
                self._auto_before[(card.card_id, card.content.band)] = self._auto.pop(card.card_id)
        card.set_content(content)
        self.sketch_moved(card)  # its colour or size (so its links' ends) may have changed; not its text
        cards.restyled.add(card.card_id)

    def _follow_bands(self, rebanded: list[str]) -> list[str]:
        """A card the room never placed follows its band on screen (its old place is in the wrong
        level); returns those cards, to be placed again."""
        ws = self.document.workshop
        replace = [card_id for card_id in rebanded if card_id not in ws.positions]
        for card_id in replace:
            before = self._auto_before.pop((card_id, self._cards[card_id].content.band), None)
            if before is not None:
                self._auto[card_id] = before
        return replace

    def _sync_links(self, link_ids: set[str], suggestion_ids: set[str], restyled: set[str]) -> bool:
        """New and edited links, new pending suggestions, and the links of restyled cards; True when a
        suggested link (with its accept/reject buttons) was drawn."""
        ws = self.document.workshop
        drawn = False
        for link_id in link_ids:
            link = ws.find(Collection.LINKS, link_id)
            if isinstance(link, Link):
                if link_id in self._links:
                    self._set_link_style(self._links[link_id], link)
                else:
                    self._add_link(link)
        for suggestion_id in suggestion_ids:
            suggestion = ws.find(Collection.SUGGESTIONS, suggestion_id)
            if (
                isinstance(suggestion, LinkSuggestion)
                and suggestion.status == SuggestionStatus.PENDING
                and not suggestion.hidden
                and suggestion_id not in self._links
            ):
                drawn = self._add_suggestion(suggestion) or drawn
        if restyled:
            links_by_id = {lk.id: lk for lk in ws.links}
            for card_id in restyled:
                for item in self.links_of(card_id):
                    link = links_by_id.get(item.link_id)
                    if link is not None:
                        self._set_link_style(item, link)
        return drawn

    def _sync_positions(self, card_ids: Iterable[str]) -> None:
        ids = [card_id for card_id in card_ids if card_id in self._cards]
        if len(ids) < BULK_MOVE and not self._pending_moves:
            self._move_now(ids)
            return
        # A bulk move: the cards follow in slices of SLICE_MS with the BSP index set aside, links once each.
        start = not self._pending_moves
        self._pending_moves.update(dict.fromkeys(ids))
        if start:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            # One paint at the end, not one per slice: a frame of the whole board at fit costs more
            # than a slice, and half-moved boards are nothing to look at.
            for view in self.views():
                view.viewport().setUpdatesEnabled(False)
            QTimer.singleShot(1, self, self._move_slice)  # after what the change itself cost, let input in

    def _move_now(self, card_ids: Iterable[str]) -> None:
        ws = self.document.workshop
        for card_id in card_ids:
            card = self._cards.get(card_id)
            if card is None:
                continue
            position = ws.positions.get(card_id)
            if position is not None:
                card.move_to(position.x, position.y)
            else:
                self._place_unplaced([card_id])

    def _move_slice(self, budget_ms: float = SLICE_MS) -> None:
        """Move the next cards of a bulk move to where the model says; a link follows once, when the
        last of its ends still to move has moved."""
        if not self._pending_moves:
            return
        ws = self.document.workshop
        deadline = time.perf_counter() + budget_ms / 1000
        pending = self._pending_moves
        unplaced: list[str] = []
        while pending and time.perf_counter() < deadline:
            batch = list(itertools.islice(pending, 32))
            for card_id in batch:
                del pending[card_id]
            links: set[str] = set()
            for card_id in batch:
                card = self._cards.get(card_id)
                if card is None:
                    continue
                position = ws.positions.get(card_id)
                if position is None:
                    unplaced.append(card_id)
                    continue
                card.setPos(position.x, position.y)
                self.sketch_moved(card)
                links.update(self._links_by_card.get(card_id, ()))
            for link_id in links:
                item = self._links.get(link_id)
                if item is not None and item.source.card_id not in pending and item.target.card_id not in pending:
                    item.refresh()
        if unplaced:
            self._place_unplaced(unplaced)
        if pending:
            QTimer.singleShot(0, self, self._move_slice)
            return
        self._ending_move = True
        QTimer.singleShot(0, self, self._end_move)

    def _end_move(self, now: bool = False) -> None:
        if not self._ending_move or self._pending_moves:
            return  # ended already (finish_moves), or another bulk move began: its end will come
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._update_extent()
        if not now and self._far and self._sketch is not None and self._sketch.needs_reading():
            # far out the sketch reads the moved board (~8 ms at 2,000 cards) in a turn of its own,
            # not with the index and extent before it nor the frame after it (a redo of Tidy froze
            # the window past 50 ms)
            QTimer.singleShot(0, self, self._show_moved)
            return
        self._show_moved()

    def _show_moved(self) -> None:
        if not self._ending_move or self._pending_moves:
            return
        if self._far and self._sketch is not None:
            self._sketch.prepare()
        self._ending_move = False
        self._restore_index()  # the views paint again: the moved board in one frame
        self.bulkMoveDone.emit()

    def _restore_index(self, *, repaint: bool = True) -> None:
        """Qt's index back after a bulk move; with `repaint`, the views paint again too."""
        if self._look is not None:
            return  # a look under way (projector mode) sets the index and the views right at its own end
        if self.itemIndexMethod() != QGraphicsScene.ItemIndexMethod.BspTreeIndex:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        if not repaint:
            return
        for view in self.views():
            if not view.viewport().updatesEnabled():
                view.viewport().setUpdatesEnabled(True)  # repaints the whole viewport once

    def moving(self) -> bool:
        """True while a bulk move is still under way (its cards are not all where the model says yet)."""
        return bool(self._pending_moves) or self._ending_move

    def finish_moves(self) -> None:
        """Put every card of a bulk move under way where the model says, now (before a gesture reads them)."""
        while self._pending_moves:
            self._move_slice(budget_ms=1e9)
        self._end_move(now=True)

    def _update_extent(self) -> None:
        """Stretch the bands under the cards; the support band grows with its lowest card. In projector
        mode, lay the board out again for the screen (the bands follow that layout)."""
        if self._reflow_for is not None:
            if not self._relayout_in_slices():
                self._relayout_now()
            return
        tops: list[tuple[float, Band]] = []
        low, high = math.inf, -math.inf
        for card in self._cards.values():
            pos = card.pos()
            x = pos.x()
            low, high = min(low, x), max(high, x)
            tops.append((pos.y(), card.content.band))
        if tops:
            left, right = low - SIDE_MARGIN, high + CARD_WIDTH + SIDE_MARGIN
        else:
            left, right = -SIDE_MARGIN, CARD_WIDTH * 4 + SIDE_MARGIN
        right = max(right, left + 1600)
        self._stripes = stripes(tops)
        self._fit_shelf_bands(len(self._stripes) - len(self._bands))
        for stripe, item in zip(self._stripes, [*self._bands.values(), *self._shelf_bands], strict=True):
            item.set_rect(QRectF(left, stripe.top, right - left, stripe.bottom - stripe.top))
        bottom = self._stripes[-1].bottom
        self.setSceneRect(QRectF(left - 200, BANDS[Band.STRATEGY].top - 200, right - left + 400, bottom + 400))
        if self._sketch is not None:
            self._sketch.set_extent(self.sceneRect())

    # --- far out --------------------------------------------------------------------------------

    def set_far(self, lod: float) -> None:
        """The view about to draw at zoom `lod`: far out on a big board the sketch draws every card and
        link (one item instead of thousands of paint calls); nearer, each paints itself again. The
        items keep taking clicks and drags either way (no contents is not hidden)."""
        far = self.big_and_far(lod)
        if far == self._far:
            return
        self._far = far
        flag = CardItem.GraphicsItemFlag.ItemHasNoContents
        for card in self._cards.values():
            card.setFlag(flag, far)
        for link in self._links.values():
            link.setFlag(flag, far)
        if self._sketch is None:
            self._sketch = FarSketch(self._cards.values, self._links.values, self._card_links, self._badged_cards)
            self._sketch.set_extent(self.sceneRect())
            self.addItem(self._sketch)
        self._sketch.invalidate()
        self._sketch.setVisible(far)

    def big_and_far(self, lod: float) -> bool:
        """A board big enough for the sketch, seen from so far that its cards are specks of colour."""
        return far_out(lod, self.theme.overview_lod) and len(self._cards) >= SKETCH_FROM

    def far(self) -> bool:
        """True while the sketch draws the cards and links (read-only, for tests)."""
        return self._far

    def _sketch_selection(self) -> None:
        if self._far and self._sketch is not None:
            self._sketch.selection_changed()

    def _badged_cards(self) -> list[CardItem]:
        cards = self._cards
        return [card for card_id in self._by_subject if (card := cards.get(card_id)) is not None and card.badge]

    def _card_links(self, card: CardItem) -> list[LinkItem]:
        links = self._links
        return [links[link_id] for link_id in self._links_by_card.get(card.card_id, ()) if link_id in links]

    def _sketch_card(self, card: CardItem) -> None:
        """A card came, went or looks different (colour, band, size, badge, dimming): far out the sketch
        draws that one card again at the next paint, not the whole board (an edit is not a re-read)."""
        if self._far and self._sketch is not None:
            self._sketch.card_changed(card)

    def _sketch_link(self, link: LinkItem) -> None:
        """A link came, went or is drawn in another style or dimming: the sketch draws that line again."""
        if self._far and self._sketch is not None:
            self._sketch.link_changed(link)

    def sketch_moved(self, card: CardItem) -> None:
        """A card moved without a gesture (Tidy's glide, a bulk move, an undo): the sketch rewrites it."""
        if self._far and self._sketch is not None:
            self._sketch.card_moved(card)

    def sketch_dirty(self, *_: object) -> None:
        """Something drawn changed (a card moved, a selection, a focus): the sketch draws again. The
        items it stands in for have no contents, so their own updates repaint nothing."""
        if self._far and self._sketch is not None:
            self._sketch.invalidate()

    def _fit_shelf_bands(self, count: int) -> None:
        """As many stripe items for the lower shelves as there are stripes (a Tidy folds or unfolds)."""
        while len(self._shelf_bands) > count:
            self.removeItem(self._shelf_bands.pop())
        while len(self._shelf_bands) < count:
            band = list(Band)[len(self._shelf_bands) % len(Band)]
            item = BandItem(band, self.theme)
            self._shelf_bands.append(item)
            self.addItem(item)
        for item in self._shelf_bands:
            item.setVisible(True)

    # --- selection ------------------------------------------------------------------------------

    def selected_cards(self) -> list[CardItem]:
        self.finish_rebuild()
        return [item for item in self.selectedItems() if isinstance(item, CardItem)]

    def selected_ids(self) -> list[str]:
        self.finish_rebuild()
        ids = []
        for item in self.selectedItems():
            if isinstance(item, CardItem):
                ids.append(item.card_id)
            elif isinstance(item, LinkItem):
                ids.append(item.link_id)
        return ids

    # --- suggestions ----------------------------------------------------------------------------

    def _decide_later(self, suggestion_id: str, accept: bool) -> None:
        """Deciding removes the button that was clicked: do it after the click has been handled."""
        QTimer.singleShot(0, self, lambda: self.suggestionDecided.emit(suggestion_id, accept))

    # --- findings and focus ---------------------------------------------------------------------

    def set_analysis(self, analysis: Analysis | None) -> None:
        named_before = self._by_subject
        self._by_subject = analysis.by_subject() if analysis is not None else {}
        rebadged: list[CardItem] = []
        for card_id, card in self._cards.items():
            badge = self._badge_for(card_id)
            if badge != card.badge:
                card.set_badge(badge)
                rebadged.append(card)
        # A link's tooltip lists the findings that name it; its style follows its cards' bands, which
        # the edits keep (`_sync_links`). Only links named before or now change: restyling all 4,834
        # took ~20 ms of every analysis's turn at 5,000 goals.
        named = [link_id for link_id in {*named_before, *self._by_subject} if link_id in self._links]
        ws = self.document.workshop
        for link_id in named:
            link = ws.find(Collection.LINKS, link_id)  # the model's id index: no pass over every link
            if isinstance(link, Link):
                self._set_link_style(self._links[link_id], link)
        # far out a badge is a dot: a few changed (an edit's analysis) move their own, many are read
        # again on their own (a link drawn in another style is one line: `_set_link_style`)
        if self._far and self._sketch is not None:
            if len(rebadged) > len(self._cards) // 4:
                self._sketch.badges_changed()
            else:
                for card in rebadged:
                    self._sketch.card_changed(card)

    def _set_link_style(self, item: LinkItem, link: Link) -> None:
        """Style and tooltip of a link: what the method says about it, then the findings naming it."""
        style = self._link_style(link)
        messages = [f.message for f in self._by_subject.get(link.id, ())]
        before = item.style
        item.set_style(style, "\n".join(part for part in (self._link_tooltip(link, style), *messages) if part))
        if item.style != before:
            self._sketch_link(item)

    def _badge_for(self, card_id: str) -> Badge | None:
        findings = self._by_subject.get(card_id)
        if not findings:
            return None
        worst = min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s])
        return Badge(worst, len(findings), tuple(f.message for f in findings))

    def set_focus_ids(self, ids: list[str] | None) -> set[str]:
        """Dim everything but these; returns the cards focused. Ids that name nothing on the board are
        ignored, so a focus on (say) a tension alone leaves the board undimmed rather than all grey."""
        cards = self.focus_cards(ids or [])
        self._focus = (cards | set(ids or [])) if cards else None
        self._apply_focus()
        return cards

    def focus_cards(self, ids: list[str]) -> set[str]:
        """The cards that ids stand for: cards themselves, a function's cards, a link's two ends."""
        self.finish_rebuild()
        out: set[str] = set()
        wanted = set(ids)
        for card_id in wanted:
            if card_id in self._cards:
                out.add(card_id)
            item = self._links.get(card_id)
            if item is not None:
                out.update((item.source.card_id, item.target.card_id))
        out.update(card_id for card_id, owner in self._card_function.items() if owner is not None and owner in wanted)
        return out

    def _apply_focus(self) -> None:
        focus = self._focus
        typing = self.editor.card_id if self.editor is not None else None
        changed = False
        for card_id, card in self._cards.items():
            dimmed = focus is not None and card_id not in focus and card_id != typing
            if dimmed != card.dimmed:
                card.set_dimmed(dimmed)
                changed = True
        for link_id, item in self._links.items():
            dimmed = (
                focus is not None
                and link_id not in focus
                and not (item.source.card_id in focus and item.target.card_id in focus)
            )
            if dimmed != item.dimmed:
                item.set_dimmed(dimmed)
                changed = True
        if changed and self._far and self._sketch is not None:
            self._sketch.focus_changed()  # the shapes change groups, nothing else is read again

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        for band in [*self._bands.values(), *self._shelf_bands]:
            band.set_theme(theme)
        self.sketch_dirty()
        if self.editor is not None:
            self.editor.recolour(theme)  # a scheme switch while typing: the text stays readable
        if self._sliced_look():
            self._restyle_due = theme
            self._relayout_due = self._relayout_due or self._reflow_for is not None
            self._start_look()
            return
        for card in self._cards.values():
            card.set_theme(theme)
        for item in self._links.values():
            item.set_theme(theme)
        if self._reflow_for is not None and self._builder is None:
            self._relayout_now()  # new type sizes: new card heights, the reflowed board follows


@dataclass
class _CardSync:
    """What one change did to the cards, for the steps of `_on_changed` that follow."""

    new: list[str] = field(default_factory=list)
    removed: bool = False
    rebanded: list[str] = field(default_factory=list)
    """Cards whose band changed: a new function, a function of another kind."""
    restyled: set[str] = field(default_factory=set)


def _let_go(old_items: list[dict], count: int) -> None:
    """Drop up to `count` entries of the old board's item dicts (their C++ items are gone already)."""
    while old_items and count > 0:
        items = old_items[-1]
        if not items:
            old_items.pop()
            continue
        items.popitem()
        count -= 1
