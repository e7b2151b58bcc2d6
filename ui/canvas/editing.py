"""Editing a card's text in place from the scene: open the editor over the card, commit through
the document (typing merges per session), refuse empty text, close safely after the key handler.

A mixin for BoardScene (needs `document`, `theme`, `card()`, `views()` and `_cards`).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ui.canvas.editor import InPlaceEditor
from workshop import user_ops
from workshop.geometry import CARD_WIDTH
from workshop.model import CardKind
from workshop.text import fit_text, is_blank


class EditingMixin:
    editor: InPlaceEditor | None
    _edit_session: int

    def _init_editing(self) -> None:
        self.editor = None
        self._edit_session = 0
        self._fresh_card: str | None = None

    def start_edit(self, card_id: str, *, fresh: bool = False) -> InPlaceEditor | None:
        """Open the editor over a card. `fresh`: the card was made for this typing (palette, Tab,
        Enter), so Esc takes the card away again instead of leaving a "New goal" behind."""
        self.finish_rebuild()
        card = self._cards.get(card_id)
        if card is None:
            return None
        self._close_editor()
        self._edit_session += 1
        self._fresh_card = card_id if fresh else None
        kpi = card.content.kind == CardKind.KPI
        editor = InPlaceEditor(
            card_id,
            card.content.text,
            CARD_WIDTH - 12,
            self.theme,
            self._commit_edit,
            self._cancel_edit,
            single_line=kpi,
        )
        editor.setPos(card.pos() + QPointF(6, 30))
        self.addItem(editor)
        card.editing = True
        card.set_dimmed(False)  # the card being typed into is never faded, whatever the guide dims
        card.update()
        self.editor = editor
        editor.document().contentsChanged.connect(  # type: ignore[attr-defined]
            lambda: self.editorTyped.emit(editor.card_id, editor.text())
        )
        self.clearSelection()
        card.setSelected(True)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.select_all()
        return editor

    def _commit_edit(self, card_id: str, text: str) -> None:
        session = self._edit_session
        self._fresh_card = None
        self._schedule_close()
        card = self._cards.get(card_id)
        if card is None or text == card.content.text:
            return
        if is_blank(text):
            self.message.emit(self.tr("A card needs some text; the previous text is kept."))
            return
        text, limit = fit_text(text, name=card.content.kind == CardKind.KPI)  # what the model keeps
        if limit is not None:  # a paste too long for a card: what fits was kept
            self.message.emit(
                self.tr("A card holds at most %s characters; the rest of the text was cut.") % f"{limit:,}"
            )
        key = f"text:{card_id}:{session}"
        if card.content.kind == CardKind.KPI:
            outcome = self.document.run(user_ops.update_kpi, card_id, name=text, merge_key=key)
        else:
            outcome = self.document.run(user_ops.update_goal, card_id, text=text, merge_key=key)
        outcome.tell(self.message.emit)

    def _cancel_edit(self, card_id: str) -> None:
        fresh, self._fresh_card = self._fresh_card, None
        self._schedule_close()
        if fresh == card_id:
            self.document.take_back_creation(card_id)

    def _schedule_close(self) -> None:
        """The editor calls us from its own key handler: remove it once that handler returned."""
        editor = self.editor
        self.editor = None
        self.editorClosed.emit()
        if editor is not None:
            self._uncover(editor.card_id)
            editor.setVisible(False)
            QTimer.singleShot(0, self, lambda: self._discard(editor))
        focused = QApplication.focusWidget()
        for view in self.views():
            # back to the board for the next key, unless the commit came from a click on another widget
            if focused is None or focused is view or view.isAncestorOf(focused):
                view.setFocus()

    def _uncover(self, card_id: str) -> None:
        card = self._cards.get(card_id)
        if card is not None:
            card.editing = False
            card.set_dimmed(self._focus is not None and card_id not in self._focus)
            card.update()

    def _discard(self, editor: InPlaceEditor) -> None:
        if shiboken6.isValid(editor) and editor.scene() is self:
            self.removeItem(editor)

    def _close_editor(self) -> None:
        """Close without keeping the text (the card went away, the board was rebuilt). Never takes a
        fresh card back: this runs inside undo and reset, where another undo must not start."""
        self._fresh_card = None
        editor, self.editor = self.editor, None
        if editor is not None:
            self.editorClosed.emit()
        if editor is not None:
            self._uncover(editor.card_id)
            editor.cancel()
            if shiboken6.isValid(editor) and editor.scene() is self:
                editor.setVisible(False)
                QTimer.singleShot(0, self, lambda: self._discard(editor))
