"""Exceptions scrutinised and via negativa analysed: thin reasons, owners who are not one person,
functions affected but not heard, weaknesses nobody hears of, results without a measure."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.analysis.negativa import several_owners
from workshop.findings import Severity
from workshop.model import LinkKind, Workshop


@pytest.fixture
def room(small_room) -> Callable[[], Workshop]:
    def build() -> Workshop:
        ws = small_room()
        ops.add_function(ws, "Customer Support", "customer_facing", id="f-support")
        ops.add_goal(ws, "Match products to real needs", "f-sales", id="g-sales")
        ops.link(ws, "g-sales", "g-loyal")
        ops.add_relation(ws, "f-it", "f-sales", id="r-it")
        ops.update_relation(ws, "r-it", customer_goal_ids=["g-sales"], helps=["CRM"])
        ops.add_goal(ws, "Records within a day", "f-it", id="g-it", measure="Hours to CRM record")
        ops.link(ws, "g-it", "g-sales")
        return ws

    return build


def found(ws: Workshop, rule: str) -> list:
    return [f for f in analyse(ws).findings if f.rule == rule]


# --- 5. exceptions scrutinised ---------------------------------------------------------------------


def test_the_methods_counter_example_with_a_one_letter_reason_is_questioned(room):
    ws = room()
    ops.add_goal(ws, "IT will raise customer loyalty", "f-it", id="g-around", measure="NPS")
    ops.link(ws, "g-around", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason="x", id="l-x")
    [finding] = found(ws, "exception-reason-thin")
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("g-around", "l-x", "g-loyal")
    assert '"IT will raise customer loyalty"' in finding.message and '"x"' in finding.message
    assert "without going through any function it serves" in finding.hint


@pytest.mark.parametrize(
    ("reason", "thin"),
    [
        ("obviously", True),
        ("it just does", True),
        ("The purchasing policy sets what the company pays.", False),
        ("Policy sets prices paid", False),
    ],
)
def test_a_reason_of_fewer_than_four_words_is_thin(room, reason, thin):
    ws = room()
    ops.add_goal(ws, "Purchasing policy", "f-it", id="g-policy", measure="Spend under contract")
    ops.link(ws, "g-policy", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason=reason)
    assert bool(found(ws, "exception-reason-thin")) == thin
    assert not found(ws, "exception-without-reason")  # a reason there is: the error is a different one


# --- 6. via negativa ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "several"),
    [
        ("Ana and Ben", True),
        ("Ana / Ben", True),
        ("Ana, Ben", True),
        ("Ana & Ben", True),
        ("Product team", True),
        ("the steering committee", True),
        ("Dana Kim (Head of Product)", False),
        ("Anne-Marie Dubois", False),
        ("Andrea", False),  # "and" inside a name is not two people
        ("Brandon Allison", False),
    ],
)
def test_an_owner_who_is_not_one_person(owner, several):
    assert several_owners(owner) == several


def test_a_decision_owned_by_two_people_is_a_warning(room):
    ws = room()
    ops.add_decision(ws, "Who approves product changes", "Ana and Ben", id="d-1", heard_function_ids=["f-sales"])
    [finding] = found(ws, "decision-owner-not-one")
    assert (finding.severity, finding.subjects) == (Severity.WARNING, ("d-1",))
    assert '"Ana and Ben"' in finding.message
    ops.update_decision(ws, "d-1", owner="Ana Ruiz")
    assert not found(ws, "decision-owner-not-one")


def test_a_function_in_tension_with_a_heard_function_is_affected_and_must_be_heard(room):
    ws = room()
    ops.add_kpi(ws, "f-sales", "New contracts signed", id="k-contracts")
    ops.add_kpi(ws, "f-support", "Time to resolve", id="k-ttr")
    ops.add_tension(ws, "k-contracts", "k-ttr", id="t-1")
    ops.add_decision(ws, "What sales may promise", "Dana Kim", id="d-1", heard_function_ids=["f-sales"])
    [finding] = found(ws, "decision-unheard")
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("d-1", "f-support")
    assert "Customer Support" in finding.message
    ops.update_decision(ws, "d-1", heard_function_ids=["f-sales", "f-support"])
    assert not found(ws, "decision-unheard")


def test_a_function_the_decision_names_or_a_weakness_touches_must_be_heard(room):
    ws = room()
    ops.add_decision(ws, "How IT ships CRM changes", "Dana Kim", id="d-1", heard_function_ids=["f-sales"])
    [finding] = found(ws, "decision-unheard")
    assert finding.subjects == ("d-1", "f-it")  # the text names IT
    ops.update_decision(ws, "d-1", text="How changes ship", heard_function_ids=["f-it"])
    assert not found(ws, "decision-unheard")
    ops.add_weakness(ws, "f-it", "The CRM sync is fragile", ["f-support"])
    [finding] = found(ws, "decision-unheard")
    assert finding.subjects == ("d-1", "f-support")


def test_a_decision_with_nobody_heard_is_a_note(room):
    ws = room()
    ops.add_decision(ws, "Who approves changes", "Dana Kim", id="d-1")
    [finding] = found(ws, "decision-unheard")
    assert (finding.severity, finding.subjects) == (Severity.INFO, ("d-1",))


def test_a_weakness_that_affects_no_one_is_a_note(room):
    ws = room()
    ops.add_weakness(ws, "f-it", "The CRM sync is fragile", [], id="w-1")
    [finding] = found(ws, "weakness-affects-no-one")
    assert (finding.severity, finding.subjects) == (Severity.INFO, ("w-1", "f-it"))
    assert '"The CRM sync is fragile"' in finding.message and "IT" in finding.message
    ops.update_weakness(ws, "w-1", affected_function_ids=["f-sales"])
    assert not found(ws, "weakness-affects-no-one")


def test_results_without_a_measure_are_one_note_per_function(room):
    ws = room()
    assert not found(ws, "result-without-measure")
    for i in range(5):
        ops.add_goal(ws, f"Result {i}", "f-it", id=f"g-r{i}")
        ops.link(ws, f"g-r{i}", "g-sales")
    [finding] = found(ws, "result-without-measure")
    assert finding.severity == Severity.INFO
    assert finding.subjects == ("f-it", "g-r0", "g-r1", "g-r2", "g-r3", "g-r4")
    assert finding.message == '5 IT results have no measure: "Result 0", "Result 1", "Result 2" and 2 more.'
    ops.add_goal(ws, "Closing rate", "f-sales", id="g-sales-2")  # customer-facing goals are not results
    assert len(found(ws, "result-without-measure")) == 1
