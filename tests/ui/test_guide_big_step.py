"""A support function with many internal customers: its per-customer questions open with the first
boxes and build the rest over the next turns (one box per customer froze the window for 0.2-0.3 s at
2,000 goals), and once built the step is the same as one built in one go."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

from ui.document import Document
from ui.guide import question_steps
from ui.guide.panel import GuidePanel
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.model import FunctionKind, Workshop

CUSTOMERS = 3 * question_steps.SECTIONS_AT_ONCE + 1


def _it_serving_many() -> Workshop:
    ws = customer_loyalty()
    for n in range(CUSTOMERS):
        ops.add_function(ws, f"Region {n:02d}", FunctionKind.CUSTOMER_FACING, id=f"f-region-{n:02d}")
        ops.add_goal(ws, f"Win the accounts of region {n:02d}", f"f-region-{n:02d}", id=f"g-region-{n:02d}")
        ops.add_relation(ws, "f-it", f"f-region-{n:02d}", id=f"r-region-{n:02d}")
    return ws


@pytest.fixture
def panel(qtbot) -> GuidePanel:
    widget = GuidePanel(Document(_it_serving_many()))
    qtbot.addWidget(widget)
    widget.resize(600, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _customers(view) -> list[str]:
    return [section.title() for section in view.sections]


@pytest.mark.parametrize("question", [2, 3])
def test_every_internal_customer_gets_its_box_in_order_a_few_per_turn(panel, qtbot, question) -> None:
    ws = panel.document.workshop
    expected = [ws.function(r.customer_id).name for r in ws.relations_of("f-it")]
    panel.go_to(f"question:f-it:{question}")
    view = panel.current_view()
    assert len(view.sections) == question_steps.SECTIONS_AT_ONCE, "the step opens with its first boxes"
    qtbot.waitUntil(lambda: not view.building())
    assert _customers(view) == expected


def test_boxes_built_later_are_in_the_tab_order_and_fitted_to_the_guide(panel, qtbot) -> None:
    panel.go_to("question:f-it:2")
    view = panel.current_view()
    qtbot.waitUntil(lambda: not view.building())
    last = view.sections[-1]
    combo = last.strategic
    assert isinstance(combo, QComboBox)
    first = view.sections[0].strategic
    assert (combo.sizeAdjustPolicy(), combo.minimumContentsLength()) == (
        first.sizeAdjustPolicy(),
        first.minimumContentsLength(),
    ), "a box built later fits the guide like the first ones"
    chain = view.tab_chain()
    assert chain.index(last.goals) > chain.index(view.sections[-2].goals)
    assert view.sections[-2].strategic.nextInFocusChain() is last.goals, "Tab goes on into the last box"


def test_an_edit_while_the_boxes_are_built_shows_in_the_boxes_built_after_it(panel, qtbot) -> None:
    panel.go_to("question:f-it:2")
    view = panel.current_view()
    assert view.building()
    last_id = f"r-region-{CUSTOMERS - 1:02d}"
    panel.document.run(ops.update_relation, last_id, customer_goal_ids=[f"g-region-{CUSTOMERS - 1:02d}"])
    qtbot.waitUntil(lambda: not view.building())
    last = view.sections[-1]
    assert last.relation_id == last_id
    assert last.goals.item(0).checkState().name == "Checked"


def test_a_new_internal_customer_during_the_build_gets_its_box_too(panel, qtbot) -> None:
    panel.go_to("question:f-it:3")
    view = panel.current_view()
    assert view.building()
    panel.document.run(ops.add_function, "Logistics", FunctionKind.CUSTOMER_FACING, id="f-logistics")
    assert panel.document.run(ops.add_relation, "f-it", "f-logistics", id="r-late").ok
    qtbot.waitUntil(lambda: not view.building() and view.sections[-1].relation_id == "r-late")
    assert len(view.sections) == len(panel.document.workshop.relations_of("f-it"))


def test_the_strip_offers_every_internal_customer_and_builds_the_box_of_the_one_chosen(panel, qtbot) -> None:
    """The strip shows one customer at a time: it lists them all but builds a box only when chosen."""
    panel.set_projector(True)
    panel.go_to("question:f-it:2")
    view = panel.current_view()
    relations = panel.document.workshop.relations_of("f-it")
    assert view.customer.count() == len(relations)
    assert not view.building() and len(view.sections) < len(relations)
    view.customer.setCurrentIndex(view.customer.count() - 1)
    shown = [s for s in view.sections if s.isVisible()]
    assert [s.relation_id for s in shown] == [relations[-1].id]
    assert shown[0].goals.count() == 1, "the box built on demand is filled like the others"
    assert shown[0].goals in view.tab_chain()


@pytest.mark.parametrize("question", [2, 3])
def test_text_typed_in_a_late_box_survives_a_switch_to_the_strip_and_back(panel, qtbot, question) -> None:
    """Typed but not yet added in the last customer's box: the strip builds only the customer chosen and
    the desk builds its boxes over a few turns, yet the words come back, each in its customer's box."""
    panel.go_to(f"question:f-it:{question}")
    view = panel.current_view()
    view.finish_building()
    last = view.sections[-1]
    box = next(edit for edit in last.findChildren(QLineEdit) if not edit.isReadOnly())
    box.setText("Typed before the switch")
    panel.set_projector(True)
    strip = panel.current_view()
    assert strip is not view
    kept = strip.box_for(last.relation_id)
    assert "Typed before the switch" in [edit.text() for edit in kept.findChildren(QLineEdit)]
    panel.set_projector(False)
    desk = panel.current_view()
    kept = next(b for b in desk.sections if b.relation_id == last.relation_id)
    assert "Typed before the switch" in [edit.text() for edit in kept.findChildren(QLineEdit)]
