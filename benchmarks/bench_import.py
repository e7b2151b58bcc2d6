"""Import of a prepared workshop: reading the file, planning it against the workshop, adding it.

The file has 20 functions (10 customer-facing, 10 support), 5 strategic goals, N goals spread over
the functions with a measure and a target each, one KPI per function and 50 participants; it is
written once per size (not timed) as .xlsx (as Excel writes it, and as openpyxl's streaming writer
does, without the sheet's size, which costs openpyxl an extra scan) and as CSV. Each figure is one whole import into an
empty workshop: `read_file` (openpyxl for .xlsx), `plan`, and `user_ops.import_rows` (which plans
again and adds everything as one undo step), then its undo. Also: how long refusing a 100,000-row
sheet takes (it stops at the row cap).

Target: importing 5,000 goals (read + plan + apply) <= 1 s.

Run: python benchmarks/bench_import.py [--repeat 5] [--sizes 500,5000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import fmt, pace, timed

from workshop import user_ops
from workshop.importing import ImportFileError, plan, read_file
from workshop.model import Workshop


def rows(goals: int) -> dict[str, list[list[str]]]:
    functions = [(f"Function {i:02d}", "customer-facing" if i < 10 else "support") for i in range(20)]
    return {
        "Strategic goals": [["Strategic goal", "Measure", "Target"]]
        + [[f"Strategic goal {i}", "Index", "+10%"] for i in range(5)],
        "Functions": [["Function", "Type"]] + [list(f) for f in functions],
        "Goals": [["Function", "Goal", "Measure", "Target"]]
        + [
            [functions[i % 20][0], f"Goal number {i} of the plan, stated as a result", f"Measure {i}", f"{i % 97}%"]
            for i in range(goals)
        ],
        "KPIs": [["Function", "KPI", "Rewards", "Incentive"]]
        + [[f[0], f"KPI of {f[0]}", "Speed", ""] for f in functions],
        "Participants": [["Name", "Function", "Email"]]
        + [[f"Person {i}", functions[i % 20][0], f"person{i}@example.com"] for i in range(50)],
    }


def write_xlsx(path: Path, sheets: dict[str, list[list[str]]], *, streamed: bool = False) -> None:
    """As Excel and LibreOffice write it (each sheet names its size in <dimension>); `streamed`: as
    openpyxl's write-only mode does, without it, which makes openpyxl scan each sheet once more."""
    from openpyxl import Workbook

    book = Workbook(write_only=streamed)
    if not streamed:
        book.remove(book.active)
    for title, table in sheets.items():
        sheet = book.create_sheet(title)
        for row in table:
            sheet.append(row)
    book.save(path)


def write_csv(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    import csv

    columns = ["Kind", "Function", "Text", "Type", "Measure", "Target", "Rewards", "Incentive", "Email"]
    aliases = {"Strategic goal": "Text", "Goal": "Text", "KPI": "Text", "Name": "Text"}
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for title, table in sheets.items():
            header = [aliases.get(h, h) for h in table[0]]
            for row in table[1:]:
                cells = dict(zip(header, row, strict=True))
                cells["Kind"] = title
                writer.writerow([cells.get(c, "") for c in columns])


def import_once(path: Path) -> Workshop:
    ws = Workshop()
    outcome = user_ops.attempt(ws, user_ops.import_rows, read_file(path))
    assert outcome.ok, outcome.refusal
    return ws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="500,5000")
    args = parser.parse_args()
    print(pace())
    print("ms, best / median")
    with tempfile.TemporaryDirectory() as folder:
        for goals in [int(s) for s in args.sizes.split(",")]:
            sheets = rows(goals)
            streamed = partial(write_xlsx, streamed=True)
            for suffix, write in ((".xlsx", write_xlsx), (" streamed .xlsx", streamed), (".csv", write_csv)):
                path = Path(folder) / f"plan-{goals}{suffix.replace(' ', '-')}"
                write(path, sheets)
                read = read_file(path)
                read_t = timed(lambda p=path: read_file(p), args.repeat)
                plan_t = timed(lambda r=read: plan(Workshop(), r), args.repeat)
                total_t = timed(lambda p=path: import_once(p), args.repeat)

                def apply_and_undo(r=read) -> None:
                    ws = Workshop()
                    change = user_ops.import_rows(ws, r)
                    change.inverse().apply(ws)

                undo_t = timed(apply_and_undo, args.repeat)
                size = path.stat().st_size / 1024
                print(
                    f"{goals:>6} goals {suffix:<15} ({size:6.0f} KB): read {fmt(read_t)}  plan {fmt(plan_t)}  "
                    f"read+plan+apply {fmt(total_t)}  apply+undo {fmt(undo_t)}"
                )
        big = Path(folder) / "rows-100000.csv"
        big.write_text("Kind,Text\n" + "Strategic goals,Goal\n" * 100_000, encoding="utf-8")
        huge = Path(folder) / "rows-100000.xlsx"
        write_xlsx(
            huge, {"Strategic goals": [["Strategic goal"]] + [[f"Goal {i}"] for i in range(100_000)]}, streamed=True
        )
        for path in (big, huge):

            def refuse(p: Path = path) -> None:
                try:
                    read_file(p)
                except ImportFileError:
                    return
                raise AssertionError("a 100,000-row file was not refused")

            print(f"refusing a 100,000-row {path.suffix}: {fmt(timed(refuse, args.repeat))} ms")
    print("target: 5,000 goals read+plan+apply <= 1,000 ms")


if __name__ == "__main__":
    main()
