"""Via negativa findings: open tensions, local incentives, owner-less decisions, waiting suggestions."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.findings import Severity
from workshop.model import Workshop


@pytest.fixture
def room(small_room) -> Callable[[], Workshop]:
    def build() -> Workshop:
        ws = small_room()
        ops.add_function(ws, "Customer Support", "customer_facing", id="f-support")
        ops.add_goal(ws, "Resolve tickets fast", "f-support", id="g-fast")
        ops.link(ws, "g-fast", "g-loyal")
        ops.add_kpi(ws, "f-sales", "New contracts signed", id="k-contracts")
        ops.add_kpi(ws, "f-support", "Time to resolve", id="k-ttr")
        return ws

    return build


def found(ws: Workshop, rule: str) -> list:
    return [f for f in analyse(ws).findings if f.rule == rule]


def test_open_tension_names_both_kpis_and_functions(room):
    ws = room()
    ops.add_tension(ws, "k-contracts", "k-ttr", "More tickets", id="t-1")
    [finding] = found(ws, "open-tension")
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("k-contracts", "k-ttr", "t-1", "f-sales", "f-support")
    for words in ('"New contracts signed"', '"Time to resolve"', "Sales", "Customer Support"):
        assert words in finding.message


def test_tension_against_a_goal_names_the_goal(room):
    ws = room()
    ops.add_tension(ws, "k-contracts", "g-fast", id="t-2")
    [finding] = found(ws, "open-tension")
    assert '"Resolve tickets fast"' in finding.message
    assert finding.subjects == ("k-contracts", "g-fast", "t-2", "f-sales", "f-support")


def test_resolved_tension_is_quiet(room):
    ws = room()
    ops.add_tension(ws, "k-contracts", "k-ttr", id="t-1")
    ops.update_tension(ws, "t-1", resolved=True)
    assert not found(ws, "open-tension")


def test_decision_without_owner_is_a_warning_and_with_one_is_quiet(room):
    ws = room()
    ops.add_decision(ws, "Who approves product changes promised in a sale", id="d-1")
    ops.add_decision(ws, "Who owns the CRM", "Dana Kim", id="d-2")
    [finding] = found(ws, "decision-without-owner")
    assert (finding.severity, finding.subjects) == (Severity.WARNING, ("d-1",))
    assert '"Who approves product changes promised in a sale"' in finding.message
    ops.update_decision(ws, "d-1", owner="Omar Haddad")
    assert not found(ws, "decision-without-owner")


def test_local_incentive_is_information_and_a_warning_when_in_an_open_tension(room):
    ws = room()
    ops.update_kpi(ws, "k-contracts", incentive="Quarterly bonus per contract")
    [finding] = found(ws, "local-incentive")
    assert finding.severity == Severity.INFO
    assert finding.subjects[0] == "k-contracts"
    assert '"Quarterly bonus per contract"' in finding.message
    ops.add_tension(ws, "k-contracts", "k-ttr", id="t-1")
    [finding] = found(ws, "local-incentive")
    assert finding.severity == Severity.WARNING


def test_shared_kpi_or_kpi_without_incentive_is_not_a_local_incentive(room):
    ws = room()
    ops.update_kpi(ws, "k-contracts", incentive="Bonus", scope="shared")
    ops.update_kpi(ws, "k-ttr", incentive="  ")
    assert not found(ws, "local-incentive")


def test_pending_suggestions_wait_for_the_facilitator_until_decided(room):
    ws = room()
    ops.add_goal(ws, "Stable CRM sync", "f-it", id="g-sync")
    ops.suggest_link(ws, "g-sync", "g-fast", author="Lena Vogel", id="s-link")
    ops.suggest_goal(ws, "Answer within an hour", "f-support", id="s-goal")
    result = [f for f in analyse(ws).findings if f.rule == "suggestion-pending"]
    assert [(f.severity, f.subjects[0]) for f in result] == [(Severity.INFO, "s-link"), (Severity.INFO, "s-goal")]
    assert result[0].message.startswith("Lena Vogel suggests")
    assert '"Stable CRM sync"' in result[0].message and '"Resolve tickets fast"' in result[0].message
    assert result[1].message.startswith("A participant suggests a new Customer Support goal")
    ops.accept_suggestion(ws, "s-link")
    ops.reject_suggestion(ws, "s-goal")
    assert not found(ws, "suggestion-pending")


def test_a_suggestion_hidden_from_the_projector_is_not_quoted_in_the_findings(room):
    from workshop import user_ops

    ws = room()
    ops.suggest_goal(ws, "Something rude about Finance", "f-support", id="s-rude")
    assert [f.subjects[0] for f in analyse(ws).findings if f.rule == "suggestion-pending"] == ["s-rude"]
    user_ops.set_hidden(ws, "s-rude", True)
    assert not found(ws, "suggestion-pending")


def test_the_rooms_disclosures_wait_for_the_facilitator_counted_never_quoted(room):
    """They are anonymous and the findings are on the projector: one finding counts them by kind."""
    from workshop import user_ops

    ws = room()
    assert not found(ws, "disclosure-pending")
    first = user_ops.disclose(ws, "weakness", "The CRM sync breaks under load", "f-it").created_id
    user_ops.disclose(ws, "hindrance", "We hear of new products on launch day", None)
    user_ops.disclose(ws, "weakness", "Our estimates are padded", None)
    (finding,) = found(ws, "disclosure-pending")
    assert finding.severity == Severity.INFO
    assert "1 hindrance and 2 weaknesses" in finding.message
    assert "CRM" not in finding.message and "launch" not in finding.message and "padded" not in finding.message
    assert len(finding.subjects) == 3
    user_ops.decide_disclosure(ws, first, True)
    (finding,) = found(ws, "disclosure-pending")
    assert "1 hindrance and 1 weakness that wait" in finding.message
    for disclosure in list(ws.disclosures):
        if disclosure.status == "pending":
            user_ops.decide_disclosure(ws, disclosure.id, False)
    assert not found(ws, "disclosure-pending")
