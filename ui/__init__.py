"""Via's Qt interface: the main window, the board, the panels and the undo commands.

Everything here edits the workshop one way: `document.run(user_ops.x, ...)` runs one operation of
`workshop.user_ops` (the catalogue of what a person can do), puts its `Change` on the one undo
stack and returns an `Outcome` (the change, or the sentence saying why not) to whoever asked;
views follow `Document.changed`.
"""
