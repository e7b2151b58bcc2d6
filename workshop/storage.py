"""The .via file: JSON with a format marker and a schema version.

(Minimal first cut; hardened loading, migration and atomic saving follow.)
"""

from __future__ import annotations

import json
from pathlib import Path

from workshop.model import Workshop

FORMAT = "via-workshop"
SCHEMA_VERSION = 1


class LoadError(Exception):
    """A file Via will not open, with a message a facilitator understands."""


def dumps(ws: Workshop) -> str:
    body = ws.model_dump(mode="json")
    return (
        json.dumps({"format": FORMAT, "version": SCHEMA_VERSION, "workshop": body}, ensure_ascii=False, indent=1) + "\n"
    )


def loads(text: str) -> Workshop:
    data = json.loads(text.removeprefix("\ufeff"))
    return Workshop.model_validate(data["workshop"])


def load(path: str | Path) -> Workshop:
    return loads(Path(path).read_text(encoding="utf-8"))


def save(ws: Workshop, path: str | Path) -> None:
    Path(path).write_text(dumps(ws), encoding="utf-8")
