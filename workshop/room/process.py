"""The app's handle on the room's server process: start it, talk to it, stop it for sure.

Qt-free and non-blocking after `start`: the owner (the GUI thread in the app, via a QSocketNotifier
on `fileno()`) calls `receive` when the pipe is readable and `flush` when it is writable with
something `pending`. Nothing here is touched from another thread.

Started with `subprocess` (`python -m workshop.room.child FD`) rather than multiprocessing: the
child imports only the room's server, never the app's `__main__` or Qt, and the socketpair's end is
handed over by file descriptor (`pass_fds`, POSIX).
"""

from __future__ import annotations

import dataclasses
import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.room import addresses
from workshop.room import channel as ch
from workshop.room.channel import Channel, ChannelClosedError
from workshop.room.requests import Action

if TYPE_CHECKING:
    from workshop.room.server import Limits

START_SECONDS = 15.0
"""How long the server process may take to listen (Python and uvicorn start in ~0.3 s; a busy
laptop is slower). Past it the room does not open and the facilitator is told."""
PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""Where `workshop` and `resources` are, so the child finds them however the app was started."""


class RoomError(RuntimeError):
    """The room's server could not open; the message is for the facilitator."""


@dataclass(frozen=True)
class Post:
    """A phone's post as it arrived from the server process, waiting for the app's verdict."""

    id: int
    action: Action


@dataclass(frozen=True)
class Connected:
    """The number of phones holding a live stream."""

    count: int


@dataclass(frozen=True)
class Stopped:
    """The server process stopped without being asked (`reason` for the facilitator)."""

    reason: str


Message = Post | Connected | Stopped


