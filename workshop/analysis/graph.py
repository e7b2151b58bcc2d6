"""The goal graph as plain index lists, with every whole-graph question answered in one pass.

Goals are numbered by their place in `ws.goals` and links by theirs; adjacency holds link indices
so a rule can name the link as well as its ends. Reach to strategy is ONE multi-source
breadth-first search backwards from all strategic goals, and cycles come from ONE topological
(Kahn) pass, with Tarjan's algorithm run only on what that pass could not order. A traversal per
goal was 20-1,500x slower at 5,000 goals (shared/ARCHITECTURE.md), and importing networkx alone
costs more than this whole analysis. Model attributes are read once, into lists, because on the
target machine every attribute read in a 5,000-goal loop shows in the timings.

Which links carry a chain to strategy (`legit`), by the band of the link's ends:

| source -> target                   | carries the chain when                              |
| ---------------------------------- | --------------------------------------------------- |
| customer-facing -> strategy        | always                                              |
| support -> strategy                | it is a direct-impact exception with a reason       |
| customer-facing -> customer-facing | always                                              |
| support -> customer-facing         | always (the internal customer's goal)               |
| support -> support                 | always (a chain may pass through support goals)     |
| anything else                      | never (strategy as a source, customer-facing -> support) |

So a customer-facing goal is traced only through customer-facing goals, and a support goal is
aligned only through a traced customer-facing goal or a declared exception, possibly after other
support goals.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import BAND_ORDER, Band, Function, Goal, LinkKind, Workshop, band_of_function

STRATEGY, CUSTOMER, SUPPORT = (BAND_ORDER.index(b) for b in (Band.STRATEGY, Band.CUSTOMER_FACING, Band.SUPPORT))
"""Goal levels: the model's band order as integers, top to bottom; a link should never point from a
lower number to a higher one. The tables below are written for exactly these three values."""

_CARRIES = (False, False, False, True, True, False, False, True, True, False)
"""Indexed by source level * 3 + target level, -1 for a missing end; support -> strategy (6) carries
the chain only when it is a declared exception, which `build` sets link by link."""
_AROUND, _TO_CUSTOMER = 6, 7
_DOWNWARD = frozenset({1, 2, 5})
"""Strategy -> customer-facing or support, customer-facing -> support."""
_LEVEL = frozenset({0, 4, 8})
"""Strategy -> strategy, customer-facing -> customer-facing, support -> support."""
_COMMON = frozenset({3, 4, 7, 8})
"""Customer-facing -> strategy or customer-facing, support -> customer-facing or support: no finding here."""


@dataclass
class GoalGraph:
    """The workshop's goals and links as index lists, plus the facts every rule shares."""

    goals: list[Goal]
    functions: dict[str, Function]
    ids: list[str]
    owner: list[str | None]
    """Per goal: the id of the function that owns it (None for a strategic goal)."""
    level: list[int]
    index: dict[str, int]
    src: list[int]
    """Per link: the index of its source goal; -1 when that goal is not there."""
    tgt: list[int]
    out: list[list[int]]
    """Per goal: indices of the links leaving it, in model order."""
    inc: list[list[int]]
    """Per goal: indices of the links arriving at it, in model order."""
    legit: list[bool]
    """Per link: whether it carries a chain to strategy (see the module table)."""
    direct: list[int]
    """Indices of the direct-impact links, in model order."""
    around: list[int]
    """Indices of ordinary links from a support goal straight to a strategic goal."""
    downward: list[int]
    """Indices of links that point down the tree."""
    level_links: list[int]
    """Indices of links between two goals on the same level."""
    unrecorded: list[int]
    """Indices of links from a support goal to a goal of a function not recorded as its customer."""
    customers: set[tuple[str, str]]
    """(support function, internal customer) for every recorded relation."""
    joined: set[tuple[str | None, str | None]]
    """(function of source, function of target) for every link from a support goal to another function's goal."""
    served: set[tuple[str | None, int]]
    """(support function, goal index) for every goal of another function a support goal links to."""
    dist: list[int]
    """Per goal: links on its shortest chain to strategy; -1 when it has none."""
    via: list[int]
    """Per goal: the next goal on that shortest chain; -1 for a strategic goal or a goal without one."""
    root: list[int]
    """Per goal: the strategic goal that chain ends at; -1 when it has none."""

    def chain(self, i: int, limit: int) -> list[str]:
        """The ids of goal i's shortest chain to strategy, the goal first, at most `limit` of them.

        A longer chain (only a hostile file makes one: a workshop's chains have a handful of goals)
        keeps its first goals and the strategic goal it ends at, so a 20,000-goal chain costs 20,000
        short lists, not 200 million ids (the whole chains took 3 GB and 15 s).
        """
        ids, via = self.ids, self.via
        out = [ids[i]]
        node = via[i]
        while node >= 0 and len(out) < limit - 1:
            out.append(ids[node])
            node = via[node]
        if node >= 0:
            out.append(ids[self.root[i]])
        return out


