"""Any valid workshop survives the file exactly: what the room captured is what comes back.

The strategy builds workshops valid by construction (references point at real items) with
hostile text: markup, bidi overrides, emoji, control characters and lone surrogates (which the
model cleans at the door), and awkward floats for card positions.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import integrity, storage
from workshop.model import (
    Decision,
    Function,
    FunctionKind,
    Goal,
    GoalSuggestion,
    Kpi,
    KpiScope,
    Link,
    LinkKind,
    LinkSuggestion,
    Meta,
    Position,
    QuestionAnswer,
    ServiceRelation,
    SuggestionStatus,
    Tension,
    Weakness,
    Workshop,
)

HOSTILE = [
    "R&D <b>x</b> <img src=/etc/passwd>",
    "\u202eevil\u202c",
    "emoji 😀👩‍👩‍👧 flags 🇫🇷",
    "Ünïcödé — “quotes” ‘x’ 中文 русский العربية",
    "\x00\x07nul\x1b[31m",
    "lone \ud800 surrogate",
    'quote " backslash \\ slash /',
    "line\r\nbreaks\rand\nmore",
    "NaN",
    "Infinity",
    "",
    " ",
    "\t",
    "\ufeffbom inside",
]

texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
id_suffix = st.text(alphabet="abcXYZ019_.:-", max_size=6)
coordinates = st.one_of(
    st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 5e-324, 1e7, -1e7, 0.1 + 0.2, 1 / 3, 123456.789]),
)
dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def subset(draw: st.DrawFn, items: list[str], max_size: int = 4) -> list[str]:
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), max_size=max_size, unique=True))


@st.composite
def workshops(draw: st.DrawFn) -> Workshop:
    """A workshop whose every reference is sound, with every collection possibly filled."""
    counter = iter(range(10_000))

    def new_id(prefix: str) -> str:
        return f"{prefix}{next(counter)}{draw(id_suffix)}"

    meta = Meta(
        title=draw(texts),
        organisation=draw(texts),
        date=draw(dates),
        facilitator=draw(texts),
        participants=draw(st.lists(texts, max_size=3)),
    )
    functions = [
        Function(
            id=new_id("f"),
            name=draw(texts),
            kind=draw(st.sampled_from(FunctionKind)),
            colour=draw(st.from_regex(r"\A#[0-9a-fA-F]{6}\Z")),
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    function_ids = [f.id for f in functions]
    support_ids = [f.id for f in functions if f.kind == FunctionKind.SUPPORT]
    goals = [
        Goal(
            id=new_id("g"),
            text=draw(texts),
            function_id=draw(st.none() | st.sampled_from(function_ids)) if function_ids else None,
            measure=draw(texts),
            target=draw(texts),
        )
        for _ in range(draw(st.integers(0, 8)))
    ]
    goal_ids = [g.id for g in goals]
    pairs = [(a, b) for a in goal_ids for b in goal_ids if a != b]
    links = [
        Link(id=new_id("l"), source=a, target=b, kind=draw(st.sampled_from(LinkKind)), reason=draw(texts))
        for a, b in (draw(st.lists(st.sampled_from(pairs), max_size=6, unique=True)) if pairs else [])
    ]
    served = [(s, c) for s in support_ids for c in function_ids if s != c]
    relations = [
        ServiceRelation(
            id=new_id("r"),
            supplier_id=s,
            customer_id=c,
            customer_goal_ids=subset(draw, [g.id for g in goals if g.function_id == c]),
            helps=draw(st.lists(texts, max_size=2)),
            hindrances=draw(st.lists(texts, max_size=2)),
        )
        for s, c in (draw(st.lists(st.sampled_from(served), max_size=4, unique=True)) if served else [])
    ]
    asked = [(f, q) for f in support_ids for q in range(1, 5)]
    answers = [
        QuestionAnswer(id=new_id("a"), function_id=f, question=q, note=draw(texts), skipped=draw(st.booleans()))
        for f, q in (draw(st.lists(st.sampled_from(asked), max_size=4, unique=True)) if asked else [])
    ]
    kpis = [
        Kpi(
            id=new_id("k"),
            function_id=draw(st.sampled_from(function_ids)),
            name=draw(texts),
            rewards=draw(texts),
            scope=draw(st.sampled_from(KpiScope)),
            incentive=draw(texts),
        )
        for _ in range(draw(st.integers(0, 3) if function_ids else st.just(0)))
    ]
    kpi_ids = [k.id for k in kpis]
    tensions = [
        Tension(
            id=new_id("t"),
            kpi_id=draw(st.sampled_from(kpi_ids)),
            against_id=draw(st.sampled_from(kpi_ids + goal_ids)),
            description=draw(texts),
            resolved=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 3) if kpi_ids else st.just(0)))
    ]
    weaknesses = [
        Weakness(
            id=new_id("w"),
            function_id=draw(st.sampled_from(function_ids)),
            description=draw(texts),
            affected_function_ids=subset(draw, function_ids),
        )
        for _ in range(draw(st.integers(0, 2) if function_ids else st.just(0)))
    ]
    decisions = [
        Decision(
            id=new_id("d"),
            text=draw(texts),
            owner=draw(texts),
            due=draw(dates),
            heard_function_ids=subset(draw, function_ids),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    suggestions: list[LinkSuggestion | GoalSuggestion] = []
    for _ in range(draw(st.integers(0, 3))):
        common = {
            "id": new_id("s"),
            "author": draw(texts),
            "reason": draw(texts),
            "status": draw(st.sampled_from(SuggestionStatus)),
            "votes": draw(st.integers(0, 1_000_000)),
        }
        if pairs and draw(st.booleans()):
            source, target = draw(st.sampled_from(pairs))
            suggestions.append(
                LinkSuggestion(source=source, target=target, link_kind=draw(st.sampled_from(LinkKind)), **common)
            )
        else:
            owner = draw(st.none() | st.sampled_from(function_ids)) if function_ids else None
            suggestions.append(GoalSuggestion(text=draw(texts), function_id=owner, **common))
    positions = {
        card: Position(x=draw(coordinates), y=draw(coordinates), pinned=draw(st.booleans()))
        for card in subset(draw, goal_ids + kpi_ids, max_size=12)
    }
    return Workshop(
        meta=meta,
        functions=functions,
        goals=goals,
        links=links,
        relations=relations,
        answers=answers,
        kpis=kpis,
        tensions=tensions,
        weaknesses=weaknesses,
        decisions=decisions,
        suggestions=suggestions,
        positions=positions,
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_any_valid_workshop_round_trips_through_the_file_exactly(ws: Workshop) -> None:
    assert integrity.problems(ws) == []  # the strategy itself is sound
    text = storage.dumps(ws)
    loaded = storage.loads(text)
    assert loaded == ws
    assert loaded.model_dump() == ws.model_dump()  # same order of everything, positions included
    assert storage.dumps(loaded) == text
    assert storage.loads(text.encode("utf-8")) == ws


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_saved_file_opens_to_the_same_workshop(tmp_path_factory, ws: Workshop) -> None:
    path = tmp_path_factory.mktemp("rt") / "room.via"
    storage.save(ws, path)
    assert storage.load(path) == ws
    assert path.read_text(encoding="utf-8") == storage.dumps(ws)


def test_positions_are_written_in_id_order_so_equal_workshops_give_equal_files() -> None:
    goals = [Goal(id="b", text="B"), Goal(id="a", text="A")]
    one = Workshop(goals=goals, positions={"b": Position(x=1, y=2), "a": Position(x=3, y=4)})
    two = Workshop(goals=goals, positions={"a": Position(x=3, y=4), "b": Position(x=1, y=2)})
    assert one == two
    assert storage.dumps(one) == storage.dumps(two)
    positions = storage.dumps(one).split('"positions"')[1]
    assert positions.index('"a"') < positions.index('"b"')


def test_written_text_keeps_non_ascii_readable_and_has_the_envelope_first() -> None:
    ws = Workshop(goals=[Goal(id="g", text="Kundenzufriedenheit erhöhen 😀")])
    text = storage.dumps(ws)
    assert "erhöhen 😀" in text
    assert text.startswith('{"format":"via-workshop","version":1,"workshop":{')
    assert text.endswith("}\n")


def test_the_bundled_demo_file_is_current_and_matches_the_demo_builder() -> None:
    """resources/examples/customer-loyalty.via is regenerated with `via new --example`; it must not drift."""
    from pathlib import Path

    from workshop import examples

    path = Path(__file__).parents[2] / "resources" / "examples" / "customer-loyalty.via"
    text = path.read_text(encoding="utf-8")
    shipped = storage.loads(text)
    assert storage.dumps(shipped) == text  # written by this version of storage, byte for byte
    built = examples.build("customer-loyalty")
    for ws in (shipped, built):  # question answers get fresh random ids on every build
        ws.answers = [a.model_copy(update={"id": f"a-{a.function_id}-{a.question}"}) for a in ws.answers]
    assert shipped == built
