"""Every edit of a workshop, validated, applied and returned as an invertible `Change`.

The canvas's undo commands, the guided questions and the room's suggestions all edit through
these functions and nothing else, so every path keeps the same invariants (see integrity.py) and
every edit can be undone exactly. Removing something detaches what depends on it in the same
change, so one undo brings all of it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from workshop import dismissals, integrity
from workshop.changes import Change, OperationError, Recorder, recording, validated
from workshop.findings import Finding
from workshop.geometry import board_stripes, clamp_to_stripe
from workshop.model import (
    COLLECTIONS,
    Band,
    Collection,
    Decision,
    Dismissal,
    Function,
    FunctionKind,
    Goal,
    GoalSuggestion,
    Kpi,
    Link,
    LinkKind,
    LinkSuggestion,
    Position,
    QuestionAnswer,
    ServiceRelation,
    SuggestionKind,
    SuggestionStatus,
    Tension,
    Weakness,
    Workshop,
    new_id,
)
from workshop.text import is_blank

__all__ = ["Change", "OperationError"]

# --- helpers ------------------------------------------------------------------------------------


def _require(ws: Workshop, collection: Collection, item_id: str | None, what: str) -> Any:
    item = None if item_id is None else ws.find(collection, item_id)
    if item is None:
        raise OperationError(f"There is no {what} with id '{item_id}'.")
    return item


def _require_text(text: object) -> None:
    """A goal with no words cannot be discussed, linked or reported: refuse it with a reason."""
    if isinstance(text, str) and is_blank(text):
        raise OperationError("A goal needs some text.")


def _fresh_id(ws: Workshop, prefix: str, wanted: str | None) -> str:
    if wanted is None:
        return new_id(prefix)
    if any(ws.find(c, wanted) is not None for c in COLLECTIONS):
        raise OperationError(f"The id '{wanted}' is already in use.")
    return wanted


def _add(ws: Workshop, label: str, collection: Collection, item: Any, index: int | None = None) -> Change:
    with recording(ws, label) as rec:
        rec.insert(collection, item, index)
        rec.created_id = item.id
    return rec.change()


def _update(
    ws: Workshop, label: str, collection: Collection, item_id: str, what: str, fields: Mapping[str, Any]
) -> Change:
    _require(ws, collection, item_id, what)
    if "id" in fields:
        raise OperationError("An id cannot be changed.")
    with recording(ws, label) as rec:
        rec.replace(collection, item_id, **fields)
    return rec.change()


# --- meta ---------------------------------------------------------------------------------------


def set_meta(ws: Workshop, **fields: Any) -> Change:
    with recording(ws, "Edit workshop details") as rec:
        rec.set_meta(**fields)
    return rec.change()


# --- functions ----------------------------------------------------------------------------------


def add_function(
    ws: Workshop, name: str, kind: FunctionKind | str, colour: str | None = None, *, id: str | None = None
) -> Change:
    data: dict[str, Any] = {"id": _fresh_id(ws, "f", id), "name": name, "kind": kind}
    if colour is not None:
        data["colour"] = colour
    function = validated(Function, data)
    if not function.name:
        raise OperationError("A function needs a name.")
    return _add(ws, f"Add function {function.name}", Collection.FUNCTIONS, function)


def update_function(ws: Workshop, function_id: str, **fields: Any) -> Change:
    """Changing a support function to customer-facing drops its internal customers in the same step."""
    current: Function = _require(ws, Collection.FUNCTIONS, function_id, "function")
    if "name" in fields and not str(fields["name"]).strip():
        raise OperationError("A function needs a name.")
    with recording(ws, f"Edit function {current.name}") as rec:
        after: Function = rec.replace(Collection.FUNCTIONS, function_id, **fields)  # type: ignore[assignment]
        if current.kind == FunctionKind.SUPPORT and after.kind != FunctionKind.SUPPORT:
            for rel in [r for r in ws.relations if r.supplier_id == function_id]:
                rec.delete(Collection.RELATIONS, rel.id)
            for answer in [a for a in ws.answers if a.function_id == function_id]:
                rec.delete(Collection.ANSWERS, answer.id)
        if after.kind != current.kind:
            owned = [g.id for g in ws.goals_of(function_id)] + [k.id for k in ws.kpis if k.function_id == function_id]
            _keep_in_band(ws, rec, owned)
    return rec.change()


def _keep_in_band(ws: Workshop, rec: Recorder, card_ids: list[str]) -> None:
    """Cards whose level changed move into their new band, in the same undo step: the band follows the
    function. On a board folded into shelves, into that band's stripe nearest to them (the stripes
    found from the other cards, which stay where they are)."""
    moving = set(card_ids)
    others = {card_id: (p.x, p.y) for card_id, p in ws.positions.items() if card_id not in moving}
    board = board_stripes(ws, others)
    for card_id in card_ids:
        position = ws.positions.get(card_id)
        band = ws.band_of_card(card_id)
        if position is None or band is None:
            continue
        y = clamp_to_stripe(board, band, position.y)
        if y != position.y:
            rec.set_position(card_id, Position(x=position.x, y=y, pinned=position.pinned))


def remove_function(ws: Workshop, function_id: str) -> Change:
    """Removes the function with its goals, KPIs, relations, answers and disclosures."""
    function: Function = _require(ws, Collection.FUNCTIONS, function_id, "function")
    with recording(ws, f"Remove function {function.name}") as rec:
        goal_ids = [goal.id for goal in ws.goals_of(function_id)]
        _detach_goals(ws, rec, goal_ids)
        for goal_id in goal_ids:
            rec.delete(Collection.GOALS, goal_id)
        for kpi in [k for k in ws.kpis if k.function_id == function_id]:
            _detach_kpi(ws, rec, kpi.id)
            rec.delete(Collection.KPIS, kpi.id)
        for rel in [r for r in ws.relations if function_id in (r.supplier_id, r.customer_id)]:
            rec.delete(Collection.RELATIONS, rel.id)
        for answer in [a for a in ws.answers if a.function_id == function_id]:
            rec.delete(Collection.ANSWERS, answer.id)
        for weakness in list(ws.weaknesses):
            if weakness.function_id == function_id:
                rec.delete(Collection.WEAKNESSES, weakness.id)
            elif function_id in weakness.affected_function_ids:
                rec.replace(
                    Collection.WEAKNESSES,
                    weakness.id,
                    affected_function_ids=[f for f in weakness.affected_function_ids if f != function_id],
                )
        for decision in list(ws.decisions):
            if function_id in decision.heard_function_ids:
                rec.replace(
                    Collection.DECISIONS,
                    decision.id,
                    heard_function_ids=[f for f in decision.heard_function_ids if f != function_id],
                )
        for suggestion in [s for s in ws.suggestions if s.kind == SuggestionKind.GOAL and s.function_id == function_id]:
            rec.delete(Collection.SUGGESTIONS, suggestion.id)
        for disclosure in [d for d in ws.disclosures if d.function_id == function_id]:
            rec.replace(Collection.DISCLOSURES, disclosure.id, function_id=None)  # the room's words stay
        rec.delete(Collection.FUNCTIONS, function_id)
    return rec.change()


# --- goals --------------------------------------------------------------------------------------


def add_goal(
    ws: Workshop,
    text: str,
    function_id: str | None = None,
    *,
    measure: str = "",
    target: str = "",
    position: tuple[float, float] | None = None,
    id: str | None = None,
) -> Change:
    """A strategic goal when `function_id` is None, otherwise a goal of that function."""
    if function_id is not None:
        _require(ws, Collection.FUNCTIONS, function_id, "function")
    _require_text(text)
    goal = validated(
        Goal,
        {"id": _fresh_id(ws, "g", id), "text": text, "function_id": function_id, "measure": measure, "target": target},
    )
    kind = "strategic goal" if function_id is None else "goal"
    with recording(ws, f"Add {kind}") as rec:
        rec.insert(Collection.GOALS, goal)
        if position is not None:
            rec.set_position(goal.id, validated(Position, {"x": position[0], "y": position[1]}))
        rec.created_id = goal.id
    return rec.change()


def update_goal(ws: Workshop, goal_id: str, **fields: Any) -> Change:
    """Moving a goal to another function drops it from internal-customer choices that no longer fit."""
    goal: Goal = _require(ws, Collection.GOALS, goal_id, "goal")
    if "function_id" in fields and fields["function_id"] is not None:
        _require(ws, Collection.FUNCTIONS, fields["function_id"], "function")
    if "text" in fields:
        _require_text(fields["text"])
    label = "Edit goal text" if set(fields) == {"text"} else "Edit goal"
    with recording(ws, label) as rec:
        after: Goal = rec.replace(Collection.GOALS, goal_id, **fields)  # type: ignore[assignment]
        if after.function_id != goal.function_id:
            _detach_from_relations(ws, rec, {goal_id})
            _keep_in_band(ws, rec, [goal_id])
    return rec.change()


def with_card_text(ws: Workshop, card_id: str, text: str) -> Workshop | None:
    """The workshop as it would be with `text` on a goal's or KPI's card, without recording an edit:
    what autosave writes while someone is still typing. None when there is no such card or the text
    would be refused (the workshop as it is is the one to save then).

    Only the goal and KPI lists are new, the rest is shared with `ws`: the edit replaces one item in
    its list, and a deep copy of a 5,000-goal workshop would cost a visible pause every autosave.
    """
    copy = ws.model_copy(update={"goals": list(ws.goals), "kpis": list(ws.kpis)})
    try:
        if copy.goal(card_id) is not None:
            update_goal(copy, card_id, text=text)
        elif copy.find(Collection.KPIS, card_id) is not None:
            update_kpi(copy, card_id, name=text)
        else:
            return None
    except OperationError:
        return None
    return copy


def remove_goals(ws: Workshop, goal_ids: Iterable[str]) -> Change:
    """Removes goals with their links, positions and the suggestions and tensions that name them."""
    ids = list(dict.fromkeys(goal_ids))
    for goal_id in ids:
        _require(ws, Collection.GOALS, goal_id, "goal")
    label = "Remove goal" if len(ids) == 1 else f"Remove {len(ids)} goals"
    with recording(ws, label) as rec:
        _detach_goals(ws, rec, ids)
        for goal_id in ids:
            rec.delete(Collection.GOALS, goal_id)
    return rec.change()


def remove_goal(ws: Workshop, goal_id: str) -> Change:
    return remove_goals(ws, [goal_id])


def _detach_from_relations(ws: Workshop, rec: Recorder, gone: set[str]) -> None:
    """Takes the goals out of every relation that names them as a customer goal."""
    for rel in [r for r in ws.relations if not gone.isdisjoint(r.customer_goal_ids)]:
        rec.replace(Collection.RELATIONS, rel.id, customer_goal_ids=[g for g in rel.customer_goal_ids if g not in gone])


def _detach_goals(ws: Workshop, rec: Recorder, goal_ids: list[str]) -> None:
    """Removes what names the goals (links, relations' customer goals, tensions, link suggestions,
    positions): one pass over each collection for all of them, so removing a tenth of a 5,000-goal
    board is linear, not 500 passes over every link."""
    gone = set(goal_ids)
    for link in [lk for lk in ws.links if lk.source in gone or lk.target in gone]:
        rec.delete(Collection.LINKS, link.id)
    _detach_from_relations(ws, rec, gone)
    for tension in [t for t in ws.tensions if t.against_id in gone]:
        rec.delete(Collection.TENSIONS, tension.id)
    for suggestion in [
        s for s in ws.suggestions if s.kind == SuggestionKind.LINK and (s.source in gone or s.target in gone)
    ]:
        rec.delete(Collection.SUGGESTIONS, suggestion.id)
    for goal_id in goal_ids:
        rec.set_position(goal_id, None)


# --- links --------------------------------------------------------------------------------------


def check_link(ws: Workshop, source: str, target: str) -> None:
    """Refuse links the model cannot hold; raises OperationError with the reason."""
    _require(ws, Collection.GOALS, source, "goal")
    _require(ws, Collection.GOALS, target, "goal")
    linked = {(lk.source, lk.target) for lk in ws.links}
    problems = integrity.link_problems(source, target, {source, target}, linked)
    if problems:
        raise OperationError(integrity.sentence(problems[0][1]))


def is_around_link(ws: Workshop, source: str, target: str) -> bool:
    """A support goal straight to a strategic goal: the method asks to declare it or to go via."""
    source_goal, target_goal = ws.goal(source), ws.goal(target)
    if source_goal is None or target_goal is None:
        return False
    return ws.band_of(source_goal) == Band.SUPPORT and ws.band_of(target_goal) == Band.STRATEGY


def link(
    ws: Workshop,
    source: str,
    target: str,
    kind: LinkKind | str = LinkKind.CONTRIBUTES,
    reason: str = "",
    *,
    id: str | None = None,
) -> Change:
    """`source` contributes to `target`."""
    check_link(ws, source, target)
    new = validated(
        Link, {"id": _fresh_id(ws, "l", id), "source": source, "target": target, "kind": kind, "reason": reason}
    )
    label = "Declare direct impact" if new.kind == LinkKind.DIRECT_IMPACT else "Link goals"
    return _add(ws, label, Collection.LINKS, new)


def update_link(ws: Workshop, link_id: str, **fields: Any) -> Change:
    if "source" in fields or "target" in fields:
        raise OperationError("A link's ends cannot be changed; remove it and link again.")
    return _update(ws, "Edit link", Collection.LINKS, link_id, "link", fields)


def unlink(ws: Workshop, link_id: str) -> Change:
    _require(ws, Collection.LINKS, link_id, "link")
    with recording(ws, "Remove link") as rec:
        rec.delete(Collection.LINKS, link_id)
    return rec.change()


# --- internal customers (questions 1 to 3) ------------------------------------------------------


def add_relation(ws: Workshop, supplier_id: str, customer_id: str, *, id: str | None = None) -> Change:
    supplier: Function = _require(ws, Collection.FUNCTIONS, supplier_id, "function")
    customer: Function = _require(ws, Collection.FUNCTIONS, customer_id, "function")
    functions = {supplier_id: supplier, customer_id: customer}
    related = {(r.supplier_id, r.customer_id) for r in ws.relations}
    problems = integrity.relation_problems(supplier_id, customer_id, functions, related, lambda f: functions[f].name)
    if problems:
        raise OperationError(integrity.sentence(problems[0][1]))
    relation = ServiceRelation(id=_fresh_id(ws, "r", id), supplier_id=supplier_id, customer_id=customer_id)
    return _add(ws, f"Add internal customer {customer.name}", Collection.RELATIONS, relation)


def update_relation(ws: Workshop, relation_id: str, **fields: Any) -> Change:
    relation: ServiceRelation = _require(ws, Collection.RELATIONS, relation_id, "internal-customer relation")
    if "supplier_id" in fields or "customer_id" in fields:
        raise OperationError("Remove the internal customer and add the right one instead.")
    goals = {g.id: g for g in ws.goals}
    for goal_id in fields.get("customer_goal_ids", []):
        what = integrity.customer_goal_problem(goal_id, relation.customer_id, goals)
        if what:
            raise OperationError(integrity.sentence(what))
    if "customer_goal_ids" in fields:
        fields["customer_goal_ids"] = list(dict.fromkeys(fields["customer_goal_ids"]))
    return _update(ws, "Edit internal customer", Collection.RELATIONS, relation_id, "relation", fields)


def remove_relation(ws: Workshop, relation_id: str) -> Change:
    _require(ws, Collection.RELATIONS, relation_id, "internal-customer relation")
    with recording(ws, "Remove internal customer") as rec:
        rec.delete(Collection.RELATIONS, relation_id)
    return rec.change()


def set_answer(ws: Workshop, function_id: str, question: int, *, id: str | None = None, **fields: Any) -> Change:
    """Record the room's note on a question (or that it was skipped), creating the answer if new."""
    function: Function = _require(ws, Collection.FUNCTIONS, function_id, "function")
    if function.kind != FunctionKind.SUPPORT:
        raise OperationError("The four questions are asked of support functions.")
    existing = ws.answer(function_id, question)
    if existing is not None:
        return _update(ws, f"Answer question {question}", Collection.ANSWERS, existing.id, "answer", fields)
    answer = validated(
        QuestionAnswer,
        {"id": _fresh_id(ws, "a", id), "function_id": function_id, "question": question, **fields},
    )
    return _add(ws, f"Answer question {question}", Collection.ANSWERS, answer)


