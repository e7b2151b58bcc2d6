"""The board as a picture: what a facilitator pastes into a slide or a chat.

Checked by reading the files themselves: the SVG's <text> elements (parsed as XML), the PNG's size
and pixels. Goal texts come from the workshop, never from the code under test."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from ui.picture.board import Look, picture_board
from ui.picture.render import png_bytes, svg_bytes
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.model import Workshop
from workshop.picture_files import PictureFileError

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(ws: Workshop, look: Look = Look.NORMAL, width: int = 1920) -> bytes:
    board = picture_board(ws, look, analyse(ws))
    try:
        return svg_bytes(board, ws, width)
    finally:
        board.close()


def png_of(ws: Workshop, look: Look = Look.NORMAL, width: int = 1920) -> QImage:
    board = picture_board(ws, look, analyse(ws))
    try:
        data = png_bytes(board, ws, width)
    finally:
        board.close()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def texts(svg: bytes) -> list[str]:
    """The text content of every <text> element, in drawing order (the XML parser un-escapes it)."""
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def mean_lightness(image: QImage, step: int = 9) -> float:
    values = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


@pytest.mark.parametrize("look", list(Look))
def test_the_svg_keeps_every_goal_and_the_title_as_text(qapp, look) -> None:
    ws = customer_loyalty()
    shown = " ".join(texts(svg_of(ws, look)))
    for goal in ws.goals:
        assert goal.text in shown  # a card's lines, one <text> each, read in order
    for kpi in ws.kpis:
        assert kpi.name in shown
    assert ws.meta.title in shown
    for band in ("Strategy", "Support functions"):
        assert band in shown


def test_the_svg_explains_its_colours_and_lines(qapp) -> None:
    ws = customer_loyalty()
    shown = texts(svg_of(ws))
    for function in ws.functions:
        assert any(t.startswith(function.name + " (") for t in shown), function.name
    for words in ("Strategic goal", "declared direct-impact exception", "around: support goal", "error", "warning"):
        assert any(words in t for t in shown), words


def test_no_text_is_drawn_as_outlines(qapp, hostile) -> None:
    """Qt's SVG generator writes a glyph run's outlines as one long <path>; the board's text must not
    take that way (every path here is a card, a badge, an arrow or a tag: a few hundred characters)."""
    for ws in (customer_loyalty(), hostile):
        for look in Look:
            paths = re.findall(rb'<path[^>]*\sd="([^"]*)"', svg_of(ws, look))
            assert paths and max(len(d) for d in paths) < 600


def test_the_svg_names_real_fonts_rather_than_an_alias_only_qt_knows(qapp) -> None:
    families = set(re.findall(rb'font-family="([^"]*)"', svg_of(customer_loyalty())))
    assert families
    assert all(f.endswith(b"sans-serif") for f in families)


@pytest.mark.parametrize("width", [256, 1000, 3000])
def test_the_png_has_the_width_asked_for_and_shows_the_board(qapp, width) -> None:
    image = png_of(customer_loyalty(), width=width)
    assert image.width() == width
    assert 0.4 * width < image.height() < 0.8 * width  # the demo's shape, title and key included
    assert distinct_colours(image, step=max(1, width // 300)) > 30  # not a blank or one-colour picture


def test_a_wider_png_is_drawn_at_its_size_not_blown_up(qapp) -> None:
    small, large = png_of(customer_loyalty(), width=960), png_of(customer_loyalty(), width=3840)
    assert abs(large.height() - 4 * small.height()) <= 4
    # a scaled-up image has no more colours than its source (blocks of the same pixels); a drawn one
    # has the fine detail of text edges at the new size
    assert distinct_colours(large, step=1) > 1.5 * distinct_colours(small, step=1)


def test_the_svg_size_follows_the_width_asked_for(qapp) -> None:
    root = ET.fromstring(svg_of(customer_loyalty(), width=1000))
    width_mm = float(root.get("width", "0").removesuffix("mm"))
    assert width_mm == pytest.approx(1000 * 25.4 / 96, rel=0.01)


def test_the_projector_look_is_dark_and_larger_than_the_normal_one(qapp) -> None:
    ws = customer_loyalty()
    normal, projector = png_of(ws, Look.NORMAL), png_of(ws, Look.PROJECTOR)
    assert mean_lightness(normal) > 0.8
    assert mean_lightness(projector) < 0.45
    sizes = {
        look: {float(s) for s in re.findall(rb'font-size="([\d.]+)"', svg_of(ws, look))}
        for look in (Look.NORMAL, Look.PROJECTOR)
    }
    assert max(sizes[Look.PROJECTOR]) > max(sizes[Look.NORMAL] - {30.0})  # the cards' type, title aside


def test_a_width_out_of_range_is_refused_before_drawing(qapp) -> None:
    ws = customer_loyalty()
    board = picture_board(ws, Look.NORMAL)
    try:
        for draw in (png_bytes, svg_bytes):
            with pytest.raises(PictureFileError, match="256 to 16,384"):
                draw(board, ws, 100)
    finally:
        board.close()


HOSTILE = [
    "<b>bold</b> & <script>alert(1)</script>",
    "هدف: زيادة ولاء العملاء",
    "Launch 🚀 faster ✅ 👩🏽‍💻",
    "x" * 10_000,
    "目标：提高客户忠诚度",
    "bell\x07 nul\x00 rlo\u202e nonchar\ufffe\uffff line\u2028break",
]


@pytest.fixture
def hostile() -> Workshop:
    ws = customer_loyalty()
    for goal, text in zip(ws.goals, HOSTILE, strict=False):
        goal.text = text
    ws.functions[0].name = "<i>Sales</i> & co " + "y" * 150
    ws.meta.title = "<svg onload=alert(1)> & the title"
    return ws


@pytest.mark.parametrize("look", list(Look))
def test_hostile_labels_draw_as_plain_text_in_a_well_formed_svg(qapp, hostile, look) -> None:
    svg = svg_of(hostile, look)
    root = ET.fromstring(svg)  # well-formed, whatever the labels held
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("b", "i", "script", "foreignObject")]
    shown = texts(svg)
    assert "<b>bold</b> &" in shown[shown.index("<b>bold</b> &")]  # the markup is text, escaped in the file
    assert b"&lt;b&gt;bold&lt;/b&gt;" in svg
    assert any("<script>alert(1)" in t for t in shown)
    assert any("زيادة ولاء العملاء" in t for t in shown)
    assert any("🚀" in t for t in shown)
    assert any("目" in t for t in shown)
    assert any(t.startswith("<i>Sales</i> & co") for t in shown)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == hostile.meta.title


@pytest.mark.parametrize("look", list(Look))
def test_hostile_labels_draw_in_a_png(qapp, hostile, look) -> None:
    image = png_of(hostile, look, width=1200)
    assert image.width() == 1200
    assert distinct_colours(image) > 30


def test_an_empty_workshop_is_a_picture_of_three_empty_bands(qapp) -> None:
    ws = Workshop()
    shown = " ".join(texts(svg_of(ws))).replace("- ", "-")  # a wrapped band name reads as one
    for band in ("Strategy", "Customer-facing functions", "Support functions"):
        assert band in shown
    assert png_of(ws, width=800).width() == 800
