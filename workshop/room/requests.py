"""Reading a participant's post: JSON only, small, plain text, one of four actions.

Whatever a phone sends is untrusted. `parse_post` turns the body into an `Action` or raises
`PostError` with an HTTP status and a sentence the phone can show: nothing here touches the
workshop. Texts are cleaned of control and bidi-override characters (`workshop.text`) and capped
well below what the model allows, because a phone's post is a line in a room, not a document.
Markup is not refused: it is stored and shown as the plain text it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from workshop.disclosure_kind import DisclosureKind
from workshop.text import clean_name, clean_text

MAX_BODY = 16 * 1024
"""Largest POST body accepted (bytes): room for the longest texts below, in any script."""
MAX_GOAL_TEXT = 300
MAX_REASON = 1000
MAX_DISCLOSURE = 1000
MAX_NAME = 60

_TOKEN_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
"""A participant id or an idempotency key: made by the phone, random, URL-safe."""
_ITEM_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")

ACTIONS = ("suggest_link", "suggest_goal", "vote", "disclose")


class PostError(ValueError):
    """A post the room refuses before it reaches the workshop: `status` and a sentence for the phone."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Action:
    """One post from one phone: what it asks (`kind`), who asks (`participant`), and its fields."""

    kind: str
    participant: str
    key: str
    fields: dict[str, Any] = field(default_factory=dict)


def parse_json(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        raise PostError(413, "That is too long to send.")
    try:
        text = body.decode("utf-8")
        data = json.loads(text, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PostError(400, "The phone sent something the room cannot read.") from None
    if not isinstance(data, dict):
        raise PostError(400, "The phone sent something the room cannot read.")
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _string(data: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise PostError(422, f"'{name}' should be text.")
    if required and not value.strip():
        raise PostError(422, _MISSING.get(name, f"'{name}' is missing."))
    return value


_MISSING = {
    "text": "Write a few words first.",
    "source": "Choose the goal that contributes.",
    "target": "Choose the goal it serves.",
    "item": "Choose what you vote for.",
}


def _capped(value: str, limit: int, what: str) -> str:
    cleaned = clean_text(value).strip()
    if len(cleaned) > limit:
        raise PostError(422, f"{what} is {len(cleaned):,} characters long; at most {limit:,} fit.")
    return cleaned


def _name(data: dict[str, Any]) -> str:
    name = clean_name(_string(data, "name"))
    if len(name) > MAX_NAME:
        raise PostError(422, f"A name has at most {MAX_NAME} characters.")
    return name


def _ref(data: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise PostError(422, _MISSING.get(name, f"'{name}' is missing."))
        return None
    if not isinstance(value, str) or not _ITEM_ID.match(value):
        raise PostError(422, "That choice is not one the room offers; reload the page.")
    return value


def parse_post(body: bytes) -> Action:
    """The action a POST body asks for, validated and cleaned; `PostError` otherwise."""
    data = parse_json(body)
    participant, key = data.get("participant"), data.get("key")
    if not isinstance(participant, str) or not _TOKEN_ID.match(participant):
        raise PostError(422, "This phone has no participant id; reload the page.")
    if not isinstance(key, str) or not _TOKEN_ID.match(key):
        raise PostError(422, "This post has no key; reload the page.")
    kind = data.get("action")
    if kind not in ACTIONS:
        raise PostError(422, "The room does not know what this post asks for.")
    if kind == "suggest_link":
        direct = data.get("direct", False)
        if not isinstance(direct, bool):
            raise PostError(422, "'direct' should be true or false.")
        fields: dict[str, Any] = {
            "source": _ref(data, "source", required=True),
            "target": _ref(data, "target", required=True),
            "reason": _capped(_string(data, "reason"), MAX_REASON, "The reason"),
            "direct": direct,
            "author": _name(data),
        }
    elif kind == "suggest_goal":
        fields = {
            "text": _capped(_string(data, "text", required=True), MAX_GOAL_TEXT, "A goal"),
            "function_id": _ref(data, "function", required=False),
            "reason": _capped(_string(data, "reason"), MAX_REASON, "The reason"),
            "author": _name(data),
        }
        if not fields["text"]:
            raise PostError(422, _MISSING["text"])
    elif kind == "vote":
        on = data.get("on", True)
        if not isinstance(on, bool):
            raise PostError(422, "'on' should be true or false.")
        fields = {"item": _ref(data, "item", required=True), "on": on}
    else:
        about = data.get("about")
        if about not in {k.value for k in DisclosureKind}:
            raise PostError(422, "Say whether it is a hindrance, a weakness or a KPI that games the whole.")
        fields = {
            "about": about,
            "text": _capped(_string(data, "text", required=True), MAX_DISCLOSURE, "The text"),
            "function_id": _ref(data, "function", required=False),
            "author": _name(data),
        }
        if not fields["text"]:
            raise PostError(422, _MISSING["text"])
    return Action(kind=kind, participant=participant, key=key, fields=fields)
