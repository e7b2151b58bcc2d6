"""The room's server in its own process, for real on 127.0.0.1: a post's verdict makes the round trip
through the pipe, closing the room ends it at once with phones connected, and the process never
outlives the app, even when the app is killed.

The test plays the app: it reads the pipe (as the GUI thread's QSocketNotifier would) and answers.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from workshop.examples import customer_loyalty
from workshop.room.process import Connected, Post, RoomError, RoomProcess, Stopped
from workshop.room.view import encode, participant_view

ALICE = "alice-000001"


def picture() -> bytes:
    return encode({"rev": 1, **participant_view(customer_loyalty())})


@pytest.fixture
def room() -> Iterator[RoomProcess]:
    process = RoomProcess("127.0.0.1", 0, allow_loopback_for_tests=True)
    process.start(picture(), 1)
    yield process
    process.stop()


def next_messages(room: RoomProcess, timeout: float = 10.0) -> list:
    """Wait until the server process says something (as the app's notifier would), and read it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        readable, _, _ = select.select([room.fileno()], [], [], deadline - time.monotonic())
        if readable:
            said = room.receive()
            if said:
                return said
    raise AssertionError("the server process said nothing")


def post_in_background(room: RoomProcess, key: str, answers: list) -> threading.Thread:
    def send() -> None:
        with httpx.Client(timeout=10) as http:
            answers.append(
                http.post(
                    room.url + "post",
                    json={"participant": ALICE, "key": key, "action": "suggest_goal", "text": "Quotes within a day"},
                    headers={"origin": room.origin},
                )
            )

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


def wait_until(condition, timeout: float = 5.0) -> bool:
    """Poll `condition` until true (True) or `timeout` seconds (False), like qtbot.waitUntil."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def gone(pid: int) -> bool:
    """No such process, or only its zombie entry (reparented to a PID 1 that may not reap)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_a_posts_verdict_makes_the_round_trip_and_a_retry_gets_the_same_answer(room) -> None:
    answers: list[httpx.Response] = []
    phone = post_in_background(room, "key-00000001", answers)
    said = next_messages(room)
    posts = [m for m in said if isinstance(m, Post)]
    assert [(p.action.kind, p.action.participant, p.action.fields["text"]) for p in posts] == [
        ("suggest_goal", ALICE, "Quotes within a day")
    ]
    room.answer(posts[0].id, (422, {"ok": False, "error": "Not during the break."}))
    phone.join(10)
    assert (answers[0].status_code, answers[0].json()["error"]) == (422, "Not during the break.")

    retry = post_in_background(room, "key-00000001", answers)  # the phone's Wi-Fi retried
    retry.join(10)
    assert (answers[1].status_code, answers[1].json()) == (422, answers[0].json())
    readable, _, _ = select.select([room.fileno()], [], [], 0)
    assert not any(isinstance(m, Post) for m in (room.receive() if readable else []))  # asked the app once


def test_the_phones_get_what_the_app_publishes(room) -> None:
    with httpx.Client(timeout=10) as http:
        state = http.get(room.url + "state").json()
        assert state["rev"] == 1 and state["title"] == customer_loyalty().meta.title
        room.publish(b'{"rev":2,"title":"After the break"}', 2)
        room.flush()
        assert wait_until(lambda: http.get(room.url + "state").json()["rev"] == 2)


def test_closing_the_room_ends_the_process_and_the_streams_with_phones_connected(room) -> None:
    ended = threading.Event()
    streams = 3

    def hold() -> None:
        with httpx.Client(timeout=10) as http, http.stream("GET", room.url + "events") as stream:
            for _ in stream.iter_lines():
                pass
        ended.set()

    for _ in range(streams):
        threading.Thread(target=hold, daemon=True).start()
    counts = []
    while not counts or counts[-1] < streams:
        counts += [m.count for m in next_messages(room) if isinstance(m, Connected)]
    room.stop(timeout=0.5)
    assert not room.running  # gone and reaped when stop returns, not later
    assert ended.wait(5)
    with pytest.raises(httpx.TransportError):
        httpx.get(room.url, timeout=1)


def test_the_app_learns_when_the_server_process_stops_on_its_own(room) -> None:
    os.kill(room.pid, signal.SIGKILL)
    said = next_messages(room)
    assert isinstance(said[-1], Stopped) and "stopped" in said[-1].reason


def test_an_address_the_server_cannot_bind_is_a_plain_message() -> None:
    process = RoomProcess("192.0.2.1", 0)  # TEST-NET-1: usable in form, not on this machine
    with pytest.raises(RoomError, match=r"^Cannot assign requested address \(192\.0\.2\.1:0\)$"):
        process.start(picture(), 1)
    assert not process.running


APP = textwrap.dedent(
    """
    import sys
    from workshop.room.process import RoomProcess
    room = RoomProcess("127.0.0.1", 0, allow_loopback_for_tests=True)
    room.start(b'{"rev":1}', 1)
    print(room.pid, room.url, flush=True)
    sys.stdin.read()  # until the test kills this app
    """
)


def test_the_server_process_exits_by_itself_when_the_app_is_killed() -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", APP], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    try:
        pid, url = app.stdout.readline().split()
        assert httpx.get(url + "state", timeout=5).json() == {"rev": 1}
        app.kill()  # SIGKILL: the app closes nothing itself; the kernel closes its end of the pipe
        app.wait(5)
        assert wait_until(lambda: gone(int(pid))), "the server process outlived the app"
        with pytest.raises(httpx.TransportError):
            httpx.get(url, timeout=1)
    finally:
        app.kill()
        app.wait(5)
        if not gone(int(pid)):
            os.kill(int(pid), signal.SIGKILL)


def test_the_rooms_server_process_starts_without_the_model_or_pydantic():
    """The window waits while the room opens: the child must not import the ~95 ms model for one enum."""
    import subprocess
    import sys

    probe = (
        "import sys, workshop.room.child, workshop.room.server\n"
        "print(sorted({'pydantic', 'workshop.model'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
