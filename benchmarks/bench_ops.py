"""Batch edits at scale: Tidy's move (ops.move_cards), its undo and redo, and removing many goals.

Each figure is one whole batch on a generated workshop whose cards have no saved position yet, so
Tidy moves every card (a file opened without positions, then Ctrl+L). A linear look-up by id per
moved card makes a batch quadratic; the workshop's id index keeps it linear.

Run: python benchmarks/bench_ops.py [--repeat 5] [--sizes 500,2000,5000,10000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import fmt, pace, timed

from workshop import ops
from workshop.layout import tidy_moves
from workshop.synthetic import generate


def bench(size: int, repeat: int) -> str:
    ws = generate(size)
    moves = tidy_moves(ws)
    changes = []

    def move() -> None:
        ws.positions.clear()
        changes.append(ops.move_cards(ws, moves, label="Tidy"))

    move_t = timed(move, repeat)
    change = changes[-1]
    inverse = change.inverse()
    undo_t = timed(lambda: (inverse.apply(ws), change.apply(ws)), repeat)  # undo then redo
    undo_t = (undo_t[0] / 2, undo_t[1] / 2)
    ids = [g.id for g in ws.goals[::10]]
    remove_t = timed(lambda: ops.remove_goals(ws, ids).inverse().apply(ws), max(1, repeat // 2))
    return f"{size:>6} {len(moves):>6} | {fmt(move_t):>19} | {fmt(undo_t):>19} | {fmt(remove_t):>19}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="500,2000,5000,10000")
    args = parser.parse_args()
    print(pace())
    print("best / median ms; 'undo or redo' is half of an undo + redo; 'remove 10%' removes a tenth of the goals")
    print(f"{'goals':>6} {'cards':>6} | {'Tidy move_cards':>19} | {'undo or redo':>19} | {'remove 10% + undo':>19}")
    for size in (int(s) for s in args.sizes.split(",")):
        print(bench(size, args.repeat), flush=True)


if __name__ == "__main__":
    main()
