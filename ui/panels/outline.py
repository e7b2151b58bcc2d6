"""The outline: the goal tree as an indented list, for the keyboard and for screen readers.

It mirrors the model (bands -> functions -> goals -> the goals each one contributes to). A full
build of 5,000 goals takes ~0.2 s, far too long to sit behind a keystroke or a card drop, so only
`Document.reset` rebuilds (and only once the panel is on screen); every other change patches the
rows its `Change.touched()` names, in a few milliseconds (moves, which touch `positions` only, do not
reach the outline at all). Patching keeps the current row, the folding and the screen reader's
place. Activating a goal or link selects it on the board.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from pydantic import BaseModel
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.document import Document
from ui.panels.common import ID_ROLE, KIND_ROLE, STRATEGY_COLOUR, swatch
from ui.tooltips import plain_tooltip
from workshop.changes import Change, Delete, Insert, Replace
from workshop.model import Band, Collection, Function, FunctionKind, Goal, Link, LinkKind, Workshop

PREVIEW = 80
"""Characters of a goal's text shown in the tree; the tooltip has all of it."""
BUILT_IN_SLICES_FROM = 1000
"""Goals from which a full build runs in slices between the window's events (open, new, restore)."""
SLICE_MS = 7.0
"""Work per slice of a big build; the board's build slices fall due in the same turns (ui.canvas.scene.SLICE_MS)."""
OUTLINED = (Collection.FUNCTIONS, Collection.GOALS, Collection.LINKS)
"""The collections the outline shows: a change elsewhere (KPIs, answers, positions) leaves it alone."""
BAND_OF_KIND = {FunctionKind.CUSTOMER_FACING: Band.CUSTOMER_FACING, FunctionKind.SUPPORT: Band.SUPPORT}


_STRATEGY_ICON: list[QIcon] = []


def _strategy_icon() -> QIcon:
    if not _STRATEGY_ICON:
        _STRATEGY_ICON.append(swatch(STRATEGY_COLOUR))
    return _STRATEGY_ICON[0]


