"""An unsent email draft (.eml) with the report attached, for "Email report".

Desktop mail programs (Outlook, Thunderbird, Apple Mail) open a `.eml` marked `X-Unsent: 1` as a
draft ready to address and send, with the attachment in place. That is the one portable way to hand
a PDF to "the default mail program": `mailto:` links cannot carry attachments.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from workshop.text import clean_name


def build_draft(subject: str, body: str, attachment: Path, recipients: list[str] | None = None) -> bytes:
    """The bytes of an unsent draft: plain-text body, the PDF attached under its own file name."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = clean_name(subject)[:200] or "Alignment report"
    if recipients:
        message["To"] = ", ".join(recipients)
    message["X-Unsent"] = "1"
    message.set_content(body)
    message.add_attachment(attachment.read_bytes(), maintype="application", subtype="pdf", filename=attachment.name)
    return message.as_bytes()


def write_draft(path: Path, subject: str, body: str, attachment: Path, recipients: list[str] | None = None) -> Path:
    path.write_bytes(build_draft(subject, body, attachment, recipients))
    return path
