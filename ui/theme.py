"""The window's look in its three looks: light and dark at a desk, and projector mode for the room.

At a desk the window follows the system's colour scheme (or the user's choice, ui/appearance.py):
a light or a dark palette, the same roles filled in both, so every widget that reads its palette
(and every style sheet that says `palette(...)`) is right in either. Projector mode is for reading
from the back of a room on a washed-out projector: black on white, no mid greys for text, thick
focus and selection colours, and type about half as large again, whatever the system's scheme.
The board and the guide draw their own content (`set_projector`); this covers the chrome around
them (panels, lists, status bar, dialogs, menus and tooltips opened from the window).

Qt keeps a palette a style sheet resolved at polish time: a new application palette reaches a
widget under a style sheet only when it is polished again. `apply` therefore sets the palettes
first and then re-polishes: the whole window when its style sheet changes (a change of scheme at
the desk); otherwise (projector mode on or off in the light scheme, where the sheet stays the same
to spare polishing all ~270 widgets) only the parts on screen in projector mode: the board's side
of the window and the guide. The docks hidden in projector mode keep the desk's look they come back
to. Other windows with a style sheet of their own are polished again too.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QMainWindow, QToolTip, QWidget

NORMAL_POINT_SIZE = 10
PROJECTOR_POINT_SIZE = 16

ACCENT = "#1F5FBF"
DARK_ACCENT = "#2F6BD0"
"""Selection background in dark: white text on it stays above 4.5:1, and it still reads as blue."""
PROJECTOR_ACCENT = "#0033AA"

SEVERITY_COLOURS = {"error": "#C0392B", "warning": "#9A6300", "info": "#2E6DA4"}
"""Text colours of finding groups on a light list: each above 4.5:1 on white."""
DARK_SEVERITY_COLOURS = {"error": "#FF8A80", "warning": "#FFC061", "info": "#8AB8FF"}
"""The same on a dark list: light tints, each above 4.5:1 on the dark base."""


class Tone(StrEnum):
    """What a coloured piece of chrome text says; its colour comes from the palette it is shown on."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    MUTED = "muted"
    """Decided, dismissed, set aside: still readable (above 4.5:1), visibly quieter than the rest."""


_LIGHT = {
    QPalette.ColorRole.Window: "#F3F4F6",
    QPalette.ColorRole.WindowText: "#1B1F24",
    QPalette.ColorRole.Base: "#FFFFFF",
    QPalette.ColorRole.AlternateBase: "#F7F8FA",
    QPalette.ColorRole.Text: "#1B1F24",
    QPalette.ColorRole.Button: "#E9EBEF",
    QPalette.ColorRole.ButtonText: "#1B1F24",
    QPalette.ColorRole.BrightText: "#FFFFFF",
    QPalette.ColorRole.Light: "#FFFFFF",
    QPalette.ColorRole.Midlight: "#F0F1F4",
    QPalette.ColorRole.Mid: "#B8BEC8",
    QPalette.ColorRole.Dark: "#9AA0AA",
    QPalette.ColorRole.Shadow: "#5A606A",
    QPalette.ColorRole.Highlight: ACCENT,
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.ToolTipBase: "#FFFFE8",
    QPalette.ColorRole.ToolTipText: "#1B1F24",
    QPalette.ColorRole.PlaceholderText: "#5F6670",
    QPalette.ColorRole.Link: ACCENT,
    QPalette.ColorRole.LinkVisited: "#6A3DB8",
    QPalette.ColorRole.Accent: ACCENT,
}

