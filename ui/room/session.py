"""One room per window: open it, hand each post to the document, show the phones what changed.

A post arrives on the server's thread. It crosses to the GUI thread as a queued Qt signal carrying
the action and a `concurrent.futures.Future`; the slot runs it through `Document.run` (the one
way to edit, onto the one undo stack) and resolves the Future with the verdict the phone gets.
After every change the participants' picture is rebuilt once (coalesced) and published to all open
streams. Closing the room, the workshop or the app stops the server: streams first, then uvicorn.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.document import Document
from workshop.changes import Change
from workshop.room.view import encode, participant_view, patch_for

if TYPE_CHECKING:
    from workshop.room.addresses import Candidate
    from workshop.room.requests import Action
    from workshop.room.server import Limits, RoomServer

log = logging.getLogger(__name__)

DRAIN_BUDGET = 0.006
"""Seconds of posts decided in one go on the GUI thread before it paints and runs its timers."""
FULL_EVERY = 500
"""Patches between two whole pictures (the server keeps 2,000 for phones that fall behind)."""

AddressChooser = Callable[[list["Candidate"]], "Candidate | None"]


class RoomSession(QObject):
    openChanged = Signal(bool)
    connectedChanged = Signal(int)
    message = Signal(str)
    """Why the room did not open, for the status bar."""
    _arrived = Signal(object, object)
    """(action, future), emitted on the server's thread, received on the GUI thread."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.server: RoomServer | None = None
        self.choose_address: AddressChooser = lambda found: found[0]
        """Asks the facilitator when several networks are possible (the window sets a dialog)."""
        self._publish_pending = False
        self._connected = 0
        self.revision = 0
        self._patches_since_full = 0
        self._inbox: deque[tuple[Any, concurrent.futures.Future]] = deque()
        self._draining = False
        self._arrived.connect(self._enqueue, Qt.ConnectionType.QueuedConnection)
        document.changed.connect(self._on_changed)
        document.reset.connect(self.close)  # another workshop: the phones' ids meant the old one
        self._poll = QTimer(self)
        self._poll.setInterval(1000)
        self._poll.timeout.connect(self._count_connected)

    # --- opening and closing ----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.server is not None

    @property
    def url(self) -> str:
        return self.server.url if self.server is not None else ""

    @property
    def connected(self) -> int:
        return self._connected

    def open(
        self,
        host: str | None = None,
        *,
        port: int | None = None,
        limits: Limits | None = None,
        allow_loopback_for_tests: bool = False,
    ) -> bool:
        """Start serving on `host` (or the address the facilitator picks); False with a message if not."""
        if self.server is not None:
            return True
        from workshop.room import addresses, server

        if host is None:
            found = addresses.candidates()
            if not found:
                self.message.emit(self.tr(addresses.NO_NETWORK))
                return False
            chosen = found[0] if len(found) == 1 else self.choose_address(found)
            if chosen is None:
                return False
            host = chosen.ip
        try:
            room = server.RoomServer(
                self._submit,
                host,
                server.PREFERRED_PORT if port is None else port,
                limits=limits,
                allow_loopback_for_tests=allow_loopback_for_tests,
            )
            room.publish(self._picture(), self.revision)
            room.start()
        except (OSError, RuntimeError, ValueError) as error:
            self.message.emit(self.tr("The room could not open: %s") % error)
            return False
        self.server = room
        self._poll.start()
        self.openChanged.emit(True)
        return True

    def close(self) -> None:
        """Stop serving (within about half a second, even with phones connected)."""
        room, self.server = self.server, None
        if room is None:
            return
        self._poll.stop()
        room.stop(timeout=0.5)
        self._connected = 0
        self.connectedChanged.emit(0)
        self.openChanged.emit(False)

    # --- posts ------------------------------------------------------------------------------------

    def _submit(self, action: Action) -> concurrent.futures.Future:
        """Server thread: hand the post over; the Future carries the verdict back."""
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._arrived.emit(action, future)
        return future

    def _enqueue(self, action: Any, future: concurrent.futures.Future) -> None:
        self._inbox.append((action, future))
        if not self._draining:
            self._draining = True
            QTimer.singleShot(0, self._drain)

    def _drain(self) -> None:
        """Decide the posts waiting, for at most DRAIN_BUDGET seconds at a time, then let the window
        breathe (paint, timers, the facilitator's keys) before the next batch: a burst of a hundred
        phones posting at once never freezes the board."""
        start = time.perf_counter()
        while self._inbox and time.perf_counter() - start < DRAIN_BUDGET:
            self._decide(*self._inbox.popleft())
        if self._inbox:
            QTimer.singleShot(0, self._drain)
        else:
            self._draining = False

    def _decide(self, action: Any, future: concurrent.futures.Future) -> None:
        from workshop.room.verdict import decide

        if not future.set_running_or_notify_cancel():
            return
        if self.server is None:
            future.set_result((503, {"ok": False, "error": "The room is closed."}))
            return
        try:
            verdict = decide(self._document.workshop, self._document.run, action)
        except Exception as error:  # a bug must not leave the phone waiting; it is logged with details
            log.exception("room post failed")
            verdict = (500, {"ok": False, "error": f"The room could not record this ({type(error).__name__})."})
        future.set_result(verdict)

    # --- what the phones see ----------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        """A post, a vote or a decision reaches the phones at once as a small patch; a change to the
        tree they see is sent whole, once per burst of changes."""
        if self.server is None:
            return
        patch = patch_for(self._document.workshop, change.touched())
        if patch is None:
            self._schedule_publish()
        elif patch["suggestions"] or patch["disclosures"] or patch["removed"]:
            self.revision += 1
            self.server.publish_patch(encode({"rev": self.revision, "patch": patch}), self.revision)
            self._patches_since_full += 1
            if self._patches_since_full >= FULL_EVERY:
                self._schedule_publish()  # a phone that joins later starts from a recent picture

    def _schedule_publish(self, *_: object) -> None:
        if self.server is None or self._publish_pending:
            return
        self._publish_pending = True
        QTimer.singleShot(0, self._publish)

    def _publish(self) -> None:
        self._publish_pending = False
        if self.server is not None:
            picture = self._picture()
            self.server.publish(picture, self.revision)

    def _picture(self) -> bytes:
        """The phones' whole picture, numbered first ({"rev":N,...}) so a phone or a benchmark can
        tell which update it holds without parsing the rest."""
        self._patches_since_full = 0
        self.revision += 1
        return encode({"rev": self.revision, **participant_view(self._document.workshop)})

    def _count_connected(self) -> None:
        count = self.server.connected if self.server is not None else 0
        if count != self._connected:
            self._connected = count
            self.connectedChanged.emit(count)

    def refresh_count(self) -> int:
        """Read the number of open phones now (tests, and the strip when it first shows)."""
        self._count_connected()
        return self._connected
