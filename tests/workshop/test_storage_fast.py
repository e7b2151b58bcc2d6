"""Via's own files load the fast way (straight from text to model), and that way never disagrees
with the careful one: whatever a file holds, it opens to the same workshop or is refused with the
same message and place.

`careful` opens a text with the fast way switched off (no text starts with a NUL character), so
each test compares the two ways through the public `storage.loads`.
"""

from __future__ import annotations

import json

import pytest

from workshop import examples, storage, synthetic
from workshop.model import Position
from workshop.storage import LoadError


@pytest.fixture(scope="module")
def demo_text() -> str:
    ws = examples.build("customer-loyalty")
    for index, goal in enumerate(ws.goals):
        ws.positions[goal.id] = Position(x=index * 10.5, y=-3.25)
    return storage.dumps(ws)


def outcome(text: str) -> object:
    """What opening this text gives a user: the workshop, or the refusal as it is shown."""
    try:
        return storage.loads(text)
    except LoadError as error:
        return ("refused", str(error), error.where, error.newer_version)


def careful(text: str) -> object:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "_OWN_HEAD", "\x00")
        return outcome(text)


def test_a_file_via_wrote_is_read_without_building_python_dicts_first(demo_text, monkeypatch) -> None:
    """The 5,000-goal load target (benchmarks/bench_storage.py) depends on this path being taken."""
    expected = careful(demo_text)

    def no_json_module(*args: object, **kwargs: object) -> object:
        raise AssertionError("the fast way must not parse with the json module")

    monkeypatch.setattr(storage.json, "loads", no_json_module)
    assert storage.loads(demo_text) == expected
    assert storage.loads(demo_text.encode("utf-8")) == expected
    assert storage.loads(storage.dumps(synthetic.generate(300))) == synthetic.generate(300)


def first_goal_text(text: str, replacement: str) -> str:
    start = text.index('"text":"', text.index('"goals":[')) + len('"text":')
    end = text.index('"', start + 1) + 1
    return text[:start] + replacement + text[end:]


def first_position_x(text: str, replacement: str) -> str:
    start = text.index('"x":', text.index('"positions":{')) + len('"x":')
    end = text.index(",", start)
    return text[:start] + replacement + text[end:]


MUTATIONS = {
    "NaN position": lambda t: first_position_x(t, "NaN"),
    "Infinity position": lambda t: first_position_x(t, "-Infinity"),
    "overflowing position": lambda t: first_position_x(t, "1e999"),
    "5,000-digit position": lambda t: first_position_x(t, "1" * 5000),
    "position as text": lambda t: first_position_x(t, '"12"'),
    "lone surrogate escape": lambda t: first_goal_text(t, '"a\\ud800b"'),
    "surrogate pair escape": lambda t: first_goal_text(t, '"smile \\ud83d\\ude00"'),
    "control escapes": lambda t: first_goal_text(t, '"bell\\u0007 cr\\r\\n tab\\t nul\\u0000"'),
    "C1 control raw": lambda t: first_goal_text(t, '"next\u0085line"'),
    "goal text as number": lambda t: first_goal_text(t, "42"),
    "goal text as null": lambda t: first_goal_text(t, "null"),
    "goal text too long": lambda t: first_goal_text(t, json.dumps("x" * 20_001)),
    "deep nesting in a goal": lambda t: first_goal_text(t, "[" * 100_000 + "]" * 100_000),
    "duplicate key in a goal": lambda t: t.replace('"text":', '"text":"first","text":', 1),
    "duplicate envelope key": lambda t: t.rstrip()[:-1] + ',"format":"something-else"}',
    "unknown field in a goal": lambda t: t.replace('"text":', '"colour":"red","text":', 1),
    "unknown top-level field": lambda t: t.rstrip()[:-1] + ',"extra":1}',
    "text after the end": lambda t: t + "{}",
    "cut off": lambda t: t[: len(t) // 2],
    "link to a goal that is gone": lambda t: t.replace('"target":"', '"target":"gone-', 1),
    "reference with odd characters": lambda t: t.replace('"target":"', '"target":"<b>', 1),
    "id with odd characters": lambda t: t.replace('"goals":[{"id":"', '"goals":[{"id":"<b>', 1),
    "duplicate goal id": lambda t: t.replace(
        '"goals":[', '"goals":[{"id":"g-dup","text":"a"},{"id":"g-dup","text":"b"},', 1
    ),
    "position for no card": lambda t: t.replace('"positions":{', '"positions":{"nobody":{"x":1.0,"y":2.0},', 1),
    "negative votes": lambda t: t.replace('"votes":', '"votes":-', 1),
}


@pytest.mark.parametrize("mutation", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_fast_and_careful_ways_agree_on_altered_files(demo_text: str, mutation) -> None:
    altered = mutation(demo_text)
    assert altered != demo_text, "the mutation must change the file"
    assert altered.startswith(storage._OWN_HEAD), "the altered file must still look like Via's own"
    assert outcome(altered) == careful(altered)


def test_control_characters_are_cleaned_the_same_either_way(demo_text: str) -> None:
    altered = MUTATIONS["control escapes"](demo_text)
    ws = storage.loads(altered)
    assert ws.goals[0].text == "bell cr\n tab\t nul"


def test_hostile_file_of_wrong_items_in_vias_shape_is_refused_plainly() -> None:
    text = storage._OWN_HEAD + '"goals":[' + ",".join(["1"] * 50_000) + "]}}"
    result = outcome(text)
    assert result == careful(text)
    assert isinstance(result, tuple) and result[2] == "goals[0]"
