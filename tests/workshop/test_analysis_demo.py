"""The bundled demo, as a newcomer first sees it: one deliberate mistake, everything else sound."""

from workshop import ops
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.findings import Severity
from workshop.model import LinkKind


def test_the_only_error_is_the_deliberate_around_link():
    result = analyse(customer_loyalty())
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    assert [(f.rule, f.subjects) for f in errors] == [("around-not-via", ("g-it-loyalty", "l-it-around", "g-loyalty"))]
    assert '"IT will raise customer loyalty"' in errors[0].message
    assert '"Increase customer loyalty"' in errors[0].message
    assert errors[0].hint


def test_declared_exceptions_of_procurement_and_hr_are_not_errors():
    result = analyse(customer_loyalty())
    about = result.by_subject()
    for subject in ("l-proc-expenditure", "l-hr-engagement", "g-proc-policy", "g-hr-development"):
        assert all(f.severity != Severity.ERROR for f in about.get(subject, [])), subject
    assert result.traces["g-proc-policy"] == [["g-proc-policy", "g-expenditure"]]
    assert result.traces["g-hr-development"] == [["g-hr-development", "g-engagement"]]


def test_it_records_is_aligned_through_sales():
    result = analyse(customer_loyalty())
    assert result.traces["g-it-records"] == [["g-it-records", "g-sales-match", "g-loyalty"]]
    assert "g-it-records" not in result.by_subject()


def test_every_aligned_support_goal_has_a_trace_and_the_around_goal_has_none():
    result = analyse(customer_loyalty())
    assert set(result.traces) == {"g-it-records", "g-it-loyalty", "g-hr-vacancies", "g-hr-development", "g-proc-policy"}
    assert result.traces["g-it-loyalty"] == []
    for goal_id, chains in result.traces.items():
        if goal_id != "g-it-loyalty":
            assert chains, goal_id
            assert all(chain[0] == goal_id for chain in chains)
            assert all(chain[-1] in {"g-loyalty", "g-expenditure", "g-engagement"} for chain in chains)


def test_procurement_without_internal_customers_is_only_information():
    result = analyse(customer_loyalty())
    found = [f for f in result.findings if f.rule == "no-internal-customers"]
    assert [(f.severity, f.subjects) for f in found] == [(Severity.INFO, ("f-procurement",))]


def test_fixing_the_around_link_by_going_via_sales_raises_the_score():
    ws = customer_loyalty()
    before = analyse(ws).score
    ops.unlink(ws, "l-it-around")
    ops.link(ws, "g-it-loyalty", "g-sales-match")
    after = analyse(ws)
    assert after.score > before
    assert after.score == 100
    assert not after.has_errors
    assert after.traces["g-it-loyalty"] == [["g-it-loyalty", "g-sales-match", "g-loyalty"]]


def test_declaring_the_around_link_an_exception_with_a_reason_also_raises_the_score():
    ws = customer_loyalty()
    before = analyse(ws).score
    ops.update_link(ws, "l-it-around", kind=LinkKind.DIRECT_IMPACT, reason="The web shop is run by IT.")
    assert analyse(ws).score > before


def test_declaring_it_without_a_reason_swaps_one_error_for_another():
    ws = customer_loyalty()
    before = analyse(ws).score
    ops.update_link(ws, "l-it-around", kind=LinkKind.DIRECT_IMPACT)
    result = analyse(ws)
    assert [f.rule for f in result.findings if f.severity == Severity.ERROR] == ["exception-without-reason"]
    assert result.score == before


def test_demo_findings_come_in_severity_order():
    findings = analyse(customer_loyalty()).findings
    ranks = [{"error": 0, "warning": 1, "info": 2}[f.severity] for f in findings]
    assert ranks == sorted(ranks)
    assert {"open-tension", "local-incentive", "suggestion-pending"} <= {f.rule for f in findings}
