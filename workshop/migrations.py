"""Bringing workshop files written by older Via versions up to the current schema.

A file records the schema version it was written with. Loading runs the body of an older file
through a chain of small functions, one per version step (v0 -> v1 -> ... -> current), each taking
the parsed JSON of version N and returning version N+1. Migrations work on plain parsed JSON, never
on model classes, because the model only knows the current shape; validation happens once, after the
last step. A step that meets a shape it does not expect raises `MigrationError` naming the place, so
a damaged old file is refused as clearly as a damaged new one.

Adding a schema change: bump `workshop.storage.SCHEMA_VERSION`, add `_vN_to_vN1` below, register it
in `MIGRATIONS`, and add a test file in the old shape (tests/workshop/test_storage_migrations.py).

Version history
---------------
- v0: pre-release shape (never shipped; it keeps the chain exercised and tested). Strategic goals
  lived in their own list `strategic_goals` (items: `id`, `text`, optional `measure`, `target`),
  `goals` held only the functions' goals, and the workshop's title was `meta.name`.
- v1: one `goals` list for every level (a strategic goal is a goal with `function_id` null),
  `meta.title`. Current.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Body = dict[str, Any]
Migration = Callable[[Body], Body]


class MigrationError(ValueError):
    """An old file whose content does not have the shape its version promises."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")
        self.where = where
        self.what = what


def _v0_to_v1(body: Body) -> Body:
    """Strategic goals join the one goal list (first, in their order); `meta.name` becomes `title`."""
    out = dict(body)
    strategic = out.pop("strategic_goals", [])
    if not isinstance(strategic, list):
        raise MigrationError("strategic_goals", "should be a list of goals")
    goals = out.get("goals", [])
    if not isinstance(goals, list):
        raise MigrationError("goals", "should be a list of goals")
    moved = []
    for index, goal in enumerate(strategic):
        if not isinstance(goal, dict):
            raise MigrationError(f"strategic_goals[{index}]", "should be a goal")
        moved.append({**goal, "function_id": None})
    out["goals"] = moved + goals
    meta = out.get("meta")
    if isinstance(meta, dict) and "name" in meta:
        meta = dict(meta)
        name = meta.pop("name")
        meta.setdefault("title", name)
        out["meta"] = meta
    return out


MIGRATIONS: dict[int, Migration] = {0: _v0_to_v1}
"""`MIGRATIONS[n]` turns a version-n body into a version n+1 body."""

OLDEST = min(MIGRATIONS)
"""The oldest version Via can still open."""


def migrate(body: Body, version: int, current: int) -> Body:
    """Run the steps from `version` up to `current`; the input is left untouched."""
    if version < OLDEST:
        raise MigrationError("version", f"version {version} is older than any Via release this one can read")
    for step in range(version, current):
        migration = MIGRATIONS.get(step)
        if migration is None:
            raise MigrationError("version", f"no way to bring version {step} up to date")
        body = migration(body)
    return body
