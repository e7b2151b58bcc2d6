"""Right-click on the board: what can be done to a card or a link, where it is.

Projector mode hides the properties panel, so the board itself must offer the everyday changes:
edit the text, move a goal to another function, pin, delete, and for a link the direct-impact
question. Every entry runs a user operation through the document like any other gesture, so it is
one undo step and a refusal is said in the status bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from ui.canvas.card_item import CardItem
from ui.canvas.link_item import LinkItem, LinkStyle
from workshop import user_ops
from workshop.model import Collection, FunctionKind, Link, LinkKind

if TYPE_CHECKING:
    from ui.canvas.view import BoardView


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardMenu", text)


def ask_reason(parent: QWidget, current: str = "") -> str | None:
    """The reason that makes a direct link a decision; None when cancelled or left empty."""
    text, ok = QInputDialog.getText(
        parent,
        tr("Declare direct impact"),
        tr("How does this result move the strategic goal without going through anyone it serves?"),
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok and text.strip() else None


def menu_for(view: BoardView, pos: QPoint) -> QMenu | None:
    """The menu for whatever is under `pos` (view coordinates), or None over empty board. While a
    card's text is being typed, the editor's own menu (cut, copy, paste) is the one that counts."""
    if view.board_scene.editor is not None:
        return None
    for item in view.items(pos):
        if isinstance(item, CardItem):
            return _card_menu(view, item)
        if isinstance(item, LinkItem):
            return _link_menu(view, item)
    return None


def _card_menu(view: BoardView, card: CardItem) -> QMenu:
    document, ws = view.document, view.document.workshop
    if card.card_id not in view.selected_ids():
        view.select_ids([card.card_id], centre=False)
    menu = QMenu(view)
    menu.addAction(view.board_actions.edit_card)
    if card.is_goal:
        menu.addAction(view.board_actions.add_contributing)
        menu.addAction(view.board_actions.add_sibling)
    goal = ws.goal(card.card_id)
    kpi = ws.find(Collection.KPIS, card.card_id) if goal is None else None
    current = goal.function_id if goal is not None else getattr(kpi, "function_id", None)
    if (goal is not None and goal.function_id is not None) or kpi is not None:
        functions = menu.addMenu(tr("Function"))
        for function in ws.functions:
            kind = tr("support") if function.kind == FunctionKind.SUPPORT else tr("customer-facing")
            name = function.name.replace("&", "&&")  # a menu reads one & as a shortcut mark: "R&D" shows "RD"
            action = functions.addAction(f"{name}  ({kind})")
            action.setCheckable(True)
            action.setChecked(function.id == current)
            operation = user_ops.update_goal if goal is not None else user_ops.update_kpi
            action.triggered.connect(
                lambda _checked=False, fid=function.id, op=operation: view.tell(
                    document.run(op, card.card_id, function_id=fid)
                )
            )
    position = ws.positions.get(card.card_id)
    pin = menu.addAction(tr("Pinned (Tidy leaves it where it is)"))
    pin.setCheckable(True)
    pin.setChecked(bool(position is not None and position.pinned))
    pin.triggered.connect(
        lambda checked: view.tell(
            document.run(user_ops.pin_where_seen, card.card_id, checked, view.shown_position(card.card_id))
        )
    )
    menu.addSeparator()
    menu.addAction(view.board_actions.delete)
    return menu


def _link_menu(view: BoardView, item: LinkItem) -> QMenu:
    document, ws = view.document, view.document.workshop
    menu = QMenu(view)
    if item.style == LinkStyle.SUGGESTION:
        accept = menu.addAction(tr("Accept the suggestion"))
        accept.triggered.connect(lambda: view.decide_suggestion(item.link_id, True))
        reject = menu.addAction(tr("Reject the suggestion"))
        reject.triggered.connect(lambda: view.decide_suggestion(item.link_id, False))
        return menu
    link = ws.find(Collection.LINKS, item.link_id)
    if not isinstance(link, Link):
        return menu
    view.select_ids([link.id], centre=False)
    support_to_strategy = user_ops.is_around_link(ws, link.source, link.target)
    if link.kind == LinkKind.DIRECT_IMPACT:
        edit = menu.addAction(tr("Change the reason for the direct impact…"))
        edit.triggered.connect(lambda: _declare(view, link.id, link.reason))
        plain = menu.addAction(tr("Make it a plain link (no exception)"))
        plain.triggered.connect(
            lambda: view.tell(document.run(user_ops.update_link, link.id, kind=LinkKind.CONTRIBUTES, reason=""))
        )
    elif support_to_strategy:
        declare = menu.addAction(tr("Declare a direct-impact exception…"))
        declare.triggered.connect(lambda: _declare(view, link.id, ""))
    menu.addSeparator()
    menu.addAction(view.board_actions.delete)
    return menu


def _declare(view: BoardView, link_id: str, current: str) -> None:
    reason = view.reason_prompt(view, current)
    if reason is not None:
        view.tell(view.document.run(user_ops.update_link, link_id, kind=LinkKind.DIRECT_IMPACT, reason=reason))
