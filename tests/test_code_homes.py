"""Qt-free code lives in `workshop/`, so `ui/` holds only what needs Qt (import-linter checks the other
direction: `workshop/` never imports Qt)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "ui"
QT_DIALECT_ONLY = {"tooltips.py"}
"""Modules that need no Qt import but speak only Qt's own language (its rich-text tooltip markup)."""


def _imports_qt(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in {"PySide6", "shiboken6"} for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"PySide6", "shiboken6"}:
            return True
    return False


def test_every_module_in_ui_needs_qt() -> None:
    qt_free = [
        str(path.relative_to(UI.parent))
        for path in sorted(UI.rglob("*.py"))
        if path.name != "__init__.py" and path.name not in QT_DIALECT_ONLY and not _imports_qt(path)
    ]
    assert qt_free == [], f"Qt-free code belongs in workshop/: {qt_free}"


def test_the_check_sees_a_module_without_qt(tmp_path) -> None:
    plain = tmp_path / "plain.py"
    plain.write_text("import re\n")
    with_qt = tmp_path / "with_qt.py"
    with_qt.write_text("from PySide6.QtCore import QObject\n")
    assert not _imports_qt(plain) and _imports_qt(with_qt)
