"""The .via file: a workshop as JSON, with a format marker and a schema version.

    {"format": "via-workshop", "version": 1, "workshop": {...}}

Files arrive from e-mail, shared drives and hand edits, so loading trusts nothing: every way a file
can be wrong ends in one `LoadError` whose message a facilitator can act on and which names the
place (line and column for broken JSON, a path like `goals[3].text` for content). Older versions
are brought up to date by `workshop.migrations`; a file from a newer Via is refused, and saving over
it is refused too, so an old copy of Via can never silently drop what a newer one wrote.

Saving is atomic (a temporary file in the same folder, flushed and synced, then renamed over the
target) and deterministic: the same workshop always gives the same bytes, so files diff well and
`dumps(loads(text)) == text` for any text Via wrote.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from workshop import integrity, migrations
from workshop.gcpause import collector_paused
from workshop.model import Collection, SuggestionKind, Workshop
from workshop.text import one_line, quoted_piece

FORMAT = "via-workshop"
SCHEMA_VERSION = 1
SUFFIX = ".via"

MAX_BYTES = 20 * 1024 * 1024
"""Largest file Via opens or writes: a 5,000-goal workshop is ~2 MB, so 20 MB is far beyond any
real room while keeping a stray video or database dump from filling memory."""

MAX_VALUES = 500_000
"""Most JSON values a file may hold: ~6x a 5,000-goal workshop. A hostile file of 20 MB of `1,`
would otherwise cost pydantic seconds and gigabytes to list its ten million errors."""

MAX_REPORTED = 3
"""How many problems a LoadError lists; the first few are enough to find and fix a file."""

_HEAD_BYTES = 4096
_BOM = b"\xef\xbb\xbf"


# --- errors -------------------------------------------------------------------------------------


class LoadError(Exception):
    """A file Via will not open, with a message a facilitator understands and the place to look.

    `message` is the sentence to show; `where` the place in the file ("line 3, column 7" or
    "goals[3].text"), empty when the problem is the file as a whole; `details` the first few
    problems as "place: what". `str()` gives all of it on one line (the CLI prints that).
    """

    newer_version = False
    """True when the file was written by a newer Via: the UI must not save over it."""

    def __init__(self, message: str, where: str = "", details: list[str] | None = None) -> None:
        # Messages quote keys, ids and names from the file: each part is one line of printable text
        # (a right-to-left override or a line separator from the file is shown escaped).
        self.message = one_line(message)
        self.where = one_line(where)
        self.details = [one_line(detail) for detail in details or []]
        self.path: Path | None = None
        super().__init__(self.message)

    def __str__(self) -> str:
        if self.details:
            return f"{self.message}: {'; '.join(self.details)}"
        if self.where.startswith("line "):
            return f"{self.message} ({self.where})"
        return self.message  # a field the message already names (format, version, ...)


class NewerVersionError(LoadError):
    """The file was written by a newer Via; this one can neither open nor overwrite it."""

    newer_version = True

    def __init__(self, version: int) -> None:
        super().__init__(
            f"This workshop was made by a newer Via (file version {version}, this Via reads up to "
            f"{SCHEMA_VERSION}); update Via to open it",
            "version",
        )
        self.version = version


class SaveError(Exception):
    """A save Via refused or could not finish; the existing file, if any, is left as it was."""

    def __init__(self, message: str, *, newer_version: bool = False) -> None:
        super().__init__(one_line(message))  # it names the file, whose name may hold anything
        self.newer_version = newer_version


# --- the envelope -------------------------------------------------------------------------------


class _Envelope(BaseModel):
    """The file as a whole; used to write files and to publish the JSON Schema."""

    model_config = ConfigDict(extra="forbid", title="Via workshop file")

    format: Literal["via-workshop"]
    version: int
    workshop: Workshop


class _CurrentFile(BaseModel):
    """A file of this Via's own version: the shape the fast way of loading accepts."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["via-workshop"]
    version: Literal[1]  # SCHEMA_VERSION (tests/workshop/test_storage_fast.py keeps the two equal)
    workshop: Workshop


_OWN_HEAD = f'{{"format":"{FORMAT}","version":{SCHEMA_VERSION},"workshop":{{'
"""How every file this Via writes begins (pydantic's compact serializer, fields in model order)."""