# --- via negativa -------------------------------------------------------------------------------


def add_kpi(ws: Workshop, function_id: str, name: str, *, id: str | None = None, **fields: Any) -> Change:
    _require(ws, Collection.FUNCTIONS, function_id, "function")
    kpi = validated(Kpi, {"id": _fresh_id(ws, "k", id), "function_id": function_id, "name": name, **fields})
    if not kpi.name:
        raise OperationError("A KPI needs a name.")
    return _add(ws, "Add KPI", Collection.KPIS, kpi)


def update_kpi(ws: Workshop, kpi_id: str, **fields: Any) -> Change:
    if "name" in fields and is_blank(str(fields["name"])):
        raise OperationError("A KPI needs a name.")
    if "function_id" in fields:
        _require(ws, Collection.FUNCTIONS, fields["function_id"], "function")
    return _update(ws, "Edit KPI", Collection.KPIS, kpi_id, "KPI", fields)


def _detach_kpi(ws: Workshop, rec: Recorder, kpi_id: str) -> None:
    for tension in [t for t in ws.tensions if kpi_id in (t.kpi_id, t.against_id)]:
        rec.delete(Collection.TENSIONS, tension.id)
    rec.set_position(kpi_id, None)


def remove_kpi(ws: Workshop, kpi_id: str) -> Change:
    _require(ws, Collection.KPIS, kpi_id, "KPI")
    with recording(ws, "Remove KPI") as rec:
        _detach_kpi(ws, rec, kpi_id)
        rec.delete(Collection.KPIS, kpi_id)
    return rec.change()


