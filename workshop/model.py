"""The workshop model: everything the room decides, as plain validated data.

Every entity carries a stable string id so that links, undo records, the canvas and the file can
refer to it without holding the object. Collections are ordered lists (the order is what the room
sees in lists and the report); `Workshop.find` and `index_of` look ids up in O(1) through an index
that `workshop.changes` keeps in step (workshop/idindex.py).

Strategic goals and function goals are one type, `Goal`: a strategic goal is a goal owned by no
function. That keeps a link a link, whichever level its ends are on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from workshop.disclosure_kind import DisclosureKind
from workshop.idindex import IdIndex
from workshop.text import MAX_NAME, MAX_TEXT, clean_name, clean_text

# Cleaning runs before pydantic's own str check, which refuses lone surrogates outright.
Text = Annotated[str, Field(max_length=MAX_TEXT), BeforeValidator(clean_text)]
Name = Annotated[str, Field(max_length=MAX_NAME), BeforeValidator(clean_name)]
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Ref = Annotated[str, Field(min_length=1, max_length=64)]
"""A reference to an id: its characters are checked where the id is declared; that it points at
one is checked by `workshop.integrity` (loading) and `workshop.ops` (editing). Skipping the pattern
here halves the pattern checks of a load (~15,000 at 5,000 goals)."""
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
ParticipantId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
"""The random id a participant's phone makes for itself: it names no one, it only tells posts apart."""
Coordinate = Annotated[float, Field(ge=-1e7, le=1e7)]
EMAIL_PATTERN = (
    r"^[^@\s<>,;:\"()\[\]\x00-\x1f\x7f]+@[^@\s<>,;:\"()\[\]\x00-\x1f\x7f]+\.[^@\s<>,;:\"()\[\]\x00-\x1f\x7f]+$"
)
"""An address a mail program can take as it is: one @, a dot in the domain, nothing that would split
or quote a To: header (commas, angle brackets, spaces)."""
Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN)]


def new_id(prefix: str) -> str:
    """A short random id with a readable prefix ("g-3f9a0c1b2d"), unique for any real workshop."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def _unset(value: object) -> bool:
    """Room fields left at their default are not written, so a workshop that never opened the room
    is saved exactly as before the room existed (and still opens in the Via before it)."""
    return not value


class Strict(BaseModel):
    """Base of every model: unknown fields and NaN/Infinity are refused, not silently kept."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True)


class FunctionKind(StrEnum):
    CUSTOMER_FACING = "customer_facing"
    SUPPORT = "support"


class Band(StrEnum):
    """The three levels of the goal tree, top to bottom, as the board draws them (the order counts)."""

    STRATEGY = "strategy"
    CUSTOMER_FACING = "customer_facing"
    SUPPORT = "support"


BAND_ORDER: tuple[Band, ...] = tuple(Band)
"""The bands top to bottom; a band's place here is its level where integers are wanted (the analysis)."""


class LinkKind(StrEnum):
    CONTRIBUTES = "contributes"
    DIRECT_IMPACT = "direct_impact"
    """A support goal that moves a strategic goal directly: legitimate only when declared with a reason."""


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class KpiScope(StrEnum):
    LOCAL = "local"
    SHARED = "shared"


class Contact(Strict):
    """Whom a listed participant speaks for and where the report can reach them (an import brings
    these). It belongs to the participant of the same name; one no longer listed is ignored."""

    name: Name
    function: Name = ""
    """The function's name as the import found it (a name, not an id: a contact outlives a function)."""
    email: Email | None = None


class Meta(Strict):
    title: Name = "Untitled workshop"
    organisation: Name = ""
    date: dt.date | None = None
    facilitator: Name = ""
    participants: list[Name] = Field(default_factory=list, max_length=1000)
    contacts: list[Contact] = Field(default_factory=list, max_length=1000, exclude_if=_unset)
    """Function and email of listed participants (added later: absent from files that have none)."""


class Function(Strict):
    """A department: customer-facing functions touch customers, support functions serve other functions."""

    id: Id
    name: Name
    kind: FunctionKind
    colour: Colour = "#5B8DEF"


class Goal(Strict):
    """A goal or result. `function_id` None makes it a strategic goal."""

    id: Id
    text: Text
    function_id: Ref | None = None
    measure: Text = ""
    target: Text = ""


class Link(Strict):
    """`source` contributes to `target`: arrows point from the contributing goal to the goal served."""

    id: Id
    source: Ref
    target: Ref
    kind: LinkKind = LinkKind.CONTRIBUTES
    reason: Text = ""
    """Why a direct-impact exception is legitimate; an exception without one is a finding."""


class ServiceRelation(Strict):
    """A support function serves an internal customer: the answers of questions 1 to 3 live here."""

    id: Id
    supplier_id: Ref
    customer_id: Ref
    customer_goal_ids: list[Ref] = Field(default_factory=list)
    """Question 2: the internal customer's goals that matter for this support function."""
    helps: list[Text] = Field(default_factory=list)
    hindrances: list[Text] = Field(default_factory=list)


