"""The outline patches only what a change touched, and ends up exactly as a full rebuild would."""

from __future__ import annotations

import random

import pytest

from ui.document import Document
from ui.panels.common import ID_ROLE
from ui.panels.outline import OutlinePanel
from workshop import ops
from workshop.changes import recording
from workshop.examples import customer_loyalty
from workshop.model import FunctionKind, LinkKind


@pytest.fixture
def document():
    return Document(customer_loyalty())


@pytest.fixture
def outline(qtbot, document):
    panel = OutlinePanel(document)
    qtbot.addWidget(panel)
    panel.show()  # on screen: every change is patched in at once
    return panel


def rebuilt(qtbot, document) -> list[tuple]:
    """What a freshly opened outline shows for the document as it is now."""
    fresh = OutlinePanel(document)
    qtbot.addWidget(fresh)
    return fresh.snapshot()


def ids_in_order(snapshot: list[tuple]) -> list[str]:
    out: list[str] = []

    def walk(node: tuple) -> None:
        out.append(node[1])
        for child in node[4]:
            walk(child)

    for top in snapshot:
        walk(top)
    return out


EDITS = [
    ("add a goal to HR", lambda ws: ops.add_goal(ws, "Onboarding in a week", "f-hr", id="g-new-hr")),
    ("add a strategic goal", lambda ws: ops.add_goal(ws, "Grow abroad", id="g-new-strategy")),
    ("link the new goal", lambda ws: ops.link(ws, "g-new-hr", "g-new-strategy", id="l-new")),
    ("declare it direct", lambda ws: ops.update_link(ws, "l-new", kind=LinkKind.DIRECT_IMPACT, reason="Hiring")),
    ("retitle the target", lambda ws: ops.update_goal(ws, "g-new-strategy", text="Grow in two new countries")),
    ("move a goal to Sales", lambda ws: ops.update_goal(ws, "g-it-records", function_id="f-sales")),
    ("HR becomes customer-facing", lambda ws: ops.update_function(ws, "f-hr", kind=FunctionKind.CUSTOMER_FACING)),
    ("rename IT", lambda ws: ops.update_function(ws, "f-it", name="Digital")),
    ("remove a linked goal", lambda ws: ops.remove_goal(ws, "g-loyalty")),
    ("remove a function", lambda ws: ops.remove_function(ws, "f-procurement")),
    ("add a function", lambda ws: ops.add_function(ws, "Finance", FunctionKind.SUPPORT, id="f-finance")),
    ("give it a goal", lambda ws: ops.add_goal(ws, "Close the books in 3 days", "f-finance", id="g-finance")),
    ("accept a suggestion", lambda ws: ops.accept_suggestion(ws, "s-hr-support")),
]


def test_every_edit_undo_and_redo_leaves_the_tree_a_full_rebuild_would_show(qtbot, document, outline):
    stack = document.undo_stack
    for label, edit in EDITS:
        assert document.run(edit) is not None, label
        assert outline.snapshot() == rebuilt(qtbot, document), f"after: {label}"
    for label, _ in reversed(EDITS):
        stack.undo()
        assert outline.snapshot() == rebuilt(qtbot, document), f"after undoing: {label}"
    assert outline.snapshot() == OutlinePanel(Document(customer_loyalty())).snapshot(), "back to the demo"
    for label, _ in EDITS:
        stack.redo()
        assert outline.snapshot() == rebuilt(qtbot, document), f"after redoing: {label}"


def test_a_random_walk_of_edits_and_undos_matches_a_rebuild(qtbot, document, outline):
    rng = random.Random(7)
    stack = document.undo_stack
    for step in range(60):
        ws = document.workshop
        goals = [g.id for g in ws.goals]
        functions = [f.id for f in ws.functions]
        choice = rng.randrange(7)
        if choice == 0 or len(goals) < 3:
            document.run(ops.add_goal, f"Goal {step}", rng.choice([None, *functions]))
        elif choice == 1:
            document.run(ops.link, *rng.sample(goals, 2))  # refused when already linked: also fine
        elif choice == 2:
            document.run(ops.remove_goal, rng.choice(goals))
        elif choice == 3 and functions:
            document.run(ops.update_goal, rng.choice(goals), function_id=rng.choice(functions))
        elif choice == 4:
            document.run(ops.update_goal, rng.choice(goals), text=f"Renamed {step}")
        elif choice == 5 and stack.canUndo():
            stack.undo()
        elif stack.canRedo():
            stack.redo()
        assert outline.snapshot() == rebuilt(qtbot, document), f"step {step}"


