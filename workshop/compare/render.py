"""A comparison in words (`via diff`, the Compare dialog) and as JSON (`via diff --json`).

Counts come first, so a reader who stops after five lines knows how much moved; then the lists,
alignment first because that is what the workshop is for. Goal texts are quoted shortened to one
line (the full texts are in the JSON); they come from a cleaned model, so they carry no control
characters to a terminal.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from workshop.compare import Comparison, FieldChange, FindingRef, FunctionRef, GoalRef, LinkRef, Standing
from workshop.text import shorten

QUOTE = 70
"""Characters of a goal text quoted in a list line."""

KIND_WORDS = {"customer_facing": "customer-facing", "support": "support", "contributes": "contributes"}
KIND_WORDS["direct_impact"] = "direct-impact exception"
SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "note"}


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def quoted(text: str, limit: int = QUOTE) -> str:
    return f"\u201c{shorten(text, limit) or '(no text)'}\u201d"


def goal(ref: GoalRef) -> str:
    return f"{quoted(ref.text)} ({shorten(ref.function, 40)})"


def goals(refs: tuple[GoalRef, ...]) -> str:
    return ", ".join(goal(r) for r in refs) or "nothing"


def link(ref: LinkRef) -> str:
    exception = " (direct-impact exception)" if ref.kind == "direct_impact" else ""
    return f"{goal(ref.source)} \u2192 {goal(ref.target)}{exception}"


def function(ref: FunctionRef) -> str:
    return f"{shorten(ref.name, 60)} ({KIND_WORDS.get(ref.kind, ref.kind)})"


def field_change(change: FieldChange) -> str:
    before, after = change.before, change.after
    if change.field in ("kind",):
        return f"{change.field}: {KIND_WORDS.get(before, before)} \u2192 {KIND_WORDS.get(after, after)}"
    if change.field == "function":
        return f"moved from {shorten(before, 40)} to {shorten(after, 40)}"
    shown = [quoted(v, 100) if v else "(empty)" for v in (before, after)]
    return f"{change.field}: {shown[0]} \u2192 {shown[1]}"


def finding(ref: FindingRef) -> str:
    return f"[{SEVERITY_WORDS.get(ref.severity, ref.severity)}] {shorten(ref.message, 200)}"


def score_line(before: Standing, after: Standing) -> str:
    """ "Alignment score: 62 → 71 (Partly aligned → Strongly aligned)"; a side with nothing to judge
    says so instead of a number, as the verdict does."""

    def score(s: Standing) -> str:
        return str(s.score) if s.score is not None else "none yet"

    head = f"Alignment score: {score(before)} \u2192 {score(after)}"
    if before.score is not None and after.score is not None and before.score != after.score:
        delta = after.score - before.score
        head += f" ({'+' if delta > 0 else ''}{delta})"
    return f"{head}; {before.headline} \u2192 {after.headline}"


def findings_count(s: Standing) -> str:
    return ", ".join(
        plural(s.findings.get(key, 0), word)
        for key, word in (("error", "error"), ("warning", "warning"), ("info", "note"))
    )


def summary_lines(c: Comparison) -> list[str]:
    """The counts, one line each kind: what a reader sees before any list."""
    n = c.counts()
    lines = [
        score_line(c.before, c.after),
        f"Findings: {findings_count(c.before)} \u2192 {findings_count(c.after)} "
        f"({n['findings_resolved']} resolved, {n['findings_new']} new)",
        f"Alignment: {plural(n['became_aligned'], 'goal')} became aligned, "
        f"{n['stopped_aligned']} stopped being aligned",
        f"Goals: {n['goals_added']} added, {n['goals_removed']} removed, {n['goals_changed']} changed, "
        f"{n['relinked']} relinked",
        f"Links: {n['links_added']} added, {n['links_removed']} removed, {n['links_changed']} changed",
        f"Functions: {n['functions_added']} added, {n['functions_removed']} removed, {n['functions_changed']} changed",
    ]
    by_text = c.matched.get("goals_by_text", 0) + c.matched.get("functions_by_text", 0)
    if by_text:
        lines.append(
            f"Paired by text where the ids differ: {plural(c.matched.get('goals_by_text', 0), 'goal')}, "
            f"{plural(c.matched.get('functions_by_text', 0), 'function')}."
        )
    return lines


def sections(c: Comparison) -> list[tuple[str, list[str]]]:
    """(heading, lines) for every kind of change that has any, in reading order."""
    out: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            out.append((f"{heading} ({len(lines)})", lines))

    add("Became aligned", [goal(r) for r in c.became_aligned])
    add("Stopped being aligned", [goal(r) for r in c.stopped_aligned])
    unaligned = {r.id for r in c.new_unaligned}
    add("Goals added", [goal(r) + (" \u2014 not aligned yet" if r.id in unaligned else "") for r in c.goals_added])
    add("Goals removed", [goal(r) for r in c.goals_removed])
    add(
        "Goals changed", [f"{goal(ch.was)}: {'; '.join(field_change(f) for f in ch.changes)}" for ch in c.goals_changed]
    )
    add(
        "Relinked",
        [f"{goal(r.goal)}: now contributes to {goals(r.after)}; before to {goals(r.before)}" for r in c.relinked],
    )
    add("Links added", [link(r) for r in c.links_added])
    add("Links removed", [link(r) for r in c.links_removed])
    add(
        "Links changed",
        [f"{link(ch.link)}: {'; '.join(field_change(f) for f in ch.changes)}" for ch in c.links_changed],
    )
    add("Functions added", [function(r) for r in c.functions_added])
    add("Functions removed", [function(r) for r in c.functions_removed])
    add(
        "Functions changed",
        [f"{function(ch.function)}: {'; '.join(field_change(f) for f in ch.changes)}" for ch in c.functions_changed],
    )
    add("Findings resolved", [finding(r) for r in c.findings_resolved])
    add("New findings", [finding(r) for r in c.findings_new])
    return out


NOTHING = "Nothing changed: the same goals, links and functions, the same score and the same findings."


def as_text(c: Comparison, old_label: str = "", new_label: str = "") -> str:
    """The whole comparison for people: a title line, the counts, then each list."""

    def name(s: Standing, label: str) -> str:
        return quoted(s.title, 80) + (f" ({label})" if label else "")

    lines = [f"Compared {name(c.before, old_label)} with {name(c.after, new_label)}", ""]
    if c.nothing_changed:
        return "\n".join([*lines, NOTHING, score_line(c.before, c.after)])
    return "\n".join([*lines, *summary_lines(c), "", lists_text(c)]).rstrip()


def lists_text(c: Comparison) -> str:
    """Every list under its heading with its count, a blank line between them."""
    blocks = ["\n".join([heading, *(f"  - {item}" for item in items)]) for heading, items in sections(c)]
    return "\n\n".join(blocks)


def as_json(c: Comparison, old_label: str = "", new_label: str = "") -> dict[str, Any]:
    """Everything, with ids and full texts, for scripts."""
    data = dataclasses.asdict(c)
    return {
        "old": old_label,
        "new": new_label,
        "nothing_changed": c.nothing_changed,
        "counts": c.counts(),
        **data,
    }