def add_tension(ws: Workshop, kpi_id: str, against_id: str, description: str = "", *, id: str | None = None) -> Change:
    _require(ws, Collection.KPIS, kpi_id, "KPI")
    if ws.find(Collection.KPIS, against_id) is None and ws.goal(against_id) is None:
        raise OperationError(f"There is no KPI or goal with id '{against_id}'.")
    if kpi_id == against_id:
        raise OperationError("A KPI cannot work against itself.")
    tension = validated(
        Tension, {"id": _fresh_id(ws, "t", id), "kpi_id": kpi_id, "against_id": against_id, "description": description}
    )
    return _add(ws, "Add tension", Collection.TENSIONS, tension)


def update_tension(ws: Workshop, tension_id: str, **fields: Any) -> Change:
    if "kpi_id" in fields or "against_id" in fields:
        raise OperationError("Remove the tension and record the right one instead.")
    return _update(ws, "Edit tension", Collection.TENSIONS, tension_id, "tension", fields)


def _check_functions(ws: Workshop, ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(ids))
    for fid in ids:
        _require(ws, Collection.FUNCTIONS, fid, "function")
    return ids


def add_weakness(
    ws: Workshop, function_id: str, description: str, affected: Iterable[str] = (), *, id: str | None = None
) -> Change:
    _require(ws, Collection.FUNCTIONS, function_id, "function")
    weakness = validated(
        Weakness,
        {
            "id": _fresh_id(ws, "w", id),
            "function_id": function_id,
            "description": description,
            "affected_function_ids": _check_functions(ws, affected),
        },
    )
    return _add(ws, "Disclose weakness", Collection.WEAKNESSES, weakness)


