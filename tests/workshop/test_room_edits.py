"""The room's posts as a participant would notice them: one vote each, tap again to undo, merged
duplicates keep their support, a flooding phone is removed in one step, anonymous stays anonymous."""

from __future__ import annotations

import pytest

from workshop import examples, storage, user_ops
from workshop.changes import OperationError
from workshop.model import DisclosureKind, SuggestionStatus, Workshop
from workshop.user_ops import attempt


@pytest.fixture
def ws() -> Workshop:
    return examples.customer_loyalty()


def _goal(ws: Workshop, start: str) -> str:
    return next(g.id for g in ws.goals if g.text.lower().startswith(start.lower()))


def _function(ws: Workshop, name: str) -> str:
    return next(f.id for f in ws.functions if f.name == name)


def test_each_participant_votes_once_and_can_take_it_back(ws: Workshop) -> None:
    sid = user_ops.suggest_goal_as(ws, "Answer in one day", _function(ws, "Sales"), participant="alice-0001").created_id
    user_ops.vote_as(ws, sid, "bob-000001")
    with pytest.raises(OperationError, match="already voted"):
        user_ops.vote_as(ws, sid, "bob-000001")
    user_ops.vote_as(ws, sid, "carol-0001")
    assert ws.find("suggestions", sid).votes == 2
    user_ops.unvote_as(ws, sid, "bob-000001")
    suggestion = ws.find("suggestions", sid)
    assert (suggestion.votes, suggestion.voters) == (1, ["carol-0001"])


def test_a_participant_cannot_vote_for_their_own_post(ws: Workshop) -> None:
    sid = user_ops.suggest_goal_as(ws, "Answer in one day", None, participant="alice-0001").created_id
    assert "own post" in attempt(ws, user_ops.vote_as, sid, "alice-0001").refusal


def test_vote_undoes_exactly(ws: Workshop) -> None:
    sid = user_ops.suggest_goal_as(ws, "Answer in one day", None, participant="alice-0001").created_id
    before = storage.dumps(ws)
    change = user_ops.vote_as(ws, sid, "bob-000001")
    change.inverse().apply(ws)
    assert storage.dumps(ws) == before


def test_merging_a_duplicate_moves_its_support_and_says_where_it_went(ws: Workshop) -> None:
    sales = _function(ws, "Sales")
    keep = user_ops.suggest_goal_as(ws, "Faster quotes", sales, participant="alice-0001").created_id
    dup = user_ops.suggest_goal_as(ws, "Quotes faster", sales, participant="bob-000001").created_id
    user_ops.vote_as(ws, dup, "carol-0001")
    user_ops.vote_as(ws, dup, "alice-0001")  # alice supports both: counted once after the merge
    user_ops.merge_suggestions(ws, keep, dup)
    kept, gone = ws.find("suggestions", keep), ws.find("suggestions", dup)
    assert sorted(kept.voters) == ["bob-000001", "carol-0001"]
    assert kept.votes == 2
    assert (gone.status, gone.merged_into) == (SuggestionStatus.REJECTED, keep)


def test_removing_a_participant_takes_their_posts_and_votes_in_one_step(ws: Workshop) -> None:
    before = storage.dumps(ws)
    mine = user_ops.suggest_goal_as(ws, "Spam", None, participant="flood-0001").created_id
    other = user_ops.suggest_goal_as(ws, "Real idea", None, participant="alice-0001").created_id
    user_ops.vote_as(ws, other, "flood-0001")
    user_ops.disclose(ws, DisclosureKind.HINDRANCE, "Named spam", participant="flood-0001", author="Flo")
    change = user_ops.remove_participant_posts(ws, "flood-0001")
    assert ws.find("suggestions", mine) is None
    assert ws.find("suggestions", other).votes == 0
    assert ws.disclosures == []
    change.inverse().apply(ws)
    assert ws.find("suggestions", mine) is not None
    user_ops.remove_participant_posts(ws, "flood-0001")
    user_ops.remove_item(ws, "suggestions", other)
    assert storage.dumps(ws) == before


def test_an_anonymous_disclosure_records_no_participant(ws: Workshop) -> None:
    it = _function(ws, "IT")
    anonymous = user_ops.disclose(ws, "weakness", "The CRM sync is fragile", it, participant="alice-0001").created_id
    named = user_ops.disclose(ws, "gaming_kpi", "Bonus on contracts", None, participant="bob-000001", author="Bob")
    assert ws.find("disclosures", anonymous).participant is None
    assert ws.find("disclosures", named.created_id).participant == "bob-000001"
    assert "alice-0001" not in storage.dumps(ws)


def test_accepting_a_weakness_records_it_for_its_function(ws: Workshop) -> None:
    it = _function(ws, "IT")
    did = user_ops.disclose(ws, "weakness", "Backups are never tested", it).created_id
    change = user_ops.decide_disclosure(ws, did, True)
    weakness = ws.find("weaknesses", change.created_id)
    assert (weakness.function_id, weakness.description) == (it, "Backups are never tested")
    assert ws.find("disclosures", did).status == SuggestionStatus.ACCEPTED


def test_hidden_posts_stay_in_the_file(ws: Workshop, tmp_path) -> None:
    sid = user_ops.suggest_goal_as(ws, "Rude words", None, participant="alice-0001").created_id
    user_ops.set_hidden(ws, sid, True)
    path = tmp_path / "w.via"
    storage.save(ws, path)
    assert storage.load(path).find("suggestions", sid).hidden is True


def test_removing_a_function_keeps_the_rooms_words(ws: Workshop) -> None:
    it = _function(ws, "IT")
    did = user_ops.disclose(ws, "hindrance", "Tickets bounce between teams", it).created_id
    user_ops.remove_function(ws, it)
    assert ws.find("disclosures", did).function_id is None
    storage.loads(storage.dumps(ws))  # still a sound workshop


def test_a_file_from_before_the_room_still_loads() -> None:
    old = (
        '{"format":"via-workshop","version":1,"workshop":{"goals":[{"id":"g1","text":"A"},'
        '{"id":"g2","text":"B"}],"suggestions":[{"kind":"link","id":"s1","source":"g1","target":"g2","votes":3}]}}'
    )
    ws = storage.loads(old)
    suggestion = ws.suggestions[0]
    assert (suggestion.votes, suggestion.voters, suggestion.hidden, suggestion.participant) == (3, [], False, None)
    assert ws.disclosures == []
    user_ops.vote_as(ws, "s1", "alice-0001")
    assert ws.suggestions[0].votes == 4
