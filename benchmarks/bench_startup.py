"""Warm start to first paint: how long the facilitator waits, from launching Via to seeing the demo board.

Run: /work/venv/bin/python benchmarks/bench_startup.py [--runs 6] [--file resources/examples/customer-loyalty.via]
Each run is a fresh `python -c` process (Qt offscreen) that imports the app, starts it the way
`ui.app.main` does (`ensure_app`, `launch` with the file, fit the board on the first turn of the event
loop) and stops when the board's viewport has finished its first paint. The first run is discarded:
it pays for cold disk caches and .pyc compilation, which a facilitator pays once per install.
Prints per run: total from process spawn (interpreter start included) with the CPU time the process
used up to then (all threads; on a shared machine the steadier figure), and inside the process the
time to import, to build the window, and to the end of the first paint. Target: total <= 0.6 s.
Add --importtime to print the 15 slowest imports of one extra run (python -X importtime).

Bytecode: the runs write .pyc files to a private cache (PYTHONPYCACHEPREFIX in the scratch dir, so the
checkout is left alone) even when PYTHONDONTWRITEBYTECODE is set, as it is in the development sandbox:
without .pyc every start compiles ~65 modules of Via and PySide's signature loader again (~+150 ms),
which no installed copy does. --no-bytecode measures that case too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import time
T0 = time.perf_counter()
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from ui.app import ensure_app, launch
from ui.autosave import RecoveryStore
T_IMPORT = time.perf_counter()
app = ensure_app()
scratch = Path(os.environ["VIA_BENCH_DIR"])
window = launch(
    [sys.argv[1]],
    store=RecoveryStore(scratch / "data"),
    settings=QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat),
)
QTimer.singleShot(0, window.board.fit_all)
T_WINDOW = time.perf_counter()
marks = {}


def finish():
    marks["painted"] = time.perf_counter()
    marks["wall"] = time.time()
    marks["cpu"] = time.process_time()  # every thread, from process start
    app.quit()


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = time.perf_counter()
            QTimer.singleShot(0, finish)  # runs once this paint has been drawn
        return False


spy = FirstPaint()
window.board.viewport().installEventFilter(spy)
app.exec()
print(json.dumps({
    "import": T_IMPORT - T0,
    "window": T_WINDOW - T0,
    "paint_start": marks["paint"] - T0,
    "painted": marks["painted"] - T0,
    "wall_end": marks["wall"],
    "cpu_to_paint": marks["cpu"],
    "goals": len(window.document.workshop.goals),
}))
"""


EXTRA_ENV: dict[str, str] = {}
"""--env KEY=VALUE pairs, to try a start-up setting without editing the app."""


def run_once(file: Path, scratch: Path, extra: list[str] | None = None, bytecode_off: bool = False) -> dict:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        VIA_BENCH_DIR=str(scratch),
        VIA_DATA_DIR=str(scratch / "d"),
        PYTHONPYCACHEPREFIX=str(scratch / "pycache"),
        **EXTRA_ENV,
    )
    if not bytecode_off:
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files: compile once, then reuse
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    done = subprocess.run(
        [sys.executable, *(extra or []), "-c", CHILD, str(file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"start-up run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("{")][-1]
    figures = json.loads(line)
    figures["total"] = figures["wall_end"] - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures["cpu_to_exit"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures["stderr"] = done.stderr
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def import_time(file: Path, scratch: Path) -> None:
    stderr = run_once(file, scratch, ["-X", "importtime"])["stderr"]
    rows = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    print("slowest imports (cumulative, us):")
    for cumulative, name in sorted(rows, reverse=True)[:15]:
        print(f"  {cumulative / 1000:7.1f} ms  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6, help="runs including the discarded first one")
    parser.add_argument("--file", type=Path, default=ROOT / "resources" / "examples" / "customer-loyalty.via")
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--no-bytecode", action="store_true", help="also time starts that compile every module")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="set in the app's environment")
    args = parser.parse_args()
    EXTRA_ENV.update(pair.split("=", 1) for pair in args.env)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {sys.executable}")
    with tempfile.TemporaryDirectory(prefix="via-bench-startup-") as tmp:
        scratch = Path(tmp)
        runs = []
        for index in range(args.runs):
            figures = run_once(args.file, scratch)
            kept = index > 0
            if kept:
                runs.append(figures)
            print(
                f"run {index + 1}{'' if kept else ' (warm-up, discarded)'}: total {ms(figures['total'])} "
                f"(cpu {ms(figures['cpu_to_paint'])}) | "
                f"in process: imports {ms(figures['import'])}, window built {ms(figures['window'])}, "
                f"first paint done {ms(figures['painted'])} ({figures['goals']} goals)"
            )
        if runs:
            totals = [r["total"] for r in runs]
            inside = [r["painted"] for r in runs]
            cpu = [r["cpu_to_paint"] for r in runs]
            print(
                f"warm start to first paint: median {ms(statistics.median(totals))} min {ms(min(totals))} "
                f"(target <= 600 ms); in-process median {ms(statistics.median(inside))} min {ms(min(inside))}; "
                f"cpu to first paint median {ms(statistics.median(cpu))} min {ms(min(cpu))}"
            )
        if args.no_bytecode:
            plain = [run_once(args.file, scratch, bytecode_off=True) for _ in range(3)]
            print(
                f"without .pyc files (PYTHONDONTWRITEBYTECODE, no cache): median "
                f"{ms(statistics.median(r['total'] for r in plain))} "
                f"cpu {ms(statistics.median(r['cpu_to_paint'] for r in plain))}"
            )
        if args.importtime:
            import_time(args.file, scratch)


if __name__ == "__main__":
    main()