class QuestionAnswer(Strict):
    """The room's own words for one of the four questions of one support function."""

    id: Id
    function_id: Ref
    question: Annotated[int, Field(ge=1, le=4)]
    note: Text = ""
    skipped: bool = False


class Kpi(Strict):
    id: Id
    function_id: Ref
    name: Name
    rewards: Text = ""
    scope: KpiScope = KpiScope.LOCAL
    incentive: Text = ""
    """A bonus or other reward tied to the KPI: where local incentives do the most damage."""


class Tension(Strict):
    """A KPI that works against another function's KPI or goal."""

    id: Id
    kpi_id: Ref
    against_id: Ref
    """A KPI id or a goal id."""
    description: Text = ""
    resolved: bool = False


class Weakness(Strict):
    """Something a function discloses so that others stop building promises on it."""

    id: Id
    function_id: Ref
    description: Text
    affected_function_ids: list[Ref] = Field(default_factory=list)


class Decision(Strict):
    id: Id
    text: Text
    owner: Name = ""
    due: dt.date | None = None
    heard_function_ids: list[Ref] = Field(default_factory=list)


class LinkSuggestion(Strict):
    kind: Literal["link"] = "link"
    id: Id
    source: Ref
    target: Ref
    link_kind: LinkKind = LinkKind.CONTRIBUTES
    author: Name = ""
    reason: Text = ""
    status: SuggestionStatus = SuggestionStatus.PENDING
    votes: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    participant: ParticipantId | None = Field(None, exclude_if=_unset)
    """The phone that posted it (None: recorded on the laptop, or in a file older than the room)."""
    voters: list[ParticipantId] = Field(default_factory=list, max_length=100_000, exclude_if=_unset)
    """The phones that voted for it, one vote each; `votes` also counts votes given on the laptop."""
    hidden: bool = Field(False, exclude_if=_unset)
    """Kept off the projector and the phones (the facilitator's call), still in the file."""
    merged_into: Ref | None = Field(None, exclude_if=_unset)
    """A duplicate the facilitator merged into another suggestion (it is then rejected)."""


class GoalSuggestion(Strict):
    kind: Literal["goal"] = "goal"
    id: Id
    text: Text
    function_id: Ref | None = None
    author: Name = ""
    reason: Text = ""
    status: SuggestionStatus = SuggestionStatus.PENDING
    votes: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    participant: ParticipantId | None = Field(None, exclude_if=_unset)
    """The phone that posted it (None: recorded on the laptop, or in a file older than the room)."""
    voters: list[ParticipantId] = Field(default_factory=list, max_length=100_000, exclude_if=_unset)
    """The phones that voted for it, one vote each; `votes` also counts votes given on the laptop."""
    hidden: bool = Field(False, exclude_if=_unset)
    """Kept off the projector and the phones (the facilitator's call), still in the file."""
    merged_into: Ref | None = Field(None, exclude_if=_unset)
    """A duplicate the facilitator merged into another suggestion (it is then rejected)."""


Suggestion = Annotated[LinkSuggestion | GoalSuggestion, Field(discriminator="kind")]


class Disclosure(Strict):
    """A via-negativa post from the room. Anonymous unless the participant gave a name: an anonymous
    one records no participant id, so nothing in the file ties it to anyone's other posts."""

    id: Id
    about: DisclosureKind
    text: Text
    function_id: Ref | None = None
    author: Name = ""
    participant: ParticipantId | None = None
    status: SuggestionStatus = SuggestionStatus.PENDING
    votes: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    voters: list[ParticipantId] = Field(default_factory=list, max_length=100_000)
    hidden: bool = False


class Dismissal(Strict):
    """A finding the facilitator set aside, with the reason the report prints beside it.

    It applies while the finding (same rule, same subjects) still reads the same and what it is
    about is unchanged (`about`, a fingerprint: `workshop.dismissals`); if anything it was about
    changes, the finding comes back and this record stays in the file, inert."""

    id: Id
    rule: Annotated[str, Field(min_length=1, max_length=64)]
    subjects: list[Ref] = Field(default_factory=list, max_length=10_000)
    reason: Text
    about: Annotated[str, Field(max_length=64)] = ""


class Position(Strict):
    """Where a card sits on the board; a pinned card is left alone by Tidy."""

    x: Coordinate
    y: Coordinate
    pinned: bool = False


class Collection(StrEnum):
    """The list fields of `Workshop` whose items carry an id; operations and undo work on these.

    Each value is the field's name, as the file writes it and as `Change.touched()` names it, so a
    plain string still works wherever a collection is asked for."""

    FUNCTIONS = "functions"
    GOALS = "goals"
    LINKS = "links"
    RELATIONS = "relations"
    ANSWERS = "answers"
    KPIS = "kpis"
    TENSIONS = "tensions"
    WEAKNESSES = "weaknesses"
    DECISIONS = "decisions"
    SUGGESTIONS = "suggestions"
    DISCLOSURES = "disclosures"
    DISMISSALS = "dismissals"


