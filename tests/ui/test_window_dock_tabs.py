"""Tabbed panels show their whole names whatever size the facilitator gives the window."""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar


def test_every_panel_tab_shows_its_whole_name_as_the_window_is_resized(open_window, qtbot):
    win = open_window(size=(1280, 800))
    for size in [(1920, 1080), (1024, 768), (1366, 768), (1280, 800)]:
        win.resize(*size)
        qtbot.waitUntil(lambda s=size: (win.width(), win.height()) == s and len(visible_tab_bars(win)) == 2)
        names = []
        for bar in visible_tab_bars(win):
            for i in range(bar.count()):
                names.append(bar.tabText(i))
                assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), f"{bar.tabText(i)!r} cut short at {size}"
        assert sorted(names) == ["Findings", "Functions", "Guide", "Outline", "Palette", "Suggestions"]


def visible_tab_bars(win) -> list[QTabBar]:
    """The bars of the two groups of tabbed panels (palette and functions; guide, findings, outline, suggestions)."""
    return [bar for bar in win.findChildren(QTabBar) if bar.parent() is win and bar.isVisible()]
