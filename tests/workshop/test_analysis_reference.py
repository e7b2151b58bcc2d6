"""The fast analysis agrees with a slow, obvious reading of the method on random workshops.

The reference below follows the definitions literally with one breadth-first search per goal, and
cycles come from networkx's strongly connected components; the analysis must find the same aligned
goals, the same cycles and the same score, and every trace it gives must be a real, shortest chain
of links.
"""

import itertools
import random

import networkx as nx
import pytest

from workshop.analysis import analyse
from workshop.model import Function, FunctionKind, Goal, Link, LinkKind, ServiceRelation, Workshop
from workshop.synthetic import generate


def scrambled(goals: int, seed: int) -> Workshop:
    """A generated workshop with random extra links: cycles, around links, exceptions, odd directions."""
    ws = generate(goals, seed=seed)
    rng = random.Random(seed)
    pairs = {(lk.source, lk.target) for lk in ws.links}
    extra = []
    crowd = ws.goals[-goals // 4 :]  # dense extra links among a few goals make cycles likely
    for k in range(goals // 5):
        a, b = rng.sample(crowd if k % 2 else ws.goals, 2)
        if (a.id, b.id) in pairs:
            continue
        pairs.add((a.id, b.id))
        kind = LinkKind.DIRECT_IMPACT if rng.random() < 0.2 else LinkKind.CONTRIBUTES
        reason = "because" if rng.random() < 0.5 else ""
        extra.append(Link(id=f"l-x{k}", source=a.id, target=b.id, kind=kind, reason=reason))
    ws.links = ws.links + extra
    return ws


def reference(ws: Workshop) -> tuple[set[str], dict[str, int]]:
    """Goals below strategy that reach it as the method asks, and each one's shortest chain length."""
    kinds = {f.id: f.kind for f in ws.functions}
    goals = {g.id: g for g in ws.goals}

    def level(goal_id: str) -> str:
        fid = goals[goal_id].function_id
        if fid is None:
            return "strategy"
        return "support" if kinds.get(fid) == FunctionKind.SUPPORT else "customer"

    def carries(link: Link) -> bool:
        s, t = level(link.source), level(link.target)
        if t == "strategy":
            return s == "customer" or (s == "support" and link.kind == "direct_impact" and link.reason.strip() != "")
        if t == "customer":
            return s in {"customer", "support"}
        return s == "support" and t == "support"

    def shortest(start: str) -> int | None:
        """Breadth-first from one goal: the obvious, slow way."""
        frontier, seen, depth = [start], {start}, 0
        while frontier:
            depth += 1
            following = []
            for node in frontier:
                for link in ws.links:
                    if link.source == node and carries(link):
                        if level(link.target) == "strategy":
                            return depth
                        if link.target not in seen:
                            seen.add(link.target)
                            following.append(link.target)
            frontier = following
        return None

    lengths = {}
    for goal in ws.goals:
        if goal.function_id is not None:
            found = shortest(goal.id)
            if found is not None:
                lengths[goal.id] = found
    return set(lengths), lengths


def on_a_cycle(ws: Workshop) -> set[str]:
    """Goals on a cycle, by networkx: an independent implementation to check ours against."""
    graph = nx.DiGraph((lk.source, lk.target) for lk in ws.links)
    tangled: set[str] = set()
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            tangled |= component
    return tangled & {g.id for g in ws.goals}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_alignment_traces_cycles_and_score_match_the_reference(seed):
    ws = scrambled(150, seed)
    result = analyse(ws)
    aligned, lengths = reference(ws)
    below = [g for g in ws.goals if g.function_id is not None]
    assert result.score == len(aligned) * 100 // len(below)

    links = {(lk.source, lk.target) for lk in ws.links}
    support = {g.id for g in below if ws.function(g.function_id).kind == FunctionKind.SUPPORT}
    assert set(result.traces) == support
    for goal_id, chains in result.traces.items():
        assert bool(chains) == (goal_id in aligned), goal_id
        assert len(chains) <= 3
        for chain in chains:
            assert chain[0] == goal_id
            assert ws.goal(chain[-1]).function_id is None
            assert all((a, b) in links for a, b in itertools.pairwise(chain))
        if chains:
            assert len(chains[0]) - 1 == lengths[goal_id]
            assert [len(c) for c in chains] == sorted(len(c) for c in chains)

    untraced = {f.subjects[0] for f in result.findings if f.rule == "customer-goal-untraced"}
    customer = {g.id for g in below if g.id not in support}
    linked = {lk.source for lk in ws.links} | {lk.target for lk in ws.links}
    assert untraced == (customer & linked) - aligned

    tangled = set()
    for finding in result.findings:
        if finding.rule == "link-cycle":
            tangled |= {s for s in finding.subjects if s.startswith("g-")}
    assert tangled == on_a_cycle(ws)


def test_dangling_references_do_not_break_the_analysis():
    ws = Workshop(
        functions=[Function(id="f-it", name="IT", kind="support")],
        goals=[
            Goal(id="g-it", text="Records", function_id="f-it"),
            Goal(id="g-orphan", text="x", function_id="f-gone"),
        ],
        links=[Link(id="l-1", source="g-it", target="g-missing"), Link(id="l-2", source="g-gone", target="g-it")],
        relations=[ServiceRelation(id="r-1", supplier_id="f-it", customer_id="f-gone", customer_goal_ids=["g-no"])],
    )
    result = analyse(ws)
    assert "g-it" in result.traces
    assert result.score == 0
