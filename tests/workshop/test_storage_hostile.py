"""Files Via must refuse with a message a facilitator can act on, naming the place in the file."""

from __future__ import annotations

import json
import os

import pytest

from workshop import examples, storage
from workshop.storage import LoadError, NewerVersionError


@pytest.fixture(scope="module")
def demo_text() -> str:
    return storage.dumps(examples.build("customer-loyalty"))


def refused(data: str | bytes) -> LoadError:
    with pytest.raises(LoadError) as caught:
        storage.loads(data)
    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text
    return caught.value


def envelope(workshop: object, version: object = 1, **extra: object) -> str:
    return json.dumps({"format": "via-workshop", "version": version, "workshop": workshop, **extra})


@pytest.mark.parametrize("data", ["", "   \n\t ", b"", b"\xef\xbb\xbf"])
def test_empty_file(data: str | bytes) -> None:
    assert "empty" in refused(data).message


def test_truncated_file_names_the_line_where_it_stops(demo_text: str) -> None:
    for cut in (demo_text[: len(demo_text) // 2], demo_text[:-3], demo_text[:1]):
        cut = cut.rstrip()
        error = refused(cut)
        assert "ends too early" in error.message
        lines = cut.split("\n")
        assert error.where == f"line {len(lines)}, column {len(lines[-1]) + 1}"


def test_invalid_json_names_line_and_column() -> None:
    error = refused('{\n "format": "via-workshop",\n "version" 1\n}')
    assert error.where == "line 3, column 12"
    assert "colon" in error.message


def test_binary_file() -> None:
    assert "binary" in refused(bytes(range(256)) * 4).message


def test_not_utf8_names_the_place() -> None:
    data = b'{\n "format": "via-workshop",\n "x": "caf' + b"\xe9" + b'"}'
    error = refused(data)
    assert "UTF-8" in error.message
    assert error.where == "line 3, column 11"


def test_utf16_file_is_explained() -> None:
    assert "UTF-16" in refused(envelope({}).encode("utf-16")).message


def test_bom_is_accepted(demo_text: str) -> None:
    expected = examples.build("customer-loyalty")
    loaded = storage.loads(b"\xef\xbb\xbf" + demo_text.encode())
    assert loaded.model_dump(exclude={"answers"}) == expected.model_dump(exclude={"answers"})
    assert storage.loads("\ufeff" + demo_text) == storage.loads(demo_text)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_place(constant: str) -> None:
    text = (
        '{"format": "via-workshop", "version": 1,\n "workshop": {"positions": {"g": {"x": ' + constant + ', "y": 0}}}}'
    )
    error = refused(text)
    assert constant in error.message
    assert error.where == f"line 2, column {text.splitlines()[1].index(constant) + 1}"


def test_nan_inside_a_text_is_just_text() -> None:
    ws = storage.loads(envelope({"goals": [{"id": "g", "text": "NaN, Infinity"}]}))
    assert ws.goals[0].text == "NaN, Infinity"


def test_overflowing_number_is_refused() -> None:
    error = refused(envelope({"positions": {"g": {"x": 1, "y": 0}}}).replace('"x": 1', '"x": 1e999'))
    assert error.where == "positions.g.x"


def test_number_with_thousands_of_digits_is_refused() -> None:
    assert "number" in refused('{"format": "via-workshop", "n": ' + "9" * 5000 + "}").message


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_gives_load_error_not_recursion_error(opener: str) -> None:
    assert "nested" in refused(opener * 100_000).message


def test_deep_nesting_inside_a_valid_envelope() -> None:
    error = refused(envelope({"goals": []}).replace("[]", "[" * 100_000 + "]" * 100_000))
    assert "nested" in error.message


def test_nesting_within_json_limits_is_a_type_error_with_its_place() -> None:
    error = refused(envelope({"goals": [[[[["deep"]]]]]}))
    assert error.where == "goals[0]"


def test_oversize_file_is_refused_before_reading_it(tmp_path, monkeypatch) -> None:
    path = tmp_path / "huge.via"
    with open(path, "wb") as handle:  # sparse: 50 MB on paper, instant to create
        handle.truncate(50 * 1024 * 1024)
    reads: list[int] = []
    real_open = open

    def spying_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        reads.append(1)
        return handle

    monkeypatch.setattr("builtins.open", spying_open)
    with pytest.raises(LoadError) as caught:
        storage.load(path)
    assert "too large" in caught.value.message and "20 MB" in caught.value.message
    assert caught.value.path == path
    assert reads == []


def test_oversize_text_and_bytes_are_refused() -> None:
    big = " " * (storage.MAX_BYTES + 1)
    assert "too large" in refused(big).message
    assert "too large" in refused(big.encode()).message


@pytest.mark.parametrize(
    ("workshop", "where", "words"),
    [
        ({"goals": [{"id": "g", "text": 5}]}, "goals[0].text", "should be text"),
        ({"goals": [{"id": "g"}]}, "goals[0].text", "missing"),
        ({"goals": [{"id": "g", "text": "x", "colour": "red"}]}, "goals[0].colour", "not a field Via knows"),
        ({"functions": [{"id": "f", "name": "IT", "kind": "other"}]}, "functions[0].kind", "customer_facing"),
        ({"functions": [{"id": "f", "name": "IT", "kind": "support", "colour": "red"}]}, "functions[0].colour", "#"),
        ({"goals": [{"id": "has space", "text": "x"}]}, "goals[0].id", "id made of"),
        ({"goals": "nope"}, "goals", "should be a list"),
        ({"meta": {"date": "yesterday"}}, "meta.date", "date like"),
        ({"meta": {"title": "x" * 201}}, "meta.title", "too long"),
        ({"answers": [{"id": "a", "function_id": "f", "question": 9}]}, "answers[0].question", "out of range"),
        ({"suggestions": [{"kind": "link", "id": "s", "source": 1, "target": "g"}]}, "suggestions[0].source", "text"),
        ({"suggestions": [{"kind": "poll", "id": "s"}]}, "suggestions[0]", "neither"),
        ({"positions": {"g": {"x": "left", "y": 0}}}, "positions.g.x", "number"),
        ({"positions": {"g": {"x": 1e9, "y": 0}}}, "positions.g.x", "out of range"),
        ({"surprise": 1}, "surprise", "not a field Via knows"),
    ],
)
def test_wrong_content_names_the_field(workshop: dict, where: str, words: str) -> None:
    error = refused(envelope(workshop))
    assert error.where == where
    assert words in str(error)
    assert str(error).count(where) >= 1


def test_many_problems_are_counted_and_the_first_few_listed() -> None:
    error = refused(envelope({"goals": [{"id": f"g{i}", "text": i} for i in range(10)]}))
    assert "10 problems" in error.message
    assert error.details == [f"goals[{i}].text: should be text" for i in range(3)]


def test_unknown_envelope_field() -> None:
    error = refused(envelope({}, comment="hi"))
    assert error.where == "comment"


@pytest.mark.parametrize("document", ['{"title": "x"}', "[1, 2]", '"via-workshop"', "42", "null"])
def test_json_that_is_not_a_via_file(document: str) -> None:
    assert "not a Via workshop" in refused(document).message


def test_other_format_marker_is_named() -> None:
    error = refused('{"format": "drawio", "version": 1}')
    assert "drawio" in error.message and error.where == "format"


@pytest.mark.parametrize("version", [None, "1", 1.0, True])
def test_version_must_be_a_whole_number(version: object) -> None:
    error = refused(envelope({}, version=version))
    assert error.where == "version" and not error.newer_version


def test_missing_workshop_body() -> None:
    assert refused('{"format": "via-workshop", "version": 1}').where == "workshop"


def test_newer_version_is_refused_and_flagged() -> None:
    error = refused(envelope({"goals": [], "something_new": []}, version=storage.SCHEMA_VERSION + 1))
    assert isinstance(error, NewerVersionError)
    assert error.newer_version
    assert "newer Via" in error.message and "update Via" in error.message


def test_integrity_problems_name_the_place() -> None:
    error = refused(
        envelope(
            {
                "goals": [{"id": "g1", "text": "A"}],
                "links": [{"id": "l1", "source": "g1", "target": "g-gone"}],
            }
        )
    )
    assert error.where == "links[0].target"
    assert "no goal 'g-gone'" in str(error)


def test_duplicate_ids_are_refused() -> None:
    error = refused(envelope({"goals": [{"id": "g", "text": "A"}, {"id": "g", "text": "B"}]}))
    assert error.where == "goals[1].id"


def test_load_reports_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(LoadError, match=r"no file called nope\.via"):
        storage.load(tmp_path / "nope.via")
    with pytest.raises(LoadError, match="folder"):
        storage.load(tmp_path)


def test_load_of_a_damaged_file_carries_its_path(tmp_path) -> None:
    path = tmp_path / "broken.via"
    path.write_bytes(b'{"format": "via-workshop", "version": 1, "workshop": {')
    with pytest.raises(LoadError) as caught:
        storage.load(path)
    assert caught.value.path == path
    assert caught.value.where == "line 1, column 55"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path) -> None:
    pipe = tmp_path / "pipe.via"
    os.mkfifo(pipe)
    with pytest.raises(LoadError, match="not a regular file"):
        storage.load(pipe)


def test_a_flood_of_bad_items_is_refused_with_the_first_few_places() -> None:
    error = refused(envelope({"goals": [{"id": f"g{i}", "text": i} for i in range(5000)]}))
    assert "5000 problems" in error.message
    assert error.where == "goals[0].text"
    assert error.details == [f"goals[{i}].text: should be text" for i in range(3)]


def test_a_file_with_far_more_values_than_a_workshop_is_refused_before_parsing() -> None:
    flood = '{"format": "via-workshop", "version": 1, "workshop": {"goals": [' + "1," * 600_000 + "1]}}"
    assert "far more items" in refused(flood).message


def test_commas_inside_texts_do_not_count_as_values() -> None:
    text = "," * 19_999
    goals = [{"id": f"g{i}", "text": text} for i in range(30)]  # 600,000 commas, all inside texts
    ws = storage.loads(envelope({"goals": goals}))
    assert len(ws.goals) == 30 and ws.goals[29].text == text


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    was_enabled = gc.isenabled()  # off when the UI tests' collector runs it from the event loop
    try:
        gc.enable()
        storage.loads(envelope({}))
        assert gc.isenabled()
        refused("{")
        assert gc.isenabled()
        gc.disable()
        storage.loads(envelope({}))
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def _with(demo_text: str, change) -> str:
    document = json.loads(demo_text)
    change(document["workshop"])
    return json.dumps(document, separators=(",", ":"))


def _set_skipped(ws: dict, value: object) -> None:
    ws["answers"][0]["skipped"] = value


def _set_question(ws: dict, value: object) -> None:
    ws["answers"][0]["question"] = value


def _set_x(ws: dict, value: object) -> None:
    ws["positions"]["g-loyalty"] = {"x": value, "y": 0.0}


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        (lambda ws: ws["meta"].update(date=0), "meta.date", "date like"),
        (lambda ws: ws["meta"].update(date="2026-11-23T00:00:00Z"), "meta.date", "date like"),
        (lambda ws: _set_skipped(ws, "yes"), "answers[0].skipped", "true or false"),
        (lambda ws: _set_question(ws, "2"), "answers[0].question", "whole number"),
        (lambda ws: _set_x(ws, "1e3"), "positions.", "number"),
    ],
    ids=["date as a number", "date with a time", "yes as text", "number as text", "coordinate as text"],
)
def test_a_value_of_the_wrong_type_is_refused_not_guessed(demo_text: str, change, place: str, words: str) -> None:
    """The schema `via schema` publishes refuses these; guessing (0 as 1970-01-01) would change the workshop."""
    text = _with(demo_text, change)
    for variant in (text, " " + text):  # as Via writes files (the fast way) and as a hand-edited one
        error = refused(variant)
        assert error.where.startswith(place) and words in error.details[0], (error.where, error.details)


