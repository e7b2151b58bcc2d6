"""The `via` command: check a workshop file, print its schema, start one, make its report or a
picture of its board, or open the window.

Every headless path (check, schema, new, report) runs on a server or in CI without a display: Qt
and the UI are imported only when the window is asked for, and the analysis and the report only by
the commands that use them, so `via check` starts fast. Exit codes are a contract for scripts: 0
all good, 1 the workshop has findings of severity error (check only), 2 Via could not do what was
asked (unreadable file, refused overwrite, missing dependency), with a one-line reason on stderr and
never a traceback (set VIA_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop import __version__, storage
from workshop.text import one_line
from workshop.verdict import verdict

if TYPE_CHECKING:
    from workshop.findings import Analysis
    from workshop.model import Workshop

OK, FINDINGS, FAILED = 0, 1, 2
COMMANDS = ("check", "schema", "new", "report", "import", "board", "gui", "diff")


class CliError(Exception):
    """Something the command cannot do; the message is the one line the user sees."""


OpenWindow = Callable[[str | None], int]
"""Opens the window on a file (or none) and returns the exit code; supplied by `ui.launcher`."""

RenderBoard = Callable[["Workshop", str, int, str], bytes]
"""Draws a workshop's board as a picture: (workshop, "png" or "svg", width in pixels, look) -> the
file's bytes. Drawing needs Qt, so `ui.launcher` supplies it, as it supplies the window."""


