"""Running a participant's action on the workshop, and the answer the phone gets.

`decide(ws, run, action)` is called where the workshop lives (the GUI thread in the app, directly
in tests): `run` is the one way to edit (`Document.run` in the app, `attempt` on a bare
workshop). It returns an HTTP status and a JSON-ready body: 201/200 with what was made, 409 when
the goals are already linked (or the same link is already suggested, with its id to vote for),
422 with the plain refusal otherwise. A support goal suggested straight to a strategic goal is
refused with `around: true` until the participant says it is a direct-impact exception and why,
the question the board asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop import user_ops
from workshop.changes import OperationError
from workshop.model import Collection, LinkKind, SuggestionStatus, Workshop
from workshop.room.requests import Action
from workshop.user_ops import Outcome

Runner = Callable[..., Outcome]
Verdict = tuple[int, dict[str, Any]]

AROUND = (
    "{source} is a support function: its goals usually reach strategy through the functions it serves. "
    "Link to one of their goals instead, or say why this is a direct-impact exception."
)


def _refused(status: int, message: str, **extra: Any) -> Verdict:
    return status, {"ok": False, "error": message, **extra}


def decide(ws: Workshop, run: Runner, action: Action) -> Verdict:
    """Carry out one action through `run` and say how it went."""
    f = action.fields
    if action.kind == "suggest_link":
        return _suggest_link(ws, run, action)
    if action.kind == "suggest_goal":
        outcome = run(
            user_ops.suggest_goal_as,
            f["text"],
            f["function_id"],
            participant=action.participant,
            author=f["author"],
            reason=f["reason"],
        )
    elif action.kind == "disclose":
        outcome = run(
            user_ops.disclose,
            f["about"],
            f["text"],
            f["function_id"],
            participant=action.participant,
            author=f["author"],
        )
    else:
        return _vote(ws, run, action)
    if not outcome.ok:
        return _refused(422, outcome.refusal or "The room could not record this.")
    return 201, {"ok": True, "id": outcome.created_id, "status": "pending"}


def _suggest_link(ws: Workshop, run: Runner, action: Action) -> Verdict:
    f = action.fields
    source, target = f["source"], f["target"]
    if any(link.source == source and link.target == target for link in ws.links):
        return _refused(409, "These goals are already linked.")
    for s in ws.suggestions:
        if s.kind == "link" and s.status == SuggestionStatus.PENDING and (s.source, s.target) == (source, target):
            return _refused(409, "This link is already suggested: add your vote to it instead.", existing=s.id)
    try:
        user_ops.check_link(ws, source, target)
    except OperationError as error:
        return _refused(422, str(error))
    kind = LinkKind.CONTRIBUTES
    if user_ops.is_around_link(ws, source, target):
        if not f["direct"]:
            goal = ws.goal(source)
            function = ws.function(goal.function_id) if goal is not None else None
            name = function.name if function is not None else "This"
            return _refused(422, AROUND.format(source=name), around=True)
        if not f["reason"]:
            return _refused(422, "Say why this support goal moves the strategic goal directly.", around=True)
        kind = LinkKind.DIRECT_IMPACT
    outcome = run(
        user_ops.suggest_link_as,
        source,
        target,
        participant=action.participant,
        author=f["author"],
        reason=f["reason"],
        link_kind=kind,
    )
    if not outcome.ok:
        return _refused(422, outcome.refusal or "The room could not record this.")
    return 201, {"ok": True, "id": outcome.created_id, "status": "pending"}


def _vote(ws: Workshop, run: Runner, action: Action) -> Verdict:
    """Votes are states, not increments: asking for the state it is already in changes nothing."""
    item_id, on = action.fields["item"], action.fields["on"]
    item = ws.find(Collection.SUGGESTIONS, item_id) or ws.find(Collection.DISCLOSURES, item_id)
    if item is None:
        return _refused(422, "That suggestion is no longer in the workshop.")
    voted = action.participant in item.voters  # type: ignore[attr-defined]
    if voted != on:
        outcome = run(user_ops.vote_as if on else user_ops.unvote_as, item_id, action.participant)
        if not outcome.ok:
            return _refused(422, outcome.refusal or "The room could not record this vote.")
        item = ws.find(Collection.SUGGESTIONS, item_id) or ws.find(Collection.DISCLOSURES, item_id)
    return 200, {"ok": True, "id": item_id, "voted": on, "votes": item.votes}  # type: ignore[union-attr]
