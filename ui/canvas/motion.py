"""Tidy's motion: cards glide from where they were to where the layout put them.

The model has the new positions as soon as Tidy is recorded; this only animates the items. Any
other change ends the motion with every card where the model says, so an undo mid-way is exact.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QObject, QPointF, QVariantAnimation

from ui.canvas.scene import BoardScene

DURATION_MS = 280


class CardMotion(QObject):
    def __init__(self, scene: BoardScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board_scene = scene
        self.document = scene.document
        self._animation: QVariantAnimation | None = None
        self._animated: dict[str, tuple[QPointF, QPointF]] = {}
        self.document.changed.connect(self.stop)
        self.document.reset.connect(self.stop)
        scene.pressing.connect(self.stop)

    def start(self, start: dict[str, QPointF]) -> None:
        """Animate the given cards from these positions to where they are now."""
        self.stop()
        scene = self.board_scene
        self._animated = {}
        for card_id, before in start.items():
            card = scene.card(card_id)
            if card is not None:
                self._animated[card_id] = (before, card.pos())
                card.move_to(before.x(), before.y())
        animation = QVariantAnimation(self)
        animation.setDuration(DURATION_MS)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.valueChanged.connect(self._animation_step)
        animation.finished.connect(self._animation_done)
        self._animation = animation
        animation.start(QAbstractAnimation.DeletionPolicy.DeleteWhenStopped)

    def _animation_step(self, value: float) -> None:
        for card_id, (a, b) in self._animated.items():
            card = self.board_scene.card(card_id)
            if card is not None:
                point = a + (b - a) * float(value)
                card.move_to(point.x(), point.y())

    def _animation_done(self) -> None:
        if self._animation is None:  # stopped: stop() put the cards where the model says
            return
        self._animation_step(1.0)
        self._animated = {}
        self._animation = None

    def running(self) -> bool:
        return self._animation is not None

    def stop(self, *_args: object) -> None:
        """Another edit arrived: end the animation where the model says the cards are."""
        if self._animation is None:
            return
        animation, self._animation = self._animation, None
        animation.stop()
        ws = self.document.workshop
        for card_id in self._animated:
            card = self.board_scene.card(card_id)
            position = ws.positions.get(card_id)
            if card is not None and position is not None:
                card.move_to(position.x, position.y)
        self._animated = {}
