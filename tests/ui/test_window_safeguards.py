"""The window keeps typed text, undims the board with the guide, and names files safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui import workshop_details
from workshop import ops, storage
from workshop.examples import customer_loyalty


@pytest.fixture
def window(open_window):
    return open_window(size=(1280, 800))


def type_in_card(window, qtbot, card_id: str, text: str) -> None:
    """Open the card's in-place editor and type, without pressing Enter."""
    editor = window.board.board_scene.start_edit(card_id)
    assert editor is not None
    editor.setPlainText(text)


# --- 1. text in the card editor is never lost ---------------------------------------------------


def test_save_keeps_text_still_in_the_card_editor(window, qtbot, tmp_path):
    target = tmp_path / "typed.via"
    window.document.set_path(target)
    type_in_card(window, qtbot, "g-loyalty", "Loyal customers, typed just now")
    assert window.save()
    assert storage.load(target).goal("g-loyalty").text == "Loyal customers, typed just now"
    assert window.document.undo_stack.isClean()


def test_save_as_keeps_text_still_in_the_card_editor(window, qtbot, tmp_path, prompts):
    _, answers = prompts
    answers["save_path"] = tmp_path / "as.via"
    type_in_card(window, qtbot, "g-loyalty", "Typed before Save As")
    assert window.save_as()
    assert storage.load(tmp_path / "as.via").goal("g-loyalty").text == "Typed before Save As"


def test_new_asks_to_save_when_the_only_change_is_in_the_card_editor(window, qtbot, prompts):
    asked, answers = prompts
    answers["save_changes"] = "cancel"
    window.document.undo_stack.setClean()
    type_in_card(window, qtbot, "g-loyalty", "Unsaved words")
    assert not window.new_workshop(), "cancel keeps the workshop"
    assert asked["save_changes"], "the typed text counts as an unsaved change"
    assert window.document.workshop.goal("g-loyalty").text == "Unsaved words"


def test_closing_the_window_asks_to_save_text_in_the_card_editor(window, qtbot, prompts):
    asked, answers = prompts
    answers["save_changes"] = "cancel"
    window.document.undo_stack.setClean()
    type_in_card(window, qtbot, "g-loyalty", "Typed then closed")
    assert not window.close()
    assert asked["save_changes"]


