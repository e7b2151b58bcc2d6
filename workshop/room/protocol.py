"""uvicorn's HTTP protocol with a deadline and a size cap for a request's head (slowloris).

uvicorn times out an idle keep-alive connection, but not a client that opens a connection and sends
its headers a byte at a time: any data received cancels its keep-alive timer. On a shared Wi-Fi,
a few hundred such connections would hold the room's sockets. Here every request must have sent its
whole head within `header_seconds` of the connection opening (or of the previous response ending),
or the connection is closed. A head longer than `MAX_HEAD` bytes is closed too: h11 caps it by
itself, but httptools (the C parser the room uses, for speed) keeps every header it is sent.

This leans on the internals uvicorn's `HttpToolsProtocol` and `H11Protocol` share (`cycle`,
`transport`, `loop`, `on_response_complete`), so `server.py` falls back to plain h11 if they change.
"""

from __future__ import annotations

import asyncio
from typing import Any

MAX_HEAD = 16 * 1024
"""Bytes a request's head may take (h11's own default cap); a phone's head is well under 1 KB."""


def with_header_deadline(header_seconds: float, base: type[asyncio.Protocol] | None = None) -> type[Any]:
    """`base` (uvicorn's httptools protocol when httptools is installed, else h11's) with a
    deadline and a size cap on each request's head."""
    if base is None:
        base = _fastest_protocol()

    class HeaderDeadlineProtocol(base):  # type: ignore[valid-type, misc]
        _deadline: asyncio.TimerHandle | None = None
        _armed_cycle: Any = None
        _head_bytes: int = 0

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._armed_cycle = self.cycle
            self._head_bytes = 0
            self._deadline = self.loop.call_later(header_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if self.cycle is self._armed_cycle and not self.transport.is_closing():
                self.transport.close()  # the head never came whole: nothing to answer

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._deadline is None:
                return
            if self.cycle is not self._armed_cycle:
                self._disarm()  # a request's head arrived whole
                return
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD and not self.transport.is_closing():
                self._disarm()
                self.transport.close()  # a head this long is an attack, not a phone

        def on_response_complete(self) -> None:
            super().on_response_complete()
            cycle = self.cycle
            if cycle is not None and not cycle.response_complete:
                self._disarm()  # a pipelined request's head came whole already: its answer may stream
            elif not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderDeadlineProtocol


def _fastest_protocol() -> type[asyncio.Protocol]:
    """httptools' protocol when it is installed: under a burst of posts it took the server's CPU per
    request down by about a fifth against h11 (pure Python), which held the room's POST p95."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        return HttpToolsProtocol
    except ImportError:
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol
