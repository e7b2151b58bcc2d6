"""The room's server process: `python -m workshop.room.child FD`, started by the app when the room opens.

Why a process: with a hundred phones posting at once, the HTTP work and the board's work shared one
interpreter lock and each waited for the other (POST p95 224 ms, the board's timers late by 24 ms).
Here the server has an interpreter of its own, and the app stays the only one that edits the
workshop. FD is one end of a socketpair (`workshop.room.channel`): the app sends the configuration
first, then the phones' picture and each post's verdict; this process sends back that it listens
(or why it could not), each post, and how many phones are connected.

It holds what only the server needs: the published picture, the token, rate limits and
idempotency keys. It exits when its pipe closes, whether the app closed the room or died (even
killed with SIGKILL): nothing outlives the app. Ctrl+C in a terminal is the app's to handle.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from typing import Any

from workshop.room import channel as ch
from workshop.room.channel import Channel, ChannelClosedError

EXIT_GRACE = 0.25
"""Seconds the streams get to end cleanly once the pipe closed; then the process exits regardless
(without waiting for uvicorn's own shutdown, which polls every 0.1 s and grants more grace), so
that the app's 0.5 s to close the room holds with phones connected."""
PROFILE_VARIABLE = "VIA_ROOM_PROFILE"
"""Set to a path, the server process writes its cProfile statistics to PATH.PID as it exits
(benchmarks/README.md: where a busy room's time goes)."""
CONNECTED_DELAY = 0.05
"""The phones' count is told at most this often: a room joining at once is one message, not 100."""


class Child:
    def __init__(self, pipe: Channel) -> None:
        self.pipe = pipe
        self.server: Any = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.config: asyncio.Future[dict[str, Any]] | None = None
        self.done: asyncio.Event | None = None
        self.waiting: dict[int, asyncio.Future] = {}
        self.next_id = 0
        self.count_scheduled = False
        self.flush_scheduled = False
        self.early: list[tuple[int, bytes]] = []
        """Pictures that arrived with the configuration, before the server existed."""

    async def run(self) -> None:
        loop = self.loop = asyncio.get_running_loop()
        self.config = loop.create_future()
        self.done = asyncio.Event()
        loop.add_reader(self.pipe.fileno(), self._readable)
        try:
            config = await self.config
        except ChannelClosedError:
            return
        try:
            self.server = self._open(config)
        except Exception as error:  # port taken, address gone, a bad limit: the app says why
            self._send(ch.json_frame(ch.FAILED, {"message": _plain(error, config)}))
            await self._drain_pipe()
            return
        for kind, body in self.early:
            self._handle(kind, body)
        self.early.clear()
        self.server.on_streams = self._streams_changed
        self.server.on_listening = lambda: self._send(
            ch.json_frame(ch.READY, {"host": self.server.host, "port": self.server.port, "token": self.server.token})
        )
        serving = asyncio.create_task(self.server.serve())
        closing = asyncio.create_task(self.done.wait())
        await asyncio.wait({serving, closing}, return_when=asyncio.FIRST_COMPLETED)
        if serving.done() and not closing.done():  # uvicorn gave up on its own
            error = serving.exception()
            said = _plain(error, config) if error else "The room's server stopped."
            self._send(ch.json_frame(ch.FAILED, {"message": said}))
            await self._drain_pipe()
            return
        self.server.shutdown()
        await self._streams_ended(loop.time() + EXIT_GRACE)

    async def _streams_ended(self, deadline: float) -> None:
        """Until every stream has written its end (or the deadline): then exiting closes the sockets."""
        assert self.loop is not None
        while self.server.connected and self.loop.time() < deadline:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.01)  # the streams' last chunks go out on the loop's next turns

    def _open(self, config: dict[str, Any]) -> Any:
        from workshop.room.limits import Rate
        from workshop.room.server import Limits, RoomServer

        raw = dict(config.get("limits") or {})
        for name in ("per_participant", "per_address"):
            if name in raw:
                raw[name] = Rate(**raw[name])
        return RoomServer(
            self._submit,
            config["host"],
            config["port"],
            limits=Limits(**raw),
            allow_loopback_for_tests=bool(config.get("allow_loopback_for_tests")),
        )

    # --- the pipe ---------------------------------------------------------------------------------

    def _readable(self) -> None:
        try:
            frames = self.pipe.receive()
        except ChannelClosedError:
            self._closed()
            return
        for kind, body in frames:
            self._handle(kind, body)
        if self.pipe.closed:
            self._closed()

    def _handle(self, kind: int, body: bytes) -> None:
        if kind == ch.PUBLISH or kind == ch.PATCH:
            if self.server is None:
                self.early.append((kind, body))
            else:
                rev, payload = ch.split_rev(body)
                if kind == ch.PUBLISH:
                    self.server.publish(payload, rev)
                else:
                    self.server.publish_patch(payload, rev)
        elif kind == ch.VERDICT:
            post, status, answer = ch.split_verdict(body)
            future = self.waiting.pop(post, None)
            if future is not None and not future.done():  # a post that timed out waits no more
                future.set_result((status, answer))
        elif kind == ch.CONFIG and self.config is not None and not self.config.done():
            self.config.set_result(json.loads(body))

    def _closed(self) -> None:
        """The app closed the room or is gone: answer whatever waits, then stop."""
        assert self.loop is not None and self.done is not None
        self.loop.remove_reader(self.pipe.fileno())
        self.loop.remove_writer(self.pipe.fileno())
        if self.config is not None and not self.config.done():
            self.config.set_exception(ChannelClosedError())
        for future in self.waiting.values():
            if not future.done():
                future.set_result((503, {"ok": False, "error": "The room is closed."}))
        self.waiting.clear()
        self.done.set()

    def _send(self, data: bytes) -> None:
        """Queue a frame; what this turn of the loop sends goes in one write at its end (a hundred
        posts parsed in one turn wake the app once, not a hundred times)."""
        if self.pipe.closed:
            return
        self.pipe.queue(data)
        if self.loop is None:
            self._flush()
        elif not self.flush_scheduled:
            self.flush_scheduled = True
            self.loop.call_soon(self._flush)

    def _flush(self) -> None:
        self.flush_scheduled = False
        if self.pipe.closed:
            return
        try:
            self.pipe.flush()
        except ChannelClosedError:
            self._closed()
            return
        if self.pipe.pending and self.loop is not None:
            self.loop.add_writer(self.pipe.fileno(), self._writable)

    def _writable(self) -> None:
        try:
            self.pipe.flush()
        except ChannelClosedError:
            self._closed()
            return
        if not self.pipe.pending and self.loop is not None:
            self.loop.remove_writer(self.pipe.fileno())

    async def _drain_pipe(self) -> None:
        """Let a last message reach the app before exiting (bounded)."""
        for _ in range(100):
            if not self.pipe.pending or self.pipe.closed:
                return
            await asyncio.sleep(0.01)

    # --- the server's side ------------------------------------------------------------------------

    def _submit(self, action: Any) -> asyncio.Future:
        assert self.loop is not None
        future = self.loop.create_future()
        if self.pipe.closed:
            future.set_result((503, {"ok": False, "error": "The room is closed."}))
            return future
        self.next_id += 1
        self.waiting[self.next_id] = future
        future.add_done_callback(lambda _, post=self.next_id: self.waiting.pop(post, None))
        self._send(
            ch.json_frame(
                ch.POST,
                {
                    "id": self.next_id,
                    "kind": action.kind,
                    "participant": action.participant,
                    "key": action.key,
                    "fields": action.fields,
                },
            )
        )
        return future

    def _streams_changed(self, _count: int) -> None:
        if not self.count_scheduled and self.loop is not None:
            self.count_scheduled = True
            self.loop.call_later(CONNECTED_DELAY, self._tell_count)

    def _tell_count(self) -> None:
        self.count_scheduled = False
        if self.server is not None:
            self._send(ch.json_frame(ch.CONNECTED, self.server.connected))


def _plain(error: BaseException, config: dict[str, Any]) -> str:
    """The facilitator's sentence for why the server could not open (no traceback, no errno)."""
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror} ({config.get('host')}:{config.get('port')})"
    return str(error) or type(error).__name__


def _profiler() -> Any:
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].isdigit():
        print("usage: python -m workshop.room.child FD  (started by Via when the room opens)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the app, which closes the pipe
    pipe = Channel(socket.socket(fileno=int(argv[1])))
    loop = asyncio.new_event_loop()
    profile_to = os.environ.get(PROFILE_VARIABLE)
    profiler = _profiler() if profile_to else None
    loop.run_until_complete(Child(pipe).run())  # no waiting for leftover tasks: see EXIT_GRACE
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(f"{profile_to}.{os.getpid()}")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # no interpreter teardown: the room closes within the app's half second


if __name__ == "__main__":
    sys.exit(main(sys.argv))
