""" "Traced to strategy" has one meaning: the guide's traces are the analysis's reach (no Qt)."""

from __future__ import annotations

from workshop import guide, ops
from workshop.analysis import analyse
from workshop.analysis.graph import STRATEGY, build
from workshop.analysis.reach import strategic_targets_all
from workshop.examples import customer_loyalty
from workshop.guide import Step, StepKind
from workshop.model import LinkKind, Workshop


def strategic_targets(ws: Workshop, goal_id: str) -> list[str]:
    return strategic_targets_all(ws).get(goal_id, [])


def traced_goal_ids(ws: Workshop) -> set[str]:
    graph = build(ws)
    return {goal_id for goal_id, dist in zip(graph.ids, graph.dist, strict=True) if dist >= 0}


def _sales_via_it() -> Workshop:
    """The review's example: Sales' goal hangs on an IT goal, which links straight to strategy."""
    ws = customer_loyalty()
    ops.unlink(ws, "l-sales-loyalty")
    ops.link(ws, "g-sales-match", "g-it-loyalty", id="l-sales-it")
    return ws


def test_demo_goals_traced_the_way_the_method_asks_are_traced_to_their_strategic_goal():
    ws = customer_loyalty()
    traced = traced_goal_ids(ws)
    assert {"g-hr-vacancies", "g-service-respect", "g-it-records", "g-proc-policy", "g-hr-development"} <= traced
    assert strategic_targets(ws, "g-hr-vacancies") == ["g-loyalty"]
    assert strategic_targets(ws, "g-proc-policy") == ["g-expenditure"]
    ops.add_goal(ws, "Tidy desks", "f-service", id="g-loose")
    assert "g-loose" not in traced_goal_ids(ws)
    assert strategic_targets(ws, "g-loose") == []


def test_a_support_goal_linked_around_its_customers_is_not_traced_until_declared_with_a_reason():
    ws = customer_loyalty()
    assert "g-it-loyalty" not in traced_goal_ids(ws)
    assert strategic_targets(ws, "g-it-loyalty") == []
    ops.update_link(ws, "l-it-around", kind=LinkKind.DIRECT_IMPACT, reason="Only IT runs the loyalty app.")
    assert strategic_targets(ws, "g-it-loyalty") == ["g-loyalty"]


def test_a_customer_goal_hanging_on_a_support_goal_is_not_traced_as_the_findings_say():
    ws = _sales_via_it()
    untraced = {f.subjects[0] for f in analyse(ws).findings if f.rule == "customer-goal-untraced"}
    assert "g-sales-match" in untraced
    assert "g-sales-match" not in traced_goal_ids(ws)
    assert strategic_targets(ws, "g-sales-match") == []
    assert "g-sales-match" not in strategic_targets_all(ws)


def test_question_2_focus_shows_no_strategic_goal_for_an_untraced_customer_goal():
    ws = _sales_via_it()
    focus = guide.focus_ids(ws, Step(StepKind.QUESTION, "f-it", 2))
    assert "g-sales-match" in focus
    assert "g-loyalty" not in focus


def test_traces_survive_a_cycle_between_goals():
    ws = Workshop()
    ops.add_goal(ws, "Strategy", id="g-s")
    ops.add_function(ws, "Sales", "customer_facing", id="f-s")
    ops.add_goal(ws, "A", "f-s", id="g-a")
    ops.add_goal(ws, "B", "f-s", id="g-b")
    ops.link(ws, "g-a", "g-b")
    ops.link(ws, "g-b", "g-a")
    assert strategic_targets(ws, "g-a") == []
    ops.link(ws, "g-b", "g-s")
    assert strategic_targets(ws, "g-a") == ["g-s"]
    assert {"g-a", "g-b"} <= traced_goal_ids(ws)


def test_a_goal_reaching_two_strategic_goals_names_both_in_board_order():
    ws = customer_loyalty()
    ops.link(ws, "g-sales-match", "g-expenditure")
    assert strategic_targets(ws, "g-it-records") == ["g-loyalty", "g-expenditure"]
    assert strategic_targets_all(ws)["g-it-records"] == ["g-loyalty", "g-expenditure"]


def test_the_one_pass_traces_agree_with_networkx_and_with_the_analysis():
    import networkx as nx

    from workshop.synthetic import generate

    for ws in (customer_loyalty(), _sales_via_it(), generate(300, seed=3)):
        every = strategic_targets_all(ws)
        traced = traced_goal_ids(ws)
        graph = build(ws)
        oracle = nx.DiGraph()
        oracle.add_nodes_from(range(len(graph.ids)))
        oracle.add_edges_from((s, t) for s, t, ok in zip(graph.src, graph.tgt, graph.legit, strict=True) if ok)
        analysis = analyse(ws)
        for i, goal in enumerate(ws.goals):
            if goal.function_id is None:
                continue
            expected = [graph.ids[j] for j in sorted(nx.descendants(oracle, i)) if graph.level[j] == STRATEGY]
            assert every.get(goal.id, []) == expected, goal.id
            assert (goal.id in traced) == bool(every.get(goal.id)), goal.id
            chains = analysis.traces.get(goal.id)
            if chains is not None:  # support goals: traced exactly when the analysis has a trace
                assert bool(chains) == (goal.id in traced), goal.id
                assert {chain[-1] for chain in chains} <= set(every.get(goal.id, [])), goal.id
