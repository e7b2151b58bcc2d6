"""Every operation is exactly undoable and redoable, keeps the workshop sound, and a refused one
changes nothing: the guarantees undo, autosave and the room's suggestions stand on.

Hypothesis drives random sequences of operations, with arguments drawn from what the workshop
holds at that moment (plus ids that do not exist), starting from an empty workshop, the demo, and
a generated one. After each operation: undo (`change.inverse()`) restores the model exactly, redo
(`change.apply`) gives the same model as after the operation, and `integrity.problems` is empty.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import examples, integrity, ops, storage, synthetic
from workshop.analysis import analyse
from workshop.changes import Change, OperationError
from workshop.findings import Finding, Severity
from workshop.model import FunctionKind, KpiScope, LinkKind, Workshop

texts = st.one_of(
    st.sampled_from(["", "Sales", "R&D <b>x", "😀", "\x00\u202e", "a\r\nb", " padded "]), st.text(max_size=12)
)
coordinates = st.floats(min_value=-2e7, max_value=2e7, allow_nan=False)
MISSING = "no-such-id"

Call = tuple[Callable[..., Change], tuple[Any, ...], dict[str, Any]]


def ids(ws: Workshop, collection: str) -> list[str]:
    return [item.id for item in getattr(ws, collection)]


def pick(data: st.DataObject, choices: list[str]) -> str:
    """An existing id most of the time, sometimes one that does not exist."""
    return data.draw(st.sampled_from([*choices, MISSING]) if choices else st.just(MISSING))


def some(data: st.DataObject, choices: list[str], max_size: int = 3) -> list[str]:
    return data.draw(st.lists(st.sampled_from([*choices, MISSING]), max_size=max_size)) if choices else []


def fields(data: st.DataObject, options: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    names = data.draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=len(options), unique=True))
    return {name: data.draw(options[name]) for name in names}


def function_of_kind(ws: Workshop, data: st.DataObject, kind: FunctionKind | None = None) -> str:
    return pick(data, [f.id for f in ws.functions if kind is None or f.kind == kind])


def card_ids(ws: Workshop) -> list[str]:
    return ids(ws, "goals") + ids(ws, "kpis")


# Each driver draws the arguments of one operation from the current workshop.
DRIVERS: dict[str, Callable[[Workshop, st.DataObject], Call]] = {
    "set_meta": lambda ws, d: (
        ops.set_meta,
        (),
        fields(
            d,
            {
                "title": texts,
                "facilitator": texts,
                "date": st.none() | st.dates(),
                "participants": st.lists(texts, max_size=3),
            },
        ),
    ),
    "add_function": lambda ws, d: (
        ops.add_function,
        (d.draw(texts), d.draw(st.sampled_from([*FunctionKind, "nonsense"]))),
        {"colour": d.draw(st.none() | st.sampled_from(["#123abc", "red"]))},
    ),
    "update_function": lambda ws, d: (
        ops.update_function,
        (function_of_kind(ws, d),),
        fields(d, {"name": texts, "kind": st.sampled_from(FunctionKind), "colour": st.just("#abcdef")}),
    ),
    "remove_function": lambda ws, d: (ops.remove_function, (function_of_kind(ws, d),), {}),
    "add_goal": lambda ws, d: (
        ops.add_goal,
        (d.draw(texts), d.draw(st.none() | st.just(function_of_kind(ws, d)))),
        {"measure": d.draw(texts), "position": d.draw(st.none() | st.tuples(coordinates, coordinates))},
    ),
    "update_goal": lambda ws, d: (
        ops.update_goal,
        (pick(d, ids(ws, "goals")),),
        fields(
            d,
            {
                "text": texts,
                "measure": texts,
                "target": texts,
                "function_id": st.none() | st.sampled_from([*ids(ws, "functions"), MISSING]),
            },
        ),
    ),
    "remove_goals": lambda ws, d: (ops.remove_goals, (some(d, ids(ws, "goals")),), {}),
    "link": lambda ws, d: (
        ops.link,
        (pick(d, ids(ws, "goals")), pick(d, ids(ws, "goals"))),
        {"kind": d.draw(st.sampled_from(LinkKind)), "reason": d.draw(texts)},
    ),
    "update_link": lambda ws, d: (
        ops.update_link,
        (pick(d, ids(ws, "links")),),
        fields(d, {"kind": st.sampled_from(LinkKind), "reason": texts}),
    ),
    "unlink": lambda ws, d: (ops.unlink, (pick(d, ids(ws, "links")),), {}),
    "add_relation": lambda ws, d: (
        ops.add_relation,
        (function_of_kind(ws, d, FunctionKind.SUPPORT), function_of_kind(ws, d)),
        {},
    ),
    "update_relation": lambda ws, d: (
        ops.update_relation,
        (pick(d, ids(ws, "relations")),),
        fields(
            d,
            {
                "customer_goal_ids": st.lists(st.sampled_from([*ids(ws, "goals"), MISSING]), max_size=3),
                "helps": st.lists(texts, max_size=2),
                "hindrances": st.lists(texts, max_size=2),
            },
        ),
    ),
    "remove_relation": lambda ws, d: (ops.remove_relation, (pick(d, ids(ws, "relations")),), {}),
    "set_answer": lambda ws, d: (
        ops.set_answer,
        (function_of_kind(ws, d), d.draw(st.integers(0, 5))),
        fields(d, {"note": texts, "skipped": st.booleans()}),
    ),
    "add_kpi": lambda ws, d: (
        ops.add_kpi,
        (function_of_kind(ws, d), d.draw(texts)),
        {"scope": d.draw(st.sampled_from(KpiScope)), "incentive": d.draw(texts)},
    ),
    "update_kpi": lambda ws, d: (
        ops.update_kpi,
        (pick(d, ids(ws, "kpis")),),
        fields(d, {"name": texts, "rewards": texts, "function_id": st.sampled_from([*ids(ws, "functions"), MISSING])}),
    ),
    "remove_kpi": lambda ws, d: (ops.remove_kpi, (pick(d, ids(ws, "kpis")),), {}),
    "add_tension": lambda ws, d: (
        ops.add_tension,
        (pick(d, ids(ws, "kpis")), pick(d, ids(ws, "kpis") + ids(ws, "goals")), d.draw(texts)),
        {},
    ),
    "update_tension": lambda ws, d: (
        ops.update_tension,
        (pick(d, ids(ws, "tensions")),),
        fields(d, {"description": texts, "resolved": st.booleans()}),
    ),
    "add_weakness": lambda ws, d: (
        ops.add_weakness,
        (function_of_kind(ws, d), d.draw(texts), some(d, ids(ws, "functions"))),
        {},
    ),
    "update_weakness": lambda ws, d: (
        ops.update_weakness,
        (pick(d, ids(ws, "weaknesses")),),
        fields(
            d,
            {
                "description": texts,
                "affected_function_ids": st.lists(st.sampled_from([*ids(ws, "functions"), MISSING]), max_size=3),
                "function_id": st.sampled_from([*ids(ws, "functions"), MISSING]),
            },
        ),
    ),
    "add_decision": lambda ws, d: (
        ops.add_decision,
        (d.draw(texts), d.draw(texts)),
        {"heard_function_ids": some(d, ids(ws, "functions")), "due": d.draw(st.none() | st.dates())},
    ),
    "update_decision": lambda ws, d: (
        ops.update_decision,
        (pick(d, ids(ws, "decisions")),),
        fields(
            d,
            {
                "text": texts,
                "owner": texts,
                "heard_function_ids": st.lists(st.sampled_from([*ids(ws, "functions"), MISSING]), max_size=3),
            },
        ),
    ),
    "remove_item": lambda ws, d: (
        ops.remove_item,
        (
            collection := d.draw(
                st.sampled_from(["tensions", "weaknesses", "decisions", "answers", "suggestions", "goals"])
            ),
            pick(d, ids(ws, collection)),
        ),
        {},
    ),
    "suggest_link": lambda ws, d: (
        ops.suggest_link,
        (pick(d, ids(ws, "goals")), pick(d, ids(ws, "goals"))),
        {"author": d.draw(texts), "reason": d.draw(texts), "link_kind": d.draw(st.sampled_from(LinkKind))},
    ),
    "suggest_goal": lambda ws, d: (
        ops.suggest_goal,
        (d.draw(texts), d.draw(st.none() | st.just(function_of_kind(ws, d)))),
        {"author": d.draw(texts)},
    ),
    "vote": lambda ws, d: (ops.vote, (pick(d, ids(ws, "suggestions")),), {}),
    "accept_suggestion": lambda ws, d: (ops.accept_suggestion, (pick(d, ids(ws, "suggestions")),), {}),
    "reject_suggestion": lambda ws, d: (ops.reject_suggestion, (pick(d, ids(ws, "suggestions")),), {}),
    "dismiss_finding": lambda ws, d: (
        ops.dismiss_finding,
        (d.draw(st.sampled_from(list(analyse(ws).findings) or [Finding("none", Severity.INFO, "Nothing.", ())])),),
        {"reason": d.draw(texts)},
    ),
    "restore_finding": lambda ws, d: (ops.restore_finding, (pick(d, ids(ws, "dismissals")),), {}),
    "move_cards": lambda ws, d: (
        ops.move_cards,
        ({card: (d.draw(coordinates), d.draw(coordinates)) for card in some(d, card_ids(ws), 4)},),
        {},
    ),
    "set_pinned": lambda ws, d: (ops.set_pinned, (some(d, card_ids(ws)), d.draw(st.booleans())), {}),
}

NOT_EDITS = {"check_link", "is_around_link", "combine", "run_together", "with_card_text"}
"""Functions of workshop.ops that do not edit by themselves: checks, combine, run_together and with_card_text
(a copy, tested on its own)."""

STARTS: dict[str, Callable[[], Workshop]] = {
    "empty": Workshop,
    "demo": lambda: examples.build("customer-loyalty"),
    "generated": lambda: synthetic.generate(40, seed=7),
}
_START_CACHE = {name: make() for name, make in STARTS.items()}


def check_exactly_undoable(ws: Workshop, call: Call) -> Change | None:
    """Run one operation and check undo/redo/soundness; returns None when it was refused."""
    operation, args, kwargs = call
    before = ws.model_copy(deep=True)
    try:
        change = operation(ws, *args, **kwargs)
    except OperationError:
        assert ws == before, f"refused {operation.__name__} changed the workshop"
        return None
    after = ws.model_copy(deep=True)
    assert integrity.problems(ws) == [], f"{operation.__name__}{args}{kwargs} broke the workshop"
    change.inverse().apply(ws)
    assert ws == before, f"undo of {operation.__name__} did not restore the workshop"
    assert ws.model_dump(exclude={"positions"}) == before.model_dump(exclude={"positions"})  # order too
    change.apply(ws)
    assert ws == after, f"redo of {operation.__name__} differs from doing it"
    return change


def test_every_editing_operation_has_a_driver() -> None:
    public = {
        name
        for name, fn in inspect.getmembers(ops, inspect.isfunction)
        if fn.__module__ == ops.__name__ and not name.startswith("_")
    }
    assert public - NOT_EDITS - {"remove_goal"} == set(DRIVERS)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(sorted(STARTS)), data=st.data())
def test_random_operations_are_exactly_undoable_and_keep_the_workshop_sound(start: str, data: st.DataObject) -> None:
    ws = _START_CACHE[start].model_copy(deep=True)
    for _ in range(data.draw(st.integers(1, 12))):
        name = data.draw(st.sampled_from(sorted(DRIVERS)))
        check_exactly_undoable(ws, DRIVERS[name](ws, data))
    assert storage.loads(storage.dumps(ws)) == ws  # whatever the operations made, the file keeps


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_operation_on_the_demo(data: st.DataObject) -> None:
    """Every operation gets its turn on a populated workshop, so rare ones are not left to chance."""
    for name in sorted(DRIVERS):
        ws = _START_CACHE["demo"].model_copy(deep=True)
        check_exactly_undoable(ws, DRIVERS[name](ws, data))


# --- cascades, explicitly ------------------------------------------------------------------------


def demo() -> Workshop:
    return _START_CACHE["demo"].model_copy(deep=True)


@pytest.mark.parametrize("function_id", ["f-it", "f-hr", "f-sales", "f-support", "f-procurement"])
def test_remove_function_cascade_is_one_exact_undo(function_id: str) -> None:
    ws = demo()
    change = check_exactly_undoable(ws, (ops.remove_function, (function_id,), {}))
    assert change is not None and len(change.steps) > 1
    assert ws.function(function_id) is None
    assert not [g for g in ws.goals if g.function_id == function_id]


def test_support_function_turned_customer_facing_loses_its_internal_customers_and_undo_brings_them_back() -> None:
    ws = demo()
    assert ws.relations_of("f-it")
    change = check_exactly_undoable(ws, (ops.update_function, ("f-it",), {"kind": "customer_facing"}))
    assert change is not None
    assert ws.relations_of("f-it") == [] and ws.answer("f-it", 1) is None


def test_remove_goals_cascade() -> None:
    ws = demo()
    linked = {g for lk in ws.links for g in (lk.source, lk.target)}
    goal_ids = sorted(linked)[:3]
    check_exactly_undoable(ws, (ops.remove_goals, (goal_ids,), {}))
    assert not [lk for lk in ws.links if {lk.source, lk.target} & set(goal_ids)]


def test_accept_suggestion_creates_and_marks_in_one_exact_step() -> None:
    ws = demo()
    pending = [s.id for s in ws.suggestions if s.status == "pending"]
    assert pending
    for suggestion_id in pending:
        change = check_exactly_undoable(ws, (ops.accept_suggestion, (suggestion_id,), {}))
        assert change is not None and change.created_id is not None
    ws2 = demo()
    goal_suggestion = ops.suggest_goal(ws2, "Publish a service catalogue", "f-it").created_id
    check_exactly_undoable(ws2, (ops.accept_suggestion, (goal_suggestion,), {}))
    assert any(g.text == "Publish a service catalogue" for g in ws2.goals)


def test_combined_changes_undo_as_one() -> None:
    ws = demo()
    before = ws.model_copy(deep=True)
    first = ops.add_goal(ws, "Cut onboarding time", "f-hr")
    second = ops.link(ws, first.created_id, "g-engagement", kind="direct_impact", reason="Staff development")
    third = ops.move_cards(ws, {first.created_id: (10.0, 20.0)})
    after = ws.model_copy(deep=True)
    combined = ops.combine("Answer question 4", [first, second, third])
    combined.inverse().apply(ws)
    assert ws == before
    combined.apply(ws)
    assert ws == after


def test_with_card_text_is_the_workshop_as_it_would_be_without_recording_an_edit():
    from workshop.examples import customer_loyalty

    ws = customer_loyalty()
    before = ws.model_dump()
    copy = ops.with_card_text(ws, "g-it-records", "Records within an hour")
    assert copy is not None and copy.goal("g-it-records").text == "Records within an hour"
    assert ws.model_dump() == before  # the workshop itself is untouched
    kpi = ws.kpis[0]
    assert ops.with_card_text(ws, kpi.id, "Tickets per day").find("kpis", kpi.id).name == "Tickets per day"
    assert ops.with_card_text(ws, "g-it-records", "  ") is None  # refused text: nothing to save instead
    assert ops.with_card_text(ws, "g-nobody", "x") is None
