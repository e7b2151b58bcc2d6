"""Tidy on generated workshops: time, and crossings compared with Graphviz `dot` as a reference.

`dot` is a yardstick only, never a dependency of Via. It gets the same layers as Tidy (one
`rank=same` group per layer, `minlen` on each link so groups keep their distance), its x-order is
read back from `dot -Tplain` and drawn on our layer heights, and both drawings go through the same
counter (`workshop.layout.count_crossings`: straight lines, each end where the board puts it on its card).

Columns: "crossings" / "dot" / "ratio" are that straight-line count (the target: ratio <= 1.25).
dot routes long links as splines through its own virtual nodes, so drawn straight its layouts cross
more than it would show; two fairer columns follow. "adjacent-layer only" counts only links between
neighbouring layers (their crossings depend on the order alone). "order-level" gives dot our dummy
nodes as explicit point nodes and counts crossings of both layer orders, dummies included.

The generated workshops are forests (each goal serves one other), which a depth-first order draws
without a crossing; the "+20%" rows give a fifth of the goals a second link so ordering has work.

Run: python benchmarks/bench_layout.py [sizes...]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

from workshop.geometry import CARD_HEIGHT, CARD_WIDTH, H_GAP, LAYER_GAP
from workshop.layout import count_crossings, tidy
from workshop.layout.graph import build
from workshop.layout.ordering import _positions, order, total_crossings
from workshop.model import Workshop
from workshop.synthetic import generate, with_extra_links

RUNS = 5


def _dot_positions(ws: Workshop) -> dict[str, tuple[float, float]] | None:
    dot = shutil.which("dot")
    if dot is None:
        return None
    g = build(ws)
    layer_of = {g.ids[n]: g.layer[n] for n in range(g.size) if not g.is_dummy(n)}
    inch = 72.0
    lines = [
        "digraph G {",
        f"  nodesep={H_GAP / inch:.4f}; ranksep={LAYER_GAP / inch:.4f};",
        f"  node [shape=box, fixedsize=true, width={CARD_WIDTH / inch:.4f}, "
        f'height={CARD_HEIGHT / inch:.4f}, label=""];',
    ]
    by_layer: dict[int, list[str]] = {}
    for card_id, layer in layer_of.items():
        by_layer.setdefault(layer, []).append(card_id)
    for layer in sorted(by_layer):
        lines.append("  { rank=same; " + " ".join(f'"{c}";' for c in by_layer[layer]) + " }")
    for link in ws.links:
        if link.source not in layer_of or link.target not in layer_of or link.source == link.target:
            continue
        upper, lower = sorted((link.source, link.target), key=layer_of.__getitem__)
        span = layer_of[lower] - layer_of[upper]
        lines.append(f'  "{upper}" -> "{lower}" [minlen={span}];')
    lines.append("}")
    out = subprocess.run([dot, "-Tplain"], input="\n".join(lines), capture_output=True, text=True, check=True).stdout
    dot_x: dict[str, float] = {}
    dot_y: dict[str, float] = {}
    for row in out.splitlines():
        parts = row.split()
        if parts and parts[0] == "node":
            dot_x[parts[1].strip('"')] = float(parts[2]) * inch
            dot_y[parts[1].strip('"')] = float(parts[3])
    # dot must have kept our layering: one y per layer, in the same top-to-bottom order
    ys = {layer: {round(dot_y[c], 3) for c in cards} for layer, cards in by_layer.items()}
    flat = [next(iter(v)) for _, v in sorted(ys.items())]
    if any(len(v) != 1 for v in ys.values()) or flat != sorted(flat, reverse=True):
        print("  warning: dot changed the layering", file=sys.stderr)
    return {c: (dot_x[c] - CARD_WIDTH / 2, g.layer_y[layer_of[c]]) for c in layer_of}


def _order_level(ws: Workshop) -> tuple[int, int] | None:
    """Crossings of the layer orders themselves, dummies included (`total_crossings`), ours and dot's:
    dot gets our dummies as explicit point nodes so its order of every layer can be read back."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    g = build(ws)
    order(g)
    ours = total_crossings(g, _positions(g))
    lines = ["digraph G {", "  node [shape=box, fixedsize=true, width=3.33, height=1.67];"]
    for layer in range(len(g.layers)):
        members = [n for n in range(g.size) if g.layer[n] == layer and n not in g.loose]
        lines.append("  { rank=same; " + " ".join(f"n{n};" for n in members) + " }")
    for n in range(g.size):
        if g.is_dummy(n):
            lines.append(f"  n{n} [shape=point, width=0.05];")
        for lower in g.down[n]:
            lines.append(f"  n{n} -> n{lower};")
    lines.append("}")
    out = subprocess.run([dot, "-Tplain"], input="\n".join(lines), capture_output=True, text=True, check=True).stdout
    dot_x = {int(p[1][1:]): float(p[2]) for p in (row.split() for row in out.splitlines()) if p and p[0] == "node"}
    g.layers = [sorted(layer, key=dot_x.__getitem__) for layer in g.layers]
    return ours, total_crossings(g, _positions(g))


def _adjacent_only(ws: Workshop) -> Workshop:
    """The same workshop with only the links between neighbouring layers: their crossings depend on
    the order alone, not on how a long link is routed (dot draws those as splines, we draw lines)."""
    g = build(ws)
    layer_of = {g.ids[n]: g.layer[n] for n in range(g.size) if not g.is_dummy(n)}
    links = [
        link
        for link in ws.links
        if link.source in layer_of
        and link.target in layer_of
        and abs(layer_of[link.source] - layer_of[link.target]) == 1
    ]
    return ws.model_copy(update={"links": links})


def _with_extra_links(ws: Workshop, share: float, seed: int = 7) -> Workshop:
    return with_extra_links(ws, share, seed)


def main(sizes: list[int]) -> None:
    print(
        f"{'goals':>8} {'links':>6} {'tidy ms (median)':>17} {'crossings':>10} {'dot':>6} {'ratio':>6} "
        f"{'adjacent-layer only: ours':>26} {'dot':>6} {'order-level: ours':>18} {'dot':>6} {'dot s':>6}"
    )
    cases = [(f"{size}", generate(size, seed=1)) for size in sizes]
    cases += [(f"{size}+20%", _with_extra_links(generate(size, seed=1), 0.2)) for size in sizes]
    for name, ws in cases:
        times = []
        positions: dict[str, tuple[float, float]] = {}
        for _ in range(RUNS):
            start = time.perf_counter()
            positions = tidy(ws)
            times.append((time.perf_counter() - start) * 1000)
        ours = count_crossings(ws, positions)
        start = time.perf_counter()
        reference = _dot_positions(ws)
        dot_seconds = time.perf_counter() - start
        theirs = count_crossings(ws, reference) if reference is not None else None
        ratio = "-" if not theirs else f"{ours / theirs:.2f}"
        short = _adjacent_only(ws)
        ours_short = count_crossings(short, positions)
        theirs_short = count_crossings(short, reference) if reference is not None else "n/a"
        level = _order_level(ws)
        ours_level, theirs_level = level if level is not None else ("n/a", "n/a")
        print(
            f"{name:>8} {len(ws.links):>6} {statistics.median(times):>17.1f} {ours:>10} "
            f"{theirs if theirs is not None else 'n/a':>6} {ratio:>6} {ours_short:>26} {theirs_short:>6} "
            f"{ours_level:>18} {theirs_level:>6} {dot_seconds:>6.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 500])