def update_weakness(ws: Workshop, weakness_id: str, **fields: Any) -> Change:
    if "affected_function_ids" in fields:
        fields["affected_function_ids"] = _check_functions(ws, fields["affected_function_ids"])
    if "function_id" in fields:
        _require(ws, Collection.FUNCTIONS, fields["function_id"], "function")
    return _update(ws, "Edit weakness", Collection.WEAKNESSES, weakness_id, "weakness", fields)


def add_decision(ws: Workshop, text: str, owner: str = "", *, id: str | None = None, **fields: Any) -> Change:
    if "heard_function_ids" in fields:
        fields["heard_function_ids"] = _check_functions(ws, fields["heard_function_ids"])
    decision = validated(Decision, {"id": _fresh_id(ws, "d", id), "text": text, "owner": owner, **fields})
    return _add(ws, "Record decision", Collection.DECISIONS, decision)


def update_decision(ws: Workshop, decision_id: str, **fields: Any) -> Change:
    if "heard_function_ids" in fields:
        fields["heard_function_ids"] = _check_functions(ws, fields["heard_function_ids"])
    return _update(ws, "Edit decision", Collection.DECISIONS, decision_id, "decision", fields)


def remove_item(ws: Workshop, collection: Collection, item_id: str) -> Change:
    """Remove a tension, weakness, decision, answer or suggestion: things nothing else depends on."""
    if collection not in {
        Collection.TENSIONS,
        Collection.WEAKNESSES,
        Collection.DECISIONS,
        Collection.ANSWERS,
        Collection.SUGGESTIONS,
    }:
        raise OperationError(f"Use the specific remove operation for {collection}.")
    _require(ws, collection, item_id, collection.rstrip("s"))
    with recording(ws, f"Remove {collection.rstrip('s')}") as rec:
        rec.delete(collection, item_id)
    return rec.change()


