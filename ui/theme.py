"""The window's look in its two modes: normal work at a desk, and projector mode for the room.

Projector mode is for reading from the back of a room on a washed-out projector: black on white,
no mid greys for text, thick focus and selection colours, and type about half as large again.
The board and the guide draw their own content (`set_projector`); this covers the chrome around
them (panels, lists, status bar, dialogs opened from the window).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

NORMAL_POINT_SIZE = 10
PROJECTOR_POINT_SIZE = 16

ACCENT = "#1F5FBF"
PROJECTOR_ACCENT = "#0033AA"

SEVERITY_COLOURS = {"error": "#C0392B", "warning": "#B9770E", "info": "#2E6DA4"}
"""Text colours of finding groups: dark enough to read on white in both modes."""


def normal_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#F3F4F6",
        QPalette.ColorRole.WindowText: "#1B1F24",
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F7F8FA",
        QPalette.ColorRole.Text: "#1B1F24",
        QPalette.ColorRole.Button: "#E9EBEF",
        QPalette.ColorRole.ButtonText: "#1B1F24",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.ToolTipBase: "#FFFFE8",
        QPalette.ColorRole.ToolTipText: "#1B1F24",
        QPalette.ColorRole.PlaceholderText: "#6B7280",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9AA0A6"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9AA0A6"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9AA0A6"))
    return palette


def projector_palette() -> QPalette:
    palette = QPalette()
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.AlternateBase,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.ToolTipBase,
    ):
        palette.setColor(role, QColor("#FFFFFF"))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.ToolTipText,
        QPalette.ColorRole.PlaceholderText,
    ):
        palette.setColor(role, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PROJECTOR_ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Link, QColor(PROJECTOR_ACCENT))
    return palette


def stylesheet(projector: bool) -> str:
    if not projector:
        return (
            "QDockWidget::title { padding: 4px 6px; font-weight: 600; }"
            "QStatusBar QLabel#scoreLabel { font-weight: 600; padding: 0 8px; }"
        )
    return (
        "QDockWidget::title { padding: 6px 8px; background: #fff; border-bottom: 2px solid #000; }"
        "QTreeView, QListView { border: 2px solid #000; }"
        "QTreeView::item, QListView::item { padding: 4px; }"
        "QPushButton { border: 2px solid #000; padding: 6px 12px; background: #fff; }"
        "QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus { border: 3px solid #0033AA; }"
    )


def apply_app_defaults(app: QApplication) -> None:
    """Fusion everywhere, so the palette below looks the same on every desktop."""
    app.setStyle("Fusion")
    app.setPalette(normal_palette())
    font = app.font()
    if font.pointSize() < NORMAL_POINT_SIZE:
        font.setPointSize(NORMAL_POINT_SIZE)
        app.setFont(font)


def apply(window: QWidget, projector: bool) -> None:
    """Switch the window (and every child without its own font) between the two modes."""
    window.setStyleSheet(stylesheet(projector))  # first: a new style sheet re-polishes and resets the palette
    window.setPalette(projector_palette() if projector else normal_palette())
    font = QFont(QApplication.font())
    font.setPointSize(PROJECTOR_POINT_SIZE if projector else max(font.pointSize(), NORMAL_POINT_SIZE))
    window.setFont(font)
