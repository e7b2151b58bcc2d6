"""Participants' words in tooltips are shown literally: `<b>x</b>` stays `<b>x</b>`, images never load."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextDocument

from ui import dialogs, recent_files
from ui.document import Document
from ui.main_window import MainWindow
from ui.panels.findings import FindingsPanel
from ui.panels.functions import FunctionsPanel
from ui.panels.palette import PalettePanel
from ui.tooltips import plain_tooltip
from workshop import ops
from workshop.findings import Analysis, Finding, Severity
from workshop.model import FunctionKind, Workshop

HOSTILE = ["<b>x</b>", "<img src=/etc/passwd>", "R&D <i>team", "a\nb"]


def rendered(tooltip: str) -> str:
    """What Qt shows for a tooltip: it renders markup when it guesses the text is rich."""
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    doc = QTextDocument()
    doc.setHtml(tooltip)
    return doc.toPlainText()


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_tooltip_renders_as_typed(qapp, text):
    assert rendered(plain_tooltip(text)) == text


def test_plain_tooltip_keeps_paragraphs_and_skips_empty_ones(qapp):
    assert rendered(plain_tooltip("first", "", "<b>second</b>")).split("\n") == ["first", "<b>second</b>"]
    assert plain_tooltip("") == ""


def test_finding_tooltips_quote_goal_texts_literally(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    message = "“<b>x</b> <img src=/tmp/a.png>” is not traced to strategy."
    panel.set_analysis(Analysis(findings=(Finding("untraced", Severity.WARNING, message, ("g-1",), "Link <it>."),)))
    tip = rendered(panel.finding_items()[0].toolTip())
    assert message in tip
    assert "Link <it>." in tip


def test_function_and_palette_tooltips_show_names_literally(qtbot):
    ws = Workshop()
    ops.add_function(ws, "<b>x</b> & <img src=x>", FunctionKind.SUPPORT, id="f-x")
    document = Document(ws)
    functions, palette = FunctionsPanel(document), PalettePanel(document)
    qtbot.addWidget(functions)
    qtbot.addWidget(palette)
    item = next(functions.list.item(r) for r in range(functions.list.count()) if functions.list.item(r).data(256))
    assert "<b>x</b> & <img src=x>" in rendered(item.toolTip())
    tiles = [palette.tiles.item(r) for r in range(palette.tiles.count())]
    tips = [rendered(t.toolTip()) for t in tiles if t.toolTip()]
    assert any("New goal of <b>x</b> & <img src=x>" in tip for tip in tips)
    assert any("New KPI of <b>x</b> & <img src=x>" in tip for tip in tips)


def test_recent_file_tooltips_show_the_path_literally(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("VIA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    odd = tmp_path / "<b>bold<i>.via"
    odd.write_text("{}")
    recent_files.remember(settings, odd)
    win = MainWindow(Document(), settings=settings)
    qtbot.addWidget(win)
    action = win.menus["recent"].actions()[0]
    assert rendered(action.toolTip()) == str(odd.resolve()) or rendered(action.toolTip()) == str(odd)


def test_outline_tooltips_show_goal_texts_and_link_reasons_literally(qtbot):
    from ui.panels.outline import OutlinePanel

    ws = Workshop()
    goal = ops.add_goal(ws, "<b>Keep</b> customers <img src=/etc/passwd>").created_id
    ops.add_function(ws, "IT", FunctionKind.SUPPORT, id="f-it")
    source = ops.add_goal(ws, "Records", "f-it").created_id
    link = ops.link(ws, source, goal, kind="direct_impact", reason="R&D <i>says so").created_id
    panel = OutlinePanel(Document(ws))
    qtbot.addWidget(panel)
    panel.show()
    assert rendered(panel.find_item(goal).toolTip(0)) == "<b>Keep</b> customers <img src=/etc/passwd>"
    assert rendered(panel.find_item(link).toolTip(0)) == "R&D <i>says so"
