"""File > Export board as PNG / SVG...: what to show, in which look, how wide, then where.

The whole board, or what the window shows now (in the window's own look: in projector mode the cards
are reflowed for the screen, so the view and its look go together). The picture is drawn from a fresh
scene of the workshop, so nothing selected, hovered, being typed or dimmed by the guide appears in
it. The file dialog asks before replacing a file; the file is then written atomically. Drawing takes
well under a second even for 500 cards, so it runs on the GUI thread under a busy cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSizeF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ui.canvas.navigation import FIT_MARGIN
from ui.canvas.view import BoardView
from ui.document import Document
from ui.picture.board import Look, picture_board
from workshop.file_names import safe_stem
from workshop.picture_files import DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, PictureFileError, write_picture
from workshop.text import one_line


@dataclass(frozen=True)
class PictureChoice:
    whole: bool = True
    """The whole board (True) or what the window shows now."""
    look: Look = Look.NORMAL
    """The look of a whole-board picture (a view keeps the window's look)."""
    fmt: str = "png"
    width: int = DEFAULT_WIDTH


class PictureDialog(QDialog):
    """The choices before the file dialog; the look is the window's when the view is pictured."""

    def __init__(self, choice: PictureChoice, window_look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export board as picture"))
        self._window_look = window_look
        form = QFormLayout(self)
        self.whole = QRadioButton(self.tr("The whole board"))
        self.view = QRadioButton(self.tr("What the window shows now"))
        self.normal = QRadioButton(self.tr("Normal"))
        self.projector = QRadioButton(self.tr("Projector (dark, large type)"))
        self.png = QRadioButton(self.tr("PNG (an image, for chat and slides)"))
        self.svg = QRadioButton(self.tr("SVG (sharp at any size, text stays text)"))
        self.width_box = QSpinBox()
        self.width_box.setRange(MIN_WIDTH, MAX_WIDTH)
        self.width_box.setSingleStep(256)
        self.width_box.setSuffix(self.tr(" px"))
        self.width_box.setValue(choice.width)
        self.width_box.setAccessibleName(self.tr("Picture width in pixels"))
        self.width_box.setToolTip(
            self.tr("PNG: the pixels drawn. SVG: the size a slide tool first gives it; it stays sharp at any size.")
        )
        self.width_box.setMaximumWidth(180)
        for label, pair in (
            (self.tr("Show:"), (self.whole, self.view)),
            (self.tr("Look:"), (self.normal, self.projector)),
            (self.tr("Format:"), (self.png, self.svg)),
        ):
            row = QHBoxLayout()
            group = QButtonGroup(self)
            for button in pair:
                group.addButton(button)
                row.addWidget(button)
            row.addStretch()
            form.addRow(label, row)
        form.addRow(self.tr("Width:"), self.width_box)
        (self.whole if choice.whole else self.view).setChecked(True)
        (self.projector if choice.look == Look.PROJECTOR else self.normal).setChecked(True)
        (self.svg if choice.fmt == "svg" else self.png).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.view.toggled.connect(self._follow_view)
        self._follow_view(self.view.isChecked())

    def _follow_view(self, view: bool) -> None:
        """What the window shows is shown in the window's look."""
        if view:
            (self.projector if self._window_look == Look.PROJECTOR else self.normal).setChecked(True)
        self.normal.setEnabled(not view)
        self.projector.setEnabled(not view)

    def choice(self) -> PictureChoice:
        return PictureChoice(
            whole=self.whole.isChecked(),
            look=Look.PROJECTOR if self.projector.isChecked() else Look.NORMAL,
            fmt="svg" if self.svg.isChecked() else "png",
            width=self.width_box.value(),
        )


def ask_choice(parent: QWidget, choice: PictureChoice, window_look: Look) -> PictureChoice | None:
    dialog = PictureDialog(choice, window_look, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class BoardPictureExporter(QObject):
    """Owns File > Export board as PNG / SVG... for one window."""

    message = Signal(str)
    """A sentence for the status bar (the picture was written)."""

    def __init__(self, document: Document, view: BoardView, parent: QWidget) -> None:
        super().__init__(parent)
        self._document = document
        self._view = view
        self._parent = parent
        self.last = PictureChoice()
        self.choose: Callable[[PictureChoice, Look], PictureChoice | None] = lambda choice, look: ask_choice(
            self._parent, choice, look
        )
        """Replaced in tests; None when the user cancels."""
        self.choose_path: Callable[[str, str], str] = self._ask_path
        """(suggested file name, "png" or "svg") -> the chosen path, '' when cancelled. The file dialog asks
        before replacing a file, so whatever path it returns may be written over."""
        self.inform: Callable[[str, str], None] = self._inform

    def window_look(self) -> Look:
        return Look.PROJECTOR if self._view.projector else Look.NORMAL

    def export(self) -> Path | None:
        """Ask, draw, write; returns the file written (None when cancelled or refused)."""
        choice = self.choose(self.last, self.window_look())
        if choice is None:
            return None
        self.last = choice
        chosen = self.choose_path(suggested_file_name(self._document.workshop.meta.title, choice.fmt), choice.fmt)
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != "." + choice.fmt:
            target = target.with_name(target.name + "." + choice.fmt)
        return self.write(choice, target)

    def write(self, choice: PictureChoice, target: Path) -> Path | None:
        """Draw the picture `choice` describes and write it to `target` (replacing it: asked already)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_picture(target, self.picture(choice), replace=True)
        except PictureFileError as error:
            failure = str(error)
        except Exception as error:  # a picture must never cost the workshop: say it, keep working
            failure = self.tr("The picture could not be made ({0}).").format(error)
        else:
            failure = ""
        finally:
            QGuiApplication.restoreOverrideCursor()
        if failure:
            self.inform(self.tr("Export board"), one_line(failure))
            return None
        self.message.emit(self.tr("Exported the board to {0}").format(one_line(written.name)))
        return written

    def picture(self, choice: PictureChoice) -> bytes:
        """The picture's bytes: the whole board in the chosen look, or the window's view in its look."""
        from ui.picture.render import picture_bytes  # with Qt's SVG module: on first export, not at start-up
        from workshop.analysis import analyse

        ws = self._document.workshop
        if choice.whole:
            board = picture_board(ws, choice.look, analyse(ws))
        else:
            board = picture_board(ws, self.window_look(), analyse(ws), source=self._seen(), reflow_area=self._area())
        try:
            return picture_bytes(board, ws, choice.fmt, choice.width)
        finally:
            board.close()

    def _seen(self) -> QRectF:
        view = self._view
        view.board_scene.finish_moves()  # a Tidy glide under way: picture where the cards are going
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def _area(self) -> QSizeF | None:
        """The viewport projector mode reflows the cards for (BoardView._follow_reflow's arithmetic)."""
        if not self._view.projector:
            return None
        area = self._view.fit_area()
        return QSizeF(max(1.0, area.width() - 2 * FIT_MARGIN), max(1.0, area.height() - 2 * FIT_MARGIN))

    def _ask_path(self, suggested: str, fmt: str) -> str:
        folder = (
            self._document.path.parent
            if self._document.path
            else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation))
        )
        name = self.tr("PNG image (*.png)") if fmt == "png" else self.tr("SVG image (*.svg)")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export board as picture"), str(folder / suggested), name
        )
        return path

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file name may hold anything: never markup
        box.exec()
        box.deleteLater()


def suggested_file_name(title: str, fmt: str) -> str:
    return f"{safe_stem(title, 'Board')} - board.{fmt}"
