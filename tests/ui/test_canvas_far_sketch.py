"""A big board seen far out is drawn by one sketch instead of thousands of items: what the room sees
must be the same picture, and the cards must still take clicks and drags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest

from ui.canvas import BoardView, far_sketch, scene
from ui.document import Document
from workshop import ops
from workshop.analysis import analyse
from workshop.layout import tidy
from workshop.model import Position
from workshop.synthetic import generate


@pytest.fixture(scope="module")
def big_workshop():
    ws = generate(1000)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    return ws


@pytest.fixture
def far_board(qtbot, big_workshop) -> BoardView:
    view = BoardView(Document(big_workshop.model_copy(deep=True)))
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.board_scene.building(), timeout=20_000)
    view.fit_all()
    return view


def picture(view: BoardView) -> QImage:
    return view.viewport().grab().toImage()


def share_differing(a: QImage, b: QImage) -> float:
    assert a.size() == b.size()
    differing = sum(
        1 for y in range(0, a.height(), 2) for x in range(0, a.width(), 2) if a.pixel(x, y) != b.pixel(x, y)
    )
    return differing / ((a.width() // 2) * (a.height() // 2))


def scene_picture(view: BoardView) -> QImage:
    """The board as the view shows it, without the band names (which the view draws over it)."""
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    source = view.mapToScene(view.viewport().rect()).boundingRect()
    view.board_scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


@pytest.mark.parametrize("projector", [False, True])
def test_far_out_the_sketch_draws_the_same_board_the_items_would(far_board, qtbot, projector):
    """At the desk, and in projector mode (its own colours and grown cards, laid out for the screen:
    1,000 cards painted one by one took ~35 ms a frame there, 2,000 ~68 ms)."""
    board_scene = far_board.board_scene
    if projector:
        far_board.set_projector(True)
        qtbot.waitUntil(lambda: not board_scene.building(), timeout=20_000)
        far_board.fit_all()
    card_id = next(iter(board_scene.cards()))
    board_scene.card(card_id).setSelected(True)
    picture(far_board)  # the view tells the scene how far out it is
    board_scene.set_analysis(analyse(far_board.document.workshop))  # badges, once the sketch is drawing
    assert any(card.badge for card in board_scene.cards().values())
    assert board_scene.far()
    sketched = scene_picture(far_board)
    board_scene.set_far(1.0)  # near: every item paints itself again
    assert not board_scene.far()
    itemised = scene_picture(far_board)
    # the same cards, colours, hairlines and selection; only where lines overlap may the order differ
    assert share_differing(sketched, itemised) < 0.01  # an empty sketch differs on ~17%


def test_far_out_a_card_still_takes_a_drag_and_the_sketch_follows(far_board, qtbot):
    board_scene = far_board.board_scene
    assert board_scene.far()
    card = max(board_scene.cards().values(), key=lambda c: (c.content.band.value == "support", c.pos().y()))
    before = picture(far_board)
    left = card.pos().x()
    viewport = far_board.viewport()
    start = far_board.mapFromScene(card.scene_card_rect().center())
    end = start + QPoint(60, 0)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * (i / 4))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    saved = far_board.document.workshop.positions[card.card_id]
    assert saved.x > left + 100 and card.isSelected()
    assert far_board.document.undo_stack.text(far_board.document.undo_stack.count() - 1) == "Move card"
    assert share_differing(before, picture(far_board)) > 0  # the moved card is drawn where it went


def test_zooming_in_gives_the_cards_back_their_own_drawing(far_board):
    assert far_board.board_scene.far()
    far_board.zoom_actual()
    picture(far_board)
    assert not far_board.board_scene.far()


def test_a_small_board_is_never_sketched(qtbot, monkeypatch):
    assert far_sketch.SKETCH_FROM == scene.SKETCH_FROM
    ws = generate(300)
    ws.positions = {card_id: Position(x=x, y=y) for card_id, (x, y) in tidy(ws).items()}
    view = BoardView(Document(ws))
    qtbot.addWidget(view)
    view.resize(1024, 768)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    picture(view)
    assert view.scale_factor() < 0.15 and not view.board_scene.far()


def test_after_cards_glide_far_out_the_sketch_shows_each_where_it_landed(far_board, qtbot):
    """Tidy's glide moves cards frame by frame without a model change: the sketch rewrites only the
    moved ones, and what it shows at the end is what the items would show."""
    board_scene = far_board.board_scene
    ws = far_board.document.workshop
    nudged = {card_id: (p.x + 600.0, p.y) for card_id, p in list(ws.positions.items())[:400]}
    far_board.document.run(ops.move_cards, nudged)
    qtbot.waitUntil(lambda: not board_scene.moving(), timeout=20_000)
    picture(far_board)
    far_board.document.undo_stack.undo()  # the cards glide back
    qtbot.waitUntil(lambda: not board_scene.moving() and not far_board.animating(), timeout=20_000)
    picture(far_board)
    assert board_scene.far()
    sketched = scene_picture(far_board)
    board_scene.set_far(1.0)
    assert share_differing(sketched, scene_picture(far_board)) < 0.01


def _kept_matches_a_fresh_reading(board_scene) -> None:
    """What the sketch kept edit by edit is what it draws after reading the whole board again."""
    sketch = board_scene._sketch
    kept = sketch.drawing()
    sketch.invalidate()
    assert sketch.drawing() == kept


def _edits(ws):
    """One edit of each kind the room makes far out, as (name, operation, arguments)."""
    goals = [g for g in ws.goals if g.function_id is not None]
    functions = [f for f in ws.functions]
    first, second = goals[0], next(g for g in goals if g.function_id != goals[0].function_id)
    other = next(f for f in functions if f.id != first.function_id and f.kind == functions[0].kind)
    linked = ws.links[0]
    free = next(
        g for g in goals[1:] if g.function_id == first.function_id and not any(lk.target == g.id for lk in ws.links)
    )
    return [
        ("text", ops.update_goal, (first.id,), {"text": "A new text that changes nothing far out"}),
        ("function (colour)", ops.update_goal, (first.id,), {"function_id": other.id}),
        ("function colour", ops.update_function, (other.id,), {"colour": "#123456"}),
        ("link added", ops.link, (second.id, free.id), {}),
        ("link removed", ops.unlink, (linked.id,), {}),
        ("direct impact", ops.update_link, (ws.links[1].id,), {"kind": "direct_impact", "reason": "Why"}),
        ("goal added", ops.add_goal, ("A goal added far out", first.function_id), {"position": (10.0, 900.0)}),
        ("goal removed", ops.remove_goal, (goals[5].id,), {}),
        ("suggestion", ops.suggest_link, (second.id, goals[7].id), {"author": "A phone"}),
    ]


def test_far_out_each_edit_draws_only_its_item_and_the_same_as_a_fresh_reading(far_board, qtbot):
    """An edit far out (text, colour, a link or a card added or removed, through undo and redo) redraws
    its own rectangle or line: the whole board is not read again, and the picture is the one a fresh
    reading gives."""
    board_scene = far_board.board_scene
    document = far_board.document
    picture(far_board)
    assert board_scene.far()
    board_scene.set_analysis(analyse(document.workshop))  # badges: a card removed takes its dot along
    sketch = board_scene._sketch
    assert sketch.drawing()["dots"]
    for name, operation, args, kwargs in _edits(document.workshop):
        reads = sketch.reads
        document.run(operation, *args, **kwargs)
        picture(far_board)
        assert sketch.reads == reads, name
        _kept_matches_a_fresh_reading(board_scene)
    for _ in range(len(_edits(document.workshop))):
        reads = sketch.reads
        document.undo_stack.undo()
        qtbot.waitUntil(lambda: not board_scene.moving())
        picture(far_board)
        assert sketch.reads == reads
        _kept_matches_a_fresh_reading(board_scene)
    for _ in range(3):
        document.undo_stack.redo()
        qtbot.waitUntil(lambda: not board_scene.moving())
        picture(far_board)
        _kept_matches_a_fresh_reading(board_scene)


def test_far_out_accepting_a_suggestion_selecting_a_link_and_a_focus_follow_without_a_reading(far_board):
    board_scene = far_board.board_scene
    document = far_board.document
    ws = document.workshop
    goals = [g for g in ws.goals if g.function_id is not None]
    document.run(ops.suggest_link, goals[3].id, goals[9].id, author="A phone")
    suggestion_id = document.workshop.suggestions[-1].id
    picture(far_board)
    assert board_scene.far()
    sketch = board_scene._sketch
    sketch.drawing()
    reads = sketch.reads
    document.run(ops.accept_suggestion, suggestion_id)  # the suggested line goes, a link line comes
    picture(far_board)
    assert sketch.reads == reads
    _kept_matches_a_fresh_reading(board_scene)
    link = next(iter(board_scene.links().values()))
    reads = sketch.reads
    link.setSelected(True)  # drawn in the selection's colour
    picture(far_board)
    assert sketch.reads == reads
    _kept_matches_a_fresh_reading(board_scene)
    link.setSelected(False)
    reads = sketch.reads
    board_scene.set_focus_ids([goals[3].id, goals[9].id])  # the rest dimmed: most of the board
    picture(far_board)
    assert sketch.reads == reads  # the shapes change groups; nothing else is read
    _kept_matches_a_fresh_reading(board_scene)
    reads = sketch.reads
    board_scene.set_focus_ids(None)
    picture(far_board)
    assert sketch.reads == reads
    _kept_matches_a_fresh_reading(board_scene)
    board_scene.set_focus_ids([goals[4].id])
    reads = sketch.reads
    board_scene.set_analysis(analyse(document.workshop))  # badges are dots read on their own
    picture(far_board)
    assert sketch.reads == reads
    _kept_matches_a_fresh_reading(board_scene)


def test_far_out_an_edit_repaints_a_patch_around_its_card_not_the_whole_board(far_board, monkeypatch):
    """A whole frame far out costs ~10 ms at 2,000 cards; one card changed repaints around itself."""
    board_scene = far_board.board_scene
    document = far_board.document
    picture(far_board)
    sketch = board_scene._sketch
    sketch.drawing()
    asked: list[tuple] = []
    monkeypatch.setattr(sketch, "update", lambda *rect: asked.append(rect))
    goal = next(g for g in document.workshop.goals if g.function_id is not None)
    other = next(f for f in document.workshop.functions if f.id != goal.function_id)
    document.run(ops.update_goal, goal.id, function_id=other.id)  # another colour
    assert asked and all(rect for rect in asked), "no repaint of the whole sketch"
    board = board_scene.sceneRect()
    card = board_scene.card(goal.id).scene_card_rect()
    patched = [r[0] for r in asked if r[0].intersects(card)]
    assert patched and all(r.width() * r.height() < board.width() * board.height() / 50 for r in patched)


def test_far_out_a_bulk_move_ends_with_the_sketch_read_before_the_board_is_painted_again(far_board, qtbot):
    """The moved board is read by the sketch in a turn of its own: when the move is over, the next
    frame only draws (a redo of Tidy read and drew in the same turn, past 50 ms at 2,000 cards)."""
    board_scene = far_board.board_scene
    document = far_board.document
    picture(far_board)
    sketch = board_scene._sketch
    sketch.drawing()
    moved = {card_id: (p.x + 300.0, p.y) for card_id, p in list(document.workshop.positions.items())[:600]}
    document.run(ops.move_cards, moved)
    assert board_scene.moving()
    qtbot.waitUntil(lambda: not board_scene.moving(), timeout=20_000)
    assert far_board.viewport().updatesEnabled()
    assert not sketch.needs_reading()
    _kept_matches_a_fresh_reading(board_scene)
