"""The main window at workshop scale: build, a keystroke in the properties panel, outline updates, analysis.

Run: /work/venv/bin/python benchmarks/bench_window.py [--sizes 500,5000]  (Qt offscreen; prints figures,
asserts nothing). For each size, a generated workshop (`workshop.synthetic.generate`) laid out with Tidy:
- window: `MainWindow(...)` construction, then show until the board's first paint is drawn;
- keystroke: one character typed into the goal text field, with everything the edit sets off
  synchronously (model, undo stack, board, outline, properties), then the repaint it causes;
- outline: what the outline itself spends on one change (add a goal, link, retitle a goal many links
  quote, remove the most linked goal and undo it, switch a function's band, move cards), next to a
  full rebuild, which since the outline patches rows only happens on open/new/restore;
- analysis: `AnalysisRunner.run_now()` (the first run imports the analysis and networkx);
- resize (`--resize`): the bundled example fitted to the view, the window 1381 px wide dragged
  through 560-720 px high in 2 px steps and back (the sizes that once sent fit-to-view into a loop:
  6 s at 616 px, over a minute at 618), each step's resize with everything it sets off timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui import dialogs
from ui.document import Document
from ui.main_window import MainWindow
from workshop import ops
from workshop.changes import Change
from workshop.model import FunctionKind, Position, Workshop
from workshop.synthetic import generate


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def summary(samples: list[float]) -> str:
    return f"median {ms(statistics.median(samples))} best {ms(min(samples))} (n={len(samples)})"


def laid_out(n: int) -> Workshop:
    ws = generate(n)
    from workshop.layout import tidy

    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    return ws


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def build_window(app: QApplication, ws: Workshop, settings: QSettings) -> tuple[MainWindow, float, float]:
    started = time.perf_counter()
    window = MainWindow(Document(ws), settings=settings)
    built = time.perf_counter()
    spy = FirstPaint()
    window.board.viewport().installEventFilter(spy)
    window.show()
    window.board.fit_all()
    while not spy.painted:
        app.processEvents()
    app.processEvents()  # the paint event itself has been handled: it is drawn
    window.board.viewport().removeEventFilter(spy)
    return window, built - started, time.perf_counter() - started


def bench_keystroke(app: QApplication, window: MainWindow, goal_id: str, repeats: int = 20) -> None:
    props = window.properties_panel
    window.board.select_ids([goal_id], centre=True)
    props.show_ids([goal_id])
    props.goal_text.setFocus()
    app.processEvents()
    typed, painted = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        QTest.keyClick(props.goal_text, Qt.Key.Key_X)
        middle = time.perf_counter()
        app.processEvents()
        typed.append(middle - started)
        painted.append(time.perf_counter() - started)
    print(f"  keystroke in the goal text (edit + every view):    {summary(typed)}")
    print(f"  keystroke including the repaint it causes:        {summary(painted)}")


def bench_outline(window: MainWindow, repeats: int = 5) -> None:
    """Time the outline's own share: its slot is disconnected and called by hand after each change."""
    document, outline = window.document, window.outline_panel
    document.changed.disconnect(outline._on_changed)
    last: list[Change] = []
    document.changed.connect(last.append)
    ws = document.workshop
    try:
        rebuilds = []
        for _ in range(3):
            started = time.perf_counter()
            outline._build()  # rebuild() defers while the panel is hidden: time the build itself
            rebuilds.append(time.perf_counter() - started)
        print(f"  outline full rebuild (open/new/restore only):     {summary(rebuilds)}")

        def feed() -> None:
            for change in last:
                outline._on_changed(change)
            last.clear()

        def timed(
            label: str, action: Callable[[], object], before: Callable[[], object] | None = None, after=None
        ) -> None:
            """Time the outline on `action`'s changes; `before`/`after` set up and put back, untimed."""
            samples = []
            for _ in range(repeats):
                if before is not None:
                    before()
                feed()
                action()
                started = time.perf_counter()
                feed()
                samples.append(time.perf_counter() - started)
                if after is not None:
                    after()
                feed()
            print(f"  outline update, {label:<40} {summary(samples)}")

        support = next(f for f in ws.functions if f.kind == FunctionKind.SUPPORT)
        links_into: dict[str, int] = {}
        for link in ws.links:
            links_into[link.target] = links_into.get(link.target, 0) + 1
        hub = max(links_into, key=links_into.__getitem__)
        quoted = links_into[hub]
        goals = [g.id for g in ws.goals]
        linked = {(lk.source, lk.target) for lk in ws.links}
        pair = next((a, b) for a in goals[::7] for b in goals[3::11] if a != b and (a, b) not in linked)
        undo = document.undo_stack.undo

        def add() -> None:
            document.run(ops.add_goal, "A new goal", support.id)

        def remove() -> None:
            document.run(ops.remove_goal, hub)

        timed("add a goal:", add, after=undo)
        timed("undo adding it:", undo, before=add)
        timed("link two goals:", lambda: document.run(ops.link, *pair), after=undo)
        timed(
            f"retitle a goal {quoted} links quote:", lambda: document.run(ops.update_goal, hub, text="Re"), after=undo
        )
        timed(f"remove that goal with its {quoted} links:", remove, after=undo)
        timed("undo the removal:", undo, before=remove)
        timed(
            f"switch a function's band ({len(ws.goals_of(support.id))} goals):",
            lambda: document.run(ops.update_function, support.id, kind=FunctionKind.CUSTOMER_FACING),
            after=undo,
        )
        timed(
            "move 20 cards (nothing to do):",
            lambda: document.run(ops.move_cards, {g: (1000.0, 400.0) for g in goals[:20]}),
            after=undo,
        )
    finally:
        document.changed.disconnect(last.append)
        document.changed.connect(outline._on_changed)


