"""Rows read from a file, checked against the workshop: what an import would add, and every row it
would leave out with the reason (empty text, unknown function, duplicate, over the length cap).

The rules are the model's own: text is cleaned by `workshop.text` and measured against its caps
(`MAX_NAME`, `MAX_TEXT`), a function's type is a `FunctionKind`, an email must fit `EMAIL_PATTERN`.
A text over its cap is refused rather than cut, so nothing the facilitator wrote is lost without a
word. Nothing here changes the workshop: `workshop.user_ops.import_rows` plans again at the moment
of applying and adds exactly what the plan lists, so the preview and the result cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from workshop.importing.columns import APPLY_ORDER, Column, Kind, function_kind_of, kind_label
from workshop.importing.rows import RawRow, ReadResult, RowProblem
from workshop.model import EMAIL_PATTERN, FunctionKind, Workshop
from workshop.text import MAX_NAME, MAX_TEXT, clean_name, clean_text, quoted_piece, shorten

MAX_PARTICIPANTS = 1000
"""As many as `Meta.participants` holds."""
MAX_EMAIL = 254
FUNCTION_COLOURS = ("#2E86DE", "#10AC84", "#EE5253", "#8854D0", "#F39C12", "#576574", "#0ABDE3", "#C44569")
"""Colours for imported functions in turn (the worked example's first), so bands tell functions apart."""

_EMAIL = re.compile(EMAIL_PATTERN)


def key(text: str) -> str:
    """What makes two names or texts the same for duplicates and function look-ups: case and spacing aside."""
    return " ".join(text.split()).casefold()


def _q(text: str) -> str:
    return "'" + quoted_piece(shorten(text, 48), 60) + "'"


@dataclass(frozen=True, slots=True)
class NewFunction:
    name: str
    kind: FunctionKind
    colour: str


@dataclass(frozen=True, slots=True)
class NewGoal:
    """A goal to add; `function` is None for a strategic goal, otherwise the function's name."""

    text: str
    function: str | None
    measure: str = ""
    target: str = ""


@dataclass(frozen=True, slots=True)
class NewKpi:
    function: str
    name: str
    rewards: str = ""
    incentive: str = ""


@dataclass(frozen=True, slots=True)
class NewParticipant:
    name: str
    function: str = ""
    email: str | None = None


@dataclass
class Preview:
    """What importing a file into this workshop would add, per kind, and the rows it would leave out."""

    source: str
    functions: list[NewFunction] = field(default_factory=list)
    strategic: list[NewGoal] = field(default_factory=list)
    goals: list[NewGoal] = field(default_factory=list)
    kpis: list[NewKpi] = field(default_factory=list)
    participants: list[NewParticipant] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def counts(self) -> dict[Kind, int]:
        return {
            Kind.STRATEGIC: len(self.strategic),
            Kind.FUNCTION: len(self.functions),
            Kind.GOAL: len(self.goals),
            Kind.KPI: len(self.kpis),
            Kind.PARTICIPANT: len(self.participants),
        }

    @property
    def total(self) -> int:
        return sum(self.counts().values())

    @property
    def nothing(self) -> bool:
        return self.total == 0

    def summary(self) -> str:
        """ "2 functions, 5 goals and 1 participant" (only the kinds there are), or "nothing"."""
        parts = [kind_label(kind, count) for kind, count in self.counts().items() if count]
        if not parts:
            return "nothing"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def left_out(self) -> str:
        """ "3 rows left out" or "" when every row can be imported."""
        rows = sum(1 for p in self.problems if p.row is not None)
        sheets = len(self.problems) - rows
        bits = []
        if rows:
            bits.append(f"{rows:,} row{'s' if rows != 1 else ''} left out")
        if sheets:
            bits.append(f"{sheets:,} note{'s' if sheets != 1 else ''} about sheets or columns")
        return "; ".join(bits)


def plan(ws: Workshop, read: ReadResult) -> Preview:
    """Check every row read against the workshop and against the rows before it."""
    planner = _Planner(ws, read)
    by_kind: dict[Kind, list[RawRow]] = {kind: [] for kind in APPLY_ORDER}
    for row in read.rows:
        by_kind[row.kind].append(row)
    for kind in APPLY_ORDER:
        handle = planner.handlers[kind]
        for row in by_kind[kind]:
            reason = handle(row)
            if reason:
                planner.preview.problems.append(RowProblem(row.sheet, row.row, reason))
    order = {sheet: index for index, sheet in enumerate(read.sheets)}
    planner.preview.problems.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
    return planner.preview


class _Planner:
    """The state one plan builds up: names seen so far, in the workshop and in earlier rows."""

    def __init__(self, ws: Workshop, read: ReadResult) -> None:
        self.ws = ws
        self.preview = Preview(source=read.source, problems=list(read.problems))
        self.functions: dict[str, str] = {}
        """Function key -> its name as the workshop or the file spells it."""
        for function in ws.functions:
            self.functions.setdefault(key(function.name), function.name)
        self.function_rows: dict[str, tuple[str, int]] = {}
        self.left_out_functions: set[str] = set()
        self.seen: dict[tuple[Kind, str, str], tuple[str, int] | None] = {}
        """(kind, function key, text key) -> the sheet and row that first named it (None: the workshop)."""
        names = {f.id: key(f.name) for f in ws.functions}
        for goal in ws.goals:
            kind = Kind.STRATEGIC if goal.function_id is None else Kind.GOAL
            self.seen.setdefault((kind, names.get(goal.function_id or "", ""), key(goal.text)), None)
        for kpi in ws.kpis:
            self.seen.setdefault((Kind.KPI, names.get(kpi.function_id, ""), key(kpi.name)), None)
        for person in ws.meta.participants:
            self.seen.setdefault((Kind.PARTICIPANT, "", key(person)), None)
        self.participant_room = MAX_PARTICIPANTS - len(ws.meta.participants)
        used = {f.colour.upper() for f in ws.functions}
        self.colours = [c for c in FUNCTION_COLOURS if c not in used] or list(FUNCTION_COLOURS)
        self.handlers = {
            Kind.FUNCTION: self.function,
            Kind.STRATEGIC: self.strategic,
            Kind.GOAL: self.goal,
            Kind.KPI: self.kpi,
            Kind.PARTICIPANT: self.participant,
        }

    # --- shared checks ----------------------------------------------------------------------------

    def _duplicate(self, row: RawRow, kind: Kind, owner: str, text: str, noun: str) -> str:
        """A reason when this kind, owner and text was already seen; otherwise remembers it."""
        here = (row.sheet, row.row)
        first = self.seen.setdefault((kind, key(owner), key(text)), here)
        if first == here:
            return ""
        if first is None:
            return f"duplicate: the workshop already has this {noun} ({_q(text)})"
        return f"duplicate of {_row_name(row, first)} ({_q(text)})"

    def _owner(self, row: RawRow, *, required: bool) -> tuple[str, str]:
        """(the function's name, "") or ("", the reason its row is left out)."""
        name = clean_name(row.get(Column.FUNCTION))
        if not name:
            return "", "no function given" if required else ""
        found = self.functions.get(key(name))
        if found is not None:
            return found, ""
        if key(name) in self.left_out_functions:
            return "", f"the function {_q(name)} was left out (see its row in {Kind.FUNCTION.value})"
        return "", f"unknown function {_q(name)}: it is neither in the workshop nor on the {Kind.FUNCTION.value} sheet"

    # --- one handler per kind: a reason to leave the row out, or "" once it is planned ------------

    def function(self, row: RawRow) -> str:
        name = clean_name(row.get(Column.FUNCTION) or row.get(Column.TEXT))
        if not name:
            return "empty: the function has no name"
        if len(name) > MAX_NAME:
            return _over("the function's name", name, MAX_NAME)
        raw_type = row.get(Column.TYPE).strip()
        kind = function_kind_of(raw_type)
        if kind is None:
            self.left_out_functions.add(key(name))
            if not raw_type:
                return f"no Type for {_q(name)}: write customer-facing or support"
            return f"the Type {_q(raw_type)} is neither customer-facing nor support"
        existing = self.functions.get(key(name))
        if existing is not None:
            first = self.function_rows.get(key(name))
            if first is None:
                return f"duplicate: the workshop already has this function ({_q(existing)}); rows naming it go to it"
            return f"duplicate of {_row_name(row, first)} ({_q(name)})"
        self.functions[key(name)] = name
        self.function_rows[key(name)] = (row.sheet, row.row)
        colour = self.colours[len(self.preview.functions) % len(self.colours)]
        self.preview.functions.append(NewFunction(name, kind, colour))
        return ""

    def strategic(self, row: RawRow) -> str:
        text, measure, target, reason = _goal_texts(row, "the strategic goal")
        if reason:
            return reason
        reason = self._duplicate(row, Kind.STRATEGIC, "", text, "strategic goal")
        if reason:
            return reason
        self.preview.strategic.append(NewGoal(text, None, measure, target))
        return ""

    def goal(self, row: RawRow) -> str:
        owner, reason = self._owner(row, required=True)
        if reason:
            return reason
        text, measure, target, reason = _goal_texts(row, "the goal")
        if reason:
            return reason
        reason = self._duplicate(row, Kind.GOAL, owner, text, f"goal of {owner}")
        if reason:
            return reason
        self.preview.goals.append(NewGoal(text, owner, measure, target))
        return ""

    def kpi(self, row: RawRow) -> str:
        owner, reason = self._owner(row, required=True)
        if reason:
            return reason
        name = clean_name(row.get(Column.TEXT))
        if not name:
            return "empty: the KPI has no name"
        if len(name) > MAX_NAME:
            return _over("the KPI's name", name, MAX_NAME)
        rewards, incentive = _text(row, Column.REWARDS), _text(row, Column.INCENTIVE)
        for label, value in (("Rewards", rewards), ("Incentive", incentive)):
            if len(value) > MAX_TEXT:
                return _over(label, value, MAX_TEXT)
        reason = self._duplicate(row, Kind.KPI, owner, name, f"KPI of {owner}")
        if reason:
            return reason
        self.preview.kpis.append(NewKpi(owner, name, rewards, incentive))
        return ""

    def participant(self, row: RawRow) -> str:
        name = clean_name(row.get(Column.TEXT))
        if not name:
            return "empty: the participant has no name"
        if len(name) > MAX_NAME:
            return _over("the participant's name", name, MAX_NAME)
        owner, reason = self._owner(row, required=False)
        if reason:
            return reason
        email = clean_name(row.get(Column.EMAIL))
        if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
            return f"the email {_q(email)} is not an email address"
        reason = self._duplicate(row, Kind.PARTICIPANT, "", name, "participant")
        if reason:
            return reason
        if len(self.preview.participants) >= self.participant_room:
            return f"the workshop lists at most {MAX_PARTICIPANTS:,} participants"
        self.preview.participants.append(NewParticipant(name, owner, email or None))
        return ""


def _row_name(row: RawRow, first: tuple[str, int]) -> str:
    """ "row 4" on the same sheet, "Goals row 4" on another."""
    sheet, number = first
    return f"row {number:,}" if sheet == row.sheet else f"{quoted_piece(sheet, 40)} row {number:,}"


def _text(row: RawRow, column: Column) -> str:
    return clean_text(row.get(column)).strip()


def _over(what: str, text: str, limit: int) -> str:
    return f"over the length cap: {what} is over {limit:,} characters ({_q(text)})"


def _goal_texts(row: RawRow, what: str) -> tuple[str, str, str, str]:
    """(text, measure, target, "") or the reason the goal's row is left out."""
    text, measure, target = _text(row, Column.TEXT), _text(row, Column.MEASURE), _text(row, Column.TARGET)
    if not text:
        return "", "", "", f"empty: {what} has no text"
    for label, value in ((what, text), ("the measure", measure), ("the target", target)):
        if len(value) > MAX_TEXT:
            return "", "", "", _over(label, value, MAX_TEXT)
    return text, measure, target, ""


def problem_lines(problems: Iterable[RowProblem]) -> list[str]:
    """One line per problem, as the CLI prints them and the dialog lists them."""
    return [problem.line() for problem in problems]
