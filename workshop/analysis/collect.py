"""Gathers findings from the rules and puts them in the one order everybody sees.

The order is severity first, then the model's own order (the collection the finding is about, in
`COLLECTIONS` order, then the item's place in it), so the panel, the CLI and the report list the
same findings the same way every time, whichever rule found them.
"""

from __future__ import annotations

from workshop.findings import SEVERITY_ORDER, Finding, Severity
from workshop.model import COLLECTIONS, Collection

_RANK = {name: rank for rank, name in enumerate(COLLECTIONS)}


class Collector:
    def __init__(self) -> None:
        self._items: list[tuple[tuple[int, int, int, int], int, Finding]] = []

    def add(
        self,
        anchor: tuple[Collection, int, int],
        rule: str,
        severity: Severity,
        message: str,
        subjects: tuple[str, ...] | list[str],
        hint: str = "",
    ) -> None:
        """`anchor` is (collection, index in it, tie-breaker): where the finding sits in model order."""
        collection, index, sub = anchor
        key = (SEVERITY_ORDER[severity], _RANK[collection], index, sub)
        subjects = tuple(dict.fromkeys(subjects))
        self._items.append((key, len(self._items), Finding(rule, severity, message, subjects, hint)))

    def findings(self) -> tuple[Finding, ...]:
        self._items.sort(key=lambda item: (item[0], item[1]))
        return tuple(item[2] for item in self._items)
