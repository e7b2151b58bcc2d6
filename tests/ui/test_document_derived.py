"""Facts worked out once per state of the workshop (`Document.derived`) are never a step behind it."""

from __future__ import annotations

from ui.document import Document
from workshop import user_ops
from workshop.examples import customer_loyalty
from workshop.model import Workshop


def test_a_derived_fact_is_worked_out_once_and_again_after_every_kind_of_change(qtbot) -> None:
    document = Document(customer_loyalty())
    readings: list[int] = []

    def goals_counted(ws: Workshop) -> int:
        readings.append(len(ws.goals))
        return len(ws.goals)

    before = document.derived(goals_counted)
    assert document.derived(goals_counted) == before
    assert len(readings) == 1, "read twice in the same state: worked out once"

    assert document.run(user_ops.add_customer_goal, "r-it-sales", "Quote in a day").ok
    assert document.derived(goals_counted) == before + 1
    document.undo_stack.undo()
    assert document.derived(goals_counted) == before
    document.undo_stack.redo()
    assert document.derived(goals_counted) == before + 1

    read = len(readings)
    assert document.run_for_room(user_ops.suggest_goal_as, "From a phone", None, participant="Ana").ok
    document.derived(goals_counted)
    assert len(readings) == read + 1, "a phone's post is a new state too"

    document.replace(Workshop(), None)
    assert document.derived(goals_counted) == 0


def test_the_guide_shows_a_new_trace_as_soon_as_the_goal_is_linked(open_window, qtbot) -> None:
    window = open_window()
    document, panel = window.document, window.guide_panel
    panel.go_to("question:f-it:2")
    assert document.run(user_ops.add_customer_goal, "r-it-sales", "Quote in a day").ok
    goal_id = document.workshop.goals[-1].id

    def line() -> str:
        view = panel.current_view()
        rows = [view.sections[0].goals.item(i) for i in range(view.sections[0].goals.count())]
        return next((row.text() for row in rows if "Quote in a day" in row.text()), "")

    qtbot.waitUntil(lambda: line().startswith("✗"))
    assert document.run(user_ops.link_goals, goal_id, "g-sales-match").ok
    qtbot.waitUntil(lambda: "→" in line())
    assert "Increase customer loyalty" in line()
