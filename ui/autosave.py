"""Never lose work: recovery files, a lock per running copy, and the autosave timer.

Each running copy of Via owns a *session* in the recovery folder: `<id>.lock` (a QLockFile held
while it runs), `<id>.via` (the unsaved workshop, written atomically a few seconds after a change,
never over the user's own file), `<id>.json` (which user file it belongs to) and `<id>.open` (the
file it has open, so a second copy opening it warns at once). A clean close removes them all.
At start, a session whose lock can be taken belonged to a copy that died: that is a crash to
recover from. A session whose lock is held belongs to a copy that is still running:
it is neither offered nor touched. Stale locks are recognised by their dead process id, not by age
(an age limit would let a second copy steal the lock of a long-running first copy).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer, Signal

from ui.document import Document
from workshop import storage, user_ops
from workshop.model import Workshop
from workshop.text import one_line

log = logging.getLogger(__name__)

DATA_DIR_ENV = "VIA_DATA_DIR"
INTERVAL_ENV = "VIA_AUTOSAVE_MS"
UNREADABLE_LOCK_GRACE_S = 30.0
DEFAULT_INTERVAL_MS = 2000
"""Well inside the promise of 'saved within 5 seconds of a change', and rare enough to be cheap."""


def tr(text: str) -> str:
    return QCoreApplication.translate("Autosave", text)


def data_dir() -> Path:
    """Where Via keeps its own files; VIA_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".via"


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def autosave_interval_ms() -> int:
    try:
        return max(50, int(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL_MS)))
    except ValueError:
        return DEFAULT_INTERVAL_MS


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never because it is old
    return lock


