"""The undo stack as a facilitator meets it: named steps, exact restores, merged typing."""

from ui.document import Document
from workshop import ops
from workshop.examples import customer_loyalty


def test_undo_and_redo_restore_the_workshop_exactly_and_announce_each_change(qtbot) -> None:
    doc = Document(customer_loyalty())
    before = doc.workshop.model_dump()
    seen = []
    doc.changed.connect(seen.append)

    doc.run(ops.remove_goal, "g-sales-match")
    after = doc.workshop.model_dump()
    assert doc.workshop.goal("g-sales-match") is None
    assert doc.undo_stack.undoText() == "Remove goal"

    doc.undo_stack.undo()
    assert doc.workshop.model_dump() == before
    doc.undo_stack.redo()
    assert doc.workshop.model_dump() == after
    assert len(seen) == 3
    assert "g-sales-match" in seen[1].touched()["goals"]


def test_typing_into_one_field_is_one_undo_step(qtbot) -> None:
    doc = Document(customer_loyalty())
    original = doc.workshop.goal("g-loyalty").text
    for text in ("I", "In", "Inc", "Increase loyalty"):
        doc.run(ops.update_goal, "g-loyalty", text=text, merge_key="text:g-loyalty:1")
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.workshop.goal("g-loyalty").text == original


def test_a_refused_edit_says_why_and_leaves_the_stack_alone(qtbot) -> None:
    doc = Document(customer_loyalty())
    outcome = doc.run(ops.link, "g-loyalty", "g-loyalty")
    assert not outcome.ok and "itself" in outcome.refusal
    assert doc.undo_stack.count() == 0


def test_the_clean_state_follows_undo_back_to_the_saved_point(qtbot) -> None:
    doc = Document(customer_loyalty())
    doc.undo_stack.setClean()
    doc.run(ops.add_goal, "Win new markets")
    assert not doc.undo_stack.isClean()
    doc.undo_stack.undo()
    assert doc.undo_stack.isClean()


def test_typing_a_first_note_creates_it_and_types_into_it_as_one_step(qtbot) -> None:
    doc = Document(customer_loyalty())
    for note in ("W", "We", "We serve Sales"):
        doc.run(ops.set_answer, "f-procurement", 1, note=note, merge_key="note:f-procurement:1")
    assert doc.undo_stack.count() == 1
    assert doc.workshop.answer("f-procurement", 1).note == "We serve Sales"
    doc.undo_stack.undo()
    assert doc.workshop.answer("f-procurement", 1) is None
    doc.undo_stack.redo()
    assert doc.workshop.answer("f-procurement", 1).note == "We serve Sales"


def test_typing_a_text_back_to_what_it_was_leaves_no_undo_step_and_no_unsaved_mark(qtbot) -> None:
    doc = Document(customer_loyalty())
    doc.undo_stack.setClean()
    for text in ("Increase customer loyalty!", "Increase customer loyalty"):
        doc.run(ops.update_goal, "g-loyalty", text=text, merge_key="text:g-loyalty:7")
    assert doc.undo_stack.count() == 0
    assert doc.undo_stack.isClean()


def test_operations_done_together_are_one_step_and_a_refusal_undoes_the_part_done(qtbot) -> None:
    doc = Document(customer_loyalty())
    before = doc.workshop.model_dump()

    def add_and_link(run: ops.Batch) -> str:
        goal = run(ops.add_goal, "Onboard sellers fast", "f-hr").created_id
        run(ops.link, goal, "g-sales-match")
        return goal

    assert doc.run(ops.run_together, "Add result", add_and_link).ok
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Add result"
    doc.undo_stack.undo()
    assert doc.workshop.model_dump() == before

    def refused(run: ops.Batch) -> None:
        run(ops.add_goal, "Half", "f-hr")
        run(ops.link, "g-loyalty", "g-loyalty")

    assert doc.run(ops.run_together, "Broken", refused).refusal
    assert doc.workshop.model_dump() == before
