"""Light or dark at the desk: the window follows the system's colour scheme (or View > Colour scheme)
at once, board and chrome alike, every main text readable (WCAG contrast >= 4.5:1 against what is
really painted behind it); projector mode keeps its own look; the choice is remembered."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMenu, QToolTip, QWidget

from ui import appearance, theme
from ui.appearance import Scheme
from ui.workshop_details import WorkshopDetailsDialog
from workshop.findings import Severity


@pytest.fixture(autouse=True)
def back_to_the_system_scheme():
    """The palette is application-wide: leave the next test the light desk it expects."""
    yield
    appearance.instance().set_scheme(Scheme.SYSTEM)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
    theme.set_app_palette(theme.normal_palette())


@pytest.fixture
def window(open_window):
    win = open_window(size=(1280, 800))
    win.board.fit_all()
    return win


# --- WCAG 2 contrast, written out here rather than taken from the code under test -------------------


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def painted_background(widget: QWidget, rect: QRect | None = None) -> QColor:
    """The colour most of the widget is painted in (text covers little of it): what the text is read on."""
    image = (widget.grab(rect) if rect is not None else widget.grab()).toImage()
    counts = Counter(image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def text_colour(widget: QWidget) -> QColor:
    """The colour the widget draws its text in: the palette role it uses for its foreground."""
    role = QPalette.ColorRole.Text if isinstance(widget, QListWidget) else widget.foregroundRole()
    return widget.palette().color(role)


def main_texts(win) -> dict[str, tuple[QColor, QColor]]:
    """(text colour, painted background) of the window's main texts."""
    guide = win.guide_panel
    texts: dict[str, tuple[QColor, QColor]] = {}
    for name, widget in {
        "status bar score": win.score_label,
        "palette list": win.palette_panel.tiles,
        "functions list": win.functions_panel.list,
        "findings list": win.findings_panel.list,
        "outline": win.outline_panel.tree,
        "guide title": guide.findChild(QLabel, "guideTitle"),
        "guide why": guide.findChild(QLabel, "guideWhy"),
        "guide hint": guide.findChild(QLabel, "guideHint"),
        "guide where": guide.findChild(QLabel, "guideWhere"),
        "guide timer": guide.timer.display,
    }.items():
        assert widget is not None, name
        widget.window().show()
        if not widget.isVisible():
            continue  # a tab behind another: checked where it is shown
        texts[name] = (text_colour(widget), painted_background(widget))
    dock = win.findings_dock
    title = QRect(0, 0, dock.width(), dock.fontMetrics().height() + 6)
    texts["dock title"] = (dock.palette().color(QPalette.ColorRole.WindowText), painted_background(dock, title))
    return texts


def card_fill_and_background(win) -> tuple[QColor, QColor]:
    """What the board paints inside a card's body and around the cards, read from the screen."""
    view = win.board
    card = view.board_scene.card("g-loyalty").scene_card_rect()
    image = view.viewport().grab().toImage()
    body = view.mapFromScene(QPointF(card.right() - 4, card.bottom() - 4))
    blank = view.mapFromScene(QPointF(card.center().x(), card.top() - 30))
    return QColor(image.pixel(body)), QColor(image.pixel(blank))


def choose(win, scheme: Scheme) -> None:
    """As the user does it: View > Colour scheme > (scheme)."""
    win.scheme_actions[scheme].trigger()


# --- tests ------------------------------------------------------------------------------------------


def test_the_view_menu_offers_system_light_and_dark_with_system_first_checked(window):
    menu = window.findChild(QMenu, "colourSchemeMenu")
    assert menu is not None and menu.menuAction() in window.menus["view"].actions()
    assert [a.text().replace("&", "") for a in menu.actions()] == ["System", "Light", "Dark"]
    assert window.scheme_actions[Scheme.SYSTEM].isChecked()


def test_dark_restyles_the_board_and_the_chrome_at_once_and_light_brings_it_back(window, qtbot):
    card, background = card_fill_and_background(window)
    assert luminance(card) > 0.8 and luminance(background) > 0.8
    chrome = painted_background(window.statusBar())
    assert luminance(chrome) > 0.8

    choose(window, Scheme.DARK)
    card, background = card_fill_and_background(window)
    assert luminance(card) < 0.05 and luminance(background) < 0.05, "the board turned dark"
    for name, (_, behind) in main_texts(window).items():
        assert luminance(behind) < 0.05, f"{name} is still light"

    choose(window, Scheme.LIGHT)
    card, background = card_fill_and_background(window)
    assert luminance(card) > 0.8 and luminance(background) > 0.8
    for name, (_, behind) in main_texts(window).items():
        assert luminance(behind) > 0.6, f"{name} is still dark"


