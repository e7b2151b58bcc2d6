"""The board: the goal tree drawn in three bands, edited with the mouse and the keyboard.

`BoardView` (view.py) is the widget the window embeds; `BoardScene` (scene.py) follows the
document and keeps the items. Every edit goes through `Document.edit`, never the model directly.
"""

from ui.canvas.view import BoardView

__all__ = ["BoardView"]
