"""Opening a big workshop builds the board between the window's events: the same board as a build at
once, fit and guide focus wait for it, and anything that reads the board meanwhile finishes it first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest

from ui.canvas import BoardView
from ui.canvas.scene import SLICED_REBUILD_FROM
from ui.document import Document
from workshop import user_ops
from workshop.layout import tidy
from workshop.model import Position
from workshop.synthetic import generate


def big() -> object:
    ws = generate(SLICED_REBUILD_FROM + 40, seed=3)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    return ws


def shown(qtbot) -> BoardView:
    view = BoardView(Document(generate(30, seed=1)))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def board_state(view: BoardView) -> tuple:
    scene = view.board_scene
    cards = {card_id: (card.x(), card.y(), card.content) for card_id, card in scene.cards().items()}
    links = {link_id: (item.source.card_id, item.target.card_id) for link_id, item in scene.links().items()}
    return cards, links


def test_a_sliced_build_gives_the_board_a_build_at_once_gives_and_fits_when_done(qtbot):
    view = shown(qtbot)
    ws = big()
    view.document.replace(ws, None)
    scene = view.board_scene
    assert scene.building()
    view.fit_all()  # as File > Open asks: waits for the whole board
    qtbot.waitUntil(lambda: not scene.building(), timeout=20_000)
    assert view.fitted
    sliced = board_state(view)
    scene.rebuild()  # again, and read at once: a lookup finishes it
    assert board_state(view) == sliced
    assert len(sliced[0]) == len(ws.goals) + len(ws.kpis) and len(sliced[1]) == len(ws.links)


def test_an_edit_or_a_click_during_the_build_sees_the_whole_board(qtbot):
    view = shown(qtbot)
    view.document.replace(big(), None)
    scene = view.board_scene
    assert scene.building()
    goal = view.document.workshop.goals[-1].id
    view.document.run(user_ops.update_goal, goal, text="Edited while the board was being built")
    assert not scene.building()
    assert scene.card(goal).content.text == "Edited while the board was being built"
    view.document.replace(big(), None)
    assert scene.building()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert not scene.building()


def test_guide_focus_asked_during_the_build_applies_when_it_is_done(qtbot):
    view = shown(qtbot)
    view.document.replace(big(), None)
    scene = view.board_scene
    focus = [view.document.workshop.goals[0].id]
    view.set_focus_ids(focus)
    qtbot.waitUntil(lambda: not scene.building(), timeout=20_000)
    dimmed = [card_id for card_id, card in scene.cards().items() if card.dimmed]
    assert focus[0] not in dimmed and len(dimmed) == len(scene.cards()) - 1


def test_a_big_workshop_is_analysed_once_its_board_is_built_not_on_top_of_a_slice(open_window, qtbot):
    """The analysis and a build slice in one go froze the window twice as long as either."""
    window = open_window(Document())
    window.runner.set_delay(1)  # due while the board is still being built
    seen: list[bool] = []
    window.runner.analysed.connect(
        lambda _result: seen.append(window.board.board_scene.building() or window.outline_panel.building())
    )
    window.document.replace(big(), None)
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen == [False], "the analysis waited for the board and the outline"
    assert window.runner.latest is not None and window.runner.latest.score is not None


def test_the_analysis_waits_for_tidy_to_finish_not_between_its_slices(open_window, qtbot):
    """An analysis due while Tidy works out or moves a big board ran between two of Tidy's slices:
    the window froze for both at once."""
    window = open_window(Document(big()))
    qtbot.waitUntil(lambda: not window.board.board_scene.building(), timeout=20_000)
    window.runner.set_delay(1)
    seen: list[bool] = []
    window.runner.analysed.connect(
        lambda _result: seen.append(window.board.tidying() or window.board.board_scene.moving_in_slices())
    )
    goal = window.document.workshop.goals[0].id
    window.document.run(user_ops.update_goal, goal, text="Renamed just before Tidy")  # an analysis is due
    window.board.tidy()
    assert window.board.tidying()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert seen == [False]


class _Paints(QObject):
    """Counts the frames a widget paints, and whether the board was still being built at each."""

    def __init__(self, scene) -> None:
        super().__init__()
        self.scene = scene
        self.during_build = 0
        self.after = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.scene.building():
                self.during_build += 1
            else:
                self.after += 1
        return False


def test_the_half_built_board_is_never_painted(qtbot):
    view = shown(qtbot)
    scene = view.board_scene
    paints = _Paints(scene)
    view.viewport().installEventFilter(paints)
    view.document.replace(big(), None)
    qtbot.waitUntil(lambda: not scene.building(), timeout=20_000)
    qtbot.waitUntil(lambda: paints.after > 0)
    assert paints.during_build == 0
