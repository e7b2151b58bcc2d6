"""The via-negativa round: what works against alignment, recorded so the analysis and the report see it.

KPIs and incentives, the tensions between them, disclosed weaknesses, and decisions with one owner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.document import Document
from ui.guide.widgets import ID_ROLE, RemovableList, StepWidget, fill_combo
from ui.plain_text import plain_label
from workshop import user_ops
from workshop.guide import Step
from workshop.model import Collection, KpiScope, Workshop
from workshop.text import shorten


def _line(parent: QWidget, placeholder: str, accessible: str) -> QLineEdit:
    line = QLineEdit(parent)
    line.setPlaceholderText(placeholder)
    line.setAccessibleName(accessible)
    return line


class _EditInPlace:
    """Click an entry of the step's list to change it in the form above: the form loads it and its
    button saves the entry instead of adding one; "New" (or a save) goes back to adding."""

    def __init__(
        self,
        step: StepWidget,
        entries: RemovableList,
        button: QPushButton,
        load: Callable[[str], bool],
        clear: Callable[[], None],
    ) -> None:
        self._step, self._button, self._load, self._clear = step, button, load, clear
        self._add_text = button.text()
        self.editing_id: str | None = None
        self.new_button = QPushButton(step.tr("New"), step)
        self.new_button.setAccessibleName(step.tr("Stop editing and add a new entry instead"))
        self.new_button.hide()
        self.new_button.clicked.connect(self.stop)
        entries.itemClicked.connect(self._pick)
        entries.itemActivated.connect(self._pick)

    def _pick(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ID_ROLE)
        if entry_id and self._load(entry_id):
            self.editing_id = entry_id
            self._button.setText(self._step.tr("Save changes"))
            self.new_button.show()

    def set_add_text(self, text: str) -> None:
        """The button's label while adding (the slim strip's is shorter than the desk's)."""
        self._add_text = text
        if self.editing_id is None:
            self._button.setText(text)

    def stop(self) -> None:
        self.editing_id = None
        self._button.setText(self._add_text)
        self.new_button.hide()
        self._clear()

    def forget_if_gone(self, present: set[str]) -> None:
        """An entry removed (or undone away) while it was in the form: the form goes back to adding."""
        if self.editing_id is not None and self.editing_id not in present:
            self.stop()


def _ticked(entries: RemovableList) -> list[str]:
    return [
        entries.item(i).data(ID_ROLE)
        for i in range(entries.count())
        if entries.item(i).checkState() == Qt.CheckState.Checked
    ]


def _tick_functions(entries: RemovableList, ws: Workshop, ticked: set[str]) -> None:
    entries.fill([(f.name, f.id) for f in ws.functions], [f.id in ticked for f in ws.functions])


class KpisStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.function = QComboBox(self)
        self.function.setAccessibleName(self.tr("Function measured by the KPI"))
        self.name = _line(self, self.tr("KPI, e.g. New contracts signed"), self.tr("KPI name"))
        self.rewards = _line(self, self.tr("What it rewards"), self.tr("What the KPI rewards"))
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(self.tr("Local or shared KPI"))
        self.scope.addItem(self.tr("Local (this function's own result)"), KpiScope.LOCAL.value)
        self.scope.addItem(self.tr("Shared (a result of the whole company)"), KpiScope.SHARED.value)
        self.incentive = _line(self, self.tr("Bonus or other reward tied to it (optional)"), self.tr("Incentive"))
        self.add_button = QPushButton(self.tr("Add KPI"), self)
        self.add_button.clicked.connect(self.submit)
        for line in (self.name, self.rewards, self.incentive):
            line.returnPressed.connect(self.submit)
        self.kpis = RemovableList(self.tr("KPIs and incentives"), self._remove, self)
        form = QFormLayout()
        form.addRow(self.tr("Function"), self.function)
        form.addRow(self.tr("KPI"), self.name)
        form.addRow(self.tr("Rewards"), self.rewards)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow(self.tr("Incentive"), self.incentive)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.kpis)
        self.refresh()

    def tab_chain(self) -> list[QWidget]:
        return [self.function, self.name, self.rewards, self.scope, self.incentive, self.add_button, self.kpis]

    def slim_hidden(self) -> list[QWidget]:
        """The incentive is optional: the strip keeps what the KPI is and what it rewards."""
        return [self.incentive]

    def refresh(self) -> None:
        ws = self.ws
        fill_combo(self.function, [(f.name, f.id) for f in ws.functions])
        names = {f.id: f.name for f in ws.functions}
        lines = []
        for kpi in ws.kpis:
            parts = [f"{names.get(kpi.function_id, '?')}: {kpi.name}"]
            if kpi.rewards:
                parts.append(self.tr("rewards %s") % kpi.rewards)
            parts.append(self.tr("local") if kpi.scope == KpiScope.LOCAL else self.tr("shared"))
            if kpi.incentive:
                parts.append(self.tr("incentive: %s") % kpi.incentive)
            lines.append(("  —  ".join(parts), kpi.id))
        self.kpis.fill(lines)

    def primary_input(self) -> QWidget:
        return self.name

    def submit(self) -> None:
        name, function_id = self.name.text().strip(), self.function.currentData()
        if not name:
            return
        if function_id is None:
            self.message.emit(self.tr("Add the functions first (set-up)."))
            return
        outcome = self.run(
            user_ops.add_kpi,
            function_id,
            name,
            rewards=self.rewards.text().strip(),
            scope=self.scope.currentData(),
            incentive=self.incentive.text().strip(),
        )
        if outcome.ok:
            for line in (self.name, self.rewards, self.incentive):
                line.clear()
            self.name.setFocus()

    def _remove(self, _row: int, kpi_id: str | None) -> None:
        if kpi_id:
            self.run(user_ops.remove_kpi, kpi_id)


