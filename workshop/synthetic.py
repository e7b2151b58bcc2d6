"""Generated workshops of any size, shaped like real goal trees, for benchmarks and stress tests.

Shape: a few strategic goals; customer-facing functions whose goals serve strategy (some chained
within the band); support functions that serve internal customers, whose results serve customer
goals or other support results, with a sprinkling of declared exceptions and "around" links so the
analysis has findings to report. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from workshop.model import (
    BAND_ORDER,
    Band,
    Function,
    FunctionKind,
    Goal,
    Kpi,
    Link,
    LinkKind,
    ServiceRelation,
    Tension,
    Workshop,
)

_PALETTE = ["#2E86DE", "#10AC84", "#EE5253", "#8854D0", "#F39C12", "#576574", "#0ABDE3", "#FF9FF3", "#1DD1A1"]


def generate(goals: int, seed: int = 1) -> Workshop:
    """A workshop with about `goals` goals (strategic + customer-facing + support)."""
    rng = random.Random(seed)
    n_strategic = max(2, min(8, goals // 60 + 2))
    n_customer = max(2, goals // 50)
    n_support = max(2, goals // 40)
    remaining = max(0, goals - n_strategic)
    n_cf_goals = remaining * 2 // 5
    n_sup_goals = remaining - n_cf_goals

    ws = Workshop()
    ws.meta.title = f"Generated workshop ({goals} goals)"
    functions = [
        Function(
            id=f"f-c{i}",
            name=f"Customer function {i}",
            kind=FunctionKind.CUSTOMER_FACING,
            colour=_PALETTE[i % len(_PALETTE)],
        )
        for i in range(n_customer)
    ] + [
        Function(
            id=f"f-s{i}",
            name=f"Support function {i}",
            kind=FunctionKind.SUPPORT,
            colour=_PALETTE[(i + 4) % len(_PALETTE)],
        )
        for i in range(n_support)
    ]
    ws.functions = functions
    strategic = [Goal(id=f"g-st{i}", text=f"Strategic goal {i}: grow what matters {i}") for i in range(n_strategic)]
    customer_goals: list[Goal] = []
    links: list[Link] = []
    for i in range(n_cf_goals):
        fn = functions[i % n_customer]
        goal = Goal(
            id=f"g-c{i}",
            text=f"{fn.name} goal {i}: serve customers better in area {i}",
            function_id=fn.id,
            measure="Customer satisfaction",
            target=f"{rng.randint(70, 95)}%",
        )
        # most serve strategy directly; about one in five serves another customer goal of its function
        same_function = [g for g in customer_goals[-20:] if g.function_id == fn.id]
        if same_function and rng.random() < 0.2:
            links.append(Link(id=f"l-c{i}", source=goal.id, target=rng.choice(same_function).id))
        elif rng.random() < 0.97:
            links.append(Link(id=f"l-c{i}", source=goal.id, target=rng.choice(strategic).id))
        customer_goals.append(goal)

    relations: dict[tuple[str, str], ServiceRelation] = {}
    support_goals: list[Goal] = []
    for i in range(n_sup_goals):
        fn = functions[n_customer + i % n_support]
        goal = Goal(id=f"g-s{i}", text=f"{fn.name} result {i}: deliver what internal customers need", function_id=fn.id)
        roll = rng.random()
        if roll < 0.03:
            links.append(
                Link(
                    id=f"l-s{i}",
                    source=goal.id,
                    target=rng.choice(strategic).id,
                    kind=LinkKind.DIRECT_IMPACT,
                    reason="Moves the strategic goal directly.",
                )
            )
        elif roll < 0.05:
            links.append(Link(id=f"l-s{i}", source=goal.id, target=rng.choice(strategic).id))
        elif roll < 0.20 and support_goals:
            target = rng.choice(support_goals[-30:])
            if target.function_id != fn.id:
                links.append(Link(id=f"l-s{i}", source=goal.id, target=target.id))
                key = (fn.id, target.function_id or "")
                relations.setdefault(
                    key,
                    ServiceRelation(
                        id=f"r-{fn.id}-{target.function_id}", supplier_id=fn.id, customer_id=target.function_id or ""
                    ),
                )
        elif roll < 0.97 and customer_goals:
            target = rng.choice(customer_goals)
            links.append(Link(id=f"l-s{i}", source=goal.id, target=target.id))
            key = (fn.id, target.function_id or "")
            rel = relations.setdefault(
                key,
                ServiceRelation(
                    id=f"r-{fn.id}-{target.function_id}", supplier_id=fn.id, customer_id=target.function_id or ""
                ),
            )
            if target.id not in rel.customer_goal_ids and len(rel.customer_goal_ids) < 5:
                rel.customer_goal_ids.append(target.id)
                rel.helps.append(f"We help with {target.id}")
        support_goals.append(goal)

    ws.goals = strategic + customer_goals + support_goals
    ws.links = links
    ws.relations = list(relations.values())
    ws.kpis = [Kpi(id=f"k-{f.id}", function_id=f.id, name=f"{f.name} KPI", rewards="local volume") for f in functions]
    ws.tensions = [
        Tension(
            id=f"t-{i}",
            kpi_id=ws.kpis[i].id,
            against_id=ws.kpis[(i + 1) % len(ws.kpis)].id,
            description="Rewards volume at the other's expense",
        )
        for i in range(0, len(ws.kpis), 7)
    ]
    return ws


def with_extra_links(ws: Workshop, share: float, seed: int = 7) -> Workshop:
    """The workshop with a `share` of its goals given a second link, to a goal in the same band or the
    band above: generated workshops are forests (one link per goal), which a depth-first order draws
    without a crossing; real rooms are not, and this gives the layout's ordering work to do."""
    rng = random.Random(seed)
    rank = {band: i for i, band in enumerate(BAND_ORDER)}
    functions = {f.id: f for f in ws.functions}
    band = {g.id: ws.band_of(g, functions) for g in ws.goals}
    existing = {(link.source, link.target) for link in ws.links}
    links = list(ws.links)
    goals = [g.id for g in ws.goals if band[g.id] != Band.STRATEGY]
    for i, source in enumerate(rng.sample(goals, int(len(goals) * share))):
        choices = [g for g in band if rank[band[g]] in (rank[band[source]] - 1, rank[band[source]]) and g != source]
        target = rng.choice(choices)
        if (source, target) in existing or (target, source) in existing:
            continue
        existing.add((source, target))
        links.append(Link(id=f"l-extra-{i}", source=source, target=target))
    return ws.model_copy(update={"links": links})
