"""Labels from the room cannot break the report: markup prints literally, nothing gets embedded,
every script is drawn, and an unbreakable 10,000-character word wraps instead of hanging."""

from __future__ import annotations

import datetime as dt
import re

import pypdf
import pytest

from workshop.findings import Analysis, Finding, Severity
from workshop.model import (
    Decision,
    Function,
    Goal,
    Kpi,
    Link,
    LinkKind,
    Meta,
    QuestionAnswer,
    ServiceRelation,
    Tension,
    Weakness,
    Workshop,
)
from workshop.report import export_pdf

MARKUP = "R&D <b>x"
IMG = '<img src="/etc/passwd"/>'
LONG = "W" * 10_000
CJK = "顧客ロイヤルティを高める"
CYRILLIC = "Повысить лояльность клиентов"
GREEK = "Αύξηση της πιστότητας"
HEBREW = "שלום עולם"
ARABIC = "زيادة ولاء العملاء"
EMOJI = "Happy customers 😀🎉👩‍💻"


def hostile_workshop() -> Workshop:
    return Workshop(
        meta=Meta(
            title=f"{MARKUP} {IMG}",
            organisation=IMG,
            facilitator=MARKUP,
            date=dt.date(2026, 1, 2),
            participants=[MARKUP, CJK, EMOJI],
        ),
        functions=[
            Function(id="f-cf", name=f"Sales {MARKUP} {CJK}", kind="customer_facing"),
            Function(id="f-sup", name=f"IT {IMG}", kind="support", colour="#123456"),
        ],
        goals=[
            Goal(id="g-s1", text=f"Strategy {MARKUP}"),
            Goal(id="g-s2", text=CJK),
            Goal(id="g-cf", text=IMG, function_id="f-cf", measure=CYRILLIC, target=GREEK),
            Goal(id="g-long", text=LONG, function_id="f-sup", measure=LONG),
            Goal(id="g-rtl", text=f"{HEBREW} / {ARABIC}", function_id="f-sup"),
            Goal(id="g-emoji", text=EMOJI, function_id="f-sup"),
            Goal(id="g-ctrl", text="bell\x07 and\x00 nul\x1b[31m", function_id="f-sup"),
        ],
        links=[
            Link(id="l1", source="g-cf", target="g-s1"),
            Link(id="l2", source="g-long", target="g-cf"),
            Link(id="l3", source="g-rtl", target="g-s2", kind=LinkKind.DIRECT_IMPACT, reason=IMG),
            Link(id="l4", source="g-emoji", target="g-s1"),
        ],
        relations=[
            ServiceRelation(
                id="r1",
                supplier_id="f-sup",
                customer_id="f-cf",
                customer_goal_ids=["g-cf"],
                helps=[MARKUP, LONG],
                hindrances=[IMG, CJK],
            )
        ],
        answers=[QuestionAnswer(id="a1", function_id="f-sup", question=1, note=f"{IMG}\nsecond line {MARKUP}")],
        kpis=[
            Kpi(id="k1", function_id="f-cf", name=MARKUP, rewards=LONG, incentive=IMG),
            Kpi(id="k2", function_id="f-sup", name=CJK),
        ],
        tensions=[Tension(id="t1", kpi_id="k1", against_id="k2", description=LONG)],
        weaknesses=[Weakness(id="w1", function_id="f-sup", description=IMG, affected_function_ids=["f-cf"])],
        decisions=[Decision(id="d1", text=LONG, owner=IMG), Decision(id="d2", text=MARKUP, owner="")],
    )


ANALYSIS = Analysis(
    findings=(Finding("x", Severity.ERROR, f"{MARKUP} {IMG} {CJK}", ("g-cf",), LONG),),
    score=50,
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = export_pdf(hostile_workshop(), tmp_path_factory.mktemp("h") / "hostile.pdf", analysis=ANALYSIS)
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return path, reader, re.sub(r"\s+", " ", text)


def test_markup_prints_literally(report):
    _, reader, text = report
    assert MARKUP in text
    assert IMG in text
    assert f"Sales {MARKUP} {CJK}" in text
    titles = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            titles.append(item.title)
    assert f"{MARKUP} {IMG}" in titles
    assert f"Sales {MARKUP} {CJK} (customer-facing)" in titles


def test_no_image_is_ever_embedded(report):
    path, reader, _ = report
    assert b"/Subtype /Image" not in path.read_bytes()
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not xobjects


def test_scripts_are_drawn_with_embedded_fonts(report):
    _, reader, text = report
    for sample in (CJK, CYRILLIC, GREEK):
        assert sample in text
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("DejaVuSans" in f for f in fonts), fonts
    assert any("Droid" in f for f in fonts), fonts
    assert not any("Helvetica" in f for f in fonts), "a base-14 font cannot draw these scripts"


def test_right_to_left_text_is_kept_in_logical_order_without_crashing(report):
    _, _, text = report
    # Printed in logical order (no bidi reordering); every Hebrew letter is there.
    assert set(HEBREW.replace(" ", "")) <= set(text)
    assert set(ARABIC.replace(" ", "")) <= set(text)


def test_emoji_print_as_glyphs_and_the_rest_of_the_label_survives(report):
    _, _, text = report
    assert "Happy customers" in text
    assert "😀🎉👩💻" in text  # the joiner inside the ZWJ sequence is not drawn


def test_control_characters_are_dropped(report):
    _, _, text = report
    assert "bell and nul[31m" in text
    assert "\x07" not in text and "\x00" not in text


def test_a_ten_thousand_character_word_is_printed_whole_somewhere(report):
    _, reader, _ = report
    # The word wraps over many lines and pages: keep the lines made of it alone (not headers) and rejoin.
    lines = [ln.strip() for page in reader.pages for ln in (page.extract_text() or "").splitlines()]
    joined = "".join(ln for ln in lines if ln and set(ln) == {"W"})
    assert "W" * 10_000 in joined


@pytest.mark.parametrize("field", ["goal", "help", "kpi", "decision", "note", "finding hint"])
def test_a_long_word_in_any_one_place_exports(tmp_path, field):
    ws = hostile_workshop()
    long = "X" * 20_000
    if field == "goal":
        ws.goals[2].text = long
    elif field == "help":
        ws.relations[0].helps = [long]
    elif field == "kpi":
        ws.kpis[0].incentive = long
    elif field == "decision":
        ws.decisions[1].text = long
    elif field == "note":
        ws.answers[0].note = long
    analysis = Analysis(findings=(Finding("x", Severity.WARNING, long, ("g-cf",), long),), score=10)
    path = export_pdf(ws, tmp_path / "long.pdf", analysis=analysis)
    assert pypdf.PdfReader(str(path)).pages
