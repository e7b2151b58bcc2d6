"""The room on the laptop: opening and closing it, the join strip on the board.

The server itself is Qt-free (`workshop.room.server`); this package hands phones' posts to the
document on the GUI thread and shows the room how to join. Nothing here imports uvicorn,
Starlette, segno or ifaddr at start-up: they load when the facilitator opens the room.
"""