def build(ws: Workshop) -> GoalGraph:
    """Reads the model once into lists and sorts the links into what the rules need.

    Written as comprehensions over whole lists, which run several times faster than one loop doing
    everything: this function is most of the analysis time at 5,000 goals.
    """
    functions = {f.id: f for f in ws.functions}
    band = {f.id: BAND_ORDER.index(band_of_function(f)) for f in ws.functions}
    unknown = BAND_ORDER.index(band_of_function(None))
    goals = ws.goals
    n = len(goals)
    ids = [g.id for g in goals]
    owner = [g.function_id for g in goals]
    index = dict(zip(ids, range(n), strict=True))
    level = [STRATEGY if f is None else band.get(f, unknown) for f in owner]
    links = ws.links
    get = index.get
    src = [get(lk.source, -1) for lk in links]
    tgt = [get(lk.target, -1) for lk in links]
    direct_kind = LinkKind.DIRECT_IMPACT  # looked up once, not per link
    direct = [li for li, lk in enumerate(links) if lk.kind == direct_kind]
    codes = [level[s] * 3 + level[t] if s >= 0 and t >= 0 else -1 for s, t in zip(src, tgt, strict=True)]
    legit = [_CARRIES[c] for c in codes]  # code -1 (a missing end) reads the last entry: False
    for li in direct:
        if codes[li] == _AROUND and links[li].reason.strip():
            legit[li] = True  # a declared exception, with its reason
    exceptions = set(direct)
    around: list[int] = []
    downward: list[int] = []
    level_links = [li for li, c in enumerate(codes) if c in _LEVEL]
    for li in [li for li, c in enumerate(codes) if c not in _COMMON]:
        code = codes[li]
        if code == _AROUND and li not in exceptions:
            around.append(li)
        elif code in _DOWNWARD:
            downward.append(li)

    customers = {(r.supplier_id, r.customer_id) for r in ws.relations}
    joined: set[tuple[str | None, str | None]] = set()
    served: set[tuple[str | None, int]] = set()
    unrecorded: list[int] = []
    for li in [li for li, c in enumerate(codes) if c >= _TO_CUSTOMER]:
        t = tgt[li]
        mine, theirs = owner[src[li]], owner[t]
        if mine != theirs:
            served.add((mine, t))
            joined.add((mine, theirs))
            if (mine, theirs) not in customers and theirs in functions:
                unrecorded.append(li)

    out: list[list[int]] = [[] for _ in range(n)]
    inc: list[list[int]] = [[] for _ in range(n)]
    for li, s in enumerate(src):
        t = tgt[li]
        if s >= 0 and t >= 0:
            out[s].append(li)
            inc[t].append(li)
    dist, via, root = _reach(level, src, inc, legit)
    return GoalGraph(
        goals,
        functions,
        ids,
        owner,
        level,
        index,
        src,
        tgt,
        out,
        inc,
        legit,
        direct,
        around,
        downward,
        level_links,
        unrecorded,
        customers,
        joined,
        served,
        dist,
        via,
        root,
    )


