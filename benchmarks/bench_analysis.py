"""How long `analyse` takes on generated workshops: target <= 20 ms at 5,000 goals.

Prints figures; it asserts nothing (timings belong here, not in tests). Run:
    python benchmarks/bench_analysis.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter

from machine import pace

from workshop import storage
from workshop.analysis import analyse
from workshop.model import Workshop
from workshop.synthetic import generate

SIZES = (100, 500, 5_000)
TARGET_MS = 20.0


def measure(goals: int, repeat: int, opened: bool = False) -> tuple[float, float, float, int, Counter[str]]:
    """Wall-clock median and minimum, and the minimum CPU time (other processes on a shared machine
    stretch the wall clock, not the CPU time).

    `opened`: analyse the workshop as File > Open gives it (read back from its .via file), whose
    objects lie together in memory; the generator's are scattered and read ~10-15% slower."""
    ws: Workshop = generate(goals)
    if opened:
        ws = storage.loads(storage.dumps(ws))
    result = analyse(ws)  # warm-up, and the findings to describe the workload
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        analyse(ws)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    rules = Counter(f.rule for f in result.findings)
    return statistics.median(wall), min(wall), min(cpu), len(result.findings), rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    start = time.perf_counter()
    print(f"networkx imported by the analysis: {'networkx' in sys.modules}")
    print(pace())
    print(f"{'goals':>6} {'median ms':>10} {'min ms':>8} {'cpu min':>8} {'findings':>9}  busiest rules")
    for goals in SIZES:
        median, best, cpu, count, rules = measure(goals, args.repeat)
        top = ", ".join(f"{rule} {n}" for rule, n in rules.most_common(3))
        flag = "" if goals != 5_000 or median <= TARGET_MS else f"  (median over the {TARGET_MS:.0f} ms target)"
        print(f"{goals:>6} {median:>10.2f} {best:>8.2f} {cpu:>8.2f} {count:>9}  {top}{flag}")
    median, best, cpu, count, _ = measure(5_000, args.repeat, opened=True)
    print(f"{'5000':>6} {median:>10.2f} {best:>8.2f} {cpu:>8.2f} {count:>9}  the same workshop as opened from its file")
    print(f"total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