@pytest.mark.parametrize("scheme", [Scheme.LIGHT, Scheme.DARK])
def test_every_main_text_reads_at_4_5_to_1_in_both_schemes(window, scheme):
    choose(window, scheme)
    for name, (text, behind) in main_texts(window).items():
        assert contrast(text, behind) >= 4.5, f"{name}: {text.name()} on {behind.name()}"
    board = window.board.board_scene.theme
    card, _ = card_fill_and_background(window)
    assert contrast(board.card_text, card) >= 4.5
    assert contrast(board.card_muted, card) >= 4.5, "the measure line under a goal"
    assert contrast(board.band_label, board.background) >= 4.5
    tip = QToolTip.palette()
    assert contrast(tip.color(QPalette.ColorRole.ToolTipText), tip.color(QPalette.ColorRole.ToolTipBase)) >= 4.5
    assert (luminance(tip.color(QPalette.ColorRole.ToolTipBase)) < 0.1) == (scheme is Scheme.DARK)


@pytest.mark.parametrize("scheme", [Scheme.LIGHT, Scheme.DARK])
def test_findings_colours_and_greyed_rows_read_on_the_list_in_both_schemes(window, qtbot, scheme):
    window.findings_dock.raise_()  # the list is filled when it can be seen
    qtbot.waitUntil(lambda: window.findings_panel.list.count() > 0, timeout=5000)
    choose(window, scheme)
    panel = window.findings_panel
    panel.window().show()
    window.findings_dock.raise_()
    behind = panel.list.palette().color(QPalette.ColorRole.Base)
    toned = [panel.list.item(i) for i in range(panel.list.count()) if panel.list.item(i).data(theme.TONE_ROLE)]
    assert toned, "the severity headers are toned"
    for item in toned:
        assert contrast(item.foreground().color(), behind) >= 4.5, item.text()
    for severity in Severity:
        shown = theme.tone_colour(severity.value, panel.list.palette())
        assert contrast(shown, behind) >= 4.5, severity


def test_a_switch_recolours_toned_rows_already_shown(window, qtbot):
    window.findings_dock.raise_()  # the list is filled when it can be seen
    qtbot.waitUntil(lambda: window.findings_panel.list.count() > 0, timeout=5000)
    header = window.findings_panel.list.item(0)
    before = header.foreground().color()
    choose(window, Scheme.DARK)
    after = header.foreground().color()
    assert luminance(after) > luminance(before), "a light tint on the dark list, not the light list's dark red"