COLLECTIONS: tuple[Collection, ...] = tuple(Collection)
"""Every collection, in the order of `Workshop`'s fields."""


class CardKind(StrEnum):
    """What a card on the board stands for: a palette tile asks for one, the board draws each its way."""

    STRATEGIC = "strategic"
    GOAL = "goal"
    KPI = "kpi"


class SuggestionKind(StrEnum):
    """The `kind` a suggestion has in the file (the discriminator of `Suggestion`)."""

    LINK = "link"
    GOAL = "goal"


class Workshop(Strict):
    meta: Meta = Field(default_factory=Meta)
    functions: list[Function] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    relations: list[ServiceRelation] = Field(default_factory=list)
    answers: list[QuestionAnswer] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    tensions: list[Tension] = Field(default_factory=list)
    weaknesses: list[Weakness] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
    positions: dict[Ref, Position] = Field(default_factory=dict)
    disclosures: list[Disclosure] = Field(default_factory=list, exclude_if=_unset)
    """Via-negativa posts from the room (added after version 1 shipped: absent in older files)."""
    dismissals: list[Dismissal] = Field(default_factory=list, exclude_if=_unset)
    """Findings set aside with a reason (added later: absent from files that never dismissed one)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=False)

    _ids: IdIndex = PrivateAttr(default_factory=IdIndex)
    """Id -> position per collection, a cache kept in step by `workshop.changes` (see workshop/idindex.py)."""

    def __copy__(self) -> Workshop:
        copied = super().__copy__()
        copied._ids = IdIndex()  # a copy never shares (and so never stales) this workshop's index
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Workshop:
        copied = super().__deepcopy__(memo)
        copied._ids = IdIndex()
        return copied

    def snapshot(self) -> Workshop:
        """A copy to read on another thread (or later) while this one goes on changing: new lists and
        positions, the items themselves shared. Safe because operations replace an item, they never
        change one in place (tests/workshop/test_items_never_change_in_place.py). Milliseconds, where
        a deep copy took ~50 ms of the GUI thread at 2,000 goals."""
        update: dict[str, Any] = {name: list(getattr(self, name)) for name in _LIST_FIELDS}
        update["positions"] = dict(self.positions)
        return self.model_copy(update=update)

    # --- lookups -------------------------------------------------------------------------------

    def find(self, collection: Collection, item_id: str) -> BaseModel | None:
        """The item with this id in a collection, or None (O(1): the id index)."""
        items = getattr(self, collection)
        index = self._ids.position(collection, items, item_id)
        return None if index < 0 else items[index]

    def index_of(self, collection: Collection, item_id: str) -> int:
        """Position of an item in its collection; -1 when absent (O(1): the id index)."""
        return self._ids.position(collection, getattr(self, collection), item_id)

    def function(self, function_id: str | None) -> Function | None:
        return None if function_id is None else self.find(Collection.FUNCTIONS, function_id)  # type: ignore[return-value]

    def goal(self, goal_id: str) -> Goal | None:
        return self.find(Collection.GOALS, goal_id)  # type: ignore[return-value]

    def band_of(self, goal: Goal, functions: dict[str, Function] | None = None) -> Band:
        """Which band a goal sits in: it follows from the function that owns it."""
        return self.band_of_owner(goal.function_id, functions)

    def band_of_owner(self, function_id: str | None, functions: dict[str, Function] | None = None) -> Band:
        """The band of a card owned by this function; None (no function) is strategy."""
        if function_id is None:
            return Band.STRATEGY
        return band_of_function((functions or {}).get(function_id) or self.function(function_id))

    def band_of_card(self, card_id: str) -> Band | None:
        """The band of a goal's or KPI's card (a KPI sits with its function); None for an unknown id."""
        goal = self.goal(card_id)
        if goal is not None:
            return self.band_of(goal)
        kpi = self.find(Collection.KPIS, card_id)
        return None if kpi is None else self.band_of_owner(kpi.function_id)  # type: ignore[attr-defined]

    def strategic_goals(self) -> list[Goal]:
        return [g for g in self.goals if g.function_id is None]

    def goals_of(self, function_id: str) -> list[Goal]:
        return [g for g in self.goals if g.function_id == function_id]

    def support_functions(self) -> list[Function]:
        return [f for f in self.functions if f.kind == FunctionKind.SUPPORT]

    def relations_of(self, supplier_id: str) -> list[ServiceRelation]:
        return [r for r in self.relations if r.supplier_id == supplier_id]

    def answer(self, function_id: str, question: int) -> QuestionAnswer | None:
        for answer in self.answers:
            if answer.function_id == function_id and answer.question == question:
                return answer
        return None


def band_of_function(function: Function | None) -> Band:
    """The band a function's cards sit in; an unknown function is treated as customer-facing."""
    if function is not None and function.kind == FunctionKind.SUPPORT:
        return Band.SUPPORT
    return Band.CUSTOMER_FACING


_LIST_FIELDS = tuple(name for name in Workshop.model_fields if name not in ("meta", "positions"))
"""The workshop's collections (every field but the details and the positions): what a snapshot copies."""
