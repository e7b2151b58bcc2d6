"""Since last time: how the workshop moved since the previous one (`via report --since OLD.via`).

Written for someone who reads one page: the score and the findings before and after in a small
table, one sentence of counts, then short lists (alignment first, because that is what the
workshop is for), each cut after a few items with how many more there are. Every goal text and
finding is user text: it goes through `markup`, never into markup as itself.
"""

from __future__ import annotations

from reportlab.platypus import PageBreak, Spacer

from workshop.compare import Comparison, GoalRef, Standing
from workshop.compare.render import KIND_WORDS, SEVERITY_WORDS, field_change, plural
from workshop.report.context import ReportContext
from workshop.report.doc import Heading
from workshop.report.escape import markup
from workshop.report.tables import table

LIST_MAX = 6
"""Items per list: enough to recognise the changes, short enough for one page."""
TEXT_LIMIT = 140
"""Characters of a goal text or finding in a list line."""
TITLE = "Since last time"


def _goal(ref: GoalRef) -> str:
    return f"{markup(ref.text, limit=TEXT_LIMIT)} <font color='#616E7C'>({markup(ref.function, limit=60)})</font>"


def _score(s: Standing) -> str:
    return str(s.score) if s.score is not None else "none yet"


def _delta(before: Standing, after: Standing) -> str:
    if before.score is None or after.score is None or before.score == after.score:
        return ""
    d = after.score - before.score
    sign = "+" if d > 0 else "\u2212"  # a real minus sign
    return f" ({sign}{abs(d)})"


def _count_lines(c: Comparison) -> list[str]:
    """One line per kind of change, its word in bold first: what a reader takes in at a glance."""
    n = c.counts()
    lines = [
        f"<b>Alignment</b>: {plural(n['became_aligned'], 'goal')} became aligned, "
        f"{n['stopped_aligned']} stopped being aligned.",
        f"<b>Findings</b>: {n['findings_resolved']} resolved, {n['findings_new']} new.",
        f"<b>Goals</b>: {n['goals_added']} added, {n['goals_removed']} removed, {n['goals_changed']} changed, "
        f"{n['relinked']} relinked ({plural(n['links_added'], 'link')} added, {n['links_removed']} removed).",
    ]
    if n["functions_added"] + n["functions_removed"] + n["functions_changed"]:
        lines.append(
            f"<b>Functions</b>: {n['functions_added']} added, {n['functions_removed']} removed, "
            f"{n['functions_changed']} changed."
        )
    return lines


def _list(ctx: ReportContext, heading: str, items: list[str], total: int | None = None) -> list:
    if not items:
        return []
    total = len(items) if total is None else total
    out: list = [ctx.raw(f"{heading} ({total})", "h3")]
    out += [ctx.raw(item, "bullet") for item in items[:LIST_MAX]]
    if total > LIST_MAX:
        out.append(ctx.raw(f"\u2026 and {total - LIST_MAX} more.", "small"))
    return out


def build(ctx: ReportContext, c: Comparison | None) -> list:
    """The section; `c` None when the comparison could not be made (the report says so)."""
    s = ctx.styles
    out: list = [PageBreak(), Heading(TITLE, s.h1, TITLE)]
    if c is None:
        return [*out, ctx.raw("The comparison with the previous workshop could not be made for this report.")]
    when = f" of {c.before.date}" if c.before.date else ""
    title = markup(c.before.title, limit=120)
    out.append(ctx.raw(f"Compared with the previous workshop, \u201c{title}\u201d{when}.", "small"))
    before, after = c.before, c.after
    rows = [
        ["Alignment score", _score(before), _score(after) + _delta(before, after)],
        ["Verdict", markup(before.headline), markup(after.headline)],
    ]
    for key, word in (("error", "Errors"), ("warning", "Warnings"), ("info", "Notes")):
        rows.append([word, str(before.findings.get(key, 0)), str(after.findings.get(key, 0))])
    out += [table(ctx, ["", "Last time", "Now"], rows, [0.4, 0.3, 0.3]), Spacer(1, 8)]
    if c.nothing_changed:
        return [
            *out,
            ctx.raw("<b>Nothing changed</b>: the same goals, links and functions, the same score and findings."),
        ]
    out += [ctx.raw(line, "bullet") for line in _count_lines(c)]

    out += _list(ctx, "Became aligned", [_goal(r) for r in c.became_aligned])
    out += _list(ctx, "Stopped being aligned", [_goal(r) for r in c.stopped_aligned])
    unaligned = {r.id for r in c.new_unaligned}
    out += _list(
        ctx,
        "Goals added",
        [_goal(r) + (" \u2014 <i>not aligned yet</i>" if r.id in unaligned else "") for r in c.goals_added],
    )
    out += _list(ctx, "Goals removed", [_goal(r) for r in c.goals_removed])
    out += _list(
        ctx,
        "Goals changed",
        [
            f"{_goal(ch.was)}: {markup('; '.join(field_change(f) for f in ch.changes), limit=TEXT_LIMIT * 2)}"
            for ch in c.goals_changed
        ],
    )
    out += _list(
        ctx,
        "Relinked",
        [f"{_goal(r.goal)}: now contributes to {_goals(r.after)}; before to {_goals(r.before)}" for r in c.relinked],
    )
    functions = [f"{markup(r.name)} ({KIND_WORDS.get(r.kind, r.kind)}), added" for r in c.functions_added]
    functions += [f"{markup(r.name)} ({KIND_WORDS.get(r.kind, r.kind)}), removed" for r in c.functions_removed]
    functions += [
        f"{markup(ch.function.name)}: {markup('; '.join(field_change(f) for f in ch.changes))}"
        for ch in c.functions_changed
    ]
    out += _list(ctx, "Functions", functions)
    out += _list(ctx, "Findings resolved", [_finding(r.severity, r.message) for r in c.findings_resolved])
    out += _list(ctx, "New findings", [_finding(r.severity, r.message) for r in c.findings_new])
    return out


def _goals(refs: tuple[GoalRef, ...]) -> str:
    return ", ".join(_goal(r) for r in refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "") or "nothing"


_COLOURS = {"error": "#C0392B", "warning": "#D68910", "info": "#2E86C1"}


def _finding(severity: str, message: str) -> str:
    word = SEVERITY_WORDS.get(severity, severity).upper()
    colour = _COLOURS.get(severity, "#2E86C1")
    return f'<font color="{colour}"><b>{word}</b></font>  {markup(message, limit=TEXT_LIMIT * 2)}'