@pytest.mark.parametrize(
    ("encoding", "words"),
    [
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32"),
        ("utf-32-be", "UTF-32"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
        ("utf-16", "UTF-16"),
    ],
)
def test_a_file_in_another_unicode_encoding_is_named_for_what_it_is(demo_text: str, encoding: str, words: str) -> None:
    assert f"saved as {words}" in refused(demo_text.encode(encoding)).message


def test_a_file_of_zeros_is_binary_not_some_unicode() -> None:
    """What a power cut often leaves: the message must not send the user looking for an encoding."""
    assert "binary" in refused(b"\x00" * 4096).message


def test_a_file_with_its_utf8_mark_twice_still_opens(demo_text: str) -> None:
    expected = storage.loads(demo_text)
    assert storage.loads(b"\xef\xbb\xbf\xef\xbb\xbf" + demo_text.encode("utf-8")) == expected
    assert storage.loads("\ufeff\ufeff" + demo_text) == expected


def test_a_lone_surrogate_escape_is_dropped_as_the_model_drops_it(demo_text: str) -> None:
    """`\\ud800` in a hand-edited file cannot be UTF-8; the text around it is kept."""
    document = json.loads(demo_text)
    document["workshop"]["goals"][0]["text"] = "Grow\ud800 loyalty"
    for text in (json.dumps(document), json.dumps(document, separators=(",", ":"))):
        assert storage.loads(text).goals[0].text == "Grow loyalty"


# --- keys given twice ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, where",
    [
        ('{"format": "via-workshop", "version": 1, "version": 1, "workshop": {}}', "version"),
        (
            '{"format": "via-workshop", "version": 1, "workshop": {"goals": '
            '[{"id": "g", "text": "Grow", "text": "Shrink"}]}}',
            "goals[0].text",
        ),
        (
            '{"format": "via-workshop", "version": 1, "workshop": {"positions": '
            '{"g": {"x": 1, "y": 2}, "g": {"x": 3, "y": 4}}}}',
            "positions.g",
        ),
        ('{"format": "via-workshop", "version": 1, "workshop": {"goals": [], "goals": []}}', "goals"),
    ],
)
def test_a_key_given_twice_is_refused_with_its_place(text: str, where: str) -> None:
    error = refused(text)
    assert error.where == where
    assert "twice" in str(error) and where in str(error)