# --- findings set aside ---------------------------------------------------------------------------


def dismiss_finding(ws: Workshop, finding: Finding, reason: str, *, id: str | None = None) -> Change:
    """Set a finding aside with the facilitator's written reason; it comes back if what it is about
    changes (`workshop.dismissals`). Dismissing it again replaces the reason."""
    if is_blank(reason):
        raise OperationError("Write why the finding is dismissed: the report lists it with this reason.")
    about = dismissals.fingerprint(ws, finding)
    wanted = dismissals.key(finding.rule, finding.subjects)
    earlier = next((d for d in ws.dismissals if dismissals.key(d.rule, d.subjects) == wanted), None)
    with recording(ws, "Dismiss finding") as rec:
        if earlier is not None:
            rec.replace(Collection.DISMISSALS, earlier.id, reason=reason, about=about)
            rec.created_id = earlier.id
        else:
            item = validated(
                Dismissal,
                {
                    "id": _fresh_id(ws, "x", id),
                    "rule": finding.rule,
                    "subjects": list(finding.subjects),
                    "reason": reason,
                    "about": about,
                },
            )
            rec.insert(Collection.DISMISSALS, item)
            rec.created_id = item.id
    return rec.change()


def restore_finding(ws: Workshop, dismissal_id: str) -> Change:
    """Take a dismissal back: the finding is shown again."""
    _require(ws, Collection.DISMISSALS, dismissal_id, "dismissed finding")
    with recording(ws, "Restore finding") as rec:
        rec.delete(Collection.DISMISSALS, dismissal_id)
    return rec.change()


