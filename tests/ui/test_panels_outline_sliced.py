"""A big workshop's outline is built between the window's events: the same tree as built at once, a
change meanwhile is in it, and a reader asking for rows gets them all at once."""

from __future__ import annotations

from ui.document import Document
from ui.panels.outline import BUILT_IN_SLICES_FROM, OutlinePanel
from workshop import user_ops
from workshop.synthetic import generate


def shown_panel(qtbot) -> OutlinePanel:
    document = Document(generate(BUILT_IN_SLICES_FROM + 50, seed=2))
    panel = OutlinePanel(document)
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.building(), timeout=20_000)
    return panel


def test_a_sliced_build_gives_the_tree_a_build_at_once_gives(qtbot):
    panel = shown_panel(qtbot)
    document = panel._document
    document.replace(generate(BUILT_IN_SLICES_FROM + 80, seed=5), None)
    assert panel.building()
    qtbot.waitUntil(lambda: not panel.building(), timeout=20_000)
    sliced = panel.snapshot()
    panel._build()
    assert panel.snapshot() == sliced


def test_a_change_during_a_sliced_build_is_in_the_tree(qtbot):
    panel = shown_panel(qtbot)
    document = panel._document
    panel.rebuild()
    assert panel.building()
    goal = document.workshop.goals[-1]
    document.run(user_ops.update_goal, goal.id, text="Renamed while the outline was being built")
    qtbot.waitUntil(lambda: not panel.building(), timeout=20_000)
    assert panel.find_item(goal.id).text(0).startswith("Renamed while the outline")


def test_a_reader_during_a_sliced_build_gets_every_row(qtbot):
    panel = shown_panel(qtbot)
    panel.rebuild()
    assert panel.building()
    last = panel._document.workshop.goals[-1].id
    assert panel.find_item(last) is not None
    assert not panel.building()
