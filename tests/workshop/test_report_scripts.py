"""Any script prints in the report: Hebrew and Arabic read right to left, line by line, with Arabic
letters joined; Korean and emoji are real text in embedded fonts; the demo report stays small.

Text is read back from the PDF with pypdf, which turns right-to-left runs drawn in display order back
into reading order, so a line drawn in the wrong order reads back scrambled. pypdf's own reordering
is only sound for lines in one direction, so mixed lines (Hebrew with Latin or digits) are checked
on the display string itself, against orders written out by hand.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import SimpleDocTemplate

from workshop.examples import customer_loyalty
from workshop.report import export_pdf, fonts, rtl
from workshop.report.textblock import Piece, TextBlock

_spec = importlib.util.spec_from_file_location(
    "make_scripts_workshop", Path(__file__).resolve().parents[2] / "scripts" / "make_scripts_workshop.py"
)
assert _spec is not None and _spec.loader is not None
scripts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scripts)


def _lines(path: Path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return [line.strip() for page in reader.pages for line in (page.extract_text() or "").splitlines()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, list[str], str]:
    path = export_pdf(scripts.scripts_workshop(), tmp_path_factory.mktemp("scripts") / "scripts.pdf")
    lines = _lines(path)
    return path, lines, _flat(" ".join(lines))


@pytest.mark.parametrize("text", [scripts.HEBREW_NOTE, scripts.ARABIC_NOTE], ids=["hebrew", "arabic"])
def test_a_right_to_left_paragraph_reads_back_in_order_over_several_lines(tmp_path, text) -> None:
    path = tmp_path / "narrow.pdf"
    doc = SimpleDocTemplate(str(path), leftMargin=200, rightMargin=250)
    doc.build([TextBlock([Piece(text, 10)])])
    lines = [line for line in _lines(path) if line]
    assert len(lines) >= 3, "the text should wrap, so that each line is ordered on its own"
    # The first line holds the first words: the paragraph was broken before it was reordered.
    assert text.startswith(lines[0])
    assert " ".join(lines) == text


def test_right_to_left_goals_read_back_in_order_in_the_report(report) -> None:
    _, lines, text = report
    # The four questions' notes wrap over lines; the Arabic goal is in the tree, the lists and tables.
    assert scripts.HEBREW_NOTE in text
    assert scripts.ARABIC_NOTE in text
    assert scripts.ARABIC_GOAL in lines, "on one line in the list of strategic goals"


def test_arabic_letters_are_drawn_joined_and_copy_as_plain_letters(report) -> None:
    _, _, text = report
    # Drawn with the joined forms (Presentation Forms-B) ...
    shaped = rtl.shape("ولاء")
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in shaped)
    assert len(shaped) == 3, "lam and alef join into one ligature"
    # ... but the PDF maps them back to the letters, so search and copy find the words typed.
    assert "ولاء" in text
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text)


def test_right_to_left_lines_are_right_aligned(tmp_path) -> None:
    path = tmp_path / "aligned.pdf"
    doc = SimpleDocTemplate(str(path))
    doc.build([TextBlock([Piece("שלום", 10)]), TextBlock([Piece("Hello", 10)])])
    xs: dict[str, float] = {}

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            xs[text.strip()] = tm[4] + cm[4]

    pypdf.PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    page_width = 595.27
    assert xs["Hello"] < 100 < page_width - 150 < xs["שלום"]


@pytest.mark.parametrize(
    ("logical", "paragraph_rtl", "display"),
    [
        # Latin and digits inside Hebrew keep their own order; brackets face the right way.
        ("שלום עולם 123 (abc) x", True, "x (abc) 123 " + "עולם"[::-1] + " " + "שלום"[::-1]),
        ("מחיר: 1,234.50 [א]", True, "[א] 1,234.50 :" + "מחיר"[::-1]),
        # Hebrew inside an English sentence reverses in place.
        ("Hello שלום עולם (x) end", False, "Hello " + "עולם"[::-1] + " " + "שלום"[::-1] + " (x) end"),
        ("plain English", False, "plain English"),
    ],
)
def test_mixed_lines_are_put_in_display_order(logical, paragraph_rtl, display) -> None:
    assert rtl.visual(logical, paragraph_rtl) == display


def test_styled_runs_keep_their_style_when_reordered() -> None:
    runs = rtl.visual_runs([("bold", "שלום "), ("plain", "עולם")], True)
    assert runs == [("plain", "עולם"[::-1]), ("bold", " " + "שלום"[::-1])]


def test_paragraph_direction_follows_the_first_letter() -> None:
    assert rtl.is_rtl("שלום and more") and rtl.is_rtl("123 مرحبا")
    assert not rtl.is_rtl("Facilitator: נועה") and not rtl.is_rtl("한국어")


def test_korean_prints_as_text_in_an_embedded_font(report) -> None:
    path, _, text = report
    assert scripts.KOREAN_GOAL in text
    assert "\u25a1" not in text.replace(scripts.LONG_EMOJI, "")
    names = _font_names(path)
    assert any("ViaHangul" in name for name in names), names


def test_emoji_print_as_glyphs_of_an_embedded_font(report) -> None:
    path, _, text = report
    for emoji in ("😀", "🎉", "🚀", "✅", "🌊", "👍"):
        assert emoji in text
    assert "👩💻" in text, "a ZWJ sequence prints as its parts, without a box for the joiner"
    assert any("ViaEmoji" in name for name in _font_names(path))


def _font_names(path: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(str(path)).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_every_font_is_embedded_as_a_subset(report) -> None:
    path, _, _ = report
    # reportlab names a subset "ABCDEF+Name"; a whole Korean or emoji font would be over 1 MB.
    assert all(re.match(r"/?[A-Z]{6}\+", name) for name in _font_names(path))
    assert path.stat().st_size <= 150_000


def test_the_demo_report_stays_small(tmp_path) -> None:
    path = export_pdf(customer_loyalty(), tmp_path / "demo.pdf")
    assert path.stat().st_size <= 150_000


def test_invisible_joiners_and_selectors_are_not_drawn_as_boxes() -> None:
    runs = fonts.segments("👍🏽 ❤️ a\u200db \u200fx")
    drawn = "".join(run for _, run in runs)
    assert drawn == "👍 ❤ ab x"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="אבגשלוםעולםمرحباabc XYZ 0123.,:-!%", min_size=1, max_size=40),
    paragraph_rtl=st.booleans(),
)
def test_the_order_with_mirroring_agrees_with_python_bidi_where_nothing_mirrors(text, paragraph_rtl) -> None:
    # Two routes to display order: python-bidi's string (fast, used when nothing mirrors) and the
    # level-by-level reordering used for brackets and styled runs. They must never disagree.
    from bidi import get_display

    by_levels = "".join(ch for _, ch in rtl._display(text, paragraph_rtl))
    assert by_levels == get_display(text, base_dir="R" if paragraph_rtl else "L")
