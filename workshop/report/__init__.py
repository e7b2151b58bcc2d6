"""The PDF alignment report, made headless: the facilitator emails it to everyone after the workshop.

`export_pdf` writes the document; `summary_text` gives the same key facts as plain text for the
body of that email. Nothing here imports Qt, so the CLI and CI can build reports without a display.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from workshop.findings import Analysis
from workshop.model import LinkKind, Workshop

__all__ = ["ReportError", "export_pdf", "summary_text"]


class ReportError(Exception):
    """The report could not be written, with a message a facilitator can act on."""


class ReportCancelledError(Exception):
    """The facilitator stopped the export: nothing was written (not a failure, nothing to report)."""


Cancelled = Callable[[], bool]
"""Asked between sections and after every flowable laid out: True stops the export."""


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ReportCancelledError


def _analyse(ws: Workshop, analysis: Analysis | None) -> tuple[Analysis, bool]:
    """The analysis passed in, else a fresh one; (empty, False) when the checks are not available."""
    if analysis is not None:
        return analysis, True
    try:
        from workshop.analysis import analyse  # imported where used: only exports need it
    except ImportError:
        return Analysis(), False
    try:
        return analyse(ws), True
    except Exception:  # a bug in the checks must not cost the facilitator the report; it says so instead
        return Analysis(), False


def build_story(
    ws: Workshop,
    analysis: Analysis,
    analysed: bool,
    doc,
    since: Workshop | None = None,
    cancelled: Cancelled | None = None,
) -> list:
    from workshop.report.context import ReportContext
    from workshop.report.sections import (
        appendix,
        cover,
        findings,
        functions,
        negativa,
        suggestions,
        summary,
        trace,
        tree,
    )

    ctx = ReportContext(
        ws,
        analysis,
        analysed,
        width=doc.width,
        height=doc.height,
        wide_width=doc.wide_width,
        wide_height=doc.wide_height,
    )
    story: list = []
    for section in (cover, summary, tree, trace, functions, findings, negativa, suggestions, appendix):
        _check(cancelled)
        story += section.build(ctx)
        if section is summary and since is not None:  # right after the summary: what a director reads next
            story += _since_section(ctx, since)
    return story


def _since_section(ctx, since: Workshop) -> list:
    """ "Since last time"; a comparison that fails says so in the report instead of costing it."""
    from workshop.report.sections import since as since_section

    try:
        from workshop.compare import compare

        comparison = compare(since, ctx.ws, new_analysis=ctx.analysis if ctx.analysed else None)
    except Exception:
        comparison = None
    return since_section.build(ctx, comparison)


def _writable_target(path: Path) -> Path:
    """The file the report really goes to: through a symlink to its target (a shared folder's link
    stays a link), never over a folder, a device or a pipe, which a rename would silently replace."""
    target = Path(os.path.realpath(path))
    if target.suffix.lower() == ".via":  # a link named report.pdf that points at a workshop
        raise ReportError(f"Cannot write the report to {path}: it leads to the workshop file {target.name}.")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {path}: {exc.strerror or exc}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReportError(f"Cannot write the report to {path}: it is a folder. Give a file name ending in .pdf.")
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(f"Cannot write the report to {path}: it is not a regular file.")
    return target


def export_pdf(
    ws: Workshop,
    path: str | os.PathLike[str],
    *,
    paper: str = "a4",
    reproducible: bool = False,
    analysis: Analysis | None = None,
    since: Workshop | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write the alignment report to `path` (A4 or Letter) and return the path.

    `since`, the previous workshop, adds the section "Since last time" (workshop/compare).
    `cancelled`, asked as the report is put together and laid out (a 2,000-goal report takes ~2 s),
    stops it with ReportCancelledError, leaving whatever was at `path` as it was.

    `reproducible` fixes dates and ids so the same workshop gives byte-identical files (tests, diffs).
    The file is written to a temporary name and renamed, so a failed export never leaves half a PDF
    where the facilitator expects the report.
    """
    from reportlab.platypus.doctemplate import LayoutError

    from workshop.report.doc import ReportDoc
    from workshop.storage import mode_for

    target = _writable_target(Path(path))
    analysis, analysed = _analyse(ws, analysis)
    meta = ws.meta
    subject = "Alignment report" + (f" for {meta.organisation}" if meta.organisation else "")
    try:
        handle, tmp = tempfile.mkstemp(prefix=".via-report-", suffix=".pdf", dir=target.parent)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {target.parent}: {exc.strerror or exc}.") from exc
    os.close(handle)
    from reportlab import rl_config

    use_a85 = rl_config.useA85
    rl_config.useA85 = 0  # binary streams: ASCII85 costs a fifth more bytes and a third of the time
    try:
        doc = ReportDoc(
            tmp,
            paper=paper,
            title=meta.title or "Alignment workshop",
            author=meta.facilitator or "Via",
            subject=subject,
            reproducible=reproducible,
            cancelled=cancelled,
        )
        doc.build(build_story(ws, analysis, analysed, doc, since, cancelled))
        _check(cancelled)
        os.chmod(tmp, mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {target}: {exc.strerror or exc}.") from exc
    except LayoutError as exc:  # something too big for a page slipped past the clipping: say what
        raise ReportError(
            f"The report could not be laid out ({exc}). Please send this workshop file to support."
        ) from exc
    finally:
        rl_config.useA85 = use_a85
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def summary_text(ws: Workshop, analysis: Analysis | None = None) -> str:
    """The report's key facts as plain text, for the body of the email that carries the PDF."""
    from workshop.report.sections.summary import TOP_FINDINGS, top_findings
    from workshop.verdict import verdict

    analysis, analysed = _analyse(ws, analysis)
    meta = ws.meta
    lines = [meta.title or "Alignment workshop"]
    sub = ", ".join(x for x in (meta.organisation, meta.date.isoformat() if meta.date else "") if x)
    if sub:
        lines.append(sub)
    if meta.facilitator:
        lines.append(f"Facilitator: {meta.facilitator}")
    lines.append("")
    if analysed:
        judged = verdict(ws, analysis)
        if judged.judged:
            lines.append(f"Alignment score: {judged.score} / 100. {judged.line()}")
        else:
            lines.append(judged.line())
    else:
        lines.append("The alignment checks were not available; the report has no score.")
    tops = top_findings(analysis.findings, TOP_FINDINGS)
    if tops:
        lines += ["", "What matters most:"]
        lines += [f"- [{f.severity.upper()}] {f.message}" for f in tops]
        if len(analysis.findings) > len(tops):
            lines.append(f"  ({len(analysis.findings) - len(tops)} more findings in the report)")
    goals = {g.id: g.text for g in ws.goals}
    exceptions = [lk for lk in ws.links if lk.kind == LinkKind.DIRECT_IMPACT]
    if exceptions:
        lines += ["", "Declared exceptions:"]
        lines += [f"- {goals.get(lk.source, lk.source)} -> {goals.get(lk.target, lk.target)}" for lk in exceptions]
    tensions = [t for t in ws.tensions if not t.resolved]
    if tensions:
        lines += ["", "Open tensions:"]
        lines += [f"- {t.description or t.kpi_id}" for t in tensions]
    if ws.weaknesses:
        functions = {f.id: f.name for f in ws.functions}
        lines += ["", "Disclosed weaknesses:"]
        for w in ws.weaknesses:
            affects = ", ".join(functions.get(fid, fid) for fid in w.affected_function_ids) or "no one recorded"
            lines.append(f"- {functions.get(w.function_id, w.function_id)}: {w.description} (affects {affects})")
    if ws.decisions:
        lines += ["", "Decisions:"]
        for d in ws.decisions:
            due = f", due {d.due.isoformat()}" if d.due else ""
            lines.append(f"- {d.text} (owner: {d.owner or 'none yet'}{due})")
    pending = sum(1 for s in ws.suggestions if s.status == "pending")
    if pending:
        lines += ["", f"{pending} suggestion{'s' if pending != 1 else ''} from the room await a decision."]
    lines += ["", "The full alignment report is attached as a PDF."]
    return "\n".join(lines) + "\n"
