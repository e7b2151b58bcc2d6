"""Rows of cells to `RawRow`s: the header, the columns, the kind of each row, the cap on rows.

Shared by the workbook and the CSV reader, so both read the one layout (workshop/importing/columns.py)
the same way and say the same things about the same mistakes. The first non-blank row is the header;
blank rows are skipped without a word (spreadsheets are full of them).
"""

from __future__ import annotations

from collections.abc import Iterable

from workshop.importing.columns import HEADERS, KINDS, REQUIRED, Column, Kind, column_of, kind_of, missing_columns
from workshop.importing.rows import MAX_ROWS, Bad, Cell, ImportFileError, RawRow, ReadResult, RowProblem
from workshop.text import quoted_piece

_KIND_NAMES = ", ".join(KINDS)


class RowBudget:
    """Counts rows across a whole file and refuses it past the cap, wherever the rows are."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.used = 0

    def check_sheet_rows(self, sheet: str, rows: int) -> None:
        """Refuse at once a sheet that declares more rows than can be read."""
        if rows > MAX_ROWS + 1:
            raise ImportFileError(_too_many(sheet, rows))

    def take(self, sheet: str, row: int, *, counts: bool) -> None:
        """Row `row` of `sheet` was read; `counts` when it holds data (not blank, not the header)."""
        self.used += counts
        if self.used > MAX_ROWS or row > MAX_ROWS + 1:
            raise ImportFileError(_too_many(sheet, None))


def _too_many(sheet: str, rows: int | None) -> str:
    counted = f"has {rows - 1:,} rows" if rows is not None else "goes on past the limit"
    return (
        f"This file {counted} (sheet '{quoted_piece(sheet, 40)}'): Via imports at most {MAX_ROWS:,} rows at a "
        "time. Split it into smaller files."
    )


def read_table(
    result: ReadResult,
    sheet: str,
    kind: Kind | None,
    rows: Iterable[list[Cell]],
    budget: RowBudget,
    *,
    unknown_sheet: str = "",
) -> None:
    """Add the rows of one table (a sheet, or the whole CSV) to `result`.

    `kind` is the sheet's kind; None means each row says its own in a "Kind" column. Without one,
    the table is left out with `unknown_sheet` as the reason (or a word about the missing column).
    """
    result.sheets.append(sheet)
    header: dict[int, Column] | None = None
    titles: dict[Column, str] = {}
    for number, cells in enumerate(rows, start=1):
        blank = _blank(cells)
        budget.take(sheet, number, counts=not blank and header is not None)
        if blank:
            continue
        if header is None:
            header, titles, notes = _header(sheet, cells)
            if kind is None and Column.KIND not in titles:
                reason = unknown_sheet or f"no '{Column.KIND}' column saying what each row is ({_KIND_NAMES})"
                result.problems.append(RowProblem(sheet, None, reason))
                return  # its columns are not worth a word: none of them is read
            result.problems.extend(notes)
            if kind is not None:
                missing = missing_columns(kind, titles)
                if missing:
                    result.problems.append(RowProblem(sheet, None, _missing(kind, missing, own_sheet=True)))
                    return
            continue
        row = _row(sheet, number, kind, header, titles, cells)
        if isinstance(row, RowProblem):
            result.problems.append(row)
        else:
            result.rows.append(row)


def _blank(cells: list[Cell]) -> bool:
    return all(isinstance(cell, str) and not cell.strip() for cell in cells)


def _header(sheet: str, cells: list[Cell]) -> tuple[dict[int, Column], dict[Column, str], list[RowProblem]]:
    """Which field each column holds, the title it has, and notes on columns left out."""
    header: dict[int, Column] = {}
    titles: dict[Column, str] = {}
    notes: list[RowProblem] = []
    for index, cell in enumerate(cells):
        title = cell.strip() if isinstance(cell, str) else ""
        if not title:
            continue
        column = column_of(title)
        if column is None:
            notes.append(
                RowProblem(sheet, None, f"the column '{quoted_piece(title, 40)}' is not one Via reads; it is left out")
            )
        elif column in titles:
            notes.append(
                RowProblem(
                    sheet,
                    None,
                    f"the columns '{quoted_piece(titles[column], 40)}' and '{quoted_piece(title, 40)}' say the "
                    "same thing; only the first is read",
                )
            )
        else:
            header[index] = column
            titles[column] = title
    return header, titles, notes


def _missing(kind: Kind, missing: list[Column], *, own_sheet: bool) -> str:
    """A sheet of its own is told the template's titles ("Goal"); a table with a Kind column its own ("Text")."""
    names = [HEADERS[kind][REQUIRED[kind].index(c)] if own_sheet else c.value for c in missing]
    listed = " and ".join(f"'{name}'" for name in names)
    return f"no {listed} column for {kind.value.lower()}, so none of its rows can be read"


def _row(
    sheet: str,
    number: int,
    kind: Kind | None,
    header: dict[int, Column],
    titles: dict[Column, str],
    cells: list[Cell],
) -> RawRow | RowProblem:
    values: dict[Column, str] = {}
    for index, column in header.items():
        cell = cells[index] if index < len(cells) else ""
        if isinstance(cell, Bad):
            return RowProblem(sheet, number, f"{cell.reason} in the column '{quoted_piece(titles[column], 40)}'")
        values[column] = cell
    if kind is None:
        word = values.get(Column.KIND, "").strip()
        kind = kind_of(word) if word else None
        if kind is None:
            said = f"the kind '{quoted_piece(word, 40)}' is not one Via knows" if word else "the Kind is empty"
            return RowProblem(sheet, number, f"{said} (use one of: {_KIND_NAMES})")
        missing = missing_columns(kind, titles)
        if missing:
            return RowProblem(sheet, number, _missing(kind, missing, own_sheet=False))
    return RawRow(kind, sheet, number, values)
