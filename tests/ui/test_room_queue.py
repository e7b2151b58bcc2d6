"""The facilitator's live queue: newest or most-voted first, hide from the room, merge duplicates,
remove a phone's posts, and the room's disclosures recorded or set aside, each one undo step."""

from __future__ import annotations

import pytest

from ui import pacing
from ui.document import Document
from ui.panels.disclosures import DisclosuresPanel
from ui.panels.suggestions import NEWEST, SuggestionsPanel
from workshop import user_ops
from workshop.examples import customer_loyalty
from workshop.model import SuggestionStatus
from workshop.room.view import participant_view


@pytest.fixture
def document() -> Document:
    return Document(customer_loyalty())


@pytest.fixture
def panel(qtbot, document) -> SuggestionsPanel:
    widget = SuggestionsPanel(document)
    qtbot.addWidget(widget)
    return widget


def suggest(document: Document, text: str, participant: str) -> str:
    return document.run(user_ops.suggest_goal_as, text, None, participant=participant).created_id


def test_the_queue_shows_most_voted_or_newest_first(document, panel) -> None:
    old = suggest(document, "Older idea", "phone-0001")
    new = suggest(document, "Newer idea", "phone-0002")
    document.run(user_ops.vote_as, old, "phone-0003")
    assert panel.shown_ids().index(old) < panel.shown_ids().index(new)
    panel.order.setCurrentIndex(NEWEST)
    assert panel.shown_ids().index(new) < panel.shown_ids().index(old)


def test_hiding_takes_it_off_the_phones_and_one_undo_brings_it_back(document, panel) -> None:
    sid = suggest(document, "Rude words", "phone-0001")
    panel.select(sid)
    assert panel.toggle_hidden().ok
    assert sid not in {s["id"] for s in participant_view(document.workshop)["suggestions"]}
    assert "hidden from the room" in panel.list.currentItem().text()
    assert panel.hide_button.text() == "S&how to room"
    document.undo_stack.undo()
    assert sid in {s["id"] for s in participant_view(document.workshop)["suggestions"]}


def test_merging_a_duplicate_moves_its_votes(document, panel) -> None:
    keep = suggest(document, "Faster quotes", "phone-0001")
    dup = suggest(document, "Quotes faster", "phone-0002")
    document.run(user_ops.vote_as, dup, "phone-0003")
    panel.choose_merge_target = lambda offered: keep if keep in dict(offered) else None
    panel.select(dup)
    assert panel.merge_current().ok
    kept = document.workshop.find("suggestions", keep)
    assert kept.votes == 2 and document.workshop.find("suggestions", dup).merged_into == keep
    assert panel.current_id() == keep


def test_removing_a_phones_posts_asks_first_and_is_one_step(document, panel) -> None:
    flood = [suggest(document, f"spam {i}", "phone-flood") for i in range(3)]
    other = suggest(document, "A real idea", "phone-0001")
    panel.select(flood[0])
    panel.confirm = lambda question: False
    assert not panel.remove_participant().ok
    panel.confirm = lambda question: True
    assert panel.remove_participant().ok
    assert set(panel.shown_ids()).isdisjoint(flood) and other in panel.shown_ids()
    document.undo_stack.undo()
    assert set(flood) <= set(panel.shown_ids())


def test_a_disclosed_weakness_is_recorded_for_its_function(qtbot, document) -> None:
    panel = DisclosuresPanel(document)
    qtbot.addWidget(panel)
    it = next(f.id for f in document.workshop.functions if f.name == "IT")
    did = document.run(user_ops.disclose, "weakness", "Backups never tested", it).created_id
    assert "anonymous" in panel.list.item(0).text()
    panel.select(did)
    outcome = panel.accept_current()
    assert outcome.ok and document.workshop.find("weaknesses", outcome.created_id).description == "Backups never tested"
    assert document.workshop.find("disclosures", did).status == SuggestionStatus.ACCEPTED
    assert not panel.accept_button.isEnabled()


