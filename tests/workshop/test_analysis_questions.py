"""The four internal-customer questions, internal customers and the goals they chose."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.findings import Severity
from workshop.model import LinkKind, Workshop
from workshop.questions import QUESTIONS


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


def asked(message: str) -> int:
    """Which question a finding quotes (findings quote the question's words, never its number)."""
    [number] = [q for q, words in QUESTIONS.items() if f'"{words}"' in message]
    return number


def open_questions(ws: Workshop, function_id: str = "f-it") -> dict[int, str]:
    """Question number -> rule, for the question findings about one function; the one finding of a
    function with no internal customer stands for question 1 and the three that wait on it."""
    out = {}
    for f in analyse(ws).findings:
        if f.subjects[0] != function_id:
            continue
        if f.rule in {"question-open", "question-skipped"}:
            assert f.severity == Severity.INFO
            out[asked(f.message)] = f.rule
        elif f.rule == "no-internal-customers" and f.severity == Severity.WARNING:
            out.update(dict.fromkeys((1, 2, 3, 4), f.rule))
    return out


def answer_everything(ws: Workshop) -> None:
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales"], hindrances=["slow CRM"])
    ops.add_goal(ws, "Records within a day", "f-it", id="g-it")
    ops.link(ws, "g-it", "g-sales")


def test_a_new_support_function_gets_one_finding_quoting_question_one_not_four(room):
    found = [f for f in analyse(room()).findings if f.subjects[0] == "f-it"]
    assert [(f.rule, f.severity) for f in found] == [("no-internal-customers", Severity.WARNING)]
    assert '"Who are our internal customers?"' in found[0].message
    assert "Question 1" not in found[0].message


def test_open_questions_are_quoted_in_words_and_name_the_customer(room):
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    found = {asked(f.message): f for f in analyse(ws).findings if f.rule == "question-open"}
    assert set(found) == {2, 3, 4}
    assert found[3].message == (
        'IT has not answered "How do we help or hinder our internal customers in reaching those goals?": '
        "no help or hindrance is recorded for Sales."
    )
    assert all("Question" not in f.message for f in found.values())


def test_customer_facing_functions_are_not_asked(room):
    assert open_questions(room(), "f-sales") == {}


def test_recorded_data_answers_each_question(room):
    ws = room()
    answer_everything(ws)
    assert open_questions(ws) == {}


def test_question_one_is_answered_by_a_relation_or_by_a_note(room):
    ws = room()
    ops.set_answer(ws, "f-it", 1, note="We serve nobody but ourselves.")
    assert open_questions(ws) == {}
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
    ops.add_relation(ws, "f-it", "f-sales")
    ops.set_answer(ws, "f-it", question, note="We talked about it.")
    assert open_questions(ws)[question] == "question-open"


def test_a_function_whose_note_says_it_serves_no_one_gets_one_note_not_three_open_questions(room):
    ws = room()
    ops.set_answer(ws, "f-it", 1, note="We serve nobody but ourselves.", id="a-1")
    found = [f for f in analyse(ws).findings if "f-it" in f.subjects]
    assert [(f.rule, f.severity) for f in found] == [("no-internal-customers", Severity.INFO)]
    assert '"We serve nobody but ourselves."' in found[0].message
    assert found[0].subjects == ("f-it", "a-1")


@pytest.mark.parametrize("question", [2, 3])
def test_questions_two_and_three_are_open_for_a_second_customer_with_nothing_recorded(room, question):
    ws = room()
    answer_everything(ws)
    ops.add_function(ws, "HR", "support", id="f-hr")
    ops.add_function(ws, "Service", "customer_facing", id="f-service")
    ops.add_goal(ws, "Helpful service", "f-service", id="g-service")
    ops.add_relation(ws, "f-it", "f-service", id="r-it-service")
    [finding] = [f for f in analyse(ws).findings if f.rule == "question-open" and asked(f.message) == question]
    assert "Service" in finding.message and "Sales" not in finding.message
    assert finding.subjects == ("f-it", "r-it-service")
    if question == 2:
        ops.update_relation(ws, "r-it-service", customer_goal_ids=["g-service"])
    else:
        ops.update_relation(ws, "r-it-service", hindrances=["No one answers the phone"])
    assert question not in open_questions(ws)


def test_question_four_and_an_unserved_customer_goal_are_one_gap_said_once(room):
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales", id="r-it")
    ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales"], helps=["CRM"])
    found = [f.rule for f in analyse(ws).findings if "f-it" in f.subjects]
    assert found == ["customer-goal-unserved"]  # not also "question 4 is open"
    ops.update_relation(ws, "r-it", customer_goal_ids=[])
    ops.add_goal(ws, "Records within a day", "f-it", id="g-it")
    ops.link(ws, "g-it", "g-winback")
    ops.unlink(ws, ws.links[-1].id)
    assert 4 in open_questions(ws)


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
    # Sales is not recorded as IT's internal customer yet: one finding says so, and only one
    rules = [f.rule for f in analyse(ws).findings if f.rule != "goal-unlinked"]
    assert rules.count("internal-customer-unrecorded") == 1 and "no-internal-customers" not in rules
    ops.add_relation(ws, "f-it", "f-sales")
    assert 4 not in open_questions(ws)


def test_skipped_question_is_reported_as_skipped(room):
    ws = room()
    ops.add_relation(ws, "f-it", "f-sales")
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
    ops.add_goal(ws, "Purchasing policy", "f-it", id="g-policy", measure="Spend under contract")
    ops.link(ws, "g-policy", "g-cost", kind=LinkKind.DIRECT_IMPACT, reason="It sets what we pay for goods.")
    [finding] = [f for f in analyse(ws).findings if "f-it" in f.subjects]  # one finding, not five
    assert (finding.rule, finding.severity) == ("no-internal-customers", Severity.INFO)
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
    # the link names Sales: the finding asks to record it, and no second finding asks whom IT serves
    rules = [f.rule for f in analyse(ws).findings]
    assert "internal-customer-unrecorded" in rules and "no-internal-customers" not in rules
