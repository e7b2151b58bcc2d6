"""The crossing counter the tests and the benchmark judge layouts by."""

from __future__ import annotations

from workshop.layout import count_crossings
from workshop.model import Function, FunctionKind, Goal, Link, Workshop


def _workshop(pairs: list[tuple[str, str]]) -> Workshop:
    names = sorted({n for pair in pairs for n in pair})
    return Workshop(
        functions=[Function(id="f", name="Sales", kind=FunctionKind.CUSTOMER_FACING)],
        goals=[Goal(id=n, text=n, function_id=None if n.startswith("top") else "f") for n in names],
        links=[Link(id=f"l-{s}-{t}", source=s, target=t) for s, t in pairs],
    )


def test_two_links_forming_an_x_cross_once() -> None:
    ws = _workshop([("a", "top1"), ("b", "top2")])
    crossed = {"top1": (0.0, 0.0), "top2": (300.0, 0.0), "a": (300.0, 300.0), "b": (0.0, 300.0)}
    straight = {"top1": (0.0, 0.0), "top2": (300.0, 0.0), "a": (0.0, 300.0), "b": (300.0, 300.0)}
    assert count_crossings(ws, crossed) == 1
    assert count_crossings(ws, straight) == 0


def test_links_sharing_a_card_never_count() -> None:
    ws = _workshop([("a", "top1"), ("b", "top1"), ("c", "a")])
    positions = {"top1": (0.0, 0.0), "a": (600.0, 300.0), "b": (-600.0, 300.0), "c": (-900.0, 600.0)}
    assert count_crossings(ws, positions) == 0


def test_a_long_link_crossing_a_short_one_counts_and_cards_without_place_are_skipped() -> None:
    ws = _workshop([("deep", "top1"), ("mid", "top2"), ("x", "top2")])
    positions = {
        "top1": (0.0, 0.0),
        "top2": (600.0, 0.0),
        "mid": (-300.0, 300.0),
        "deep": (900.0, 600.0),
    }
    assert count_crossings(ws, positions) == 1
