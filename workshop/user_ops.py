"""What a person can do to a workshop: the one catalogue every edit comes from.

An edit flows like this: a gesture on the board, a panel, a guide step or (next) a phone in the
room picks one function of this module and hands it to the window's `Document.run`, which calls
it on the workshop, puts the `Change` it returns on the one undo stack and announces it; views
follow `Document.changed`. Whoever started the edit learns how it went from the `Outcome` that
`Document.run` returns (or `attempt`, headless): the change, or the refusal's plain sentence.

Each function has the `workshop.ops` signature `(ws, ...) -> Change` and raises `OperationError`
with a sentence for the user when the edit is refused. Several ops that a person does as one act
(add a goal *and* link it) run through `ops.run_together`, so a refusal halfway rolls the first
part back and the whole act is one undo step. The user interface may import this module but not
`workshop.ops` (an import-linter contract), so there is exactly one list of what can be done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop import ops
from workshop.changes import Change, OperationError
from workshop.model import Band, CardKind, Collection, Contact, FunctionKind, LinkKind, Workshop
from workshop.room import edits as room_edits
from workshop.text import quoted_piece

if TYPE_CHECKING:
    from workshop.importing import ReadResult

# --- the outcome of an edit -----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How an edit went: the change it made, or the sentence that says why nothing changed."""

    change: Change | None = None
    refusal: str | None = None

    @property
    def ok(self) -> bool:
        return self.change is not None

    @property
    def note(self) -> str:
        """What the edit did besides what was asked, for the caller to say ("Sales is now recorded as...")."""
        return self.change.note if self.change is not None else ""

    @property
    def created_id(self) -> str | None:
        """The id of what the edit created (a card, a link, a suggestion), when it created one."""
        return self.change.created_id if self.change is not None else None

    def tell(self, show: Callable[[str], None]) -> Outcome:
        """Hand a refusal's sentence, or what the edit did besides what was asked, to whatever shows it
        (a status bar, the guide's message line)."""
        if self.refusal:
            show(self.refusal)
        elif self.note:
            show(self.note)
        return self


def attempt(ws: Workshop, operation: Callable[..., Change], *args: Any, **kwargs: Any) -> Outcome:
    """Run one user operation on the workshop and say how it went; a refusal leaves it untouched."""
    try:
        return Outcome(change=operation(ws, *args, **kwargs))
    except OperationError as error:
        return Outcome(refusal=str(error))


def refused(sentence: str) -> Outcome:
    """An edit the caller refuses before it reaches the model (nothing selected, a stale choice)."""
    return Outcome(refusal=sentence)


# --- questions asked before an edit (they change nothing) -------------------------------------------

check_link = ops.check_link
"""Raises `OperationError` with the reason when two goals cannot be linked."""
is_around_link = ops.is_around_link
"""True for a support goal linked straight to a strategic goal: the room is asked about it first."""
with_card_text = ops.with_card_text
"""The workshop as it would be with this text typed into a card, as a copy, recording nothing:
autosave keeps what is being typed before it becomes an edit."""


# --- the workshop and its functions --------------------------------------------------------------

set_meta = ops.set_meta
add_function = ops.add_function
update_function = ops.update_function
remove_function = ops.remove_function

# --- goals, KPIs and links --------------------------------------------------------------------------

add_goal = ops.add_goal
update_goal = ops.update_goal
remove_goal = ops.remove_goal
add_kpi = ops.add_kpi
update_kpi = ops.update_kpi
remove_kpi = ops.remove_kpi
link = ops.link
update_link = ops.update_link
unlink = ops.unlink
move_cards = ops.move_cards
set_pinned = ops.set_pinned

# --- the four questions -------------------------------------------------------------------------------

add_relation = ops.add_relation
update_relation = ops.update_relation
remove_relation = ops.remove_relation
set_answer = ops.set_answer

# --- via negativa ---------------------------------------------------------------------------------------

add_tension = ops.add_tension
update_tension = ops.update_tension
add_weakness = ops.add_weakness
update_weakness = ops.update_weakness
add_decision = ops.add_decision
update_decision = ops.update_decision
remove_item = ops.remove_item

