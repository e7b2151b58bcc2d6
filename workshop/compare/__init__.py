"""Compare with last time: what changed between an older and a newer workshop.

`compare(old, new)` answers what a facilitator is asked after a follow-up session: which goals and
functions were added, removed or changed, which goals now contribute to something else, which
goals became aligned or stopped being aligned, and how the score and the findings moved.

It never judges on its own: alignment, the score and the findings are `workshop.analysis`'s
answers for each workshop, and the headline is `workshop.verdict`'s, so the comparison can never
disagree with the board or the report. How items are paired across the two files (by id, then by
text) is in `matching.py`; how the result reads (text, JSON) is in `render.py`.

Links are compared by their ends: a link of the old workshop is "still there" when the goals it
joins are paired with goals the new workshop joins the same way (several links between the same
two goals count as one). A goal whose set of goals it contributes to changed is "relinked".

A text or name that differs only in case or spacing is not a change (the same room, typed again),
and findings are the same when their rule and their sentence, so normalised, are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from workshop.compare.matching import Pairing, normalise, pair_functions, pair_goals
from workshop.findings import Analysis, Finding, Severity
from workshop.gcpause import collector_paused
from workshop.model import Function, Goal, Workshop
from workshop.verdict import verdict

__all__ = ["Comparison", "compare"]

STRATEGY = "Strategy"
"""What a strategic goal's owner reads as."""


@dataclass(frozen=True)
class GoalRef:
    """A goal as a reader sees it: its text and whose it is (the id only for JSON)."""

    id: str
    text: str
    function: str
    """The owner's name, "Strategy" for a strategic goal."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    """"text", "measure", "target", "function" (goals); "name", "kind" (functions); "kind", "reason" (links)."""
    before: str
    after: str


@dataclass(frozen=True)
class GoalChange:
    goal: GoalRef
    """As the new workshop has it."""
    was: GoalRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Relink:
    goal: GoalRef
    before: tuple[GoalRef, ...]
    """What it contributed to (as the old workshop named those goals)."""
    after: tuple[GoalRef, ...]


@dataclass(frozen=True)
class LinkRef:
    source: GoalRef
    target: GoalRef
    kind: str


@dataclass(frozen=True)
class LinkChange:
    link: LinkRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class FunctionRef:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class FunctionChange:
    function: FunctionRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class FindingRef:
    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class Standing:
    """One workshop's score and findings, as the analysis and the verdict give them."""

    title: str
    date: str
    """The workshop's date (ISO), "" when not recorded."""
    judged: bool
    score: int | None
    """None while there is nothing below the strategy to judge (the verdict's rule)."""
    headline: str
    findings: dict[str, int]
    """Findings shown (not dismissed) per severity: error, warning, info."""


@dataclass(frozen=True)
class Comparison:
    before: Standing
    after: Standing
    goals_added: tuple[GoalRef, ...] = ()
    goals_removed: tuple[GoalRef, ...] = ()
    goals_changed: tuple[GoalChange, ...] = ()
    relinked: tuple[Relink, ...] = ()
    links_added: tuple[LinkRef, ...] = ()
    links_removed: tuple[LinkRef, ...] = ()
    links_changed: tuple[LinkChange, ...] = ()
    functions_added: tuple[FunctionRef, ...] = ()
    functions_removed: tuple[FunctionRef, ...] = ()
    functions_changed: tuple[FunctionChange, ...] = ()
    became_aligned: tuple[GoalRef, ...] = ()
    stopped_aligned: tuple[GoalRef, ...] = ()
    new_unaligned: tuple[GoalRef, ...] = ()
    """Added goals below the strategy that are not aligned (yet)."""
    findings_resolved: tuple[FindingRef, ...] = ()
    """In the old workshop, not in the new one (same rule and same sentence)."""
    findings_new: tuple[FindingRef, ...] = ()
    matched: dict[str, int] = field(default_factory=dict)
    """How goals and functions were paired: goals_by_id, goals_by_text, functions_by_id, functions_by_text."""

    @property
    def nothing_changed(self) -> bool:
        """No item added, removed, changed or relinked, and the same score and findings."""
        lists = (
            self.goals_added,
            self.goals_removed,
            self.goals_changed,
            self.relinked,
            self.links_added,
            self.links_removed,
            self.links_changed,
            self.functions_added,
            self.functions_removed,
            self.functions_changed,
            self.became_aligned,
            self.stopped_aligned,
            self.findings_resolved,
            self.findings_new,
        )
        return not any(lists) and self.before.score == self.after.score

    def counts(self) -> dict[str, int]:
        """How many of each kind of change, for the first line a reader sees."""
        return {
            "goals_added": len(self.goals_added),
            "goals_removed": len(self.goals_removed),
            "goals_changed": len(self.goals_changed),
            "relinked": len(self.relinked),
            "links_added": len(self.links_added),
            "links_removed": len(self.links_removed),
            "links_changed": len(self.links_changed),
            "functions_added": len(self.functions_added),
            "functions_removed": len(self.functions_removed),
            "functions_changed": len(self.functions_changed),
            "became_aligned": len(self.became_aligned),
            "stopped_aligned": len(self.stopped_aligned),
            "findings_resolved": len(self.findings_resolved),
            "findings_new": len(self.findings_new),
        }


