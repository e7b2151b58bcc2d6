"""The properties editor re-reads the model only when what it shows changed, and dies cleanly."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from ui.document import Document
from ui.panels.common import swatch
from ui.panels.properties import PropertiesPanel
from workshop import ops
from workshop.examples import customer_loyalty


def make_panel(qtbot, document: Document, position_of=lambda card_id: None) -> PropertiesPanel:
    panel = PropertiesPanel(document, position_of=lambda card_id: position_of(card_id))
    qtbot.addWidget(panel)
    return panel


def count_loads(panel: PropertiesPanel, monkeypatch) -> list[int]:
    calls: list[int] = []
    original = panel._load

    def counting() -> None:
        calls.append(1)
        original()

    monkeypatch.setattr(panel, "_load", counting)
    return calls


def test_edits_elsewhere_do_not_reload_the_shown_goal(qtbot, monkeypatch):
    document = Document(customer_loyalty())
    panel = make_panel(qtbot, document)
    panel.show_ids(["g-loyalty"])
    loads = count_loads(panel, monkeypatch)
    document.run(ops.update_goal, "g-expenditure", text="Spend less")
    document.run(ops.move_cards, {"g-engagement": (10.0, 10.0)})
    document.run(ops.suggest_goal, "Another goal", "f-it")
    assert loads == [], "nothing the panel shows changed"


def test_edits_of_the_shown_goal_its_functions_or_its_pin_reload_it(qtbot):
    document = Document(customer_loyalty())
    panel = make_panel(qtbot, document)
    panel.show_ids(["g-sales-match"])
    document.run(ops.update_goal, "g-sales-match", measure="Repeat purchases")
    assert panel.goal_measure.text() == "Repeat purchases"
    document.run(ops.update_function, "f-sales", name="Sales & Marketing")
    assert "Sales & Marketing" in [panel.goal_function.itemText(i) for i in range(panel.goal_function.count())]
    document.run(ops.move_cards, {"g-sales-match": (100.0, 300.0)})
    document.run(ops.set_pinned, ["g-sales-match"], True)
    assert panel.goal_pinned.isChecked()
    document.undo_stack.undo()
    assert not panel.goal_pinned.isChecked()


def test_a_link_reloads_when_one_of_its_goals_is_renamed(qtbot):
    document = Document(customer_loyalty())
    panel = make_panel(qtbot, document)
    panel.show_ids(["l-it-sales"])
    document.run(ops.update_goal, "g-sales-match", text="Sell what fits")
    assert "Sell what fits" in panel.link_ends.text()


def test_the_function_combo_is_not_rebuilt_for_unrelated_edits(qtbot):
    document = Document(customer_loyalty())
    panel = make_panel(qtbot, document)
    panel.show_ids(["g-sales-match"])
    before = [panel.goal_function.itemIcon(i).cacheKey() for i in range(panel.goal_function.count())]
    document.run(ops.update_goal, "g-sales-match", text="Match products to needs")
    panel.show_ids(["g-service-respect"])
    after = [panel.goal_function.itemIcon(i).cacheKey() for i in range(panel.goal_function.count())]
    assert after == before


def test_swatches_are_painted_once_per_colour(qapp):
    assert swatch("#2e86de").cacheKey() == swatch("#2E86DE").cacheKey()
    assert swatch("#2E86DE").cacheKey() != swatch("#10AC84").cacheKey()


def test_a_deleted_panel_ignores_a_document_reset(qtbot):
    document = Document(customer_loyalty())
    panel = PropertiesPanel(document)
    panel.show_ids(["g-loyalty"])
    shiboken6.delete(panel)
    document.replace(customer_loyalty(), None)  # must not reach the deleted panel


def test_pinning_a_placed_card_is_one_step_and_a_refusal_leaves_no_half_edit(qtbot):
    document = Document(customer_loyalty())
    shown = {"g-engagement": (420.0, 60.0)}
    panel = make_panel(qtbot, document, shown.get)
    ws = document.workshop
    assert "g-engagement" not in ws.positions
    panel.show_ids(["g-engagement"])
    panel.goal_pinned.click()
    assert ws.positions["g-engagement"].pinned
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert "g-engagement" not in ws.positions

    refusals: list[str] = []
    panel.message.connect(refusals.append)
    shown["g-engagement"] = (float("nan"), 60.0)  # a place the model refuses
    panel.goal_pinned.click()
    assert refusals, "the refusal is said"
    assert "g-engagement" not in document.workshop.positions
    assert not panel.goal_pinned.isChecked()


def test_undo_while_typing_a_goal_text_keeps_the_cursor_near_where_it_was(open_window, qtbot):
    """Undo from the toolbar mid-sentence, then go on typing: the next letter lands at the end,
    not at the start of the goal's text."""
    window = open_window(activate=True)
    window.board.select_ids(["g-loyalty"], True)
    field = window.properties_panel.goal_text
    qtbot.waitUntil(field.isVisible)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, " soon")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: field.toPlainText() == window.document.workshop.goal("g-loyalty").text)
    qtbot.keyClicks(field, "!")
    assert window.document.workshop.goal("g-loyalty").text.endswith("!")