def test_a_key_given_twice_in_a_file_that_starts_as_via_writes_one_is_refused(demo_text: str) -> None:
    """The fast way (pydantic's parser) would quietly take the second value."""
    first_goal = demo_text.index('"goals":[{') + len('"goals":[{')
    edited = demo_text[:first_goal] + '"text":"Typed by hand",' + demo_text[first_goal:]
    assert edited.startswith(storage._OWN_HEAD)
    error = refused(edited)
    assert error.where == "goals[0].text"


def test_a_file_via_wrote_loads_without_the_careful_way(demo_text: str, monkeypatch) -> None:
    """No key twice is proven by the text being what Via writes; the slower look is not needed."""
    monkeypatch.setattr(storage, "_refuse_duplicate_keys", lambda text: pytest.fail("looked for keys twice"))
    assert storage.dumps(storage.loads(demo_text)) == demo_text


def test_the_same_key_in_different_objects_is_fine(demo_text: str) -> None:
    storage.loads(demo_text.replace('"format"', ' "format"', 1))  # the careful way, every goal has "text"


# --- messages stay one line of plain text --------------------------------------------------------

HOSTILE = ["\u202e", "\r\n", "\u2028", "\u2029", "\x85", "\x1b[2J", "\u2066"]


@pytest.mark.parametrize("bad", HOSTILE)
@pytest.mark.parametrize(
    "make",
    [
        lambda bad: envelope({f"notes{bad}evil": 1}),  # an unknown field
        lambda bad: envelope({}, **{f"extra{bad}": 1}),  # an unknown envelope field
        lambda bad: json.dumps({"format": f"draw{bad}io", "version": 1}),  # another program's marker
        lambda bad: envelope(
            {"goals": [{"id": "g1", "text": "A"}], "links": [{"id": "l", "source": "g1", "target": f"g{bad}x"}]}
        ),
        lambda bad: envelope({"positions": {f"g{bad}": {"x": "left", "y": 0}}}),  # a card id as a key
        lambda bad: envelope({"KEY": 1}).replace('"KEY": 1', f'"k{json.dumps(bad)[1:-1]}": 1, ' * 2 + '"x": 0'),
    ],
    ids=["unknown-key", "envelope-key", "marker", "reference", "position-key", "duplicate"],
)
def test_a_message_quoting_the_file_is_one_line_of_printable_text(make, bad: str) -> None:
    error = refused(make(bad))
    for text in (str(error), error.message, error.where, *error.details):
        assert text.isprintable(), repr(text)
        for char in "\u202e\r\n\u2028\u2029\x85\x1b\u2066":
            assert char not in text
    assert "\\" in str(error), "what the file holds is shown escaped, not silently lost"


def test_a_very_long_unknown_key_is_cut_short_in_the_message() -> None:
    error = refused(envelope({"k" * 5000: 1}))
    assert len(str(error)) < 400
