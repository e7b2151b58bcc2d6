"""Compare with last time, on small hand-made pairs whose differences are written out by hand.

The room in most tests: strategy "Increase customer loyalty" (g-loyal); Sales (customer-facing)
with "Match products to real needs" (g-match) linked to it; IT (support) with "Accurate customer
records" (g-records). Each test changes a copy and says, in its own words, what changed.
"""

from __future__ import annotations

from workshop import ops
from workshop.compare import compare
from workshop.compare.matching import normalise
from workshop.compare.render import NOTHING, as_json, as_text
from workshop.model import LinkKind, Workshop


def room() -> Workshop:
    ws = Workshop()
    ops.add_goal(ws, "Increase customer loyalty", id="g-loyal")
    ops.add_function(ws, "Sales", "customer_facing", id="f-sales")
    ops.add_function(ws, "IT", "support", id="f-it")
    ops.add_goal(ws, "Match products to real needs", "f-sales", id="g-match")
    ops.add_goal(ws, "Accurate customer records", "f-it", id="g-records")
    ops.link(ws, "g-match", "g-loyal", id="l-match")
    return ws


def texts(refs) -> list[str]:
    return [r.text for r in refs]


def test_identical_workshops_say_nothing_changed(demo):
    again = demo.model_copy(deep=True)
    result = compare(demo, again)
    assert result.nothing_changed
    assert set(result.counts().values()) == {0}
    assert result.before.score == result.after.score == 87  # the demo's score, as the README's example says
    assert NOTHING in as_text(result)


def test_a_goal_added_and_one_removed():
    old, new = room(), room()
    ops.remove_goal(new, "g-records")
    ops.add_goal(new, "Fill vacant posts within 30 days", "f-it", id="g-posts")
    result = compare(old, new)
    assert texts(result.goals_added) == ["Fill vacant posts within 30 days"]
    assert texts(result.goals_removed) == ["Accurate customer records"]
    assert [r.function for r in result.goals_added] == ["IT"]
    assert not result.goals_changed and not result.relinked
    assert not result.nothing_changed


def test_text_measure_target_and_function_changes_of_one_goal():
    old, new = room(), room()
    ops.add_function(old, "Customer Service", "customer_facing", id="f-service")
    ops.add_function(new, "Customer Service", "customer_facing", id="f-service")
    ops.update_goal(new, "g-match", text="Match products to each customer's needs", measure="repeat orders")
    ops.update_goal(new, "g-match", target="+10% a year", function_id="f-service")
    result = compare(old, new)
    (change,) = result.goals_changed
    assert change.was.text == "Match products to real needs" and change.was.function == "Sales"
    assert change.goal.function == "Customer Service"
    assert [(c.field, c.before, c.after) for c in change.changes] == [
        ("text", "Match products to real needs", "Match products to each customer's needs"),
        ("measure", "", "repeat orders"),
        ("target", "", "+10% a year"),
        ("function", "Sales", "Customer Service"),
    ]
    assert not result.goals_added and not result.goals_removed


def test_relinking_around_the_strategy_to_the_internal_customer_aligns_the_support_goal():
    old, new = room(), room()
    ops.link(old, "g-records", "g-loyal", id="l-around")  # "around, not via": not aligned
    ops.add_relation(new, "f-it", "f-sales")
    ops.link(new, "g-records", "g-match", id="l-via")
    result = compare(old, new)
    (relink,) = result.relinked
    assert relink.goal.text == "Accurate customer records"
    assert texts(relink.before) == ["Increase customer loyalty"]
    assert texts(relink.after) == ["Match products to real needs"]
    assert [(r.source.text, r.target.text) for r in result.links_added] == [
        ("Accurate customer records", "Match products to real needs")
    ]
    assert [(r.source.text, r.target.text) for r in result.links_removed] == [
        ("Accurate customer records", "Increase customer loyalty")
    ]
    assert texts(result.became_aligned) == ["Accurate customer records"]
    assert not result.stopped_aligned
    # below strategy: g-match (aligned) and g-records: 1 of 2 before, 2 of 2 now
    assert (result.before.score, result.after.score) == (50, 100)
    assert "around-not-via" in [f.rule for f in result.findings_resolved]
    assert result.before.findings["error"] == 1 and result.after.findings["error"] == 0


def test_unlinking_a_customer_goal_from_the_strategy_stops_it_being_aligned():
    old, new = room(), room()
    ops.unlink(new, "l-match")
    result = compare(old, new)
    assert texts(result.stopped_aligned) == ["Match products to real needs"]
    assert not result.became_aligned
    (relink,) = result.relinked
    assert texts(relink.before) == ["Increase customer loyalty"] and relink.after == ()
    assert (result.before.score, result.after.score) == (50, 0)


def test_declaring_an_exception_is_a_changed_link_not_an_added_one():
    old, new = room(), room()
    ops.link(old, "g-records", "g-loyal", id="l-x")
    ops.link(new, "g-records", "g-loyal", LinkKind.DIRECT_IMPACT, "Records drive every loyalty campaign we run")
    result = compare(old, new)
    assert not result.links_added and not result.links_removed and not result.relinked
    (change,) = result.links_changed
    assert [(c.field, c.before, c.after) for c in change.changes] == [
        ("kind", "contributes", "direct_impact"),
        ("reason", "", "Records drive every loyalty campaign we run"),
    ]
    assert texts(result.became_aligned) == ["Accurate customer records"]


