"""What a participant can disclose from a phone, in a module of its own.

The room's server process parses posts with it; importing it from `workshop.model` pulled in
pydantic and the whole model (~95 ms) and held the window while the room opened.
"""

from __future__ import annotations

from enum import StrEnum


class DisclosureKind(StrEnum):
    """What a participant discloses in the via-negativa channel of the room."""

    HINDRANCE = "hindrance"
    """Something that gets in the way of serving another function or the strategy."""
    WEAKNESS = "weakness"
    """A corner cut that others should not build promises on."""
    GAMING_KPI = "gaming_kpi"
    """A KPI or bonus that rewards a local result at the cost of the whole."""