class RoomProcess:
    """One opening of the room, served by a process of its own."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        limits: Limits | None = None,
        allow_loopback_for_tests: bool = False,
    ) -> None:
        vetted = addresses.usable(host)
        if not (vetted or (allow_loopback_for_tests and host == "127.0.0.1")):
            raise ValueError(f"{host} is not an address phones can reach")
        self._config: dict[str, Any] = {
            "host": host,
            "port": port,
            "limits": dataclasses.asdict(limits) if limits is not None else {},
            # the address was checked here; the process checks again, but cannot see a test's stand-in
            "allow_loopback_for_tests": allow_loopback_for_tests or (vetted and host == "127.0.0.1"),
        }
        self.host = host
        self.port = 0
        self.token = ""
        self._process: subprocess.Popen | None = None
        self.pipe: Channel | None = None
        self._early: list[tuple[int, bytes]] = []
        """Frames read along with READY, before anyone asked `receive`."""

    @property
    def authority(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.authority}"

    @property
    def url(self) -> str:
        return f"{self.origin}/{self.token}/"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def fileno(self) -> int:
        assert self.pipe is not None
        return self.pipe.fileno()

    # --- starting ---------------------------------------------------------------------------------

    def start(self, picture: bytes, rev: int, timeout: float = START_SECONDS) -> None:
        """Start the server process with the phones' first picture; return once it listens, or
        raise RoomError saying why not (the process is gone either way). Blocks: the window uses
        `launch` and `ready` instead, scripts and tests of the process this."""
        self.launch(picture, rev)
        try:
            self._await_ready(time.monotonic() + timeout)
        except RoomError:
            self.stop()
            raise

    def launch(self, picture: bytes, rev: int) -> None:
        """Start the server process with the phones' first picture and return at once: it takes
        0.2-0.7 s to listen, which the window must not spend frozen. `ready` says when it listens.
        Raises RoomError when the process cannot even start."""
        mine, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "workshop.room.child", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=str(PROJECT_ROOT),
            )
        except OSError as error:
            mine.close()
            raise RoomError(f"the room's server could not start ({error.strerror or error})") from error
        finally:
            theirs.close()  # the child holds its own copy: when it exits, this end reads end of file
        self.pipe = Channel(mine)
        self.pipe.send(ch.json_frame(ch.CONFIG, self._config))
        self.pipe.send(ch.rev_frame(ch.PUBLISH, rev, picture))

    def ready(self) -> bool:
        """Whether the launched server listens yet (never blocks): sends what waits for the pipe,
        reads what the process said. Raises RoomError (for the facilitator) if it failed or stopped
        while starting; the caller then `stop`s it."""
        assert self.pipe is not None
        if self.port:
            return True
        try:
            if self.pipe.pending:
                self.pipe.flush()
            frames = self.pipe.receive()
        except ChannelClosedError:
            raise RoomError("the room's server stopped as it started") from None
        for index, (kind, body) in enumerate(frames):
            if kind == ch.FAILED:
                raise RoomError(json.loads(body)["message"])
            if kind == ch.READY:
                ready = json.loads(body)
                self.host, self.port, self.token = ready["host"], int(ready["port"]), ready["token"]
                self._early = frames[index + 1 :]  # said in the same read: `receive` hands them on
                return True
        if self.pipe.closed:
            raise RoomError("the room's server stopped as it started")
        return False

    def _await_ready(self, deadline: float) -> None:
        assert self.pipe is not None
        while not self.ready():
            left = deadline - time.monotonic()
            if left <= 0:
                raise RoomError("the room's server did not start in time")
            writing = [self.pipe.sock] if self.pipe.pending else []
            select.select([self.pipe.sock], writing, [], min(left, 0.5))

    # --- talking ----------------------------------------------------------------------------------

    def publish(self, payload: bytes, rev: int) -> None:
        """Show every phone this whole picture (compact JSON), numbered `rev`."""
        self._send(ch.rev_frame(ch.PUBLISH, rev, payload))

    def publish_patch(self, payload: bytes, rev: int) -> None:
        """Send every phone a small update numbered `rev` (one more than the last)."""
        self._send(ch.rev_frame(ch.PATCH, rev, payload))

    def answer(self, post: int, verdict: tuple[int, dict[str, Any]]) -> None:
        """The phone that sent post number `post` gets this status and body."""
        status, body = verdict
        self._send(ch.verdict_frame(post, status, body))

    @contextmanager
    def held(self) -> Iterator[None]:
        """Everything said inside goes down the pipe in one write at the end (a slice of decided
        posts: its update, then its verdicts)."""
        if self.pipe is None:
            yield
            return
        try:
            with self.pipe.held():
                yield
        except ChannelClosedError:
            pass  # `receive` reports the stop

    def _send(self, data: bytes) -> None:
        if self.pipe is None or self.pipe.closed:
            return
        try:
            self.pipe.send(data)
        except ChannelClosedError:
            pass  # `receive` reports the stop

    @property
    def pending(self) -> bool:
        return self.pipe is not None and self.pipe.pending and not self.pipe.closed

    def flush(self) -> None:
        if self.pipe is not None and not self.pipe.closed:
            try:
                self.pipe.flush()
            except ChannelClosedError:
                pass

    def receive(self) -> list[Message]:
        """What the server process has said since the last call (never blocks)."""
        if self.pipe is None:
            return []
        frames, self._early = self._early, []
        closed = False
        try:
            frames += self.pipe.receive()
        except ChannelClosedError:
            closed = True  # the frames read with READY still count (a server that died just after)
        out: list[Message] = []
        for kind, body in frames:
            if kind == ch.POST:
                data = json.loads(body)
                action = Action(data["kind"], data["participant"], data["key"], data["fields"])
                out.append(Post(int(data["id"]), action))
            elif kind == ch.CONNECTED:
                out.append(Connected(int(json.loads(body))))
            elif kind == ch.FAILED:
                out.append(Stopped(json.loads(body)["message"]))
        if closed or self.pipe.closed:
            out.append(Stopped(self._why_stopped()))
        return out

    def _why_stopped(self) -> str:
        code = self._process.poll() if self._process is not None else None
        if code is not None and code < 0:
            return f"the room's server was stopped (signal {-code})"
        return "the room's server stopped"

    # --- stopping ---------------------------------------------------------------------------------

    def let_go(self) -> None:
        """Close the pipe and return at once: the process ends its streams and exits (~16 ms). The
        caller reaps it later (`running` is False once it has exited, then `stop`), so a window need
        not wait for it."""
        if self.pipe is not None:
            self.pipe.close()

    def stop(self, timeout: float = 0.5) -> None:
        """Close the pipe (the process ends its streams and exits), and make sure it is gone and
        reaped within about `timeout` seconds: killed if it has not exited by then."""
        self.let_go()
        process = self._process
        if process is None:
            return
        try:
            process.wait(timeout * 0.8)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
