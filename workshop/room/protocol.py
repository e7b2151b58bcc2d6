"""uvicorn's h11 protocol with a deadline for a request's headers (slowloris).

uvicorn times out an idle keep-alive connection, but not a client that opens a connection and sends
its headers a byte at a time: any data received cancels its keep-alive timer. On a shared Wi-Fi,
a few hundred such connections would hold the room's sockets. Here every request must have sent its
whole head within `header_seconds` of the connection opening (or of the previous response ending),
or the connection is closed. This leans on uvicorn's `H11Protocol` internals (`cycle`, `transport`,
`on_response_complete`), so `server.py` falls back to plain h11 if they change.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


def with_header_deadline(header_seconds: float) -> type[H11Protocol]:
    class HeaderDeadlineProtocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _armed_cycle: Any = None

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def _arm(self) -> None:
            self._disarm()
            self._armed_cycle = self.cycle
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
            if self._deadline is not None and self.cycle is not self._armed_cycle:
                self._disarm()  # a request's head arrived whole

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderDeadlineProtocol
