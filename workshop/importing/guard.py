"""The checks a file passes before any parser sees it: size, what kind of file, what the zip holds.

An .xlsx is a zip of XML parts. Before openpyxl opens one, its central directory is read (names and
declared sizes only, nothing unpacked) and the workbook is refused when it would unpack to more than
Via will hold (a zip bomb), carries macros, links to other workbooks or data connections, or is
encrypted. Declared sizes also bound what is unpacked later: Python's zipfile stops at an entry's
declared size and then checks its CRC, so an entry that lies about its size fails instead of growing.
XML entity tricks are defused by `defusedxml`, which openpyxl uses whenever it is installed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from workshop.importing.rows import MAX_FILE_BYTES, MAX_ROWS, ImportFileError
from workshop.text import quoted_piece

MAX_UNPACKED = 48 * 1024 * 1024
"""Most bytes all parts of a workbook may unpack to: 20,000 full rows fit several times over."""
MAX_PART = 8 * 1024 * 1024
"""Most bytes any part other than a sheet or the shared strings may unpack to (styles, themes...):
openpyxl parses those whole when it opens the workbook, before a single row is read."""
MAX_ENTRIES = 2_000
"""Most parts in a workbook: a real one has a few dozen."""
MAX_SHARED_STRINGS = 300_000
"""Most distinct texts a workbook may hold: openpyxl loads them all on opening, so they are counted
first (20,000 rows of nine columns have at most 180,000)."""
MAX_CELLS = 300_000
"""Most cells all sheets together may hold: 20,000 rows of the layout's nine columns are 180,000."""
SHARED_STRINGS = "xl/sharedstrings.xml"
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(si|row|c)[\s>/]")

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an Excel 97-2003 .xls, and of an .xlsx saved with a password (both OLE2)."""
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
_REFUSED_PARTS = (
    ("xl/externallinks/", "links to other workbooks (external links)"),
    ("xl/connections.xml", "data connections to other sources"),
    ("xl/activex/", "ActiveX controls"),
)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused before reading when it is larger than any workshop plan."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{path.name} is {_mb(size)}: Via imports files of at most {_mb(MAX_FILE_BYTES)}. "
                "Split it into smaller files."
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except ImportFileError:
        raise
    except FileNotFoundError:
        raise ImportFileError(f"There is no file called {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a spreadsheet.") from None
    except OSError as error:
        raise ImportFileError(f"{path.name} could not be read: {error.strerror or error}.") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise ImportFileError(f"{path.name} is over {_mb(MAX_FILE_BYTES)}: Via imports files of at most that size.")
    return data


def open_workbook_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The workbook's zip, once its directory shows nothing Via refuses; raises `ImportFileError`."""
    shown = quoted_piece(name, 60)
    if Path(name).suffix.lower() in MACRO_SUFFIXES:
        raise ImportFileError(
            f"{shown} is a macro-enabled or binary workbook; Via never opens those. Save it as .xlsx "
            "(Excel Workbook) or CSV and import that."
        )
    if data.startswith(OLE2_MAGIC):
        raise ImportFileError(
            f"{shown} is an Excel 97-2003 workbook (.xls) or has a password. Save it as .xlsx without a "
            "password, or as CSV, and import that."
        )
    if not data.startswith(b"PK"):
        raise ImportFileError(f"{shown} is not an Excel workbook (.xlsx): its content is not a workbook at all.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportFileError(f"{shown} is not an Excel workbook (.xlsx): it is damaged or not a workbook.") from None
    if len(entries) > MAX_ENTRIES:
        raise ImportFileError(f"{shown} holds {len(entries):,} parts; a workbook has a few dozen. It is refused.")
    unpacked = 0
    for entry in entries:
        lowered = entry.filename.lower()
        if entry.flag_bits & 0x1:
            raise ImportFileError(f"{shown} is encrypted. Save it without a password and import that.")
        if lowered.endswith(".bin") and "vba" in lowered:
            raise ImportFileError(f"{shown} contains macros (VBA); Via never opens workbooks with macros.")
        for prefix, what in _REFUSED_PARTS:
            if lowered.startswith(prefix):
                raise ImportFileError(
                    f"{shown} contains {what}; Via imports only plain values. Copy the sheets into a new "
                    "workbook (paste values) and import that."
                )
        unpacked += entry.file_size
        if entry.file_size > MAX_PART and not (lowered.startswith("xl/worksheets/") or lowered == SHARED_STRINGS):
            raise ImportFileError(
                f"{shown} has a part ({quoted_piece(entry.filename, 60)}) that would unpack to "
                f"{_mb(entry.file_size)}; a workbook of values has none so large (a 'zip bomb' looks like this)."
            )
    if unpacked > MAX_UNPACKED:
        raise ImportFileError(
            f"{shown} would unpack to {_mb(unpacked)} (a small file that unpacks to that much is a 'zip "
            f"bomb'); Via reads workbooks of at most {_mb(MAX_UNPACKED)} unpacked."
        )
    names = {e.filename.lower(): e for e in entries}
    if "xl/workbook.xml" not in names:
        raise ImportFileError(f"{shown} is a zip file but not an Excel workbook (.xlsx).")
    _count_before_parsing(archive, names, shown)
    return archive


def _count_before_parsing(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], shown: str) -> None:
    """Count shared strings, rows and cells by scanning the unpacked XML for their tags, so a workbook
    with far too many is refused in a fraction of a second. openpyxl would otherwise load every
    shared string, and scan a whole sheet without a <dimension> just to size it, before the first
    row reaches the row cap."""
    if (
        SHARED_STRINGS in names
        and _count(archive, names[SHARED_STRINGS], b"si", MAX_SHARED_STRINGS) > MAX_SHARED_STRINGS
    ):
        raise ImportFileError(
            f"{shown} holds more than {MAX_SHARED_STRINGS:,} different texts; Via imports at most "
            f"{MAX_ROWS:,} rows at a time. Split it into smaller files."
        )
    sheets = [e for n, e in names.items() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    rows = cells = 0
    for entry in sheets:
        rows += _count(archive, entry, b"row", MAX_ROWS + len(sheets))
        if rows > MAX_ROWS + len(sheets):  # a header row per sheet
            raise ImportFileError(_too_many(shown, f"more than {MAX_ROWS:,} rows"))
    for entry in sheets:
        cells += _count(archive, entry, b"c", MAX_CELLS)
        if cells > MAX_CELLS:
            raise ImportFileError(_too_many(shown, f"over {MAX_CELLS:,} cells"))


def _too_many(shown: str, what: str) -> str:
    return f"{shown} holds {what}: Via imports at most {MAX_ROWS:,} rows at a time. Split it into smaller files."


def _count(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, tag: bytes, stop: int) -> int:
    """How many `tag` elements a part holds, counted while unpacking it in chunks (stops past `stop`)."""
    count = 0
    tail = b""
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(1024 * 1024):
                window = tail + chunk
                count += _TAG.findall(window).count(tag)
                tail = window[-24:]
                count -= _TAG.findall(tail).count(tag)  # whole in the tail: counted again with the next chunk
                if count > stop:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise ImportFileError(f"{quoted_piece(entry.filename, 60)} in the workbook is damaged.") from None
    return count
