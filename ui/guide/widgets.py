"""Building blocks shared by the guide's steps: the step base class and small plain-text widgets.

A step widget never keeps its own copy of the answers: `refresh()` re-reads the model, so Back,
undo and edits made on the board all show up the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.document import Document
from workshop.changes import Change
from workshop.guide import Step
from workshop.model import Workshop
from workshop.user_ops import Outcome

ID_ROLE = Qt.ItemDataRole.UserRole


class StepWidget(QWidget):
    """One step's inputs. Subclasses build widgets in __init__ and fill them in `refresh()`."""

    message = Signal(str)
    """A sentence for the facilitator (a refused edit), shown by the panel."""
    focusRequested = Signal(list)
    """Cards this step wants the board to show now (e.g. the subjects of a chosen finding)."""
    grown = Signal()
    """The step added inputs after it was first shown (a big step builds its parts over a few turns):
    the panel fits them to the guide and puts them in the Tab order."""
    shows_room_posts = False
    """The step shows something the room's posts change (the review's findings count pending suggestions)."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.step = step
        self.setObjectName(f"guideStep-{step.kind.value}")

    @property
    def ws(self) -> Workshop:
        return self.document.workshop

    def refresh(self) -> None:
        """Re-read the model into the widgets; called after every change, undo and redo."""

    def refresh_answers(self) -> None:
        """Only the question notes or skips changed (typing a note): steps that show more override this."""
        self.refresh()

    def primary_input(self) -> QWidget | None:
        """Where Ctrl+N puts the cursor: the input that adds an answer."""
        return None

    def leave(self) -> None:
        """The panel took this step off (another step, another look): stop work still planned for it."""

    def tab_chain(self) -> list[QWidget]:
        """The inputs in reading order; the panel makes Tab follow it (sections come and go)."""
        return []

    # --- the slim strip (projector mode) ----------------------------------------------------------

    slim = False
    """Shown in the projector's slim guide strip: only the inputs the room needs to answer (see ui.guide.slim)."""

    def slim_hidden(self) -> list[QWidget]:
        """Inputs left out of the slim strip (optional fields, notes, long-form lists shown at the desk)."""
        return []

    def slim_texts(self) -> dict[QWidget, str]:
        """Shorter labels for buttons whose desk label would wrap onto three lines in the strip."""
        return {}

    def slim_refreshed(self) -> None:
        """Called after every refresh in the strip: a step that shows parts by the model's state
        (one internal customer at a time) puts the strip's choice back here."""

    # --- edits --------------------------------------------------------------------------------

    def run(self, operation: Callable[..., Change], *args: Any, merge_key: str | None = None, **kw: Any) -> Outcome:
        """Run a user operation through the document; a refusal is shown in the guide, next to the
        question the room is answering."""
        return self.document.run(operation, *args, merge_key=merge_key, **kw).tell(self.message.emit)


# --- small widgets ------------------------------------------------------------------------------


