"""What a reader hands on: the rows of a file, each with its sheet and row number, and what was wrong.

Readers (`xlsx`, `csvfile`) turn a file into `RawRow`s and `RowProblem`s; they know nothing of the
workshop. `workshop.importing.plan` then checks the rows against the workshop. A file that cannot be
read at all, or that looks built to hurt (a zip bomb, macros, 100,000 rows), raises `ImportFileError`
with one sentence for the person who chose it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.importing.columns import Column, Kind
from workshop.text import MAX_TEXT, quoted_piece

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Largest file read (as for .via files): a 20,000-row workshop plan is a few MB at most."""
MAX_ROWS = 20_000
"""Most rows one file may hold, all sheets together: four times the largest workshop Via is measured
at (5,000 goals); more is not a workshop plan, and reading stops there instead of going on."""
MAX_COLUMNS = 30
"""Columns read per row: the layout has nine; what lies further right is never looked at."""
MAX_CELL = MAX_TEXT
"""Longest cell kept in full: the model's longest text. A longer one is cut to one character more,
so the plan can still say "over the length cap" without holding megabytes."""


class ImportFileError(Exception):
    """The whole file is refused; the message is the sentence to show, naming the file's problem."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One row (or a whole sheet, with row None) left out, and why, in words for the facilitator."""

    sheet: str
    row: int | None
    reason: str

    def where(self) -> str:
        sheet = quoted_piece(self.sheet, 40)
        return sheet if self.row is None else f"{sheet}, row {self.row:,}"

    def line(self) -> str:
        """ "Goals, row 12: the function 'Slaes' is not in the workshop or the file." (one line)"""
        return f"{self.where()}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RawRow:
    """A row as read: its kind, where it is, and its cells by field (cleaned of nothing yet)."""

    kind: Kind
    sheet: str
    row: int
    cells: dict[Column, str]

    def get(self, column: Column) -> str:
        return self.cells.get(column, "")


@dataclass
class ReadResult:
    """Everything a file holds for Via, before it meets the workshop."""

    source: str
    """The file's name, for messages and the undo label."""
    rows: list[RawRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    """Sheet names in the file's order (a CSV is one "sheet", its file name): problems sort by it."""


class Bad:
    """A cell that is not a plain value (a formula, an error): the reason its row is left out."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


Cell = str | Bad
