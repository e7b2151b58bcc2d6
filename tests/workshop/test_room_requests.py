"""A phone's post as the room reads it and answers it: JSON only, capped, plain text; the around
question the board asks; 409 for a link that exists; votes as states; limits and retries."""

from __future__ import annotations

import json
from functools import partial

import pytest

from workshop import examples, user_ops
from workshop.model import Workshop
from workshop.room.limits import IdempotencyCache, Rate, RateLimiter
from workshop.room.requests import MAX_BODY, PostError, parse_post
from workshop.room.verdict import decide
from workshop.room.view import encode, participant_view
from workshop.user_ops import attempt

ALICE, BOB = "alice-000001", "bob-00000001"


def post(**fields) -> bytes:
    return json.dumps({"participant": ALICE, "key": "key-00000001", **fields}).encode()


@pytest.fixture
def ws() -> Workshop:
    return examples.customer_loyalty()


def answer(ws: Workshop, body: bytes):
    return decide(ws, partial(attempt, ws), parse_post(body))


def goal(ws: Workshop, start: str) -> str:
    return next(g.id for g in ws.goals if g.text.lower().startswith(start.lower()))


def support_and_strategic(ws: Workshop) -> tuple[str, str]:
    support = {f.id for f in ws.support_functions()}
    linked = {(lk.source, lk.target) for lk in ws.links}
    for g in ws.goals:
        if g.function_id in support:
            for s in ws.strategic_goals():
                if (g.id, s.id) not in linked:
                    return g.id, s.id
    raise AssertionError("demo has no free support -> strategy pair")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"[1, 2]", 400),
        (b'{"participant": NaN}', 400),
        (b"\xff\xfe", 400),
        (b"x" * (MAX_BODY + 1), 413),
        (json.dumps({"participant": "short", "key": "key-00000001", "action": "vote"}).encode(), 422),
        (json.dumps({"participant": ALICE, "key": "key-00000001", "action": "delete_all"}).encode(), 422),
        (post(action="suggest_goal", text=""), 422),
        (post(action="suggest_goal", text="x" * 10_000), 422),
        (post(action="suggest_goal", text=["list"]), 422),
        (post(action="vote", item="../../etc"), 422),
        (post(action="disclose", about="gossip", text="x"), 422),
    ],
)
def test_malformed_posts_are_refused_with_a_status(body: bytes, status: int) -> None:
    with pytest.raises(PostError) as refused:
        parse_post(body)
    assert refused.value.status == status
    assert refused.value.message


def test_markup_rtl_and_emoji_are_kept_as_plain_text(ws: Workshop) -> None:
    text = "<script>alert(1)</script> R&D <b>x \u202eevil\u202c שלום 🎉👩‍💻"
    status, body = answer(ws, post(action="suggest_goal", text=text))
    assert status == 201
    stored = ws.find("suggestions", body["id"]).text
    assert stored.startswith("<script>alert(1)</script> R&D <b>x")
    assert "\u202e" not in stored and "שלום" in stored and "👩‍💻" in stored


def test_a_link_that_exists_is_a_conflict(ws: Workshop) -> None:
    link = ws.links[0]
    status, body = answer(ws, post(action="suggest_link", source=link.source, target=link.target))
    assert (status, body["error"]) == (409, "These goals are already linked.")


def test_the_same_link_suggested_twice_points_to_the_first(ws: Workshop) -> None:
    source, target = support_and_strategic(ws)
    _, first = answer(ws, post(action="suggest_link", source=source, target=target, direct=True, reason="Policy"))
    status, body = answer(ws, post(action="suggest_link", source=source, target=target, direct=True, reason="x"))
    assert (status, body["existing"]) == (409, first["id"])


def test_a_support_goal_around_its_customers_asks_for_the_exception(ws: Workshop) -> None:
    source, target = support_and_strategic(ws)
    status, body = answer(ws, post(action="suggest_link", source=source, target=target))
    assert status == 422 and body["around"] is True and "direct-impact exception" in body["error"]
    status, body = answer(ws, post(action="suggest_link", source=source, target=target, direct=True))
    assert status == 422 and "why" in body["error"]
    status, body = answer(
        ws, post(action="suggest_link", source=source, target=target, direct=True, reason="Purchasing policy")
    )
    assert status == 201
    suggestion = ws.find("suggestions", body["id"])
    assert (suggestion.link_kind.value, suggestion.reason, suggestion.participant) == (
        "direct_impact",
        "Purchasing policy",
        ALICE,
    )