def schema() -> dict[str, Any]:
    """The JSON Schema of a current .via file (envelope and workshop)."""
    out = _Envelope.model_json_schema()
    out["properties"]["version"] = {"const": SCHEMA_VERSION, "title": "Version", "type": "integer"}
    for name in ("LinkSuggestion", "GoalSuggestion"):
        # the loader tells the two kinds apart by `kind`, so a file must say it (Via always writes it)
        definition = out["$defs"][name]
        definition["required"] = sorted({*definition.get("required", ()), "kind"})
        definition["properties"]["kind"].pop("default", None)
    out["description"] = (
        "A Via alignment workshop: strategic goals, functions and their goals, the links between them, "
        "internal customers, KPIs, tensions, disclosed weaknesses, decisions, suggestions and card positions."
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **out}


# --- writing ------------------------------------------------------------------------------------


def dumps(ws: Workshop) -> str:
    """The file text for a workshop: same workshop, same text (card positions sorted by id).

    pydantic's own serializer, compact: several times faster than json.dumps, and without an indent
    a 5,000-goal save fits its 20 ms budget (indenting cost ~8 ms more; see benchmarks/bench_storage.py).
    Errors in a file are reported by field path (goals[3].text), so line numbers matter little.
    """
    return _serialised(ws).decode("utf-8")


def _serialised(ws: Workshop) -> bytes:
    """The UTF-8 bytes of the file, straight from pydantic's serializer (no str copy on the way)."""
    if list(ws.positions) != sorted(ws.positions):
        ws = ws.model_copy(update={"positions": dict(sorted(ws.positions.items()))})
    envelope = _Envelope.model_construct(format=FORMAT, version=SCHEMA_VERSION, workshop=ws)
    return _Envelope.__pydantic_serializer__.to_json(envelope) + b"\n"


def save(ws: Workshop, path: str | os.PathLike[str]) -> None:
    """Write atomically: after a crash or a full disk the old file is intact, never half-written.

    Refuses (SaveError) to replace a file written by a newer Via, and to write a file so large that
    Via could not open it again.
    """
    target = Path(os.path.realpath(path))
    version = file_version(target)
    if version is not None and version > SCHEMA_VERSION:
        raise SaveError(
            f"{target.name} was made by a newer Via (file version {version}); saving over it would lose "
            "what that version wrote. Save under another name, or update Via.",
            newer_version=True,
        )
    try:
        data = _serialised(ws)
    except (ValueError, TypeError) as error:  # pydantic serialisation errors are ValueErrors
        raise SaveError(f"The workshop could not be written as a file: {error}") from None
    if len(data) > MAX_BYTES:
        raise SaveError(
            f"The workshop is too large to save ({len(data) / 1e6:.0f} MB; Via opens files up to "
            f"{MAX_BYTES // (1024 * 1024)} MB)."
        )
    try:
        _write_atomically(target, data)
    except OSError as error:
        raise SaveError(f"Could not save {target.name}: {_os_reason(error)}") from None
    remove_stale_temps(target.parent, target.name)  # what an earlier, killed save of it left


def mode_for(target: Path) -> int:
    """The permissions a file written by replacement should get: the old file's, or a new file's.

    Temporary files are private (0600); renaming one over the target would otherwise make a report
    or a workshop unreadable for colleagues on a shared drive.
    """
    try:
        return stat.S_IMODE(os.stat(target).st_mode)  # keep what the user set on their file
    except FileNotFoundError:
        return 0o666 & ~_umask()  # what a plain open() would have given a new file


def _write_atomically(target: Path, data: bytes) -> None:
    folder = target.parent
    mode = mode_for(target)
    # mkstemp makes the temporary file private (0600); the mode is set before it takes the name.
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=_TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    _sync_folder(folder)


_TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp", re.DOTALL)
"""How `save` names its temporary files: `.NAME.XXXXXXXX.tmp` (NAME cut at 40 characters, eight
characters of mkstemp's alphabet)."""

STALE_TEMP_S = 60.0
"""A temporary file older than this belongs to a save that will never finish (the process was
killed, the machine lost power): a save takes well under a second, even of a 20 MB file."""


def remove_stale_temps_of(path: str | os.PathLike[str]) -> list[Path]:
    """`remove_stale_temps` for the file at `path` (opened, say): beside the real file, as `save` writes."""
    target = Path(os.path.realpath(path))
    return remove_stale_temps(target.parent, target.name)


