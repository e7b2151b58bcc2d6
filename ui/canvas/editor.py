"""In-place editing of a card's text: plain text only, Enter commits, Esc cancels.

A QGraphicsTextItem over the card, so typing happens where the room is looking. Shift+Enter
inserts a newline. Losing focus to another widget commits, as in mind-mapping tools; a popup or
another window (a menu, a dialog) leaves the editor open, so the window calls
BoardView.commit_editor before it saves, exports or closes.

Only plain text ever enters: a card stores plain text, so a paste from an e-mail or a slide must
not show bold or coloured text while editing and then lose it on Enter. QGraphicsTextItem has no
insertFromMimeData to override, so both ways in (the paste keys and the context menu) are handled
here; dropped text never reaches the editor, because the board refuses every drop but the palette's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPen, QTextCursor
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsTextItem,
    QMenu,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ui.canvas.safe_paint import guarded_paint
from ui.canvas.theme import Theme

OBJECT_REPLACEMENT = "\ufffc"


def tr(text: str) -> str:
    return QCoreApplication.translate("InPlaceEditor", text)


def show_menu(menu: QMenu, at: QPoint) -> None:
    """Run the menu until the user picks or dismisses; tests replace this to pick for the user."""
    menu.exec(at)


class InPlaceEditor(QGraphicsTextItem):
    def __init__(
        self,
        card_id: str,
        text: str,
        width: float,
        theme: Theme,
        on_commit: Callable[[str, str], None],
        on_cancel: Callable[[str], None],
        single_line: bool = False,
    ) -> None:
        super().__init__()
        self.card_id = card_id
        self.original = text
        self.theme = theme
        self.single_line = single_line
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._done = False
        self.setFont(theme.font(theme.body_px))
        self.setDefaultTextColor(theme.card_text)
        self.setPlainText(text)
        self.setTextWidth(width)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setZValue(1000)

    def recolour(self, theme: Theme) -> None:
        """The board's colours changed (light/dark) while typing: same text and size, new colours."""
        self.theme = theme
        self.setDefaultTextColor(theme.card_text)
        self.update()

    @property
    def finished(self) -> bool:
        return self._done

    def select_all(self) -> None:
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def text(self) -> str:
        return self.toPlainText().replace(OBJECT_REPLACEMENT, "").replace("\u2029", "\n").replace("\u2028", "\n")

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        self._on_commit(self.card_id, self.text())

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self._on_cancel(self.card_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.cancel()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier and not self.single_line:
                self.textCursor().insertText("\n")
            else:
                self.commit()
            event.accept()
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.commit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_plain()
            event.accept()
            return
        super().keyPressEvent(event)

    def paste_plain(self) -> None:
        """Paste the clipboard's plain text at the cursor (a name stays on one line)."""
        self.insert_plain(QGuiApplication.clipboard().mimeData())

    def insert_plain(self, data: QMimeData | None) -> None:
        text = data.text() if data is not None and data.hasText() else ""
        if not text:
            return
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if self.single_line:
            text = " ".join(text.split("\n"))
        cursor = self.textCursor()
        cursor.insertText(text)  # plain insertText takes the editor's own format, never the source's
        self.setTextCursor(cursor)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        """Qt's own menu would paste rich text; this one offers the same edits, pasting plain text."""
        menu = QMenu()
        selected = self.textCursor().hasSelection()
        cut = menu.addAction(tr("Cut"), self._cut)
        cut.setEnabled(selected)
        copy = menu.addAction(tr("Copy"), self._copy)
        copy.setEnabled(selected)
        paste = menu.addAction(tr("Paste"), self.paste_plain)
        paste.setEnabled(bool(QGuiApplication.clipboard().text()))
        menu.addSeparator()
        menu.addAction(tr("Select all"), self.select_all)
        show_menu(menu, event.screenPos())
        event.accept()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.textCursor().selectedText().replace("\u2029", "\n"))

    def _cut(self) -> None:
        self._copy()
        self.textCursor().removeSelectedText()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.commit()

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-4, -4, 4, 4)

    @guarded_paint
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = super().boundingRect().adjusted(-3, -3, 3, 3)
        painter.setPen(QPen(self.theme.selection, 2))
        painter.setBrush(self.theme.card_fill)
        painter.drawRoundedRect(rect, 4, 4)
        plain = QStyleOptionGraphicsItem(option)  # without Qt's dashed focus frame: ours is drawn above
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        super().paint(painter, plain, widget)
