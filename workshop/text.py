"""Cleaning of user text, shared by the model and everything that reads participants' words.

Labels arrive from typing, pasting, files and the room. Control characters and lone surrogates
cannot be printed, cannot be encoded as UTF-8 and would make a save fail later, so they are
removed at the door instead of being carried around.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, lone UTF-16 surrogates, and the bidi
# embedding, override and isolate controls: an unclosed right-to-left override in a label reverses
# everything after it in a finding's sentence, an email or a terminal (spoofing). The marks that
# legitimately help mixed text (LRM/RLM U+200E/F) and joiners inside emoji (U+200D) stay.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")

MAX_NAME = 200
"""Longest name of a function, person or KPI: anything longer is not a name."""

MAX_TEXT = 20_000
"""Longest goal text, reason or note: generous, because a room pastes long notes."""


def clean_text(value: str) -> str:
    """Normalise line ends and drop characters that cannot be shown or saved.

    Anything that is not a string is handed back untouched for pydantic to refuse with its own
    message; that lets the model use this function directly as a validator.
    """
    if not isinstance(value, str) or (value.isascii() and value.isprintable()):
        return value  # the common case, answered by two C-level checks instead of a regex pass
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNPRINTABLE.sub("", value)


def clean_name(value: str) -> str:
    """A name is one line: newlines become spaces, outer space is trimmed."""
    if not isinstance(value, str):
        return value
    return " ".join(clean_text(value).split("\n")).strip()


def is_blank(value: str) -> bool:
    """No words once cleaned: a goal or a KPI with such a text is refused (typing, pasting, ops)."""
    return not clean_text(value).strip()


def fit_text(value: str, *, name: bool = False) -> tuple[str, int | None]:
    """Typed or pasted text as the model will keep it: cleaned (a name on one line), then cut to the
    longest the model accepts so a long paste keeps what fits instead of being refused whole.

    Returns the text and, when it had to be cut, the limit it was cut at (None otherwise).
    """
    text, limit = (clean_name(value), MAX_NAME) if name else (clean_text(value), MAX_TEXT)
    return (text[:limit], limit) if len(text) > limit else (text, None)


ELLIPSIS = "…"


def shorten(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters for lists, menus and quotes; a cut ends at a word
    boundary (when one is near) and an ellipsis, so a long label never pushes a control off screen."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Controls, format characters (the bidi overrides and isolates among them), lone surrogates, and
the line and paragraph separators: what must not reach a message as itself."""

MAX_QUOTED = 80
"""Longest piece of a file (a key, an id) a message quotes: enough to find it, never a page."""


def one_line(text: str) -> str:
    """A message as one line of printable text, whatever a file put into it.

    Messages quote keys, ids and names from files that arrive from anywhere. A right-to-left override
    (U+202E) would reverse the rest of the sentence in a dialog or a terminal, and a CR, LF, NEL
    (U+0085) or U+2028/2029 would start a new line that can pass for one of Via's own. Such
    characters are shown escaped (`\\u202e`, `\\n`), so the reader sees that the file holds them.
    """
    if text.isprintable():
        return text  # the common case: one C-level check
    return "".join(_escaped(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES else char for char in text)


def _escaped(char: str) -> str:
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def quoted_piece(text: str, limit: int = MAX_QUOTED) -> str:
    """A piece of a file (a key, an id) for a message: one line, at most `limit` characters."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS
