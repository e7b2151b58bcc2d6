"""The guided session's step list, progress and traces, computed from the model alone (no Qt)."""

from __future__ import annotations

from workshop import guide, ops
from workshop.examples import customer_loyalty
from workshop.guide import Step, StepKind
from workshop.model import Workshop


def _keys(ws: Workshop) -> list[str]:
    return [s.key for s in guide.steps_for(ws)]


def test_the_session_runs_setup_then_four_questions_and_a_direct_impact_check_per_support_function():
    keys = _keys(customer_loyalty())
    assert keys[:3] == ["strategy", "functions", "customer_facing"]
    assert keys[3:8] == [
        "question:f-it:1",
        "question:f-it:2",
        "question:f-it:3",
        "question:f-it:4",
        "direct_impact:f-it",
    ]
    assert keys[8:13] == [
        "question:f-hr:1",
        "question:f-hr:2",
        "question:f-hr:3",
        "question:f-hr:4",
        "direct_impact:f-hr",
    ]
    assert keys[-6:] == ["kpis", "tensions", "weaknesses", "decisions", "review", "export"]


def test_adding_a_support_function_adds_its_questions_before_the_via_negativa_round():
    ws = customer_loyalty()
    ops.add_function(ws, "Finance", "support", id="f-finance")
    keys = _keys(ws)
    assert keys.index("direct_impact:f-finance") == keys.index("kpis") - 1
    assert "question:f-finance:4" in keys


def test_customer_facing_functions_get_no_questions():
    assert not any(k.startswith("question:f-sales") for k in _keys(customer_loyalty()))


def test_demo_progress_counts_answers_from_the_data():
    ws = customer_loyalty()
    assert guide.progress_all(ws) == [("f-it", "IT", 4), ("f-hr", "HR", 4), ("f-procurement", "Procurement", 0)]


def test_each_question_counts_when_its_own_data_exists():
    ws = customer_loyalty()
    for goal_id in ("g-it-records", "g-it-loyalty"):
        ops.remove_goal(ws, goal_id)
    assert [guide.answered(ws, "f-it", q) for q in (1, 2, 3, 4)] == [True, True, True, False]
    ops.update_relation(ws, "r-it-sales", helps=[], hindrances=[])
    assert guide.answered(ws, "f-it", 3) is False
    ops.update_relation(ws, "r-it-sales", customer_goal_ids=[])
    assert guide.answered(ws, "f-it", 2) is False
    ops.remove_relation(ws, "r-it-sales")
    assert guide.progress(ws, "f-it") == 1  # the demo's note on question 1 still answers it
    ops.set_answer(ws, "f-it", 1, note="")
    assert guide.progress(ws, "f-it") == 0


def test_a_note_answers_question_1_only():
    ws = customer_loyalty()
    ops.set_answer(ws, "f-procurement", 2, note="Nothing chosen yet.")
    assert guide.answered(ws, "f-procurement", 2) is False
    ops.set_answer(ws, "f-procurement", 1, note="We serve no one: purchasing policy is our own job.")
    assert guide.answered(ws, "f-procurement", 1) is True


def test_a_skip_is_read_from_the_answer_record():
    ws = customer_loyalty()
    assert guide.skipped(ws, "f-procurement", 3) is False
    ops.set_answer(ws, "f-procurement", 3, skipped=True)
    assert guide.skipped(ws, "f-procurement", 3) is True


def test_each_question_focuses_the_board_on_the_cards_it_is_about():
    ws = customer_loyalty()
    q2 = guide.focus_ids(ws, Step(StepKind.QUESTION, "f-hr", 2))
    assert "g-service-respect" in q2 and "g-loyalty" in q2
    q4 = guide.focus_ids(ws, Step(StepKind.QUESTION, "f-hr", 4))
    assert {"g-hr-vacancies", "g-service-respect"} <= set(q4)
    assert "g-sales-match" not in q4
    assert guide.focus_ids(ws, Step(StepKind.REVIEW)) == []
    assert set(guide.focus_ids(ws, Step(StepKind.STRATEGY))) == {"g-loyalty", "g-expenditure", "g-engagement"}


def test_every_step_has_a_title_and_a_reason():
    for step in guide.steps_for(customer_loyalty()):
        if step.kind == StepKind.QUESTION:
            assert guide.QUESTIONS[step.question] and guide.WHY[step.question]
        else:
            assert guide.TITLES[step.kind] and guide.WHY_STEP[step.kind]


def test_the_one_pass_answers_agree_with_asking_question_by_question():
    from workshop.synthetic import generate

    for ws in (customer_loyalty(), generate(300, seed=3)):
        ops.set_answer(ws, ws.support_functions()[-1].id, 1, note="Serves nobody yet")
        done = guide.answered_all(ws)
        for function in ws.support_functions():
            expected = {q for q in (1, 2, 3, 4) if guide.answered(ws, function.id, q)}
            assert done[function.id] == expected, function.id
