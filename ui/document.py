"""The open workshop as the UI sees it: the model, its undo stack, and signals views follow.

Every edit, whoever starts it (the board, a panel, the guide), is
`document.run(user_ops.something, ...)`: the user operation applies and returns a `Change`, which
goes on the one undo stack and is announced through `changed`; the caller gets an `Outcome` (the
change, or the refusal's sentence to show where the person is looking). Undo and redo announce the
change they apply the same way, so a view has one code path for every kind of update (the
orange-canvas-core / Anki pattern). Nothing else in `ui` pushes to the stack or touches the model
(tests/ui/test_one_edit_path.py checks it).

A participant's post from a phone (a suggestion, a vote, a disclosure) is `run_for_room`: the same
operation, announced the same way, saved and autosaved, but not on the facilitator's undo stack.
Ctrl+Z takes back the facilitator's own last edit, never a phone's vote that landed after it; what
the facilitator decides about a post (accept, reject, hide, merge, remove) is theirs, on the stack.
The posts only append to their lists or replace their own item where it stands, so the index-based
undo records of the facilitator's steps stay true (tests/ui/test_room_off_the_stack.py).
"""

from __future__ import annotations

import weakref
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workshop.changes import Change, Insert, Replace
from workshop.gcpause import settle_long_lived
from workshop.model import Workshop
from workshop.user_ops import Outcome, attempt
from workshop.votes_kept import keeping_phone_votes

T = TypeVar("T")

SETTLE_HEAP_FROM = 1000
"""Goals from which opening a workshop ends with one collection and a freeze (see _settle_heap_later)."""


