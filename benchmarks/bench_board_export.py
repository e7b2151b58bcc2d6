"""Board pictures (`via board`, File > Export board as PNG / SVG): time and size per picture. Prints figures.

Target (issue 17): the board of 500 cards exported in <= 1 s, as PNG and as SVG, in both looks.
Each figure is the whole export as the command does it after loading: a fresh board scene (cards,
links, badges from the analysis), the picture drawn and encoded, the file written. The analysis runs
once beforehand (the command runs it too; bench_analysis.py times it: ~ms at this size).
Run: python benchmarks/bench_board_export.py [goals...] [--width N] [--repeat N]   (default: 500 2000)
"first" includes Qt's first-use costs (fonts, image plug-ins); "best" is the steady cost.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from statistics import median

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from workshop.examples import customer_loyalty
from workshop.synthetic import generate


def export(ws, analysis, look: str, fmt: str, width: int, out: Path) -> tuple[float, float, int, int]:
    """One export: returns wall and cpu seconds, bytes, and the cards on the board."""
    from ui.picture.board import Look, picture_board
    from ui.picture.render import picture_bytes
    from workshop.picture_files import write_picture

    wall, cpu = time.perf_counter(), time.process_time()
    board = picture_board(ws, Look(look), analysis)
    cards = len(board.scene.cards())
    try:
        data = picture_bytes(board, ws, fmt, width)
    finally:
        board.close()
    write_picture(out, data, replace=True)
    return time.perf_counter() - wall, time.process_time() - cpu, len(data), cards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("goals", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from ui import theme
    from ui.fonts import register_fallback_fonts
    from workshop.analysis import analyse

    theme.apply_app_defaults(app)
    register_fallback_fonts()
    workshops = [("demo", customer_loyalty())] + [(f"{n} goals", generate(n)) for n in options.goals]
    with tempfile.TemporaryDirectory() as tmp:
        for label, ws in workshops:
            analysis = analyse(ws)
            for look in ("normal", "projector"):
                for fmt in ("png", "svg"):
                    runs = [
                        export(ws, analysis, look, fmt, options.width, Path(tmp) / f"b.{fmt}")
                        for _ in range(options.repeat)
                    ]
                    walls = [r[0] for r in runs]
                    cpus = [r[1] for r in runs]
                    size, cards = runs[-1][2], runs[-1][3]
                    print(
                        f"{label:>11} {cards:5d} cards  {look:9} {fmt.upper()} {options.width} px: "
                        f"first {walls[0]:.2f} s  best {min(walls):.2f} s  median {median(walls):.2f} s "
                        f"(cpu best {min(cpus):.2f} s)  {size / 1024:8.1f} KB"
                    )


if __name__ == "__main__":
    main()