def test_a_hidden_link_suggestion_leaves_the_board_too(view) -> None:
    document = view.document
    ws = document.workshop
    linked = {(lk.source, lk.target) for lk in ws.links}
    source, target = next(
        (g.id, s.id) for g in ws.goals if g.function_id for s in ws.strategic_goals() if (g.id, s.id) not in linked
    )
    sid = document.run(user_ops.suggest_link_as, source, target, participant="phone-0001").created_id
    assert view.board_scene.link(sid) is not None  # the dashed line the room sees
    document.run(user_ops.set_hidden, sid, True)
    assert view.board_scene.link(sid) is None
    document.undo_stack.undo()
    assert view.board_scene.link(sid) is not None


def test_a_disclosures_tooltip_shows_the_participants_words_literally(qtbot, document) -> None:
    from PySide6.QtGui import QTextDocument

    panel = DisclosuresPanel(document)
    qtbot.addWidget(panel)
    words = "<b>Backups</b> <img src='http://evil.example/x.png'> never tested"
    document.run(user_ops.disclose, "weakness", words, None)
    shown = QTextDocument()
    shown.setHtml(panel.list.item(0).toolTip())  # how Qt shows a tooltip that looks like markup
    assert shown.toPlainText().strip() == words


def _count_rebuilds(panel) -> list[int]:
    rebuilds = [0]
    panel.list.model().modelReset.connect(lambda: rebuilds.__setitem__(0, rebuilds[0] + 1))
    return rebuilds


@pytest.fixture
def busy_room(monkeypatch) -> None:
    """Every post arrives within the same instant (a clock that stands still): however slow the
    machine, a long list folds them as it would in a real burst."""
    monkeypatch.setattr(pacing, "monotonic", lambda: 1000.0)


def test_a_burst_of_phones_posting_folds_into_a_few_rebuilds_and_shows_every_post(
    qtbot, document, panel, busy_room
) -> None:
    """A long queue is not rebuilt per post (that froze the window with 100 phones); the list still
    ends up showing every post and every vote of the burst."""
    rebuilds = _count_rebuilds(panel)
    ids = [suggest(document, f"Idea {n}", f"phone-{n:04d}") for n in range(120)]
    for n, sid in enumerate(ids[:60]):
        document.run(user_ops.vote_as, sid, f"phone-{n + 500:04d}")
    assert rebuilds[0] <= pacing.SHORT_LIST + 1  # every change while the list is short, then one
    qtbot.waitUntil(lambda: set(ids) <= set(panel.shown_ids()))
    qtbot.waitUntil(lambda: "1 vote" in panel.list.item(0).text())


def test_a_short_queue_shows_each_change_at_once(document, panel) -> None:
    rebuilds = _count_rebuilds(panel)
    first = suggest(document, "First idea", "phone-0001")
    second = suggest(document, "Second idea", "phone-0002")
    assert {first, second} <= set(panel.shown_ids()) and rebuilds[0] == 2


def test_what_the_facilitator_selects_during_a_burst_is_the_newest_list(qtbot, document, panel, busy_room) -> None:
    for n in range(60):
        suggest(document, f"Idea {n}", f"phone-{n:04d}")
    newest = suggest(document, "Latest idea", "phone-0999")
    panel.select(newest)
    assert panel.current_id() == newest


def test_a_burst_of_disclosures_shows_every_one(qtbot, document, busy_room) -> None:
    panel = DisclosuresPanel(document)
    qtbot.addWidget(panel)
    rebuilds = _count_rebuilds(panel)
    for n in range(100):
        document.run(user_ops.disclose, "hindrance", f"Waiting on approvals {n}", None)
    assert rebuilds[0] <= pacing.SHORT_LIST + 1
    qtbot.waitUntil(
        lambda: sum("Waiting on approvals" in panel.list.item(r).text() for r in range(panel.list.count())) == 100
    )
