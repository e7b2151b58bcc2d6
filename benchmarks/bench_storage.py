"""Load, save and analysis times of .via files for generated workshops of 100, 500 and 5,000 goals.

    python benchmarks/bench_storage.py [--repeat N] [--sizes 100,500,5000]

Prints the median, the first quartile and the best of N runs (ms) per step, and the parts and
alternatives the storage code chose between, so the choice can be re-checked on another machine.
Targets at 5,000 goals: load <= 60 ms, save <= 20 ms, analysis <= 20 ms. Every card has a position,
as after a Tidy.

Each run's result is released after its clock stops: freeing the previous workshop is not part of
opening the next one (the garbage collector is paused the same way `storage.loads` pauses it).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from machine import pace

from workshop import integrity, storage, synthetic
from workshop.model import Position, Workshop

TARGETS = {"load": 60.0, "save": 20.0, "analyse": 20.0}


def timed(step: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median, first quartile and best wall time in ms; one warm-up run first."""
    step()
    runs = []
    for _ in range(repeat):
        gc.disable()
        start = time.perf_counter()
        result = step()
        runs.append((time.perf_counter() - start) * 1000)
        del result
        gc.enable()
    runs.sort()
    return statistics.median(runs), runs[len(runs) // 4], runs[0]


def placed(goals: int) -> Workshop:
    ws = synthetic.generate(goals)
    for index, card in enumerate([g.id for g in ws.goals] + [k.id for k in ws.kpis]):
        ws.positions[card] = Position(x=(index % 80) * 260.5, y=(index // 80) * 140.25)
    return ws


def bench(goals: int, repeat: int, folder: Path) -> list[tuple[str, float, float, float]]:
    ws = placed(goals)
    path = folder / f"bench-{goals}.via"
    storage.save(ws, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    body = data["workshop"]
    rows: list[tuple[str, float, float, float]] = []

    def row(name: str, step: Callable[[], object]) -> None:
        rows.append((name, *timed(step, repeat)))

    careful = " " + text  # not the way Via starts a file: read the careful way
    row("load (file -> checked Workshop)", lambda: storage.load(path))
    row("  text -> model in one pass (own files)", lambda: storage._CurrentFile.model_validate_json(text))
    row("  integrity.problems", lambda: integrity.problems(ws))
    row("  no key twice: dumps(ws) == text", lambda: storage.dumps(ws) == text)
    row("  alt: json.loads, duplicate-key hook", lambda: json.loads(text, object_pairs_hook=storage._unique_keys))
    row("  alt: careful way (hand-edited files)", lambda: storage.loads(careful))
    row("    json.loads", lambda: json.loads(text))
    row("    Workshop.model_validate(dict)", lambda: Workshop.model_validate(body))
    row("save (atomic, fsync)", lambda: storage.save(ws, path))
    row("  dumps (compact, pydantic serializer)", lambda: storage.dumps(ws))
    row("  alt: json.dumps(model_dump, indent=1)", lambda: json.dumps(ws.model_dump(mode="json"), indent=1))
    try:
        from workshop.analysis import analyse
    except ImportError:
        pass
    else:
        row("analyse", lambda: analyse(ws))
    print(f"\n{goals} goals, {len(ws.links)} links, {len(text) / 1e6:.2f} MB file")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--sizes", default="100,500,5000")
    options = parser.parse_args(argv)
    print(pace())
    failed = []
    with tempfile.TemporaryDirectory() as folder:
        for goals in (int(s) for s in options.sizes.split(",")):
            rows = bench(goals, options.repeat, Path(folder))
            print(f"  {'step':40} {'median ms':>10} {'p25 ms':>8} {'best ms':>9}")
            for name, median, quartile, best in rows:
                key = name.split()[0]
                target = TARGETS.get(key) if goals == 5000 else None
                mark = "" if target is None else ("  ok" if median <= target else f"  OVER target {target:.0f} ms")
                if mark.startswith("  OVER"):
                    failed.append(f"{name} at {goals}")
                print(f"  {name:40} {median:10.2f} {quartile:8.2f} {best:9.2f}{mark}")
    if failed:
        print("\nOver target (median; a shared machine can be noisy, compare 'best'):", ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
