"""The four internal-customer questions, internal customers and the goals they chose."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.findings import Severity
from workshop.model import LinkKind, Workshop


@pytest.fixture
def room(small_room) -> Callable[[], Workshop]:
    def build() -> Workshop:
        ws = small_room()
        ops.add_goal(ws, "Reduce expenditure", id="g-cost")
        ops.add_goal(ws, "Match products to real needs", "f-sales", id="g-sales")
        ops.add_goal(ws, "Win back lost customers", "f-sales", id="g-winback")
        ops.link(ws, "g-sales", "g-loyal")
        ops.link(ws, "g-winback", "g-loyal")
        return ws

    return build


def open_questions(ws: Workshop, function_id: str = "f-it") -> dict[int, str]:
    """Question number -> rule, for the question findings about one function."""
    out = {}
    for f in analyse(ws).findings:
        if f.rule in {"question-open", "question-skipped"} and f.subjects[0] == function_id:
            assert f.severity == Severity.INFO
            out[int(f.message.split()[1])] = f.rule
    return out


def answer_everything(ws: Workshop) -> None:
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales"], hindrances=["slow CRM"])
    ops.add_goal(ws, "Records within a day", "f-it", id="g-it")
    ops.link(ws, "g-it", "g-sales")


def test_a_new_support_function_has_all_four_questions_open(room):
    assert open_questions(room()) == {1: "question-open", 2: "question-open", 3: "question-open", 4: "question-open"}


def test_customer_facing_functions_are_not_asked(room):
    assert open_questions(room(), "f-sales") == {}


def test_recorded_data_answers_each_question(room):
    ws = room()
    answer_everything(ws)
    assert open_questions(ws) == {}


def test_question_one_is_answered_by_a_relation_or_by_a_note(room):
    ws = room()
    ops.set_answer(ws, "f-it", 1, note="We serve nobody but ourselves.")
    assert 1 not in open_questions(ws)
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales")
    assert 1 not in open_questions(ws)


def test_a_blank_note_does_not_answer_question_one(room):
    ws = room()
    ops.set_answer(ws, "f-it", 1, note="  \n ")
    assert 1 in open_questions(ws)


@pytest.mark.parametrize("question", [2, 3, 4])
def test_a_note_alone_does_not_answer_questions_two_to_four(room, question):
    ws = room()
    ops.set_answer(ws, "f-it", question, note="We talked about it.")
    assert open_questions(ws)[question] == "question-open"


def test_question_two_needs_chosen_customer_goals(room):
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    assert 2 in open_questions(ws)
    ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales"])
    assert 2 not in open_questions(ws)


def test_question_three_needs_a_help_or_a_hindrance(room):
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    assert 3 in open_questions(ws)
    ops.update_relation(ws, "r-it", helps=["fast CRM"])
    assert 3 not in open_questions(ws)


def test_question_four_needs_a_goal_serving_a_recorded_internal_customer(room):
    ws = room()
    ops.add_goal(ws, "Records within a day", "f-it", id="g-it")
    ops.link(ws, "g-it", "g-sales")
    assert 4 in open_questions(ws)  # Sales is not recorded as IT's internal customer yet
    ops.add_relation(ws, "f-it", "f-sales")
    assert 4 not in open_questions(ws)


def test_skipped_question_is_reported_as_skipped(room):
    ws = room()
    ops.set_answer(ws, "f-it", 3, skipped=True)
    result = open_questions(ws)
    assert result[3] == "question-skipped"
    assert result[2] == "question-open"
    finding = next(f for f in analyse(ws).findings if f.rule == "question-skipped")
    assert "skipped" in finding.message and "IT" in finding.message


def test_skipped_question_that_the_data_answers_is_not_reported(room):
    ws = room()
    answer_everything(ws)
    ops.set_answer(ws, "f-it", 3, skipped=True)
    assert open_questions(ws) == {}


def test_support_function_without_internal_customers_is_a_warning(room):
    ws = room()
    ops.add_goal(ws, "Records within a day", "f-it", id="g-it")
    [finding] = [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]
    assert (finding.severity, finding.subjects) == (Severity.WARNING, ("f-it",))
    assert "IT" in finding.message
    ops.add_relation(ws, "f-it", "f-sales")
    assert not [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]


def test_support_function_with_only_declared_exceptions_is_information(room):
    ws = room()
    ops.add_goal(ws, "Purchasing policy", "f-it", id="g-policy")
    ops.link(ws, "g-policy", "g-cost", kind=LinkKind.DIRECT_IMPACT, reason="It sets what we pay.")
    [finding] = [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]
    assert finding.severity == Severity.INFO
    ops.add_goal(ws, "Something else", "f-it")
    [finding] = [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]
    assert finding.severity == Severity.WARNING


def test_exception_without_reason_does_not_make_a_function_exceptions_only(room):
    ws = room()
    ops.add_goal(ws, "Purchasing policy", "f-it", id="g-policy")
    ops.link(ws, "g-policy", "g-cost", kind=LinkKind.DIRECT_IMPACT)
    [finding] = [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]
    assert finding.severity == Severity.WARNING


def test_chosen_customer_goal_that_no_result_serves(room):
    ws = room()
    answer_everything(ws)
    ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales", "g-winback"])
    found = [f for f in analyse(ws).findings if f.rule == "customer-goal-unserved"]
    assert [(f.severity, f.subjects) for f in found] == [(Severity.INFO, ("g-winback", "r-it", "f-it"))]
    assert '"Win back lost customers"' in found[0].message
    ops.add_goal(ws, "Churn alerts", "f-it", id="g-churn")
    ops.link(ws, "g-churn", "g-winback")
    assert not [f for f in analyse(ws).findings if f.rule == "customer-goal-unserved"]


def test_misplaced_exception_does_not_make_a_function_exceptions_only(room):
    ws = room()
    ops.add_goal(ws, "Data for sales", "f-it", id="g-data")
    ops.link(ws, "g-data", "g-sales", kind=LinkKind.DIRECT_IMPACT, reason="Sales uses it.")
    [finding] = [f for f in analyse(ws).findings if f.rule == "no-internal-customers"]
    assert finding.severity == Severity.WARNING