def _write_json_atomically(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave a temporary file behind either
        raise


_INFO_TEMP = re.compile(r"[0-9a-f]{12}\.(json|open)\.tmp")
"""The temporary file `_write_json_atomically` gives a session's `<id>.json` or `<id>.open`."""


def _remove_session_temps(root: Path, session_id: str) -> None:
    """The temporary files of a session whose copy of Via is gone (its lock is ours): any age."""
    storage.remove_stale_temps(root, f"{session_id}.via", older_than=0.0)


OPEN_SUFFIX = ".open"
"""`<id>.open` names the file a running copy has open, beside its lock; it goes when that copy closes."""

KEPT_FOLDER = "unreadable"
"""Under the recovery folder: recovery files set aside because this Via could not read them."""


@dataclass
class Recovery:
    """Unsaved work left behind by a copy of Via that did not close properly."""

    session_id: str
    workshop_file: Path
    user_path: Path | None
    saved_at: dt.datetime | None
    title: str
    _lock: QLockFile

    def describe(self) -> str:
        where = str(self.user_path) if self.user_path else tr("a workshop that was never saved")
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M") if self.saved_at else tr("unknown time")
        return tr("“%s” (%s), last autosaved %s.") % (self.title, where, when)

    def load(self) -> Workshop:
        return storage.load(self.workshop_file)

    def discard(self) -> None:
        """Delete the recovered files and free the lock: the user chose not to keep them."""
        for suffix in (".via", ".json", ".json.tmp", OPEN_SUFFIX):
            self.workshop_file.with_suffix(suffix).unlink(missing_ok=True)
        _remove_session_temps(self.workshop_file.parent, self.session_id)
        self._lock.unlock()

    def release(self) -> None:
        """Leave the files for a later start (the user has not decided)."""
        self._lock.unlock()

    def set_aside(self) -> Path:
        """Keep a recovery file this Via cannot read (a newer Via's, or damaged) out of the way, and
        return where: it may be the only copy of a morning's work, so it is never deleted unasked."""
        kept = self.workshop_file.parent / KEPT_FOLDER
        kept.mkdir(parents=True, exist_ok=True)
        stamp = (self.saved_at or dt.datetime.now(dt.UTC)).astimezone().strftime("%Y-%m-%d %H%M")
        target = kept / f"{self.session_id} {stamp}.via"
        os.replace(self.workshop_file, target)
        self.workshop_file.with_suffix(".json").unlink(missing_ok=True)
        self.workshop_file.with_suffix(OPEN_SUFFIX).unlink(missing_ok=True)
        self._lock.unlock()
        return target


class Session:
    """This running copy's recovery slot; holds its lock until `close()`."""

    def __init__(self, root: Path, session_id: str, lock: QLockFile) -> None:
        self.root = root
        self.id = session_id
        self._lock = lock
        self.workshop_file = root / f"{session_id}.via"
        self.info_file = root / f"{session_id}.json"
        self.open_file = root / f"{session_id}{OPEN_SUFFIX}"

    def announce(self, user_path: Path | None) -> None:
        """Say which file this copy has open (None: an untitled workshop), so that another copy
        opening the same file can warn at once rather than when one of them saves over the other."""
        try:
            if user_path is None:
                self.open_file.unlink(missing_ok=True)
            else:
                _write_json_atomically(self.open_file, {"user_path": str(user_path), "pid": os.getpid()})
        except OSError:
            log.warning("could not note the open file in %s", self.root, exc_info=True)

    def others_with_open(self, user_path: Path) -> int:
        """How many other running copies of Via have this file open (their lock is held)."""
        wanted = os.path.normcase(os.path.realpath(user_path))
        count = 0
        for record in self.root.glob(f"*{OPEN_SUFFIX}"):
            session_id = record.name.removesuffix(OPEN_SUFFIX)
            if session_id == self.id:
                continue
            try:
                path = json.loads(record.read_text(encoding="utf-8")).get("user_path")
            except (OSError, ValueError, AttributeError):
                continue
            if not isinstance(path, str) or os.path.normcase(os.path.realpath(path)) != wanted:
                continue
            lock = _lock(self.root / f"{session_id}.lock")
            if lock.tryLock(0):  # nobody holds it: that copy is gone, its note is left over
                lock.unlock()
                continue
            count += 1
        return count

    def write(self, ws: Workshop, user_path: Path | None) -> None:
        """Atomic: a crash in the middle leaves the previous recovery file, never half of one."""
        storage.save(ws, self.workshop_file)
        info = {
            "user_path": str(user_path) if user_path else None,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(),
            "title": ws.meta.title,
            "pid": os.getpid(),
        }
        _write_json_atomically(self.info_file, info)

    def clear(self) -> None:
        """Nothing unsaved any more (saved, or back to the saved state)."""
        self.workshop_file.unlink(missing_ok=True)
        self.info_file.unlink(missing_ok=True)

    def close(self) -> None:
        """A clean end: the recovery files and the lock go. The lock is freed whatever happens;
        OSError afterwards when the folder is read-only or gone and something may be left there."""
        problem: OSError | None = None
        if not self.root.is_dir():
            problem = FileNotFoundError(errno.ENOENT, "the folder is gone", str(self.root))
        else:
            try:
                self.clear()
                self.open_file.unlink(missing_ok=True)
            except OSError as error:
                problem = error
        lock_file = self.root / f"{self.id}.lock"
        self._lock.unlock()  # removes the lock file where it can (a read-only folder keeps it)
        if problem is None and lock_file.exists():
            problem = PermissionError(errno.EACCES, "the lock file could not be removed", str(lock_file))
        if problem is not None:
            raise problem


class RecoveryStore:
    """The recovery folder shared by every copy of Via of this user."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else recovery_dir()

    def start_session(self) -> Session:
        """Claim a new slot. Raises OSError when the folder cannot be written."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.remove_stale_temps()
        session_id = uuid.uuid4().hex[:12]
        lock = _lock(self.root / f"{session_id}.lock")
        if not lock.tryLock(0):
            raise OSError(tr("Cannot create the lock file in %s.") % self.root)
        return Session(self.root, session_id, lock)

    def orphans(self, exclude: str | None = None) -> list[Recovery]:
        """Work left by copies that died, newest first. Their locks are now held by the caller:
        call `discard()` or `release()` on each."""
        if not self.root.is_dir():
            return []
        ids = {p.stem for p in self.root.glob("*.lock")} | {p.stem for p in self.root.glob("*.via")}
        ids |= {p.name.removesuffix(OPEN_SUFFIX) for p in self.root.glob(f"*{OPEN_SUFFIX}")}
        found: list[Recovery] = []
        for session_id in sorted(ids):
            if session_id == exclude:
                continue
            lock = _lock(self.root / f"{session_id}.lock")
            if not lock.tryLock(0) and not self._take_unreadable(lock, self.root / f"{session_id}.lock"):
                continue  # another copy of Via is running with it: not ours to offer or delete
            workshop_file = self.root / f"{session_id}.via"
            if not workshop_file.exists():
                self._remove_leftovers(session_id)
                lock.unlock()
                continue
            found.append(self._recovery(session_id, workshop_file, lock))
        found.sort(key=lambda r: r.saved_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)
        return found

    @staticmethod
    def _take_unreadable(lock: QLockFile, path: Path) -> bool:
        """A lock file without a process id (a crash while it was written) is stale once it is old:
        a live copy writes its lock in one go at start-up, so an unreadable one is never live."""
        pid = lock.getLockInfo()[0] if lock.error() == QLockFile.LockError.LockFailedError else -1
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            return False
        if pid != 0 or age < UNREADABLE_LOCK_GRACE_S:
            return False
        return lock.removeStaleLockFile() and lock.tryLock(0)

    def remove_stale_temps(self) -> None:
        """Temporary files of autosaves killed mid-write (older than a minute, of Via's own naming):
        each holds a whole workshop, so a folder of them would grow with every crash."""
        storage.remove_stale_temps(self.root)
        deadline = time.time() - storage.STALE_TEMP_S
        try:
            entries = list(os.scandir(self.root))
        except OSError:
            return
        for entry in entries:
            try:
                if _INFO_TEMP.fullmatch(entry.name) and entry.stat(follow_symlinks=False).st_mtime < deadline:
                    os.unlink(entry.path)
            except OSError:
                continue

    def _remove_leftovers(self, session_id: str) -> None:
        for suffix in (".json", ".json.tmp", OPEN_SUFFIX, OPEN_SUFFIX + ".tmp"):
            (self.root / f"{session_id}{suffix}").unlink(missing_ok=True)
        _remove_session_temps(self.root, session_id)

    def _recovery(self, session_id: str, workshop_file: Path, lock: QLockFile) -> Recovery:
        info: dict = {}
        try:
            info = json.loads((self.root / f"{session_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        saved_at = None
        try:
            saved_at = dt.datetime.fromisoformat(info["saved_at"])
        except (KeyError, TypeError, ValueError):
            saved_at = dt.datetime.fromtimestamp(workshop_file.stat().st_mtime, dt.UTC)
        user_path = info.get("user_path")
        return Recovery(
            session_id=session_id,
            workshop_file=workshop_file,
            user_path=Path(user_path) if isinstance(user_path, str) and user_path else None,
            saved_at=saved_at,
            title=str(info.get("title") or tr("Untitled workshop")),
            _lock=lock,
        )


class Autosaver(QObject):
    """Writes the document to its session a moment after it changes; clears it when saved."""

    saved = Signal()
    """A recovery file was written."""
    failed = Signal(str)

    def __init__(self, document: Document, session: Session, interval_ms: int | None = None) -> None:
        super().__init__(document)
        self.document = document
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms if interval_ms is not None else autosave_interval_ms())
        self._timer.timeout.connect(self.save_now)
        document.changed.connect(self._schedule)
        document.reset.connect(self._schedule)
        # Saved (clean again): the recovery file goes. A plain function connection avoids PySide's slot
        # lookup on a dying receiver.
        document.modifiedChanged.connect(lambda modified: not modified and self._schedule())
        self._closed = False
        self._typing: tuple[str, str] | None = None
        """(card id, text) being typed into a card and not yet an edit: a crash while a facilitator
        types a long goal must not lose it. Followed through `typing` and `typing_ended`."""

    def schedule(self) -> None:
        """Save a moment from now (typing that is not an edit of the model yet)."""
        self._schedule()

    def typing(self, card_id: str, text: str) -> None:
        """A card's editor holds this text now; it is saved with the rest a moment from now."""
        self._typing = (card_id, text)
        self._schedule()

    def typing_ended(self) -> None:
        """The editor closed: what was typed is an edit of the model now, or was thrown away."""
        self._typing = None

    def _schedule(self, *_: object) -> None:
        # Not restarted by later edits: a long burst of typing is still saved within one interval.
        if not self._timer.isActive() and not self._closed:
            self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if self._closed:
            return
        try:
            typed = user_ops.with_card_text(self.document.workshop, *self._typing) if self._typing else None
            if typed is None and not self.document.is_modified():
                self.session.clear()
            else:
                self.session.write(typed if typed is not None else self.document.workshop, self.document.path)
                self.saved.emit()
        except Exception as error:  # a full disk must not break the editing in front of the room
            log.exception("autosave failed")
            self.failed.emit(tr("Autosave failed: %s") % error)

    def close(self) -> str | None:
        """The window closed cleanly: no recovery needed any more. Returns the sentence to show when
        the recovery folder could not be cleaned up (read-only, or gone with its drive); the window
        still closes, and nothing was lost."""
        self._closed = True
        self._timer.stop()
        try:
            self.session.close()
        except OSError as error:
            log.warning("could not clean up the recovery folder: %r", error)
            if isinstance(error, FileNotFoundError):
                reason = tr("the folder is no longer there")
            elif isinstance(error, PermissionError):
                reason = tr("Via is not allowed to change it")
            else:
                reason = error.strerror or str(error)
            return tr(
                "Via could not clean up its recovery folder %s (%s). Your saved files are not affected. "
                "If Via offers to restore work at its next start that you do not need, choose Discard."
            ) % (one_line(str(self.session.root)), one_line(reason))
        return None
