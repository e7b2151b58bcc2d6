"""The id index behind `Workshop.find` and `index_of` always answers what a scan of the list would.

Hypothesis drives the same random operations as test_ops_inverse.py (its drivers), each followed by
its undo and redo, sometimes with look-ups between the steps and sometimes not (an undo applies a
whole batch with none), on an empty, the demo and a generated workshop; after each, every id of
every collection is looked up and compared with a plain scan. Copies, validation, `with_card_text`
and `run_together`'s rollback get their own cases.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import examples, idindex, ops, storage, synthetic
from workshop.changes import OperationError
from workshop.model import COLLECTIONS, Collection, Goal, Workshop

_spec = importlib.util.spec_from_file_location("_ops_drivers", Path(__file__).with_name("test_ops_inverse.py"))
assert _spec is not None and _spec.loader is not None
_drivers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_drivers)
DRIVERS = _drivers.DRIVERS

STARTS = {
    "empty": Workshop,
    "demo": lambda: examples.build("customer-loyalty"),
    "generated": lambda: synthetic.generate(40, seed=7),
}
_CACHE = {name: make() for name, make in STARTS.items()}


def scan(items: list, item_id: str) -> int:
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    return -1


def assert_index_right(ws: Workshop, absent: tuple[str, ...] = ("no-such-id",)) -> None:
    """Every id of every collection is found where a scan finds it, as the very object in the list."""
    for collection in COLLECTIONS:
        items = getattr(ws, collection)
        for item in items:
            expected = scan(items, item.id)
            assert ws.index_of(collection, item.id) == expected, (collection, item.id)
            assert ws.find(collection, item.id) is items[expected]
        for item_id in absent:
            if scan(items, item_id) < 0:
                assert ws.index_of(collection, item_id) == -1
                assert ws.find(collection, item_id) is None


def some_lookups(ws: Workshop, data: st.DataObject) -> None:
    """Look a few ids up, so the index is built or repaired part-way through a sequence."""
    for _ in range(data.draw(st.integers(0, 3))):
        collection = data.draw(st.sampled_from(COLLECTIONS))
        items = getattr(ws, collection)
        if items:
            item = items[data.draw(st.integers(0, len(items) - 1))]
            assert ws.find(collection, item.id) is items[scan(items, item.id)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(sorted(STARTS)), probe=st.sampled_from([0, 1, idindex.PROBE]), data=st.data())
def test_index_follows_random_operations_with_undo_and_redo(start: str, probe: int, data: st.DataObject) -> None:
    """`probe` 0 repairs every stale position at once; larger ones look nearby first."""
    saved, idindex.PROBE = idindex.PROBE, probe
    try:
        _random_operations(start, data)
    finally:
        idindex.PROBE = saved


def _random_operations(start: str, data: st.DataObject) -> None:
    ws = _CACHE[start].model_copy(deep=True)
    done = []
    for _ in range(data.draw(st.integers(1, 14))):
        operation, args, kwargs = DRIVERS[data.draw(st.sampled_from(sorted(DRIVERS)))](ws, data)
        try:
            change = operation(ws, *args, **kwargs)
        except OperationError:
            assert_index_right(ws)
            continue
        done.append(change)
        if data.draw(st.booleans()):
            some_lookups(ws, data)
        if data.draw(st.booleans()):  # undo and redo at once, no look-up in between
            change.inverse().apply(ws)
            if data.draw(st.booleans()):
                some_lookups(ws, data)
            change.apply(ws)
        assert_index_right(ws, absent=("no-such-id", *(s.item.id for c in done for s in c.steps if hasattr(s, "item"))))
    # undo everything in one go, then redo everything, checking only at the end of each
    for change in reversed(done):
        change.inverse().apply(ws)
    assert ws == _CACHE[start]
    assert_index_right(ws)
    for change in done:
        change.apply(ws)
    assert_index_right(ws)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_index_follows_a_failed_run_together(data: st.DataObject) -> None:
    ws = _CACHE["demo"].model_copy(deep=True)
    before = ws.model_copy(deep=True)
    count = data.draw(st.integers(1, 6))

    def build(batch: ops.Batch) -> str | None:
        for _ in range(count):
            operation, args, kwargs = DRIVERS[data.draw(st.sampled_from(sorted(DRIVERS)))](ws, data)
            try:
                batch(operation, *args, **kwargs)
            except OperationError:
                pass
            some_lookups(ws, data)
        raise OperationError("the room changed its mind")

    with pytest.raises(OperationError):
        ops.run_together(ws, "Several", build)
    assert ws == before
    assert_index_right(ws)


@pytest.mark.parametrize("probe", [0, 2, idindex.PROBE])
def test_removing_goals_from_the_middle_and_undoing_keeps_positions_right(monkeypatch, probe: int) -> None:
    monkeypatch.setattr(idindex, "PROBE", probe)
    ws = synthetic.generate(300, seed=3)
    assert_index_right(ws)
    goal_ids = [g.id for g in ws.goals[5::7]]
    change = ops.remove_goals(ws, goal_ids)
    assert_index_right(ws, absent=tuple(goal_ids))
    change.inverse().apply(ws)
    assert_index_right(ws)
    change.apply(ws)
    assert all(ws.goal(g) is None for g in goal_ids)
    assert_index_right(ws)


def test_copies_validation_and_replaced_lists_never_share_a_stale_index() -> None:
    ws = examples.build("customer-loyalty")
    assert_index_right(ws)  # builds the index
    shallow, deep, dumped = ws.model_copy(), ws.model_copy(deep=True), Workshop.model_validate(ws.model_dump())
    loaded = storage.loads(storage.dumps(ws))
    copied, deep_copied = copy.copy(ws), copy.deepcopy(ws)
    goal_id = ops.add_goal(ws, "Only in the original", id="g-only-here").created_id
    ops.remove_goals(ws, [ws.goals[0].id])
    for other in (shallow, deep, dumped, loaded, copied, deep_copied):
        assert other is not ws
        assert other == dumped or other is shallow or other is copied  # equality ignores the index
        assert_index_right(other)
    assert deep.goal(goal_id) is None and dumped.goal(goal_id) is None and loaded.goal(goal_id) is None
    assert_index_right(ws)
    ws.goals = [Goal(id="g-fresh", text="A new list")]
    assert ws.goal("g-fresh") is ws.goals[0]
    assert ws.goal(goal_id) is None
    ws.goals.append(Goal(id="g-appended", text="Appended behind the index's back"))
    assert ws.index_of(Collection.GOALS, "g-appended") == 1


def test_with_card_text_copy_and_original_each_answer_for_themselves() -> None:
    ws = examples.build("customer-loyalty")
    assert_index_right(ws)
    goal = ws.goals[3]
    copy_ws = ops.with_card_text(ws, goal.id, "Typed but not yet an edit")
    assert copy_ws is not None
    assert copy_ws.goal(goal.id).text == "Typed but not yet an edit"
    assert ws.goal(goal.id) is goal and ws.goal(goal.id).text != "Typed but not yet an edit"
    assert_index_right(ws)
    assert_index_right(copy_ws)
    ops.remove_goals(ws, [goal.id])  # the original moves on; the copy keeps what it had
    assert copy_ws.goal(goal.id) is not None
    assert_index_right(copy_ws)


def test_an_id_given_twice_is_found_first_as_a_scan_would() -> None:
    ws = Workshop.model_construct(goals=[Goal(id="g-1", text="first"), Goal(id="g-1", text="second")])
    assert ws.goal("g-1").text == "first"
    assert ws.index_of(Collection.GOALS, "g-1") == 0
    ws.goals.pop(0)
    assert ws.goal("g-1").text == "second"