def preview(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW else line[: PREVIEW - 1] + "…"


class _Lookup:
    """Id maps and groupings of the workshop, each built on first use and at most once per update.

    The change's own steps answer first: they hold the items as they now are, so typing into a goal
    of a 5,000-goal workshop finds it without indexing all 5,000.
    """

    def __init__(self, ws: Workshop, change: Change | None = None) -> None:
        self.ws = ws
        self.latest: dict[tuple[str, str], BaseModel | None] = {}
        for step in change.steps if change is not None else ():
            match step:
                case Insert(collection, _, item) | Replace(collection, _, _, item):
                    self.latest[(collection, item.id)] = item
                case Delete(collection, _, item):
                    self.latest[(collection, item.id)] = None  # gone, unless a later step brings it back
        self._goals: dict[str, Goal] | None = None
        self._functions: dict[str, Function] | None = None
        self._links: dict[str, Link] | None = None
        self._links_by_source: dict[str, list[str]] | None = None
        self._goals_by_function: dict[str | None, list[str]] | None = None

    @property
    def goals(self) -> dict[str, Goal]:
        if self._goals is None:
            self._goals = {g.id: g for g in self.ws.goals}
        return self._goals

    @property
    def functions(self) -> dict[str, Function]:
        if self._functions is None:
            self._functions = {f.id: f for f in self.ws.functions}
        return self._functions

    @property
    def links(self) -> dict[str, Link]:
        if self._links is None:
            self._links = {lk.id: lk for lk in self.ws.links}
        return self._links

    def get(self, collection: Collection, item_id: str) -> BaseModel | None:
        key = (collection, item_id)
        if key in self.latest:
            return self.latest[key]
        return getattr(self, collection).get(item_id)

    def children(self, kind: str, parent_id: str) -> list[str]:
        """Ids of a row's children in model order; the groupings are made once, in one pass each."""
        if kind == "goal":
            if self._links_by_source is None:
                self._links_by_source = {}
                for link in self.ws.links:
                    self._links_by_source.setdefault(link.source, []).append(link.id)
            return self._links_by_source.get(parent_id, [])
        if kind == "band" and parent_id != Band.STRATEGY.value:
            return [f.id for f in self.ws.functions if BAND_OF_KIND[f.kind].value == parent_id]
        if self._goals_by_function is None:
            self._goals_by_function = {}
            for goal in self.ws.goals:
                self._goals_by_function.setdefault(goal.function_id, []).append(goal.id)
        return self._goals_by_function.get(None if kind == "band" else parent_id, [])


class OutlinePanel(QWidget):
    idsActivated = Signal(list)
    """Ids of the goal or link the user activated, to select on the board."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("outlineTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Goal tree outline"))
        self.tree.setAccessibleDescription(
            self.tr("Strategy, customer-facing and support functions with their goals and what each contributes to.")
        )
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._by_id: dict[str, QTreeWidgetItem] = {}
        self._bands: dict[Band, QTreeWidgetItem] = {}
        self._links_to: dict[str, set[str]] = {}
        """Link ids by the goal they point at: their text quotes that goal."""
        self._link_target: dict[str, str] = {}
        self._link_model: dict[str, Link] = {}
        """Each link as last shown, to retitle it when only the goal it quotes changed."""
        self._stale = False
        """The model was replaced while the panel was hidden (or a sliced build is under way): build when
        shown or read."""
        self._builder: Iterator[None] | None = None
        self._dropped: set[str] = set()
        """Ids whose rows this update took out, with a parent or on their own."""
        document.reset.connect(self.rebuild)
        document.changed.connect(self._on_changed)
        self.rebuild()

    # --- texts ----------------------------------------------------------------------------------

    def _goal_text(self, goal: Goal) -> str:
        return preview(goal.text) or self.tr("(no text)")

    def _link_text(self, link: Link, target_text: str) -> str:
        if link.kind == LinkKind.DIRECT_IMPACT:
            return self.tr("→ directly moves: %s") % preview(target_text)
        return self.tr("→ contributes to: %s") % preview(target_text)

    def _show_goal(self, item: QTreeWidgetItem, goal: Goal) -> None:
        item.setText(0, self._goal_text(goal))  # the text is also what a screen reader reads for the row
        item.setToolTip(0, plain_tooltip(goal.text))
        strategic = goal.function_id is None
        if strategic != (not item.icon(0).isNull()):  # set once, not on every keystroke
            item.setIcon(0, _strategy_icon() if strategic else QIcon())

    def _show_link(self, item: QTreeWidgetItem, link: Link, target: Goal | None) -> None:
        target_text = "" if target is None else target.text
        item.setText(0, self._link_text(link, target_text))
        item.setToolTip(0, plain_tooltip(link.reason or target_text))
        self._link_model[link.id] = link
        old = self._link_target.get(link.id)
        if old != link.target:
            if old is not None:
                self._links_to.get(old, set()).discard(link.id)
            self._links_to.setdefault(link.target, set()).add(link.id)
            self._link_target[link.id] = link.target

    def _show_function(self, item: QTreeWidgetItem, function: Function) -> None:
        item.setText(0, function.name)
        item.setIcon(0, swatch(function.colour))

    def _new_item(self, item_id: str, kind: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, ID_ROLE, item_id)
        item.setData(0, KIND_ROLE, kind)
        self._by_id[item_id] = item
        return item

    # --- full build (open, new, restore) --------------------------------------------------------

    def rebuild(self) -> None:
        """Build every row again (open, new, restore), keeping the reader's folding and current row.

        While the panel is hidden (not yet shown, or its dock tabbed behind another) this only marks
        the tree stale: the build happens when it is shown or read, so opening a 5,000-goal workshop
        does not wait ~0.25 s for a list nobody is looking at.
        """
        if not self.isVisible():
            self._stale = True
            self._builder = None
            return
        if len(self._document.workshop.goals) >= BUILT_IN_SLICES_FROM:
            self._start_sliced_build()
            return
        self._build()

    def ensure_built(self) -> None:
        """Build now if the tree is stale or a sliced build is under way (a reader needs every row)."""
        if self._stale:
            self._build()

    def building(self) -> bool:
        """True while a big workshop's tree is still being built in slices."""
        return self._builder is not None

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and self._builder is None:
            self.rebuild_when_shown()
        super().showEvent(event)

    def rebuild_when_shown(self) -> None:
        if len(self._document.workshop.goals) >= BUILT_IN_SLICES_FROM:
            self._start_sliced_build()
        else:
            self._build()

    def _start_sliced_build(self) -> None:
        """Build a big tree between the window's events, SLICE_MS at a time (~0.2-0.3 s at 5,000 goals).
        Meanwhile the tree is stale: a change restarts the build, a reader (`ensure_built`) finishes it."""
        self._stale = True
        self._builder = self._build_steps()
        QTimer.singleShot(1, self, self._build_slice)

    def _build_slice(self) -> None:
        builder = self._builder
        if builder is None:
            return
        deadline = time.perf_counter() + SLICE_MS / 1000
        try:
            while time.perf_counter() < deadline:
                next(builder)
        except StopIteration:
            self._builder = None
            return
        QTimer.singleShot(1, self, self._build_slice)

    def _build(self) -> None:
        self._builder = None
        for _ in self._build_steps():
            pass

    def _build_steps(self) -> Iterator[None]:
        """The whole tree again, yielding after each function's goals (rows are made off the tree and
        added at the end, in one insertion)."""
        ws = self._document.workshop
        expanded = {i for i, item in self._by_id.items() if item.isExpanded()}
        expanded.update(band.value for band, item in self._bands.items() if item.isExpanded())
        known = set(self._by_id) | {band.value for band in self._bands}
        current = self.tree.currentItem()
        current_id = None if current is None else current.data(0, ID_ROLE)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._by_id.clear()
        self._bands.clear()
        self._links_to.clear()
        self._link_target.clear()
        self._link_model.clear()
        lookup = _Lookup(ws)
        links_by_source: dict[str, list[Link]] = {}
        for link in ws.links:
            links_by_source.setdefault(link.source, []).append(link)
        goals_by_function: dict[str | None, list[Goal]] = {}
        for goal in ws.goals:
            goals_by_function.setdefault(goal.function_id, []).append(goal)
        titles = (
            (Band.STRATEGY, self.tr("Strategy")),
            (Band.CUSTOMER_FACING, self.tr("Customer-facing functions")),
            (Band.SUPPORT, self.tr("Support functions")),
        )
        for band, title in titles:
            # built off the tree and added at the end: one insertion for the view instead of 10,000
            band_item = QTreeWidgetItem([title])
            band_item.setData(0, ID_ROLE, band.value)
            band_item.setData(0, KIND_ROLE, "band")
            self._bands[band] = band_item
        for goal in goals_by_function.get(None, []):
            self._build_goal(self._bands[Band.STRATEGY], goal, links_by_source, lookup)
        yield
        for function in ws.functions:
            f_item = self._new_item(function.id, "function")
            self._show_function(f_item, function)
            self._bands[BAND_OF_KIND[function.kind]].addChild(f_item)
            for goal in goals_by_function.get(function.id, []):
                self._build_goal(f_item, goal, links_by_source, lookup)
            yield
        self._stale = False
        self.tree.addTopLevelItems(list(self._bands.values()))
        self._unfold_after_build(ws, expanded, known)
        if current_id is not None:
            item = self._by_id.get(current_id) or next(
                (b for b in self._bands.values() if b.data(0, ID_ROLE) == current_id), None
            )
            if item is not None:
                self.tree.setCurrentItem(item)
        self.tree.setUpdatesEnabled(True)

    def _unfold_after_build(self, ws: Workshop, expanded: set[str], known: set[str]) -> None:
        """Bands and functions open unless folded before, goals folded unless opened before.

        setExpanded is called only on rows with children that must open: Qt keeps a persistent index
        per expanded row, and every row inserted or removed later walks all of them (5,000 leaves
        marked expanded made removing one row cost 1 ms instead of 10 us).
        """
        for band, item in self._bands.items():
            if band.value in expanded or band.value not in known:
                item.setExpanded(True)
        for function in ws.functions:
            item = self._by_id.get(function.id)
            if item is not None and item.childCount() and (function.id in expanded or function.id not in known):
                item.setExpanded(True)
        for item_id in expanded:
            item = self._by_id.get(item_id)
            if item is not None and item.childCount() and item.data(0, KIND_ROLE) == "goal":
                item.setExpanded(True)

    def _build_goal(
        self, parent: QTreeWidgetItem, goal: Goal, links_by_source: dict[str, list[Link]], lookup: _Lookup
    ) -> None:
        item = self._new_item(goal.id, "goal")
        self._show_goal(item, goal)
        parent.addChild(item)
        for link in links_by_source.get(goal.id, []):
            child = self._new_item(link.id, "link")
            self._show_link(child, link, lookup.goals.get(link.target))
            item.addChild(child)

    # --- incremental updates --------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        touched = change.touched()
        if self._builder is not None:  # a sliced build read the model before this change: start again
            if any(name in touched for name in OUTLINED):
                self._start_sliced_build()
            return
        if self._stale or not any(name in touched for name in OUTLINED):
            return  # moves, KPIs, answers, meta: nothing the outline shows
        self.update_from(touched, change)

    def update_from(self, touched: dict[str, set[str]], change: Change | None = None) -> None:
        """Patch the rows of the touched functions, goals and links; leave every other row as it is.

        Parents come before children (functions, then goals, then links) so a row's parent exists
        when the row is placed. A parent is re-sorted only when a row arrived in it.
        """
        lookup = _Lookup(self._document.workshop, change)
        dirty: dict[int, QTreeWidgetItem] = {}
        self._dropped.clear()

        def arrive(item: QTreeWidgetItem, parent: QTreeWidgetItem | None) -> None:
            if parent is None:
                self._drop(item)  # its parent is not shown (dangling id): neither is it
            elif item.parent() is not parent:
                dirty[id(parent)] = parent

        for function_id in touched.get(Collection.FUNCTIONS, ()):
            function = lookup.get(Collection.FUNCTIONS, function_id)
            if not isinstance(function, Function):
                self._drop_id(function_id)
                continue
            item = self._by_id.get(function_id) or self._new_item(function_id, "function")
            self._show_function(item, function)
            arrive(item, self._bands[BAND_OF_KIND[function.kind]])
        self._sync(dirty, lookup)

        retarget: set[str] = set()
        touched_links = set(touched.get(Collection.LINKS, ()))
        for goal_id in touched.get(Collection.GOALS, ()):
            goal = lookup.get(Collection.GOALS, goal_id)
            if not isinstance(goal, Goal):
                self._drop_id(goal_id)
            else:
                item = self._by_id.get(goal_id)
                if item is None:
                    item = self._new_item(goal_id, "goal")
                    if goal_id in self._dropped:  # its old row left with a removed function: links too
                        touched_links.update(lookup.children("goal", goal_id))
                self._show_goal(item, goal)
                arrive(item, self._goal_parent(goal))
            retarget.update(self._links_to.get(goal_id, ()))
        self._sync(dirty, lookup)

        for link_id in touched_links | retarget:
            # a link that did not change itself only quotes a goal that did: it is as last shown
            link = lookup.get(Collection.LINKS, link_id) if link_id in touched_links else self._link_model.get(link_id)
            if not isinstance(link, Link):
                self._drop_id(link_id)
                continue
            item = self._by_id.get(link_id) or self._new_item(link_id, "link")
            target = lookup.get(Collection.GOALS, link.target)
            self._show_link(item, link, target if isinstance(target, Goal) else None)
            source = self._by_id.get(link.source)
            arrive(item, source if source is not None and source.data(0, KIND_ROLE) == "goal" else None)
        self._sync(dirty, lookup)

    def _goal_parent(self, goal: Goal) -> QTreeWidgetItem | None:
        if goal.function_id is None:
            return self._bands[Band.STRATEGY]
        parent = self._by_id.get(goal.function_id)
        return parent if parent is not None and parent.data(0, KIND_ROLE) == "function" else None

    def _sync(self, dirty: dict[int, QTreeWidgetItem], lookup: _Lookup) -> None:
        """Put each dirty parent's rows in model order, moving in rows that arrived from elsewhere.

        Rows already in place are not touched, so a one-row insert is one insertChild. A row moved
        between parents keeps its folding (Qt forgets it when the row leaves the tree).
        """
        for parent in dirty.values():
            index = 0
            for child_id in lookup.children(parent.data(0, KIND_ROLE), parent.data(0, ID_ROLE)):
                item = self._by_id.get(child_id)
                if item is None:
                    continue  # not created yet (a child of a row patched in a later pass) or not shown
                if parent.child(index) is not item:
                    old_parent = item.parent()
                    folding = self._folding(item) if old_parent is not None else None
                    if old_parent is not None:
                        old_parent.removeChild(item)
                    parent.insertChild(index, item)
                    self._unfold(item, folding)
                index += 1
        dirty.clear()

    def _folding(self, item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        """The open rows in a subtree (Qt forgets them when the subtree leaves the tree)."""
        out, stack = [], [item]
        while stack:
            node = stack.pop()
            if node.isExpanded():
                out.append(node)
            stack.extend(node.child(i) for i in range(node.childCount()))
        return out

    def _unfold(self, item: QTreeWidgetItem, opened: list[QTreeWidgetItem] | None) -> None:
        if opened is None:  # a new row: functions open, goals folded, as on the first build
            if item.data(0, KIND_ROLE) == "function":
                item.setExpanded(True)
            return
        for node in opened:
            node.setExpanded(True)

    def _drop_id(self, item_id: str) -> None:
        item = self._by_id.get(item_id)
        if item is not None:
            self._drop(item)

    def _drop(self, item: QTreeWidgetItem) -> None:
        """Take a row and everything under it out of the tree and out of the id maps."""
        parent = item.parent()
        if parent is not None:
            parent.removeChild(item)
        stack = [item]
        while stack:
            node = stack.pop()
            node_id = node.data(0, ID_ROLE)
            if self._by_id.get(node_id) is node:
                del self._by_id[node_id]
                self._dropped.add(node_id)
            self._link_model.pop(node_id, None)
            target = self._link_target.pop(node_id, None)
            if target is not None:
                self._links_to.get(target, set()).discard(node_id)
            stack.extend(node.child(i) for i in range(node.childCount()))

    # --- reading and activation -----------------------------------------------------------------

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, KIND_ROLE) in ("goal", "link"):
            self.idsActivated.emit([item.data(0, ID_ROLE)])

    def find_item(self, item_id: str) -> QTreeWidgetItem | None:
        self.ensure_built()
        return self._by_id.get(item_id)

    def snapshot(self) -> list[tuple]:
        """The tree as nested (kind, id, text, tooltip, children) tuples: what a reader would hear, in order."""
        self.ensure_built()

        def node(item: QTreeWidgetItem) -> tuple:
            children = tuple(node(item.child(i)) for i in range(item.childCount()))
            return (item.data(0, KIND_ROLE), item.data(0, ID_ROLE), item.text(0), item.toolTip(0), children)

        return [node(self.tree.topLevelItem(i)) for i in range(self.tree.topLevelItemCount())]
