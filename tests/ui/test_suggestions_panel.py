"""Suggestions from the room: listed with author, reason and votes; accepted, rejected or voted on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from ui.around_link import AroundAnswer, AroundChoice
from ui.document import Document
from ui.panels.suggestions import SuggestionsPanel
from workshop import ops
from workshop.examples import customer_loyalty
from workshop.model import LinkKind, SuggestionStatus


@pytest.fixture
def document():
    return Document(customer_loyalty())


@pytest.fixture
def panel(qtbot, document):
    widget = SuggestionsPanel(document)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def texts(panel: SuggestionsPanel) -> list[str]:
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def status(document: Document, suggestion_id: str) -> SuggestionStatus:
    return document.workshop.find("suggestions", suggestion_id).status


def test_pending_suggestions_show_what_who_why_and_votes(panel):
    (text,) = texts(panel)
    assert "Fill vacant posts" in text and "→" in text and "Resolve tickets fast" in text
    assert "Lena Vogel" in text
    assert "faster hiring" in text
    assert "0 votes" in text


def test_a_goal_suggestion_names_its_function(panel, document):
    document.run(ops.suggest_goal, "Weekly <b>CRM</b> health report", "f-it", author="Omar", reason="Trust")
    assert any("Weekly <b>CRM</b> health report (IT)" in t for t in texts(panel))


def test_accept_adds_the_link_in_one_undo_step(panel, document):
    panel.select("s-hr-support")
    assert panel.accept_button.isEnabled()
    panel.accept_button.click()
    ws = document.workshop
    assert any(lk.source == "g-hr-vacancies" and lk.target == "g-support-fast" for lk in ws.links)
    assert status(document, "s-hr-support") == SuggestionStatus.ACCEPTED
    document.undo_stack.undo()
    assert status(document, "s-hr-support") == SuggestionStatus.PENDING
    assert not any(lk.source == "g-hr-vacancies" and lk.target == "g-support-fast" for lk in document.workshop.links)


def test_decided_suggestions_are_greyed_and_cannot_be_decided_again(panel, document):
    panel.select("s-hr-support")
    panel.reject_button.click()
    assert status(document, "s-hr-support") == SuggestionStatus.REJECTED
    item = panel.list.item(0)
    assert "rejected" in item.text()
    pending_text = panel.list.palette().color(QPalette.ColorRole.Text)
    assert item.foreground().color() != pending_text, "a decided suggestion looks quieter than the pending ones"
    panel.select("s-hr-support")
    for button in (panel.accept_button, panel.reject_button, panel.vote_button):
        assert not button.isEnabled()


def test_the_filter_hides_decided_suggestions(panel, document):
    document.run(ops.suggest_goal, "Another", "f-it")
    panel.select("s-hr-support")
    panel.reject_button.click()
    assert len(texts(panel)) == 2
    panel.show_decided.setChecked(False)
    assert len(texts(panel)) == 1 and "Another" in texts(panel)[0]


def test_votes_count_up_and_order_pending_suggestions(panel, document):
    change = document.run(ops.suggest_goal, "Popular idea", "f-sales", author="Priya")
    panel.select(change.created_id)
    panel.vote_button.click()
    panel.vote_button.click()
    assert document.workshop.find("suggestions", change.created_id).votes == 2
    assert panel.shown_ids()[0] == change.created_id, "the most voted comes first"
    assert "2 votes" in texts(panel)[0]
    assert panel.current_id() == change.created_id, "the selection follows the suggestion"


def test_accepting_a_support_to_strategy_link_asks_about_the_exception(panel, document):
    change = document.run(
        ops.suggest_link, "g-it-records", "g-expenditure", author="Omar", reason="Fewer returns cost less"
    )
    asked = []

    def declare(parent, source, target, reason):
        asked.append((source, target, reason))
        return AroundChoice(AroundAnswer.EXCEPTION, "Clean records cut the cost of returns")

    panel.around_link_prompt = declare
    panel.select(change.created_id)
    panel.accept_button.click()
    assert asked and asked[0][2] == "Fewer returns cost less", "the participant's reason is offered"
    link = next(lk for lk in document.workshop.links if lk.source == "g-it-records" and lk.target == "g-expenditure")
    assert link.kind == LinkKind.DIRECT_IMPACT
    assert link.reason == "Clean records cut the cost of returns"
    document.undo_stack.undo()
    assert status(document, change.created_id) == SuggestionStatus.PENDING
    assert all(lk.target != "g-expenditure" or lk.source != "g-it-records" for lk in document.workshop.links)


def test_cancelling_the_exception_question_leaves_the_suggestion_pending(panel, document):
    change = document.run(ops.suggest_link, "g-it-records", "g-expenditure")
    panel.around_link_prompt = lambda parent, source, target, reason: AroundChoice(AroundAnswer.CANCEL)
    panel.select(change.created_id)
    panel.accept_button.click()
    assert status(document, change.created_id) == SuggestionStatus.PENDING
    assert document.undo_stack.count() == 1


def test_linking_anyway_makes_a_plain_link(panel, document):
    change = document.run(ops.suggest_link, "g-it-records", "g-expenditure", link_kind=LinkKind.DIRECT_IMPACT)
    panel.around_link_prompt = lambda parent, source, target, reason: AroundChoice(AroundAnswer.PLAIN)
    panel.select(change.created_id)
    panel.accept_button.click()
    link = next(lk for lk in document.workshop.links if lk.source == "g-it-records" and lk.target == "g-expenditure")
    assert link.kind == LinkKind.CONTRIBUTES


def test_an_accept_the_model_refuses_is_said_and_changes_nothing(panel, document):
    refusals = []
    panel.message.connect(refusals.append)
    document.run(ops.link, "g-hr-vacancies", "g-support-fast")  # the room linked it on the board meanwhile
    panel.select("s-hr-support")
    panel.accept_button.click()
    assert refusals == ["These goals are already linked."]
    assert status(document, "s-hr-support") == SuggestionStatus.PENDING


def fill_and_accept(panel, fill):
    def run(dialog):
        fill(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    panel.run_dialog = run


def test_add_suggestion_records_a_link_chosen_from_the_goals(panel, document):
    def fill(dialog):
        dialog.link_choice.setChecked(True)
        dialog.source_combo.setCurrentIndex(dialog.source_combo.findData("g-it-records"))
        dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("g-service-respect"))
        dialog.author_edit.setText("Tom")
        dialog.reason_edit.setPlainText("Agents see the history")

    fill_and_accept(panel, fill)
    new_id = panel.add_suggestion()
    suggestion = document.workshop.find("suggestions", new_id)
    assert (suggestion.source, suggestion.target) == ("g-it-records", "g-service-respect")
    assert (suggestion.author, suggestion.reason) == ("Tom", "Agents see the history")
    assert panel.current_id() == new_id
    assert document.undo_stack.count() == 1


def test_add_suggestion_records_a_goal_for_a_function(panel, document):
    def fill(dialog):
        dialog.goal_choice.setChecked(True)
        dialog.goal_text.setPlainText("Answer the phone within three rings")
        dialog.function_combo.setCurrentIndex(dialog.function_combo.findData("f-service"))
        dialog.author_edit.setText("Lena")

    fill_and_accept(panel, fill)
    new_id = panel.add_suggestion()
    suggestion = document.workshop.find("suggestions", new_id)
    assert suggestion.text == "Answer the phone within three rings"
    assert suggestion.function_id == "f-service"
    panel.accept_button.click()
    assert any(g.text == "Answer the phone within three rings" for g in document.workshop.goals_of("f-service"))


def test_a_refused_suggestion_keeps_the_dialog_open_with_the_reason(panel, document):
    seen = {}

    def run(dialog):
        dialog.link_choice.setChecked(True)
        dialog.source_combo.setCurrentIndex(dialog.source_combo.findData("g-sales-match"))
        dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("g-loyalty"))  # already linked
        dialog.apply()
        seen["error"] = dialog.error.text()
        seen["result"] = dialog.result()
        dialog.goal_choice.setChecked(True)  # and a goal without text
        dialog.apply()
        seen["blank"] = dialog.error.text()
        return dialog.result()

    panel.run_dialog = run
    assert panel.add_suggestion() is None
    assert seen["error"] == "These goals are already linked."
    assert seen["result"] == 0
    assert "needs some text" in seen["blank"]
    assert len(document.workshop.suggestions) == 1


def test_the_panel_is_usable_from_the_keyboard(panel, document, qtbot):
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus, timeout=3000)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.current_id() == "s-hr-support"
    assert panel.accept_button.isEnabled()
    for widget in (panel.list, panel.accept_button, panel.reject_button, panel.vote_button, panel.add_button):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "&" in panel.accept_button.text(), "buttons have mnemonics"


def test_undo_and_reset_keep_the_list_in_step(panel, document):
    panel.select("s-hr-support")
    panel.vote_button.click()
    assert "1 vote" in texts(panel)[0]
    document.undo_stack.undo()
    assert "0 votes" in texts(panel)[0]
    document.replace(customer_loyalty().model_copy(update={"suggestions": []}), None)
    assert texts(panel) == []
    assert "No suggestions yet" in panel.summary.text()


def test_no_exception_question_for_a_link_that_already_exists(panel, document):
    change = document.run(ops.suggest_link, "g-it-records", "g-expenditure")
    document.run(ops.link, "g-it-records", "g-expenditure", kind=LinkKind.DIRECT_IMPACT, reason="drawn on the board")
    panel.around_link_prompt = lambda *args: pytest.fail("asked about a link that cannot be made")
    refusals = []
    panel.message.connect(refusals.append)
    panel.select(change.created_id)
    panel.accept_button.click()
    assert refusals == ["These goals are already linked."]


def test_the_link_form_starts_with_no_goals_chosen_and_says_so(panel, document):
    seen = {}

    def run(dialog):
        seen["from"] = dialog.source_combo.itemData(0)
        seen["to"] = dialog.target_combo.itemData(0)
        dialog.link_choice.setChecked(True)
        dialog.apply()
        seen["error"] = dialog.error.text()
        return dialog.result()

    panel.run_dialog = run
    assert panel.add_suggestion() is None
    assert seen["error"] == "Choose both goals of the link."
    ws = document.workshop
    assert ws.goal(seen["from"]).function_id is not None, "From lists function goals first"
    assert ws.goal(seen["to"]).function_id is None, "To lists strategic goals first"


def test_renaming_a_goal_a_suggestion_names_updates_the_list(panel, document):
    document.run(ops.update_goal, "g-support-fast", text="Close tickets on first contact")
    assert "Close tickets on first contact" in texts(panel)[0]
