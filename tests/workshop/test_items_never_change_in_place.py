"""Operations replace an item with a new one; they never change one in place.

Undo records hold the very items the workshop holds (a Replace puts its `after` in the list as it is,
and keeps the `before` it took out): copying them deeply cost a room of phones a third of the laptop's
time per post. That is only sound while no operation writes into an item it read, which this reads
from the source: an attribute set or a list changed through an attribute (`goal.text = ...`,
`suggestion.voters.append(...)`) anywhere in the operations fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WORKSHOP = Path(__file__).resolve().parents[2] / "workshop"
OPERATIONS = [WORKSHOP / "ops.py", WORKSHOP / "user_ops.py", WORKSHOP / "room" / "edits.py"]
MUTATING = {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update", "setdefault"}
OWN = {"rec", "self"}
"""The recorder (`rec.created_id`, `rec.insert`) and an object's own state are not workshop items."""


def _root(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def writes_in_place(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and _root(target) not in OWN:
                    found.append(f"{name}:{node.lineno} sets {ast.unparse(target)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATING
            and isinstance(node.func.value, ast.Attribute)
            and _root(node.func.value) not in OWN
        ):
            found.append(f"{name}:{node.lineno} changes {ast.unparse(node.func.value)} in place")
    return found


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: str(p.relative_to(WORKSHOP.parent)))
def test_no_operation_changes_an_item_in_place(path: Path) -> None:
    assert writes_in_place(path.read_text(encoding="utf-8"), path.name) == []


def test_the_check_sees_each_kind_of_write() -> None:
    source = "def op(ws, goal, rec):\n    goal.text = 'x'\n    goal.tags.append('y')\n    rec.created_id = 'z'\n"
    found = writes_in_place(source, "sneaky.py")
    assert len(found) == 2 and "sets goal.text" in found[0] and "goal.tags in place" in found[1]
