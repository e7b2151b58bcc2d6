"""The workshop as a participant's phone sees it: the tree by band and function, and the queue.

Only what the room may see goes out: goals, links, the suggestions and disclosures not hidden by
the facilitator, with their vote counts and statuses. Never the participant ids or voter lists
(they would tie anonymous posts to people), never positions, KPIs' incentives or notes.
"""

from __future__ import annotations

import json
from typing import Any

from workshop.model import Band, FunctionKind, LinkKind, Workshop

BAND_LABELS = {
    Band.STRATEGY: "Strategy",
    Band.CUSTOMER_FACING: "Customer-facing",
    Band.SUPPORT: "Support",
}


def participant_view(ws: Workshop) -> dict[str, Any]:
    """A JSON-ready picture of the workshop for the phones (the same for every phone)."""
    serves: dict[str, list[dict[str, Any]]] = {}
    for link in ws.links:
        serves.setdefault(link.source, []).append(
            {"id": link.target, "direct": link.kind == LinkKind.DIRECT_IMPACT}
        )

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
    suggestions = []
    for s in ws.suggestions:
        if s.hidden:
            continue
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
        suggestions.append(item)
    disclosures = [
        {
            "id": d.id,
            "about": d.about.value,
            "text": d.text,
            "function": d.function_id,
            "author": d.author,
            "status": d.status.value,
            "votes": d.votes,
        }
        for d in ws.disclosures
        if not d.hidden
    ]
    return {
        "title": ws.meta.title,
        "bands": bands,
        "functions": [{"id": f.id, "name": f.name, "kind": f.kind.value} for f in ws.functions],
        "suggestions": suggestions,
        "disclosures": disclosures,
    }


def encode(view: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON, the same bytes for every phone (encoded once per update)."""
    return json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
