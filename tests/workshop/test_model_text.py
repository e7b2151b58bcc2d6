"""Absurd labels are cleaned at the door so nothing downstream (file, canvas, PDF) chokes on them."""

import pytest

from workshop import ops
from workshop.changes import OperationError
from workshop.model import Workshop
from workshop.text import MAX_TEXT


def test_control_characters_and_lone_surrogates_are_dropped_but_text_kept() -> None:
    ws = Workshop()
    change = ops.add_goal(ws, "Grow\x00 sales\x1b[31m \ud800fast\r\nnow")
    goal = ws.goal(change.created_id)
    assert goal.text == "Grow sales[31m fast\nnow"
    goal.text.encode("utf-8")  # would raise on a lone surrogate


def test_bidi_overrides_are_dropped_so_a_label_cannot_reverse_the_sentence_around_it() -> None:
    ws = Workshop()
    change = ops.add_goal(ws, "Grow\u202e selas\u2067 here\u202c \u200fשלום\u200e 👩\u200d💻")
    assert ws.goal(change.created_id).text == "Grow selas here \u200fשלום\u200e 👩\u200d💻"


def test_markup_rtl_cjk_and_emoji_are_kept_literally() -> None:
    ws = Workshop()
    text = "R&D <b>x</b> <img src=/etc/passwd> שלום 你好 🚀"
    change = ops.add_goal(ws, text)
    assert ws.goal(change.created_id).text == text


def test_a_ten_thousand_character_label_is_accepted_and_an_absurd_one_refused_with_a_reason() -> None:
    ws = Workshop()
    ops.add_goal(ws, "x" * 10_000)
    with pytest.raises(OperationError, match="at most"):
        ops.add_goal(ws, "x" * (MAX_TEXT + 1))
    assert len(ws.goals) == 1


def test_function_names_are_one_line() -> None:
    ws = Workshop()
    change = ops.add_function(ws, "  Customer\nService ", "customer_facing")
    assert ws.function(change.created_id).name == "Customer Service"


def test_a_blank_function_name_is_refused() -> None:
    with pytest.raises(OperationError, match="needs a name"):
        ops.add_function(Workshop(), " \n ", "support")


def test_fit_text_keeps_what_the_model_keeps_and_says_where_it_cut():
    from workshop.text import MAX_NAME, MAX_TEXT, fit_text, is_blank

    assert fit_text("a\r\nb") == ("a\nb", None)
    assert fit_text("  a\nb ", name=True) == ("a b", None)
    assert fit_text("x" * (MAX_TEXT + 5)) == ("x" * MAX_TEXT, MAX_TEXT)
    assert fit_text("y" * (MAX_NAME + 1), name=True) == ("y" * MAX_NAME, MAX_NAME)
    assert is_blank(" \n\x00\t") and not is_blank(" a ")
