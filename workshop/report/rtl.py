"""Right-to-left text (Hebrew, Arabic) for the PDF: Arabic letters joined, each line put in display order.

A PDF draws glyphs left to right in the order given, and the report's fonts are drawn glyph by glyph
(no shaping engine), so two things happen to a text before it is drawn:

1. `shape()`: Arabic letters take their joined forms (initial, medial, final, the lam-alef ligature)
   from the Presentation Forms blocks, with arabic-reshaper. This happens on the logical text,
   before line breaking, because the joined forms have their own widths.
2. `visual()` / `visual_runs()`: after line breaking, each line is reordered for display with the
   Unicode Bidirectional Algorithm (python-bidi), using the direction of the whole paragraph (its
   first strong letter). Reordering must come after breaking: a paragraph reordered as a whole and
   then broken would start with its last words.

A paragraph whose first letter is Hebrew or Arabic is right-to-left: its lines are right-aligned.
Text without such letters passes through untouched, cheaply (most reports have none).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

T = TypeVar("T")


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter (the only texts that need reordering)."""
    return not text.isascii() and _RTL.search(text) is not None


def is_rtl(text: str) -> bool:
    """The paragraph direction: right-to-left when its first strong letter is (Unicode rules P2-P3)."""
    if not has_rtl(text):
        return False
    from bidi import get_base_level

    return get_base_level(text) == 1


@lru_cache(maxsize=1)
def _reshaper():
    import arabic_reshaper

    # Harakat (vowel marks) are kept; the report's font has them as combining marks.
    return arabic_reshaper.ArabicReshaper({"delete_harakat": False, "support_ligatures": True})


def shape(text: str) -> str:
    """Arabic letters in their joined forms; any other text unchanged. Apply before measuring."""
    if text.isascii() or _ARABIC.search(text) is None:
        return text
    return "\n".join(_reshaper().reshape(part) for part in text.split("\n"))


def visual(line: str, rtl: bool) -> str:
    """One line (no newline) in display order, within a paragraph of direction `rtl`."""
    if not has_rtl(line) and not rtl:
        return line
    if not _mirrored().intersection(line):  # the common case: python-bidi's own result is complete
        from bidi import get_display

        return get_display(line, base_dir="R" if rtl else "L")
    return "".join(ch for _, ch in _display(line, rtl))


@lru_cache(maxsize=1)
def _mirrored() -> frozenset[str]:
    """Characters drawn mirrored in right-to-left runs (brackets, < >, ...): python-bidi leaves them."""
    from bidi.mirror import MIRRORED

    return frozenset(MIRRORED)


def visual_runs(runs: Sequence[tuple[T, str]], rtl: bool) -> list[tuple[T, str]]:
    """One line made of styled runs (style, text), in display order: runs are split where the
    reordering separates their characters, and each piece keeps its style."""
    text = "".join(t for _, t in runs)
    if not text or (not has_rtl(text) and not rtl):
        return list(runs)
    if len(runs) == 1:
        return [(runs[0][0], visual(text, rtl))]
    owner: list[int] = []
    for number, (_, t) in enumerate(runs):
        owner.extend([number] * len(t))
    out: list[tuple[T, str]] = []
    current = -1
    chars: list[str] = []
    for index, ch in _display(text, rtl):
        run = owner[index]
        if run != current and chars:
            out.append((runs[current][0], "".join(chars)))
            chars = []
        current = run
        chars.append(ch)
    if chars:
        out.append((runs[current][0], "".join(chars)))
    return out


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_TRAILING = {"WS", "BN", "LRI", "RLI", "FSI", "PDI"}


def _resolved_levels(line: str, rtl: bool) -> list[int]:
    """The embedding level of each character (rules up to I2), from python-bidi's Rust engine
    (unicode-bidi: the current algorithm, bracket pairs included).

    python-bidi only returns the finished string, which it does not mirror (")abc(" for "(abc)" in a
    right-to-left line), so the levels are read from its debug report, one per UTF-8 byte. Should that
    report ever change shape, the rule-by-rule implementation that python-bidi also ships answers
    instead (older rules: brackets are not paired)."""
    from bidi import get_display

    report = get_display(line, base_dir="R" if rtl else "L", debug=True)
    start = report.find("levels:")
    found = _LEVEL.findall(report[start : report.find("]", start)]) if start >= 0 else []
    encoded = [len(ch.encode()) for ch in line]
    if len(found) != sum(encoded):
        return _levels_by_rules(line, rtl)
    levels, byte = [], 0
    for size in encoded:
        levels.append(int(found[byte]))
        byte += size
    return levels


def _levels_by_rules(line: str, rtl: bool) -> list[int]:
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(line, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    return [ch["level"] for ch in storage["chars"]]


def _display(line: str, rtl: bool) -> list[tuple[int, str]]:
    """(logical index, glyph character) of each character of one line, left to right on the page:
    rules L1 (trailing spaces and tabs at the paragraph level), L2 (reversal) and L4 (mirroring)."""
    from bidi.mirror import MIRRORED

    base = 1 if rtl else 0
    levels = _resolved_levels(line, rtl)
    trailing = True
    for index in range(len(line) - 1, -1, -1):
        kind = unicodedata.bidirectional(line[index])
        if kind in ("S", "B"):
            levels[index], trailing = base, True
        elif trailing and kind in _TRAILING:
            levels[index] = base
        else:
            trailing = False
    order = list(range(len(line)))
    highest = max(levels, default=0)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = order[index:end][::-1]
                index = end
            else:
                index += 1
    return [(i, MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i]) for i in order]
