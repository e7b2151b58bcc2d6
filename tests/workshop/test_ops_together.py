"""Several operations as one step: all or nothing, whatever goes wrong half-way."""

import pytest

from workshop import ops
from workshop.changes import OperationError
from workshop.examples import customer_loyalty


def test_a_goal_added_and_linked_together_undoes_in_one_step() -> None:
    ws = customer_loyalty()
    before = ws.model_dump()

    def answer(run: ops.Batch) -> str:
        goal = run(ops.add_goal, "Onboard new sellers in a week", "f-hr").created_id
        run(ops.link, goal, "g-sales-match")
        return goal

    change = ops.run_together(ws, "Answer question 4", answer)
    assert change.created_id is not None and ws.goal(change.created_id) is not None
    assert any(link.source == change.created_id for link in ws.links)
    change.inverse().apply(ws)
    assert ws.model_dump() == before


@pytest.mark.parametrize("failure", [OperationError("refused"), RuntimeError("a bug")])
def test_a_failure_half_way_leaves_the_workshop_as_it_was(failure: Exception) -> None:
    ws = customer_loyalty()
    before = ws.model_dump()

    def half(run: ops.Batch) -> None:
        run(ops.add_goal, "A goal that will not stay", "f-hr")
        raise failure

    with pytest.raises(type(failure)):
        ops.run_together(ws, "Half an answer", half)
    assert ws.model_dump() == before


def test_blank_goal_texts_and_kpi_names_are_refused_with_a_reason() -> None:
    ws = customer_loyalty()
    with pytest.raises(OperationError, match="needs some text"):
        ops.add_goal(ws, "  \n ", "f-hr")
    with pytest.raises(OperationError, match="needs some text"):
        ops.update_goal(ws, "g-loyalty", text="\t")
    with pytest.raises(OperationError, match="KPI needs a name"):
        ops.update_kpi(ws, "k-sales-contracts", name=" ")
    assert ws.goal("g-loyalty").text == "Increase customer loyalty"


def test_a_blank_goal_suggestion_is_refused_so_accepting_can_never_make_an_empty_goal() -> None:
    ws = customer_loyalty()
    with pytest.raises(OperationError, match="needs some text"):
        ops.suggest_goal(ws, " \n", "f-hr", author="Lena")
    assert not [s for s in ws.suggestions if s.kind == "goal"]
