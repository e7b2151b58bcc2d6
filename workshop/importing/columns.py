"""The one layout Via reads a prepared workshop from: which sheets (or "kind" values), which columns.

A workbook (.xlsx) has a sheet per kind of thing: "Strategic goals", "Functions", "Goals", "KPIs",
"Participants". A CSV file is the same rows in one table with a "Kind" column saying which of these
each row is. Row 1 (of each sheet, or of the CSV) names the columns; their order is free, their names
are matched without regard to case, and a few spellings are accepted (a Goals sheet may call its text
column "Goal" or "Text"). The template (`workshop.importing.template`) writes exactly this layout.

| kind            | columns (* required)                              |
| --------------- | ------------------------------------------------- |
| Strategic goals | Strategic goal*, Measure, Target                  |
| Functions       | Function*, Type* (customer-facing or support)     |
| Goals           | Function*, Goal*, Measure, Target                 |
| KPIs            | Function*, KPI*, Rewards, Incentive               |
| Participants    | Name*, Function, Email                            |
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from workshop.model import FunctionKind


class Kind(StrEnum):
    """What a row adds; the value is the sheet's name in a workbook and the "Kind" in a CSV."""

    STRATEGIC = "Strategic goals"
    FUNCTION = "Functions"
    GOAL = "Goals"
    KPI = "KPIs"
    PARTICIPANT = "Participants"


KINDS: tuple[Kind, ...] = tuple(Kind)
"""In the template's order of sheets."""
APPLY_ORDER: tuple[Kind, ...] = (Kind.FUNCTION, Kind.STRATEGIC, Kind.GOAL, Kind.KPI, Kind.PARTICIPANT)
"""Functions first: the goals, KPIs and participants of a function in the same file name it."""


class Column(StrEnum):
    """The fields a row can carry, whatever its sheet calls them."""

    KIND = "Kind"
    TEXT = "Text"
    FUNCTION = "Function"
    TYPE = "Type"
    MEASURE = "Measure"
    TARGET = "Target"
    REWARDS = "Rewards"
    INCENTIVE = "Incentive"
    EMAIL = "Email"


HEADERS: dict[Kind, tuple[str, ...]] = {
    Kind.STRATEGIC: ("Strategic goal", "Measure", "Target"),
    Kind.FUNCTION: ("Function", "Type"),
    Kind.GOAL: ("Function", "Goal", "Measure", "Target"),
    Kind.KPI: ("Function", "KPI", "Rewards", "Incentive"),
    Kind.PARTICIPANT: ("Name", "Function", "Email"),
}
"""The column titles the template writes for each sheet (the first ones are required)."""

REQUIRED: dict[Kind, tuple[Column, ...]] = {
    Kind.STRATEGIC: (Column.TEXT,),
    Kind.FUNCTION: (Column.FUNCTION, Column.TYPE),
    Kind.GOAL: (Column.FUNCTION, Column.TEXT),
    Kind.KPI: (Column.FUNCTION, Column.TEXT),
    Kind.PARTICIPANT: (Column.TEXT,),
}


def missing_columns(kind: Kind, present: Iterable[Column]) -> list[Column]:
    """The required columns a table lacks for this kind. A function's name may also stand under a
    text column ("Name" on a Functions sheet), as everything else's words do."""
    have = set(present)
    if kind == Kind.FUNCTION and Column.TEXT in have:
        have.add(Column.FUNCTION)
    return [column for column in REQUIRED[kind] if column not in have]


CSV_HEADERS: tuple[Column, ...] = (
    Column.KIND,
    Column.FUNCTION,
    Column.TEXT,
    Column.TYPE,
    Column.MEASURE,
    Column.TARGET,
    Column.REWARDS,
    Column.INCENTIVE,
    Column.EMAIL,
)
"""The CSV's columns: one table for every kind; for a function its name goes under Function, for
anything else its words (the goal, the KPI, the person's name) under Text."""

_ALIASES: dict[str, Column] = {
    "kind": Column.KIND,
    "sheet": Column.KIND,
    "text": Column.TEXT,
    "goal": Column.TEXT,
    "strategic goal": Column.TEXT,
    "kpi": Column.TEXT,
    "name": Column.TEXT,
    "participant": Column.TEXT,
    "function": Column.FUNCTION,
    "department": Column.FUNCTION,
    "type": Column.TYPE,
    "function type": Column.TYPE,
    "measure": Column.MEASURE,
    "target": Column.TARGET,
    "rewards": Column.REWARDS,
    "incentive": Column.INCENTIVE,
    "bonus": Column.INCENTIVE,
    "email": Column.EMAIL,
    "e mail": Column.EMAIL,
}

_KIND_WORDS: dict[str, Kind] = {
    "strategic goal": Kind.STRATEGIC,
    "strategy": Kind.STRATEGIC,
    "function": Kind.FUNCTION,
    "goal": Kind.GOAL,
    "kpi": Kind.KPI,
    "participant": Kind.PARTICIPANT,
    "people": Kind.PARTICIPANT,
    "person": Kind.PARTICIPANT,
}

IGNORED_SHEETS = frozenset({"read me", "readme", "instructions", "help"})
"""Sheets the template itself adds for people (or a facilitator's notes about them): read by no one."""

_NOT_WORD = re.compile(r"[\s_\-.:]+")


def _words(value: str) -> str:
    """Lower case, separators as single spaces: "Strategic_Goals " and "strategic-goals" agree."""
    return _NOT_WORD.sub(" ", value).strip().casefold()


def column_of(header: str) -> Column | None:
    """The field a column title stands for, or None for a column Via does not read."""
    words = _words(header)
    return _ALIASES.get(words) or _ALIASES.get(words.removesuffix("s"))


def kind_of(value: str) -> Kind | None:
    """The kind a sheet name or a CSV "Kind" value names (singular or plural), or None."""
    words = _words(value)
    return _KIND_WORDS.get(words) or _KIND_WORDS.get(words.removesuffix("s"))


def function_kind_of(value: str) -> FunctionKind | None:
    """ "customer-facing", "Customer facing", "customer_facing" or "support"; None for anything else."""
    letters = re.sub(r"[^a-z]", "", value.casefold())
    if letters in ("customerfacing", "customer", "frontline", "frontoffice"):
        return FunctionKind.CUSTOMER_FACING
    if letters in ("support", "supporting", "backoffice"):
        return FunctionKind.SUPPORT
    return None


def kind_label(kind: Kind, count: int) -> str:
    """ "3 strategic goals", "1 function": how the preview and the CLI count what would be added."""
    singular = {
        Kind.STRATEGIC: "strategic goal",
        Kind.FUNCTION: "function",
        Kind.GOAL: "goal",
        Kind.KPI: "KPI",
        Kind.PARTICIPANT: "participant",
    }[kind]
    return f"{count:,} {singular}" + ("" if count == 1 else "s")
