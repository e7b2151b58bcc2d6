"""Rebuild the report's Hangul and emoji fallback fonts (resources/fonts/ViaHangul.ttf, ViaEmoji.ttf).

The report needs glyphs that neither DejaVu Sans nor Droid Sans Fallback has: Korean syllables and
pictographic emoji. Whole fonts would add ~8 MB to the package for a fallback most reports never
use, so this keeps only the blocks the report falls back to. reportlab subsets again when it embeds
(only the glyphs a report uses reach the PDF).

Sources (Debian packages, installed with `apt-get install fonts-nanum fonts-symbola`):
- NanumGothic (SIL OFL 1.1, NAVER). "Nanum" and "NanumGothic" are Reserved Font Names, and a subset
  is a Modified Version under the OFL, so the subset is renamed "Via Hangul".
- Symbola (George Douros: "free for any use; may be opened, edited, modified, regenerated, packaged
  and redistributed"), renamed "Via Emoji".

Run with fontTools available (a build-time tool, not a dependency of Via):
    .venv/bin/pip install fonttools && .venv/bin/python scripts/subset_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts"

HANGUL_SOURCE = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
EMOJI_SOURCE = Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")

HANGUL_RANGES = [
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xA960, 0xA97F),  # Jamo Extended-A
    (0xAC00, 0xD7A3),  # Hangul Syllables
    (0xD7B0, 0xD7FF),  # Jamo Extended-B
]
EMOJI_RANGES = [
    (0x2300, 0x23FF),  # Misc Technical (watch, hourglass, ...)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x25A0, 0x27BF),  # Geometric Shapes, Misc Symbols, Dingbats
    (0x2B00, 0x2BFF),  # Misc Symbols and Arrows (stars, squares)
    (0x1F000, 0x1FAFF),  # every emoji block
]


def _rename(font: TTFont, family: str, note: str) -> None:
    """Give the subset its own names (the OFL forbids Reserved Font Names on a Modified Version)."""
    postscript = family.replace(" ", "")
    names = {1: family, 3: f"{postscript};subset", 4: family, 6: postscript, 16: family, 17: "Regular"}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names or record.nameID in (16, 17, 18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    table.setName(note, 5, 3, 1, 0x409)


def build(source: Path, target: Path, ranges: list[tuple[int, int]], family: str, note: str) -> None:
    if not source.is_file():
        sys.exit(f"{source} is missing: apt-get install fonts-nanum fonts-symbola")
    font = TTFont(source)
    wanted = {c for lo, hi in ranges for c in range(lo, hi + 1)}
    options = subset.Options()
    options.layout_features = []  # reportlab draws glyph by glyph: no GSUB/GPOS is used
    options.hinting = False  # PDF viewers do not hint; dropping it halves the file
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted & set(font.getBestCmap())))
    subsetter.subset(font)
    _rename(font, family, note)
    font.save(target)
    print(f"{target.name}: {len(font.getBestCmap())} characters, {target.stat().st_size / 1024:.0f} KB")


def main() -> None:
    build(
        HANGUL_SOURCE,
        OUT / "ViaHangul.ttf",
        HANGUL_RANGES,
        "Via Hangul",
        "Subset of NanumGothic (c) 2010 NAVER Corporation, SIL OFL 1.1; renamed as the OFL requires",
    )
    build(
        EMOJI_SOURCE,
        OUT / "ViaEmoji.ttf",
        EMOJI_RANGES,
        "Via Emoji",
        "Subset of Symbola (c) 2007-2015 George Douros, free for any use",
    )


if __name__ == "__main__":
    main()
