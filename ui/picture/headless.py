"""`via board` without a window: Qt started offscreen, the board drawn, the picture's bytes returned.

Imported by `ui.launcher` only when the command runs. Qt itself is imported inside the function, so a
missing or broken Qt becomes one sentence (QtMissingError) rather than a traceback.
"""

from __future__ import annotations

import os
import sys

from workshop.model import Workshop


class QtMissingError(Exception):
    """Qt cannot be loaded here; the message says what to install."""


def use_offscreen_without_display() -> None:
    """On Linux with no display to talk to, Qt's offscreen platform draws just as well: pictures need
    no screen. A platform the user chose (QT_QPA_PLATFORM) is left alone."""
    if sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _application() -> object:
    use_offscreen_without_display()
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and (error.name or "").startswith("PySide6"):
            raise QtMissingError(
                "drawing the board needs PySide6, which is not installed (pip install PySide6-Essentials)"
            ) from None
        raise QtMissingError(f"drawing the board needs Qt, which could not load ({error})") from None
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "via"])
    from ui import theme
    from ui.fonts import register_fallback_fonts

    theme.apply_app_defaults(app)  # type: ignore[arg-type]
    register_fallback_fonts()  # CJK goals draw as on the board, not as boxes
    return app


def render_headless(ws: Workshop, fmt: str, width: int, look: str) -> bytes:
    """The picture of the whole board of `ws` ("png" or "svg", `width` pixels wide, "normal" or
    "projector" look), with the findings' badges as the board shows them."""
    app = _application()
    from ui.picture.board import Look, picture_board
    from ui.picture.render import picture_bytes
    from workshop.analysis import analyse

    board = picture_board(ws, Look(look), analyse(ws))
    try:
        return picture_bytes(board, ws, fmt, width)
    finally:
        board.close()
        del app
