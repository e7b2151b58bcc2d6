"""The room's web server: a Starlette app served by uvicorn, on an event loop of its own.

In the app it runs in the room's own process (`workshop.room.child`, started when the facilitator
opens the room), on that process's main thread; tests also run it in a background thread
(`start`). Request handlers never touch the workshop: a post is handed to `submit`, which returns a
future (asyncio's or `concurrent.futures`') resolved where the workshop lives with an HTTP status
and a body. The phones' live picture is whatever bytes the owner last `publish`ed; it
reaches every open stream (Server-Sent Events, a ping every 15 s) as one shared buffer.

Every route is `/<token>/...` with a fresh random token per opening, compared in constant time
(anything else: 404). The Host header must name the address served (421); a POST must come from
the page itself (Origin), be JSON (415), say its length (411) and keep it small (413); floods get
429; each address holds a few streams at most. Responses carry a strict CSP without inline
script, nosniff, no referrer, no caching and no framing; no cookies, no server header.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hmac
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from workshop.room.addresses import PREFERRED_PORT, usable
from workshop.room.limits import PER_ADDRESS, PER_PARTICIPANT, IdempotencyCache, Rate, RateLimiter
from workshop.room.requests import MAX_BODY, Action, PostError, parse_post

BUSY = "The room is busy: your post may still arrive. Look under Yours before you send it again."
"""What a phone hears when the laptop did not decide its post in time (it retries with the same key)."""

Verdict = tuple[int, dict[str, Any] | bytes]
"""An HTTP status and the body: a dict, or its JSON bytes (from the app's process, sent as is)."""
Submit = Callable[[Action], "concurrent.futures.Future[Verdict] | asyncio.Future[Verdict]"]

TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Lower case without 0/o, 1/l/i: easy to read off a projector and type on a phone."""
TOKEN_LENGTH = 12
"""~59 bits: far beyond guessing through a rate-limited Wi-Fi in a workshop's few hours."""
PING_SECONDS = 15.0
FANOUT_TICK = 0.025
"""Updates reach the phones in ticks of this many seconds: a busy room's posts share a write."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

PAGES = {
    "": ("index.html", "text/html; charset=utf-8"),
    "room.js": ("room.js", "text/javascript; charset=utf-8"),
    "room.css": ("room.css", "text/css; charset=utf-8"),
    "icon.svg": ("icon.svg", "image/svg+xml"),
}


@dataclass(frozen=True)
class Limits:
    per_participant: Rate = PER_PARTICIPANT
    per_address: Rate = PER_ADDRESS
    streams_per_address: int = 4
    verdict_seconds: float = 5.0
    """How long a post waits for the workshop's answer before the phone is told to try again."""
    body_seconds: float = 10.0
    """A client that takes longer to send a 16 KB body is cut off (408)."""
    header_seconds: float = 10.0
    """A connection whose request head takes longer is closed (slowloris)."""


PATCHES_KEPT = 2000
"""Patches kept for phones that fall behind; one further behind gets the whole picture again."""


@dataclass
class _Streams:
    """The open event streams and what they show; touched only on the server's event loop.

    `full` is the whole picture as of revision `full_rev`; `patches` the small updates since (and
    a while before), each with its revision, framed as an event once. A stream that has seen
    revision r gets the patches after r when they are all still kept, otherwise the whole picture
    and the patches after it. Woken together, a hundred streams mostly ask for the same `since`:
    it is built once per revision they have seen (`_ready`), and only from the newest patches.
    """

    full: bytes = b"{}"
    full_rev: int = 0
    rev: int = 0
    patches: deque[tuple[int, bytes]] = field(default_factory=lambda: deque(maxlen=PATCHES_KEPT))
    wakers: set[asyncio.Event] = field(default_factory=set)
    per_address: dict[str, int] = field(default_factory=dict)
    closing: bool = False
    _ready: dict[int, bytes] = field(default_factory=dict)

    def add_patch(self, rev: int, body: bytes) -> None:
        self.patches.append((rev, b"data: " + body + b"\n\n"))
        self._ready.clear()

    def set_full(self, rev: int, body: bytes) -> None:
        self.full, self.full_rev = body, rev
        self._ready.clear()

    def since(self, seen: int) -> bytes:
        """The events that bring a phone from revision `seen` to the newest."""
        ready = self._ready.get(seen)
        if ready is None:
            ready = self._ready[seen] = self._build(seen)
        return ready

    def _build(self, seen: int) -> bytes:
        patches = self.patches
        if seen >= self.full_rev and (not patches or patches[0][0] <= seen + 1):
            return self._after(seen)
        return b"data: " + self.full + b"\n\n" + self._after(self.full_rev)

    def _after(self, seen: int) -> bytes:
        """The framed patches newer than `seen`, read from the newest end (a few, of up to 2,000)."""
        newer = []
        for rev, event in reversed(self.patches):
            if rev <= seen:
                break
            newer.append(event)
        return b"".join(reversed(newer))


def _load_pages() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("resources.room")
    return {route: (folder.joinpath(name).read_bytes(), kind) for route, (name, kind) in PAGES.items()}


class _SecurityHeaders:
    """Pure ASGI: checks Host (421) and adds the security headers to every response."""

    def __init__(self, app: Any, host: str) -> None:
        self.app = app
        self.host = host.encode("latin-1")

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in (b"server", b"set-cookie")]
                message = {**message, "headers": headers + SECURITY_HEADERS}
            await send(message)

        hosts = [v for k, v in scope.get("headers", []) if k == b"host"]
        if len(hosts) != 1 or not hmac.compare_digest(hosts[0], self.host):
            response = Response("Misdirected request\n", status_code=421, media_type="text/plain")
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


