"""The template to fill in: the import layout as a workbook (a sheet per kind) or a CSV (a Kind
column), with the worked example's rows as samples to overwrite. Importing it as it is gives the
worked example's functions, goals, KPIs and participants, which is also how the tests read it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workshop.importing.columns import CSV_HEADERS, HEADERS, KINDS, Column, Kind, column_of

SAMPLES: dict[Kind, list[tuple[str, ...]]] = {
    Kind.STRATEGIC: [
        ("Increase customer loyalty", "Repeat purchase rate", "60% by year end"),
        ("Reduce expenditure", "Operating cost", "5% lower than last year"),
        ("Raise employee engagement", "Engagement survey score", "75 of 100"),
    ],
    Kind.FUNCTION: [
        ("Sales", "customer-facing"),
        ("Customer Service", "customer-facing"),
        ("Customer Support", "customer-facing"),
        ("IT", "support"),
        ("HR", "support"),
        ("Procurement", "support"),
    ],
    Kind.GOAL: [
        ("Sales", "Match products to each customer's real needs", "Sales with a needs check", "90%"),
        ("Customer Service", "Helpful, friendly, respectful service", "Satisfaction after contact", "4.5 of 5"),
        ("Customer Support", "Resolve tickets fast", "Median time to resolve", "8 hours"),
        ("IT", "Accurate customer records and purchase history within a day", "Records current within 24 h", "99%"),
        ("HR", "Fill vacant posts within 30 days with people who fit", "Days to fill a post", "30"),
    ],
    Kind.KPI: [
        ("Sales", "New contracts signed", "Closing new deals", "Bonus per new contract"),
        ("Customer Support", "Time to resolve", "Closing tickets fast", ""),
    ],
    Kind.PARTICIPANT: [
        ("Ana Ruiz", "Sales", "ana.ruiz@example.com"),
        ("Ben Okafor", "IT", ""),
        ("Chloé Martin", "Customer Service", "chloe.martin@example.com"),
    ],
}
"""Rows in the order of `HEADERS[kind]`."""

READ_ME = [
    "How to fill in this template for Via (File > Import… or `via import FILE -o WORKSHOP.via`)",
    "",
    "One sheet per kind: Strategic goals, Functions, Goals, KPIs, Participants. Keep the sheet names and",
    "the titles in row 1; columns may be in any order. Replace the sample rows with your own.",
    "Strategic goals: the goal, with an optional measure and target.",
    "Functions: the name, and the type: customer-facing or support.",
    "Goals: the function (as named on the Functions sheet or already in the workshop), the goal, measure, target.",
    "KPIs: the function, the KPI, what it rewards, and any incentive (bonus) tied to it.",
    "Participants: the name, optionally the function they speak for and an email address.",
    "Type values, not formulas: a row with a formula is left out. Blank rows are skipped.",
    "Before anything is added, Via shows what it would add and every row it leaves out, with the reason.",
    "This sheet is not read.",
]

TEMPLATE_SUFFIXES = (".xlsx", ".csv")


def write_template(path: Path | str) -> Path:
    """Write the template as .xlsx or .csv (by the name's suffix); raises ValueError for any other."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        path.write_bytes(template_xlsx())
    elif suffix == ".csv":
        path.write_bytes(template_csv())
    else:
        raise ValueError(f"a template is written as .xlsx or .csv, not '{path.suffix or path.name}'")
    return path


def template_csv() -> bytes:
    """The CSV layout, UTF-8 with a byte-order mark so that Excel opens accented names correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.value for column in CSV_HEADERS])
    for kind in KINDS:
        columns = _columns(kind)
        for sample in SAMPLES[kind]:
            cells = dict(zip(columns, sample, strict=True))
            cells[Column.KIND] = kind.value
            writer.writerow([cells.get(column, "") for column in CSV_HEADERS])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The workbook layout: a "Read me" sheet, then one sheet per kind with its titles and samples."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    for line in READ_ME:
        readme.append([line])
    readme["A1"].font = Font(bold=True)
    readme.column_dimensions["A"].width = 110
    for kind in KINDS:
        sheet = book.create_sheet(kind.value)
        sheet.append(list(HEADERS[kind]))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for sample in SAMPLES[kind]:
            sheet.append(list(sample))
        sheet.freeze_panes = "A2"
        for index, title in enumerate(HEADERS[kind]):
            letter = chr(ord("A") + index)
            wide = title in ("Goal", "Strategic goal", "Rewards", "Incentive")
            sheet.column_dimensions[letter].width = 48 if wide else 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _columns(kind: Kind) -> list[Column | None]:
    """The field each of the template's titles for this kind stands for ("Goal" is Text)."""
    return [column_of(title) for title in HEADERS[kind]]
