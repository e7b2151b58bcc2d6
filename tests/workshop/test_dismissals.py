"""Dismiss a finding with a reason: it leaves the badges, what matters most and the verdict's
counts, stays in the file, is listed in the report with its reason, comes back when what it was
about changes, and is one undo step."""

from __future__ import annotations

import re

import pypdf
import pytest

from workshop import ops, storage, user_ops
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.report import export_pdf, summary_text
from workshop.user_ops import attempt


def the(ws, rule: str):
    [finding] = [f for f in analyse(ws).findings if f.rule == rule]
    return finding


def test_a_dismissed_finding_leaves_the_findings_and_is_kept_with_its_reason():
    ws = customer_loyalty()
    tension = the(ws, "open-tension")
    outcome = attempt(ws, user_ops.dismiss_finding, tension, "Agreed at the workshop: Support hires two people in Q1.")
    assert outcome.ok
    result = analyse(ws)
    assert "open-tension" not in {f.rule for f in result.findings}
    assert "t-contracts-ttr" not in result.by_subject() or all(
        f.rule != "open-tension" for f in result.by_subject()["t-contracts-ttr"]
    )
    assert result.dismissed == ((tension, "Agreed at the workshop: Support hires two people in Q1."),)
    assert tension.message not in summary_text(ws)  # not in what matters most


def test_dismissing_needs_a_reason():
    ws = customer_loyalty()
    outcome = attempt(ws, user_ops.dismiss_finding, the(ws, "open-tension"), "   ")
    assert not outcome.ok and "why" in outcome.refusal
    assert not ws.dismissals


def test_dismissing_is_one_undo_step_and_restoring_brings_it_back():
    ws = customer_loyalty()
    before = ws.model_dump()
    change = user_ops.dismiss_finding(ws, the(ws, "open-tension"), "Resolved outside the room.")
    change.inverse().apply(ws)
    assert ws.model_dump() == before
    change.apply(ws)
    assert "open-tension" not in {f.rule for f in analyse(ws).findings}
    user_ops.restore_finding(ws, ws.dismissals[0].id)
    assert "open-tension" in {f.rule for f in analyse(ws).findings}


def test_it_comes_back_when_what_it_was_about_changes():
    ws = customer_loyalty()
    user_ops.dismiss_finding(ws, the(ws, "around-not-via"), "IT's loyalty goal is being reworded next week.")
    assert not any(f.rule == "around-not-via" for f in analyse(ws).findings)
    ops.update_goal(ws, "g-it-loyalty", text="IT will raise customer loyalty a lot")
    assert the(ws, "around-not-via")  # back, and the record stays in the file, inert
    assert len(ws.dismissals) == 1 and not analyse(ws).dismissed
    ops.update_goal(ws, "g-it-loyalty", text="IT will raise customer loyalty")
    assert not any(f.rule == "around-not-via" for f in analyse(ws).findings)


def test_dismissing_the_only_error_changes_the_verdict():
    from workshop.verdict import verdict

    ws = customer_loyalty()
    assert verdict(ws, analyse(ws)).headline == "Errors to resolve first"
    user_ops.dismiss_finding(ws, the(ws, "around-not-via"), "The room accepts it for this year: no data yet.")
    assert verdict(ws, analyse(ws)).headline != "Errors to resolve first"


def test_the_report_lists_dismissed_findings_with_their_reasons(tmp_path):
    ws = customer_loyalty()
    user_ops.dismiss_finding(ws, the(ws, "open-tension"), "Support hires two people in Q1.")
    path = export_pdf(ws, tmp_path / "report.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages))
    section = text.split("Dismissed by the facilitator (1)")[1]
    assert "works against the Customer Support KPI" in section
    assert "Why dismissed: Support hires two people in Q1." in section


def test_dismissals_stay_in_the_file_and_a_file_without_them_saves_as_before(tmp_path):
    ws = customer_loyalty()
    plain = storage.dumps(ws)
    assert "dismissals" not in plain
    user_ops.dismiss_finding(ws, the(ws, "open-tension"), "Support hires two people in Q1.")
    again = storage.loads(storage.dumps(ws))
    assert [d.reason for d in again.dismissals] == ["Support hires two people in Q1."]
    assert not any(f.rule == "open-tension" for f in analyse(again).findings)
    user_ops.restore_finding(ws, ws.dismissals[0].id)
    assert storage.dumps(ws) == plain


@pytest.mark.parametrize("rule", ["local-incentive", "suggestion-pending"])
def test_dismissing_again_replaces_the_reason(rule):
    ws = customer_loyalty()
    user_ops.dismiss_finding(ws, the(ws, rule), "First reason given.")
    finding = analyse(ws).dismissed[0][0]
    user_ops.dismiss_finding(ws, finding, "Second, better reason.")
    assert [d.reason for d in ws.dismissals] == ["Second, better reason."]
