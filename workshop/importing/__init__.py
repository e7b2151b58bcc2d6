"""Prepare a workshop from a spreadsheet: read an .xlsx or CSV file in the one documented layout
(workshop/importing/columns.py), check it against the workshop, and say what it would add.

    read = read_file(path)          # ImportFileError for a file that cannot or must not be read
    preview = plan(workshop, read)  # what would be added, and every row left out with its reason
    user_ops.import_rows(workshop, read)   # the one undo step that adds it (plans again first)

`write_template(path)` writes the layout as a file to fill in. Pure domain: no Qt here.
"""

from __future__ import annotations

from pathlib import Path

from workshop.importing.columns import Kind
from workshop.importing.plan import Preview, key, plan
from workshop.importing.rows import MAX_ROWS, ImportFileError, ReadResult, RowProblem
from workshop.text import quoted_piece

WORKBOOK_SUFFIXES = (".xlsx", ".xltx", ".xls", ".xlsm", ".xltm", ".xlam", ".xlsb")
"""Sent to the workbook reader, which explains the ones it refuses (macros, the old .xls format)."""
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
FILE_FILTER = "Spreadsheets (*.xlsx *.csv)"

__all__ = [
    "FILE_FILTER",
    "MAX_ROWS",
    "ImportFileError",
    "Kind",
    "Preview",
    "ReadResult",
    "RowProblem",
    "key",
    "plan",
    "read_data",
    "read_file",
]


def read_file(path: Path | str) -> ReadResult:
    """Read a prepared workshop from an .xlsx or CSV file; raises `ImportFileError` with the reason."""
    from workshop.importing.guard import read_bytes  # zipfile and its kin load with the first import

    path = Path(path)
    return read_data(read_bytes(path), path.name)


def read_data(data: bytes, name: str) -> ReadResult:
    """Read a file's bytes, telling the format by the name's suffix."""
    suffix = Path(name).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from workshop.importing.xlsx import read_xlsx  # openpyxl is imported only by an import

        return read_xlsx(data, name)
    if suffix in TEXT_SUFFIXES:
        from workshop.importing.csvfile import read_csv

        return read_csv(data, name)
    raise ImportFileError(
        f"Via imports .xlsx workbooks and .csv files; {quoted_piece(name, 60)} is neither. "
        "Save it from your spreadsheet as one of those."
    )