class RoomServer:
    """One opening of the room: a token, a socket on the chosen address, a thread serving it."""

    def __init__(
        self,
        submit: Submit,
        host: str,
        port: int = PREFERRED_PORT,
        *,
        limits: Limits | None = None,
        allow_loopback_for_tests: bool = False,
    ) -> None:
        if not (usable(host) or (allow_loopback_for_tests and host == "127.0.0.1")):
            raise ValueError(f"{host} is not an address phones can reach")
        self.submit = submit
        self.limits = limits or Limits()
        self.token = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
        self._token_bytes = self.token.encode()
        self._socket = _listening_socket(host, port)
        self.host, self.port = self._socket.getsockname()[:2]
        self.authority = f"{self.host}:{self.port}"
        self.origin = f"http://{self.authority}"
        self._streams = _Streams()
        self._wake_scheduled = False
        self._by_participant = RateLimiter(self.limits.per_participant)
        self._by_address = RateLimiter(self.limits.per_address)
        self._answers = IdempotencyCache()
        self._pages = _load_pages()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Event()
        self.on_streams: Callable[[int], None] | None = None
        """Told the number of open streams whenever it changes (on the server's event loop)."""
        self.on_listening: Callable[[], None] | None = None
        """Told once uvicorn has started serving (on the server's event loop)."""
        self._thread: threading.Thread | None = None
        app = Starlette(
            routes=[
                Route("/{token}/", self._page, methods=["GET"]),
                Route("/{token}/{name:str}", self._asset_or_api, methods=["GET", "POST"]),
            ]
        )
        app.router.redirect_slashes = False  # "/x" is not found, not a hint that "/x/" exists
        self._starlette = app
        self._post_path = f"/{self.token}/post".encode()
        self.app = _SecurityHeaders(self._dispatch, self.authority)
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_level="warning",
            access_log=False,
            server_header=False,
            date_header=False,
            proxy_headers=False,
            http=_http_protocol(self.limits.header_seconds),
            limit_concurrency=2000,
            timeout_keep_alive=20,
            timeout_graceful_shutdown=0.2,
        )
        self._server = _Server(config, self._listening)

    # --- the owner's side (any thread) ----------------------------------------------------------

    @property
    def url(self) -> str:
        return f"{self.origin}/{self.token}/"

    @property
    def connected(self) -> int:
        """Open live streams: one per phone with the page open."""
        return len(self._streams.wakers)

    def start(self, timeout: float = 5.0) -> None:
        self._thread = threading.Thread(target=self._serve, name="via-room", daemon=True)
        self._thread.start()
        if not self._started.wait(timeout):
            self.stop()
            raise RuntimeError("The room's server did not start.")

    def publish(self, payload: bytes, rev: int | None = None) -> None:
        """Show every phone this whole picture (compact JSON, no newlines); safe from any thread.
        `rev` numbers it (the next number when None)."""
        self._call(self._publish_now, payload, rev, False)

    def publish_patch(self, payload: bytes, rev: int) -> None:
        """Send every phone a small update (revision `rev`, one more than the last); any thread."""
        self._call(self._publish_now, payload, rev, True)

    def _call(self, function: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed() or _running_loop() is loop:
            function(*args)  # not serving yet (or any more), or already on the loop: no hop needed
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(function, *args)

    def stop(self, timeout: float = 0.5) -> None:
        """Close the open streams, then the server; returns within about `timeout` seconds."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._close_streams)
        self._server.should_exit = True
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout * 0.8)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout * 0.2)
        with contextlib.suppress(OSError):
            self._socket.close()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the server thread ------------------------------------------------------------------------

    async def serve(self) -> None:
        """Serve on the running event loop until `shutdown` (or `stop` from another thread)."""
        self._loop = asyncio.get_running_loop()
        await self._server.serve(sockets=[self._socket])

    def shutdown(self) -> None:
        """On the server's loop: end the open streams, then let uvicorn close (`serve` returns)."""
        self._close_streams()
        self._server.should_exit = True

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self.serve())
        finally:
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _publish_now(self, payload: bytes, rev: int | None, patch: bool) -> None:
        streams = self._streams
        rev = streams.rev + 1 if rev is None else rev
        streams.rev = max(streams.rev, rev)
        if patch:
            streams.add_patch(rev, payload)
        else:
            streams.set_full(rev, payload)
        loop = self._loop
        if loop is not None and loop.is_running() and not self._wake_scheduled:
            # One wake-up of every stream per tick, however many posts arrive in it: each stream
            # then writes everything since its last write at once (per-write cost x 100 phones is
            # what limits a busy room, not the size of a patch).
            self._wake_scheduled = True
            loop.call_later(FANOUT_TICK, self._wake_streams)

    def _wake_streams(self) -> None:
        self._wake_scheduled = False
        for waker in self._streams.wakers:
            waker.set()

    def _close_streams(self) -> None:
        self._streams.closing = True
        for waker in self._streams.wakers:
            waker.set()

    def _listening(self) -> None:
        self._started.set()
        if self.on_listening is not None:
            self.on_listening()

    def _streams_changed(self) -> None:
        if self.on_streams is not None:
            self.on_streams(len(self._streams.wakers))

    def _token_ok(self, request: Request) -> bool:
        return hmac.compare_digest(request.path_params.get("token", "").encode(), self._token_bytes)

    # --- routes ---------------------------------------------------------------------------------

    async def _dispatch(self, scope: dict, receive: Any, send: Any) -> None:
        """A post goes straight to `_post`; the rest through Starlette's router. A burst of a
        hundred phones is all posts, and routing plus Starlette's exception layers were about a
        tenth of the server's CPU per post (an error in `_post` is still uvicorn's plain 500)."""
        if scope["type"] == "http" and scope["method"] == "POST":
            path = scope["path"].encode("utf-8", "surrogateescape")
            if len(path) == len(self._post_path) and hmac.compare_digest(path, self._post_path):
                response = await self._post(Request(scope, receive))
                await response(scope, receive, send)
                return
        await self._starlette(scope, receive, send)

    async def _page(self, request: Request) -> Response:
        if not self._token_ok(request):
            return _not_found()
        body, kind = self._pages[""]
        return Response(body, media_type=kind)

    async def _asset_or_api(self, request: Request) -> Response:
        if not self._token_ok(request):
            return _not_found()
        name = request.path_params["name"]
        if request.method == "POST":
            return await self._post(request) if name == "post" else _not_found()
        if name == "events":
            return self._events(request)
        if name == "state":
            return Response(self._streams.full, media_type="application/json")
        page = self._pages.get(name) if name else None
        if page is None:
            return _not_found()
        return Response(page[0], media_type=page[1])

    async def _post(self, request: Request) -> Response:
        if request.headers.get("origin") != self.origin:
            return _unread(403, "Posts come from the room's own page only.")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return _unread(415, "The room reads JSON only.")
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return _unread(411, "Say how long the post is.")
        if int(length) > MAX_BODY:
            return _unread(413, "That is too long to send.")
        address = request.client.host if request.client else "?"
        now = time.monotonic()
        if not self._by_address.allow(address, now):
            return _unread(429, "Too many posts from this network at once; wait a moment.", retry=True)
        try:
            async with asyncio.timeout(self.limits.body_seconds):  # no task per post, unlike wait_for
                body = await _read_capped(request)
        except TimeoutError:
            return _unread(408, "The post took too long to arrive.")
        except ClientDisconnect:
            return _unread(400, "The post did not arrive whole.")
        except PostError as error:
            return _unread(error.status, error.message)
        try:
            action = parse_post(body)
        except PostError as error:
            return _error(error.status, error.message)
        remembered = self._answers.get(action.participant, action.key, now)
        if remembered is not None:
            if not isinstance(remembered, asyncio.Future):
                return _answer(*remembered)
            try:  # the same post is still being decided: its verdict, not a second post
                async with asyncio.timeout(self.limits.verdict_seconds):
                    status, answer = await asyncio.shield(remembered)
            except TimeoutError:
                return _error(503, BUSY, retry=True)
            return _answer(status, answer)
        if not self._by_participant.allow(action.participant, now):
            return _error(429, "You are posting very fast; wait a moment.", retry=True)
        pending: asyncio.Future = asyncio.get_running_loop().create_future()
        self._answers.put(action.participant, action.key, pending, now)
        answer_future = self.submit(action)
        if isinstance(answer_future, concurrent.futures.Future):
            answer_future = asyncio.wrap_future(answer_future)
        answer_future.add_done_callback(partial(self._settle_answer, action.participant, action.key, pending))
        try:
            async with asyncio.timeout(self.limits.verdict_seconds):
                verdict = await asyncio.shield(answer_future)  # a phone giving up does not cancel the post
        except TimeoutError:
            # The laptop may still record it: the key stays, so the phone's retry gets that verdict.
            return _error(503, BUSY, retry=True)
        except asyncio.CancelledError:
            if not answer_future.cancelled():
                raise  # this handler is being stopped (the room closing), not the post
            return _error(503, BUSY, retry=True)
        except (concurrent.futures.CancelledError, RuntimeError):
            return _error(503, BUSY, retry=True)
        status, answer = verdict
        return _answer(status, answer)

    def _settle_answer(self, participant: str, key: str, pending: asyncio.Future, decided: asyncio.Future) -> None:
        """Remember a post's verdict under its key, however late it came (a retry gets it instead of
        posting twice); forget a post whose decision was cancelled, so that its retry is posted
        afresh. (A room closing answers its waiting posts 503 itself, and that is what a retry
        would hear until the process exits.)"""
        if decided.cancelled() or decided.exception() is not None:
            self._answers.forget(participant, key)
            if not pending.done():
                pending.set_result((503, {"ok": False, "error": BUSY}))
            return
        verdict = decided.result()
        if not pending.done():
            pending.set_result(verdict)
        self._answers.put(participant, key, verdict, time.monotonic())

    def _events(self, request: Request) -> Response:
        streams = self._streams
        address = request.client.host if request.client else "?"
        if streams.closing:
            return _error(503, "The room is closed.")
        if streams.per_address.get(address, 0) >= self.limits.streams_per_address:
            return _error(429, "Too many pages open from this address.", retry=True)
        waker = asyncio.Event()
        streams.wakers.add(waker)
        streams.per_address[address] = streams.per_address.get(address, 0) + 1
        self._streams_changed()

        async def events() -> AsyncIterator[bytes]:
            try:
                yield b"retry: 2000\n\n" + streams.since(-1)
                seen = streams.rev
                while not streams.closing:
                    try:
                        # a timeout scope, not wait_for: no task made per wake-up, 100 streams x ~60 a burst
                        async with asyncio.timeout(PING_SECONDS):
                            await waker.wait()
                    except TimeoutError:
                        yield b": ping\n\n"
                        continue
                    waker.clear()
                    if streams.closing:
                        break
                    if streams.rev != seen:  # everything since, in one write: a slow phone catches up at once
                        update, seen = streams.since(seen), streams.rev
                        yield update
            finally:
                streams.wakers.discard(waker)
                left = streams.per_address.get(address, 1) - 1
                if left > 0:
                    streams.per_address[address] = left
                else:
                    streams.per_address.pop(address, None)
                self._streams_changed()

        return StreamingResponse(events(), media_type="text/event-stream", headers={"x-accel-buffering": "no"})