def compare(
    old: Workshop,
    new: Workshop,
    *,
    old_analysis: Analysis | None = None,
    new_analysis: Analysis | None = None,
) -> Comparison:
    """What changed from `old` to `new`; pass analyses already made to save running them again."""
    with collector_paused():  # tens of thousands of small objects, no cycles (workshop/gcpause.py)
        return _compare(old, new, old_analysis, new_analysis)


def _compare(old: Workshop, new: Workshop, old_analysis: Analysis | None, new_analysis: Analysis | None) -> Comparison:
    from workshop.analysis import analyse

    old_analysis = old_analysis if old_analysis is not None else analyse(old)
    new_analysis = new_analysis if new_analysis is not None else analyse(new)
    functions = pair_functions(old.functions, new.functions)
    goals = pair_goals(old.goals, new.goals, functions)
    old_side = _Side(old, functions.old_to_new)
    new_side = _Side(new, None)
    fdiff = _function_changes(old.functions, new.functions, functions)
    gdiff = _goal_changes(old_side, new_side, goals)
    ldiff = _link_changes(old_side, new_side, goals.old_to_new)
    adiff = _alignment_changes(old_side, new_side, goals.old_to_new)
    resolved, appeared = _finding_changes(old_analysis.findings, new_analysis.findings)
    return Comparison(
        before=_standing(old, old_analysis),
        after=_standing(new, new_analysis),
        goals_added=gdiff[0],
        goals_removed=gdiff[1],
        goals_changed=gdiff[2],
        relinked=ldiff[0],
        links_added=ldiff[1],
        links_removed=ldiff[2],
        links_changed=ldiff[3],
        functions_added=fdiff[0],
        functions_removed=fdiff[1],
        functions_changed=fdiff[2],
        became_aligned=adiff[0],
        stopped_aligned=adiff[1],
        new_unaligned=adiff[2],
        findings_resolved=resolved,
        findings_new=appeared,
        matched={
            "goals_by_id": goals.by_id,
            "goals_by_text": goals.by_text,
            "functions_by_id": functions.by_id,
            "functions_by_text": functions.by_text,
        },
    )


class _Side:
    """One workshop read once into lookups: goals by id, owners' names, outgoing link targets."""

    def __init__(self, ws: Workshop, function_map: dict[str, str] | None) -> None:
        self.ws = ws
        self.functions: dict[str, Function] = {f.id: f for f in ws.functions}
        self.goals: dict[str, Goal] = {g.id: g for g in ws.goals}
        self.function_map = function_map
        """Old function id -> new (old side only): to tell whether a goal kept its function."""
        self.targets: dict[str, list[str]] = {}
        self.links: dict[tuple[str, str], tuple[str, str]] = {}
        """(source, target) -> (kind, reason) of the first link between them."""
        for link in ws.links:
            if link.source in self.goals and link.target in self.goals:
                key = (link.source, link.target)
                if key not in self.links:
                    self.links[key] = (str(link.kind), link.reason)
                    self.targets.setdefault(link.source, []).append(link.target)

    def owner(self, function_id: str | None) -> str:
        if function_id is None:
            return STRATEGY
        function = self.functions.get(function_id)
        return function.name if function is not None else "(unknown function)"

    def ref(self, goal_id: str) -> GoalRef:
        goal = self.goals[goal_id]
        return GoalRef(goal.id, goal.text, self.owner(goal.function_id))

    def aligned(self) -> tuple[set[str], set[str]]:
        """(goals below the strategy, those of them aligned): the analysis's own reach."""
        from workshop.analysis.graph import STRATEGY as TOP
        from workshop.analysis.graph import build

        graph = build(self.ws)
        below = {gid for gid, lv in zip(graph.ids, graph.level, strict=True) if lv != TOP}
        reached = {gid for gid, d in zip(graph.ids, graph.dist, strict=True) if d >= 0}
        return below, below & reached


