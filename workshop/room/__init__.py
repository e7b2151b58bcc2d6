"""The room: participants' phones suggest links and goals, vote, and disclose what hinders them.

Pure, Qt-free and thread-agnostic parts live here:

- `edits`: the operations a participant's post becomes (they join `workshop.user_ops`);
- `requests`: reading a post (JSON only, capped, plain text) into an `Action`;
- `view`: the tree as a participant sees it (by band and function) and the public queue;
- `limits`: rate limits and idempotency keys;
- `verdict`: running an action on a workshop and turning the outcome into a status and a body;
- `server`: the ASGI app (Starlette) and the uvicorn thread; imported only when a room opens.
"""