class ChangeCommand(QUndoCommand):
    """An undo step wrapping a Change that was already applied when the command was pushed."""

    def __init__(self, document: Document, change: Change, merge_id: int = -1) -> None:
        super().__init__(change.label)
        # Weak: the document owns the stack that owns this step. A strong reference made a cycle the
        # garbage collector broke in the wrong order, and Qt then crashed in QUndoStack::clear.
        self._document = weakref.ref(document)
        self.change = change
        self._merge_id = merge_id
        self._first = True

    def id(self) -> int:
        return self._merge_id

    def redo(self) -> None:
        document = self._document()
        if document is None:
            return
        if self._first:
            self._first = False
            document.changed.emit(self.change)
        else:
            change = keeping_phone_votes(document.workshop, self.change)
            change.apply(document.workshop)
            document.changed.emit(change)

    def undo(self) -> None:
        document = self._document()
        if document is None:
            return
        inverse = keeping_phone_votes(document.workshop, self.change.inverse())
        inverse.apply(document.workshop)
        document.changed.emit(inverse)

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing into one field becomes one step: keep the first 'before' and the last 'after'."""
        if not isinstance(other, ChangeCommand) or other.id() != self.id():
            return False
        mine, theirs = self.change.steps, other.change.steps
        if len(mine) != 1 or len(theirs) != 1 or not isinstance(theirs[0], Replace):
            return False
        first, last = mine[0], theirs[0]
        if (first.collection, first.index) != (last.collection, last.index):
            return False
        if isinstance(first, Replace):
            merged: Insert | Replace = Replace(first.collection, first.index, first.before, last.after)
        elif isinstance(first, Insert) and first.item.id == last.before.id:
            # The first keystroke created the item (a new note), the rest typed into it.
            merged = Insert(first.collection, first.index, last.after)
        else:
            return False
        self.change = Change(self.change.label, (merged,), self.change.created_id)
        if isinstance(merged, Replace) and merged.before == merged.after:
            # Typed back to where it started: the step changes nothing, so it leaves the stack and
            # the document is clean again if it was.
            self.setObsolete(True)
        return True


class Document(QObject):
    """One open workshop. `changed` carries the Change just applied (forward, undo or redo)."""

    changed = Signal(object)
    reset = Signal()
    """The whole workshop was replaced (new, open, restore): views rebuild from scratch."""
    pathChanged = Signal()
    modifiedChanged = Signal(bool)
    """Unsaved work appeared or was saved: the facilitator's steps past the saved one, or the room's posts."""

    def __init__(
        self, workshop: Workshop | None = None, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workshop = workshop if workshop is not None else Workshop()
        self.path = path
        self.undo_stack = QUndoStack(self)
        self._room_unsaved = False
        """The room posted since the last save (its posts are not on the undo stack)."""
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._derived: dict[Callable[[Workshop], Any], Any] = {}
        # connected first, so every view that follows a change reads the new state
        self.changed.connect(self._forget_derived)
        self.reset.connect(self._forget_derived)
        self._settle_heap_later()

    def derived(self, compute: Callable[[Workshop], T]) -> T:
        """`compute(workshop)`, worked out once per state of the workshop and shared until the next change.

        Several views read the same costly facts after one change: at 2,000 goals the trace of every
        goal to strategy (~5 ms) was worked out by the guide's step, its focus on the board and again
        by the same step built in its other form when projector mode was switched. The result is
        shared: treat it as read-only. Every edit, undo, redo, room post and replaced workshop is
        announced (`changed`, `reset`), and that forgets what was worked out. `compute` is the key: pass
        a module-level function, not a lambda made at each call (it would never be found again)."""
        try:
            return self._derived[compute]
        except KeyError:
            value = self._derived[compute] = compute(self.workshop)
            return value

    def _forget_derived(self, *_: object) -> None:
        self._derived.clear()

    def is_modified(self) -> bool:
        """Something would be lost without a save."""
        return not self.undo_stack.isClean() or self._room_unsaved

    def mark_saved(self) -> None:
        self._set_room_unsaved(False)
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """Restored work: nothing of it is in a file yet."""
        self.undo_stack.resetClean()

    def _clean_changed(self, clean: bool) -> None:
        # The stack also emits this while it is being destroyed: use the value, ask nothing of it.
        self.modifiedChanged.emit(not clean or self._room_unsaved)

    def _set_room_unsaved(self, unsaved: bool) -> None:
        if unsaved != self._room_unsaved:
            self._room_unsaved = unsaved
            self.modifiedChanged.emit(self.is_modified())

    def run_for_room(self, operation: Callable[..., Change], *args: Any, **kwargs: Any) -> Outcome:
        """A participant's post: applied and announced as `run` does, kept for the next save and
        autosave, but off the facilitator's undo stack (see the module's docstring)."""
        outcome = attempt(self.workshop, operation, *args, **kwargs)
        if outcome.change is not None and not outcome.change.is_empty:
            self.changed.emit(outcome.change)
            self._set_room_unsaved(True)
        return outcome

    def run(self, operation: Callable[..., Change], *args: Any, merge_key: str | None = None, **kwargs: Any) -> Outcome:
        """Run a user operation (`workshop.user_ops`) and put its change on the undo stack.

        `merge_key`: edits with the same key in a row (typing into one field) become one undo step.
        A refused edit changes nothing; the Outcome carries the sentence for the caller to show.
        """
        outcome = attempt(self.workshop, operation, *args, **kwargs)
        if outcome.change is not None and not outcome.change.is_empty:
            merge_id = -1 if merge_key is None else zlib.crc32(merge_key.encode("utf-8")) & 0x7FFFFFFF
            self.undo_stack.push(ChangeCommand(self, outcome.change, merge_id))
        return outcome

    def take_back_creation(self, item_id: str) -> bool:
        """Undo the last edit if it created this item and nothing came after it: Esc on a card just
        made takes it away as if it had never been added (Redo brings it back)."""
        stack = self.undo_stack
        if stack.index() == 0 or stack.index() != stack.count():
            return False
        last = stack.command(stack.index() - 1)
        if not isinstance(last, ChangeCommand) or last.change.created_id != item_id:
            return False
        stack.undo()
        return True

    def replace(self, workshop: Workshop, path: Path | None) -> None:
        """Swap in another workshop (open, new, restore); the undo history starts again."""
        self.workshop = workshop
        self._derived.clear()
        self.path = path
        self.undo_stack.clear()
        self._room_unsaved = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)
        self.reset.emit()
        self.pathChanged.emit()
        self._settle_heap_later()

    def _settle_heap_later(self) -> None:
        """Once a big workshop is open, keep its models out of the garbage collector's full collections
        (workshop.gcpause.settle_long_lived). This runs before a big board's first slice, so the
        board's items are not settled (a settle at the build's end was tried and taken back: see the
        ninth session's note)."""
        if len(self.workshop.goals) >= SETTLE_HEAP_FROM:
            QTimer.singleShot(0, settle_long_lived)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.pathChanged.emit()
