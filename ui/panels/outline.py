"""The outline: the goal tree as an indented list, for the keyboard and for screen readers.

It mirrors the model (bands -> functions -> goals -> the goals each one contributes to) and is
rebuilt a moment after a structural change, so a burst of typing costs one rebuild. Activating a
goal or link selects it on the board.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ui.document import Document
from ui.panels.common import ID_ROLE, KIND_ROLE, STRATEGY_COLOUR, swatch
from workshop.changes import Change, Replace
from workshop.model import Band, FunctionKind, Goal, Link, LinkKind

REBUILD_DELAY_MS = 120
PREVIEW = 80
"""Characters of a goal's text shown in the tree; the tooltip has all of it."""


def preview(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= PREVIEW else line[: PREVIEW - 1] + "…"


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
        self._links_to: dict[str, list[QTreeWidgetItem]] = {}
        """Link items by the goal they point at: their text quotes that goal."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        document.reset.connect(self.rebuild)
        document.changed.connect(self._on_changed)
        self.rebuild()

    def _on_changed(self, change: Change) -> None:
        """Retitle in place when only goal texts changed (typing); otherwise rebuild after a pause."""
        if not change.structural():
            return
        if not self._timer.isActive() and self._retext(change):
            return
        self._timer.start()

    def _retext(self, change: Change) -> bool:
        goals: list[Goal] = []
        for step in change.steps:
            if not (isinstance(step, Replace) and step.collection == "goals"):
                return False
            if step.before.function_id != step.after.function_id or step.before.id not in self._by_id:
                return False
            goals.append(step.after)
        ws = self._document.workshop
        for goal in goals:
            current = ws.goal(goal.id)
            if current is None:
                return False
            item = self._by_id[goal.id]
            self._set_text(item, preview(current.text) or self.tr("(no text)"))
            item.setToolTip(0, current.text)
            for link_item in self._links_to.get(goal.id, []):
                link = ws.find("links", link_item.data(0, ID_ROLE))
                if link is not None:
                    self._set_text(link_item, self._link_text(link, current.text))
        return True

    @staticmethod
    def _set_text(item: QTreeWidgetItem, text: str) -> None:
        item.setText(0, text)  # also what a screen reader reads for the item

    def _link_text(self, link: Link, target_text: str) -> str:
        if link.kind == LinkKind.DIRECT_IMPACT:
            return self.tr("→ directly moves: %s") % preview(target_text)
        return self.tr("→ contributes to: %s") % preview(target_text)

    def _item(
        self, parent: QTreeWidget | QTreeWidgetItem, text: str, item_id: str | None, kind: str
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        if item_id is not None and kind != "band":
            self._by_id[item_id] = item
        item.setData(0, ID_ROLE, item_id)
        item.setData(0, KIND_ROLE, kind)
        return item

    def rebuild(self) -> None:
        self._timer.stop()
        ws = self._document.workshop
        collapsed = self._collapsed_keys()
        current = self.tree.currentItem()
        current_key = None if current is None else (current.data(0, KIND_ROLE), current.data(0, ID_ROLE))
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._by_id.clear()
        self._links_to.clear()
        texts = {g.id: g.text for g in ws.goals}
        targets: dict[str, list] = {}
        for link in ws.links:
            targets.setdefault(link.source, []).append(link)

        strategy = self._item(self.tree, self.tr("Strategy"), Band.STRATEGY.value, "band")
        for goal in ws.strategic_goals():
            self._goal(strategy, goal, texts, targets)
        bands = (
            (FunctionKind.CUSTOMER_FACING, self.tr("Customer-facing functions"), Band.CUSTOMER_FACING),
            (FunctionKind.SUPPORT, self.tr("Support functions"), Band.SUPPORT),
        )
        goals_by_function: dict[str, list[Goal]] = {}
        for goal in ws.goals:
            if goal.function_id is not None:
                goals_by_function.setdefault(goal.function_id, []).append(goal)
        for kind, title, band in bands:
            band_item = self._item(self.tree, title, band.value, "band")
            for function in (f for f in ws.functions if f.kind == kind):
                f_item = self._item(band_item, function.name, function.id, "function")
                f_item.setIcon(0, swatch(function.colour))
                for goal in goals_by_function.get(function.id, []):
                    self._goal(f_item, goal, texts, targets)
        self._restore(collapsed, current_key)
        self.tree.setUpdatesEnabled(True)

    def _goal(self, parent: QTreeWidgetItem, goal: Goal, texts: dict[str, str], targets: dict[str, list]) -> None:
        item = self._item(parent, preview(goal.text) or self.tr("(no text)"), goal.id, "goal")
        item.setToolTip(0, goal.text)
        if goal.function_id is None:
            item.setIcon(0, swatch(STRATEGY_COLOUR))
        for link in targets.get(goal.id, []):
            child = self._item(item, self._link_text(link, texts.get(link.target, "")), link.id, "link")
            self._links_to.setdefault(link.target, []).append(child)
            child.setToolTip(0, link.reason or texts.get(link.target, ""))

    def _keys(self) -> list[tuple[QTreeWidgetItem, tuple]]:
        out = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append((item, (item.data(0, KIND_ROLE), item.data(0, ID_ROLE))))
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _collapsed_keys(self) -> set[tuple] | None:
        if self.tree.topLevelItemCount() == 0:
            return None
        return {key for item, key in self._keys() if item.childCount() and not item.isExpanded()}

    def _restore(self, collapsed: set[tuple] | None, current_key: tuple | None) -> None:
        for item, key in self._keys():
            if item.data(0, KIND_ROLE) == "goal" and collapsed is None:
                item.setExpanded(False)  # first build: links folded under their goal
            else:
                item.setExpanded(collapsed is None or key not in collapsed)
            if key == current_key:
                self.tree.setCurrentItem(item)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, KIND_ROLE) in ("goal", "link"):
            self.idsActivated.emit([item.data(0, ID_ROLE)])

    def find_item(self, item_id: str) -> QTreeWidgetItem | None:
        return self._by_id.get(item_id)
