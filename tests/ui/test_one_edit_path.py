"""Every edit from the UI goes one way: `Document.run(user_ops.x, ...)`, onto the one undo stack.

Read from the source, so a new panel or the room server cannot quietly grow a second path: only
`ui/document.py` may push to the undo stack, apply a change or record one, and no UI module may
write into the workshop's objects or lists itself. (That the UI imports `workshop.user_ops` and
never `workshop.ops` is an import-linter contract in pyproject.toml.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"
THE_ONE_PATH = UI / "document.py"
LIST_WRITES = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}
DICT_WRITES = {"update", "setdefault", "popitem"}


ROOM = UI.parent / "workshop" / "room"
"""The room's server side: what the phones send becomes an edit only through the document's `run`."""
ROOM_OPERATIONS = ROOM / "edits.py"
"""The room's own operations (beside workshop.ops, offered through user_ops): they record the changes."""


def _modules() -> list[Path]:
    return sorted(p for p in [*UI.rglob("*.py"), *ROOM.rglob("*.py")] if p not in {THE_ONE_PATH, ROOM_OPERATIONS})


def _chain(node: ast.AST) -> list[str]:
    """The names along an attribute chain: `self.document.workshop.goals` -> [self, document, workshop, goals]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def _into_workshop(node: ast.AST) -> bool:
    """A target reached through a workshop: `ws.goals[0].text`, `self.document.workshop.meta`, ..."""
    chain = _chain(node)
    return any(name in {"workshop", "ws"} for name in chain[:-1])


def _offences(source: str, name: str) -> list[str]:
    tree = ast.parse(source, name)
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, _chain(node.func.value)
            if attr == "push" and owner and owner[-1] == "undo_stack":
                found.append(f"{where} pushes to the undo stack")
            if attr in {"apply"} and owner and owner[-1] in {"change", "inverse", "merged"}:
                found.append(f"{where} applies a change")
            if attr in LIST_WRITES | DICT_WRITES and _into_workshop(node.func.value) and len(owner) > 1:
                found.append(f"{where} writes into the workshop's {owner[-1]} ({attr})")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in {"ChangeCommand", "recording", "Recorder", "run_together"}:
                found.append(f"{where} records a change itself ({node.func.id})")
            if node.func.id == "setattr" and node.args and _into_workshop(node.args[0]):
                found.append(f"{where} sets a field of the workshop")
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute | ast.Subscript) and _into_workshop(target):
                    found.append(f"{where} assigns into the workshop")
        if isinstance(node, ast.ImportFrom) and node.module in {"workshop.ops", "workshop.changes"}:
            for alias in node.names:
                if alias.name in {"recording", "Recorder", "run_together", "Batch"}:
                    found.append(f"{where} imports {alias.name} to record changes itself")
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(UI.parent)))
def test_no_ui_or_room_module_edits_the_workshop_or_the_stack_but_through_the_document(path: Path) -> None:
    assert _offences(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent))) == []


def test_the_checker_catches_each_way_round_the_one_path() -> None:
    """The check above would pass on anything if it recognised nothing: show it each bypass."""
    source = "\n".join(
        [
            "from workshop.changes import recording",
            "def f(self, change, ws):",
            "    self.document.undo_stack.push(change)",
            "    change.apply(self.document.workshop)",
            "    self.document.workshop.goals.append(1)",
            "    ws.meta.title = 'x'",
            "    setattr(self.document.workshop.meta, 'title', 'y')",
            "    with recording(ws, 'x') as rec: pass",
        ]
    )
    found = _offences(source, "sneaky.py")
    kinds = ["pushes", "applies", "writes into", "assigns into", "sets a field", "records a change", "imports"]
    for kind in kinds:
        assert any(kind in line for line in found), (kind, found)