def bench_analysis(window: MainWindow, repeats: int = 5) -> None:
    runner = window.runner
    started = time.perf_counter()
    runner.run_now()
    first = time.perf_counter() - started
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        runner.run_now()
        samples.append(time.perf_counter() - started)
    print(f"  analysis run (first, with imports {ms(first)}):  {summary(samples)}")


def bench_resize(app: QApplication, settings: QSettings) -> None:
    from workshop.examples import customer_loyalty

    window, _, _ = build_window(app, customer_loyalty(), settings)
    window.board.fit_all()
    app.processEvents()
    steps: list[float] = []
    heights = [*range(560, 722, 2), *range(720, 558, -2)]
    for height in heights:
        started = time.perf_counter()
        window.resize(1381, height)
        app.processEvents()
        steps.append(time.perf_counter() - started)
    still = "yes" if window.board.fitted else "no"
    print(f"resize sweep, {len(steps)} steps of 2 px: {summary(steps)}, worst {ms(max(steps))}; still fitted: {still}")
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000", help="goal counts, comma separated")
    parser.add_argument("--resize", action="store_true", help="only the resize sweep of the bundled example")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    dialogs.ask_save_changes = lambda parent, name: "discard"  # closing must not wait for a person
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures scale with it)")
    with tempfile.TemporaryDirectory(prefix="via-bench-window-") as tmp:
        os.environ["VIA_DATA_DIR"] = str(Path(tmp) / "data")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        if args.resize:
            bench_resize(app, settings)
            return
        for n in (int(s) for s in args.sizes.split(",")):
            ws = laid_out(n)
            print(f"{len(ws.goals)} goals, {len(ws.links)} links, {len(ws.functions)} functions")
            window, built, painted = build_window(app, ws, settings)
            shown = "on screen" if window.outline_panel.isVisible() else "hidden, built when shown"
            print(f"  window built {ms(built)}, first board paint done {ms(painted)} (outline {shown})")
            goal = next(g.id for g in ws.goals if g.function_id is not None)
            bench_keystroke(app, window, goal)
            bench_outline(window)
            bench_analysis(window)
            window.document.undo_stack.setClean()
            window.close()
            window.deleteLater()
            app.processEvents()


if __name__ == "__main__":
    main()
