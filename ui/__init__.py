"""Via's Qt interface: the main window, the board, the panels and the undo commands.

Everything here edits the workshop through `ui.document.Document`, which runs `workshop.ops`
operations and puts their `Change` records on the undo stack.
"""
