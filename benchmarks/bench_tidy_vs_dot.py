"""Tidy against Graphviz dot on the same layered graphs: crossings and time (issue 16 item 2).

Graphs: `workshop.synthetic.generate(goals, seed)` with a fifth of the goals given a second link
(`bench_layout._with_extra_links`), at 100, 500 and 2,000 goals and several seeds. Target: crossings
<= 1.0x dot's, in less time than dot.

Two crossing counts, both with `workshop.layout` tools:
- "drawn": the final drawing, links as the board draws them (`count_crossings`: straight, port to port); dot
  gets the same layers (`rank=same`), its x order read back and drawn on our layer heights. This is
  what the room sees. Tidy's drawing is counted unfolded (`tidy(ws, fold=False)`), as dot's is;
  the last column counts the same links on the board Tidy folds into shelves, where links crossing
  a cut hop to the next shelf and can cross more (the time is the folded Tidy's, what the room waits).
- "order": crossings of the layer orders themselves, link bends (dummies) included
  (`ordering.total_crossings`); dot gets our dummies as point nodes. Tidy's is the order its drawing
  ends with (`refining`: each bend where the straight line passes), so it is close to "drawn" without
  the flat links; dot's is the order of its own curved drawing. Note: Tidy keeps goals joined by
  a flat link (a chain deeper than its band) side by side as one block, and dot is not asked to, so
  on graphs with such blocks this count favours dot.

Times: Tidy in process (best and median of --repeat runs, numpy imported beforehand, as in the app
after the first Tidy); dot as a process (`dot -Tplain`, what Via would pay to call it), best of as many
runs, taken in turn with Tidy's so that a slow spell of the machine slows both.
Without `dot` on the PATH the comparison is skipped (said so) and Tidy's own figures are printed.

`--no-second-start` turns off Tidy's second start on small boards with flat-link blocks
(`refining.SECOND_START_NODES`, on by default), to measure what it costs and gains.

Run: python benchmarks/bench_tidy_vs_dot.py [--sizes 100,500,2000] [--seeds 1,2,3] [--repeat 5] [--no-second-start]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_layout import _dot_positions, _order_level, _with_extra_links
from machine import pace

import workshop.layout.refining as refining
from workshop.layout import count_crossings, tidy
from workshop.layout.graph import build
from workshop.layout.ordering import _positions, order, total_crossings
from workshop.layout.placement import Obstacles, place
from workshop.layout.refining import refine_rounds, refine_steps
from workshop.model import Workshop
from workshop.synthetic import generate


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times), result


def timed_side_by_side(ours, theirs, repeat: int) -> tuple[tuple[float, float, object], tuple[float, float, object]]:
    """`timed` for two functions run in turn, so a slow spell of the machine (seconds of +50% here) hits
    both: the ratio of two bests taken minutes apart swung by 0.2 on the same code."""
    runs: list[list[float]] = [[], []]
    results: list[object] = [None, None]
    for _ in range(repeat):
        for side, fn in enumerate((ours, theirs)):
            start = time.perf_counter()
            results[side] = fn()
            runs[side].append((time.perf_counter() - start) * 1000)
    ours_figures = (min(runs[0]), statistics.median(runs[0]), results[0])
    theirs_figures = (min(runs[1]), statistics.median(runs[1]), results[1])
    return ours_figures, theirs_figures


def _tidy_order(ws: Workshop) -> int:
    """Crossings of the layer order Tidy's drawing ends with (Tidy's own steps, no pins)."""
    g = build(ws)
    order(g)
    obstacles = Obstacles([], g.layer_y)
    x = place(g, obstacles)
    refining = refine_steps(g, obstacles, x, [False] * g.size, refine_rounds(g))
    for _ in refining:
        pass
    return total_crossings(g, _positions(g))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-second-start", action="store_true", help="small boards do not get the second start")
    args = parser.parse_args()
    if args.no_second_start:
        refining.SECOND_START_NODES = 0
        print("second start off")
    have_dot = shutil.which("dot") is not None
    print(pace())
    if not have_dot:
        print("Graphviz `dot` is not on the PATH: the comparison with dot is skipped, Tidy's own figures follow.")
    import numpy  # noqa: F401  (Tidy imports it on first use; time what a second Tidy costs)

    print(
        f"{'goals':>5} {'seed':>4} {'links':>5} | {'drawn: tidy':>11} {'dot':>6} {'ratio':>5} | "
        f"{'order: tidy':>11} {'dot':>6} {'ratio':>5} | {'tidy ms best/median':>19} {'dot ms best':>11} {'time':>5} "
        f"| {'folded':>6}"
    )
    ratios: dict[str, list[float]] = {"drawn": [], "order": [], "time": []}
    for size in (int(s) for s in args.sizes.split(",")):
        for seed in (int(s) for s in args.seeds.split(",")):
            ws = _with_extra_links(generate(size, seed=seed), 0.2, seed=seed + 6)
            if have_dot:  # Tidy and dot in turn, --repeat runs each
                (best, median, folded_positions), (dot_best, _, reference) = timed_side_by_side(
                    lambda ws=ws: tidy(ws), lambda ws=ws: _dot_positions(ws), args.repeat
                )
            else:
                best, median, folded_positions = timed(lambda ws=ws: tidy(ws), args.repeat)
            drawn = count_crossings(ws, tidy(ws, fold=False))
            folded = count_crossings(ws, folded_positions)
            ordered = _tidy_order(ws)
            if have_dot:
                dot_drawn = count_crossings(ws, reference)
                level = _order_level(ws)
                dot_order = level[1] if level else 0
                r_drawn, r_order, r_time = drawn / max(dot_drawn, 1), ordered / max(dot_order, 1), best / dot_best
                ratios["drawn"].append(r_drawn)
                ratios["order"].append(r_order)
                ratios["time"].append(r_time)
                theirs = f"{dot_drawn:>6} {r_drawn:>5.2f} | {ordered:>11} {dot_order:>6} {r_order:>5.2f}"
                tail = f"{dot_best:>11.1f} {r_time:>5.2f}"
            else:
                theirs = f"{'-':>6} {'-':>5} | {ordered:>11} {'-':>6} {'-':>5}"
                tail = f"{'-':>11} {'-':>5}"
            print(
                f"{size:>5} {seed:>4} {len(ws.links):>5} | {drawn:>11} {theirs} | {best:>8.1f} / {median:>8.1f} {tail} "
                f"| {folded:>6}",
                flush=True,
            )
    if have_dot:
        print(
            "worst ratios (tidy / dot): drawn {:.2f}, order {:.2f}, time {:.2f}".format(
                max(ratios["drawn"]), max(ratios["order"]), max(ratios["time"])
            )
        )


if __name__ == "__main__":
    main()
