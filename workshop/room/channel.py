"""The room's pipe between the app and its server process: framed messages over a socketpair.

The server runs in its own process so that a hundred phones' HTTP never competes with the board for
one interpreter's lock. The two sides talk over one `socket.socketpair()` in plain data only: a
frame is a 4-byte length, a 1-byte kind and a body (JSON, or raw bytes for the phones' picture,
which is JSON already and goes through untouched). Nothing is pickled: the server process reads
strangers' posts, and what it says back to the app should never be able to run code there.

Both ends are non-blocking and buffer what the other side has not taken yet, so neither ever waits
on the other: the app's GUI thread watches its end with a QSocketNotifier, the server process with
its event loop's reader. A closed end reads as end of file: the server process exits when the app is
gone (even killed), and the app learns the server stopped when it did.
"""

from __future__ import annotations

import json
import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

HEADER = struct.Struct("!IB")
"""Length of kind + body (4 bytes, network order), then the kind (1 byte)."""
MAX_FRAME = 64 * 1024 * 1024
"""A frame longer than this is a broken pipe, not a message: the whole picture of a big workshop
is a few MB at most."""

# app -> server
CONFIG = ord("c")  # JSON: host, port, limits, loopback switch (the first frame, once)
PUBLISH = ord("p")  # 8-byte revision + the phones' whole picture (JSON bytes)
PATCH = ord("u")  # 8-byte revision + a small update (JSON bytes)
VERDICT = ord("v")  # 8-byte post id + 2-byte HTTP status + the answer's body (JSON bytes, sent as is)
# server -> app
READY = ord("r")  # JSON: {"host", "port", "token"}
FAILED = ord("e")  # JSON: {"message"}: the server could not open (port taken, address gone)
POST = ord("a")  # JSON: {"id", "kind", "participant", "key", "fields"}
CONNECTED = ord("n")  # JSON: number of open streams

REV = struct.Struct("!q")
VERDICT_HEAD = struct.Struct("!qH")


class ChannelClosedError(ConnectionError):
    """The other end is gone (it closed, exited or was killed)."""


def frame(kind: int, body: bytes) -> bytes:
    return HEADER.pack(len(body) + 1, kind) + body


def json_frame(kind: int, data: Any) -> bytes:
    return frame(kind, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def rev_frame(kind: int, rev: int, payload: bytes) -> bytes:
    return frame(kind, REV.pack(rev) + payload)


def verdict_frame(post: int, status: int, body: Any) -> bytes:
    """A post's answer with its body encoded here, once: the server process sends these bytes to
    the phone as they are, neither parsing nor encoding them again (a burst's 1,500 posts)."""
    return frame(VERDICT, VERDICT_HEAD.pack(post, status) + encode_json(body))


def split_verdict(body: bytes) -> tuple[int, int, bytes]:
    post, status = VERDICT_HEAD.unpack_from(body)
    return post, status, body[VERDICT_HEAD.size :]


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON, as Starlette's JSONResponse writes it."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def split_rev(body: bytes) -> tuple[int, bytes]:
    return REV.unpack_from(body)[0], body[REV.size :]


class Channel:
    """One end of the pipe: `send` queues a frame and writes what the socket takes now; `receive`
    reads what has arrived and returns the whole frames. Neither blocks."""

    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self.sock = sock
        self._in = bytearray()
        self._out = bytearray()
        self.closed = False
        self._held = 0

    def fileno(self) -> int:
        return self.sock.fileno()

    @property
    def pending(self) -> bool:
        """Bytes queued that the socket did not take yet: wait until it is writable, then `flush`."""
        return bool(self._out)

    def send(self, data: bytes) -> None:
        self._out += data
        if not self._held:
            self.flush()

    def queue(self, data: bytes) -> None:
        """Add a frame to what goes at the next `flush` (the caller says when)."""
        self._out += data

    @contextmanager
    def held(self) -> Iterator[None]:
        """Queue what is sent inside, then write it in one go: a burst of a hundred verdicts is one
        system call and one wake-up of the other side, not a hundred."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                self.flush()

    def flush(self) -> None:
        while self._out and not self.closed:
            try:
                sent = self.sock.send(self._out)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                self.closed = True
                raise ChannelClosedError(str(error)) from error
            del self._out[:sent]

    def receive(self, limit: int = 1 << 20) -> list[tuple[int, bytes]]:
        """The whole frames that have arrived (up to about `limit` bytes read at once, so a flood
        cannot hold the caller); raises ChannelClosedError at end of file once they are all taken."""
        eof = False
        read = 0
        while read < limit:
            try:
                chunk = self.sock.recv(256 * 1024)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                eof = True
                break
            if not chunk:
                eof = True
                break
            self._in += chunk
            read += len(chunk)
        frames = []
        buffer = self._in
        at = 0
        while len(buffer) - at >= HEADER.size:
            length, kind = HEADER.unpack_from(buffer, at)
            if length < 1 or length > MAX_FRAME:
                eof = True  # garbage: the other side is not who we think
                break
            end = at + 4 + length
            if end > len(buffer):
                break
            frames.append((kind, bytes(buffer[at + HEADER.size : end])))
            at = end
        del buffer[:at]
        if eof:
            self.closed = True
            if not frames:
                raise ChannelClosedError("the other end closed")
        return frames

    def close(self) -> None:
        self.closed = True
        try:
            self.sock.close()
        except OSError:
            pass
