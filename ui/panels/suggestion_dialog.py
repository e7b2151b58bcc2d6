"""The facilitator records what a participant proposed: a link between two goals, or a new goal.

The dialog only collects; `SuggestionsPanel` applies it through the document. A refused suggestion
(the goals are already linked, no text) is said in the dialog, which stays open to fix it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.panels.common import STRATEGY_COLOUR, swatch
from ui.tooltips import plain_tooltip
from workshop.model import Band, Function, Goal, SuggestionKind, Workshop
from workshop.text import MAX_NAME, shorten

GOAL_LABEL_LIMIT = 70
TEXT_HEIGHT = 70

Submit = Callable[[dict], str | None]
"""Applies the suggestion; returns None when done, else the sentence saying why it was refused."""


def goal_label(
    ws: Workshop, goal_id: str, limit: int = GOAL_LABEL_LIMIT, functions: dict[str, Function] | None = None
) -> str:
    """'Goal text (owner)'; pass `functions` (by id) when labelling many goals: lookups are linear."""
    goal = ws.goal(goal_id)
    if goal is None:
        return goal_id
    return _label(goal, functions if functions is not None else {f.id: f for f in ws.functions}, limit)


def _label(goal: Goal, functions: dict[str, Function], limit: int = GOAL_LABEL_LIMIT) -> str:
    function = functions.get(goal.function_id or "")
    owner = function.name if function is not None else QCoreApplication.translate("Suggestions", "Strategy")
    return f"{shorten(goal.text, limit)} ({owner})"


class SuggestionDialog(QDialog):
    def __init__(self, ws: Workshop, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add suggestion"))
        self.setObjectName("suggestionDialog")
        self._submit = submit
        layout = QVBoxLayout(self)
        self.link_choice = QRadioButton(self.tr("A &link: one goal contributes to another"), self)
        self.goal_choice = QRadioButton(self.tr("A new &goal"), self)
        group = QButtonGroup(self)
        group.addButton(self.link_choice)
        group.addButton(self.goal_choice)
        layout.addWidget(self.link_choice)
        layout.addWidget(self.goal_choice)

        self.pages = QStackedWidget(self)
        link_page = QWidget(self)
        link_form = QFormLayout(link_page)
        # Contributions run upwards: the From list starts with support goals, the To list with strategy.
        self.source_combo = self._goal_combo(ws, self.tr("Contributing goal"), upwards=False)
        self.target_combo = self._goal_combo(ws, self.tr("Goal it serves"), upwards=True)
        link_form.addRow(self.tr("&From"), self.source_combo)
        link_form.addRow(self.tr("C&ontributes to"), self.target_combo)
        self.pages.addWidget(link_page)

        goal_page = QWidget(self)
        goal_form = QFormLayout(goal_page)
        self.goal_text = QPlainTextEdit(self)
        self.goal_text.setAccessibleName(self.tr("Goal text"))
        self.goal_text.setTabChangesFocus(True)
        self.goal_text.setFixedHeight(TEXT_HEIGHT)
        self.function_combo = QComboBox(self)
        self.function_combo.setAccessibleName(self.tr("Function of the goal"))
        self.function_combo.addItem(swatch(STRATEGY_COLOUR), self.tr("None (strategic goal)"), None)
        for function in ws.functions:
            self.function_combo.addItem(swatch(function.colour), function.name, function.id)
        if ws.functions:
            self.function_combo.setCurrentIndex(1)
        goal_form.addRow(self.tr("&Text"), self.goal_text)
        goal_form.addRow(self.tr("F&unction"), self.function_combo)
        self.pages.addWidget(goal_page)
        layout.addWidget(self.pages)

        common = QFormLayout()
        self.author_edit = QLineEdit(self)
        self.author_edit.setAccessibleName(self.tr("Suggested by"))
        self.author_edit.setMaxLength(MAX_NAME)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(TEXT_HEIGHT)
        common.addRow(self.tr("Suggested &by"), self.author_edit)
        common.addRow(self.tr("&Reason"), self.reason_edit)
        layout.addLayout(common)

        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.message_style(theme.Tone.ERROR, self.palette()))
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

        self.link_choice.toggled.connect(lambda on: self.pages.setCurrentIndex(0 if on else 1))
        has_two_goals = len(ws.goals) >= 2
        self.link_choice.setEnabled(has_two_goals)
        (self.link_choice if has_two_goals else self.goal_choice).setChecked(True)
        self.pages.setCurrentIndex(0 if has_two_goals else 1)

    def _goal_combo(self, ws: Workshop, name: str, upwards: bool) -> QComboBox:
        """Goals grouped by band; nothing chosen at first, so a link is never suggested by accident."""
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(24)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setPlaceholderText(self.tr("Choose a goal…"))
        bands = [Band.STRATEGY, Band.CUSTOMER_FACING, Band.SUPPORT]
        order = {band: index for index, band in enumerate(bands if upwards else reversed(bands))}
        functions = {f.id: f for f in ws.functions}
        for goal in sorted(ws.goals, key=lambda g: order[ws.band_of(g, functions)]):
            function = functions.get(goal.function_id or "")
            colour = function.colour if function is not None else STRATEGY_COLOUR
            combo.addItem(swatch(colour), _label(goal, functions), goal.id)
            combo.setItemData(combo.count() - 1, plain_tooltip(goal.text), Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(-1)
        return combo

    def request(self) -> dict:
        """What was entered, as keyword arguments for the panel: kind 'link' or 'goal'."""
        common = {"author": self.author_edit.text(), "reason": self.reason_edit.toPlainText().strip()}
        if self.link_choice.isChecked():
            return {
                "kind": SuggestionKind.LINK,
                "source": self.source_combo.currentData(),
                "target": self.target_combo.currentData(),
                **common,
            }
        return {
            "kind": SuggestionKind.GOAL,
            "text": self.goal_text.toPlainText().strip(),
            "function_id": self.function_combo.currentData(),
            **common,
        }

    def apply(self) -> None:
        problem = self._submit(self.request())
        if problem is None:
            self.accept()
            return
        self.error.setText(problem)
        self.error.show()
