"""Set-up steps: the strategic goals, the functions in the room, and customer-facing goals traced to strategy."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui.document import Document
from ui.guide.widgets import ID_ROLE, AddLine, RemovableList, StepWidget, fill_combo
from ui.plain_text import plain_label
from ui.wrapping_button import WrappingButton
from workshop import user_ops
from workshop.analysis.reach import strategic_targets_all
from workshop.guide import Step
from workshop.model import FunctionKind, Workshop
from workshop.text import shorten

COMBO_CHARS = 80
"""Longest goal text in a combo box: a long goal must not push the guide wider than its dock."""


class StrategyStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.goals = RemovableList(self.tr("Strategic goals"), self._remove, self)
        self.add_line = AddLine(
            self.tr("Type a strategic goal and press Enter"), self.tr("New strategic goal"), self._add, self
        )
        self.hint = plain_label(self.tr("Delete removes the selected goal (undo brings it back)."), "guideHint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.add_line)
        layout.addWidget(self.goals)
        layout.addWidget(self.hint)
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        return [self.hint]

    def refresh(self) -> None:
        self.goals.fill([(g.text, g.id) for g in self.ws.strategic_goals()])

    def tab_chain(self) -> list[QWidget]:
        return [self.add_line, self.goals]

    def primary_input(self) -> QWidget:
        return self.add_line

    def _add(self, text: str) -> bool:
        return self.run(user_ops.add_goal, text).ok

    def _remove(self, _row: int, goal_id: str | None) -> None:
        if goal_id:
            self.run(user_ops.remove_goal, goal_id)


class FunctionsStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.functions = RemovableList(self.tr("Functions"), self._remove, self)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of the new function"))
        self.kind.addItem(self.tr("Customer-facing"), FunctionKind.CUSTOMER_FACING.value)
        self.kind.addItem(self.tr("Support"), FunctionKind.SUPPORT.value)
        self.add_line = AddLine(self.tr("Type a function's name and press Enter"), self.tr("New function"), self._add)
        row = QHBoxLayout()
        row.addWidget(self.add_line, 1)
        row.addWidget(self.kind)
        self.hint = plain_label(self.tr("Delete removes the selected function with its goals."), "guideHint")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.functions)
        layout.addWidget(self.hint)
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        return [self.hint]

    def tab_chain(self) -> list[QWidget]:
        return [self.add_line, self.kind, self.functions]

    def refresh(self) -> None:
        names = {FunctionKind.CUSTOMER_FACING: self.tr("customer-facing"), FunctionKind.SUPPORT: self.tr("support")}
        self.functions.fill([(f"{f.name}  ({names[f.kind]})", f.id) for f in self.ws.functions])

    def primary_input(self) -> QWidget:
        return self.add_line

    def _add(self, name: str) -> bool:
        return self.run(user_ops.add_function, name, self.kind.currentData()).ok

    def _remove(self, _row: int, function_id: str | None) -> None:
        if function_id:
            self.run(user_ops.remove_function, function_id)


class CustomerFacingStep(StepWidget):
    """Each customer-facing goal, whether it is traced to strategy, and a quick way to add or trace one."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.goals = RemovableList(self.tr("Customer-facing goals and what they serve"), None, self)
        self.function = QComboBox(self)
        self.function.setAccessibleName(self.tr("Function of the new goal"))
        self.serves = QComboBox(self)
        self.serves.setAccessibleName(self.tr("Strategic goal it serves"))
        self.add_line = AddLine(
            self.tr("Type a customer-facing goal and press Enter"), self.tr("New customer-facing goal"), self._add
        )
        self.trace_button = WrappingButton(self.tr("Trace the selected goal to this strategic goal"), self)
        self.trace_button.clicked.connect(self._trace_selected)
        form = QFormLayout()
        form.addRow(self.tr("Function"), self.function)
        form.addRow(self.tr("Goal"), self.add_line)
        form.addRow(self.tr("Serves"), self.serves)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.goals)
        layout.addWidget(self.trace_button)
        self.refresh()

    def slim_texts(self) -> dict[QWidget, str]:
        return {self.trace_button: self.tr("Trace the selected goal")}

    def tab_chain(self) -> list[QWidget]:
        return [self.function, self.add_line, self.serves, self.goals, self.trace_button]

    def refresh(self) -> None:
        ws = self.ws
        facing = [f for f in ws.functions if f.kind == FunctionKind.CUSTOMER_FACING]
        fill_combo(self.function, [(f.name, f.id) for f in facing])
        fill_combo(self.serves, [(shorten(g.text, COMBO_CHARS), g.id) for g in ws.strategic_goals()])
        lines = GoalLines.of(self.document)
        facing_ids = {f.id for f in facing}
        self.goals.fill([(lines.line(g.id), g.id) for g in ws.goals if g.function_id in facing_ids])
        self.add_line.setEnabled(bool(facing))

    def primary_input(self) -> QWidget:
        return self.add_line

    def _add(self, text: str) -> bool:
        function_id, strategic_id = self.function.currentData(), self.serves.currentData()
        if function_id is None:
            self.message.emit(self.tr("Add a customer-facing function first (previous step)."))
            return False

        label = self.tr("Add customer-facing goal")
        return self.run(user_ops.add_linked_goal, function_id, None, strategic_id, label=label, text=text).ok

    def _trace_selected(self) -> None:
        item = self.goals.currentItem()
        if item is None or self.serves.currentData() is None:
            self.message.emit(self.tr("Select a goal in the list and a strategic goal first."))
            return
        self.run(user_ops.link, item.data(ID_ROLE), self.serves.currentData())


class GoalLines:
    """Labels for goals with their trace to strategy, from one pass over the links.

    'Sales: Match products… → Increase customer loyalty', or a plain 'not traced' warning. Built
    once per refresh: tracing goal by goal would walk every link once per goal shown. "Traced" is
    the analysis's reach, so a goal the findings call untraced never shows an arrow here.
    """

    def __init__(self, ws: Workshop, targets: Mapping[str, list[str]] | None = None) -> None:
        self.goals = {g.id: g for g in ws.goals}
        self.names = {f.id: f.name for f in ws.functions}
        self.targets = strategic_targets_all(ws) if targets is None else targets

    @classmethod
    def of(cls, document: Document) -> GoalLines:
        """The lines of the document's workshop as it stands, with the trace shared by every view that
        reads it in this state (`Document.derived`)."""
        return cls(document.workshop, document.derived(strategic_targets_all))

    def traced(self, goal_id: str) -> bool:
        return goal_id in self.targets

    def line(self, goal_id: str, *, with_owner: bool = True) -> str:
        goal = self.goals.get(goal_id)
        if goal is None:
            return ""
        owner = self.names.get(goal.function_id or "") if with_owner else None
        prefix = f"{owner}: " if owner else ""
        targets = [self.goals[t].text for t in self.targets.get(goal_id, ())]
        if targets:
            return f"{prefix}{goal.text}  →  {'; '.join(targets)}"
        return f"✗ {prefix}{goal.text}  —  " + QCoreApplication.translate("guide", "not traced to strategy")