def _temp_prefix(name: str) -> str:
    return f".{name[:40]}."


def remove_stale_temps(
    folder: str | os.PathLike[str], name: str | None = None, *, older_than: float = STALE_TEMP_S
) -> list[Path]:
    """Remove the temporary files that killed saves left in `folder`; return what was removed.

    `name`: only those of saves of that file name; None: those of any `.via` file (the recovery
    folder). Only files Via made are touched: the name must be the one `save` gives its temporary
    files, the file a regular file older than `older_than` seconds (a save in progress in another
    copy of Via is younger), and its content empty or the start of what Via writes. Never raises:
    cleaning up must not stop a save or a start.
    """
    removed: list[Path] = []
    deadline = time.time() - older_than
    wanted = None if name is None else _temp_prefix(name)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        if wanted is not None and not entry.name.startswith(wanted):
            continue
        if wanted is None and not (match.group("name").endswith(SUFFIX) or len(match.group("name")) == 40):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > deadline or not _written_by_via(entry.path):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


_OWN_HEAD_BYTES = _OWN_HEAD.encode("ascii")


def _written_by_via(path: str) -> bool:
    """Whether a file holds nothing, or begins as every file this Via writes (a cut-off save)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        head = os.read(fd, len(_OWN_HEAD_BYTES))
    finally:
        os.close(fd)
    return _OWN_HEAD_BYTES.startswith(head)


def _umask() -> int:
    """The process umask, read without changing it where the platform allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    flags = getattr(os, "O_DIRECTORY", 0) | os.O_RDONLY
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_VERSION_RE = re.compile(rb'"version"\s*:\s*(-?\d{1,9})\b')
_FORMAT_RE = re.compile(rb'"format"\s*:\s*"via-workshop"')


def file_version(path: str | os.PathLike[str]) -> int | None:
    """The schema version of an existing Via file, read cheaply; None when it is not one (or absent).

    Via writes the marker and the version before the workshop itself, so the first few KB answer
    it; a hand-edited file that moved them further down is parsed in full.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    if not head.removeprefix(_BOM).lstrip().startswith(b"{"):
        return None
    marker, version = _FORMAT_RE.search(head), _VERSION_RE.search(head)
    if marker and version:
        inner = head.find(b"{", head.find(b"{") + 1)  # where the workshop object opens
        if inner < 0 or max(marker.start(), version.start()) < inner:
            return int(version.group(1))
    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read(MAX_BYTES + 1).removeprefix(_BOM))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    found = document.get("version")
    return found if isinstance(found, int) and not isinstance(found, bool) else None


# --- reading ------------------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> Workshop:
    """Open a .via file; LoadError (with `.path` set) for anything Via cannot open as it is."""
    file = Path(path)
    try:
        try:
            info = os.stat(file)
        except FileNotFoundError:
            raise LoadError(f"There is no file called {file.name} in {file.parent}") from None
        except OSError as error:
            raise LoadError(f"Could not read {file.name}: {_os_reason(error)}") from None
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(f"{file.name} is a folder, not a workshop file")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise LoadError(f"{file.name} is not a regular file")
        if info.st_size > MAX_BYTES:
            raise _too_large(info.st_size)
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)  # the file may have grown since stat
        except OSError as error:
            raise LoadError(f"Could not read {file.name}: {_os_reason(error)}") from None
        return loads(data)
    except LoadError as error:
        error.path = file
        raise


def loads(data: str | bytes) -> Workshop:
    """A workshop from the text (or bytes) of a .via file; LoadError when it cannot be one."""
    text = _decode(data) if isinstance(data, bytes | bytearray) else data.lstrip("\ufeff")
    if len(text) > MAX_BYTES:
        raise _too_large(len(text))
    if not text or text.isspace():
        raise LoadError("The file is empty")
    if text.count(",") > MAX_VALUES and _values_outside_strings(text) > MAX_VALUES:
        raise LoadError(f"The file holds far more items than a workshop can (over {MAX_VALUES:,} values)")
    with collector_paused():  # ~100,000 objects at 5,000 goals, none in a cycle
        ws = _validated(text)
        found = integrity.problems(ws)
    if found:
        where = found[0].split(":", 1)[0]
        raise LoadError("This workshop contradicts itself" + _more(len(found)), where, found[:MAX_REPORTED]) from None
    return ws


def _validated(text: str) -> Workshop:
    """Parse and validate; the parsed JSON dies with this frame, before the collector runs again.

    A current file goes straight from text to model in pydantic's own JSON parser (one pass in
    Rust, no Python dicts on the way): at 5,000 goals that is less than half the cost of json.loads
    plus model_validate. Anything that pass refuses (an older version, broken JSON, a wrong field)
    is parsed again the careful way, which migrates it or names the problem and its place; both
    ways build the workshop from the same models, so they cannot disagree on what a file means.
    Only text that starts the way Via writes a current file tries the fast way first, so a
    hand-edited, older or foreign file is not parsed twice.
    """
    if text.startswith(_OWN_HEAD):
        try:
            ws = _CurrentFile.model_validate_json(text, strict=True).workshop
        except ValueError:  # ValidationError, or a str that cannot be UTF-8 (lone surrogates)
            pass
        else:
            if dumps(ws) != text:  # identical text cannot hold a key twice: Via never writes one twice
                _refuse_duplicate_keys(text)
            return ws
    body = _unwrap(_parse_json(text))
    try:
        return _strictly(body)
    except ValidationError as error:
        raise _content_error(error, body) from None
    except RecursionError:
        raise _too_deep() from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(node: Any) -> Any:
    """Lone surrogates (a `\\ud800` escape in a hand-edited file) are dropped, as the model's text
    cleaning drops them: pydantic's JSON parser would refuse them before that cleaning runs."""
    if isinstance(node, str):
        return _SURROGATE.sub("", node)
    if isinstance(node, list):
        return [_without_surrogates(item) for item in node]
    if isinstance(node, dict):
        return {_without_surrogates(key): _without_surrogates(value) for key, value in node.items()}
    return node


