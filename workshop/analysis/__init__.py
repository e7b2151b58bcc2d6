"""The alignment analysis: `analyse(ws)` returns the findings, the traces and the score.

Score, in one sentence: the alignment score is the share of goals below strategy that reach a
strategic goal the way the method asks (a customer-facing goal through links, a support goal
through an internal customer's goal or a declared direct-impact exception with a reason), in whole
percent rounded down, and 100 when there are no such goals.

A support goal is ALIGNED when a chain support goal -> (support goals ->) internal customer's
goal -> ... -> strategic goal exists along links that carry a chain (table in `graph.py`), or when
it has a direct-impact exception WITH a reason. Findings come in one order: severity, then model
order (the collection the finding is about, then the item's place in it).

| rule id                       | severity       | fires when                                                 |
| ----------------------------- | -------------- | ---------------------------------------------------------- |
| around-not-via                | error          | an ordinary link runs from a support goal to a strategic goal |
| exception-without-reason      | error          | a direct-impact exception (support -> strategy) has no reason |
| link-cycle                    | error          | links form a circle (one finding per tangle, naming a cycle) |
| support-goal-unaligned        | warning        | a linked support goal has no chain to strategy (*)          |
| exception-reason-thin         | warning        | an exception's reason has fewer than 4 words ("x")          |
| internal-customer-unrecorded  | warning        | a support goal serves a function not recorded as its customer |
| strategy-without-contributors | warning        | no goal of any function links to a strategic goal           |
| customer-goal-untraced        | warning        | a linked customer-facing goal has no chain to strategy      |
| goal-unlinked                 | warning        | a goal of a function has no links at all                    |
| link-upside-down              | warning        | a link runs down the tree (strategy -> any, customer -> support) |
| no-internal-customers         | warning / info | a support function serves nobody: ONE finding (***)         |
| open-tension                  | warning        | a tension between a KPI and a KPI or goal is not resolved   |
| decision-without-owner        | warning        | a decision has no owner                                     |
| decision-owner-not-one        | warning        | a decision's owner is not one person ("A and B", "team")    |
| decision-unheard              | warning / info | a function it affects was not heard (info: nobody heard) (****) |
| local-incentive               | info / warning | a local KPI carries an incentive (warning: in open tension) |
| exception-misplaced           | info           | a direct-impact link that is not support -> strategy        |
| question-open                 | info           | question 2, 3 or 4 is not answered by the data (**)         |
| question-skipped              | info           | the same, and the room marked the question skipped          |
| customer-goal-unserved        | info           | a goal chosen in question 2 that no goal of the supplier serves |
| result-without-measure        | info           | support goals without a measure (one finding per function)  |
| weakness-affects-no-one       | info           | a disclosed weakness names no function it affects           |
| suggestion-pending            | info           | a suggestion from the room waits for the facilitator        |
| disclosure-pending            | info           | the room's disclosures waiting, counted: ONE finding, no quote |

(*) not for a goal with an around link or an exception: those findings already say why.
(**) one finding per support function and question, quoting the question's words; 2 and 3 are judged
per internal customer and name the customers with nothing recorded; question 4 is left to
customer-goal-unserved when that names the gap goal by goal. The rules are in `questions.py`.
(***) for all four questions; information when its goals are all declared exceptions or question 1's
note says why it serves no one; none when a link of the function already names whom it serves:
internal-customer-unrecorded asks to record that customer, and a link drawn on the board records it
at once.
(****) affected: the functions its text names, and the other side of every open tension and
disclosed weakness that involves a function it heard (`negativa.py`).

Each gap is said once: no rule fires for what another finding on the same item already says.

A finding the facilitator dismissed with a reason (`workshop/dismissals.py`) moves from `findings`
to `dismissed` while what it is about is unchanged; it comes back as soon as that changes.

Everything is computed from one `GoalGraph` (one multi-source BFS for reach, one topological pass
for cycles), so `analyse` stays well inside a frame budget at thousands of goals.
"""

from __future__ import annotations

from workshop import dismissals
from workshop.analysis import negativa, questions, score, structure, traces
from workshop.analysis.collect import Collector
from workshop.analysis.graph import build
from workshop.findings import Analysis, Finding, Severity
from workshop.gcpause import collector_paused
from workshop.model import Workshop

__all__ = ["Analysis", "Finding", "Severity", "analyse"]


def analyse(ws: Workshop) -> Analysis:
    # Some 20,000 small lists and tuples, none in a cycle: reference counting frees the graph as
    # _analyse returns, so the collector, back on, has only the result left to look at.
    with collector_paused():
        return _analyse(ws)


def _analyse(ws: Workshop) -> Analysis:
    graph = build(ws)
    out = Collector()
    structure.check(ws, graph, out)
    questions.check(ws, graph, out)
    negativa.check(ws, graph, out)
    shown, dismissed = dismissals.split(ws, out.findings())
    return Analysis(findings=shown, score=score.score(graph), traces=traces.traces(graph), dismissed=dismissed)