def test_a_goal_that_does_not_exist_is_refused_plainly(ws: Workshop) -> None:
    status, body = answer(ws, post(action="suggest_link", source="g-nope", target=ws.goals[0].id))
    assert status == 422 and "no goal" in body["error"]


def test_votes_are_states_so_a_repeat_changes_nothing(ws: Workshop) -> None:
    _, made = answer(ws, post(action="suggest_goal", text="Faster quotes"))
    bob_votes = json.dumps({"participant": BOB, "key": "key-00000002", "action": "vote", "item": made["id"]})
    assert answer(ws, bob_votes.encode())[1]["votes"] == 1
    assert answer(ws, bob_votes.encode())[1]["votes"] == 1
    bob_undoes = json.dumps(
        {"participant": BOB, "key": "key-00000003", "action": "vote", "item": made["id"], "on": False}
    )
    assert answer(ws, bob_undoes.encode())[1] == {"ok": True, "id": made["id"], "voted": False, "votes": 0}


def test_the_view_shows_the_tree_by_band_and_hides_who_posted(ws: Workshop) -> None:
    _, made = answer(ws, post(action="disclose", about="hindrance", text="Approvals take weeks"))
    _, hidden = answer(ws, post(action="suggest_goal", text="Something rude"))
    attempt(ws, user_ops.set_hidden, hidden["id"], True)
    view = participant_view(ws)
    assert [b["band"] for b in view["bands"]] == ["strategy", "customer_facing", "support"]
    support_names = [g["name"] for g in view["bands"][2]["groups"]]
    assert "IT" in support_names and "Sales" not in support_names
    assert [d["id"] for d in view["disclosures"]] == [made["id"]]
    assert hidden["id"] not in {s["id"] for s in view["suggestions"]}
    assert ALICE.encode() not in encode(view)


def test_rate_limit_refills_over_time() -> None:
    limiter = RateLimiter(Rate(burst=3, per_second=1.0))
    assert [limiter.allow("p", 0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("q", 0.0)  # another phone is not affected
    assert limiter.allow("p", 1.0) and not limiter.allow("p", 1.0)


def test_idempotency_keys_remember_answers_for_a_while() -> None:
    cache = IdempotencyCache(ttl=10, max_items=2)
    cache.put(ALICE, "k1", (201, {"id": "s1"}), now=0)
    assert cache.get(ALICE, "k1", now=5) == (201, {"id": "s1"})
    assert cache.get(BOB, "k1", now=5) is None
    assert cache.get(ALICE, "k1", now=11) is None
    for key in ("a", "b", "c"):
        cache.put(ALICE, key, 1, now=20)
    assert len(cache) == 2 and cache.get(ALICE, "a", now=20) is None


def test_a_vote_reaches_the_phones_as_a_small_patch(ws: Workshop) -> None:
    from workshop.room.view import patch_for

    _, made = answer(ws, post(action="suggest_goal", text="Faster quotes"))
    change = user_ops.vote_as(ws, made["id"], BOB)
    patch = patch_for(ws, change.touched())
    assert [s["id"] for s in patch["suggestions"]] == [made["id"]] and patch["suggestions"][0]["votes"] == 1
    hide = user_ops.set_hidden(ws, made["id"], True)
    assert patch_for(ws, hide.touched())["removed"] == [made["id"]]
    retitle = user_ops.update_goal(ws, ws.goals[0].id, text="New words")
    assert patch_for(ws, retitle.touched()) is None  # the tree changed: the phones get it whole


def test_a_phone_that_fell_behind_gets_the_whole_picture_again() -> None:
    from workshop.room.server import PATCHES_KEPT, _Streams

    streams = _Streams(full=b'{"rev":1}', full_rev=1, rev=1)
    for rev in range(2, 5):
        streams.add_patch(rev, b'{"rev":%d}' % rev)
        streams.rev = rev
    assert streams.since(2) == b'data: {"rev":3}\n\ndata: {"rev":4}\n\n'
    assert streams.since(-1).startswith(b'data: {"rev":1}\n\n')  # a new phone: the picture, then patches
    for rev in range(5, 5 + PATCHES_KEPT):
        streams.add_patch(rev, b'{"rev":%d}' % rev)
    assert streams.since(2).startswith(b'data: {"rev":1}\n\n')  # patch 3 is gone: start again
