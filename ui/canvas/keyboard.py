"""Walking the tree with the arrow keys, as in mind-mapping tools.

Up goes to a goal the card serves, Down to a contributor, Left/Right to the neighbour in the same
band ordered by x. Read from the scene's items (their on-screen positions), so walking follows
what the room sees even for cards placed by the view only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.canvas.link_item import LinkStyle
from ui.canvas.scene import BoardScene

UP, DOWN, LEFT, RIGHT = Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right


def neighbour(scene: BoardScene, card_id: str, key: Qt.Key) -> str | None:
    """The card the arrow key moves to from `card_id`, or None when there is none that way."""
    card = scene.card(card_id)
    if card is None:
        return None
    x = card.pos().x()
    if key in (UP, DOWN):
        links = [item for item in scene.links_of(card_id) if item.style != LinkStyle.SUGGESTION]
        ends = (
            [item.target for item in links if item.source is card]
            if key == UP
            else [item.source for item in links if item.target is card]
        )
        if not ends:
            return None
        return min(ends, key=lambda c: (abs(c.pos().x() - x), c.pos().y())).card_id
    if key in (LEFT, RIGHT):
        row = sorted(
            (c for c in scene.cards().values() if c.content.band == card.content.band),
            key=lambda c: (c.pos().x(), c.pos().y(), c.card_id),
        )
        index = row.index(card) + (1 if key == RIGHT else -1)
        return row[index].card_id if 0 <= index < len(row) else None
    return None
