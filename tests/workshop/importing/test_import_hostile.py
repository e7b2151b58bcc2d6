"""Hostile and broken files are refused with one clear sentence, before they cost time or memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from workshop.importing import ImportFileError, plan, read_data, read_file
from workshop.importing.guard import MAX_UNPACKED
from workshop.model import Workshop

PLAIN = {"Strategic goals": [["Strategic goal"], ["Grow"]]}


def refusal(data: bytes, name: str = "plan.xlsx") -> str:
    with pytest.raises(ImportFileError) as refused:
        read_data(data, name)
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_plain_workbook_is_read(parts):
    assert [r.cells for r in read_data(parts.workbook(PLAIN), "plan.xlsx").rows] == [{"Text": "Grow"}]


def test_a_zip_bomb_entry_is_refused_from_the_zip_directory_alone(parts):
    zeros = bytes(1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in zipfile.ZipFile(io.BytesIO(parts.workbook(PLAIN))).infolist():
            archive.writestr(info.filename, zipfile.ZipFile(io.BytesIO(parts.workbook(PLAIN))).read(info.filename))
        with archive.open("xl/media/bomb.bin", "w") as bomb:
            for _ in range(MAX_UNPACKED // len(zeros) + 1):
                bomb.write(zeros)
    data = out.getvalue()
    assert len(data) < 200_000, "small on disk..."
    message = refusal(data)
    assert "would unpack to 49 MB" in message and "zip bomb" in message


def test_many_parts_that_unpack_to_too_much_together_are_refused(parts):
    chunk = bytes(7 * 1024 * 1024)
    add = {f"xl/media/image{i}.png": chunk for i in range(8)}
    message = refusal(parts.rezip(parts.workbook(PLAIN), add=add))
    assert "would unpack to 56 MB" in message and "at most 48 MB unpacked" in message


def test_a_hundred_thousand_row_sheet_is_refused_before_it_is_parsed(parts):
    for dimension in (True, False):
        data = parts.rezip(
            parts.workbook(PLAIN), {"xl/worksheets/sheet1.xml": parts.sheet(100_000, dimension=dimension)}
        )
        assert "more than 20,000 rows" in refusal(data)


def test_a_hundred_thousand_row_csv_is_refused(csv_file):
    path = csv_file("Kind,Text\n" + "Strategic goals,Grow\n" * 100_000)
    with pytest.raises(ImportFileError, match="at most 20,000 rows"):
        read_file(path)


def test_a_ten_megabyte_cell_leaves_its_row_out_in_a_workbook(parts):
    data = parts.workbook({"Strategic goals": [["Strategic goal"], ["x" * 10_000_000], ["Grow"]]})
    read = read_data(data, "plan.xlsx")
    assert max(len(r.get(next(iter(r.cells)))) for r in read.rows) <= 20_001, "never held whole"
    preview = plan(Workshop(), read)
    assert [g.text for g in preview.strategic] == ["Grow"]
    assert [(p.row, p.reason[:60]) for p in preview.problems] == [
        (2, "over the length cap: the strategic goal is over 20,000 chara")
    ]


def test_a_ten_megabyte_cell_in_a_csv_refuses_the_file(csv_file):
    path = csv_file('Kind,Text\nStrategic goals,"' + "x" * 10_000_000 + '"\n')
    with pytest.raises(ImportFileError, match=r"Row 2 of plan.csv could not be read as CSV \(field larger"):
        read_file(path)


def test_external_links_are_refused(parts):
    data = parts.rezip(parts.workbook(PLAIN), add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    assert "links to other workbooks" in refusal(data)


def test_macros_are_refused_by_content_and_by_name(parts):
    data = parts.rezip(parts.workbook(PLAIN), add={"xl/vbaProject.bin": b"\x00" * 64})
    assert "contains macros" in refusal(data)
    assert "macro-enabled" in refusal(parts.workbook(PLAIN), "plan.xlsm")


def test_xml_entities_are_refused(parts):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Strategic goal</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    data = parts.rezip(parts.workbook(PLAIN), {"xl/worksheets/sheet1.xml": bomb})
    assert "could not be read as a workbook" in refusal(data)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"Kind,Text\nGoals,x\n", "plan.xlsx", "is not an Excel workbook (.xlsx)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "old.xls",
            "Excel 97-2003 workbook (.xls) or has a password",
        ),
        (b"PK\x03\x04 broken", "plan.xlsx", "damaged or not a workbook"),
        (b"<html></html>", "plan.ods", "Via imports .xlsx workbooks and .csv files"),
    ],
)
def test_what_is_not_a_workbook_says_what_it_is(data, name, expected):
    assert expected in refusal(data, name)


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "a zip file but not an Excel workbook" in refusal(out.getvalue())


def test_a_csv_with_nul_bytes_is_not_text(parts):
    assert "contains NUL bytes" in refusal(b"Kind,Text\x00\n", "plan.csv")
    assert "import the .xlsx itself" in refusal(parts.workbook(PLAIN), "renamed.csv")


def test_a_csv_in_another_encoding_is_refused_with_the_way_out():
    message = refusal("Kind,Text\nStrategic goals,Croissance économique\n".encode("latin-1"), "plan.csv")
    assert "is not UTF-8 text" in message and "CSV UTF-8" in message


def test_a_csv_row_with_thousands_of_cells_is_refused():
    assert "a row of this layout has at most nine" in refusal(b"Kind,Text\n" + b"x," * 5000 + b"\n", "plan.csv")


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)  # sparse: costs nothing to make
    with pytest.raises(ImportFileError, match="Via imports files of at most 20 MB"):
        read_file(path)


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(ImportFileError, match="There is no file called"):
        read_file(tmp_path / "nothing.xlsx")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_file(tmp_path)


def test_a_formula_error_value_leaves_its_row_out(parts):
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Strategic goal</t></is></c></row>'
        b'<row r="2"><c r="A2" t="e"><v>#REF!</v></c></row></sheetData></worksheet>'
    )
    read = read_data(parts.rezip(parts.workbook(PLAIN), {"xl/worksheets/sheet1.xml": sheet}), "plan.xlsx")
    assert [(p.row, p.reason) for p in read.problems] == [
        (2, "an error value (#REF!) instead of a value in the column 'Strategic goal'")
    ]