def _function_ref(f: Function) -> FunctionRef:
    return FunctionRef(f.id, f.name, str(f.kind))


def _function_changes(
    old: list[Function], new: list[Function], pairing: Pairing
) -> tuple[tuple[FunctionRef, ...], tuple[FunctionRef, ...], tuple[FunctionChange, ...]]:
    back = pairing.new_to_old()
    olds = {f.id: f for f in old}
    added = tuple(_function_ref(f) for f in new if f.id not in back)
    removed = tuple(_function_ref(f) for f in old if f.id not in pairing.old_to_new)
    changed: list[FunctionChange] = []
    for f in new:
        was = olds.get(back.get(f.id, ""))
        if was is None:
            continue
        name = f.name if _retyped(was.name, f.name) else was.name
        fields = _fields((("name", was.name, name), ("kind", str(was.kind), str(f.kind))))
        if fields:
            changed.append(FunctionChange(_function_ref(f), fields))
    return added, removed, tuple(changed)


def _retyped(before: str, after: str) -> bool:
    """A real change of text, not only of case or spacing (normalised only when they differ)."""
    return before != after and normalise(before) != normalise(after)


def _fields(pairs: Iterable[tuple[str, str, str]]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, before, after) for name, before, after in pairs if before != after)


def _goal_changes(
    old: _Side, new: _Side, pairing: Pairing
) -> tuple[tuple[GoalRef, ...], tuple[GoalRef, ...], tuple[GoalChange, ...]]:
    back = pairing.new_to_old()
    added = tuple(new.ref(g.id) for g in new.ws.goals if g.id not in back)
    removed = tuple(old.ref(g.id) for g in old.ws.goals if g.id not in pairing.old_to_new)
    fmap = old.function_map or {}
    changed: list[GoalChange] = []
    for goal in new.ws.goals:
        was_id = back.get(goal.id)
        if was_id is None:
            continue
        was = old.goals[was_id]
        moved = (fmap.get(was.function_id) if was.function_id is not None else None) != goal.function_id
        if was.function_id is not None and was.function_id not in fmap:
            moved = True  # its old function is gone: it now belongs to another
        fields = _fields(
            (
                ("text", was.text, goal.text if _retyped(was.text, goal.text) else was.text),
                ("measure", was.measure, goal.measure),
                ("target", was.target, goal.target),
            )
        )
        if moved:
            fields += (FieldChange("function", old.owner(was.function_id), new.owner(goal.function_id)),)
        if fields:
            changed.append(GoalChange(new.ref(goal.id), old.ref(was_id), fields))
    return added, removed, tuple(changed)


