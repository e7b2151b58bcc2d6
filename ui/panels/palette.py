"""The palette: tiles the facilitator drags onto the board to create cards.

A drag carries a `ui.mime.CardRequest` (the orange-canvas-core toolbox pattern); the board decides
where the card goes. Activating a tile with the keyboard (Enter) creates the card without a drag,
so the palette works without a mouse; the board places a card that has no position.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui import mime
from ui.document import Document
from ui.panels.common import ID_ROLE, KIND_ROLE, STRATEGY_COLOUR, swatch
from ui.tooltips import plain_tooltip
from workshop import user_ops
from workshop.changes import Change
from workshop.model import CardKind, Collection, FunctionKind


class TileList(QListWidget):
    """A list whose drags carry the card request of the tile, nothing else."""

    def mimeTypes(self) -> list[str]:
        return [mime.CARD_MIME]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        request = request_of(items[0]) if items else None
        return mime.encode(request) if request is not None else QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def startDrag(self, supported: Qt.DropAction) -> None:
        """The tile's picture hangs centred on the pointer, where the board will centre the card
        (Qt's default hangs it off to the side, so the card seemed to land somewhere else)."""
        item = self.currentItem()
        request = request_of(item) if item is not None else None
        if request is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime.encode(request))
        drag.setPixmap(self._drag_picture(item))
        size = drag.pixmap().deviceIndependentSize()
        drag.setHotSpot(QPoint(int(size.width() / 2), int(size.height() / 2)))
        drag.exec(Qt.DropAction.CopyAction)

    def _drag_picture(self, item: QListWidgetItem) -> QPixmap:
        """The tile as wide as its swatch and words, see-through, so the board's outline of where the
        card lands shows beneath it."""
        rect = self.visualItemRect(item)
        words = self.fontMetrics().horizontalAdvance(item.text())
        rect.setWidth(min(rect.width(), self.iconSize().width() + words + 24))
        tile = self.viewport().grab(rect)
        picture = QPixmap(tile.size())
        picture.setDevicePixelRatio(tile.devicePixelRatio())
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setOpacity(0.7)
        painter.drawPixmap(0, 0, tile)
        painter.end()
        return picture


def request_of(item: QListWidgetItem) -> mime.CardRequest | None:
    kind = item.data(KIND_ROLE)
    if kind not in tuple(CardKind):
        return None
    return mime.CardRequest(CardKind(kind), item.data(ID_ROLE))


class PalettePanel(QWidget):
    cardCreated = Signal(str)
    """Id of a card created from the keyboard, so the window can select it."""
    message = Signal(str)
    """Why a card could not be created, for the status bar."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.tiles = TileList(self)
        self.tiles.setObjectName("paletteTiles")
        self.tiles.setAccessibleName(self.tr("Card palette"))
        self.tiles.setAccessibleDescription(
            self.tr("Drag a tile onto the board to add a card, or press Enter to add it at a free place.")
        )
        self.tiles.setDragEnabled(True)
        self.tiles.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tiles.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tiles.setIconSize(QSize(18, 18))
        self.tiles.setSpacing(1)
        self.tiles.itemActivated.connect(self._create_from_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tiles)
        document.reset.connect(self.rebuild)
        document.changed.connect(self._on_changed)
        self.rebuild()

    def _on_changed(self, change: Change) -> None:
        if Collection.FUNCTIONS in change.touched():
            self.rebuild()

    def _header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.tiles.addItem(item)

    def _tile(self, text: str, kind: CardKind, function_id: str | None, colour: str, tip: str) -> None:
        """Short text for a narrow dock; the tooltip and the accessible text say what the tile makes."""
        item = QListWidgetItem(swatch(colour), text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, tip)
        item.setData(KIND_ROLE, kind.value)
        item.setData(ID_ROLE, function_id)
        item.setToolTip(plain_tooltip(tip))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        self.tiles.addItem(item)

    def rebuild(self) -> None:
        self.tiles.clear()
        ws = self._document.workshop
        self._header(self.tr("Strategy"))
        self._tile(
            self.tr("Strategic goal"),
            CardKind.STRATEGIC,
            None,
            STRATEGY_COLOUR,
            self.tr("New strategic goal: a corporate goal at the top of the tree"),
        )
        if not ws.functions:
            self._header(self.tr("Add functions to get their goal tiles"))
            return
        self._header(self.tr("Goals"))
        for kind in (FunctionKind.CUSTOMER_FACING, FunctionKind.SUPPORT):
            for function in (f for f in ws.functions if f.kind == kind):
                self._tile(
                    function.name,
                    CardKind.GOAL,
                    function.id,
                    function.colour,
                    self.tr("New goal of %s") % function.name,
                )
        self._header(self.tr("KPIs"))
        for function in ws.functions:
            self._tile(
                function.name,
                CardKind.KPI,
                function.id,
                function.colour,
                self.tr("New KPI of %s: a measure it is rewarded on") % function.name,
            )

    def request_at(self, row: int) -> mime.CardRequest | None:
        item = self.tiles.item(row)
        return None if item is None else request_of(item)

    def _create_from_item(self, item: QListWidgetItem) -> None:
        request = request_of(item)
        if request is not None:
            self.create(request)

    def create(self, request: mime.CardRequest) -> str | None:
        """Create the card a tile stands for, through the undo stack; returns its id."""
        text = {CardKind.KPI: self.tr("New KPI"), CardKind.GOAL: self.tr("New goal")}.get(
            request.kind, self.tr("New strategic goal")
        )
        outcome = self._document.run(user_ops.add_card, request.kind, request.function_id, None, text)
        created = outcome.tell(self.message.emit).created_id
        if created is not None:
            self.cardCreated.emit(created)
        return created
