"""Projector mode's guide is a slim strip: the board keeps four fifths of a 1024x768 beamer, and every
step of the guide fits the strip without scrolling, opening at its heading."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from ui.guide.panel import GuidePanel
from ui.main_window import MainWindow
from ui.wrapping_button import WrappingButton
from workshop import user_ops

BEAMER = (1024, 768)


@pytest.fixture
def room(open_window, qtbot) -> MainWindow:
    """The window in projector mode on a 1024x768 beamer, guide shown with F9.

    The offscreen test screen is 800x800, so full screen is left for a window of the beamer's size:
    projector mode (strip, type, reflow) stays on."""
    window = open_window(size=BEAMER, activate=True)
    window.set_projector(True)
    window.showNormal()
    window.resize(*BEAMER)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == BEAMER, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(window.guide_dock.isVisible)
    qtbot.waitUntil(lambda: window.board.width() >= 0.8 * BEAMER[0], timeout=3000)
    return window


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _settled(qtbot, panel: GuidePanel) -> bool:
    """Wait until the step's layout has landed (the strip's scroll bar, if any, shows then)."""
    body = panel.scroll.widget()
    try:
        qtbot.waitUntil(lambda: not panel.scroll.verticalScrollBar().isVisible(), timeout=600)
    except AssertionError:
        return False
    return body.height() <= panel.scroll.viewport().height()


def _problems(qtbot, window: MainWindow) -> list[str]:
    """What the room would see wrong on the open step."""
    panel = window.guide_panel
    key = panel.current_step().key
    found = []
    if not _settled(qtbot, panel):
        found.append(f"{key}: the strip scrolls")
    viewport = panel.scroll.viewport()
    if not viewport.rect().contains(_rect_in(panel.title, viewport)):
        found.append(f"{key}: the heading is not in view")
    if window.board.width() < 0.8 * window.width():
        found.append(f"{key}: board {window.board.width()} px of {window.width()}")
    body = panel.scroll.widget()
    if body.minimumSizeHint().width() > viewport.width():
        found.append(f"{key}: inputs wider than the strip")
    for button in panel.findChildren(QPushButton):
        if not button.isVisible():
            continue
        if isinstance(button, WrappingButton):
            two_lines = button.heightForWidth(10_000) + button.fontMetrics().lineSpacing()
            if button.heightForWidth(button.width()) > two_lines:
                found.append(f"{key}: '{button.text()}' wraps onto three lines")
        elif button.sizeHint().width() > button.width():
            found.append(f"{key}: '{button.text()}' is cut")
    for combo in panel.findChildren(QComboBox):
        if combo.isVisible() and not panel.rect().contains(_rect_in(combo, panel)):
            found.append(f"{key}: a drop-down ({combo.accessibleName()}) is clipped")
    return found


def test_every_step_fits_the_strip_at_1024x768_and_the_board_keeps_four_fifths(room, qtbot):
    panel = room.guide_panel
    assert len(panel.steps()) > 20  # setup, four questions per support function, via negativa, review
    problems = []
    for index in range(len(panel.steps())):
        panel.go_to(index, take_focus=True)
        problems += _problems(qtbot, room)
    assert not problems, "\n".join(problems)
    assert room.board.width() >= 0.8 * room.width()


def test_walking_with_next_opens_each_step_at_its_heading(room, qtbot):
    panel = room.guide_panel
    panel.go_to(0)
    for _ in range(len(panel.steps()) - 1):
        panel.scroll.verticalScrollBar().setValue(panel.scroll.verticalScrollBar().maximum())
        qtbot.keyClick(panel.next_button, Qt.Key.Key_Space)
        assert panel.scroll.verticalScrollBar().value() == 0, panel.current_step().key
        viewport = panel.scroll.viewport()
        assert viewport.rect().contains(_rect_in(panel.title, viewport)), panel.current_step().key


def test_the_strip_shows_one_internal_customer_at_a_time_with_a_choice_of_which(room, qtbot):
    document = room.document
    assert document.run(user_ops.add_relation, "f-it", "f-service").ok
    panel = room.guide_panel
    panel.go_to("question:f-it:2")
    view = panel.current_view()
    qtbot.waitUntil(lambda: view.customer.count() == 2)
    assert view.customer.isVisible()

    def shown() -> list[str]:
        return [s.title() for s in view.sections if s.isVisible()]

    assert len(shown()) == 1
    view.customer.setCurrentIndex(1)
    qtbot.waitUntil(lambda: shown() == ["Customer Service"])
    assert not _problems(qtbot, room)


def test_the_reflowed_board_fits_the_room_left_beside_the_strip(room, qtbot):
    board = room.board
    board.fit_all()
    rect = board.board_scene.reflow_rect()
    assert rect is not None, "projector mode lays the board out for the screen"
    qtbot.waitUntil(lambda: board.viewport().rect().contains(board.mapFromScene(rect).boundingRect()), timeout=3000)


def test_the_strip_leaves_out_the_desk_only_parts_and_the_desk_gets_them_back(room, qtbot):
    panel = room.guide_panel
    panel.go_to("question:f-it:4")
    view = panel.current_view()
    assert not panel.why.isVisible() and not panel.timer.display.isVisible()
    assert not view.note.isVisible() and not view.measure.isVisible()
    assert view.text.isVisible() and view.serves.isVisible()
    assert room.guide_dock.width() <= 0.2 * room.width()

    room.set_projector(False)
    qtbot.waitUntil(lambda: not room.projector_on)
    room.guide_dock.show()
    room.guide_dock.raise_()
    qtbot.waitUntil(panel.isVisible)
    view = panel.current_view()
    assert panel.current_step().key == "question:f-it:4"
    assert panel.why.isVisible() and panel.timer.display.isVisible()
    assert view.note.isVisible() and view.measure.isVisible()
    assert room.guide_dock.titleBarWidget() is None and room.guide_dock.maximumWidth() > 10_000


def test_at_the_desk_a_step_change_also_starts_at_the_heading(qtbot):
    from ui.document import Document
    from workshop.examples import customer_loyalty

    panel = GuidePanel(Document(customer_loyalty()))
    qtbot.addWidget(panel)
    panel.resize(360, 420)  # short enough that question 3 scrolls
    panel.show()
    qtbot.waitExposed(panel)
    panel.go_to("question:f-it:3")
    bar = panel.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    panel.next()
    assert bar.value() == 0
    assert panel.why.isVisible() and panel.progress.isVisible(), "the desk panel keeps its full header"


def test_on_a_larger_beamer_the_strips_type_grows_with_it(qtbot):
    """A fifth of 1920 px is ~380 px: the question grows as the cards beside it do, and still fits."""
    from ui.document import Document
    from workshop.examples import customer_loyalty

    panel = GuidePanel(Document(customer_loyalty()))
    qtbot.addWidget(panel)
    panel.set_projector(True)
    panel.resize(198, 768)
    panel.show()
    qtbot.waitExposed(panel)
    small = panel.title.fontInfo().pixelSize()
    panel.resize(378, 1080)
    qtbot.waitUntil(lambda: panel.title.fontInfo().pixelSize() >= small * 1.4)
    panel.go_to("question:f-it:3")
    assert _settled(qtbot, panel), "the larger type still fits a 1080-px strip"


def test_text_typed_in_a_step_but_not_yet_added_survives_a_switch_to_and_from_the_projector(room, qtbot):
    """F11 in the middle of typing a KPI must not throw the words away."""
    panel = room.guide_panel
    panel.go_to("kpis")
    view = panel.current_view()
    typed = view.findChildren(QLineEdit)
    box = next(edit for edit in typed if edit.isVisible() and not edit.isReadOnly())
    box.setText("Orders shipped on time")
    index = typed.index(box)
    room.set_projector(False)
    qtbot.waitUntil(lambda: not room.projector_on)
    assert panel.current_view() is not view, "the step was built again for the desk"
    assert panel.current_view().findChildren(QLineEdit)[index].text() == "Orders shipped on time"
    room.set_projector(True)
    assert panel.current_view().findChildren(QLineEdit)[index].text() == "Orders shipped on time"


def test_a_long_choice_in_the_strip_shows_it_is_cut_and_tells_the_whole_in_its_tooltip(room, qtbot):
    """Beside the board the strip's choice boxes are ~190 px wide: "Accurate customer r" read as a goal
    of its own. A cut choice ends in an ellipsis and hovering it shows the whole text."""
    from ui.eliding_combo import shown_text

    panel = room.guide_panel
    panel.go_to("direct_impact:f-it")
    view = panel.current_view()
    combos = [c for c in view.findChildren(QComboBox) if c.isVisible() and not c.isEditable()]
    assert combos
    for combo in combos:
        whole = combo.currentText()
        fits = combo.fontMetrics().horizontalAdvance(whole) < combo.width() / 2
        if fits:
            assert shown_text(combo) == whole and combo.toolTip() == ""
        else:
            assert shown_text(combo).endswith("…") and whole.startswith(shown_text(combo)[:-1])
            assert combo.toolTip() == whole
    assert any(shown_text(c) != c.currentText() for c in combos), "the demo's goal texts are longer than the strip"
