"""How findings name things: short quoted goal texts and the owner of each goal.

A finding is read aloud from a projector and printed in a report for people who were not in the
room, so it must name the goals themselves, not ids, and stay one readable line: long texts are
cut at a word boundary and marked with an ellipsis.
"""

from __future__ import annotations

from workshop.model import Function, Goal
from workshop.text import ELLIPSIS, shorten

MAX_QUOTED = 60
"""Longest goal text or name quoted in a finding before it is shortened."""

__all__ = ["ELLIPSIS", "MAX_QUOTED", "quote", "shorten"]


def quote(text: str) -> str:
    """The text in double quotes, shortened; an empty text still reads as a name."""
    return f'"{shorten(text) or "(no text)"}"'


def name(function: Function | None) -> str:
    """A function's name for a sentence; an unknown one still reads."""
    if function is None:
        return "an unknown function"
    return shorten(function.name) or "(unnamed function)"


def goal_phrase(goal: Goal, functions: dict[str, Function]) -> str:
    """'the strategic goal "X"' or 'the IT goal "X"': the owner first, so the room knows whose it is."""
    if goal.function_id is None:
        return f"the strategic goal {quote(goal.text)}"
    function = functions.get(goal.function_id)
    if function is None:
        return f"the goal {quote(goal.text)}"
    return f"the {name(function)} goal {quote(goal.text)}"


def capital(sentence: str) -> str:
    """Sentence case without lowering the rest (names keep their capitals)."""
    return sentence[:1].upper() + sentence[1:]


def and_list(names: list[str], word: str = "and") -> str:
    """ "Sales", "Sales and HR", "Sales, HR and Finance": names as a sentence reads them."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"
