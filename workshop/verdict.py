"""The verdict on a workshop, in words the room can trust, written once for board, panel, PDF and email.

A score alone misleads at both ends: an empty workshop scored 100 and was called "strongly
aligned", and so was one with an open tension, a decision nobody owns and a function with no
question answered. So the words follow the findings first and the score second: no score and no
praise while there is nothing below the strategy to judge, errors named before anything else,
"strongly aligned" only with no errors and no warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.findings import Analysis, Severity
from workshop.model import Workshop

STRONG_FROM = 85
PARTLY_FROM = 60


@dataclass(frozen=True)
class Verdict:
    judged: bool
    """False while no goal sits below the strategy: then there is no score to give."""
    score: int | None
    headline: str
    """A few words: "Strongly aligned", "Errors to resolve first", "Nothing to judge yet"..."""
    advice: str
    """One sentence: why, and what to do next."""

    def line(self) -> str:
        """Headline and advice as one sentence, for the email and the command line."""
        return f"{self.headline}: {self.advice}"

    def short(self) -> str:
        """For the status bar: the score (when there is one) and the headline."""
        if self.score is None:
            return self.headline
        return f"Alignment {self.score}/100 · {self.headline.lower()}"


def _plural(count: int, word: str) -> str:
    return f"one {word}" if count == 1 else f"{count} {word}s"


def verdict(ws: Workshop, analysis: Analysis) -> Verdict:
    if not any(goal.function_id is not None for goal in ws.goals):
        return Verdict(
            False,
            None,
            "Nothing to judge yet",
            "add the goals of the customer-facing functions and link them to the strategic goals; "
            "the alignment score starts with them.",
        )
    errors = sum(1 for f in analysis.findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in analysis.findings if f.severity == Severity.WARNING)
    score = analysis.score
    if errors:
        return Verdict(
            True,
            score,
            "Errors to resolve first",
            f"{_plural(errors, 'error')} (see what matters most); the score counts only goals that reach the "
            "strategy the right way.",
        )
    open_points = f"{_plural(warnings, 'warning')} to look at" if warnings else ""
    if warnings == 0 and score >= STRONG_FROM:
        if score == 100:
            advice = "every goal below the strategy reaches it the way the method asks, and no warning is open."
        else:
            advice = "no warning is open; a few goals still wait for their link to the strategy."
        return Verdict(True, score, "Strongly aligned", advice)
    if score >= PARTLY_FROM:
        advice = open_points or "some goals are not yet connected to the strategy the right way"
        return Verdict(True, score, "Partly aligned", advice + ".")
    advice = "many goals do not yet reach the strategy through the functions they serve"
    return Verdict(True, score, "Weakly aligned", advice + (f"; {open_points}." if open_points else "."))
