"""Which findings the facilitator dismissed, and whether each dismissal still holds.

A dismissal names a finding by its rule and subjects and keeps a fingerprint of what the finding
was about: its sentence and the recorded state of every item it names. When any of that changes (a
goal's text, a link's reason, an owner), the fingerprint no longer matches and the finding comes
back; the dismissal stays in the file, inert, and holds again only if everything is as it was.

Imports nothing but the model and the findings' shape, so the analysis and the operations share it.
"""

from __future__ import annotations

import hashlib
import json

from workshop.findings import Finding
from workshop.model import COLLECTIONS, Workshop


def key(rule: str, subjects: tuple[str, ...] | list[str]) -> tuple[str, tuple[str, ...]]:
    return rule, tuple(subjects)


def fingerprint(ws: Workshop, finding: Finding) -> str:
    """A short hash of the finding's sentence and of every item it names, as recorded now."""
    parts: list[object] = [finding.rule, finding.message]
    for subject in finding.subjects:
        item = next((found for c in COLLECTIONS if (found := ws.find(c, subject)) is not None), None)
        parts.append(None if item is None else item.model_dump(mode="json"))
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def split(ws: Workshop, findings: tuple[Finding, ...]) -> tuple[tuple[Finding, ...], tuple[tuple[Finding, str], ...]]:
    """(findings still shown, (dismissed finding, reason) pairs), both in the findings' own order."""
    if not ws.dismissals:
        return findings, ()
    wanted = {key(d.rule, d.subjects): d for d in ws.dismissals}
    shown: list[Finding] = []
    dismissed: list[tuple[Finding, str]] = []
    for finding in findings:
        dismissal = wanted.get(key(finding.rule, finding.subjects))
        if dismissal is not None and dismissal.about == fingerprint(ws, finding):
            dismissed.append((finding, dismissal.reason))
        else:
            shown.append(finding)
    return tuple(shown), tuple(dismissed)
