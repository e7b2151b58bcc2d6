"""Rules on the goal tree: via not around, exceptions, chains through internal customers, cycles."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.findings import Severity
from workshop.model import LinkKind, Workshop


@pytest.fixture
def room(small_room) -> Callable[[], Workshop]:
    """Strategy, Sales (customer-facing) traced to it, IT serving Sales, HR serving nobody yet."""

    def build() -> Workshop:
        ws = small_room()
        ops.add_function(ws, "HR", "support", id="f-hr")
        ops.add_goal(ws, "Match products to real needs", "f-sales", id="g-sales")
        ops.link(ws, "g-sales", "g-loyal", id="l-sales")
        ops.add_relation(ws, "f-it", "f-sales", id="r-it-sales")
        ops.update_relation(ws, "r-it-sales", customer_goal_ids=["g-sales"], helps=["fast CRM"])
        ops.add_goal(ws, "Accurate customer records within a day", "f-it", id="g-it", measure="Hours to CRM record")
        ops.link(ws, "g-it", "g-sales", id="l-it")
        return ws

    return build


def rules(ws: Workshop, rule: str) -> list:
    return [f for f in analyse(ws).findings if f.rule == rule]


def test_a_sound_room_has_findings_only_about_hr_which_has_done_nothing_yet(room):
    result = analyse(room())
    assert {f.subjects[0] for f in result.findings} == {"f-hr"}
    assert sorted(f.rule for f in result.findings) == ["no-internal-customers"]  # one finding, not five
    assert result.traces == {"g-it": [["g-it", "g-sales", "g-loyal"]]}
    assert result.score == 100


def test_around_link_is_an_error_naming_both_goals_with_the_link_in_its_subjects(room):
    ws = room()
    ops.add_goal(ws, "IT raises loyalty", "f-it", id="g-it-around")
    ops.link(ws, "g-it-around", "g-loyal", id="l-around")
    [finding] = rules(ws, "around-not-via")
    assert finding.severity == Severity.ERROR
    assert finding.subjects == ("g-it-around", "l-around", "g-loyal")
    assert '"IT raises loyalty"' in finding.message and '"Increase customer loyalty"' in finding.message
    # the same goal is not reported a second time as merely unaligned
    assert not rules(ws, "support-goal-unaligned")
    assert analyse(ws).traces["g-it-around"] == []


def test_customer_facing_goal_linked_straight_to_strategy_is_not_around(room):
    assert not rules(room(), "around-not-via")


def test_declared_exception_with_reason_is_aligned_and_quiet(room):
    ws = room()
    ops.add_goal(ws, "Develop staff", "f-hr", id="g-hr")
    ops.link(ws, "g-hr", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason="Staff development moves it.", id="l-hr")
    result = analyse(ws)
    assert "g-hr" not in result.by_subject() or all(f.severity == Severity.INFO for f in result.by_subject()["g-hr"])
    assert result.traces["g-hr"] == [["g-hr", "g-loyal"]]
    assert result.score == 100


def test_exception_without_reason_is_an_error_and_does_not_align(room):
    ws = room()
    ops.add_goal(ws, "Develop staff", "f-hr", id="g-hr")
    ops.link(ws, "g-hr", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason="   ", id="l-hr")
    result = analyse(ws)
    [finding] = [f for f in result.findings if f.rule == "exception-without-reason"]
    assert finding.severity == Severity.ERROR
    assert finding.subjects == ("g-hr", "l-hr", "g-loyal")
    assert not [f for f in result.findings if f.rule in {"around-not-via", "support-goal-unaligned"}]
    assert result.traces["g-hr"] == []
    assert result.score < 100


def test_chain_may_pass_through_other_support_goals(room):
    ws = room()
    ops.add_relation(ws, "f-hr", "f-it", id="r-hr-it")
    ops.add_goal(ws, "Hire data engineers", "f-hr", id="g-hr")
    ops.link(ws, "g-hr", "g-it", id="l-hr-it")
    result = analyse(ws)
    assert result.traces["g-hr"] == [["g-hr", "g-it", "g-sales", "g-loyal"]]
    assert not rules(ws, "support-goal-unaligned")


def test_support_goal_serving_an_untraced_goal_is_unaligned(room):
    ws = room()
    ops.add_goal(ws, "Upsell more", "f-sales", id="g-upsell")
    ops.link(ws, "g-it", "g-upsell", id="l-it-upsell")
    ops.unlink(ws, "l-it")
    result = analyse(ws)
    [finding] = [f for f in result.findings if f.rule == "support-goal-unaligned"]
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("g-it",)
    assert '"Accurate customer records within a day"' in finding.message
    assert result.traces["g-it"] == []
    assert [f.subjects for f in result.findings if f.rule == "customer-goal-untraced"] == [("g-upsell",)]


def test_support_goal_only_served_by_others_is_unaligned(room):
    ws = room()
    ops.add_goal(ws, "Fast laptops", "f-it", id="g-it-laptops")
    ops.add_relation(ws, "f-hr", "f-it", id="r-hr-it")
    ops.add_goal(ws, "Hire quickly", "f-hr", id="g-hr")
    ops.link(ws, "g-hr", "g-it-laptops", id="l-hr")
    result = analyse(ws)
    unaligned = [f.subjects[0] for f in result.findings if f.rule == "support-goal-unaligned"]
    assert unaligned == ["g-it-laptops", "g-hr"]
    assert "does not serve any goal" in next(
        f.message for f in result.findings if f.subjects == ("g-it-laptops",) and f.rule == "support-goal-unaligned"
    )


def test_chain_through_a_support_goal_that_goes_around_does_not_align(room):
    ws = room()
    ops.add_goal(ws, "IT raises loyalty", "f-it", id="g-it-around")
    ops.link(ws, "g-it-around", "g-loyal", id="l-around")
    ops.add_relation(ws, "f-hr", "f-it", id="r-hr-it")
    ops.add_goal(ws, "Hire quickly", "f-hr", id="g-hr")
    ops.link(ws, "g-hr", "g-it-around", id="l-hr")
    result = analyse(ws)
    assert result.traces["g-hr"] == []
    assert [f.subjects[0] for f in result.findings if f.rule == "support-goal-unaligned"] == ["g-hr"]


def test_chain_through_a_declared_exception_aligns(room):
    ws = room()
    ops.add_goal(ws, "Develop staff", "f-hr", id="g-hr-dev")
    ops.link(ws, "g-hr-dev", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason="Engaged staff keep customers.")
    ops.add_goal(ws, "Coaching for every team lead", "f-hr", id="g-hr-coach")
    ops.link(ws, "g-hr-coach", "g-hr-dev")
    assert analyse(ws).traces["g-hr-coach"] == [["g-hr-coach", "g-hr-dev", "g-loyal"]]


def test_traces_are_shortest_first_one_per_first_link_and_at_most_three(room):
    ws = room()
    ops.add_goal(ws, "Know the customer", "f-sales", id="g-know")
    ops.link(ws, "g-know", "g-sales")
    for k in range(3):
        ops.add_goal(ws, f"Sales goal {k}", "f-sales", id=f"g-s{k}")
        ops.link(ws, f"g-s{k}", "g-loyal")
    ops.add_goal(ws, "Customer data platform", "f-it", id="g-cdp")
    ops.link(ws, "g-cdp", "g-know")  # longest route first in link order
    for k in range(3):
        ops.link(ws, "g-cdp", f"g-s{k}")
    chains = analyse(ws).traces["g-cdp"]
    assert chains == [["g-cdp", "g-s0", "g-loyal"], ["g-cdp", "g-s1", "g-loyal"], ["g-cdp", "g-s2", "g-loyal"]]


def test_longer_route_is_kept_when_there_are_few(room):
    ws = room()
    ops.add_goal(ws, "Know the customer", "f-sales", id="g-know")
    ops.link(ws, "g-know", "g-sales")
    ops.link(ws, "g-it", "g-know")
    assert analyse(ws).traces["g-it"] == [["g-it", "g-sales", "g-loyal"], ["g-it", "g-know", "g-sales", "g-loyal"]]


def test_an_absurdly_long_chain_gives_short_traces_that_still_end_at_strategy(room):
    """A hostile file with a 3,000-goal chain of support goals: every trace keeps its first goals
    and the strategic goal it reaches, so the traces stay small (whole chains took gigabytes)."""
    from workshop.analysis.traces import MAX_TRACE_GOALS
    from workshop.model import Goal, Link

    ws = room()
    n = 3_000
    ws.goals.extend(Goal(id=f"g-c{k}", text=f"Link {k} of the chain", function_id="f-it") for k in range(n))
    ws.links.extend(Link(id=f"l-c{k}", source=f"g-c{k}", target=f"g-c{k + 1}") for k in range(n - 1))
    ws.links.append(Link(id="l-c-end", source=f"g-c{n - 1}", target="g-sales"))
    traces = analyse(ws).traces
    first = traces["g-c0"]
    assert len(first) == 1 and len(first[0]) == MAX_TRACE_GOALS
    assert first[0][: MAX_TRACE_GOALS - 1] == [f"g-c{k}" for k in range(MAX_TRACE_GOALS - 1)]
    assert first[0][-1] == "g-loyal"
    assert traces[f"g-c{n - 1}"] == [[f"g-c{n - 1}", "g-sales", "g-loyal"]]
    assert sum(len(chain) for chains in traces.values() for chain in chains) <= (n + 1) * MAX_TRACE_GOALS


def test_serving_a_function_not_recorded_as_internal_customer_is_flagged(room):
    ws = room()
    ops.add_function(ws, "Support", "customer_facing", id="f-support")
    ops.add_goal(ws, "Resolve tickets fast", "f-support", id="g-support")
    ops.link(ws, "g-support", "g-loyal")
    ops.link(ws, "g-it", "g-support", id="l-it-support")
    [finding] = rules(ws, "internal-customer-unrecorded")
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("g-it", "l-it-support", "g-support", "f-support")
    assert "Support" in finding.message and "IT" in finding.message
    # still aligned: the relation is missing, not the chain
    assert not rules(ws, "support-goal-unaligned")
    ops.add_relation(ws, "f-it", "f-support")
    assert not rules(ws, "internal-customer-unrecorded")


def test_serving_a_goal_of_the_own_function_needs_no_relation(room):
    ws = room()
    ops.add_goal(ws, "Clean data", "f-it", id="g-it-clean")
    ops.link(ws, "g-it-clean", "g-it")
    assert not rules(ws, "internal-customer-unrecorded")
    assert analyse(ws).traces["g-it-clean"] == [["g-it-clean", "g-it", "g-sales", "g-loyal"]]


def test_strategic_goal_nobody_contributes_to(room):
    ws = room()
    ops.add_goal(ws, "Reduce expenditure", id="g-cost")
    [finding] = rules(ws, "strategy-without-contributors")
    assert finding.severity == Severity.WARNING
    assert finding.subjects == ("g-cost",)
    assert '"Reduce expenditure"' in finding.message
    assert not rules(ws, "goal-unlinked")  # one finding for a lonely strategic goal, not two
    ops.link(ws, "g-sales", "g-cost")
    assert not rules(ws, "strategy-without-contributors")


def test_customer_facing_goal_not_traced_to_strategy(room):
    ws = room()
    ops.add_goal(ws, "Upsell more", "f-sales", id="g-upsell")
    ops.add_goal(ws, "Call every lead", "f-sales", id="g-call")
    ops.link(ws, "g-call", "g-upsell")
    found = rules(ws, "customer-goal-untraced")
    assert [f.subjects for f in found] == [("g-upsell",), ("g-call",)]
    assert all(f.severity == Severity.WARNING for f in found)
    ops.link(ws, "g-upsell", "g-loyal")
    assert not rules(ws, "customer-goal-untraced")


def test_goal_with_no_links_at_all(room):
    ws = room()
    ops.add_goal(ws, "Lonely sales goal", "f-sales", id="g-lonely")
    ops.add_goal(ws, "Lonely IT goal", "f-it", id="g-lonely-it")
    found = rules(ws, "goal-unlinked")
    assert [(f.severity, f.subjects) for f in found] == [
        (Severity.WARNING, ("g-lonely",)),
        (Severity.WARNING, ("g-lonely-it",)),
    ]
    assert not rules(ws, "customer-goal-untraced") and not rules(ws, "support-goal-unaligned")


def test_cycle_is_an_error_naming_its_goals(room):
    ws = room()
    ops.add_goal(ws, "Know the customer", "f-sales", id="g-know")
    ops.add_goal(ws, "Segment customers", "f-sales", id="g-segment")
    ops.link(ws, "g-sales", "g-know", id="l-a")
    ops.link(ws, "g-know", "g-segment", id="l-b")
    ops.link(ws, "g-segment", "g-sales", id="l-c")
    [finding] = rules(ws, "link-cycle")
    assert finding.severity == Severity.ERROR
    assert finding.subjects[:3] == ("g-sales", "g-know", "g-segment")
    assert set(finding.subjects) >= {"l-a", "l-b", "l-c"}
    for text in ("Match products to real needs", "Know the customer", "Segment customers"):
        assert f'"{text}"' in finding.message


def test_separate_cycles_are_separate_findings_and_a_tree_has_none(room):
    ws = room()
    assert not rules(ws, "link-cycle")
    for tag in ("a", "b"):
        ops.add_goal(ws, f"{tag} one", "f-sales", id=f"g-{tag}1")
        ops.add_goal(ws, f"{tag} two", "f-sales", id=f"g-{tag}2")
        ops.link(ws, f"g-{tag}1", f"g-{tag}2")
        ops.link(ws, f"g-{tag}2", f"g-{tag}1")
    assert [f.subjects[:2] for f in rules(ws, "link-cycle")] == [("g-a1", "g-a2"), ("g-b1", "g-b2")]


def test_long_cycle_is_named_shortly_and_analysed_without_recursion_limits(room):
    ws = room()
    n = 3000
    for k in range(n):
        ops.add_goal(ws, f"Step {k}", "f-it", id=f"g-step{k}")
    for k in range(n):
        ops.link(ws, f"g-step{k}", f"g-step{(k + 1) % n}")
    [finding] = rules(ws, "link-cycle")
    assert "(3000 goals)" in finding.message
    assert len(finding.message) < 600


def test_link_drawn_downwards_is_flagged(room):
    ws = room()
    ops.link(ws, "g-loyal", "g-it", id="l-down")
    [finding] = rules(ws, "link-upside-down")
    assert finding.subjects == ("g-loyal", "l-down", "g-it")
    assert finding.severity == Severity.WARNING


def test_direct_impact_between_other_levels_is_misplaced(room):
    ws = room()
    ops.add_goal(ws, "Upsell", "f-sales", id="g-upsell")
    ops.link(ws, "g-upsell", "g-loyal", kind=LinkKind.DIRECT_IMPACT, reason="x", id="l-odd")
    [finding] = rules(ws, "exception-misplaced")
    assert finding.severity == Severity.INFO
    assert finding.subjects == ("g-upsell", "l-odd", "g-loyal")
    assert not rules(ws, "customer-goal-untraced")


def test_cycle_across_levels_is_found(room):
    ws = room()
    ops.link(ws, "g-sales", "g-it", id="l-back")  # Sales -> IT: drawn downwards, closing a circle
    [finding] = rules(ws, "link-cycle")
    assert set(finding.subjects) >= {"g-it", "g-sales", "l-it", "l-back"}
    assert rules(ws, "link-upside-down")


def test_misplaced_exception_does_not_hide_an_unaligned_support_goal(room):
    ws = room()
    ops.add_goal(ws, "Upsell more", "f-sales", id="g-upsell")  # not traced
    ops.add_goal(ws, "Data for upselling", "f-it", id="g-it-upsell")
    ops.link(ws, "g-it-upsell", "g-upsell", kind=LinkKind.DIRECT_IMPACT, reason="x")
    assert [f.subjects[0] for f in rules(ws, "support-goal-unaligned")] == ["g-it-upsell"]
    assert [f.subjects[0] for f in rules(ws, "exception-misplaced")] == ["g-it-upsell"]