def _strictly(body: dict[str, Any]) -> Workshop:
    """Validate as JSON in strict mode, as the fast way does: a file must say what it means.

    Lax validation read "date": 0 as 1970-01-01, "skipped": "off" as a yes/no and "question": "2"
    as a number, all of which the published schema (`via schema`) refuses; strict JSON still
    takes dates and choices written as text, which is how JSON writes them.
    """
    text = json.dumps(_without_surrogates(body))  # a 1e400 read as inf is written as Infinity: refused there
    return Workshop.model_validate_json(text, strict=True)


def _decode(data: bytes | bytearray) -> str:
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    raw = bytes(data)
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _looks_like_wide(raw[:64], 4):
        raise LoadError("The file is saved as UTF-32; Via reads workshop files in UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_wide(raw[:64], 2):
        raise LoadError("The file is saved as UTF-16; Via reads workshop files in UTF-8")
    while raw.startswith(_BOM):  # an editor that added its mark to a file that had one already
        raw = raw[len(_BOM) :]
    if b"\x00" in raw[:8192]:
        raise LoadError("This is not a workshop file: it holds binary data, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError("This is not a workshop file: it is not UTF-8 text", f"line {line}, column {column}") from None


def _looks_like_wide(head: bytes, width: int) -> bool:
    """UTF-16 (width 2) or UTF-32 (4) without a byte-order mark: JSON's ASCII punctuation puts each
    character in one byte of every `width`, the others zero. A file of zeros (a power cut) is not
    text of any kind, so the character bytes must be ASCII and not all zero."""
    if len(head) < 4 * width:
        return False
    head = head[: len(head) - len(head) % width]
    for place in (0, width - 1):  # little-endian, big-endian
        chars = head[place::width]
        others = [b for i, b in enumerate(head) if i % width != place]
        if not any(others) and any(chars) and all(b < 0x80 for b in chars):
            return True
    return False


class _ConstantError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _ConstantError(name)


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKeyError:
        raise _duplicate_key_error(text) from None
    except _ConstantError as error:
        raise LoadError(
            f"The file holds {error}, which is not a number a workshop can use", _place_of_constant(text)
        ) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        end = len(text.rstrip())
        if error.pos >= end or error.msg.startswith("Unterminated string"):
            raise LoadError(
                "The file ends too early; it may have been cut off while being saved or copied", _place(text, end)
            ) from None
        raise LoadError(f"The file is damaged: {_json_reason(error.msg)}", where) from None
    except ValueError:  # the only other ValueError json raises: a number with thousands of digits
        raise LoadError("The file is damaged: it holds a number far too long to be part of a workshop") from None
    except RecursionError:
        raise _too_deep() from None


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of the file, refused when it gives a key twice: JSON readers disagree on which
    value then counts (Python's and pydantic's take the last), so the file does not say what it means."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKeyError
    return obj


def _refuse_duplicate_keys(text: str) -> None:
    """For a file that begins as Via writes one but was changed since: the fast way took the last
    of two values for one key without a word, so look for a key given twice the careful way."""
    try:
        json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKeyError:
        raise _duplicate_key_error(text) from None
    except (ValueError, RecursionError):  # the fast way read it: no other problem can be here
        pass


class _Pairs(list):  # type: ignore[type-arg]
    """An object of the file as its (key, value) pairs in file order."""


def _duplicate_key_error(text: str) -> LoadError:
    """The refusal naming where the first key given twice is (only run when there is one)."""
    try:
        place = _first_duplicate(json.loads(text, object_pairs_hook=_Pairs), ())
    except (ValueError, RecursionError):
        place = None
    if place is None:
        return LoadError("The file gives a field twice, so it is not clear which value is meant")
    inside = place[1:] if len(place) > 1 and place[0] == "workshop" else place
    where = _path(inside)
    return LoadError(
        "The file gives a field twice, so it is not clear which value is meant", where, [f"{where}: given twice"]
    )


def _first_duplicate(node: Any, path: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """The path of the first key given a second time in its object, in file order."""
    if isinstance(node, _Pairs):
        seen: set[str] = set()
        for key, value in node:
            if key in seen:
                return (*path, key)
            seen.add(key)
            found = _first_duplicate(value, (*path, key))
            if found is not None:
                return found
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found = _first_duplicate(item, (*path, index))
            if found is not None:
                return found
    return None


def _place_of_constant(text: str) -> str:
    """Line and column of the first NaN/Infinity outside a string (only run when there is one)."""
    for match in _TOKENS.finditer(text):
        if match.group(1):
            return _place(text, match.start())
    return ""


def _place(text: str, offset: int) -> str:
    """'line L, column C' (both from 1) of a character offset, as json's own errors give it."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


_JSON_REASONS = {
    "Expecting value": "a value is missing or is not valid JSON",
    "Expecting ',' delimiter": "a comma is missing",
    "Expecting ':' delimiter": "a colon is missing",
    "Expecting property name enclosed in double quotes": "a name is not in double quotes (or a comma is extra)",
    "Extra data": "there is more after the end of the workshop",
    "Invalid control character at": "a line break or control character inside a text",
    "Unterminated string starting at": "a text is not closed with a double quote",
    "Invalid \\escape": "a backslash escape is not valid",
}


def _json_reason(msg: str) -> str:
    for prefix, reason in _JSON_REASONS.items():
        if msg.startswith(prefix):
            return reason
    return msg[:1].lower() + msg[1:]


def _unwrap(document: Any) -> dict[str, Any]:
    """Check the envelope and return the workshop body, migrated to the current version."""
    if not isinstance(document, dict) or "format" not in document:
        raise LoadError("This is a JSON file, but not a Via workshop (it has no via-workshop marker)")
    marker = document["format"]
    if marker != FORMAT:
        shown = quoted_piece(marker, 40) if isinstance(marker, str) else "not text"
        raise LoadError(f"This is not a Via workshop file (its format is '{shown}')", "format")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise LoadError("The file's version is missing or is not a whole number", "version")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version)
    extra = sorted(set(document) - {"format", "version", "workshop"})
    if extra:
        shown = quoted_piece(str(extra[0]), 40)
        raise LoadError(f"The file has a field Via does not know: '{shown}'", shown)
    body = document.get("workshop")
    if not isinstance(body, dict):
        raise LoadError("The file holds no workshop (the 'workshop' part is missing or not an object)", "workshop")
    if version < SCHEMA_VERSION:
        try:
            body = migrations.migrate(body, version, SCHEMA_VERSION)
        except migrations.MigrationError as error:
            raise LoadError(
                f"This workshop from an older Via (version {version}) could not be brought up to date",
                error.where,
                [str(error)],
            ) from None
        except (TypeError, KeyError, AttributeError, ValueError):
            raise LoadError(
                f"This workshop from an older Via (version {version}) could not be brought up to date: "
                "its content does not have the shape that version used",
                "workshop",
            ) from None
    return body


def _content_error(error: ValidationError, body: dict[str, Any]) -> LoadError:
    count = error.error_count()
    if count > _FEW_ERRORS:
        # Listing hundreds of thousands of errors costs seconds and gigabytes; the first few are
        # found again in a copy with every list and object cut short (same places, same order).
        try:
            _strictly(_cut_short(body))
        except ValidationError as first:
            error = first
        except RecursionError:
            return LoadError("This workshop file has content Via cannot use" + _more(count), "workshop")
        else:  # every problem lies beyond the first few hundred items of a list
            return LoadError("This workshop file has content Via cannot use" + _more(count), "workshop")
    errors = error.errors(include_url=False, include_input=False)[:MAX_REPORTED]
    details = [f"{_path(e['loc'])}: {_describe(e)}" for e in errors]
    message = "This workshop file has content Via cannot use" + _more(count)
    return LoadError(message, _path(errors[0]["loc"]), details)


_FEW_ERRORS = 200


def _cut_short(node: Any) -> Any:
    if isinstance(node, list):
        return [_cut_short(item) for item in node[:_FEW_ERRORS]]
    if isinstance(node, dict):
        return {key: _cut_short(value) for key, value in list(node.items())[:_FEW_ERRORS]}
    return node


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _values_outside_strings(text: str) -> int:
    """Commas outside texts: an upper bound on the values in the file (only run on suspect files)."""
    return _STRINGS.sub("", text).count(",")


def _path(loc: tuple[int | str, ...]) -> str:
    """('goals', 3, 'text') -> 'goals[3].text'; drops pydantic's union tag ('suggestions', 0, 'link', ...)."""
    parts = list(loc)
    if len(parts) > 2 and parts[0] == Collection.SUGGESTIONS and parts[2] in tuple(SuggestionKind):
        del parts[2]
    out = ""
    for part in parts:
        # a key from the file (an unknown field, a card id) may be long or hold anything
        name = part if isinstance(part, int) else quoted_piece(str(part))
        out += f"[{name}]" if isinstance(name, int) else (f".{name}" if out else name)
    return out or "workshop"


_PLAIN = {
    "missing": "is missing",
    "extra_forbidden": "is not a field Via knows (the file may come from another program or a newer Via)",
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "int_from_float": "should be a whole number",
    "float_type": "should be a number",
    "float_parsing": "should be a number",
    "finite_number": "should be a finite number",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
    "list_type": "should be a list",
    "dict_type": "should be an object",
    "model_type": "should be an object",
    "model_attributes_type": "should be an object",
    "date_type": "should be a date like 2026-11-23",
    "date_parsing": "should be a date like 2026-11-23",
    "date_from_datetime_parsing": "should be a date like 2026-11-23",
    "union_tag_invalid": "is neither a link suggestion nor a goal suggestion ('kind' should be 'link' or 'goal')",
    "union_tag_not_found": "does not say whether it suggests a link or a goal ('kind' is missing)",
}


def _describe(error: Any) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "string_pattern_mismatch":
        if error["loc"] and error["loc"][-1] == "colour":
            return "should be a colour like #2E86DE"
        return "should be an id made of letters, digits and . _ : - only"
    if kind == "string_too_short":
        return "should not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {context.get('max_length')} characters)"
    if kind == "too_long":
        return f"has too many items (at most {context.get('max_length')})"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "is out of range"
    msg = str(error.get("msg", "is not valid"))
    return msg.removeprefix("Input ").removeprefix("Value ")


def _more(count: int) -> str:
    return "" if count <= 1 else f" ({count} problems, the first {min(count, MAX_REPORTED)} shown)"


def _too_large(size: int) -> LoadError:
    return LoadError(
        f"The file is too large to be a workshop ({size / 1e6:.0f} MB; Via opens files up to "
        f"{MAX_BYTES // (1024 * 1024)} MB)"
    )


def _too_deep() -> LoadError:
    return LoadError("This is not a workshop file: its content is nested far too deeply")


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "Via is not allowed to use this file or folder"
    if isinstance(error, FileNotFoundError):
        return "the folder does not exist"
    if isinstance(error, IsADirectoryError):
        return "that is a folder"
    return error.strerror or str(error)
