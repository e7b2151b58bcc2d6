"""How the window connects the board, the panels, the guide and the report export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture
def window(open_window):
    return open_window(size=(1280, 800), activate=True)


def test_delete_in_a_panel_does_not_delete_cards_on_the_board(window, qtbot):
    window.board.select_ids(["g-loyalty"])
    window.functions_dock.raise_()
    window.functions_panel.list.setFocus()
    qtbot.waitUntil(window.functions_panel.list.hasFocus, timeout=3000)
    qtbot.keyClick(window.functions_panel.list, Qt.Key.Key_Delete)
    assert window.document.workshop.goal("g-loyalty") is not None


def test_delete_on_the_board_removes_the_selection_in_one_undo_step(window, qtbot):
    window.board.select_ids(["g-loyalty"])
    window.board.setFocus()
    qtbot.waitUntil(window.board.hasFocus, timeout=3000)
    qtbot.keyClick(window.board, Qt.Key.Key_Delete)
    assert window.document.workshop.goal("g-loyalty") is None
    window.document.undo_stack.undo()
    assert window.document.workshop.goal("g-loyalty") is not None


def test_a_palette_tile_dropped_on_the_board_creates_a_card(window):
    tiles = window.palette_panel.tiles
    row = next(i for i in range(tiles.count()) if (r := window.palette_panel.request_at(i)) and r.kind == "goal")
    request = window.palette_panel.request_at(row)
    mime = tiles.mimeData([tiles.item(row)])
    before = len(window.document.workshop.goals_of(request.function_id))
    viewport = window.board.viewport()
    point = QPointF(viewport.width() / 2, viewport.height() / 2)
    for cls in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(
            viewport,
            cls(
                QPoint(int(point.x()), int(point.y())),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert len(window.document.workshop.goals_of(request.function_id)) == before + 1


def test_guide_requests_reach_the_board_and_the_export(window, monkeypatch):
    focus, exports = [], []
    monkeypatch.setattr(window.board, "set_focus_ids", lambda ids, **options: focus.append(ids))
    monkeypatch.setattr(window.exporter, "export", lambda: exports.append(True))
    window.guide_panel.focusRequested.emit(["g-loyalty"])
    window.guide_panel.focusRequested.emit([])
    assert focus == [["g-loyalty"], None]
    window.guide_panel.exportRequested.emit()
    assert exports == [True]


def test_export_report_writes_the_pdf(window, qtbot, tmp_path):
    target = tmp_path / "report.pdf"
    done = []
    window.exporter.choose_path = lambda suggested: str(target)
    window.exporter.after_export = done.append
    window.actions_.export_report.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert done == [target]
    assert target.read_bytes().startswith(b"%PDF")
