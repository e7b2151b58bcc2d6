"""The guide's wrapped lists: every row is tall enough for its whole text in each look, also when the
row sizes come from what an earlier list measured (the guide builds its lists anew on every step and
every projector switch, and remembers what it measured)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.guide import widgets
from ui.guide.widgets import RemovableList

ENTRIES = [
    (f"Goal {i}: " + "cut the time from a customer's order to its delivery by half " * (1 + i % 3), f"g-{i}")
    for i in range(12)
]
ROOMY = "QListView::item { padding: 40px; }"


def _shown_list(qtbot, sheet: str = "") -> tuple[QWidget, RemovableList]:
    holder = QWidget()
    holder.setStyleSheet(sheet)
    entries = RemovableList("Goals")
    QVBoxLayout(holder).addWidget(entries)
    entries.fill(ENTRIES)
    holder.resize(320, 600)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, entries


def _heights(entries: RemovableList) -> list[int]:
    return [entries.visualItemRect(entries.item(row)).height() for row in range(entries.count())]


def _text_heights(entries: RemovableList) -> list[int]:
    width = entries.viewport().width() - 2 * entries.spacing() - 48
    flags = int(Qt.TextFlag.TextWordWrap)
    metrics = entries.fontMetrics()
    return [metrics.boundingRect(0, 0, width, 100_000, flags, text).height() for text, _ in ENTRIES]


@pytest.fixture(autouse=True)
def nothing_measured_yet():
    widgets._MEASURED.clear()
    yield
    widgets._MEASURED.clear()


def test_every_wrapped_row_is_tall_enough_for_its_whole_text(qtbot) -> None:
    _, entries = _shown_list(qtbot)
    for row, (shown, needed) in enumerate(zip(_heights(entries), _text_heights(entries), strict=True)):
        assert shown >= needed, f"row {row} is cut: {shown} px for {needed} px of text"


def test_a_sheet_that_pads_rows_makes_them_taller_although_the_font_is_the_same(qtbot) -> None:
    holder, entries = _shown_list(qtbot)
    plain = _heights(entries)
    holder.setStyleSheet(ROOMY)
    qtbot.waitUntil(lambda: _heights(entries) != plain)
    roomy = _heights(entries)
    assert all(tall >= short + 30 for tall, short in zip(roomy, plain, strict=True)), (plain, roomy)
    holder.setStyleSheet("")
    qtbot.waitUntil(lambda: _heights(entries) == plain)


def test_a_list_built_again_in_a_look_measured_before_gets_the_rows_a_fresh_measure_gives(qtbot) -> None:
    _, roomy_list = _shown_list(qtbot, ROOMY)
    roomy = _heights(roomy_list)
    _, plain_list = _shown_list(qtbot)  # the desk's look, as a switch back to the desk builds it
    plain = _heights(plain_list)
    widgets._MEASURED.clear()
    _, fresh = _shown_list(qtbot)
    assert _heights(fresh) == plain, "the desk's rows were not taken from the roomy look"
    _, again = _shown_list(qtbot, ROOMY)
    assert _heights(again) == roomy
