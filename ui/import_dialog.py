"""File > Import…: prepare the workshop from a spreadsheet, with a preview before anything changes.

The dialog reads the chosen file (`workshop.importing`), shows how many of each kind it would add and
every row it would leave out (sheet, row number, reason), and offers the template to fill in. Nothing
reaches the workshop until Import is pressed; then `user_ops.import_rows` runs through the document,
as one undo step, and plans again against the workshop as it is at that moment. Everything a file
brings in is shown as plain text: a cell reading `<b>x` or `R&D` shows as typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_while_painting
from ui.document import Document
from ui.plain_text import plain_label
from ui.tooltips import plain_tooltip
from workshop import importing, user_ops
from workshop.text import quoted_piece
from workshop.user_ops import Outcome

TEMPLATE_FILTER = "Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def ask_import_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """The spreadsheet to import, or None. Tests replace this function instead of clicking a file dialog."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, tr("Import from a spreadsheet"), directory, f"{importing.FILE_FILTER};;All files (*)"
    )
    return Path(chosen) if chosen else None


def ask_template_path(parent: QWidget | None, directory: str = "") -> Path | None:
    """Where to save the template (.xlsx unless CSV is chosen), or None. Tests replace this function."""
    start = str(Path(directory) / "via-import-template.xlsx") if directory else "via-import-template.xlsx"
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, tr("Save the import template"), start, TEMPLATE_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_suffix(".csv" if "csv" in chosen_filter.lower() else ".xlsx")
    return path


class ImportDialog(QDialog):
    """Choose a file, look at what it would add and what it leaves out, then Import or Cancel."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from a spreadsheet"))
        self.setObjectName("importDialog")
        self._document = document
        self._read: importing.ReadResult | None = None
        self.outcome: Outcome | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                self.tr(
                    "Add strategic goals, functions, goals with their measure and target, KPIs and participants "
                    "from an .xlsx workbook (a sheet per kind) or a CSV file (a Kind column). The template shows "
                    "the layout. Nothing changes until you press Import, and Undo takes the whole import back."
                ),
                parent=self,
            )
        )
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("Save &template…"), self)
        self.template_button.setToolTip(self.tr("Save an .xlsx or CSV file with the layout and sample rows to fill in"))
        self.template_button.clicked.connect(self.save_template)
        row.addWidget(self.choose_button)
        row.addWidget(self.template_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.file_label = plain_label(self.tr("No file chosen yet."), "importFile", self)
        layout.addWidget(self.file_label)
        self.summary = plain_label("", "importSummary", self)
        layout.addWidget(self.summary)
        self.counts = self._table([kind.value for kind in importing.Kind], "importCounts")
        self.counts.setAccessibleName(self.tr("Will be added"))
        self.counts.verticalHeader().setVisible(True)
        self.counts.setVerticalHeaderLabels([self.tr("Will be added")])
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row_height = self.counts.verticalHeader().defaultSectionSize()
        self.counts.setFixedHeight(self.counts.horizontalHeader().sizeHint().height() + row_height + 4)
        layout.addWidget(self.counts)
        self.problems_label = plain_label("", "importProblemsTitle", self)
        layout.addWidget(self.problems_label)
        self.problems = self._table([self.tr("Sheet"), self.tr("Row"), self.tr("Why it is left out")], "importProblems")
        self.problems.setAccessibleName(self.tr("Rows left out"))
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)  # takes the room while there is no list of rows left out
        self.error = plain_label("", "importError", self)
        self.error.setStyleSheet("color: #B00020; font-weight: 600;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_preview(None)
        self.resize(900, 560)

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(False)
        return table

    # --- choosing ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = ask_import_path(self)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read the file and show what it would add; a refused file says why and enables nothing."""
        self.file_label.setText(self.tr("File: %s") % quoted_piece(str(path), 200))
        self.error.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._read = run_while_painting("import", importing.read_file, path)  # up to ~1-2 s
        except importing.ImportFileError as error:
            self._read = None
            self._show_preview(None, refused=str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_preview(importing.plan(self._document.workshop, self._read))

    def save_template(self) -> None:
        path = ask_template_path(self)
        if path is None:
            return
        from workshop.importing.template import write_template  # openpyxl loads only when asked for

        try:
            write_template(path)
        except (OSError, ValueError) as error:
            self._refuse(self.tr("The template could not be saved: %s") % (getattr(error, "strerror", None) or error))
            return
        self.error.hide()
        self.file_label.setText(self.tr("Template saved to %s. Fill it in, then choose it here.") % path)

    # --- the preview --------------------------------------------------------------------------------

    def _show_preview(self, preview: importing.Preview | None, refused: str = "") -> None:
        self.counts.setRowCount(0)
        self.problems.setRowCount(0)
        self.import_button.setEnabled(preview is not None and not preview.nothing)
        self.counts.setVisible(preview is not None)
        if preview is None:
            self.summary.setText(refused or self.tr("Choose a file to see what it would add."))
            self.problems_label.hide()
            self.problems.hide()
            return
        if preview.nothing:
            self.summary.setText(self.tr("Nothing in this file can be added; the rows below say why."))
        else:
            self.summary.setText(self.tr("Import would add %s.") % preview.summary())
        self.counts.setRowCount(1)
        self.counts.setVerticalHeaderLabels([self.tr("Will be added")])
        for column, count in enumerate(preview.counts().values()):
            item = QTableWidgetItem(f"{count:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.counts.setItem(0, column, item)
        shown = bool(preview.problems)
        self.problems_label.setVisible(shown)
        self.problems.setVisible(shown)
        self.problems_label.setText(self.tr("Left out (%s):") % f"{len(preview.problems):,}")
        self.problems.setUpdatesEnabled(False)
        self.problems.setRowCount(len(preview.problems))
        for index, problem in enumerate(preview.problems):
            row = "" if problem.row is None else f"{problem.row:,}"
            for column, text in enumerate((quoted_piece(problem.sheet, 60), row, problem.reason)):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                elif column == 2:
                    item.setToolTip(plain_tooltip(text))  # cut at the column edge: the tooltip has it whole
                self.problems.setItem(index, column, item)
        self.problems.setUpdatesEnabled(True)

    # --- applying ----------------------------------------------------------------------------------

    def apply(self) -> None:
        """Import as one undo step; a refusal stays in the dialog with the reason."""
        if self._read is None:
            return
        outcome = self._document.run(user_ops.import_rows, self._read)
        if outcome.refusal:
            self._refuse(outcome.refusal)
            self._show_preview(importing.plan(self._document.workshop, self._read))
            return
        self.outcome = outcome
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def import_into(parent: QWidget | None, document: Document) -> Outcome | None:
    """Show the dialog modally; the import's outcome, or None when nothing was imported."""
    dialog = ImportDialog(document, parent)
    try:
        dialog.exec()
        return dialog.outcome
    finally:
        dialog.deleteLater()
