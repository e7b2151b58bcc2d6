"""One room per window: open it, hand each post to the document, show the phones what changed.

The server runs in a process of its own (`workshop.room.process`), started when the room opens;
the window goes on while it starts (0.2-0.7 s) and the room counts as open once it listens.
Everything here happens on the GUI thread, and no other thread touches a Qt object: a
QSocketNotifier says when the server's pipe has posts waiting; each runs through
`Document.run_for_room` (the one way to edit; saved, but not on the facilitator's undo stack) in
slices that leave the board time to paint, and its verdict goes back down the pipe to the phone that
asked. After each slice the phones get one small patch, or the whole picture when the tree changed.
Closing the room, the workshop or the app stops the process within half a second, phones connected
or not; if the app dies, the process sees its pipe close and exits by itself.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QSocketNotifier, QTimer, Signal

from ui.document import Document
from workshop.changes import Change
from workshop.gcpause import settle_long_lived
from workshop.room.view import encode, participant_view, patch_for

if TYPE_CHECKING:
    from workshop.room.addresses import Candidate
    from workshop.room.process import Post, RoomProcess
    from workshop.room.server import Limits

log = logging.getLogger(__name__)

DRAIN_BUDGET = 0.006
"""Seconds of posts decided in one go on the GUI thread before it paints and runs its timers."""
FULL_EVERY = 500
"""Patches between two whole pictures (the server keeps 2,000 for phones that fall behind)."""

AddressChooser = Callable[[list["Candidate"]], "Candidate | None"]


LEAVE_SECONDS = 0.5
"""How long a server closed without waiting may take to end its phones' streams before it is killed."""
REAP_POLL_MS = 20
"""How often a server closed without waiting is looked at until it has exited."""


