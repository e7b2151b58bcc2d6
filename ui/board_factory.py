"""Where the window gets its board and guide, so the window never depends on their internals.

The board (`ui.canvas.view.BoardView`) and the guide (`ui.guide.panel.GuidePanel`) are built by
other parts of the app; if either cannot be imported (a broken install, or during development)
the window still opens, with a plain placeholder board and no guide, and says so in the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from ui.document import Document

log = logging.getLogger(__name__)


class PlaceholderBoard(QGraphicsView):
    """Speaks the BoardView contract and does nothing: the window must work without a board."""

    selectionIdsChanged = Signal(list)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(QGraphicsScene(), parent)
        self.document = document
        self._selected: list[str] = []
        self.projector = False
        self.focus_ids: list[str] | None = None
        self.analysis = None

    def selected_ids(self) -> list[str]:
        return list(self._selected)

    def select_ids(self, ids: list[str], centre: bool = True) -> None:
        self._selected = list(ids)
        self.selectionIdsChanged.emit(list(ids))

    def set_analysis(self, analysis: object) -> None:
        self.analysis = analysis

    def set_projector(self, on: bool) -> None:
        self.projector = on

    def set_focus_ids(self, ids: list[str] | None) -> None:
        self.focus_ids = ids

    def fit_all(self) -> None: ...
    def zoom_actual(self) -> None: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def tidy(self) -> None: ...
    def edit_selected(self) -> None: ...
    def delete_selected(self) -> None: ...
    def add_contributing(self) -> None: ...
    def add_sibling(self) -> None: ...


def make_board(document: Document, parent: QWidget | None = None) -> QGraphicsView:
    try:
        from ui.canvas.view import BoardView
    except ImportError as error:
        log.warning("the board could not be loaded (%s); using a placeholder", error)
        return PlaceholderBoard(document, parent)
    return BoardView(document, parent)


def make_guide(document: Document, parent: QWidget | None = None) -> QWidget | None:
    try:
        from ui.guide.panel import GuidePanel
    except ImportError as error:
        log.warning("the guide could not be loaded (%s)", error)
        return None
    return GuidePanel(document, parent)
