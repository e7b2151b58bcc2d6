"""The recent-files list, kept in QSettings, most recent first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
LIMIT = 8


def recent(settings: QSettings) -> list[Path]:
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives a bare string for a one-element list in some formats
        value = [value]
    return [Path(p) for p in (value or []) if isinstance(p, str) and p]


def remember(settings: QSettings, path: Path) -> list[Path]:
    path = path.resolve()
    paths = [path] + [p for p in recent(settings) if p != path]
    settings.setValue(KEY, [str(p) for p in paths[:LIMIT]])
    return paths[:LIMIT]


def forget(settings: QSettings, path: Path) -> None:
    settings.setValue(KEY, [str(p) for p in recent(settings) if p != path])