class AddLine(QLineEdit):
    """A line where Enter adds what was typed; cleared when the callback accepts it (returns True)."""

    def __init__(self, placeholder: str, accessible: str, on_add: Callable[[str], bool], parent=None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(accessible)
        self._on_add = on_add
        self.returnPressed.connect(self.submit)

    def submit(self) -> None:
        text = self.text().strip()
        if text and self._on_add(text):
            self.clear()


_MEASURED: dict[tuple[str, int, str, bool, tuple[str, ...]], QSize] = {}
"""Row sizes measured by every wrapping list, shared: the guide builds its step's lists anew on every
step and every projector switch, and the rows are mostly the same goals."""
_MEASURED_LIMIT = 8192
"""A step lists at most a few thousand entries, in two looks and a few widths."""


class _WrappingDelegate(QStyledItemDelegate):
    """Measures wrapped entries with room to spare.

    Qt's own measure and its drawing disagree by a few pixels under a style sheet, so an entry
    measured as two lines can be drawn as three and lose its end to an ellipsis: on a projector
    that hides the very words the room is reading.
    """

    def __init__(self, parent: QListWidget) -> None:
        super().__init__(parent)
        self._look: tuple[str, ...] | None = None
        """Read at the first measure too: a list made inside a styled panel hears of no style change."""

    def look_changed(self, view: QWidget) -> None:
        """The style sheets over the list changed: sizes measured under other sheets are kept apart (a
        sheet's item padding changes a row's height in the same font), so a switch back finds its
        rows measured already."""
        app = QApplication.instance()
        sheets = [app.styleSheet() if isinstance(app, QApplication) else ""]
        widget: QWidget | None = view
        while widget is not None:
            sheets.append(widget.styleSheet())
            widget = widget.parentWidget()
        self._look = tuple(sheets)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        """Remembered per text, width, font, check box and look: a list lays its rows out again from
        the first on every style, font or size change, and the projector switch makes several of those.
        At 2,000 goals ~450-630 wrapped rows were measured anew each switch (~50 us each)."""
        view = self.parent()
        if not isinstance(view, QListWidget):
            return super().sizeHint(option, index)
        width = view.viewport().width() - 2 * view.spacing() - 48  # indicator, margins, frame
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        checkable = index.data(Qt.ItemDataRole.CheckStateRole) is not None  # its box takes width
        if self._look is None:
            self.look_changed(view)
        key = (text, width, option.font.key(), checkable, self._look)
        size = _MEASURED.get(key)
        if size is None:
            base = super().sizeHint(option, index)
            flags = int(Qt.TextFlag.TextWordWrap)
            needed = option.fontMetrics.boundingRect(0, 0, max(width, 40), 100_000, flags, text).height() + 10
            size = QSize(base.width(), max(base.height(), needed))
            if len(_MEASURED) >= _MEASURED_LIMIT:
                _MEASURED.clear()
            _MEASURED[key] = size
        return size


class RemovableList(QListWidget):
    """A list whose selected entry goes with Delete or Backspace (the callback does the edit)."""

    def __init__(self, accessible: str, on_remove: Callable[[int, str | None], None] | None = None, parent=None):
        super().__init__(parent)
        self.setAccessibleName(accessible)
        self._on_remove = on_remove
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSpacing(3)  # not stylesheet padding: Qt's wrapped-item height ignores it and cuts lines off
        self.setItemDelegate(_WrappingDelegate(self))
        # Measuring wrapped entries costs ~75 us each: a step listing 2,000 goals froze the window for
        # 0.15-0.3 s. Batched layout measures them 200 at a time between the window's events.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preferred_height: int | None = None
        """Set in the slim strip: the list asks for this little and grows into whatever height is left,
        so the strip fits its height and a long list scrolls inside itself instead."""

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        if self.preferred_height is None:
            return base
        return QSize(base.width(), min(base.height(), self.preferred_height))

    def changeEvent(self, event: QEvent) -> None:
        """Re-measure wrapped entries when the style sheet's font arrives (projector mode).

        Item heights are measured once with the font of the moment; without this a long entry
        measured in the small font is cut off when drawn in the large one.
        """
        delegate = self.itemDelegate()
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.ParentChange) and isinstance(
            delegate, _WrappingDelegate
        ):
            delegate.look_changed(self)  # first: the base class may measure rows at once
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_remove is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            row = self.currentRow()
            if row >= 0:
                item = self.item(row)
                self._on_remove(row, item.data(ID_ROLE))
                return
        super().keyPressEvent(event)

    def fill(self, entries: list[tuple[str, str | None]], checks: list[bool] | None = None) -> None:
        """Replace the entries (text, id), keeping the current row and without emitting itemChanged."""
        row = self.currentRow()
        self.blockSignals(True)
        self.clear()
        for index, (text, item_id) in enumerate(entries):
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, item_id)
            if checks is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if checks[index] else Qt.CheckState.Unchecked)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(min(max(row, 0), self.count() - 1))
        self.blockSignals(False)
        self.setMinimumHeight(0)


def fill_combo(combo: QComboBox, entries: list[tuple[str, str | None]]) -> None:
    """Replace a combo's entries (text, id) and keep the chosen id when it is still there.

    A new combo gets a width that does not follow its longest entry; a combo already fitted to the
    guide (the desk's or the strip's width) keeps its fit: setting it back at every re-read made the
    step's choices change width after each edit (140 -> 122 px)."""
    current = combo.currentData()
    fitted = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    if combo.sizeAdjustPolicy() != fitted:
        combo.setSizeAdjustPolicy(fitted)
        combo.setMinimumContentsLength(8)
    combo.blockSignals(True)
    combo.clear()
    for text, item_id in entries:
        combo.addItem(text, item_id)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if combo.count() else -1))
    combo.blockSignals(False)


class NoteEdit(QPlainTextEdit):
    """The room's own words on a question; Tab moves on instead of typing a tab."""

    def __init__(self, accessible: str, parent=None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible)
        self.setMaximumHeight(120)

    def show_text(self, text: str) -> None:
        """Write the model's text in without echoing it back as an edit and without moving the cursor."""
        if self.toPlainText() == text:
            return
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)


def chain_tab_order(widget: QWidget, order: list[QWidget]) -> None:
    """Tab visits the inputs in the order the question is read, whatever the layout nesting."""
    for first, second in pairwise(order):
        widget.setTabOrder(first, second)