def main(
    argv: list[str] | None = None, open_window: OpenWindow | None = None, render_board: RenderBoard | None = None
) -> int:
    """Run the `via` command; returns the exit code.

    The window is handed in by the `via` script's entry point (`ui.launcher`) rather than imported
    here, so the domain package never depends on the UI, not even lazily.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    _tolerate_unencodable_output()
    try:
        return _run(args, open_window, render_board)
    except CliError as error:
        _fail(str(error))
        return FAILED
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:  # `via check x.via | head`: the reader left; not an error worth a word
        _silence_stdout()
        return OK
    except Exception as error:
        if os.environ.get("VIA_DEBUG") == "1":
            raise
        _fail(f"unexpected error ({type(error).__name__}: {error}); run with VIA_DEBUG=1 for details")
        return FAILED


def _run(args: list[str], open_window: OpenWindow | None, render_board: RenderBoard | None = None) -> int:
    if not args:
        return _gui(None, open_window)
    first = args[0]
    looks_like_a_file = first.endswith(storage.SUFFIX) or Path(first).is_file()
    if len(args) == 1 and first not in COMMANDS and not first.startswith("-") and looks_like_a_file:
        return _gui(first, open_window)
    try:
        options = _parser().parse_args(args)
    except SystemExit as done:  # --help, --version, or a usage error argparse has already explained
        return done.code if isinstance(done.code, int) else FAILED
    if options.command == "gui":
        return _gui(options.file, open_window)
    if options.command == "board":
        return _board(options, render_board)
    handler = getattr(options, "handler", None)
    return _gui(None, open_window) if handler is None else handler(options)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="via",
        description="Via: run alignment workshops. Without a command, opens the window (with FILE if given).",
        epilog="Exit codes: 0 ok, 1 the workshop has errors (check), 2 the command could not be done.",
    )
    parser.add_argument("--version", action="version", version=f"via {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    check = commands.add_parser("check", help="list the findings of a workshop file")
    check.add_argument("file", metavar="FILE", help="a .via workshop file")
    check.add_argument("--json", action="store_true", help="print the score, findings and traces as JSON")
    check.set_defaults(handler=_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of .via files")
    schema.set_defaults(handler=_schema)

    new = commands.add_parser("new", help="write an empty workshop, or an example, to a file")
    new.add_argument("file", metavar="FILE", help="the .via file to write")
    new.add_argument("--example", choices=_examples(), help="write this example workshop instead of an empty one")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")
    new.set_defaults(handler=_new)

    report = commands.add_parser("report", help="export the PDF alignment report of a workshop file")
    report.add_argument("file", metavar="FILE", help="a .via workshop file")
    report.add_argument("-o", "--output", metavar="OUT.pdf", help="the PDF to write (default: FILE with .pdf)")
    report.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default a4)")
    report.add_argument(
        "--reproducible", action="store_true", help="same bytes for the same workshop (no timestamps or random ids)"
    )
    report.add_argument(
        "--since", metavar="OLD.via", help='add "Since last time": what changed since this earlier workshop'
    )
    report.set_defaults(handler=_report)

    diff = commands.add_parser("diff", help="what changed between an earlier and a later workshop file")
    diff.add_argument("old", metavar="OLD.via", help="the earlier workshop")
    diff.add_argument("new", metavar="NEW.via", help="the later workshop")
    diff.add_argument("--json", action="store_true", help="print every change, with ids, as JSON")
    diff.set_defaults(handler=_diff)

    _add_import_parser(commands)
    _add_board_parser(commands)

    gui = commands.add_parser("gui", help="open the Via window")
    gui.add_argument("file", metavar="FILE", nargs="?", help="a .via workshop file to open")
    return parser


def _examples() -> tuple[str, ...]:
    from workshop.examples import EXAMPLES

    return EXAMPLES


# --- commands -----------------------------------------------------------------------------------


def _check(options: argparse.Namespace) -> int:
    ws = _load(options.file)
    analysis = _analyse(ws)
    if options.json:
        _print_for_reader(json.dumps(_as_json(options.file, ws, analysis), indent=2))
    else:
        _print_for_reader(_as_text(options.file, ws, analysis))
    return FINDINGS if analysis.has_errors else OK


def _schema(options: argparse.Namespace) -> int:
    print(json.dumps(storage.schema(), indent=2))
    return OK


def _new(options: argparse.Namespace) -> int:
    path = Path(options.file)
    if path.exists() and not options.force:
        raise CliError(f"{path} already exists; add --force to replace it")
    if options.example:
        from workshop.examples import build

        ws = build(options.example)
    else:
        from workshop.model import Workshop

        ws = Workshop()
    _save(ws, path)
    what = f"the example '{options.example}'" if options.example else "an empty workshop"
    print(f"Wrote {what} to {path}")
    return OK


def _report(options: argparse.Namespace) -> int:
    source = Path(options.file)
    out = Path(options.output) if options.output else source.with_suffix(".pdf")
    if out.suffix.lower() == storage.SUFFIX or (out.exists() and out.resolve() == source.resolve()):
        raise CliError(f"refusing to write the report over a workshop file ({out}); choose a .pdf name")
    ws = _load(options.file)
    extra = {"since": _load(options.since)} if options.since else {}  # only when asked: older signatures hold
    try:
        from workshop.report import ReportError, export_pdf
    except ImportError as error:
        raise CliError(f"PDF export is not available in this installation ({error})") from None
    try:
        written = export_pdf(ws, out, paper=options.paper, reproducible=options.reproducible, **extra)
    except ReportError as error:  # already a sentence for the user
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"could not write {out}: {error.strerror or error}") from None
    except Exception as error:
        if os.environ.get("VIA_DEBUG") == "1":
            raise
        raise CliError(f"could not make the report ({type(error).__name__}: {error})") from None
    print(f"Wrote the report to {written or out}")
    return OK


def _diff(options: argparse.Namespace) -> int:
    """Always 0 when both files were read: a difference is an answer, not a failure."""
    old, new = _load(options.old), _load(options.new)
    from workshop.compare import compare
    from workshop.compare.render import as_json, as_text

    comparison = compare(old, new)
    if options.json:
        _print_for_reader(json.dumps(as_json(comparison, options.old, options.new), indent=2))
    else:
        _print_for_reader(as_text(comparison, Path(options.old).name, Path(options.new).name))
    return OK


# --- via import: a workshop prepared in a spreadsheet (workshop/importing/) -----------------------


def _add_import_parser(commands: Any) -> None:
    sub = commands.add_parser(
        "import",
        help="make a workshop from a spreadsheet (.xlsx or .csv), or write the template to fill in",
        description="Reads strategic goals, functions, goals, KPIs and participants in Via's import layout "
        "(see --template), prints every row it leaves out and why, and writes the workshop. Exit 0 all rows "
        "imported, 1 imported with rows left out, 2 nothing importable or the file refused.",
    )
    sub.add_argument("file", metavar="FILE", nargs="?", help="the .xlsx or .csv file to import")
    sub.add_argument("-o", "--output", metavar="WORKSHOP.via", help="the workshop to write (without it: a preview)")
    sub.add_argument("--into", metavar="BASE.via", help="add to this workshop instead of a new, empty one")
    sub.add_argument("--template", metavar="OUT.xlsx|OUT.csv", help="write the template to fill in, and stop")
    sub.add_argument("--force", action="store_true", help="replace the output file if it exists")
    sub.set_defaults(handler=_import)


def _import(options: argparse.Namespace) -> int:
    from workshop import importing, user_ops
    from workshop.importing.template import write_template
    from workshop.model import Workshop

    if options.template:
        out = Path(options.template)
        if options.file or options.output:
            raise CliError("--template writes the template only; run the import as a separate command")
        if out.exists() and not options.force:
            raise CliError(f"{out} already exists; add --force to replace it")
        try:
            write_template(out)
        except (ValueError, OSError) as error:
            raise CliError(f"could not write the template: {getattr(error, 'strerror', None) or error}") from None
        print(f"Wrote the import template to {out}")
        return OK
    if not options.file:
        raise CliError("name the .xlsx or .csv file to import, or write the template with --template OUT.xlsx")
    out = Path(options.output) if options.output else None
    if out is not None:
        if out.suffix.lower() != storage.SUFFIX:
            raise CliError(f"the workshop is written as a {storage.SUFFIX} file, not {out.name}")
        if out.exists() and not options.force:
            raise CliError(f"{out} already exists; add --force to replace it")
    try:
        read = importing.read_file(options.file)
    except importing.ImportFileError as error:
        raise CliError(str(error)) from None
    ws = _load(options.into) if options.into else Workshop()
    preview = importing.plan(ws, read)
    lines = [f"Left out ({len(preview.problems):,}):", *(f"  {p.line()}" for p in preview.problems)]
    _print_for_reader("\n".join(lines) if preview.problems else "Every row can be imported.")
    if preview.nothing:
        raise CliError(f"nothing to import from {options.file}: no row can be added")
    if out is None:
        print(f"Would add {preview.summary()}. Nothing written; add -o WORKSHOP.via to write the workshop.")
    else:
        outcome = user_ops.attempt(ws, user_ops.import_rows, read)
        if not outcome.ok:
            raise CliError(outcome.refusal or "the import was refused")
        _save(ws, out)
        print(f"Wrote {out}: added {preview.summary()}.")
    return FINDINGS if preview.problems else OK


def _add_board_parser(commands: Any) -> None:
    from workshop.picture_files import DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH

    board = commands.add_parser("board", help="export the board as a PNG or SVG picture, for slides and chat")
    board.add_argument("file", metavar="FILE", help="a .via workshop file")
    board.add_argument(
        "-o", "--output", metavar="OUT.png|OUT.svg", help="the picture to write (default: FILE with .png)"
    )
    board.add_argument(
        "--width",
        type=int,
        default=DEFAULT_WIDTH,
        help=f"width in pixels, {MIN_WIDTH} to {MAX_WIDTH} (default {DEFAULT_WIDTH})",
    )
    board.add_argument(
        "--view", choices=("whole", "current"), default="whole", help="whole: the whole tree (current needs the window)"
    )
    board.add_argument(
        "--look", choices=("normal", "projector"), default="normal", help="the board's look (default normal)"
    )
    board.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _board(options: argparse.Namespace, render_board: RenderBoard | None) -> int:
    """Write a picture of the board: checks that need no drawing come first, so a bad name or width
    costs nothing; the file is written atomically and replaces another only with --force."""
    from workshop.picture_files import PictureFileError, check_width, picture_format, writable_target, write_picture

    source = Path(options.file)
    out = Path(options.output) if options.output else source.with_suffix(".png")
    if options.view == "current":
        raise CliError(
            "--view current is what the window shows; use File > Export board as PNG / SVG... there, "
            "or --view whole here"
        )
    try:
        fmt = picture_format(out)
        check_width(options.width)
        writable_target(out, replace=options.force)
    except PictureFileError as error:
        raise CliError(str(error)) from None
    ws = _load(options.file)
    if render_board is None:
        raise CliError("this Via cannot draw pictures (it has no Qt); use 'via report' for the PDF")
    try:
        data = render_board(ws, fmt, options.width, options.look)
        written = write_picture(out, data, replace=options.force)
    except PictureFileError as error:
        raise CliError(str(error)) from None
    print(f"Wrote the board ({options.look} look, {fmt.upper()}, {options.width} px wide) to {written}")
    return OK


def _gui(path: str | None, open_window: OpenWindow | None) -> int:
    """Open the window; explains instead of crashing when there is no Qt or no screen."""
    if path is not None and not Path(path).is_file():
        raise CliError(f"there is no file called {path}")
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        raise CliError(
            "no display to open the window on; on a server use 'via check' or 'via report' (see 'via --help')"
        )
    if open_window is None:
        raise CliError("this Via has no window; use 'via check' or 'via report' (see 'via --help')")
    return int(open_window(path) or 0)


# --- helpers ------------------------------------------------------------------------------------


def _load(file: str) -> Workshop:
    try:
        return storage.load(file)
    except storage.LoadError as error:
        raise CliError(f"cannot open {file}: {error}") from None


def _save(ws: Workshop, path: Path) -> None:
    try:
        storage.save(ws, path)
    except storage.SaveError as error:
        raise CliError(str(error)) from None


def _analyse(ws: Workshop) -> Analysis:
    try:
        from workshop.analysis import analyse
    except ImportError as error:
        raise CliError(f"the alignment analysis is not available in this installation ({error})") from None
    return analyse(ws)


def _verdict_json(ws: Workshop, analysis: Analysis) -> dict[str, Any]:
    judged = verdict(ws, analysis)
    return {"judged": judged.judged, "headline": judged.headline, "advice": judged.advice}


def _as_json(file: str, ws: Workshop, analysis: Analysis) -> dict[str, Any]:
    out = {
        "file": file,
        "title": ws.meta.title,
        "score": analysis.score,
        "has_errors": analysis.has_errors,
        "verdict": _verdict_json(ws, analysis),
        "findings": [
            {
                "rule": f.rule,
                "severity": str(f.severity),
                "message": f.message,
                "subjects": list(f.subjects),
                "hint": f.hint,
            }
            for f in analysis.findings
        ],
        "traces": analysis.traces,
    }
    if analysis.dismissed:  # only when the facilitator dismissed one: other output stays as it was
        out["dismissed"] = [{"rule": f.rule, "message": f.message, "reason": why} for f, why in analysis.dismissed]
    return out


_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def _as_text(file: str, ws: Workshop, analysis: Analysis) -> str:
    """For people: what is wrong first, each with what to do about it, then how much is traced."""
    judged = verdict(ws, analysis)
    score = f"Alignment score: {judged.score} of 100. " if judged.judged else ""
    lines = [f"{ws.meta.title} ({file})", score + judged.line(), ""]
    if not analysis.findings:
        lines += ["No findings.", ""]
    for severity, heading in _HEADINGS.items():
        found = [f for f in analysis.findings if f.severity == severity]
        if not found:
            continue
        lines.append(f"{heading} ({len(found)})")
        for finding in found:
            lines.append(f"  - {finding.message} [{finding.rule}]")
            if finding.hint:
                lines.append(f"    What to do: {finding.hint}")
        lines.append("")
    lines += _trace_summary(ws, analysis)
    return "\n".join(lines).rstrip()


def _trace_summary(ws: Workshop, analysis: Analysis) -> list[str]:
    from workshop.analysis.wording import name, quote
    from workshop.model import Band

    functions = {f.id: f for f in ws.functions}
    support = [g for g in ws.goals if ws.band_of(g, functions) == Band.SUPPORT]
    if not support:
        return ["No support goals yet, so nothing to trace to strategy."]
    untraced = [g for g in support if not analysis.traces.get(g.id)]
    lines = [
        f"Traces to strategy: {len(support) - len(untraced)} of {len(support)} support goals reach a strategic goal."
    ]
    shown = untraced[:10]
    for goal in shown:
        owner = functions.get(goal.function_id or "")
        lines.append(f"  not traced: {quote(goal.text)} ({name(owner)})")  # one line each, as in findings
    if len(untraced) > len(shown):
        lines.append(f"  ... and {len(untraced) - len(shown)} more")
    return lines


def _fail(message: str) -> None:
    """One line on stderr: line breaks become spaces, and what a file or its name brought in that a
    terminal would act on (a right-to-left override, other controls) is shown escaped."""
    print(f"via: {one_line(' '.join(message.split()))}", file=sys.stderr)


def _tolerate_unencodable_output() -> None:
    """A participant's emoji must not crash `via check` on a console that cannot show it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _print_for_reader(text: str) -> None:
    """Print, tolerating a reader that stops early (`via check x.via | head`): the exit code must
    still say whether the workshop has errors, whatever the pipe did with the text."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