def _link_changes(
    old: _Side, new: _Side, goal_map: dict[str, str]
) -> tuple[tuple[Relink, ...], tuple[LinkRef, ...], tuple[LinkRef, ...], tuple[LinkChange, ...]]:
    mapped: dict[tuple[str, str], tuple[str, str]] = {}
    """Old link key -> its key in the new workshop's ids, for links whose both ends are paired."""
    for s, t in old.links:
        if s in goal_map and t in goal_map:
            mapped[(s, t)] = (goal_map[s], goal_map[t])
    now = set(mapped.values())

    def link_ref(side: _Side, key: tuple[str, str]) -> LinkRef:
        return LinkRef(side.ref(key[0]), side.ref(key[1]), side.links[key][0])

    removed = tuple(link_ref(old, key) for key in old.links if mapped.get(key) not in new.links)
    added = tuple(link_ref(new, key) for key in new.links if key not in now)
    changed: list[LinkChange] = []
    for old_key, new_key in mapped.items():
        if new_key in new.links:
            (k0, r0), (k1, r1) = old.links[old_key], new.links[new_key]
            fields = _fields((("kind", k0, k1), ("reason", r0, r1)))
            if fields:
                changed.append(LinkChange(link_ref(new, new_key), fields))

    back = {n: o for o, n in goal_map.items()}
    relinked: list[Relink] = []
    for goal in new.ws.goals:
        was_id = back.get(goal.id)
        if was_id is None:
            continue
        before_ids = old.targets.get(was_id, [])
        after_ids = new.targets.get(goal.id, [])
        if [goal_map.get(t) for t in before_ids] == after_ids:
            continue  # the usual case: the same links in the same order
        before_keys = {goal_map.get(t) or ("removed", t) for t in before_ids}
        if before_keys != set(after_ids):
            relinked.append(
                Relink(
                    new.ref(goal.id),
                    tuple(old.ref(t) for t in before_ids),
                    tuple(new.ref(t) for t in after_ids),
                )
            )
    return tuple(relinked), added, removed, tuple(changed)


def _alignment_changes(
    old: _Side, new: _Side, goal_map: dict[str, str]
) -> tuple[tuple[GoalRef, ...], tuple[GoalRef, ...], tuple[GoalRef, ...]]:
    old_below, old_aligned = old.aligned()
    new_below, new_aligned = new.aligned()
    back = {n: o for o, n in goal_map.items()}
    became: list[GoalRef] = []
    stopped: list[GoalRef] = []
    unaligned_new: list[GoalRef] = []
    for goal in new.ws.goals:
        gid = goal.id
        if gid not in new_below:
            continue
        was = back.get(gid)
        if was is None:
            if gid not in new_aligned:
                unaligned_new.append(new.ref(gid))
            continue
        if was not in old_below:
            continue  # it was a strategic goal: it had no alignment to gain or lose
        if gid in new_aligned and was not in old_aligned:
            became.append(new.ref(gid))
        elif gid not in new_aligned and was in old_aligned:
            stopped.append(new.ref(gid))
    return tuple(became), tuple(stopped), tuple(unaligned_new)


def _finding_changes(
    old: Iterable[Finding], new: Iterable[Finding]
) -> tuple[tuple[FindingRef, ...], tuple[FindingRef, ...]]:
    """Findings are the same when their rule and their sentence (normalised) are: the sentence names
    goals by text, so this holds across files whose ids differ. Counted as multisets."""
    old_refs = [FindingRef(f.rule, str(f.severity), f.message) for f in old]
    new_refs = [FindingRef(f.rule, str(f.severity), f.message) for f in new]
    return _unmatched(old_refs, new_refs), _unmatched(new_refs, old_refs)


def _unmatched(these: list[FindingRef], others: list[FindingRef]) -> tuple[FindingRef, ...]:
    """The findings of `these` with no equal one left in `others`, in their order: equal sentences
    first, then what is left compared normalised (most findings read the same: normalise few)."""
    left = Counter(others)
    rest: list[FindingRef] = []
    for ref in these:
        if left[ref]:
            left[ref] -= 1
        else:
            rest.append(ref)
    loose = Counter((f.rule, normalise(f.message)) for f, n in left.items() for _ in range(n))
    out: list[FindingRef] = []
    for ref in rest:
        key = (ref.rule, normalise(ref.message))
        if loose[key]:
            loose[key] -= 1
        else:
            out.append(ref)
    return tuple(out)


def _standing(ws: Workshop, analysis: Analysis) -> Standing:
    judged = verdict(ws, analysis)
    per = Counter(str(f.severity) for f in analysis.findings)
    return Standing(
        title=ws.meta.title,
        date=ws.meta.date.isoformat() if ws.meta.date else "",
        judged=judged.judged,
        score=judged.score if judged.judged else None,
        headline=judged.headline,
        findings={str(s): per.get(str(s), 0) for s in Severity},
    )
