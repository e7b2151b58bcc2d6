"""Dismissing a finding from the Findings panel: the panel asks why, the finding moves to the
dismissed list with its reason, the board's badge goes, and Undo brings it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.panels.findings import FINDING_ROLE
from workshop.analysis import analyse


@pytest.fixture
def window(open_window):
    return open_window()


def tension_item(panel):
    [item] = [i for i in panel.finding_items() if "works against" in i.text()]
    return item


def test_dismiss_with_a_reason_then_undo(window, qtbot):
    window._on_analysed(analyse(window.document.workshop))
    panel = window.findings_panel
    asked = []

    def answer(parent, message):
        asked.append(message)
        return "Support hires two people in Q1."

    panel.dismiss_prompt = answer
    assert panel.dismiss(tension_item(panel))
    assert "works against" in asked[0]
    assert [d.reason for d in window.document.workshop.dismissals] == ["Support hires two people in Q1."]
    window._on_analysed(analyse(window.document.workshop))
    assert not [i for i in panel.finding_items() if "works against" in i.text()]
    [dismissed] = panel.dismissed_items()
    assert "Support hires two people in Q1." in dismissed.text()
    assert "Dismissed (1)" in panel.group_titles()
    window.document.undo_stack.undo()
    assert not window.document.workshop.dismissals


def test_a_blank_or_cancelled_reason_dismisses_nothing(window):
    window._on_analysed(analyse(window.document.workshop))
    panel = window.findings_panel
    for answer in (None, "   "):
        panel.dismiss_prompt = lambda parent, message, answer=answer: answer
        assert not panel.dismiss(tension_item(panel))
    assert not window.document.workshop.dismissals


def test_show_it_again_restores_the_finding(window):
    window._on_analysed(analyse(window.document.workshop))
    panel = window.findings_panel
    panel.dismiss_prompt = lambda parent, message: "Handled elsewhere."
    panel.dismiss(tension_item(panel))
    window._on_analysed(analyse(window.document.workshop))
    [dismissed] = panel.dismissed_items()
    assert panel.restore(dismissed)
    assert not window.document.workshop.dismissals
    window._on_analysed(analyse(window.document.workshop))
    assert tension_item(panel) is not None


def test_the_delete_key_on_a_finding_asks_why_and_dismisses_it(window, qtbot):
    window.findings_dock.raise_()
    window._on_analysed(analyse(window.document.workshop))
    panel = window.findings_panel
    panel.dismiss_prompt = lambda parent, message: "Support hires two people in Q1."
    panel.list.setCurrentItem(tension_item(panel))
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [d.reason for d in window.document.workshop.dismissals] == ["Support hires two people in Q1."]
    cards = len(window.document.workshop.goals)
    header = next(i for i in panel._items() if i.data(FINDING_ROLE) is None)
    panel.list.setCurrentItem(header)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # a group's title: nothing to dismiss, nothing else goes
    assert len(window.document.workshop.dismissals) == 1 and len(window.document.workshop.goals) == cards