_DARK = {
    QPalette.ColorRole.Window: "#23262C",
    QPalette.ColorRole.WindowText: "#E8EAEE",
    QPalette.ColorRole.Base: "#1A1C20",
    QPalette.ColorRole.AlternateBase: "#202328",
    QPalette.ColorRole.Text: "#E8EAEE",
    QPalette.ColorRole.Button: "#30343B",
    QPalette.ColorRole.ButtonText: "#E8EAEE",
    QPalette.ColorRole.BrightText: "#FFFFFF",
    QPalette.ColorRole.Light: "#454A53",
    QPalette.ColorRole.Midlight: "#3A3E46",
    QPalette.ColorRole.Mid: "#2A2D33",
    QPalette.ColorRole.Dark: "#15171A",
    QPalette.ColorRole.Shadow: "#0B0C0E",
    QPalette.ColorRole.Highlight: DARK_ACCENT,
    QPalette.ColorRole.HighlightedText: "#FFFFFF",
    QPalette.ColorRole.ToolTipBase: "#30343B",
    QPalette.ColorRole.ToolTipText: "#E8EAEE",
    QPalette.ColorRole.PlaceholderText: "#A3ABB7",
    QPalette.ColorRole.Link: "#8AB8FF",
    QPalette.ColorRole.LinkVisited: "#C3A6FF",
    QPalette.ColorRole.Accent: DARK_ACCENT,
}

_DISABLED_TEXT = {False: "#8C929B", True: "#767D88"}
"""Greyed-out text: quieter than the rest, as disabled controls are (WCAG exempts them)."""
PROJECTOR_QUIET = "#707070"
"""Projector mode's disabled text and placeholders: grey, and still 4.9:1 on the white it has."""

_TONES = {
    False: {**SEVERITY_COLOURS, Tone.MUTED: "#5F6670"},
    True: {**DARK_SEVERITY_COLOURS, Tone.MUTED: "#A3ABB7"},
}