def _reach(
    level: list[int], src: list[int], inc: list[list[int]], legit: list[bool]
) -> tuple[list[int], list[int], list[int]]:
    """One multi-source BFS backwards from every strategic goal along the links that carry a chain.

    The first time a goal is reached is along a shortest chain; it keeps only the goal it was
    reached from and the strategic goal at the end, so memory stays linear however long the chains
    (`GoalGraph.chain` walks them when a trace is wanted).
    """
    n = len(level)
    dist = [-1] * n
    via = [-1] * n
    root = [-1] * n
    queue = [i for i, lv in enumerate(level) if lv == STRATEGY]
    for i in queue:
        dist[i] = 0
        root[i] = i
    push = queue.append
    for node in queue:  # grows while it is walked: that is the BFS
        step = dist[node] + 1
        end = root[node]
        for li in inc[node]:
            if legit[li]:
                s = src[li]
                if dist[s] < 0:
                    dist[s] = step
                    via[s] = node
                    root[s] = end
                    push(s)
    return dist, via, root


def cycles(graph: GoalGraph) -> list[tuple[list[int], list[int], list[int]]]:
    """Every circle of links as (goals of one cycle, its links, all goals tangled with it).

    Going round a circle ends on the level it started from, so a circle that never goes down the
    tree uses links within one level only: while no link points down, only those are searched.
    Kahn's pass peels off every goal that cannot be on a circle, usually all of them; Tarjan's
    algorithm then runs on the rest only.
    """
    src, tgt = graph.src, graph.tgt
    candidates = range(len(src)) if graph.downward else graph.level_links
    succ: dict[int, list[tuple[int, int]]] = {}
    indegree: dict[int, int] = {}
    for li in candidates:
        s, t = src[li], tgt[li]
        if s >= 0 and t >= 0:
            succ.setdefault(s, []).append((t, li))
            indegree[t] = indegree.get(t, 0) + 1
    ready = [node for node in succ if node not in indegree]
    push = ready.append
    for node in ready:
        for t, _ in succ.get(node, ()):
            indegree[t] -= 1
            if indegree[t] == 0:
                push(t)
    rest = sorted(node for node, count in indegree.items() if count > 0)
    if not rest:
        return []
    found = []
    for component in _strong_components(succ, rest):
        if len(component) > 1:
            goals, links = _one_cycle(succ, component)
            found.append((goals, links, component))
    found.sort(key=lambda item: item[2][0])
    return found


def _strong_components(succ: dict[int, list[tuple[int, int]]], nodes: list[int]) -> list[list[int]]:
    """Tarjan's algorithm without recursion (a long chain must not hit Python's recursion limit)."""
    allowed = set(nodes)
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    components: list[list[int]] = []
    for root in nodes:
        if root in order:
            continue
        work = [(root, 0)]
        while work:
            node, pos = work.pop()
            if pos == 0:
                order[node] = low[node] = len(order)
                stack.append(node)
                on_stack.add(node)
            edges = succ.get(node, [])
            descended = False
            while pos < len(edges):
                target = edges[pos][0]
                pos += 1
                if target not in allowed:
                    continue
                if target not in order:
                    work.append((node, pos))
                    work.append((target, 0))
                    descended = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], order[target])
            if descended:
                continue
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
            if work:  # the entry below a finished goal is the goal it was reached from
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def _one_cycle(succ: dict[int, list[tuple[int, int]]], component: list[int]) -> tuple[list[int], list[int]]:
    """The shortest cycle through the component's first goal (model order), by a BFS inside it."""
    members = set(component)
    start = component[0]
    came: dict[int, tuple[int, int]] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        following = []
        for node in frontier:
            for target, li in succ.get(node, ()):
                if target == start:
                    goals, links = [node], [li]
                    while node != start:
                        node, via = came[node]
                        goals.append(node)
                        links.append(via)
                    goals.reverse()
                    links.reverse()
                    return goals, links
                if target in members and target not in seen:
                    seen.add(target)
                    came[target] = (node, li)
                    following.append(target)
        frontier = following
    return component, []  # unreachable for a strong component; kept so a bug cannot crash the room
