"""What the analysis reports: findings, traces to strategy and the alignment score.

Kept apart from the rules so the canvas, the CLI and the report can depend on the shape of a
result without importing the rules themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One thing the room should look at, in a sentence that names the goals and functions involved."""

    rule: str
    """Stable rule id, e.g. 'around-not-via'; tests, the CLI's JSON and the report key on it."""
    severity: Severity
    message: str
    subjects: tuple[str, ...]
    """Ids of the goals, links, functions or other items concerned, most important first."""
    hint: str = ""


@dataclass(frozen=True)
class Analysis:
    findings: tuple[Finding, ...] = ()
    score: int = 100
    """Alignment score, 0 to 100 (definition in README.md and the workshop.analysis docstring)."""
    traces: dict[str, list[list[str]]] = field(default_factory=dict)
    """For every support goal: its chains of goal ids up to a strategic goal (support goal first)."""
    dismissed: tuple[tuple[Finding, str], ...] = ()
    """Findings the facilitator dismissed, each with the reason: not in `findings` (so not on the
    board's badges, in what matters most or in the verdict's counts), listed apart by the report."""

    def by_subject(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            for subject in finding.subjects:
                out.setdefault(subject, []).append(finding)
        return out

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)
