"""Read an .xlsx workbook with openpyxl, streaming, after `guard` has checked the file.

openpyxl runs in read-only mode (rows are parsed as they are asked for, memory stays flat) with
`data_only=False`, so a formula arrives as a formula and its row is left out with that reason: the
value a formula last showed is whatever the file says it was, which is not what the facilitator
sees if the workbook was never recalculated. Only the first `MAX_COLUMNS` columns and at most
`MAX_ROWS` + 1 rows of a sheet are ever parsed.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from typing import Any

from workshop.importing.columns import IGNORED_SHEETS, KINDS, kind_of
from workshop.importing.guard import open_workbook_zip
from workshop.importing.rows import MAX_CELL, MAX_COLUMNS, MAX_ROWS, Bad, Cell, ImportFileError, ReadResult
from workshop.importing.table import RowBudget, read_table
from workshop.text import quoted_piece

_SHEET_NAMES = ", ".join(f"'{kind}'" for kind in KINDS)


def read_xlsx(data: bytes, name: str) -> ReadResult:
    """The rows of a workbook's sheets; raises `ImportFileError` for a file that cannot or must not be read."""
    open_workbook_zip(data, name).close()
    shown = quoted_piece(name, 60)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of the project
        raise ImportFileError("Reading .xlsx needs openpyxl, which is missing from this installation.") from None
    result = ReadResult(source=name)
    budget = RowBudget(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "extension not supported" and the like: nothing for the user
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
            try:
                for sheet in book.worksheets:
                    _read_sheet(result, sheet, budget)
            finally:
                book.close()
    except ImportFileError:
        raise
    except Exception as error:  # a damaged zip or XML, defusedxml's refusals, a CRC that fails: not sound
        raise ImportFileError(f"{shown} could not be read as a workbook ({_why(error)}).") from None
    if not result.sheets:
        raise ImportFileError(f"{shown} has no sheet Via reads; name the sheets {_SHEET_NAMES}.")
    return result


def _why(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return quoted_piece(text, 120)


def _read_sheet(result: ReadResult, sheet: Any, budget: RowBudget) -> None:
    title = str(sheet.title)
    words = " ".join(title.split()).casefold()
    if words in IGNORED_SHEETS:
        return
    declared = sheet.max_row  # from the sheet's <dimension>, when it has one: refuse before parsing
    if isinstance(declared, int):
        budget.check_sheet_rows(title, declared)
    rows = sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 2)
    read_table(
        result,
        title,
        kind_of(title),
        _cells(rows),
        budget,
        unknown_sheet=f"not a sheet Via reads, so it is left out (the sheets are {_SHEET_NAMES})",
    )


def _cells(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[Cell]]:
    for row in rows:
        yield [_cell(cell) for cell in row]


def _cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return ""
    kind = cell.data_type
    if kind == "f":
        return Bad("a formula instead of a value")
    if kind == "e":
        return Bad(f"an error value ({quoted_piece(str(value), 20)}) instead of a value")
    return _text(value)


def _text(value: object) -> str:
    """A cell's value as the words it shows: whole numbers without ".0", dates as ISO dates."""
    if isinstance(value, str):
        return value[: MAX_CELL + 1]
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)[: MAX_CELL + 1]