# --- findings set aside, with a reason (workshop/dismissals.py) ----------------------------------------

dismiss_finding = ops.dismiss_finding
restore_finding = ops.restore_finding

# --- suggestions from the room ------------------------------------------------------------------------

suggest_link = ops.suggest_link
suggest_goal = ops.suggest_goal
vote = ops.vote
reject_suggestion = ops.reject_suggestion

# --- the room: posts from participants' phones (workshop/room/edits.py) --------------------------------

suggest_link_as = room_edits.suggest_link_as
suggest_goal_as = room_edits.suggest_goal_as
disclose = room_edits.disclose
vote_as = room_edits.vote_as
unvote_as = room_edits.unvote_as
set_hidden = room_edits.set_hidden
merge_suggestions = room_edits.merge_suggestions
remove_participant_posts = room_edits.remove_participant_posts
decide_disclosure = room_edits.decide_disclosure


# --- acts made of several operations, each one undo step ---------------------------------------------

NEW_GOAL = "New goal"
NEW_STRATEGIC = "New strategic goal"
NEW_KPI = "New KPI"


def add_card(
    ws: Workshop,
    kind: CardKind | str,
    function_id: str | None,
    position: tuple[float, float] | None,
    text: str | None = None,
) -> Change:
    """The card a palette tile asks for ("strategic", "goal" or "kpi"), where it was dropped (or where
    the board finds room, with no position). The UI passes the new card's text translated."""
    if kind == CardKind.STRATEGIC:
        return ops.add_goal(ws, text or NEW_STRATEGIC, None, position=position)
    if kind == CardKind.GOAL:
        if function_id is None or ws.function(function_id) is None:
            raise OperationError("That function is no longer in the workshop.")
        return ops.add_goal(ws, text or NEW_GOAL, function_id, position=position)
    if kind == CardKind.KPI:
        if function_id is None:
            raise OperationError("A KPI belongs to a function: drop it from a function's palette entry.")
        if ws.function(function_id) is None:
            raise OperationError("That function is no longer in the workshop.")
        if position is None:
            return ops.add_kpi(ws, function_id, text or NEW_KPI)

        def build(batch: ops.Batch) -> str | None:
            kpi_id = batch(ops.add_kpi, function_id, text or NEW_KPI).created_id
            assert kpi_id is not None  # add_kpi always names what it created
            batch(ops.move_cards, {kpi_id: position})
            return kpi_id

        return ops.run_together(ws, "Add KPI", build)
    raise OperationError(f"Unknown kind of card: {kind}.")


def add_linked_goal(
    ws: Workshop,
    function_id: str | None,
    position: tuple[float, float] | None,
    target_id: str | None,
    label: str = "Add goal",
    text: str = NEW_GOAL,
    **fields: Any,
) -> Change:
    """A new goal, linked to the goal it serves when there is one (Tab and Enter on the board, a
    customer-facing goal or a result in the guide)."""

    def build(batch: ops.Batch) -> str | None:
        goal_id = batch(ops.add_goal, text, function_id, position=position, **fields).created_id
        assert goal_id is not None  # add_goal always names what it created
        if target_id is not None:
            batch(ops.link, goal_id, target_id)
        return goal_id

    return ops.run_together(ws, label, build)


def remove_cards(ws: Workshop, goal_ids: Iterable[str], kpi_ids: Iterable[str], link_ids: Iterable[str]) -> Change:
    """Delete a selection of cards and links in one step (links of removed goals go with them)."""
    goals, kpis, links = list(goal_ids), list(kpi_ids), list(link_ids)
    count = len(goals) + len(kpis) + len(links)
    if count == 0:
        raise OperationError("Select cards or links to delete.")
    if count == 1:
        label = "Remove link" if links else ("Remove goal" if goals else "Remove KPI")
    else:
        label = f"Delete {count} items"

    def build(batch: ops.Batch) -> str | None:
        for link_id in links:
            if ws.find(Collection.LINKS, link_id) is not None:
                batch(ops.unlink, link_id)
        if goals:
            batch(ops.remove_goals, goals)
        for kpi_id in kpis:
            batch(ops.remove_kpi, kpi_id)
        return None

    return ops.run_together(ws, label, build)