class RoomSession(QObject):
    openChanged = Signal(bool)
    connectedChanged = Signal(int)
    message = Signal(str)
    """Why the room did not open (or stopped), for the status bar."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.server: RoomProcess | None = None
        """The room's server once it listens (the room is open)."""
        self._starting: RoomProcess | None = None
        """The server launched and not listening yet (the room is opening)."""
        self._changed_while_starting = False
        self._start_deadline = QTimer(self)
        self._start_deadline.setSingleShot(True)
        self._start_deadline.timeout.connect(self._too_slow)
        self._leaving: RoomProcess | None = None
        """A server closed without waiting for it (`close(wait=False)`), not reaped yet."""
        self._leaving_deadline = 0.0
        self._reaper = QTimer(self)
        self._reaper.setInterval(REAP_POLL_MS)
        self._reaper.timeout.connect(self._reap)
        self.choose_address: AddressChooser = lambda found: found[0]
        """Asks the facilitator when several networks are possible (the window sets a dialog)."""
        self._connected = 0
        self.revision = 0
        self._patches_since_full = 0
        self._inbox: deque[Post] = deque()
        self._draining = False
        self._in_slice = False
        self._touched: dict[str, set[str]] = {}
        """What changed since the phones' last update (collection -> ids), sent as one update."""
        self._update_scheduled = False
        self._reader: QSocketNotifier | None = None
        self._writer: QSocketNotifier | None = None
        document.changed.connect(self._on_changed)
        document.reset.connect(self.close)  # another workshop: the phones' ids meant the old one

    # --- opening and closing ----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.server is not None

    @property
    def opening(self) -> bool:
        """Launched, not listening yet: `openChanged(True)` follows, or a message and `openChanged(False)`."""
        return self._starting is not None

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
        """Start serving on `host` (or the address the facilitator picks), without waiting for the server
        to listen: True while it opens (`opening`, then `openChanged`), False with a message if not."""
        if self.server is not None or self._starting is not None:
            return True
        self._reap_now()  # the last server let go must have freed the port first
        from workshop.room import addresses
        from workshop.room.process import START_SECONDS, RoomError, RoomProcess

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
            room = RoomProcess(
                host,
                addresses.PREFERRED_PORT if port is None else port,
                limits=limits,
                allow_loopback_for_tests=allow_loopback_for_tests,
            )
            room.launch(self._picture(), self.revision)
        except (RoomError, ValueError) as error:
            self.message.emit(self.tr("The room could not open: %s") % error)
            return False
        self._starting = room
        self._changed_while_starting = False
        self._watch(room)
        self._start_deadline.start(int(START_SECONDS * 1000))
        return True

    def wait_open(self) -> bool:
        """For scripts and benchmarks that run no event loop of their own: run one until the room is
        open or has given up opening (START_SECONDS at most); whether it is open."""
        if self._starting is not None:
            loop = QEventLoop()
            self.openChanged.connect(loop.quit)
            try:
                loop.exec()
            finally:
                self.openChanged.disconnect(loop.quit)
        return self.is_open

    def _watch(self, room: RoomProcess) -> None:
        self._reader = QSocketNotifier(room.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._readable)
        self._writer = QSocketNotifier(room.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.activated.connect(self._writable)
        self._after_send()

    def _started(self) -> None:
        """The launched server said whether it listens (the pipe woke up): open the room, or give up."""
        from workshop.room.process import RoomError

        room = self._starting
        assert room is not None
        try:
            listening = room.ready()
        except RoomError as error:
            self._give_up(self.tr("The room could not open: %s") % error)
            return
        if not listening:
            self._after_send()
            return
        self._start_deadline.stop()
        self._starting, self.server = None, room
        if self._changed_while_starting:  # the picture it started with is out of date
            self._publish()
        QTimer.singleShot(0, settle_long_lived)
        self.openChanged.emit(True)
        self._readable()  # anything said along with "listening"

    def _too_slow(self) -> None:
        if self._starting is not None:
            self._give_up(self.tr("The room could not open: %s") % self.tr("the room's server did not start in time"))

    def _give_up(self, why: str) -> None:
        self._stop_watching()
        room, self._starting = self._starting, None
        self._start_deadline.stop()
        if room is not None:
            room.stop(timeout=0.0)  # nobody is connected yet: nothing to end gently
        self.message.emit(why)
        self.openChanged.emit(False)

    def _stop_watching(self) -> None:
        for notifier in (self._reader, self._writer):
            if notifier is not None:
                notifier.setEnabled(False)  # before the pipe closes: a notifier on a closed fd misfires
                notifier.deleteLater()
        self._reader = self._writer = None

    def close(self, *, wait: bool = True) -> None:
        """Stop serving (within about half a second, even with phones connected), or stop opening.

        `wait=False` (the facilitator's Close room): the window goes on while the server ends its
        phones' streams and exits; it is reaped from a timer, and killed if it is still there after
        half a second. Waiting for it froze the window ~16 ms. Quitting, a new workshop and the
        next opening still wait (`_reap_now`)."""
        self._reap_now()
        if self._starting is not None:
            self._stop_watching()
            starting, self._starting = self._starting, None
            self._start_deadline.stop()
            starting.stop(timeout=0.0)
            self.openChanged.emit(False)
            return
        room, self.server = self.server, None
        if room is None:
            return
        self._stop_watching()
        self._inbox.clear()  # their phones get 503 from the process as it closes
        self._touched.clear()
        if wait:
            room.stop(timeout=0.5)
        else:
            room.let_go()
            self._leaving = room
            self._leaving_deadline = time.monotonic() + LEAVE_SECONDS
            self._reaper.start()
        self._connected = 0
        self.connectedChanged.emit(0)
        self.openChanged.emit(False)

    def _reap(self) -> None:
        """A server let go by `close(wait=False)`: reaped once it has exited, killed past its time."""
        room = self._leaving
        if room is None:
            self._reaper.stop()
        elif not room.running or time.monotonic() >= self._leaving_deadline:
            self._reap_now()

    def _reap_now(self) -> None:
        room, self._leaving = self._leaving, None
        self._reaper.stop()
        if room is not None:
            room.stop(timeout=max(0.0, self._leaving_deadline - time.monotonic()))

    # --- the pipe ---------------------------------------------------------------------------------

    def _readable(self) -> None:
        from workshop.room.process import Connected, Post, Stopped

        if self._starting is not None:
            self._started()
            return
        room = self.server
        if room is None:
            return
        stopped = None
        for said in room.receive():
            if isinstance(said, Post):
                self._inbox.append(said)
            elif isinstance(said, Connected):
                if said.count != self._connected:
                    self._connected = said.count
                    self.connectedChanged.emit(said.count)
            elif isinstance(said, Stopped):
                stopped = said
        if self._inbox and not self._draining:
            self._draining = True
            QTimer.singleShot(0, self, self._drain)
        if stopped is not None:
            log.warning("room server stopped: %s", stopped.reason)
            self.close()
            self.message.emit(self.tr("The room closed: %s") % stopped.reason)

    def _writable(self) -> None:
        room = self.server or self._starting
        if room is not None:
            room.flush()
        self._after_send()

    def _after_send(self) -> None:
        """Watch for room in the pipe only while something waits to go (a big picture, a slow child)."""
        room = self.server or self._starting
        if self._writer is not None and room is not None:
            self._writer.setEnabled(room.pending)

    # --- posts ------------------------------------------------------------------------------------

    def _drain(self) -> None:
        """Decide the posts waiting, for at most DRAIN_BUDGET seconds at a time, then let the window
        breathe (paint, timers, the facilitator's keys) before the next batch: a burst of a hundred
        phones posting at once never freezes the board.

        A slice is one message to the server: the phones' update for all its posts, then their
        verdicts, in one write. Per post that saves the server a patch to frame and keep, and both
        processes a wake-up; at 1,500 posts in half a second those were what the cores ran out of.
        """
        room = self.server
        if room is None:
            self._draining = False
            return
        start = time.perf_counter()
        verdicts: list[tuple[int, tuple[int, dict]]] = []
        with room.held():
            self._in_slice = True
            try:
                while self._inbox and self.server is room and time.perf_counter() - start < DRAIN_BUDGET:
                    post = self._inbox.popleft()
                    verdicts.append((post.id, self._verdict(post)))
            finally:
                self._in_slice = False
            self._send_update()
            for post_id, verdict in verdicts:
                room.answer(post_id, verdict)
        self._after_send()
        if self._inbox and self.server is not None:
            QTimer.singleShot(0, self, self._drain)
        else:
            self._draining = False

    def _verdict(self, post: Post) -> tuple[int, dict]:
        from workshop.room.verdict import decide

        try:
            return decide(self._document.workshop, self._document.run_for_room, post.action)
        except Exception as error:  # a bug must not leave the phone waiting; it is logged with details
            log.exception("room post failed")
            return 500, {"ok": False, "error": f"The room could not record this ({type(error).__name__})."}

    # --- what the phones see ----------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        """Note what changed; the phones get it at the end of the slice of posts being decided, or
        of this turn of the event loop for the facilitator's own edits (an accept, an undo)."""
        if self._starting is not None:
            self._changed_while_starting = True
            return
        if self.server is None:
            return
        for collection, ids in change.touched().items():
            self._touched.setdefault(collection, set()).update(ids)
        if not self._in_slice and not self._update_scheduled:
            self._update_scheduled = True
            QTimer.singleShot(0, self, self._send_update)

    def _send_update(self) -> None:
        """Posts, votes and decisions reach the phones as one small patch with the touched items as
        they now are; a change to the tree they see (or every FULL_EVERY patches, so that a phone
        joining late starts from a recent picture) as the whole picture."""
        self._update_scheduled = False
        touched, self._touched = self._touched, {}
        if self.server is None or not touched:
            return
        patch = patch_for(self._document.workshop, touched)
        if patch is None or self._patches_since_full >= FULL_EVERY:
            self._publish()
        elif patch["suggestions"] or patch["disclosures"] or patch["removed"]:
            self.revision += 1
            self.server.publish_patch(encode({"rev": self.revision, "patch": patch}), self.revision)
            self._after_send()
            self._patches_since_full += 1

    def _publish(self) -> None:
        if self.server is not None:
            picture = self._picture()
            self.server.publish(picture, self.revision)
            self._after_send()

    def _picture(self) -> bytes:
        """The phones' whole picture, numbered first ({"rev":N,...}) so a phone or a benchmark can
        tell which update it holds without parsing the rest."""
        self._patches_since_full = 0
        self.revision += 1
        return encode({"rev": self.revision, **participant_view(self._document.workshop)})

    def refresh_count(self) -> int:
        """The number of open phones as the server last said (it tells each change at once)."""
        return self._connected