# --- suggestions from the room ------------------------------------------------------------------


def suggest_link(
    ws: Workshop,
    source: str,
    target: str,
    *,
    author: str = "",
    reason: str = "",
    link_kind: LinkKind | str = LinkKind.CONTRIBUTES,
    participant: str | None = None,
    id: str | None = None,
) -> Change:
    """`participant`: the phone it came from (the room), None when typed in on the laptop."""
    check_link(ws, source, target)
    if any(
        x.kind == SuggestionKind.LINK
        and x.status == SuggestionStatus.PENDING
        and (x.source, x.target) == (source, target)
        for x in ws.suggestions
    ):
        raise OperationError("This link is already suggested: add a vote to it instead.")
    suggestion = validated(
        LinkSuggestion,
        {
            "id": _fresh_id(ws, "s", id),
            "source": source,
            "target": target,
            "author": author,
            "reason": reason,
            "link_kind": link_kind,
            "participant": participant,
        },
    )
    return _add(ws, "Suggest link", Collection.SUGGESTIONS, suggestion)


def suggest_goal(
    ws: Workshop,
    text: str,
    function_id: str | None = None,
    *,
    author: str = "",
    reason: str = "",
    participant: str | None = None,
    id: str | None = None,
) -> Change:
    if function_id is not None:
        _require(ws, Collection.FUNCTIONS, function_id, "function")
    _require_text(text)
    suggestion = validated(
        GoalSuggestion,
        {
            "id": _fresh_id(ws, "s", id),
            "text": text,
            "function_id": function_id,
            "author": author,
            "reason": reason,
            "participant": participant,
        },
    )
    return _add(ws, "Suggest goal", Collection.SUGGESTIONS, suggestion)


def vote(ws: Workshop, suggestion_id: str) -> Change:
    suggestion = _require(ws, Collection.SUGGESTIONS, suggestion_id, "suggestion")
    if suggestion.status != SuggestionStatus.PENDING:
        raise OperationError("This suggestion has already been decided.")
    return _update(ws, "Vote", Collection.SUGGESTIONS, suggestion_id, "suggestion", {"votes": suggestion.votes + 1})


