"""Typed names (collections, card kinds, suggestion kinds) are the very strings the file and the
undo records always used: code may use either and nothing written changes."""

from __future__ import annotations

import json

from workshop import ops
from workshop.changes import Part
from workshop.model import (
    COLLECTIONS,
    CardKind,
    Collection,
    GoalSuggestion,
    LinkSuggestion,
    SuggestionKind,
    Workshop,
)
from workshop.storage import dumps


def test_collections_are_the_workshop_list_fields_with_ids_in_field_order():
    list_fields = [name for name in Workshop.model_fields if name not in ("meta", "positions")]
    assert [c.value for c in COLLECTIONS] == list_fields
    assert tuple(Collection) == COLLECTIONS


def test_a_collection_is_its_string():
    assert Collection.GOALS == "goals"
    assert {"goals": 1}[Collection.GOALS] == 1
    assert json.dumps([Collection.KPIS]) == '["kpis"]'
    assert f"{Collection.LINKS}" == "links"


def test_touched_keys_are_the_same_strings_as_before():
    ws = Workshop()
    change = ops.add_goal(ws, "Grow", position=(0.0, 0.0))
    touched = change.touched()
    assert set(touched) == {"goals", "positions"}
    assert touched["goals"] == touched[Collection.GOALS]
    assert Part.POSITIONS in touched and "positions" in touched
    assert ops.set_meta(ws, title="T").touched() == {"meta": set()}


def test_plain_strings_still_name_collections():
    ws = Workshop()
    goal_id = ops.add_goal(ws, "Grow").created_id
    assert ws.find("goals", goal_id) is ws.find(Collection.GOALS, goal_id)
    assert ws.index_of("goals", goal_id) == 0


def test_suggestion_and_card_kinds_are_the_file_strings():
    assert LinkSuggestion.model_fields["kind"].default == SuggestionKind.LINK
    assert GoalSuggestion.model_fields["kind"].default == SuggestionKind.GOAL
    assert [k.value for k in CardKind] == ["strategic", "goal", "kpi"]


def test_the_file_is_written_as_before():
    ws = Workshop()
    ops.add_function(ws, "Sales", "customer_facing", id="f-1")
    ops.add_goal(ws, "Grow", id="g-1")
    ops.add_goal(ws, "Sell", "f-1", id="g-2")
    ops.link(ws, "g-2", "g-1", id="l-1")
    ops.suggest_goal(ws, "More", "f-1", id="s-1")
    data = json.loads(dumps(ws))["workshop"]
    assert data["suggestions"][0]["kind"] == "goal"
    assert [g["id"] for g in data["goals"]] == ["g-1", "g-2"]
    assert "links" in data and "functions" in data