def pin_where_seen(ws: Workshop, card_id: str, pinned: bool, seen_at: tuple[float, float] | None) -> Change:
    """Pin or unpin a card; one the board placed by itself is first given the place where it is seen,
    in the same step, so pinning never makes it jump."""
    if seen_at is None or card_id in ws.positions:
        return ops.set_pinned(ws, [card_id], pinned)

    def build(batch: ops.Batch) -> str | None:
        batch(ops.move_cards, {card_id: seen_at})
        batch(ops.set_pinned, [card_id], pinned)
        return None

    return ops.run_together(ws, "Pin card" if pinned else "Unpin card", build)


def add_internal_customer(
    ws: Workshop, supplier_id: str, name: str, kind: FunctionKind | str, label: str | None = None
) -> Change:
    """Question 1: a function not yet in the workshop, recorded at once as one this function serves."""

    def build(batch: ops.Batch) -> str | None:
        function_id = batch(ops.add_function, name, kind).created_id
        batch(ops.add_relation, supplier_id, function_id)
        return function_id

    return ops.run_together(ws, label or f"Add internal customer {name}", build)


def add_customer_goal(
    ws: Workshop, relation_id: str, text: str, label: str = "Add goal of internal customer"
) -> Change:
    """Question 2: a goal of the internal customer, recorded as one that matters to this relation."""
    relation = ws.find(Collection.RELATIONS, relation_id)
    if relation is None:
        raise OperationError("That internal customer is no longer recorded.")

    def build(batch: ops.Batch) -> str | None:
        goal_id = batch(ops.add_goal, text, relation.customer_id).created_id
        batch(ops.update_relation, relation_id, customer_goal_ids=[*relation.customer_goal_ids, goal_id])
        return goal_id

    return ops.run_together(ws, label, build)


def declare_direct_impact(
    ws: Workshop,
    function_id: str,
    strategic_id: str,
    reason: str,
    *,
    goal_id: str | None = None,
    new_text: str = "",
    label: str = "Declare direct impact",
) -> Change:
    """A direct-impact exception with its reason, from an existing goal or a new one of the function."""
    if not new_text and goal_id is None:
        raise OperationError("Choose one of the function's goals, or type a new one.")

    def build(batch: ops.Batch) -> str | None:
        source = batch(ops.add_goal, new_text, function_id).created_id if new_text else goal_id
        assert source is not None
        batch(ops.link, source, strategic_id, LinkKind.DIRECT_IMPACT, reason)
        return source

    return ops.run_together(ws, label, build)


def _customer_to_record(ws: Workshop, source: str, target: str) -> tuple[str, str] | None:
    """(supplier, customer) when a link from `source` to `target` says a support function serves another
    function that is not yet recorded as its internal customer; None otherwise."""
    source_goal, target_goal = ws.goal(source), ws.goal(target)
    if source_goal is None or target_goal is None:
        return None
    supplier, customer = source_goal.function_id, target_goal.function_id
    if supplier is None or customer is None or supplier == customer:
        return None
    function = ws.function(supplier)
    if function is None or function.kind != FunctionKind.SUPPORT or ws.function(customer) is None:
        return None
    if any(r.supplier_id == supplier and r.customer_id == customer for r in ws.relations):
        return None
    return supplier, customer


def _recorded_note(ws: Workshop, pair: tuple[str, str]) -> str:
    supplier, customer = ws.function(pair[0]), ws.function(pair[1])
    assert supplier is not None and customer is not None
    return f"{customer.name} is now recorded as an internal customer of {supplier.name}."


def link_goals(
    ws: Workshop, source: str, target: str, kind: LinkKind | str = LinkKind.CONTRIBUTES, reason: str = ""
) -> Change:
    """Link two goals (the board's gesture). A support goal serving another function's goal says that
    function is an internal customer (question 1): recorded in the same step, and said in the note,
    so the room says it once and the findings do not ask for it again."""
    pair = _customer_to_record(ws, source, target)
    if pair is None:
        return ops.link(ws, source, target, kind, reason)

    def build(batch: ops.Batch) -> str | None:
        created = batch(ops.link, source, target, kind, reason).created_id
        batch(ops.add_relation, *pair)
        return created

    return ops.run_together(ws, "Link goals", build, note=_recorded_note(ws, pair))