def accept_suggestion(
    ws: Workshop, suggestion_id: str, *, link_kind: LinkKind | str | None = None, reason: str | None = None
) -> Change:
    """Accepting creates the link or goal and marks the suggestion, as one undoable step.

    `link_kind` and `reason` record the facilitator's answer to the direct-impact question when it
    differs from what the participant proposed (a support -> strategy link declared an exception).
    """
    suggestion = _require(ws, Collection.SUGGESTIONS, suggestion_id, "suggestion")
    if suggestion.status != SuggestionStatus.PENDING:
        raise OperationError("This suggestion has already been decided.")
    with recording(ws, "Accept suggestion") as rec:
        if suggestion.kind == SuggestionKind.LINK:
            check_link(ws, suggestion.source, suggestion.target)
            try:
                kind = LinkKind(link_kind) if link_kind is not None else suggestion.link_kind
            except ValueError:
                raise OperationError(f"'{link_kind}' is not a kind of link.") from None
            if reason is None:
                reason = suggestion.reason if kind == LinkKind.DIRECT_IMPACT else ""
            created = validated(
                Link,
                {
                    "id": new_id("l"),
                    "source": suggestion.source,
                    "target": suggestion.target,
                    "kind": kind,
                    "reason": reason,
                },
            )
            rec.insert(Collection.LINKS, created)
        else:
            created = validated(
                Goal, {"id": new_id("g"), "text": suggestion.text, "function_id": suggestion.function_id}
            )
            rec.insert(Collection.GOALS, created)
        rec.replace(Collection.SUGGESTIONS, suggestion_id, status=SuggestionStatus.ACCEPTED)
        rec.created_id = created.id
    return rec.change()


def reject_suggestion(ws: Workshop, suggestion_id: str) -> Change:
    suggestion = _require(ws, Collection.SUGGESTIONS, suggestion_id, "suggestion")
    if suggestion.status != SuggestionStatus.PENDING:
        raise OperationError("This suggestion has already been decided.")
    return _update(
        ws,
        "Reject suggestion",
        Collection.SUGGESTIONS,
        suggestion_id,
        "suggestion",
        {"status": SuggestionStatus.REJECTED},
    )


# --- positions ----------------------------------------------------------------------------------


def move_cards(ws: Workshop, moves: Mapping[str, tuple[float, float]], label: str | None = None) -> Change:
    """Place cards; one change for a whole drag so it undoes in one step. Pins are kept."""
    for card_id in moves:
        if ws.goal(card_id) is None and ws.find(Collection.KPIS, card_id) is None:
            raise OperationError(f"There is no card with id '{card_id}'.")
    count = len(moves)
    with recording(ws, label or ("Move card" if count == 1 else f"Move {count} cards")) as rec:
        for card_id, (x, y) in moves.items():
            before = ws.positions.get(card_id)
            pinned = before.pinned if before is not None else False
            rec.set_position(card_id, validated(Position, {"x": x, "y": y, "pinned": pinned}))
    return rec.change()


def set_pinned(ws: Workshop, card_ids: Iterable[str], pinned: bool) -> Change:
    ids = list(card_ids)
    with recording(ws, "Pin cards" if pinned else "Unpin cards") as rec:
        for card_id in ids:
            before = ws.positions.get(card_id)
            if before is None:
                raise OperationError("Place the card on the board before pinning it.")
            rec.set_position(card_id, Position(x=before.x, y=before.y, pinned=pinned))
    return rec.change()


def combine(label: str, changes: Iterable[Change], created_id: str | None = None, note: str = "") -> Change:
    """One undo step out of several changes already applied in order (a guided answer, a paste)."""
    steps = tuple(step for change in changes for step in change.steps)
    return Change(label, steps, created_id, note)


class Batch:
    """Runs operations for `run_together`, remembering each change so all can be rolled back."""

    def __init__(self, ws: Workshop) -> None:
        self.ws = ws
        self.changes: list[Change] = []

    def __call__(self, operation: Callable[..., Change], *args: Any, **kwargs: Any) -> Change:
        change = operation(self.ws, *args, **kwargs)
        self.changes.append(change)
        return change


def run_together(ws: Workshop, label: str, build: Callable[[Batch], str | None], note: str = "") -> Change:
    """Several operations as one undo step (add a goal and link it, a guided answer...).

    `build` calls operations through the batch and may return the id to select afterwards. If any
    of them fails, for whatever reason, the ones already done are undone before the error goes on,
    so the model is never left half-edited and off the undo stack.
    """
    batch = Batch(ws)
    try:
        created = build(batch)
    except BaseException:
        for change in reversed(batch.changes):
            change.inverse().apply(ws)
        raise
    return combine(label, batch.changes, created_id=created, note=note)
