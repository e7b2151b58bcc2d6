"""The load-time invariant check: a quick yes for a sound workshop, every problem named otherwise.

`integrity.problems` answers a sound workshop with set operations and walks item by item only
when those doubt it; a workshop must never slip through the quick answer with a broken reference.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import examples, integrity, ops
from workshop.changes import OperationError
from workshop.model import COLLECTIONS, FunctionKind, GoalSuggestion, Position, Workshop

REFERENCES = {
    "id",
    "function_id",
    "source",
    "target",
    "supplier_id",
    "customer_id",
    "kpi_id",
    "against_id",
}
REFERENCE_LISTS = {"customer_goal_ids", "affected_function_ids", "heard_function_ids"}


def base() -> Workshop:
    """The demo, placed, with a goal suggestion and a relation whose customer goals are not named yet."""
    ws = examples.build("customer-loyalty")
    for index, goal in enumerate(ws.goals):
        ws.positions[goal.id] = Position(x=index, y=0)
    ws.suggestions.append(GoalSuggestion(id="s-goal", text="Faster onboarding", function_id=ws.functions[0].id))
    ws.relations[-1].customer_goal_ids.clear()
    return ws


@st.composite
def damaged(draw: st.DrawFn) -> Workshop:
    """The demo with one to four things changed the way a hand edit or a bug might change them."""
    ws = base()
    pool = [item.id for collection in COLLECTIONS for item in getattr(ws, collection)] + ["nowhere"]
    for _ in range(draw(st.integers(1, 4))):
        collection = draw(st.sampled_from([c for c in COLLECTIONS if getattr(ws, c)] + ["positions"]))
        if collection == "positions":
            ws.positions[draw(st.sampled_from(pool))] = Position(x=0, y=0)
            continue
        item = draw(st.sampled_from(getattr(ws, collection)))
        if draw(st.integers(0, 4)) == 0:  # a second copy of an item under a new id: a repeated link, relation...
            getattr(ws, collection).append(item.model_copy(deep=True, update={"id": f"copy-{collection}"}))
            continue
        fields = sorted(set(type(item).model_fields) & (REFERENCES | REFERENCE_LISTS | {"question", "kind"}))
        if collection == "goals":
            fields.remove("target")  # a goal's target is its measure's target value, not a reference
        field = draw(st.sampled_from(fields))
        # Half the time a value from the same item: that is how self-links and self-service arise.
        nearby = [v for f in fields if f in REFERENCES and isinstance(v := getattr(item, f), str) and v]
        values = st.sampled_from(nearby) | st.sampled_from(pool)
        if field in REFERENCE_LISTS:
            if draw(st.booleans()):
                getattr(item, field).append(draw(values))
            else:
                getattr(item, field).clear()
        elif field == "question":
            item.question = draw(st.integers(1, 4))
        elif field == "kind":
            if collection == "functions":
                item.kind = draw(st.sampled_from(list(FunctionKind)))
        elif field == "function_id" and collection in ("goals", "suggestions"):
            setattr(item, field, draw(values | st.none()))
        else:
            setattr(item, field, draw(values))
    return ws


def test_the_demo_is_sound() -> None:
    assert integrity.problems(base()) == []


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_the_quick_answer_agrees_with_the_full_walk(ws: Workshop) -> None:
    assert integrity._sound(ws) == (integrity._every_problem(ws) == [])


def test_a_workshop_with_one_broken_reference_is_reported() -> None:
    ws = base()
    ws.relations[0].customer_goal_ids.append(ws.strategic_goals()[0].id)
    found = integrity.problems(ws)
    assert len(found) == 1
    assert found[0].startswith("relations[0].customer_goal_ids[")
    assert "not a goal of the internal customer" in found[0]


def _copy_of(ws: Workshop, collection: str, index: int = 0) -> None:
    items = getattr(ws, collection)
    items.append(items[index].model_copy(deep=True, update={"id": "copy"}))


BREAKAGES = {
    "id used twice across lists": (lambda ws: setattr(ws.decisions[0], "id", "g-loyalty"), "decisions[0].id"),
    "goal of an unknown function": (lambda ws: setattr(ws.goals[6], "function_id", "f-nobody"), "goals[6].function_id"),
    "link from an unknown goal": (lambda ws: setattr(ws.links[0], "source", "g-nobody"), "links[0].source"),
    "link to itself": (lambda ws: setattr(ws.links[0], "target", "g-sales-match"), "links[0]"),
    "same link twice": (lambda ws: _copy_of(ws, "links"), "links[8]"),
    "customer-facing supplier": (
        lambda ws: setattr(ws.relations[0], "supplier_id", "f-service"),
        "relations[0].supplier_id",
    ),
    "own internal customer": (lambda ws: setattr(ws.relations[1], "customer_id", "f-hr"), "relations[1]"),
    "same relation twice": (lambda ws: _copy_of(ws, "relations"), "relations[2]"),
    "customer goal of another function": (
        lambda ws: ws.relations[0].customer_goal_ids.append("g-support-fast"),
        "relations[0].customer_goal_ids[1]",
    ),
    "same question twice": (lambda ws: _copy_of(ws, "answers"), "answers[8]"),
    "KPI of an unknown function": (lambda ws: setattr(ws.kpis[0], "function_id", "f-nobody"), "kpis[0].function_id"),
    "tension of an unknown KPI": (lambda ws: setattr(ws.tensions[0], "kpi_id", "g-loyalty"), "tensions[0].kpi_id"),
    "tension against nothing": (lambda ws: setattr(ws.tensions[0], "against_id", "f-it"), "tensions[0].against_id"),
    "weakness affecting nobody": (
        lambda ws: ws.weaknesses[0].affected_function_ids.append("f-nobody"),
        "weaknesses[0].affected_function_ids[2]",
    ),
    "decision hearing nobody": (
        lambda ws: ws.decisions[0].heard_function_ids.append("f-nobody"),
        "decisions[0].heard_function_ids[3]",
    ),
    "link suggestion to nothing": (lambda ws: setattr(ws.suggestions[0], "target", "f-it"), "suggestions[0].target"),
    "goal suggestion for nobody": (
        lambda ws: setattr(ws.suggestions[1], "function_id", "g-loyalty"),
        "suggestions[1].function_id",
    ),
    "position of no card": (lambda ws: ws.positions.update(nobody=Position(x=0, y=0)), "positions.nobody"),
}


@pytest.mark.parametrize(("breakage", "where"), BREAKAGES.values(), ids=BREAKAGES.keys())
def test_each_kind_of_breakage_is_found_at_its_place(breakage, where: str) -> None:
    ws = base()
    breakage(ws)
    found = integrity.problems(ws)
    assert [problem.split(":", 1)[0] for problem in found] == [where]


EDITS_AND_BREAKAGES = {
    "link to itself": (lambda ws: ops.link(ws, "g-sales-match", "g-sales-match"), "link to itself"),
    "same link twice": (lambda ws: ops.link(ws, ws.links[0].source, ws.links[0].target), "same link twice"),
    "own internal customer": (lambda ws: ops.add_relation(ws, "f-hr", "f-hr"), "own internal customer"),
    "same relation twice": (
        lambda ws: ops.add_relation(ws, ws.relations[0].supplier_id, ws.relations[0].customer_id),
        "same relation twice",
    ),
    "customer goal of another function": (
        lambda ws: ops.update_relation(ws, ws.relations[0].id, customer_goal_ids=["g-support-fast"]),
        "customer goal of another function",
    ),
}


@pytest.mark.parametrize(("edit", "breakage"), EDITS_AND_BREAKAGES.values(), ids=EDITS_AND_BREAKAGES.keys())
def test_an_edit_is_refused_in_the_words_a_broken_file_is(edit, breakage: str) -> None:
    with pytest.raises(OperationError) as refused:
        edit(base())
    ws = base()
    BREAKAGES[breakage][0](ws)
    (problem,) = integrity.problems(ws)
    what = problem.split(": ", 1)[1]
    if breakage == "same relation twice":  # the file names functions by id, the edit by name
        assert "is already an internal customer of" in refused.value.args[0]
        assert "is already an internal customer of" in what
    else:
        assert refused.value.args[0] == integrity.sentence(what)
