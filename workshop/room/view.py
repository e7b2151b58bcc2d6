"""The workshop as a participant's phone sees it: the tree by band and function, and the queue.

Only what the room may see goes out: goals, links, the suggestions and disclosures not hidden by
the facilitator, with their vote counts and statuses. Never the participant ids or voter lists
(they would tie anonymous posts to people), never positions, KPIs' incentives or notes.
"""

from __future__ import annotations

import json
from typing import Any

from workshop.model import (
    Band,
    Collection,
    Disclosure,
    FunctionKind,
    GoalSuggestion,
    LinkKind,
    LinkSuggestion,
    Workshop,
)

BAND_LABELS = {
    Band.STRATEGY: "Strategy",
    Band.CUSTOMER_FACING: "Customer-facing",
    Band.SUPPORT: "Support",
}


def participant_view(ws: Workshop) -> dict[str, Any]:
    """A JSON-ready picture of the workshop for the phones (the same for every phone)."""
    serves: dict[str, list[dict[str, Any]]] = {}
    for link in ws.links:
        serves.setdefault(link.source, []).append({"id": link.target, "direct": link.kind == LinkKind.DIRECT_IMPACT})

    def goals(function_id: str | None) -> list[dict[str, Any]]:
        return [
            {"id": g.id, "text": g.text, "serves": serves.get(g.id, [])}
            for g in ws.goals
            if g.function_id == function_id
        ]

    by_kind = {FunctionKind.CUSTOMER_FACING: [], FunctionKind.SUPPORT: []}  # type: dict[FunctionKind, list]
    for function in ws.functions:
        by_kind[function.kind].append({"function": function.id, "name": function.name, "goals": goals(function.id)})
    bands = [
        {
            "band": Band.STRATEGY.value,
            "label": BAND_LABELS[Band.STRATEGY],
            "groups": [{"function": None, "name": "Strategic goals", "goals": goals(None)}],
        },
        {
            "band": Band.CUSTOMER_FACING.value,
            "label": BAND_LABELS[Band.CUSTOMER_FACING],
            "groups": by_kind[FunctionKind.CUSTOMER_FACING],
        },
        {"band": Band.SUPPORT.value, "label": BAND_LABELS[Band.SUPPORT], "groups": by_kind[FunctionKind.SUPPORT]},
    ]
    suggestions = [public_suggestion(s) for s in ws.suggestions if not s.hidden]
    disclosures = [public_disclosure(d) for d in ws.disclosures if not d.hidden]
    return {
        "title": ws.meta.title,
        "bands": bands,
        "functions": [{"id": f.id, "name": f.name, "kind": f.kind.value} for f in ws.functions],
        "suggestions": suggestions,
        "disclosures": disclosures,
    }


def public_suggestion(s: LinkSuggestion | GoalSuggestion) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": s.id,
        "kind": s.kind,
        "author": s.author,
        "reason": s.reason,
        "status": "merged" if s.merged_into else s.status.value,
        "votes": s.votes,
    }
    if s.kind == "link":
        item.update(source=s.source, target=s.target, direct=s.link_kind == LinkKind.DIRECT_IMPACT)
    else:
        item.update(text=s.text, function=s.function_id)
    return item


def public_disclosure(d: Disclosure) -> dict[str, Any]:
    return {
        "id": d.id,
        "about": d.about.value,
        "text": d.text,
        "function": d.function_id,
        "author": d.author,
        "status": d.status.value,
        "votes": d.votes,
    }


QUEUE_ONLY = frozenset({"suggestions", "disclosures"})
"""Changes that touch only these reach the phones as a patch; anything else as a new picture."""


def patch_for(ws: Workshop, touched: dict[str, set[str]]) -> dict[str, Any] | None:
    """What the phones must change after an edit of the queue alone (a post, a vote, a decision):
    the touched items as they now are, and the ids gone (deleted or hidden). None when the edit
    touched what the phones see of the tree (goals, links, functions, the title): send it whole.
    Positions, KPIs, notes and the like are not on the phones: an edit of those alone patches nothing.
    """
    if touched.keys() & {Collection.GOALS, Collection.LINKS, Collection.FUNCTIONS, "meta"}:
        return None
    patch: dict[str, Any] = {"suggestions": [], "disclosures": [], "removed": []}
    for collection, public in (("suggestions", public_suggestion), ("disclosures", public_disclosure)):
        for item_id in sorted(touched.get(collection, ())):
            item = ws.find(collection, item_id)
            if item is None or item.hidden:  # type: ignore[attr-defined]
                patch["removed"].append(item_id)
            else:
                patch[collection].append(public(item))  # type: ignore[arg-type]
    return patch


def encode(view: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, the same bytes for every phone (encoded once per update)."""
    return json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
