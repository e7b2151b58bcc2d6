"""The private drag-and-drop format between the palette and the board.

A drag carries what kind of card to create and for which function; the board decides the rest
(position, band) when it is dropped. A private MIME type means a drop from another program can
never be mistaken for a card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData

from workshop.model import CardKind

CARD_MIME = "application/x-via-card"


@dataclass(frozen=True)
class CardRequest:
    kind: CardKind
    function_id: str | None = None


def encode(request: CardRequest) -> QMimeData:
    mime = QMimeData()
    payload = json.dumps({"kind": request.kind, "function_id": request.function_id})
    mime.setData(CARD_MIME, QByteArray(payload.encode("utf-8")))
    return mime


def decode(mime: QMimeData) -> CardRequest | None:
    """The request in a drop, or None when it is not ours or is malformed."""
    if not mime.hasFormat(CARD_MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(CARD_MIME).data()).decode("utf-8"))
        kind = CardKind(data["kind"])
        function_id = data.get("function_id")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if function_id is not None and not isinstance(function_id, str):
        return None
    if kind != CardKind.STRATEGIC and function_id is None:
        return None
    return CardRequest(kind, function_id)
