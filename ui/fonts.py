"""Fonts Via ships for text the machine's own fonts may not draw.

A room types goals in Chinese or Japanese, and a laptop without CJK fonts would show empty boxes
on the board while the PDF report (which embeds the same bundled font) prints them. Registering
the bundled fallback font with Qt lets its font matching fall back to it for any character the
usual fonts lack. It costs ~7 ms at start-up.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources

from PySide6.QtGui import QFontDatabase

log = logging.getLogger(__name__)

FALLBACK_FILES = ("DroidSansFallbackFull.ttf",)
"""Bundled in resources/fonts (Apache 2.0): CJK ideographs and kana; Hangul only in part."""


@functools.cache
def register_fallback_fonts() -> tuple[str, ...]:
    """Make the bundled fallback fonts available to every widget; returns the families added.
    Once per process (ensure_app may run more than once).

    A missing or unreadable file is logged, not raised: the board still works, only those
    characters show as boxes.
    """
    families: list[str] = []
    folder = resources.files("resources.fonts")
    for name in FALLBACK_FILES:
        try:
            data = (folder / name).read_bytes()
        except OSError as error:
            log.warning("bundled font %s could not be read: %s", name, error)
            continue
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            log.warning("Qt refused the bundled font %s", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return tuple(families)