def test_new_rows_arrive_in_model_order_with_readable_text(document, outline):
    document.run(ops.add_goal, "  Hire   faster \n than rivals ", "f-hr", id="g-hire")
    hr = outline.find_item("f-hr")
    children = [hr.child(i).data(0, ID_ROLE) for i in range(hr.childCount())]
    assert children == [g.id for g in document.workshop.goals_of("f-hr")]
    assert outline.find_item("g-hire").text(0) == "Hire faster than rivals"


def test_moving_cards_or_adding_elsewhere_keeps_the_readers_place_and_folding(document, outline):
    tree = outline.tree
    sales_goal = outline.find_item("g-sales-match")
    tree.setCurrentItem(sales_goal)
    outline.find_item("f-hr").setExpanded(False)
    outline.find_item("g-it-records").setExpanded(True)
    before = outline.snapshot()

    document.run(ops.move_cards, {"g-sales-match": (400.0, 300.0), "g-loyalty": (10.0, 10.0)})
    assert outline.snapshot() == before, "a move changes nothing the outline shows"
    document.run(ops.add_goal, "Audit suppliers", "f-procurement")
    document.run(ops.update_goal, "g-it-records", function_id="f-sales")

    assert tree.currentItem() is outline.find_item("g-sales-match")
    assert not outline.find_item("f-hr").isExpanded()
    moved = outline.find_item("g-it-records")
    assert moved.parent() is outline.find_item("f-sales")
    assert moved.isExpanded(), "a goal moved to another function keeps its links unfolded"


def test_removing_a_goal_drops_its_links_and_their_quotes(document, outline):
    quoting = [lk.id for lk in document.workshop.links if lk.target == "g-loyalty"]
    assert quoting and all(outline.find_item(i) is not None for i in quoting)
    document.run(ops.remove_goal, "g-loyalty")
    assert outline.find_item("g-loyalty") is None
    assert all(outline.find_item(i) is None for i in quoting)
    assert "g-loyalty" not in ids_in_order(outline.snapshot())
    document.undo_stack.undo()
    assert all(outline.find_item(i).text(0).endswith("Increase customer loyalty") for i in quoting)


def test_a_hidden_outline_catches_up_with_a_new_workshop_when_shown(qtbot, document, outline):
    outline.hide()
    other = customer_loyalty()
    other.goals = [g for g in other.goals if g.id != "g-expenditure"]
    document.replace(other, None)
    document.run(ops.add_goal, "Added while hidden", "f-it", id="g-hidden")
    outline.show()
    tree = outline.tree
    shown = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        shown.append(item.data(0, ID_ROLE))
        stack.extend(item.child(i) for i in range(item.childCount()))
    assert "g-hidden" in shown and "g-expenditure" not in shown, "the tree on screen is the new workshop's"
    assert outline.find_item("g-hidden").parent() is outline.find_item("f-it")
    assert outline.snapshot() == rebuilt(qtbot, document)
    assert outline.find_item("f-it").isExpanded(), "functions open, as on a first build"


def test_goals_saved_from_a_removed_function_keep_their_links(qtbot, document, outline):
    """One step that moves HR's goals to Sales and removes HR (a merge): their link rows come along."""
    with recording(document.workshop, "Merge HR into Sales") as rec:
        for goal_id in ("g-hr-vacancies", "g-hr-development"):
            rec.replace("goals", goal_id, function_id="f-sales")
        rec.delete("functions", "f-hr")
    document.run(lambda ws: rec.change())  # already applied: the document records it
    assert outline.find_item("l-hr-service").parent() is outline.find_item("g-hr-vacancies")
    assert outline.snapshot() == rebuilt(qtbot, document)
    document.undo_stack.undo()
    assert outline.find_item("g-hr-vacancies").parent() is outline.find_item("f-hr")
    assert outline.snapshot() == rebuilt(qtbot, document)
