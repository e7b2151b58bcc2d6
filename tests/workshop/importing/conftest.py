"""Files the import tests make for themselves: workbooks written by openpyxl, workbooks with a part
swapped or added by hand (a zip bomb entry, macros, a 100,000-row sheet), and CSV files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

Sheets = dict[str, list[list[object]]]


def workbook_bytes(sheets: Sheets) -> bytes:
    """A workbook as Excel would save it: each sheet with its rows, its size in <dimension>."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same workbook with some parts replaced or added, written as a new zip."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def sheet_xml(rows: int, *, dimension: bool) -> bytes:
    """A sheet of `rows` rows of one inline text each, built as bytes (100,000 rows in a few ms)."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += b'<dimension ref="A1:A%d"/>' % rows
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>g</t></is></c></row>' % (i, i) for i in range(1, rows + 1)
    )
    return head + b"<sheetData>" + body + b"</sheetData></worksheet>"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """`workbook({"Goals": [[...], ...]}, name="plan.xlsx")` writes a workbook in this test's folder."""

    def make(sheets: Sheets, name: str = "plan.xlsx") -> Path:
        path = tmp_path / name
        path.write_bytes(workbook_bytes(sheets))
        return path

    return make


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    """`csv_file("Kind,Text\\n...", name="plan.csv", encoding="utf-8")` writes a CSV in this test's folder."""

    def make(text: str, name: str = "plan.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return make


@pytest.fixture
def parts() -> SimpleNamespace:
    """The builders above, for tests that take a workbook apart: parts.workbook(sheets) -> bytes,
    parts.rezip(data, replace=..., add=...) -> bytes, parts.sheet(rows, dimension=...) -> bytes."""
    return SimpleNamespace(workbook=workbook_bytes, rezip=rezip, sheet=sheet_xml)
