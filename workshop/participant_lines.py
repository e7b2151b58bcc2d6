"""Participants as the Workshop details dialog shows them: one per line, an address in <angle brackets>.

"Priya Shah (Sales) <priya@northwind.example>" lists Priya Shah and gives the report's email draft an
address for her. Without this the only way to an address was an import, so a facilitator who typed
the participants never got a To: line. The function a contact came with (from an import) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workshop.model import EMAIL_PATTERN, Contact
from workshop.text import MAX_NAME, clean_name

_ADDRESS_AT_END = re.compile(r"^(?P<name>.*?)\s*<(?P<address>[^<>]*)>\s*$")
_EMAIL = re.compile(EMAIL_PATTERN)


class ParticipantLineError(ValueError):
    """A line whose address is not one plain email address; the message quotes the line."""


def as_lines(participants: Iterable[str], contacts: Iterable[Contact]) -> list[str]:
    """The participants, each with its address when one is known."""
    address = {c.name: c.email for c in contacts if c.email}
    return [f"{name} <{address[name]}>" if name in address else name for name in participants]


def parse_line(line: str) -> tuple[str, str | None]:
    """(name, address or None) of one line; blank name for a blank line."""
    match = _ADDRESS_AT_END.match(line)
    if match is None:
        return clean_name(line), None
    name, address = clean_name(match["name"]), match["address"].strip()
    if not address:
        return name, None
    if not _EMAIL.match(address) or len(address) > 254:
        shown = clean_name(line)[:60]
        raise ParticipantLineError(f"“{shown}” has no plain email address between < and >.")
    return name, address


def from_lines(lines: Iterable[str], contacts: Iterable[Contact]) -> tuple[list[str], list[Contact]]:
    """Names and contacts as typed. A name keeps the function its contact had; a line without an
    address clears that participant's address."""
    known = {c.name: c for c in contacts}
    names: list[str] = []
    kept: dict[str, Contact] = {}
    for line in lines:
        name, address = parse_line(line)
        if not name:
            continue
        names.append(name)
        before = known.get(name)
        function = before.function if before is not None else ""
        if (address or function) and len(name) <= MAX_NAME:  # an overlong name is refused by the caller
            kept[name] = Contact(name=name, function=function, email=address)
    return names, list(kept.values())