class TensionsStep(StepWidget):
    """Tensions as a checklist: ticking one marks it resolved, so open ones stay visible as findings."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.kpi = QComboBox(self)
        self.kpi.setAccessibleName(self.tr("KPI that works against"))
        self.against = QComboBox(self)
        self.against.setAccessibleName(self.tr("KPI or goal it works against"))
        self.why = _line(self, self.tr("Why, in a sentence"), self.tr("Why they clash"))
        self.why.returnPressed.connect(self.submit)
        self.add_button = QPushButton(self.tr("Add tension"), self)
        self.add_button.clicked.connect(self.submit)
        self.tensions = RemovableList(self.tr("Tensions; ticked means resolved"), self._remove, self)
        self.tensions.itemChanged.connect(self._toggled)
        form = QFormLayout()
        form.addRow(self.tr("This KPI"), self.kpi)
        form.addRow(self.tr("works against"), self.against)
        form.addRow(self.tr("because"), self.why)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        self.hint = plain_label(self.tr("Tick a tension once the room has resolved it."), "guideHint")
        layout.addWidget(self.hint)
        layout.addWidget(self.tensions)
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        return [self.hint]

    def tab_chain(self) -> list[QWidget]:
        return [self.kpi, self.against, self.why, self.add_button, self.tensions]

    def _label(self, item_id: str) -> str:
        kpi = self._kpis.get(item_id)
        if kpi is not None:
            return f"{self._names.get(kpi.function_id, '?')}: {kpi.name}"
        goal = self._goals.get(item_id)
        if goal is None:
            return "?"
        owner = self._names.get(goal.function_id or "", self.tr("Strategy"))
        return f"{owner}: {shorten(goal.text, 60)}"

    def refresh(self) -> None:
        ws = self.ws
        self._names = {f.id: f.name for f in ws.functions}
        self._kpis = {k.id: k for k in ws.kpis}
        self._goals = {g.id: g for g in ws.goals}
        kpis = [(self._label(k.id), k.id) for k in ws.kpis]
        fill_combo(self.kpi, kpis)
        fill_combo(self.against, kpis + [(self.tr("Goal — ") + self._label(g.id), g.id) for g in ws.goals])
        if self.against.count() > 1 and self.against.currentData() == self.kpi.currentData():
            self.against.setCurrentIndex(1)  # a KPI cannot work against itself: offer the next one
        lines = []
        for tension in ws.tensions:
            text = f"{self._label(tension.kpi_id)}  ⟂  {self._label(tension.against_id)}"
            if tension.description:
                text += f"\n{tension.description}"
            lines.append((text, tension.id))
        self.tensions.fill(lines, [t.resolved for t in ws.tensions])
        self.add_button.setEnabled(bool(kpis))

    def primary_input(self) -> QWidget:
        return self.kpi

    def submit(self) -> None:
        kpi_id, against_id = self.kpi.currentData(), self.against.currentData()
        if kpi_id is None or against_id is None:
            self.message.emit(self.tr("Record the KPIs first (previous step)."))
            return
        if self.run(user_ops.add_tension, kpi_id, against_id, self.why.text().strip()).ok:
            self.why.clear()

    def _toggled(self, item: QListWidgetItem) -> None:
        resolved = item.checkState() == Qt.CheckState.Checked
        self.run(user_ops.update_tension, item.data(ID_ROLE), resolved=resolved)

    def _remove(self, _row: int, tension_id: str | None) -> None:
        if tension_id:
            self.run(user_ops.remove_item, Collection.TENSIONS, tension_id)


class WeaknessesStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.function = QComboBox(self)
        self.function.setAccessibleName(self.tr("Function disclosing the weakness"))
        self.what = _line(self, self.tr("What is fragile, in a sentence"), self.tr("Weakness"))
        self.what.returnPressed.connect(self.submit)
        self.affected = RemovableList(self.tr("Functions affected"), None, self)
        self.add_button = QPushButton(self.tr("Disclose weakness"), self)
        self.add_button.clicked.connect(self.submit)
        self.weaknesses = RemovableList(self.tr("Disclosed weaknesses (click one to change it)"), self._remove, self)
        self.editing = _EditInPlace(self, self.weaknesses, self.add_button, self._load, self._clear)
        form = QFormLayout()
        form.addRow(self.tr("Function"), self.function)
        form.addRow(self.tr("Weakness"), self.what)
        form.addRow(self.tr("Affects (Space ticks)"), self.affected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button, 1)
        buttons.addWidget(self.editing.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.weaknesses)
        self.refresh()

    def tab_chain(self) -> list[QWidget]:
        return [self.function, self.what, self.affected, self.add_button, self.editing.new_button, self.weaknesses]

    def slim_refreshed(self) -> None:
        self.editing.set_add_text(self.tr("Disclose"))

    def refresh(self) -> None:
        ws = self.ws
        self.editing.forget_if_gone({w.id for w in ws.weaknesses})
        fill_combo(self.function, [(f.name, f.id) for f in ws.functions])
        _tick_functions(self.affected, ws, set(_ticked(self.affected)))
        names = {f.id: f.name for f in ws.functions}
        lines = []
        for weakness in ws.weaknesses:
            text = f"{names.get(weakness.function_id, '?')}: {weakness.description}"
            if weakness.affected_function_ids:
                affected = ", ".join(names.get(fid, "?") for fid in weakness.affected_function_ids)
                text += "  —  " + self.tr("affects %s") % affected
            lines.append((text, weakness.id))
        self.weaknesses.fill(lines)

    def primary_input(self) -> QWidget:
        return self.what

    def _load(self, weakness_id: str) -> bool:
        weakness = self.ws.find(Collection.WEAKNESSES, weakness_id)
        if weakness is None:
            return False
        self.function.setCurrentIndex(max(0, self.function.findData(weakness.function_id)))
        self.what.setText(weakness.description)
        _tick_functions(self.affected, self.ws, set(weakness.affected_function_ids))
        return True

    def _clear(self) -> None:
        self.what.clear()
        _tick_functions(self.affected, self.ws, set())

    def submit(self) -> None:
        what, function_id = self.what.text().strip(), self.function.currentData()
        if not what or function_id is None:
            return
        affected = _ticked(self.affected)
        if self.editing.editing_id is not None:
            fields = {"function_id": function_id, "description": what, "affected_function_ids": affected}
            outcome = self.run(user_ops.update_weakness, self.editing.editing_id, **fields)
        else:
            outcome = self.run(user_ops.add_weakness, function_id, what, affected)
        if outcome.ok:
            self.editing.stop()

    def _remove(self, _row: int, weakness_id: str | None) -> None:
        if weakness_id:
            self.run(user_ops.remove_item, Collection.WEAKNESSES, weakness_id)


class DecisionsStep(StepWidget):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.what = _line(self, self.tr("What was decided, or has to be"), self.tr("Decision"))
        self.owner = _line(self, self.tr("The one person who decides"), self.tr("Owner of the decision"))
        self.has_due = QCheckBox(self.tr("Due by"), self)
        self.has_due.setAccessibleName(self.tr("The decision has a due date"))
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDate(QDate.currentDate().addDays(14))
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.heard = RemovableList(self.tr("Functions heard before deciding"), None, self)
        self.add_button = QPushButton(self.tr("Record decision"), self)
        self.add_button.clicked.connect(self.submit)
        for line in (self.what, self.owner):
            line.returnPressed.connect(self.submit)
        self.decisions = RemovableList(self.tr("Decisions (click one to change it)"), self._remove, self)
        self.editing = _EditInPlace(self, self.decisions, self.add_button, self._load, self._clear)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.addRow(self.tr("Decision"), self.what)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("When"), due_row)
        form.addRow(self.tr("Heard (Space ticks)"), self.heard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button, 1)
        buttons.addWidget(self.editing.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.decisions)
        self.refresh()

    def tab_chain(self) -> list[QWidget]:
        return [
            self.what,
            self.owner,
            self.has_due,
            self.due,
            self.heard,
            self.add_button,
            self.editing.new_button,
            self.decisions,
        ]

    def slim_hidden(self) -> list[QWidget]:
        """The strip records the decision being made; the ones already made are listed at the desk
        and in the report (a list of long decisions left the strip no height for who was heard)."""
        return [self.decisions]

    def slim_refreshed(self) -> None:
        self.editing.set_add_text(self.tr("Record"))

    def refresh(self) -> None:
        ws = self.ws
        self.editing.forget_if_gone({d.id for d in ws.decisions})
        _tick_functions(self.heard, ws, set(_ticked(self.heard)))
        names = {f.id: f.name for f in ws.functions}
        lines = []
        for decision in ws.decisions:
            owner = self.tr("owner: %s") % decision.owner if decision.owner else self.tr("NO OWNER YET")
            text = f"{decision.text}  —  {owner}"
            if decision.due is not None:
                text += "  —  " + self.tr("by %s") % decision.due.isoformat()
            if decision.heard_function_ids:
                heard = ", ".join(names.get(fid, "?") for fid in decision.heard_function_ids)
                text += "  —  " + self.tr("heard: %s") % heard
            lines.append((text, decision.id))
        self.decisions.fill(lines)

    def primary_input(self) -> QWidget:
        return self.what

    def _load(self, decision_id: str) -> bool:
        decision = self.ws.find(Collection.DECISIONS, decision_id)
        if decision is None:
            return False
        self.what.setText(decision.text)
        self.owner.setText(decision.owner)
        self.has_due.setChecked(decision.due is not None)
        if decision.due is not None:
            self.due.setDate(QDate(decision.due.year, decision.due.month, decision.due.day))
        _tick_functions(self.heard, self.ws, set(decision.heard_function_ids))
        return True

    def _clear(self) -> None:
        self.what.clear()
        self.owner.clear()
        self.has_due.setChecked(False)
        _tick_functions(self.heard, self.ws, set())

    def submit(self) -> None:
        what = self.what.text().strip()
        if not what:
            return
        due = None
        if self.has_due.isChecked():
            date = self.due.date()
            due = dt.date(date.year(), date.month(), date.day())
        fields = {"owner": self.owner.text().strip(), "due": due, "heard_function_ids": _ticked(self.heard)}
        if self.editing.editing_id is not None:
            outcome = self.run(user_ops.update_decision, self.editing.editing_id, text=what, **fields)
        else:
            outcome = self.run(user_ops.add_decision, what, **fields)
        if outcome.ok:
            self.editing.stop()
            self.what.setFocus()

    def _remove(self, _row: int, decision_id: str | None) -> None:
        if decision_id:
            self.run(user_ops.remove_item, Collection.DECISIONS, decision_id)