def test_a_dialog_opened_in_dark_is_dark_and_readable(window, qtbot):
    choose(window, Scheme.DARK)
    dialog = WorkshopDetailsDialog(window.document, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    behind = painted_background(dialog)
    assert luminance(behind) < 0.05
    label = next(w for w in dialog.findChildren(QLabel) if w.isVisible() and w.text())
    assert contrast(text_colour(label), behind) >= 4.5
    edit = dialog.title_edit
    assert contrast(edit.palette().color(QPalette.ColorRole.Text), painted_background(edit)) >= 4.5
    error = dialog.error.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(error, behind) >= 4.5, "the dialog's problem line"


def test_a_menu_opened_in_dark_is_dark_and_readable(window, qtbot):
    choose(window, Scheme.DARK)
    menu = window.menus["view"]
    menu.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(menu)
    try:
        behind = painted_background(menu)
        assert luminance(behind) < 0.05
        assert contrast(menu.palette().color(QPalette.ColorRole.WindowText), behind) >= 4.5
    finally:
        menu.close()


def test_the_card_being_typed_in_changes_with_the_scheme(window, qtbot):
    view = window.board
    view.board_scene.clearSelection()
    view.board_scene.card("g-loyalty").setSelected(True)
    view.setFocus()
    view.edit_selected()
    editor = view.board_scene.editor
    assert editor is not None
    choose(window, Scheme.DARK)
    assert editor.defaultTextColor() == view.board_scene.theme.card_text
    assert contrast(editor.defaultTextColor(), view.board_scene.theme.card_fill) >= 4.5
    editor.cancel()


def projector_look(win) -> dict[str, object]:
    app_palette = QApplication.palette()
    return {
        "window": win.palette().color(QPalette.ColorRole.Window).name(),
        "text": win.palette().color(QPalette.ColorRole.WindowText).name(),
        "menus and dialogs": app_palette.color(QPalette.ColorRole.Window).name(),
        "board": win.board.board_scene.theme.name,
        "board background": win.board.board_scene.backgroundBrush().color().name(),
        "style sheet": win.styleSheet(),
        "guide style": win.guide_panel.styleSheet(),
    }


def test_projector_mode_looks_the_same_whatever_the_scheme(window, qtbot):
    choose(window, Scheme.LIGHT)
    window.set_projector(True)
    light = projector_look(window)
    window.set_projector(False)
    choose(window, Scheme.DARK)
    window.set_projector(True)
    assert projector_look(window) == light
    choose(window, Scheme.LIGHT)  # a switch while the room watches leaves the room's look alone
    assert projector_look(window) == light
    window.set_projector(False)
    card, background = card_fill_and_background(window)
    assert luminance(card) > 0.8 and luminance(background) > 0.8, "back at the desk in the chosen scheme"


def test_the_choice_is_remembered_for_the_next_start(open_window, qtbot):
    first = open_window(size=(1024, 768))
    choose(first, Scheme.DARK)
    first.close()
    appearance.instance().set_scheme(Scheme.SYSTEM)  # as a new start would begin
    theme.set_app_palette(theme.normal_palette())
    second = open_window(size=(1024, 768))
    assert second.scheme_actions[Scheme.DARK].isChecked()
    card, background = card_fill_and_background(second)
    assert luminance(card) < 0.05
    assert luminance(background) < 0.05


def test_system_follows_the_desktop_switching_while_via_runs_and_a_forced_choice_does_not(window, qtbot):
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert luminance(card_fill_and_background(window)[1]) < 0.05
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert luminance(card_fill_and_background(window)[1]) > 0.8
    choose(window, Scheme.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert luminance(card_fill_and_background(window)[1]) > 0.8, "Light was chosen: the desktop does not decide"


def test_a_stored_scheme_that_means_nothing_is_system(tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(appearance.SETTINGS_KEY, "purple")
    assert appearance.saved_scheme(settings) is Scheme.SYSTEM


def test_what_the_room_sees_takes_the_projector_palette_and_back_in_the_light_scheme(window, qtbot):
    """In the light scheme the window's style sheet stays the same for the projector (no polishing
    of every widget), so the parts on screen must be polished again for the projector's palette."""
    choose(window, Scheme.LIGHT)
    role = QPalette.ColorRole.Highlight
    window.set_projector(True)
    assert window.board.palette().color(role) == theme.projector_palette().color(role)
    window.set_projector(False)
    assert window.board.palette().color(role) == theme.normal_palette(False).color(role)


def darkest_ink(widget: QWidget, inset: int = 6) -> QColor:
    """The darkest colour painted inside the widget, its frame left out: the colour of its text."""
    image = widget.grab().toImage()
    colours = [
        QColor.fromRgb(image.pixel(x, y))
        for x in range(inset, image.width() - inset)
        for y in range(inset, image.height() - inset)
    ]
    return min(colours, key=luminance)


def test_in_projector_mode_what_cannot_be_used_looks_it_and_can_still_be_read(window, qtbot):
    """The projector's high-contrast palette drew disabled text and placeholders in the same black as
    everything else: on the first step the strip's Back looked as usable as Next, and an empty field's
    hint looked typed."""
    window.set_projector(True)
    qtbot.keyClick(window, Qt.Key.Key_F9)  # the guide's strip, as the room works through it
    qtbot.waitUntil(window.guide_dock.isVisible)
    guide = window.guide_panel
    guide.go_to(0)
    qtbot.waitUntil(lambda: guide.back_button.isVisible() and not guide.back_button.isEnabled())
    white = QColor("#FFFFFF")
    used, unusable = darkest_ink(guide.next_button), darkest_ink(guide.back_button)
    assert contrast(used, white) >= 15
    assert 4.5 <= contrast(unusable, white) <= 0.6 * contrast(used, white), unusable.name()
    placeholder = window.palette().color(QPalette.ColorRole.PlaceholderText)
    assert 4.5 <= contrast(placeholder, white) <= 0.6 * contrast(used, white), placeholder.name()
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        disabled = window.palette().color(QPalette.ColorGroup.Disabled, role)
        assert 4.5 <= contrast(disabled, white) <= 0.6 * contrast(used, white), (role, disabled.name())
