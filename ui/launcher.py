"""Entry point of the `via` script: the headless commands, plus the window when one is asked for.

It lives in `ui` because it is the one place that may hand over to Qt; `workshop.cli` stays free of
any UI import and gets the window as a callable. Nothing here imports Qt until a window is opened,
so `via check` and `via report` run on machines without a display or without Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop import cli

if TYPE_CHECKING:
    from workshop.model import Workshop


def open_window(path: str | None) -> int:
    """Start the Via window; explains instead of crashing when Qt cannot load."""
    try:
        import PySide6.QtWidgets  # noqa: F401 - probe that Qt loads before building anything
    except ImportError as error:
        if isinstance(error, ModuleNotFoundError) and (error.name or "").startswith("PySide6"):
            raise cli.CliError(
                "the Via window needs PySide6, which is not installed (pip install PySide6-Essentials)"
            ) from None
        raise cli.CliError(f"the Via window cannot start: Qt could not load ({error})") from None
    from ui.app import main as gui_main

    return int(gui_main([path] if path else []) or 0)


def render_board(ws: Workshop, fmt: str, width: int, look: str) -> bytes:
    """Draw the board as a picture for `via board`, with no display needed (Qt runs offscreen)."""
    from ui.picture.headless import QtMissingError, render_headless

    try:
        return render_headless(ws, fmt, width, look)
    except QtMissingError as error:
        raise cli.CliError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window, render_board=render_board)


if __name__ == "__main__":
    import sys

    sys.exit(main())
