"""What a participant's post does to the workshop, as operations with exact undo records.

They follow `workshop.ops` (same signature, `OperationError` with a sentence for the person) and
are offered to the rest of the program through `workshop.user_ops`. Votes are per participant:
`voters` holds each phone's id once, `votes` counts them plus any vote given on the laptop.
"""

from __future__ import annotations

from typing import Any

from workshop import ops
from workshop.changes import Change, OperationError, recording, validated
from workshop.model import (
    Collection,
    Disclosure,
    DisclosureKind,
    Kpi,
    LinkKind,
    SuggestionStatus,
    Weakness,
    Workshop,
    new_id,
)
from workshop.text import clean_text, shorten

VOTABLE = (Collection.SUGGESTIONS, Collection.DISCLOSURES)


def _fresh(ws: Workshop, prefix: str, wanted: str | None) -> str:
    return ops._fresh_id(ws, prefix, wanted)


def _find_post(ws: Workshop, item_id: str) -> tuple[str, Any]:
    for collection in VOTABLE:
        item = ws.find(collection, item_id)
        if item is not None:
            return collection, item
    raise OperationError("That suggestion is no longer in the workshop.")


def suggest_link_as(
    ws: Workshop,
    source: str,
    target: str,
    *,
    participant: str | None = None,
    author: str = "",
    reason: str = "",
    link_kind: LinkKind | str = LinkKind.CONTRIBUTES,
    id: str | None = None,
) -> Change:
    """A link suggested from a phone: the board's checks, and the same link is suggested once."""
    return ops.suggest_link(
        ws, source, target, author=author, reason=reason, link_kind=link_kind, participant=participant, id=id
    )


def suggest_goal_as(
    ws: Workshop,
    text: str,
    function_id: str | None = None,
    *,
    participant: str | None = None,
    author: str = "",
    reason: str = "",
    id: str | None = None,
) -> Change:
    return ops.suggest_goal(ws, text, function_id, author=author, reason=reason, participant=participant, id=id)


def disclose(
    ws: Workshop,
    about: DisclosureKind | str,
    text: str,
    function_id: str | None = None,
    *,
    participant: str | None = None,
    author: str = "",
    id: str | None = None,
) -> Change:
    """A via-negativa post. Without a name it is anonymous: the participant id is not recorded."""
    if function_id is not None:
        ops._require(ws, Collection.FUNCTIONS, function_id, "function")
    if not clean_text(text).strip():
        raise OperationError("Say in a few words what gets in the way.")
    author = author.strip()
    disclosure = validated(
        Disclosure,
        {
            "id": _fresh(ws, "n", id),
            "about": about,
            "text": text,
            "function_id": function_id,
            "author": author,
            "participant": participant if author else None,
        },
    )
    return ops._add(ws, "Disclose from the room", Collection.DISCLOSURES, disclosure)


def vote_as(ws: Workshop, item_id: str, participant: str) -> Change:
    """One participant's vote for a pending suggestion or disclosure; a second vote is refused."""
    collection, item = _find_post(ws, item_id)
    if item.status != SuggestionStatus.PENDING:
        raise OperationError("This suggestion has already been decided.")
    if participant in item.voters:
        raise OperationError("You have already voted for this.")
    if item.participant is not None and item.participant == participant:
        raise OperationError("Your own post counts already: vote for someone else's.")
    with recording(ws, "Vote") as rec:
        rec.replace(collection, item_id, voters=[*item.voters, participant], votes=item.votes + 1)
    return rec.change()


def unvote_as(ws: Workshop, item_id: str, participant: str) -> Change:
    """Take a participant's vote back (tap again to undo)."""
    collection, item = _find_post(ws, item_id)
    if item.status != SuggestionStatus.PENDING:
        raise OperationError("This suggestion has already been decided.")
    if participant not in item.voters:
        raise OperationError("You have not voted for this.")
    with recording(ws, "Take vote back") as rec:
        rec.replace(
            collection,
            item_id,
            voters=[v for v in item.voters if v != participant],
            votes=max(0, item.votes - 1),
        )
    return rec.change()