def _palette(colours: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def normal_palette(dark: bool = False) -> QPalette:
    """The desk's palette in the light or the dark scheme (every role filled, so nothing is left light)."""
    return _palette(_DARK if dark else _LIGHT, _DISABLED_TEXT[dark])


def projector_palette() -> QPalette:
    palette = QPalette()
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.AlternateBase,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.ToolTipBase,
        QPalette.ColorRole.Light,
        QPalette.ColorRole.Midlight,
    ):
        palette.setColor(role, QColor("#FFFFFF"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.ToolTipText,
        QPalette.ColorRole.Shadow,
    ):
        palette.setColor(role, QColor("#000000"))
    # What cannot be used, and an empty field's hint, in grey that still reads (4.9:1 on white): in the
    # black of everything else the strip's Back looked as usable as Next on the first step.
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(PROJECTOR_QUIET))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(PROJECTOR_QUIET))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#808080"))
    palette.setColor(QPalette.ColorRole.Dark, QColor("#404040"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PROJECTOR_ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Link, QColor(PROJECTOR_ACCENT))
    palette.setColor(QPalette.ColorRole.Accent, QColor(PROJECTOR_ACCENT))
    return palette


def is_dark(palette: QPalette) -> bool:
    """True when this palette draws light text on a dark window (the dark scheme)."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def tone_colour(tone: Tone | str, palette: QPalette) -> QColor:
    """The colour of a toned piece of text on a widget with this palette."""
    return QColor(_TONES[is_dark(palette)].get(str(tone), _TONES[is_dark(palette)][Tone.MUTED]))


TONE_ROLE = Qt.ItemDataRole.UserRole + 40
"""Where a list item keeps its Tone, so a change of scheme can colour it again."""


def set_tone(item: QListWidgetItem, tone: Tone | str, palette: QPalette) -> None:
    item.setData(TONE_ROLE, str(tone))
    item.setForeground(tone_colour(tone, palette))


def retone(view: QListWidget) -> None:
    """Colour every toned item of the list again for the palette it has now (after a scheme change)."""
    palette = view.palette()
    for row in range(view.count()):
        item = view.item(row)
        tone = item.data(TONE_ROLE)
        if tone:
            item.setForeground(tone_colour(tone, palette))


class _Retoner(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QListWidget):
            retone(watched)
        return False


def keep_toned(view: QListWidget) -> None:
    """Colour the list's toned rows again whenever the list's own palette changes (light/dark)."""
    view.installEventFilter(_Retoner(view))


def message_style(tone: Tone, palette: QPalette) -> str:
    """The style sheet of a dialog's one-line problem message, readable on this palette's window."""
    return f"color: {tone_colour(tone, palette).name()}; font-weight: 600;"


def stylesheet(projector: bool, dark: bool = False) -> str:
    """The window's style sheet: the desk's (its tones for the scheme). In projector mode it is the light
    desk's (the projector palette is light), so that switching in the light scheme does not set it
    again: Qt polishes all ~270 widgets of the window for a new sheet (70-130 ms on a big workshop,
    its lists laying out thousands of rows again). The room's own rules go on the parts the room sees
    (`ROOM_RULES`, see `apply`)."""
    tones = _TONES[dark and not projector]
    return (
        "QDockWidget::title { padding: 4px 6px; font-weight: 600; }"
        "QStatusBar QLabel#scoreLabel { font-weight: 600; padding: 0 8px; }"
        f"QLabel#guideSkipped {{ color: {tones[Tone.WARNING]}; }}"
        f"QLabel#guideMessage {{ color: {tones[Tone.ERROR]}; }}"
    )


ROOM_RULES = (
    "QDockWidget::title { padding: 6px 8px; background: #fff; border-bottom: 2px solid #000; }"
    "QTreeView, QListView { border: 2px solid #000; }"
    "QTreeView::item, QListView::item { padding: 4px; }"
    "QPushButton { border: 2px solid #000; padding: 6px 12px; background: #fff; }"
    "QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus { border: 3px solid #0033AA; }"
)
"""Projector mode's heavy borders and roomy rows, for the parts of the window the room sees (the guide)."""


def apply_app_defaults(app: QApplication) -> None:
    """Fusion everywhere, so the palettes above look the same on every desktop (and Fusion draws a
    dark palette whole: native styles keep some parts light whatever the palette says)."""
    app.setStyle("Fusion")
    set_app_palette(normal_palette())
    font = app.font()
    if font.pointSize() < NORMAL_POINT_SIZE:
        font.setPointSize(NORMAL_POINT_SIZE)
        app.setFont(font)


def set_app_palette(palette: QPalette) -> None:
    """The palette of everything opened from the window: menus, dialogs, message boxes, tooltips."""
    QApplication.setPalette(palette)
    QToolTip.setPalette(palette)


def apply(window: QWidget, projector: bool, dark: bool = False, room_parts: Iterable[QWidget] = ()) -> None:
    """Switch the window (and every child without its own font) between the looks; `room_parts` are the
    widgets the room sees in projector mode (the guide), which take `ROOM_RULES` there."""
    palette = projector_palette() if projector else normal_palette(dark)
    set_app_palette(palette)
    window.setPalette(palette)
    sheet = stylesheet(projector, dark)
    if window.styleSheet() != sheet:
        window.setStyleSheet(sheet)  # after the palettes: polishes the children again
        window.setPalette(palette)  # polishing put back the window's own palette of its first polish
    else:
        central = window.centralWidget() if isinstance(window, QMainWindow) else None
        if central is not None:
            _polish_again(central)  # what the room sees keeps no palette of the other look
    for part in room_parts:
        part.setStyleSheet(ROOM_RULES if projector else "")  # a new sheet: polished again
    font = QFont(QApplication.font())
    font.setPointSize(PROJECTOR_POINT_SIZE if projector else max(font.pointSize(), NORMAL_POINT_SIZE))
    window.setFont(font)
    repolish_other_windows(window)


def _polish_again(widget: QWidget) -> None:
    """Polish a widget and its children again, so that they take the palette in force now."""
    for part in [widget, *widget.findChildren(QWidget)]:
        style = part.style()
        style.unpolish(part)
        style.polish(part)


def repolish_other_windows(window: QWidget) -> None:
    """Windows with a style sheet of their own outside the main window (which polished its children,
    dialogs included, again) would keep the old palette: polish them again too."""
    for other in QApplication.topLevelWidgets():
        if other is not window and other.styleSheet():
            other.setStyleSheet(other.styleSheet())
