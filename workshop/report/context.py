"""What every section needs to know, computed once: lookups, the analysis, styles and page size.

Sections are small functions `build(ctx) -> list[Flowable]`; they read from here instead of
re-scanning the workshop, which keeps a 500-goal export well under a second.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from workshop.findings import Analysis
from workshop.model import Band, Function, FunctionKind, Goal, Link, LinkKind, Workshop
from workshop.questions import answered_all
from workshop.report import styles as st
from workshop.report.bidipara import BidiParagraph as Paragraph
from workshop.report.escape import markup


@dataclass
class ReportContext:
    ws: Workshop
    analysis: Analysis
    analysed: bool
    """False when the alignment checks could not run: the report says so instead of showing a score."""
    width: float
    """Usable frame width in points."""
    height: float
    wide_width: float
    """Frame of the landscape pages used for the goal tree."""
    wide_height: float
    styles: st.Styles = field(default_factory=st.make)

    def __post_init__(self) -> None:
        ws = self.ws
        self.functions: dict[str, Function] = {f.id: f for f in ws.functions}
        self.goals: dict[str, Goal] = {g.id: g for g in ws.goals}
        self.band: dict[str, Band] = {g.id: ws.band_of(g, self.functions) for g in ws.goals}
        self.out_links: dict[str, list[Link]] = defaultdict(list)
        self.in_links: dict[str, list[Link]] = defaultdict(list)
        for link in ws.links:
            if link.source in self.goals and link.target in self.goals:
                self.out_links[link.source].append(link)
                self.in_links[link.target].append(link)
        self.kpis = {k.id: k for k in ws.kpis}
        self.answered: dict[str, set[int]] = answered_all(ws)
        """Per support function, its answered questions: the guide's and the analysis's rule."""
        self._targets: dict[str, list[str]] | None = None

    # --- words -----------------------------------------------------------------------------------

    def function_name(self, function_id: str | None) -> str:
        if function_id is None:
            return "Strategy"
        function = self.functions.get(function_id)
        return function.name if function else f"(unknown function {function_id})"

    def goal_text(self, goal_id: str) -> str:
        goal = self.goals.get(goal_id)
        return goal.text if goal else f"(removed goal {goal_id})"

    def strategic_targets(self, goal_id: str) -> list[str]:
        """The strategic goals a goal's chains reach, as the analysis traces them (empty: not traced,
        or the checks could not run)."""
        if self._targets is None:
            self._targets = {}
            if self.analysed:
                try:
                    from workshop.analysis.reach import strategic_targets_all
                except ImportError:
                    pass
                else:
                    self._targets = strategic_targets_all(self.ws)
        return self._targets.get(goal_id, [])

    def is_around(self, link: Link) -> bool:
        """A support goal tied straight to strategy without a declared exception: "around, not via"."""
        return (
            link.kind == LinkKind.CONTRIBUTES
            and self.band.get(link.source) == Band.SUPPORT
            and self.band.get(link.target) == Band.STRATEGY
        )

    def functions_of(self, kind: FunctionKind) -> list[Function]:
        return [f for f in self.ws.functions if f.kind == kind]

    # --- flowable helpers ------------------------------------------------------------------------

    def p(self, text: str | None, style: str = "body", *, limit: int | None = None) -> Paragraph:
        """A paragraph of user text, printed literally."""
        return Paragraph(markup(text, limit=limit), getattr(self.styles, style))

    def raw(self, markup_text: str, style: str = "body") -> Paragraph:
        """A paragraph of our own markup (fixed strings with <b>, already-escaped parts)."""
        if style == "bullet":
            markup_text = "<bullet>\u2022</bullet>" + markup_text
        return Paragraph(markup_text, getattr(self.styles, style))
