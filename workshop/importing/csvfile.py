"""Read a CSV file: one table whose "Kind" column says what each row is.

The file must be UTF-8 (with or without the byte-order mark Excel writes for "CSV UTF-8"); anything
else is refused with the way to save it right, rather than guessed at and shown as mojibake. The
separator is a comma, or a semicolon or tab when the header row uses that instead (Excel in many
European locales writes semicolons). NUL bytes mean the file is not text at all (often a workbook
renamed to .csv) and are refused; so are cells over the csv module's field limit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from workshop.importing.rows import MAX_CELL, MAX_COLUMNS, Cell, ImportFileError, ReadResult
from workshop.importing.table import RowBudget, read_table
from workshop.text import quoted_piece

MAX_FIELDS = 200
"""A row with more cells than this is not a row of a workshop plan (the layout has nine columns)."""
_BOM = "\ufeff"


def read_csv(data: bytes, name: str) -> ReadResult:
    """The rows of a CSV file; raises `ImportFileError` for a file that is not UTF-8 text."""
    shown = quoted_piece(name, 60)
    if b"\x00" in data:
        hint = " It looks like a workbook: import the .xlsx itself." if data.startswith(b"PK") else ""
        raise ImportFileError(f"{shown} is not a text file (it contains NUL bytes), so it is not a CSV.{hint}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{shown} is not UTF-8 text (byte {error.start:,} cannot be read). Save it as "
            "'CSV UTF-8 (Comma delimited)' and import that; UTF-8 with or without a byte-order mark is fine."
        ) from None
    text = text.removeprefix(_BOM)
    result = ReadResult(source=name)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=False)
    read_table(result, name, None, _cells(rows, shown), RowBudget(name))
    return result


def _separator(text: str) -> str:
    """The header row's separator: the one of comma, semicolon and tab it uses most (comma on a tie)."""
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _cells(rows: Iterator[list[str]], shown: str) -> Iterator[list[Cell]]:
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            if len(row) > MAX_FIELDS:
                raise ImportFileError(
                    f"Row {number:,} of {shown} has {len(row):,} cells; a row of this layout has at most nine."
                )
            yield [cell[: MAX_CELL + 1] for cell in row[:MAX_COLUMNS]]
    except csv.Error as error:
        raise ImportFileError(
            f"Row {number + 1:,} of {shown} could not be read as CSV ({quoted_piece(str(error), 80)})."
        ) from None
