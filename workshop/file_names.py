"""File names made from a workshop's title, safe on every file system.

The title is the room's own words ("Q3: R&D / Sales?"): characters a file system refuses or reads
as a folder are replaced, so a suggested name never fails or lands somewhere unexpected.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_STEM = 80


def safe_stem(title: str, fallback: str) -> str:
    """The title usable as a file name without its extension; `fallback` when nothing is left."""
    stem = " ".join(_UNSAFE.sub(" ", title).split())[:MAX_STEM].strip(" .")
    return stem or fallback
