"""A paste far longer than a card can hold keeps what fits and says so: never the whole edit lost
behind a validation message in programmer's words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from workshop import ops
from workshop.changes import OperationError
from workshop.examples import customer_loyalty
from workshop.text import MAX_NAME

LONG_NAME = "Net promoter score measured every week in every region " * 5  # 275 characters


def test_the_model_refuses_an_overlong_name_in_plain_words():
    ws = customer_loyalty()
    kpi = ws.kpis[0]
    with pytest.raises(OperationError) as refused:
        ops.update_kpi(ws, kpi.id, name=LONG_NAME)
    message = str(refused.value)
    assert f"{len(LONG_NAME.strip()):,} characters" in message and f"at most {MAX_NAME:,}" in message
    assert "String should" not in message
    assert ws.kpis[0].name == kpi.name


def test_pasting_an_overlong_name_into_a_kpi_card_keeps_what_fits_and_says_so(view, qtbot):
    kpi = view.document.workshop.kpis[0]
    said: list[str] = []
    view.message.connect(said.append)
    editor = view.board_scene.start_edit(kpi.id)
    editor.select_all()
    QGuiApplication.clipboard().setText(LONG_NAME)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    name = view.document.workshop.find("kpis", kpi.id).name
    assert name == LONG_NAME[:MAX_NAME].strip()
    assert said and "cut" in said[-1]
    view.document.undo_stack.undo()
    assert view.document.workshop.find("kpis", kpi.id).name == kpi.name


def test_the_properties_panel_stops_a_kpi_name_at_what_the_model_keeps(open_window, qtbot):
    window = open_window()
    kpi = window.document.workshop.kpis[0]
    window.board.select_ids([kpi.id])
    edit = window.properties_panel.kpi_name
    qtbot.waitUntil(edit.isVisible)
    edit.setFocus()
    edit.selectAll()
    QGuiApplication.clipboard().setText(LONG_NAME)
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.workshop.find("kpis", kpi.id).name == LONG_NAME[:MAX_NAME].strip()