class _Server(uvicorn.Server):
    """uvicorn's server, telling the owner when it listens; in a thread it installs no signal handlers."""

    def __init__(self, config: uvicorn.Config, started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = started

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:  # uvicorn reports a failed start by leaving this False and should_exit True
            self._on_started()

    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[override]
        yield  # the app owns the signals; closing the room stops the server


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _http_protocol(header_seconds: float) -> Any:
    try:
        from workshop.room.protocol import with_header_deadline

        return with_header_deadline(header_seconds)
    except (ImportError, AttributeError):  # uvicorn's internals moved: plain h11, no head deadline
        return "h11"


async def _read_capped(request: Request) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise PostError(413, "That is too long to send.")
    return bytes(body)


def _listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket made with IPPROTO_TCP, so asyncio sets TCP_NODELAY on its connections."""
    for attempt in (port, 0) if port else (0,):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, attempt))
            sock.listen(256)
            sock.setblocking(False)
            return sock
        except OSError:
            sock.close()
            if attempt == 0:
                raise
    raise OSError("no port")


def _answer(status: int, body: bytes | dict[str, Any]) -> Response:
    """A verdict's response: its body as JSON bytes already (from the app's process) or a dict."""
    if isinstance(body, bytes):
        return Response(body, status_code=status, media_type="application/json")
    return JSONResponse(body, status_code=status)


def _not_found() -> Response:
    return Response("Not found\n", status_code=404, media_type="text/plain")


def _error(status: int, message: str, *, retry: bool = False, close: bool = False) -> JSONResponse:
    headers = {"retry-after": "1"} if retry else {}
    if close:
        headers["connection"] = "close"
    return JSONResponse({"ok": False, "error": message}, status_code=status, headers=headers or None)


def _unread(status: int, message: str, *, retry: bool = False) -> JSONResponse:
    """A refusal sent before the post's body was read (whole): the connection closes after it, so
    that what is left of the body is never read as the phone's next request, and the phone's
    HTTP client knows not to send that request on this connection."""
    return _error(status, message, retry=retry, close=True)