def made_afresh() -> Workshop:
    """The same room typed again for the next session: every id new, spacing and case a little off."""
    ws = Workshop()
    ops.add_function(ws, "sales", "customer_facing", id="f-2")
    ops.add_function(ws, "it", "support", id="f-1")
    ops.add_goal(ws, "increase  customer loyalty", id="g-a")
    ops.add_goal(ws, "Accurate Customer Records", "f-1", id="g-b")
    ops.add_goal(ws, "Match products to real needs", "f-2", id="g-c")
    ops.link(ws, "g-c", "g-a", id="l-1")
    return ws


def test_separately_made_workshops_pair_by_text():
    result = compare(room(), made_afresh())
    assert not result.goals_added and not result.goals_removed
    assert not result.functions_added and not result.functions_removed
    assert not result.links_added and not result.links_removed and not result.relinked
    assert result.matched == {"goals_by_id": 0, "goals_by_text": 3, "functions_by_id": 0, "functions_by_text": 2}
    # case and spacing typed differently are no change, in texts, names or the findings that quote them
    assert not result.goals_changed and not result.functions_changed
    assert not result.findings_new and not result.findings_resolved
    assert result.nothing_changed
    assert (result.before.score, result.after.score) == (50, 50)


def test_a_retyped_goal_in_a_separately_made_workshop_is_added_and_removed():
    new = made_afresh()
    ops.update_goal(new, "g-b", text="Accurate customer records within a day")
    result = compare(room(), new)
    assert texts(result.goals_added) == ["Accurate customer records within a day"]
    assert texts(result.goals_removed) == ["Accurate customer records"]


def test_normalised_text_folds_case_and_collapses_spaces():
    assert normalise("  Fill\tvacant   POSTS \n") == "fill vacant posts"
    assert normalise("Straße") == normalise("STRASSE")


def test_the_same_text_pairs_within_its_own_function_first():
    old, new = Workshop(), Workshop()
    for ws, ids in ((old, ("s1", "c1", "a", "b")), (new, ("s2", "c2", "x", "y"))):
        ops.add_function(ws, "Sales", "customer_facing", id=ids[0])
        ops.add_function(ws, "Support", "customer_facing", id=ids[1])
    ops.add_goal(old, "Answer within a day", "s1", id="a")
    ops.add_goal(old, "Answer within a day", "c1", id="b")
    ops.add_goal(new, "Answer within a day", "c2", id="x")  # the other way round in the file
    ops.add_goal(new, "Answer within a day", "s2", id="y")
    result = compare(old, new)
    assert not result.goals_changed  # Sales's pairs with Sales's: no goal "moved function"
    assert not result.goals_added and not result.goals_removed


def test_duplicates_pair_in_file_order_and_the_rest_are_added():
    old, new = Workshop(), Workshop()
    ops.add_function(old, "Finance", "support", id="f-old")
    ops.add_function(new, "Finance", "support", id="f-new")
    ops.add_goal(old, "Reduce cost", "f-old", measure="first", id="o1")
    ops.add_goal(old, "Reduce cost", "f-old", measure="second", id="o2")
    for n, measure in enumerate(("first", "second", "third")):
        ops.add_goal(new, "Reduce cost", "f-new", measure=measure, id=f"n{n}")
    result = compare(old, new)
    assert [(r.id, r.text) for r in result.goals_added] == [("n2", "Reduce cost")]
    assert not result.goals_changed  # first with first, second with second: the measures agree
    back = compare(new, old)
    assert [r.id for r in back.goals_removed] == ["n2"]


def test_from_an_empty_workshop_everything_is_added():
    new = room()
    result = compare(Workshop(), new)
    assert texts(result.goals_added) == [
        "Increase customer loyalty",
        "Match products to real needs",
        "Accurate customer records",
    ]
    assert [f.name for f in result.functions_added] == ["Sales", "IT"]
    assert len(result.links_added) == 1 and not result.relinked
    assert texts(result.new_unaligned) == ["Accurate customer records"]  # Sales's goal is aligned
    assert result.before.score is None and not result.before.judged
    assert result.after.score == 50
    text = as_text(result, "before.via", "after.via")
    assert "Alignment score: none yet \u2192 50" in text
    assert "Goals: 3 added, 0 removed, 0 changed, 0 relinked" in text
    assert "not aligned yet" in text


def test_the_text_gives_counts_before_the_lists():
    old, new = room(), room()
    ops.unlink(new, "l-match")
    ops.add_goal(new, "Staff who stay", "f-it", id="g-stay")
    lines = as_text(compare(old, new), "a.via", "b.via").splitlines()
    assert lines[0].startswith("Compared \u201c") and "(a.via)" in lines[0] and "(b.via)" in lines[0]
    first_heading = next(i for i, line in enumerate(lines) if line.startswith("Stopped being aligned (1)"))
    counts = next(i for i, line in enumerate(lines) if line.startswith("Goals: 1 added"))
    assert counts < first_heading
    assert "  - \u201cStaff who stay\u201d (IT) \u2014 not aligned yet" in lines


def test_json_holds_ids_full_texts_and_counts():
    old, new = room(), room()
    ops.update_goal(new, "g-records", text="Accurate records " + "x" * 300)
    data = as_json(compare(old, new), "a.via", "b.via")
    assert data["counts"]["goals_changed"] == 1 and data["nothing_changed"] is False
    (change,) = data["goals_changed"]
    assert change["goal"]["id"] == "g-records"
    assert change["changes"][0]["after"] == "Accurate records " + "x" * 300
    assert data["before"]["score"] == 50
