"""The room's suggestions: one per link, votes only while open, answers only of the kinds there are."""

import pytest

from workshop import ops
from workshop.changes import OperationError
from workshop.examples import customer_loyalty


def test_the_same_link_cannot_be_suggested_twice_while_the_first_is_open() -> None:
    ws = customer_loyalty()  # the demo already suggests HR vacancies -> Support's fast resolution
    with pytest.raises(OperationError, match="already suggested"):
        ops.suggest_link(ws, "g-hr-vacancies", "g-support-fast", author="Tom")
    ops.reject_suggestion(ws, "s-hr-support")
    ops.suggest_link(ws, "g-hr-vacancies", "g-support-fast", author="Tom")  # a decided one does not block


def test_a_decided_suggestion_takes_no_more_votes() -> None:
    ws = customer_loyalty()
    ops.vote(ws, "s-hr-support")
    ops.reject_suggestion(ws, "s-hr-support")
    with pytest.raises(OperationError, match="already been decided"):
        ops.vote(ws, "s-hr-support")
    assert ws.find("suggestions", "s-hr-support").votes == 1


def test_an_unknown_link_kind_is_refused_in_words_and_nothing_changes() -> None:
    ws = customer_loyalty()
    before = ws.model_dump()
    with pytest.raises(OperationError, match="not a kind of link"):
        ops.accept_suggestion(ws, "s-hr-support", link_kind="sideways")
    assert ws.model_dump() == before
