"""How findings read and in what order they come, and what the score counts."""

from collections.abc import Callable

import pytest

from workshop import ops
from workshop.analysis import analyse
from workshop.analysis.wording import shorten
from workshop.model import Goal, LinkKind, Workshop


@pytest.fixture
def two_functions(small_room) -> Callable[[], Workshop]:
    def build() -> Workshop:
        ws = small_room()
        ops.add_relation(ws, "f-it", "f-sales", id="r-it")
        ops.update_relation(ws, "r-it", helps=["fast CRM"])
        return ws

    return build


def test_long_goal_text_is_shortened_at_a_word_with_an_ellipsis(two_functions):
    ws = two_functions()
    long_text = "Accurate customer records and purchase history for every campaign, within one working day"
    ops.add_goal(ws, long_text, "f-it", id="g-long")
    ops.link(ws, "g-long", "g-loyal")
    [finding] = [f for f in analyse(ws).findings if f.rule == "around-not-via"]
    quoted = finding.message.split('"')[1]
    assert quoted.endswith("…")
    assert len(quoted) <= 60
    assert long_text.startswith(quoted[:-1])
    assert long_text[len(quoted) - 1] == " "  # cut between words


def test_multi_line_goal_text_reads_as_one_line(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "Fast\nrecords", "f-it", id="g-ml")
    ops.link(ws, "g-ml", "g-loyal")
    [finding] = [f for f in analyse(ws).findings if f.rule == "around-not-via"]
    assert '"Fast records"' in finding.message
    assert "\n" not in finding.message


def test_shorten_keeps_short_text_and_cuts_a_word_without_spaces():
    assert shorten("Resolve tickets fast") == "Resolve tickets fast"
    cut = shorten("x" * 100)
    assert cut == "x" * 59 + "…"
    assert shorten("") == ""


def test_findings_follow_severity_then_model_order_not_ids(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "Second by id, first on the board", "f-it", id="g-z")
    ops.add_goal(ws, "First by id, second on the board", "f-it", id="g-a")
    ops.add_goal(ws, "A lonely sales goal", "f-sales", id="g-lonely")
    ops.link(ws, "g-z", "g-loyal")
    ops.link(ws, "g-a", "g-loyal")
    ops.add_decision(ws, "Who decides", id="d-1")
    findings = analyse(ws).findings
    around = [f.subjects[0] for f in findings if f.rule == "around-not-via"]
    assert around == ["g-z", "g-a"]
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    warnings = [f.rule for f in findings if f.severity == "warning"]
    assert warnings.index("goal-unlinked") < warnings.index("decision-without-owner")


def test_analysis_is_deterministic(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "IT raises loyalty", "f-it")
    ops.add_goal(ws, "Something", "f-sales")
    assert analyse(ws) == analyse(ws)


def test_every_finding_is_one_sentence_with_a_hint_and_subjects(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "IT raises loyalty", "f-it", id="g-around")
    ops.link(ws, "g-around", "g-loyal")
    ops.add_goal(ws, "Lonely", "f-sales")
    ops.add_decision(ws, "Who decides")
    for finding in analyse(ws).findings:
        assert finding.message.endswith(".")
        assert finding.message[0].isupper()
        assert finding.hint
        assert finding.subjects


def test_score_of_an_empty_workshop_is_full():
    assert analyse(Workshop()).score == 100


def test_score_is_the_share_of_aligned_goals_below_strategy_rounded_down(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "Match needs", "f-sales", id="g-sales")
    ops.link(ws, "g-sales", "g-loyal")  # aligned
    ops.add_goal(ws, "Records", "f-it", id="g-it")
    ops.link(ws, "g-it", "g-sales")  # aligned
    assert analyse(ws).score == 100
    ops.add_goal(ws, "IT raises loyalty", "f-it", id="g-around")
    ops.link(ws, "g-around", "g-loyal", id="l-around")  # not aligned
    assert analyse(ws).score == 66  # 2 of 3, rounded down
    ops.update_link(ws, "l-around", kind=LinkKind.DIRECT_IMPACT, reason="The web shop is IT's.")
    assert analyse(ws).score == 100


def test_strategic_goals_do_not_count_in_the_score(two_functions):
    ws = two_functions()
    ops.add_goal(ws, "Reduce expenditure")
    ops.add_goal(ws, "Raise engagement")
    ops.add_goal(ws, "Lonely", "f-sales")
    assert analyse(ws).score == 0


def test_goal_without_text_still_reads(two_functions):
    ws = two_functions()
    ws.goals.append(Goal(id="g-empty", text="", function_id="f-it"))  # ops refuse it; a file can still hold it
    ops.link(ws, "g-empty", "g-loyal")
    [finding] = [f for f in analyse(ws).findings if f.rule == "around-not-via"]
    assert '"(no text)"' in finding.message