def test_export_reads_the_text_in_the_card_editor(window, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(window.exporter, "export", lambda: seen.append(window.document.workshop.goal("g-loyalty").text))
    type_in_card(window, qtbot, "g-loyalty", "In the report")
    window.export_report()
    assert seen == ["In the report"]


# --- 3. the board is not left dimmed -------------------------------------------------------------


def focus_spy(window, monkeypatch) -> list:
    calls: list = []
    monkeypatch.setattr(window.board, "set_focus_ids", lambda ids, **options: calls.append(ids))
    return calls


def test_hiding_the_guide_clears_the_board_focus_and_showing_it_restores_it(window, qtbot, monkeypatch):
    window.guide_dock.show()
    window.guide_dock.raise_()
    qtbot.waitUntil(window.guide_dock.isVisible, timeout=3000)
    calls = focus_spy(window, monkeypatch)
    window.guide_panel.focusRequested.emit(["g-loyalty", "g-sales-match"])
    assert calls[-1] == ["g-loyalty", "g-sales-match"]
    window.guide_dock.close()
    qtbot.waitUntil(lambda: not window.guide_dock.isVisible(), timeout=3000)
    assert calls[-1] is None, "a closed guide leaves no dimmed board behind"
    window.guide_dock.show()
    qtbot.waitUntil(window.guide_dock.isVisible, timeout=3000)
    assert calls[-1] == ["g-loyalty", "g-sales-match"], "the step's focus comes back with the guide"


def test_focus_asked_while_the_guide_is_hidden_waits_for_the_guide(window, qtbot, monkeypatch):
    window.guide_dock.close()
    qtbot.waitUntil(lambda: not window.guide_dock.isVisible(), timeout=3000)
    calls = focus_spy(window, monkeypatch)
    window.guide_panel.focusRequested.emit(["g-loyalty"])
    assert calls == [], "nothing dims while the guide is closed"
    window.guide_dock.show()
    qtbot.waitUntil(window.guide_dock.isVisible, timeout=3000)
    assert calls[-1] == ["g-loyalty"]


def test_projector_mode_with_the_guide_hidden_leaves_the_board_undimmed(window, qtbot, monkeypatch):
    window.guide_dock.show()
    window.guide_dock.raise_()
    qtbot.waitUntil(window.guide_dock.isVisible, timeout=3000)
    calls = focus_spy(window, monkeypatch)
    window.guide_panel.focusRequested.emit(["g-loyalty"])
    window.set_projector(True)
    qtbot.waitUntil(lambda: not window.guide_dock.isVisible(), timeout=3000)
    assert calls[-1] is None
    window.set_projector(False)


# --- 8. safe file names ---------------------------------------------------------------------------


def test_save_as_suggests_a_name_safe_on_every_file_system(window, prompts):
    asked, _ = prompts
    window.document.run(ops.set_meta, title='R&D / Sales: "Q3"?')
    window.document.set_path(None)
    window.save_as()
    suggested = Path(asked["save_path"][-1]).name
    assert suggested.endswith(".via")
    assert not any(ch in suggested for ch in '/\\:*?"<>|'), suggested
    assert "R&D" in suggested and "Sales" in suggested


def test_save_as_of_a_title_made_only_of_unsafe_characters_still_suggests_a_name(window, prompts):
    asked, _ = prompts
    window.document.run(ops.set_meta, title="///")
    window.document.set_path(None)
    window.save_as()
    suggested = Path(asked["save_path"][-1]).name
    assert "/" not in suggested and suggested not in ("", ".via")


# --- 4. workshop details from the File menu -------------------------------------------------------


def test_file_menu_offers_workshop_details(window, monkeypatch):
    opened = []
    monkeypatch.setattr(workshop_details, "edit_details", lambda parent, doc, intro="": opened.append(intro) or True)
    texts = [a.text().replace("&", "") for a in window.menus["file"].actions()]
    assert any(t.startswith("Workshop details") for t in texts)
    window.actions_.workshop_details.trigger()
    assert opened == [""]


def test_exporting_an_untitled_workshop_offers_the_details_first(window, monkeypatch):
    window.document.replace(customer_loyalty(), None)
    window.document.run(ops.set_meta, title="Untitled workshop")
    exported, asked = [], []
    monkeypatch.setattr(window.exporter, "export", lambda: exported.append(window.document.workshop.meta.title))

    def answer(parent, document, intro=""):
        asked.append(intro)
        document.run(ops.set_meta, title="Spring alignment")
        return True

    monkeypatch.setattr(workshop_details, "edit_details", answer)
    window.export_report()
    assert asked and asked[0], "the dialog says why it appears"
    assert exported == ["Spring alignment"]


def test_cancelling_the_details_before_export_cancels_the_export(window, monkeypatch):
    window.document.run(ops.set_meta, title="Untitled workshop")
    exported = []
    monkeypatch.setattr(window.exporter, "export", lambda: exported.append(True))
    monkeypatch.setattr(workshop_details, "edit_details", lambda parent, doc, intro="": False)
    window.export_report()
    assert exported == []


def test_a_titled_workshop_exports_without_asking(window, monkeypatch):
    exported = []
    monkeypatch.setattr(window.exporter, "export", lambda: exported.append(True))
    monkeypatch.setattr(workshop_details, "edit_details", lambda *a, **k: pytest.fail("no details prompt"))
    window.export_report()
    assert exported == [True]


# --- 5. the suggestions dock ----------------------------------------------------------------------


def test_suggestions_dock_is_in_the_panels_menu(window):
    titles = [a.text().replace("&", "") for a in window.menus["panels"].actions()]
    assert "Suggestions" in titles
    assert window.suggestions_dock.widget() is window.suggestions_panel


def test_activating_a_link_suggestion_selects_its_goals_on_the_board(window, qtbot):
    change = window.document.run(ops.suggest_link, "g-engagement", "g-loyalty", author="Ana")
    panel = window.suggestions_panel
    panel.select(change.created_id)
    panel.list.itemActivated.emit(panel.list.currentItem())
    assert sorted(window.board.selected_ids()) == ["g-engagement", "g-loyalty"]


def test_a_closed_window_no_longer_analyses_its_workshop(window, prompts):
    _asked, answers = prompts
    answers["save_changes"] = "discard"
    window.document.run(ops.add_goal, "An edit before closing")
    assert window.runner.scheduled
    window.close()
    assert not window.runner.scheduled
    window.document.run(ops.add_goal, "An edit nobody sees")
    assert not window.runner.scheduled