def accept_suggestion(
    ws: Workshop, suggestion_id: str, *, link_kind: LinkKind | str | None = None, reason: str | None = None
) -> Change:
    """Accept a participant's suggestion (`ops.accept_suggestion`); an accepted link from a support goal
    to another function's goal records that function as an internal customer in the same step."""
    suggestion = ws.find(Collection.SUGGESTIONS, suggestion_id)
    pair = None
    if suggestion is not None and suggestion.kind == "link":
        pair = _customer_to_record(ws, suggestion.source, suggestion.target)  # type: ignore[attr-defined]
    if pair is None:
        return ops.accept_suggestion(ws, suggestion_id, link_kind=link_kind, reason=reason)

    def build(batch: ops.Batch) -> str | None:
        created = batch(ops.accept_suggestion, suggestion_id, link_kind=link_kind, reason=reason).created_id
        batch(ops.add_relation, *pair)
        return created

    return ops.run_together(ws, "Accept suggestion", build, note=_recorded_note(ws, pair))


def contributing_function(ws: Workshop, goal_id: str) -> str:
    """Which function a new contributor to this goal belongs to (the band below), or why none fits."""
    goal = ws.goal(goal_id)
    if goal is None:
        raise OperationError("Select a goal first.")
    band = ws.band_of(goal)
    support = ws.support_functions()
    if band == Band.STRATEGY:
        for function in ws.functions:
            if function.kind == FunctionKind.CUSTOMER_FACING:
                return function.id
        raise OperationError("Add a customer-facing function first: its goals are what serve strategic goals.")
    serving = [r.supplier_id for r in ws.relations if r.customer_id == goal.function_id]
    serving = [fid for fid in serving if fid != goal.function_id]
    if serving:
        return serving[0]
    if band == Band.CUSTOMER_FACING:
        if support:
            return support[0].id
        raise OperationError("Add a support function first: its results are what serve customer-facing goals.")
    assert goal.function_id is not None
    return goal.function_id


def import_rows(ws: Workshop, read: ReadResult, label: str | None = None) -> Change:
    """File > Import… and `via import`: add everything the file's plan lists, as one undo step.

    The plan is made again here, against the workshop as it is now (the room may have added a goal
    while the preview was open), so what is added is exactly what a preview made now would list.
    New cards get no saved position: the board places them as it places any unplaced card (the
    layout when most of the board is new, otherwise a grid right of what is there), and Tidy or a
    drag then gives them a place of their own.
    """
    from workshop import importing  # loaded by the first import, not at start-up

    preview = importing.plan(ws, read)
    if preview.nothing:
        raise OperationError(f"Nothing to import from {quoted_piece(read.source, 60)}: no row can be added.")

    def build(batch: ops.Batch) -> str | None:
        ids = {importing.key(f.name): f.id for f in reversed(ws.functions)}  # the first of a name wins
        for function in preview.functions:
            created = batch(ops.add_function, function.name, function.kind, function.colour).created_id
            assert created is not None
            ids[importing.key(function.name)] = created
        for goal in [*preview.strategic, *preview.goals]:
            owner = None if goal.function is None else ids[importing.key(goal.function)]
            batch(ops.add_goal, goal.text, owner, measure=goal.measure, target=goal.target)
        for kpi in preview.kpis:
            batch(ops.add_kpi, ids[importing.key(kpi.function)], kpi.name, rewards=kpi.rewards, incentive=kpi.incentive)
        if preview.participants:
            meta = ws.meta
            contacts = [
                Contact(name=p.name, function=p.function, email=p.email)
                for p in preview.participants
                if p.function or p.email
            ]
            batch(
                ops.set_meta,
                participants=[*meta.participants, *(p.name for p in preview.participants)],
                contacts=[*meta.contacts, *contacts],
            )
        return None

    note = f"Imported {preview.summary()}" + (f"; {preview.left_out()}." if preview.problems else ".")
    return ops.run_together(ws, label or f"Import {quoted_piece(read.source, 40)}", build, note=note)
