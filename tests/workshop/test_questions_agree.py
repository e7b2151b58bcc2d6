"""The guide, the analysis and the PDF report give the same answer to "is question N answered?"."""

from __future__ import annotations

import re

import pypdf
import pytest

from workshop import guide, ops, questions
from workshop.analysis import analyse
from workshop.examples import customer_loyalty
from workshop.model import Workshop
from workshop.report import export_pdf


def _open_per_guide(ws: Workshop) -> set[tuple[str, int]]:
    done = guide.answered_all(ws)
    out = {(f.id, q) for f in ws.support_functions() for q in questions.NUMBERS if q not in done[f.id]}
    assert {fid: 4 - sum(1 for f, _ in out if f == fid) for fid, _, _ in guide.progress_all(ws)} == {
        fid: n for fid, _, n in guide.progress_all(ws)
    }
    return out


def _open_per_analysis(ws: Workshop) -> set[tuple[str, int]]:
    """Open questions as the findings say them: each quotes its question; a function with no internal
    customer has one finding for question 1 (unless a note answers it) and the three that wait on it, or
    none when a link of it names whom it serves (internal-customer-unrecorded); question 4 of a function
    whose chosen customer goals are unserved is said goal by goal (customer-goal-unserved)."""
    out = set()
    noted = {a.function_id for a in ws.answers if a.question == 1 and a.note.strip()}
    suppliers = {r.supplier_id for r in ws.relations}
    owner = {g.id: g.function_id for g in ws.goals}
    for finding in analyse(ws).findings:
        fid = finding.subjects[0]
        if finding.rule in ("question-open", "question-skipped"):
            [q] = [q for q, words in questions.QUESTIONS.items() if f'"{words}"' in finding.message]
            out.add((fid, q))
        elif finding.rule == "no-internal-customers":
            out |= {(fid, q) for q in questions.NUMBERS if q > 1 or fid not in noted}
        elif finding.rule == "internal-customer-unrecorded" and owner[fid] not in suppliers:
            out |= {(owner[fid], q) for q in questions.NUMBERS if q > 1 or owner[fid] not in noted}
        elif finding.rule == "customer-goal-unserved":
            out.add((finding.subjects[2], 4))
    return out


def _report_states(ws: Workshop, tmp_path) -> dict[tuple[str, int], str]:
    """Per (support function, question): 'not answered', 'skipped' or 'answered', read from the PDF."""
    path = export_pdf(ws, tmp_path / "report.pdf")
    text = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    text = re.sub(r"\s+", " ", text)
    sections = text.split("The four questions 1. ")[1:]
    functions = ws.support_functions()
    assert len(sections) == len(functions)
    states = {}
    for function, section in zip(functions, sections, strict=True):
        section = re.split(r" Findings | \S+ \(support\) ", section)[0]
        starts = [
            section.index(f"{q}. {questions.QUESTIONS[q][:25]}" if q > 1 else questions.QUESTIONS[1])
            for q in questions.NUMBERS
        ]
        for q, begin, end in zip(questions.NUMBERS, starts, [*starts[1:], len(section)], strict=True):
            chunk = section[begin:end]
            state = "skipped" if " skipped" in chunk else "not answered" if "not answered" in chunk else "answered"
            states[(function.id, q)] = state
    return states


def _agree(ws: Workshop, tmp_path) -> set[tuple[str, int]]:
    open_ = _open_per_guide(ws)
    assert open_ == _open_per_analysis(ws)
    states = _report_states(ws, tmp_path)
    assert {key for key, state in states.items() if state != "answered"} == open_
    for (fid, q), state in states.items():
        if state != "answered":
            assert state == ("skipped" if questions.skipped(ws, fid, q) else "not answered"), (fid, q)
    return open_


def test_the_demo_agrees_everywhere(tmp_path):
    ws = customer_loyalty()
    open_ = _agree(ws, tmp_path)
    assert not any(fid == "f-it" for fid, _ in open_)  # IT is 4/4 in the guide: the report says so too


def test_the_bundled_example_file_agrees_everywhere(tmp_path):
    from pathlib import Path

    import resources
    from workshop import storage

    ws = storage.load(Path(resources.__file__).parent / "examples" / "customer-loyalty.via")
    _agree(ws, tmp_path)
    ws.answers.clear()  # without a single note, every answer comes from the data alone
    states = _report_states(ws, tmp_path)
    assert [states[("f-it", q)] for q in questions.NUMBERS] == ["answered"] * 4
    _agree(ws, tmp_path)


def _no_results(ws):
    for goal_id in ("g-it-records", "g-it-loyalty"):
        ops.remove_goal(ws, goal_id)


def _no_helps(ws):
    ops.update_relation(ws, "r-it-sales", helps=[], hindrances=[])


def _a_note_is_not_an_answer(ws):
    ops.update_relation(ws, "r-hr-service", customer_goal_ids=[])
    ops.set_answer(ws, "f-hr", 2, note="We did not get to it.")


def _skipped_and_open(ws):
    ops.set_answer(ws, "f-procurement", 3, skipped=True)
    ops.set_answer(ws, "f-procurement", 1, note="We serve no one: purchasing policy is our own job.")


def _skipped_but_answered(ws):
    ops.set_answer(ws, "f-it", 3, skipped=True)


def _no_customers(ws):
    ops.remove_relation(ws, "r-it-sales")
    ops.set_answer(ws, "f-it", 1, note="")


@pytest.mark.parametrize(
    "change",
    [_no_results, _no_helps, _a_note_is_not_an_answer, _skipped_and_open, _skipped_but_answered, _no_customers],
)
def test_hand_made_cases_agree_everywhere(change, tmp_path):
    ws = customer_loyalty()
    change(ws)
    _agree(ws, tmp_path)


def test_each_change_opens_what_it_should(tmp_path):
    cases = {
        _no_results: {("f-it", 4)},
        _no_helps: {("f-it", 3)},
        _a_note_is_not_an_answer: {("f-hr", 2)},
        _skipped_but_answered: set(),
        _no_customers: {("f-it", q) for q in questions.NUMBERS},
    }
    baseline = _open_per_guide(customer_loyalty())
    for change, expected in cases.items():
        ws = customer_loyalty()
        change(ws)
        assert _open_per_guide(ws) - baseline == expected, change.__name__


def test_results_spell_out_question_4():
    from workshop.synthetic import generate

    for ws in (customer_loyalty(), generate(300, seed=5)):
        done = questions.answered_all(ws)
        for function in ws.support_functions():
            assert bool(questions.results(ws, function.id)) == (4 in done[function.id]), function.id


def test_the_report_prints_what_the_room_recorded_under_each_question(tmp_path):
    ws = customer_loyalty()
    path = export_pdf(ws, tmp_path / "report.pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages))
    it = text.split("The four questions 1. ")[1]
    for expected in (
        "Sales",
        "Match products to each customer's real needs",
        "Reaches the strategy: Increase customer loyalty",
        "Purchase history arrives a week late",
        "Hinders Sales",
        "Accurate customer records and purchase history within a day",
        "Measure: Hours from purchase to CRM record",
    ):
        assert expected in it, expected
