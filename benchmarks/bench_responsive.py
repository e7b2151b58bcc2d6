"""Does the window stay responsive? A heartbeat probe of the GUI thread during each big action.

A 5 ms precise QTimer ticks on the GUI thread and records when it actually ran. While an action and
everything it sets off (repaints, Tidy's glide, the analysis 150 ms later, the outline, the guide)
runs, the longest gap between two ticks, less the 5 ms period, is how long the window was frozen:
"blocked". Targets (issue 16 item 1): blocked <= 50 ms at 2,000 goals and <= 200 ms at 5,000.

Actions, on the main window (offscreen, 1920x1080) with a generated workshop laid out by Tidy:
- tidy: Ctrl+L on a board whose every card was nudged (all cards move) until the last card is in place,
  then its undo and redo;
- accept: accepting a pending link suggestion (the board, outline, panels and analysis follow);
- paste: a 2,000-character paste into a card's in-place editor, committed with Enter;
- open: File > Open of a saved file of that size (board, outline, guide and analysis rebuild);
- guide: the guide's next step (each step reads the workshop); and the first visit of question 2 of the
  support function with the most internal customers (one box of goals per customer);
- outline: the outline's full rebuild (what open/new/restore ask of it while it is on screen);
- export: File > Export report to a PDF (built on a worker thread from a snapshot), until it is written;
- analysis: the analysis run at once (as after an edit, 150 ms later), with the views it updates;
- delete: the Delete key on every card of the biggest function (selected beforehand), and its undo;
- open / close the room: the participants' room opened on the loopback address (its server process
  started and listening, the join strip shown), then closed (the process stopped).

Each action starts from a set-up (a file opened, cards selected, the room opened) that is left to
finish first, its analysis included (until 2026-12-06 the analysis of a set-up's opened file landed
in the next action's probe). An action's own analysis, 150 ms after it, is part of its probe.

Run: python benchmarks/bench_responsive.py [--sizes 2000,5000] [--repeat 3] [--only room,tidy]
Prints, per action, the longest block (best and median over the repeats) and the action's own time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui import collector, dialogs
from ui.document import Document
from ui.guide import widgets as guide_widgets
from ui.main_window import MainWindow
from workshop import storage, user_ops
from workshop.layout import tidy
from workshop.model import LinkSuggestion, Position, Workshop
from workshop.synthetic import generate

PERIOD_MS = 5
SETTLE_AFTER_SETUP_MS = 100
"""After a set-up (`measure`'s `before`), its analysis done: the turn in which the views take it."""
SETTLE_MS = 900
"""How long after the action returns the probe keeps listening (animation 280 ms, analysis at 150 ms)."""


class Heartbeat(QObject):
    """Ticks every 5 ms on the GUI thread; the gaps between ticks are how long the thread was busy."""

    def __init__(self) -> None:
        super().__init__()
        self.ticks: list[float] = []
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PERIOD_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> float:
        """The longest block since start, in ms."""
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(0.0, max(gaps, default=0.0) * 1000 - PERIOD_MS)


def probe(
    app: QApplication, heartbeat: Heartbeat, action: Callable[[], object], busy: Callable[[], bool]
) -> tuple[float, float]:
    """(longest block, the action's own time) in ms: the action runs from the event loop, as a key would;
    the probe listens until `busy` is over (Tidy worked out in slices, a bulk move) and SETTLE_MS more."""
    loop = QEventLoop()
    own: list[float] = []

    def settle() -> None:
        if busy():
            QTimer.singleShot(20, settle)
        else:
            QTimer.singleShot(SETTLE_MS, loop.quit)

    def run() -> None:
        started = time.perf_counter()
        action()
        own.append((time.perf_counter() - started) * 1000)
        settle()

    heartbeat.start()
    QTimer.singleShot(20, run)
    loop.exec()
    return heartbeat.stop(), own[0]


def laid_out(n: int) -> Workshop:
    ws = generate(n)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    rng = random.Random(5)
    goal_ids = [g.id for g in ws.goals if g.function_id is not None]
    for i in range(10):
        source, target = rng.sample(goal_ids, 2)
        ws.suggestions.append(LinkSuggestion(id=f"s-bench-{i}", source=source, target=target, author="Bench"))
    return ws


def nudge(ws: Workshop) -> None:
    """Move every card a little, so Tidy has all of them to put back."""
    rng = random.Random(9)
    ws.positions = {
        card_id: Position(x=p.x + rng.uniform(-300, 300), y=p.y + rng.uniform(-20, 20))
        for card_id, p in ws.positions.items()
    }


def report(label: str, samples: list[tuple[float, float]]) -> None:
    blocked = [s[0] for s in samples]
    own = [s[1] for s in samples]
    print(
        f"  {label:<34} blocked best {min(blocked):7.1f} ms median {statistics.median(blocked):7.1f} ms"
        f" | own time median {statistics.median(own):7.1f} ms",
        flush=True,
    )


def bench(app: QApplication, n: int, repeat: int, folder: Path, settings: QSettings, only: list[str]) -> None:
    ws = laid_out(n)
    path = folder / f"bench-{n}.via"
    storage.save(ws, path)
    print(f"{len(ws.goals)} goals, {len(ws.links)} links, {len(ws.kpis)} KPIs", flush=True)
    window = MainWindow(Document(ws), settings=settings)
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    window.board.fit_all()
    heartbeat = Heartbeat()
    document = window.document
    results: dict[str, list[tuple[float, float]]] = {}

    def busy() -> bool:
        # getattr: the same script measures older versions (before slicing) for comparison
        def asks(owner: object, name: str) -> bool:
            return bool(getattr(owner, name, lambda: False)())

        return (
            asks(window.board, "tidying")
            or asks(window.board.board_scene, "moving")
            or asks(window.board.board_scene, "building")
            or asks(window.outline_panel, "building")
            or bool(getattr(window.exporter, "busy", False))
            or bool(getattr(window.room, "opening", False))
        )

    def idle() -> None:
        """Until the set-up's own aftermath is over: a file opened to start from is analysed 150 ms after
        its board is drawn and the views take that a turn later (25-45 ms at 2,000 goals). Measured
        from inside the next action's probe, it was counted as that action's block ("delete",
        "undo that delete" and "save" each start by opening the file)."""
        while busy() or window.runner.scheduled:
            app.processEvents()
        settled = QEventLoop()
        QTimer.singleShot(SETTLE_AFTER_SETUP_MS, settled.quit)  # the views' turn after the analysis
        settled.exec()

    def tidy_done() -> None:
        window.board.tidy()
        idle()

    def measure(label: str, action: Callable[[], object], before: Callable[[], object] | None = None) -> None:
        if only and not any(word in label for word in only):
            return
        for _ in range(repeat):
            if before is not None:
                before()
                app.processEvents()
                idle()
            results.setdefault(label, []).append(probe(app, heartbeat, action, busy))

    # Open first: it is also how every other measure starts from a known board.
    measure("open a file", lambda: window.open_file(path, ask=False))

    def reopen_nudged() -> None:
        copy = storage.load(path)
        nudge(copy)
        document.replace(copy, None)
        app.processEvents()

    measure("tidy (all cards move)", window.board.tidy, before=reopen_nudged)
    measure("undo tidy", document.undo_stack.undo, before=lambda: (reopen_nudged(), tidy_done()))
    measure(
        "redo tidy",
        document.undo_stack.redo,
        before=lambda: (reopen_nudged(), tidy_done(), document.undo_stack.undo()),
    )

    pending = iter([s.id for s in document.workshop.suggestions if s.id.startswith("s-bench-")])

    def accept() -> None:
        suggestion_id = next(pending)
        document.run(user_ops.accept_suggestion, suggestion_id)

    measure("accept a suggestion", accept, before=lambda: window.open_file(path, ask=False))

    goal_id = next(g.id for g in ws.goals if g.function_id is not None)
    long_text = ("Paste from the minutes, a long paragraph of what the room said. " * 40)[:2000]

    def paste() -> None:
        editor = window.board.board_scene.start_edit(goal_id)
        QGuiApplication.clipboard().setText(long_text)
        if editor is not None:
            editor.paste_plain()
            editor.commit()

    measure("paste 2,000 characters", paste)

    guide = window.guide_panel

    def guide_next() -> None:
        if guide.current_index() >= len(guide.steps()) - 1:
            guide.go_to(0)
        guide.next()

    measure("guide: next step", guide_next)

    def busiest_question() -> None:  # the internal-customer boxes of the function serving the most
        ws = document.workshop
        busiest = max((f.id for f in ws.support_functions()), key=lambda f: len(ws.relations_of(f)))
        guide.go_to(f"question:{busiest}:2")

    def away_and_unmeasured() -> None:
        guide.go_to(0)
        guide_widgets._MEASURED.clear()  # a first visit: no row of its lists measured yet

    measure("guide: first visit of the busiest question", busiest_question, before=away_and_unmeasured)

    outline = window.outline_panel
    dock = outline.parentWidget()
    while dock is not None and not hasattr(dock, "setFloating"):
        dock = dock.parentWidget()
    if dock is not None:
        dock.show()
        dock.raise_()
    app.processEvents()
    measure("outline full rebuild (on screen)", outline.rebuild)

    exporter = window.exporter
    exporter.choose_path = lambda suggested: str(folder / f"report-{n}.pdf")
    exporter.after_export = lambda pdf: None  # no mail program, no prompt
    measure("export a report (PDF)", exporter.export)
    measure("analysis", window.runner.run_now)

    def open_room() -> None:  # what the Open room action does, on an address the test machine has
        window.room.open("127.0.0.1", port=0, allow_loopback_for_tests=True)
        window._room_open_changed(window.room.is_open)

    def room_opened() -> None:
        open_room()
        idle()

    measure("projector mode on", lambda: window.set_projector(True), before=lambda: window.set_projector(False))
    measure("projector mode off", lambda: window.set_projector(False), before=lambda: window.set_projector(True))
    window.set_projector(False)
    measure("save", window.save, before=lambda: window.open_file(path, ask=False))
    board = window.board

    def select_a_function() -> None:  # every card of the biggest function, selected before Delete is pressed
        window.open_file(path, ask=False)
        ws = document.workshop
        goals_of: dict[str | None, list[str]] = {}
        for goal in ws.goals:
            goals_of.setdefault(goal.function_id, []).append(goal.id)
        owner = max((f.id for f in ws.functions), key=lambda f: len(goals_of.get(f, ())))
        scene = board.board_scene
        scene.clearSelection()
        for goal_id in goals_of[owner]:
            item = scene.card(goal_id)
            if item is not None:
                item.setSelected(True)

    if hasattr(board, "delete_selected"):
        # the Delete key alone: choosing the cards is the facilitator's earlier clicks, not this action
        measure("delete a function's cards", board.delete_selected, before=select_a_function)
        measure(
            "undo that delete",
            document.undo_stack.undo,
            before=lambda: (select_a_function(), board.delete_selected(), idle()),
        )
    measure("open the room", open_room, before=window.room.close)
    measure("close the room", lambda: window.set_room_open(False), before=room_opened)
    window.room.close()

    for label, samples in results.items():
        report(label, samples)
    document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated words: measure only the actions they name")
    parser.add_argument("--automatic-gc", action="store_true", help="Python's own collection, not ui.collector")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    if "--automatic-gc" not in sys.argv:
        collector.install(app)  # as ui.app runs the window: cycles collected between events
    dialogs.ask_save_changes = lambda parent, name: "discard"  # closing must not wait for a person
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; heartbeat {PERIOD_MS} ms")
    with tempfile.TemporaryDirectory(prefix="via-bench-responsive-") as tmp:
        os.environ["VIA_DATA_DIR"] = str(Path(tmp) / "data")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        for n in (int(s) for s in args.sizes.split(",")):
            bench(app, n, args.repeat, Path(tmp), settings, [w for w in args.only.split(",") if w])


if __name__ == "__main__":
    main()