def set_hidden(ws: Workshop, item_id: str, hidden: bool = True) -> Change:
    """Keep a post off the projector and the phones (or show it again); it stays in the file."""
    collection, _ = _find_post(ws, item_id)
    with recording(ws, "Hide from the room" if hidden else "Show to the room") as rec:
        rec.replace(collection, item_id, hidden=hidden)
    return rec.change()


def merge_suggestions(ws: Workshop, keep_id: str, duplicate_id: str) -> Change:
    """Fold a duplicate into the suggestion kept: its votes (and its author's support) move over,
    the duplicate is rejected and says where it went."""
    if keep_id == duplicate_id:
        raise OperationError("Choose two different suggestions to merge.")
    keep = ops._require(ws, Collection.SUGGESTIONS, keep_id, "suggestion")
    duplicate = ops._require(ws, Collection.SUGGESTIONS, duplicate_id, "suggestion")
    if keep.status != SuggestionStatus.PENDING or duplicate.status != SuggestionStatus.PENDING:
        raise OperationError("Only suggestions not yet decided can be merged.")
    if keep.kind != duplicate.kind:
        raise OperationError("A link and a goal are not duplicates: merge two links or two goals.")
    supporters = [*duplicate.voters]
    if duplicate.participant is not None:
        supporters.append(duplicate.participant)
    new_voters = [v for v in dict.fromkeys(supporters) if v not in keep.voters and v != keep.participant]
    laptop_votes = max(0, duplicate.votes - len(duplicate.voters))
    with recording(ws, "Merge duplicate suggestions") as rec:
        rec.replace(
            "suggestions",
            keep_id,
            voters=[*keep.voters, *new_voters],
            votes=min(1_000_000, keep.votes + len(new_voters) + laptop_votes),
        )
        rec.replace(Collection.SUGGESTIONS, duplicate_id, status=SuggestionStatus.REJECTED, merged_into=keep_id)
    return rec.change()


def remove_participant_posts(ws: Workshop, participant: str) -> Change:
    """Everything one phone posted (suggestions, named disclosures) and every vote it gave, in one
    step: for a participant who asks to be taken out, or a phone that floods the room."""
    with recording(ws, "Remove a participant's posts") as rec:
        for collection in VOTABLE:
            for item in list(getattr(ws, collection)):
                if item.participant == participant:
                    rec.delete(collection, item.id)
                elif participant in item.voters:
                    rec.replace(
                        collection,
                        item.id,
                        voters=[v for v in item.voters if v != participant],
                        votes=max(0, item.votes - 1),
                    )
        if not rec.steps:
            raise OperationError("Nothing from this participant is in the workshop.")
    return rec.change()


def decide_disclosure(ws: Workshop, disclosure_id: str, accept: bool) -> Change:
    """Take a disclosure into the workshop's via-negativa record, or set it aside.

    Accepting a weakness of a named function also records it as that function's disclosed
    weakness; a gaming KPI of a named function becomes one of its local KPIs (its name the start of
    the text, the whole text as what it rewards). Either way the disclosure keeps its words.
    """
    item = ops._require(ws, Collection.DISCLOSURES, disclosure_id, "disclosure")
    if item.status != SuggestionStatus.PENDING:
        raise OperationError("This has already been decided.")
    status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED
    with recording(ws, "Accept disclosure" if accept else "Set disclosure aside") as rec:
        if accept and item.function_id is not None:
            if item.about == DisclosureKind.WEAKNESS:
                weakness = validated(
                    Weakness,
                    {"id": new_id("w"), "function_id": item.function_id, "description": item.text},
                )
                rec.insert(Collection.WEAKNESSES, weakness)
                rec.created_id = weakness.id
            elif item.about == DisclosureKind.GAMING_KPI:
                kpi = validated(
                    Kpi,
                    {
                        "id": new_id("k"),
                        "function_id": item.function_id,
                        "name": shorten(item.text, 80),
                        "rewards": item.text,
                    },
                )
                rec.insert(Collection.KPIS, kpi)
                rec.created_id = kpi.id
        rec.replace(Collection.DISCLOSURES, disclosure_id, status=status)
    return rec.change()
