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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ui.document import Document
from workshop.room.view import encode, participant_view

if TYPE_CHECKING:
    from workshop.room.addresses import Candidate
    from workshop.room.requests import Action
    from workshop.room.server import Limits, RoomServer

log = logging.getLogger(__name__)

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
        self._arrived.connect(self._decide, Qt.ConnectionType.QueuedConnection)
        document.changed.connect(self._schedule_publish)
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
            room.publish(encode(participant_view(self._document.workshop)))
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

    def _schedule_publish(self, *_: object) -> None:
        if self.server is None or self._publish_pending:
            return
        self._publish_pending = True
        QTimer.singleShot(0, self._publish)

    def _publish(self) -> None:
        self._publish_pending = False
        if self.server is not None:
            self.server.publish(encode(participant_view(self._document.workshop)))

    def _count_connected(self) -> None:
        count = self.server.connected if self.server is not None else 0
        if count != self._connected:
            self._connected = count
            self.connectedChanged.emit(count)

    def refresh_count(self) -> int:
        """Read the number of open phones now (tests, and the strip when it first shows)."""
        self._count_connected()
        return self._connected
