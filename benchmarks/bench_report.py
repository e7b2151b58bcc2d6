"""PDF report export: time and size for the demo and for generated workshops. Prints figures.

Targets (issue 5): the demo <= 150 KB; a generated 500-goal workshop <= 1 s and <= 600 KB.
The analysis runs once beforehand and is passed in, so the figures are the report's own cost.
Run: python benchmarks/bench_report.py [sizes...]   (default: 100 500 1000)
"first" includes loading reportlab's modules and the fonts; cpu is process time, which stays honest
when other work shares the machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from workshop.examples import customer_loyalty
from workshop.findings import Analysis
from workshop.synthetic import generate


def analyse(ws) -> Analysis:
    try:
        from workshop.analysis import analyse as run

        return run(ws)
    except Exception as exc:  # the benchmark measures the report; say why the analysis is missing
        print(f"  (analysis unavailable: {exc.__class__.__name__}: {exc}; using an empty one)")
        return Analysis()


def measure(label: str, ws, out: Path, repeats: int = 3) -> None:
    from workshop.report import export_pdf

    analysis = analyse(ws)
    walls, cpus = [], []
    for i in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        path = export_pdf(ws, out / f"{label}-{i}.pdf", analysis=analysis)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    import pypdf

    pages = len(pypdf.PdfReader(str(path)).pages)
    print(
        f"{label:>10}: {len(ws.goals):5d} goals  {pages:4d} pages  {path.stat().st_size / 1024:7.1f} KB  "
        f"first {walls[0]:.2f} s (cpu {cpus[0]:.2f})  "
        f"then best {min(walls[1:] or walls):.2f} s (cpu {min(cpus[1:] or cpus):.2f})"
    )


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [100, 500, 1000]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        import workshop.report  # noqa: F401

        print(f"import workshop.report: {time.perf_counter() - start:.2f} s")
        measure("demo", customer_loyalty(), out)
        for n in sizes:
            measure(f"gen-{n}", generate(n), out)


if __name__ == "__main__":
    main(sys.argv[1:])
