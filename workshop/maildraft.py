"""An unsent email draft (.eml) with the report attached, for "Email report".

Desktop mail programs (Outlook, Thunderbird, Apple Mail) open a `.eml` marked `X-Unsent: 1` as a
draft ready to address and send, with the attachment in place. That is the one portable way to hand
a PDF to "the default mail program": `mailto:` links cannot carry attachments.

The draft is addressed to the participants who have an email address. Names and addresses come from
files and spreadsheets, so each address must parse as exactly one mailbox (no commas, no CR/LF, ASCII
local part) or it is left out, and display names are encoded by the standard library's header
registry (RFC 2047), never pasted into the header by hand: nothing in a name can add a header or a
recipient.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from email.errors import HeaderParseError, MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from workshop.text import clean_name

MAX_RECIPIENTS = 500
"""More addresses than any room holds: a longer list came from a broken file, not a workshop."""


def participant_addresses(meta: Any) -> list[tuple[str, str]]:
    """(name, email) of each listed participant who has an email address, in the participants' order.

    Addresses live in `meta.contacts` (name, function, email), which an import fills; a contact whose
    name is no longer among the participants is left out, as is a second entry for the same address.
    """
    listed = {name: index for index, name in enumerate(getattr(meta, "participants", ()) or ())}
    found: list[tuple[int, str, str]] = []
    for contact in getattr(meta, "contacts", ()) or ():
        name, email = getattr(contact, "name", ""), getattr(contact, "email", None)
        if email and name in listed:
            found.append((listed[name], name, email))
    return [(name, email) for _, name, email in sorted(found, key=lambda item: item[0])]


def mailbox(name: str, address: str) -> Address | None:
    """One To: entry, or None when the address is not exactly one plain mailbox."""
    address = address.strip() if isinstance(address, str) else ""
    if not address or len(address) > 254 or not address.isascii() or not address.isprintable():
        return None  # CR, LF, tabs, controls and non-ASCII local parts are all refused here
    try:
        entry = Address(display_name=clean_name(name or "")[:100], addr_spec=address)
    except (ValueError, HeaderParseError, MessageError):
        return None  # "a@b.com, c@d.com", "<a@b.com>", "no at sign": not one mailbox
    if not entry.username or "." not in entry.domain or entry.domain.startswith("."):
        return None
    return entry


def mailboxes(recipients: Iterable[tuple[str, str]]) -> list[Address]:
    """The valid, distinct recipients (compared without case), at most MAX_RECIPIENTS."""
    out: list[Address] = []
    seen: set[str] = set()
    for name, address in recipients:
        entry = mailbox(name, address)
        if entry is None or entry.addr_spec.lower() in seen:
            continue
        seen.add(entry.addr_spec.lower())
        out.append(entry)
        if len(out) >= MAX_RECIPIENTS:
            break
    return out


def build_draft(
    subject: str, body: str, attachment: Path, recipients: Sequence[tuple[str, str]] | None = None
) -> bytes:
    """The bytes of an unsent draft: plain-text body, the PDF attached under its own file name, and
    To: the recipients (name, address) whose address is one valid mailbox."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = clean_name(subject)[:200] or "Alignment report"
    to = mailboxes(recipients or ())
    if to:
        message["To"] = to
    message["X-Unsent"] = "1"
    message.set_content(body)
    message.add_attachment(attachment.read_bytes(), maintype="application", subtype="pdf", filename=attachment.name)
    return message.as_bytes()


def write_draft(
    path: Path, subject: str, body: str, attachment: Path, recipients: Sequence[tuple[str, str]] | None = None
) -> Path:
    path.write_bytes(build_draft(subject, body, attachment, recipients))
    return path
