"""Accepting a participant's support goal -> strategic goal link on the board asks what drawing it asks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.around_link import AroundAnswer, AroundChoice
from ui.canvas import BoardView
from workshop import ops
from workshop.model import LinkKind, SuggestionStatus


def click_button(view: BoardView, qtbot, suggestion_id: str, accept: bool) -> None:
    item = view.board_scene.link(suggestion_id)
    button = next(b for b in item.buttons if b.accept == accept)
    view.zoom_actual()
    view.centerOn(button.scenePos())
    steps = view.document.undo_stack.count()
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.mapFromScene(button.scenePos())
    )
    # the decision runs once the click has been handled
    qtbot.waitUntil(lambda: bool(asked) or view.document.undo_stack.count() != steps)


asked: list[tuple[str, str, str]] = []


def answering(choice: AroundChoice):
    asked.clear()

    def prompt(parent, source_text, target_text, reason=""):
        asked.append((source_text, target_text, reason))
        return choice

    return prompt


def suggest_around(view: BoardView, reason: str = "") -> str:
    view.document.run(ops.suggest_link, "g-it-records", "g-expenditure", author="Lena", reason=reason, id="s-around")
    assert ops.is_around_link(view.document.workshop, "g-it-records", "g-expenditure")
    return "s-around"


def created_links(view: BoardView):
    return [lk for lk in view.document.workshop.links if (lk.source, lk.target) == ("g-it-records", "g-expenditure")]


def test_accepting_as_exception_records_kind_and_reason_in_one_step(view, qtbot):
    sid = suggest_around(view)
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.EXCEPTION, "Licences are a third of costs"))
    steps = view.document.undo_stack.count()
    click_button(view, qtbot, sid, True)
    assert asked and asked[0][1] == "Reduce expenditure"
    [link] = created_links(view)
    assert (link.kind, link.reason) == (LinkKind.DIRECT_IMPACT, "Licences are a third of costs")
    assert view.document.workshop.find("suggestions", sid).status == SuggestionStatus.ACCEPTED
    assert view.board_scene.link(link.id).style == "direct"
    assert view.document.undo_stack.count() == steps + 1
    view.document.undo_stack.undo()
    assert created_links(view) == []
    assert view.document.workshop.find("suggestions", sid).status == SuggestionStatus.PENDING
    assert view.board_scene.link(sid) is not None


def test_accepting_as_plain_link_flags_it_around(view, qtbot):
    sid = suggest_around(view)
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.PLAIN))
    click_button(view, qtbot, sid, True)
    assert asked
    [link] = created_links(view)
    assert link.kind == LinkKind.CONTRIBUTES
    assert view.board_scene.link(link.id).style == "around"


def test_cancel_leaves_the_suggestion_pending_and_records_nothing(view, qtbot):
    sid = suggest_around(view)
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.CANCEL))
    steps = view.document.undo_stack.count()
    click_button(view, qtbot, sid, True)
    assert asked
    assert created_links(view) == []
    assert view.document.workshop.find("suggestions", sid).status == SuggestionStatus.PENDING
    assert view.board_scene.link(sid) is not None
    assert view.document.undo_stack.count() == steps


def test_an_ordinary_suggestion_is_accepted_without_a_question(view, qtbot):
    view.document.run(ops.remove_item, "suggestions", "s-hr-support")  # the demo's own, on the same link
    view.document.run(ops.suggest_link, "g-hr-vacancies", "g-support-fast", author="Lena", id="s-hr")
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.CANCEL))
    click_button(view, qtbot, "s-hr", True)
    assert asked == []
    assert view.document.workshop.find("suggestions", "s-hr").status == SuggestionStatus.ACCEPTED


def test_rejecting_an_around_suggestion_asks_nothing(view, qtbot):
    sid = suggest_around(view)
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.EXCEPTION, "x"))
    click_button(view, qtbot, sid, False)
    assert asked == []
    assert view.document.workshop.find("suggestions", sid).status == SuggestionStatus.REJECTED


def test_accepting_on_the_board_offers_the_participants_reason(view, qtbot):
    """The room heard Lena's reason; the facilitator should not have to type it again."""
    sid = suggest_around(view, reason="Licences are a third of what IT spends")
    view.around_link_prompt = answering(AroundChoice(AroundAnswer.CANCEL))
    click_button(view, qtbot, sid, True)
    assert asked and asked[0][2] == "Licences are a third of what IT spends"
