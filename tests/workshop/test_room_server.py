"""The room's server, for real on 127.0.0.1: every rule a phone (or an attacker on the Wi-Fi) meets.

The workshop is edited on a worker thread standing in for the GUI thread: the handlers only hand
posts over and wait for the verdict, as in the app.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import json
import threading
import time
from collections.abc import Iterator
from functools import partial

import httpx
import pytest

from workshop import examples
from workshop.room.limits import Rate
from workshop.room.server import Limits, RoomServer
from workshop.room.verdict import decide
from workshop.room.view import encode, participant_view
from workshop.user_ops import attempt

ALICE = "alice-000001"


class Owner:
    """Where the workshop lives: one thread runs every verdict, then publishes the new picture."""

    def __init__(self) -> None:
        self.ws = examples.customer_loyalty()
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self.server: RoomServer | None = None
        self.verdicts = 0

    def submit(self, action):
        return self.pool.submit(self._decide, action)

    def _decide(self, action):
        self.verdicts += 1
        verdict = decide(self.ws, partial(attempt, self.ws), action)
        self.server.publish(encode(participant_view(self.ws)))
        return verdict


def open_room(limits: Limits | None = None) -> tuple[Owner, RoomServer]:
    owner = Owner()
    server = RoomServer(owner.submit, "127.0.0.1", 0, limits=limits, allow_loopback_for_tests=True)
    owner.server = server
    server.publish(encode(participant_view(owner.ws)))
    server.start()
    return owner, server


@pytest.fixture
def room() -> Iterator[tuple[Owner, RoomServer]]:
    owner, server = open_room()
    yield owner, server
    server.stop()
    owner.pool.shutdown()


def client(server: RoomServer) -> httpx.Client:
    return httpx.Client(base_url=server.origin, headers={"origin": server.origin}, timeout=5)


def body(action: str = "suggest_goal", key: str = "key-00000001", **fields) -> dict:
    return {"participant": ALICE, "key": key, "action": action, **fields}


def test_the_page_comes_with_strict_headers_and_no_cookie_or_server_name(room) -> None:
    _, server = room
    with client(server) as http:
        page = http.get(f"/{server.token}/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in page.headers["cache-control"]
    assert "server" not in page.headers and "set-cookie" not in page.headers


@pytest.mark.parametrize("path", ["/{wrong}/", "/{wrong}/state", "/{wrong}/events", "/{wrong}/room.js", "/", "/x"])
def test_a_wrong_token_finds_nothing(room, path: str) -> None:
    _, server = room
    wrong = server.token[:-1] + ("A" if server.token[-1] != "A" else "B")
    with client(server) as http:
        assert http.get(path.format(wrong=wrong)).status_code == 404
        assert http.post(f"/{wrong}/post", json=body()).status_code == 404


def test_another_host_name_is_misdirected(room) -> None:
    _, server = room
    with client(server) as http:
        assert http.get(f"/{server.token}/", headers={"host": "evil.example:80"}).status_code == 421
        assert http.get(f"/{server.token}/", headers={"host": f"localhost:{server.port}"}).status_code == 421


def test_posts_from_another_origin_are_refused(room) -> None:
    owner, server = room
    with httpx.Client(base_url=server.origin, timeout=5) as http:
        assert http.post(f"/{server.token}/post", json=body(text="x")).status_code == 403
        refused = http.post(f"/{server.token}/post", json=body(text="x"), headers={"origin": "http://evil.example"})
        assert refused.status_code == 403
    assert owner.verdicts == 0


def test_only_json_with_a_length_and_a_small_body_is_read(room) -> None:
    owner, server = room
    url = f"/{server.token}/post"
    big = json.dumps(body(text="x" * 20_000))
    with client(server) as http:
        refused = [
            http.post(url, data={"text": "x"}),
            http.post(url, content=iter([b"{}"]), headers={"content-type": "application/json"}),
            http.post(url, content=big, headers={"content-type": "application/json"}),
        ]
        bad = http.post(url, content=b"{not json", headers={"content-type": "application/json"})
    assert [answer.status_code for answer in refused] == [415, 411, 413]
    # refused unread, the rest of the body must not be taken for the phone's next request
    assert all(answer.headers["connection"] == "close" for answer in refused)
    assert bad.status_code == 400 and bad.json()["error"]
    assert owner.verdicts == 0


def test_a_post_is_recorded_once_even_when_the_phone_retries(room) -> None:
    owner, server = room
    with client(server) as http:
        first = http.post(f"/{server.token}/post", json=body(text="Quotes within a day"))
        again = http.post(f"/{server.token}/post", json=body(text="Quotes within a day"))
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert [getattr(s, "text", None) for s in owner.ws.suggestions].count("Quotes within a day") == 1


def test_a_link_that_exists_is_409_and_a_refusal_is_422_in_plain_words(room) -> None:
    owner, server = room
    link = owner.ws.links[0]
    with client(server) as http:
        conflict = http.post(f"/{server.token}/post", json=body("suggest_link", source=link.source, target=link.target))
        refused = http.post(
            f"/{server.token}/post", json=body("suggest_link", "key-00000002", source=link.source, target="g-none")
        )
    assert (conflict.status_code, conflict.json()["error"]) == (409, "These goals are already linked.")
    assert refused.status_code == 422 and "no goal" in refused.json()["error"]


def test_a_flood_is_slowed_down() -> None:
    owner, server = open_room(Limits(per_participant=Rate(3, 0.01), per_address=Rate(100, 0.01)))
    try:
        with client(server) as http:
            codes = [
                http.post(f"/{server.token}/post", json=body(key=f"key-{i:08d}", text=f"idea {i}")).status_code
                for i in range(5)
            ]
    finally:
        server.stop()
    assert codes == [201, 201, 201, 429, 429]
    assert len(owner.ws.suggestions) == 1 + 3  # the demo's own suggestion and three from the phone


def test_one_address_holds_only_a_few_streams() -> None:
    _, server = open_room(Limits(streams_per_address=2))
    try:
        with client(server) as http:
            url = f"/{server.token}/events"
            with http.stream("GET", url) as one, http.stream("GET", url) as two:
                assert one.status_code == two.status_code == 200
                assert http.get(url).status_code == 429
    finally:
        server.stop()


def read_event(lines: Iterator[str]) -> dict:
    for line in lines:
        if line.startswith("data: "):
            return json.loads(line[6:])
    raise AssertionError("stream ended")


def test_every_phone_sees_a_post_arrive_live(room) -> None:
    _, server = room
    with client(server) as http, http.stream("GET", f"/{server.token}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        first = read_event(lines)
        assert [b["band"] for b in first["bands"]] == ["strategy", "customer_facing", "support"]
        with client(server) as poster:
            poster.post(f"/{server.token}/post", json=body(text="Quotes within a day"))
        update = read_event(lines)
        assert "Quotes within a day" in [s.get("text") for s in update["suggestions"]]


def test_closing_the_room_ends_open_streams_and_stops_serving() -> None:
    owner, server = open_room()
    received: list[str] = []

    def hold_stream() -> None:
        with client(server) as http, http.stream("GET", f"/{server.token}/events") as stream:
            for line in stream.iter_lines():
                received.append(line)

    holders = [threading.Thread(target=hold_stream) for _ in range(3)]
    for holder in holders:
        holder.start()
    deadline = time.monotonic() + 5
    while server.connected < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.connected == 3
    server.stop(timeout=0.5)
    assert not server.running
    for holder in holders:
        holder.join(timeout=5)
        assert not holder.is_alive()  # the phones' streams ended (EventSource will retry, and find no room)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{server.url}", timeout=1)
    owner.pool.shutdown()


def test_phones_cannot_be_served_on_loopback_outside_tests() -> None:
    with pytest.raises(ValueError, match="not an address phones can reach"):
        RoomServer(lambda action: None, "127.0.0.1", 0)  # type: ignore[arg-type,return-value]


def test_each_opening_has_a_fresh_token() -> None:
    tokens = set()
    for _ in range(3):
        _, server = open_room()
        tokens.add(server.token)
        server.stop()
    assert len(tokens) == 3


def test_a_client_that_never_finishes_its_headers_is_cut_off() -> None:
    import socket

    _, server = open_room(Limits(header_seconds=0.3))
    try:
        slow = socket.create_connection((server.host, server.port))
        slow.sendall(f"GET /{server.token}/ HTTP/1.1\r\nHost: {server.authority}".encode())
        slow.settimeout(10)
        assert slow.recv(64) == b""  # closed by the room, not by this test's patience
        slow.close()
        with client(server) as http:  # an honest phone is still served
            assert http.get(f"/{server.token}/").status_code == 200
    finally:
        server.stop()


def test_a_client_sending_endless_headers_is_cut_off_long_before_its_deadline() -> None:
    import socket

    _, server = open_room(Limits(header_seconds=30.0))
    try:
        flood = socket.create_connection((server.host, server.port))
        flood.settimeout(10)
        started = time.monotonic()
        with contextlib.suppress(OSError):  # the room may hang up while this is still sending
            flood.sendall(f"GET /{server.token}/ HTTP/1.1\r\nHost: {server.authority}\r\n".encode())
            for n in range(1000):  # 1 MB of headers, never ending the head
                flood.sendall(f"X-Pad-{n}: {'a' * 1000}\r\n".encode())
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := flood.recv(4096):
                answer += chunk
        flood.close()
        assert time.monotonic() - started < 10  # closed for its size, not its slowness
        assert not answer.startswith(b"HTTP/1.1 200")
        with client(server) as http:  # an honest phone is still served
            assert http.get(f"/{server.token}/").status_code == 200
    finally:
        server.stop()


def test_a_stream_asked_for_behind_another_request_is_not_cut_off_as_slow() -> None:
    import socket

    _, server = open_room(Limits(header_seconds=0.3))
    try:
        phone = socket.create_connection((server.host, server.port))
        head = f"Host: {server.authority}\r\n\r\n"
        phone.sendall(
            f"GET /{server.token}/state HTTP/1.1\r\n{head}GET /{server.token}/events HTTP/1.1\r\n{head}".encode()
        )
        phone.settimeout(1.5)  # five head deadlines: long enough for a wrong cut-off to show
        answer = b""
        with contextlib.suppress(TimeoutError):
            while chunk := phone.recv(4096):
                answer += chunk
            answer += b"<closed>"
        phone.close()
        assert b"text/event-stream" in answer
        assert not answer.endswith(b"<closed>")
    finally:
        server.stop()


def test_a_post_decided_after_the_phone_gave_up_is_not_recorded_twice_on_retry() -> None:
    """The laptop took longer than the phone waits (503): the post is still recorded once, and the
    phone's retry with the same key gets that verdict instead of posting a second copy."""
    owner = Owner()
    release = threading.Event()
    decide_now = owner._decide

    def slow_decide(action):
        release.wait(10)
        return decide_now(action)

    owner._decide = slow_decide
    server = RoomServer(owner.submit, "127.0.0.1", 0, limits=Limits(verdict_seconds=0.3), allow_loopback_for_tests=True)
    owner.server = server
    server.publish(encode(participant_view(owner.ws)))
    server.start()
    try:
        with client(server) as http:
            first = http.post(f"/{server.token}/post", json=body(text="Invoices in one place"))
        assert first.status_code == 503 and "may still arrive" in first.json()["error"]
        server.limits = dataclasses.replace(server.limits, verdict_seconds=10)  # the retry may wait
        retried: list[httpx.Response] = []

        def retry() -> None:
            with client(server) as http:
                retried.append(http.post(f"/{server.token}/post", json=body(text="Invoices in one place")))

        asker = threading.Thread(target=retry)
        asker.start()  # asks while the laptop is still deciding the first
        release.set()
        asker.join(15)
        assert retried and retried[0].status_code == 201
        assert [getattr(s, "text", None) for s in owner.ws.suggestions].count("Invoices in one place") == 1
        assert owner.verdicts == 1
    finally:
        release.set()
        server.stop()
        owner.pool.shutdown()
