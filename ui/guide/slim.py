"""The guide as a slim strip beside the projected board: where we are, the question, the inputs that
answer it, and Back/Next.

At the desk the guide is a full panel. In front of a room it took 43% of a 1024x768 beamer, needed
scrolling from the second question on, and its scroll position carried over so a new step opened
half-way down. The strip takes at most a fifth of the width and every step fits its height.

It uses the same step widgets as the desk (one place for each edit), built fresh for the strip and
trimmed here: optional fields, notes and hints are left out, side-by-side rows are stacked, form
labels go above their fields, long button labels get their short form, and lists take the height
that is left (on a very large workshop a list scrolls inside itself; the strip never does).
"""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QComboBox, QFormLayout, QGroupBox, QLayout

from ui import theme
from ui.eliding_combo import elide_when_cut
from ui.guide.widgets import RemovableList, StepWidget

SHARE = 0.2
"""Most of the window's width the strip may take (its separator included): the board keeps 80%."""
MIN_WIDTH = 150
BASE_WIDTH = 200
"""The strip's width on a 1024x768 beamer, where its type has its base size."""
"""Narrowest strip: below this the question wraps a word per line."""
COMBO_CHARS = 5
"""Characters a choice box shows at least in the strip; the open list shows every entry in full."""
LIST_HEIGHT = 72
"""What a list asks for in the strip (two entries); it takes the height the step leaves over."""
MARGIN = 4
"""Pixels around the strip's contents and inside a box: at a fifth of 1024 px every pixel is a letter."""


def strip_width(window_width: int, separator: int) -> int:
    """The strip's width in a window this wide: a fifth, less the separator the board also loses."""
    return max(MIN_WIDTH, int(window_width * SHARE) - separator)


def style(scale: float = 1.0) -> str:
    """Type sized like the projected board's card text (~16 px body, ~20 px question) and the
    colours of the window's palette (projector mode sets a high-contrast one). Choice and number
    boxes keep the style's own frame: a style-sheet border there loses their arrows. `scale` grows
    the type with the strip (see `type_scale`), as the board's cards grow on a larger screen."""
    error, warning = theme.SEVERITY_COLOURS["error"], theme.SEVERITY_COLOURS["warning"]

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    return f"""
QWidget {{ font-size: {pt(12)}; }}
QWidget#guidePanel, QScrollArea, QScrollArea > QWidget > QWidget {{ background: palette(window); }}
QLabel {{ color: palette(window-text); }}
QLabel#guideWhere {{ font-size: {pt(11)}; font-weight: 600; }}
QLabel#guideTitle {{ font-size: {pt(15)}; font-weight: 700; }}
QLabel#guideSkipped {{ color: {warning}; font-weight: 700; }}
QLabel#guideMessage {{ color: {error}; font-weight: 700; }}
QLabel#guideHint, QLabel#guideEmpty {{ font-size: {pt(11)}; }}
QLabel#guideScore {{ font-size: {pt(17)}; font-weight: 700; }}
QLineEdit, QPlainTextEdit, QListWidget {{
    border: 2px solid palette(window-text); background: palette(base); color: palette(text); padding: 2px;
}}
QListWidget::item:selected {{ background: palette(highlight); color: palette(highlighted-text); }}
QListWidget::indicator, QCheckBox::indicator {{ width: 20px; height: 20px; }}
QPushButton {{
    border: 2px solid palette(window-text); border-radius: 5px; padding: 4px 6px;
    background: palette(button); color: palette(button-text); font-weight: 600;
}}
QPushButton:disabled, QLineEdit:disabled, QDateEdit:disabled {{ color: palette(placeholder-text); }}
QPushButton#guideExportButton {{ font-size: {pt(14)}; padding: 8px; }}
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QListWidget:focus {{
    border: 3px solid palette(highlight);
}}
QGroupBox {{ font-weight: 700; border: 2px solid palette(window-text); margin-top: 1.3em; padding-top: 2px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 6px; }}
"""


def type_scale(width: int) -> float:
    """How much larger than at 1024x768 the strip's type is at this strip width (in tenths, at most
    half as large again): on a 1920-px beamer the cards' text grows, and the question beside them must too."""
    return min(1.5, max(1.0, round(width / BASE_WIDTH, 1)))


def make_slim(view: StepWidget) -> None:
    """Trim a freshly built step for the strip (a step is built again when the mode changes)."""
    view.slim = True
    refreshed(view)


def refreshed(view: StepWidget) -> None:
    """Trim the step again after it re-read the model: a refresh may have built new parts (a box
    for a new internal customer) or shown what the strip leaves out."""
    if not view.slim:
        return
    for layout in view.findChildren(QBoxLayout):
        if layout.direction() in (QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
            layout.setDirection(QBoxLayout.Direction.TopToBottom)  # a row of two does not fit a fifth
    for layout in view.findChildren(QLayout):
        inset = MARGIN if isinstance(layout.parent(), QGroupBox) else 0
        layout.setContentsMargins(inset, inset, inset, inset)
    for combo in view.findChildren(QComboBox):
        combo.setMinimumContentsLength(COMBO_CHARS)
        elide_when_cut(combo)  # "Accurate customer rec…", not a goal's first words as if they were all
    for entries in view.findChildren(RemovableList):
        if entries.preferred_height != LIST_HEIGHT:
            entries.preferred_height = LIST_HEIGHT
            entries.updateGeometry()
    forms = view.findChildren(QFormLayout)
    for form in forms:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # label above field, on every row
    for widget, text in view.slim_texts().items():
        widget.setText(text)  # type: ignore[attr-defined]
    for widget in view.slim_hidden():
        widget.hide()
        for form in forms:
            row, _role = form.getWidgetPosition(widget)
            if row >= 0:
                form.setRowVisible(row, False)  # its label goes with it
    view.slim_refreshed()
