"""The four internal-customer questions for one support function, and the direct-impact check.

Every input writes the answer into the model at once (relations, goals, links), so the goal tree
grows on the board while the room is still talking.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.document import Document
from ui.guide.setup_steps import COMBO_CHARS, GoalLines
from ui.guide.widgets import ID_ROLE, AddLine, NoteEdit, RemovableList, StepWidget, fill_combo
from ui.plain_text import plain_label
from ui.wrapping_button import WrappingButton
from workshop import user_ops
from workshop.guide import Step
from workshop.model import Band, Collection, FunctionKind, LinkKind, ServiceRelation, band_of_function
from workshop.text import shorten


def _tr(text: str) -> str:
    return QCoreApplication.translate("guide", text)


class QuestionStep(StepWidget):
    """A question: its inputs (built by the subclass into `self.body`) and the room's free note."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.function_id: str = step.function_id or ""
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)

    def add_note(self) -> None:
        """Called last by each question, so the note is also last when tabbing through the inputs."""
        self.note = NoteEdit(self.tr("Note on question %d") % (self.step.question or 0), self)
        self.note.setPlaceholderText(self.tr("The room's own words (optional)"))
        self.note.textChanged.connect(self._note_typed)
        self.note_label = plain_label(self.tr("Note"), "guideFieldLabel")
        layout = self.layout()
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)

    def slim_hidden(self) -> list[QWidget]:
        """The room's note is written at the desk: in the strip the question's inputs come first."""
        return [self.note_label, self.note]

    def refresh(self) -> None:
        self.refresh_answers()

    def refresh_answers(self) -> None:
        """Cheap on purpose: it runs after every key typed into the note."""
        answer = self.ws.answer(self.function_id, self.step.question or 0)
        self.note.show_text(answer.note if answer is not None else "")

    def _note_typed(self) -> None:
        self.run(
            user_ops.set_answer,
            self.function_id,
            self.step.question,
            note=self.note.toPlainText(),
            merge_key=f"guide-note:{self.function_id}:{self.step.question}",
        )

    def relations(self) -> list[ServiceRelation]:
        return self.ws.relations_of(self.function_id)

    def function_name(self, function_id: str) -> str:
        function = self.ws.function(function_id)
        return function.name if function is not None else "?"


class Question1Step(QuestionStep):
    """Who do we serve: a checkable list of the other functions, plus a way to add a missing one."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.served = RemovableList(self.tr("Functions this function serves"), None, self)
        self.served.itemChanged.connect(self._toggled)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of the new function"))
        self.kind.addItem(self.tr("Customer-facing"), FunctionKind.CUSTOMER_FACING.value)
        self.kind.addItem(self.tr("Support"), FunctionKind.SUPPORT.value)
        self.add_line = AddLine(
            self.tr("Another function we serve: type its name and press Enter"),
            self.tr("New internal customer"),
            self._add,
            self,
        )
        row = QHBoxLayout()
        row.addWidget(self.add_line, 1)
        row.addWidget(self.kind)
        self.hint = plain_label(self.tr("Tick every function you serve (Space ticks)."), "guideHint")
        self.body.addWidget(self.hint)
        self.body.addWidget(self.served)
        self.body.addLayout(row)
        self.add_note()
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        return [*super().slim_hidden(), self.hint]

    def tab_chain(self) -> list[QWidget]:
        return [self.served, self.add_line, self.kind, self.note]

    def refresh(self) -> None:
        super().refresh()
        served = {r.customer_id for r in self.relations()}
        others = [f for f in self.ws.functions if f.id != self.function_id]
        self.served.fill([(f.name, f.id) for f in others], [f.id in served for f in others])

    def primary_input(self) -> QWidget:
        return self.served

    def _toggled(self, item: QListWidgetItem) -> None:
        customer_id = item.data(ID_ROLE)
        relation = next((r for r in self.relations() if r.customer_id == customer_id), None)
        if item.checkState() == Qt.CheckState.Checked and relation is None:
            self.run(user_ops.add_relation, self.function_id, customer_id)
        elif item.checkState() != Qt.CheckState.Checked and relation is not None:
            self.run(user_ops.remove_relation, relation.id)

    def _add(self, name: str) -> bool:
        kind = self.kind.currentData()

        label = self.tr("Add internal customer %s") % name
        return self.run(user_ops.add_internal_customer, self.function_id, name, kind, label).ok


class _CustomerGoals(QGroupBox):
    """Question 2 for one internal customer: its goals that matter, each with its trace to strategy."""

    def __init__(self, owner: Question2Step, relation_id: str) -> None:
        super().__init__(owner)
        self.owner = owner
        self.relation_id = relation_id
        self.goals = RemovableList("", None, self)
        self.goals.itemChanged.connect(self._toggled)
        self.add_line = AddLine(_tr("Another goal of theirs: type it and press Enter"), "", self._add, self)
        self.strategic = QComboBox(self)
        self.strategic.setAccessibleName(_tr("Strategic goal to trace to"))
        self.trace_button = WrappingButton(_tr("Trace the selected goal to"), self)
        self.trace_button.clicked.connect(self._trace)
        trace_row = QHBoxLayout()
        trace_row.addWidget(self.trace_button)
        trace_row.addWidget(self.strategic, 1)
        self.via_own = plain_label("", "guideHint", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.goals)
        layout.addWidget(self.add_line)
        layout.addLayout(trace_row)
        layout.addWidget(self.via_own)

    def relation(self) -> ServiceRelation | None:
        return self.owner.ws.find(Collection.RELATIONS, self.relation_id)  # type: ignore[return-value]

    def refresh(self, lines: GoalLines | None = None) -> None:
        ws, relation = self.owner.ws, self.relation()
        if relation is None:
            return
        lines = lines or GoalLines.of(self.owner.document)
        name = self.owner.function_name(relation.customer_id)
        self.setTitle(name)
        self.goals.setAccessibleName(_tr("Goals of %s that matter to us") % name)
        self.add_line.setAccessibleName(_tr("New goal of %s") % name)
        goals = ws.goals_of(relation.customer_id)
        chosen = set(relation.customer_goal_ids)
        self.goals.fill([(lines.line(g.id, with_owner=False), g.id) for g in goals], [g.id in chosen for g in goals])
        fill_combo(self.strategic, [(shorten(g.text, COMBO_CHARS), g.id) for g in ws.strategic_goals()])
        self.trace_button.setEnabled(any(not lines.traced(g.id) for g in goals))
        # A support customer's goal linked straight to strategy goes around ITS customers (an error
        # finding, and still not traced): it is traced in that function's own questions instead.
        support = band_of_function(ws.function(relation.customer_id)) == Band.SUPPORT
        self.trace_button.setVisible(not support)
        self.strategic.setVisible(not support)
        self.via_own.setVisible(support)
        if support:
            self.via_own.setText(
                _tr(
                    "%s is a support function: its goals reach the strategy through its own internal "
                    "customers. Trace them in its own questions."
                )
                % name
            )

    def _toggled(self, item: QListWidgetItem) -> None:
        relation = self.relation()
        if relation is None:
            return
        goal_id = item.data(ID_ROLE)
        ids = [g for g in relation.customer_goal_ids if g != goal_id]
        if item.checkState() == Qt.CheckState.Checked:
            ids.append(goal_id)
        self.owner.run(user_ops.update_relation, relation.id, customer_goal_ids=ids)

    def _add(self, text: str) -> bool:
        relation = self.relation()
        if relation is None:
            return False

        return self.owner.run(user_ops.add_customer_goal, relation.id, text, _tr("Add goal of internal customer")).ok

    def _trace(self) -> None:
        item, strategic_id = self.goals.currentItem(), self.strategic.currentData()
        if item is None or strategic_id is None:
            self.owner.message.emit(_tr("Select one of their goals and a strategic goal first."))
            return
        self.owner.run(user_ops.link, item.data(ID_ROLE), strategic_id)


SECTIONS_AT_ONCE = 1
"""Internal customers' boxes built with the step: a function serving 22 internal customers of a
2,000-goal workshop froze the window 170-300 ms on the step's first visit (each box builds,
polishes and measures a list of that customer's goals). One box costs ~3.5 ms there, and the step
is built again in its other form on every projector switch: three at once made the switch's own call
7 ms longer than one (benchmarks/README.md, ninth session)."""
SECTIONS_PER_TURN = 1
"""Boxes added per later turn of the event loop. Each turn also lays out every box built so far
(~1 ms a box at 2,000 goals): three a turn made 50-90 ms blocks on the last turns, one makes 25-35."""


class _PerCustomerStep(QuestionStep):
    """A question answered once per internal customer, in one group box per customer.

    The boxes follow the relations of question 1: they are rebuilt only when the list of internal
    customers changes, so an edit inside one box does not take the cursor out of it. Past
    SECTIONS_AT_ONCE the rest are built SECTIONS_PER_TURN per turn, in order (`grown` says when some came).
    """

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None, *, hint: str = "") -> None:
        super().__init__(document, step, parent)
        self.sections: list[Any] = []  # one QGroupBox per internal customer, each with `relation_id` and `refresh()`
        self._section_ids: list[str] = []
        """The relations the boxes are for: `sections` holds the first ones while the rest are built."""
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._build_more)
        self.empty = plain_label(self.tr("No internal customers yet: answer question 1 first."), "guideEmpty")
        self.hint = plain_label(hint, "guideHint")
        self.hint.setVisible(bool(hint))
        self.body.addWidget(self.hint)
        self.body.addWidget(self.empty)
        self.customer = QComboBox(self)
        self.customer.setAccessibleName(self.tr("Internal customer shown"))
        self.customer.setToolTip(self.tr("The slim guide shows one internal customer at a time"))
        self.customer.hide()  # only in the slim strip: at the desk every customer has its box
        self.customer.currentIndexChanged.connect(self._show_chosen)
        self.body.addWidget(self.customer)
        self.section_box = QVBoxLayout()
        self.body.addLayout(self.section_box)
        self.add_note()
        self.refresh()

    def make_section(self, relation_id: str) -> QGroupBox:
        raise NotImplementedError

    def section_inputs(self, section: Any) -> list[QWidget]:
        """A section's inputs in reading order."""
        raise NotImplementedError

    def refresh_sections(self, sections: list[Any] | None = None) -> None:
        """Re-read these boxes (all built ones by default) from the model."""
        for section in self.sections if sections is None else sections:
            section.refresh()

    def refresh(self) -> None:
        super().refresh()
        ids = [r.id for r in self.relations()]
        if ids != self._section_ids:
            for section in self.sections:
                section.setParent(None)
                section.deleteLater()
            self.sections = []
            self._section_ids = ids
            self._start_building()
        self.refresh_sections()
        self.empty.setVisible(not ids)

    def leave(self) -> None:
        self._more.stop()  # no boxes for a step nobody sees

    def building(self) -> bool:
        """Some internal customers' boxes are still to be built (a later turn adds them; the strip
        builds one when it is chosen)."""
        return self._more.isActive() and not self.slim

    def finish_building(self) -> None:
        """Build every box now (before reading them all, e.g. in a test or a script)."""
        self._more.stop()
        self._build_now(self._unbuilt())

    def box_for(self, relation_id: str) -> Any | None:
        """The box of this internal customer, built now if it is not yet (None: no such customer)."""
        if relation_id not in self._section_ids:
            return None
        if relation_id in self._unbuilt():
            self._build_now([relation_id])
        return next(box for box in self.sections if box.relation_id == relation_id)

    def _unbuilt(self) -> list[str]:
        built = {section.relation_id for section in self.sections}
        return [rid for rid in self._section_ids if rid not in built]

    def _start_building(self) -> None:
        """The first boxes now (the caller fills them), the rest in later turns; the strip builds only
        the customer chosen (`_show_chosen`)."""
        self._build(self._unbuilt()[:SECTIONS_AT_ONCE])
        if self._unbuilt() and not self.slim:
            self._more.start()

    def _build(self, relation_ids: list[str]) -> list[Any]:
        added = [self.make_section(rid) for rid in relation_ids]
        for section in added:
            self.section_box.addWidget(section)
        self.sections.extend(added)
        return added

    def _build_now(self, relation_ids: list[str]) -> None:
        """Build these boxes after the step was shown: filled from the model, announced to the panel."""
        added = self._build(relation_ids)
        if added:
            self.refresh_sections(added)
            self.grown.emit()

    def _build_more(self) -> None:
        if not self.slim:
            self._build_now(self._unbuilt()[:SECTIONS_PER_TURN])
            if self._unbuilt():
                self._more.start()

    def primary_input(self) -> QWidget | None:
        chosen = self.customer.currentData() if self.slim else None
        shown = [s for s in self.sections if chosen is None or s.relation_id == chosen]
        return self.section_inputs(shown[0])[0] if shown else None

    def tab_chain(self) -> list[QWidget]:
        chooser = [self.customer] if self.slim else []
        return [*chooser, *(w for s in self.sections for w in self.section_inputs(s)), self.note]

    def slim_hidden(self) -> list[QWidget]:
        return [*super().slim_hidden(), self.hint]

    def slim_refreshed(self) -> None:
        """One internal customer at a time, chosen above its box: three boxes of lists do not fit a
        strip's height, and the room talks about one customer at a time anyway."""
        fill_combo(self.customer, [(self.customer_name(rid), rid) for rid in self._section_ids])
        self.customer.setVisible(len(self._section_ids) > 1)
        self._show_chosen()

    def customer_name(self, relation_id: str) -> str:
        relation = self.ws.find(Collection.RELATIONS, relation_id)
        return self.function_name(relation.customer_id) if relation is not None else "?"  # type: ignore[union-attr]

    def _show_chosen(self) -> None:
        """The strip shows the chosen customer's box, built when first chosen: of a function's 22
        internal customers the room looks at one at a time, and each box costs ~8 ms to build."""
        if not self.slim:
            return
        chosen = self.customer.currentData()
        if chosen in self._unbuilt():
            self._build_now([chosen])
        for section in self.sections:
            section.setVisible(section.relation_id == chosen)


class Question2Step(_PerCustomerStep):
    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        hint = _tr(
            "Tick the goals that matter. → names the strategic goal each one serves; "
            "✗ marks a goal not traced to strategy."
        )
        super().__init__(document, step, parent, hint=hint)

    def make_section(self, relation_id: str) -> _CustomerGoals:
        return _CustomerGoals(self, relation_id)

    def section_inputs(self, section: _CustomerGoals) -> list[QWidget]:
        return [section.goals, section.add_line, section.trace_button, section.strategic]

    def refresh_sections(self, sections: list[Any] | None = None) -> None:
        lines = GoalLines.of(self.document)  # one trace pass for every box, while the workshop stays as it is
        for section in self.sections if sections is None else sections:
            section.refresh(lines)


class _HelpsHindrances(QGroupBox):
    """Question 3 for one internal customer: two honest lists."""

    def __init__(self, owner: Question3Step, relation_id: str) -> None:
        super().__init__(owner)
        self.owner = owner
        self.relation_id = relation_id
        # created in reading order, which is also the order Tab visits them
        self.add_help = AddLine(_tr("Type and press Enter"), "", lambda t: self._add("helps", t), self)
        self.helps = RemovableList("", lambda row, _id: self._remove("helps", row), self)
        self.add_hindrance = AddLine(_tr("Type and press Enter"), "", lambda t: self._add("hindrances", t), self)
        self.hindrances = RemovableList("", lambda row, _id: self._remove("hindrances", row), self)
        layout = QHBoxLayout(self)
        for title, line, entries in (
            (_tr("We help"), self.add_help, self.helps),
            (_tr("We hinder"), self.add_hindrance, self.hindrances),
        ):
            column = QVBoxLayout()
            column.addWidget(plain_label(title, "guideFieldLabel"))
            column.addWidget(line)
            column.addWidget(entries)
            layout.addLayout(column)

    def relation(self) -> ServiceRelation | None:
        return self.owner.ws.find(Collection.RELATIONS, self.relation_id)  # type: ignore[return-value]

    def refresh(self) -> None:
        relation = self.relation()
        if relation is None:
            return
        name = self.owner.function_name(relation.customer_id)
        self.setTitle(name)
        self.add_help.setAccessibleName(_tr("New way we help %s") % name)
        self.add_hindrance.setAccessibleName(_tr("New way we hinder %s") % name)
        self.helps.setAccessibleName(_tr("How we help %s") % name)
        self.hindrances.setAccessibleName(_tr("How we hinder %s") % name)
        self.helps.fill([(text, None) for text in relation.helps])
        self.hindrances.fill([(text, None) for text in relation.hindrances])

    def _add(self, field: str, text: str) -> bool:
        relation = self.relation()
        if relation is None:
            return False
        entries = [*getattr(relation, field), text]
        return self.owner.run(user_ops.update_relation, relation.id, **{field: entries}).ok

    def _remove(self, field: str, row: int) -> None:
        relation = self.relation()
        if relation is not None:
            entries = list(getattr(relation, field))
            del entries[row]
            self.owner.run(user_ops.update_relation, relation.id, **{field: entries})


class Question3Step(_PerCustomerStep):
    def make_section(self, relation_id: str) -> _HelpsHindrances:
        return _HelpsHindrances(self, relation_id)

    def section_inputs(self, section: _HelpsHindrances) -> list[QWidget]:
        return [section.add_help, section.helps, section.add_hindrance, section.hindrances]


class Question4Step(QuestionStep):
    """Our results, each added together with its link to the internal-customer goal it serves."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.results = RemovableList(self.tr("Our results and the goals they serve"), self._remove, self)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("A result we will improve or excel at"))
        self.text.setAccessibleName(self.tr("New result"))
        self.serves = QComboBox(self)
        self.serves.setAccessibleName(self.tr("Internal customer's goal it serves"))
        self.measure = QLineEdit(self)
        self.measure.setPlaceholderText(self.tr("How we will measure it (optional)"))
        self.measure.setAccessibleName(self.tr("Measure"))
        self.target = QLineEdit(self)
        self.target.setPlaceholderText(self.tr("Target (optional)"))
        self.target.setAccessibleName(self.tr("Target"))
        self.add_button = QPushButton(self.tr("Add result"), self)
        self.add_button.clicked.connect(self.submit)
        for line in (self.text, self.measure, self.target):
            line.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.addRow(self.tr("Result"), self.text)
        form.addRow(self.tr("Serves"), self.serves)
        form.addRow(self.tr("Measure"), self.measure)
        form.addRow(self.tr("Target"), self.target)
        self.body.addLayout(form)
        self.body.addWidget(self.add_button)
        self.body.addWidget(self.results)
        self.add_note()
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        """Measure and target are optional: the strip keeps the result and the goal it serves."""
        return [*super().slim_hidden(), self.measure, self.target]

    def tab_chain(self) -> list[QWidget]:
        return [self.text, self.serves, self.measure, self.target, self.add_button, self.results, self.note]

    def refresh(self) -> None:
        super().refresh()
        ws = self.ws
        relations = self.relations()
        chosen = [gid for r in relations for gid in r.customer_goal_ids]
        if not chosen:
            chosen = [g.id for r in relations for g in ws.goals_of(r.customer_id)]
        goals = {g.id: g for g in ws.goals}
        names = {f.id: f.name for f in ws.functions}
        entries = []
        for goal_id in dict.fromkeys(chosen):
            goal = goals.get(goal_id)
            if goal is not None:
                entries.append(
                    (f"{names.get(goal.function_id or '', '?')}: {shorten(goal.text, COMBO_CHARS)}", goal_id)
                )
        fill_combo(self.serves, entries)
        own = ws.goals_of(self.function_id)
        own_ids = {g.id for g in own}
        serves: dict[str, list[str]] = {}
        for link in ws.links:
            if link.source in own_ids and link.target in goals:
                serves.setdefault(link.source, []).append(goals[link.target].text)
        lines = []
        for goal in own:
            served = serves.get(goal.id, [])
            suffix = "  →  " + "; ".join(served) if served else "  —  " + self.tr("serves no goal yet")
            lines.append((goal.text + suffix, goal.id))
        self.results.fill(lines)
        self.add_button.setEnabled(bool(entries))

    def primary_input(self) -> QWidget:
        return self.text

    def submit(self) -> None:
        text, goal_id = self.text.text().strip(), self.serves.currentData()
        if not text:
            return
        if goal_id is None:
            self.message.emit(self.tr("Choose your internal customers and their goals first (questions 1 and 2)."))
            return
        measure, target = self.measure.text().strip(), self.target.text().strip()

        outcome = self.run(
            user_ops.add_linked_goal,
            self.function_id,
            None,
            goal_id,
            label=self.tr("Add result"),
            text=text,
            measure=measure,
            target=target,
        )
        if outcome.ok:
            for line in (self.text, self.measure, self.target):
                line.clear()
            self.text.setFocus()

    def _remove(self, _row: int, goal_id: str | None) -> None:
        if goal_id:
            self.run(user_ops.remove_goal, goal_id)


class DirectImpactStep(StepWidget):
    """Declare a direct-impact exception with its reason, or turn an undeclared 'around' link into one."""

    def __init__(self, document: Document, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(document, step, parent)
        self.function_id: str = step.function_id or ""
        self.links = RemovableList(self.tr("This function's links to strategic goals"), self._remove, self)
        self.goal = QComboBox(self)
        self.goal.setAccessibleName(self.tr("Goal of this function"))
        self.new_goal = QLineEdit(self)
        self.new_goal.setPlaceholderText(self.tr("…or type a new goal"))
        self.new_goal.setAccessibleName(self.tr("New goal with direct impact"))
        self.strategic = QComboBox(self)
        self.strategic.setAccessibleName(self.tr("Strategic goal moved directly"))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why no other function stands in between (required)"))
        self.reason.setAccessibleName(self.tr("Reason for the exception"))
        self.declare_button = QPushButton(self.tr("Declare direct impact"), self)
        self.declare_button.clicked.connect(self.declare)
        self.convert_button = WrappingButton(self.tr("Declare the selected link as an exception"), self)
        self.convert_button.clicked.connect(self.declare_selected)
        for line in (self.new_goal, self.reason):
            line.returnPressed.connect(self.declare)
        form = QFormLayout()
        form.addRow(self.tr("Our goal"), self.goal)
        form.addRow("", self.new_goal)
        form.addRow(self.tr("Moves"), self.strategic)
        form.addRow(self.tr("Because"), self.reason)
        self.hint = plain_label(self.tr("If not, move on: this function goes via its internal customers."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.declare_button)
        layout.addWidget(self.links)
        layout.addWidget(self.convert_button)
        self.refresh()

    def slim_hidden(self) -> list[QWidget]:
        return [self.hint]

    def slim_texts(self) -> dict[QWidget, str]:
        return {self.declare_button: self.tr("Declare"), self.convert_button: self.tr("Declare the selected link")}

    def tab_chain(self) -> list[QWidget]:
        return [
            self.goal,
            self.new_goal,
            self.strategic,
            self.reason,
            self.declare_button,
            self.links,
            self.convert_button,
        ]

    def refresh(self) -> None:
        ws = self.ws
        own = ws.goals_of(self.function_id)
        fill_combo(self.goal, [(shorten(g.text, COMBO_CHARS), g.id) for g in own])
        fill_combo(self.strategic, [(shorten(g.text, COMBO_CHARS), g.id) for g in ws.strategic_goals()])
        own_ids = {g.id for g in own}
        strategic = {g.id: g for g in ws.strategic_goals()}
        entries = []
        for link in ws.links:
            if link.source in own_ids and link.target in strategic:
                source = ws.goal(link.source)
                text = f"{source.text if source else '?'}  ⇒  {strategic[link.target].text}"
                if link.kind == LinkKind.DIRECT_IMPACT:
                    reason = link.reason or self.tr("no reason given yet")
                    entries.append((f"✓ {text}  —  {reason}", link.id))
                else:
                    entries.append((f"✗ {text}  —  " + self.tr("goes around its internal customers"), link.id))
        self.links.fill(entries)
        self.convert_button.setEnabled(bool(entries))

    def primary_input(self) -> QWidget:
        return self.new_goal

    def declare(self) -> None:
        reason, strategic_id = self.reason.text().strip(), self.strategic.currentData()
        new_text, goal_id = self.new_goal.text().strip(), self.goal.currentData()
        if not reason:
            self.message.emit(self.tr("Say why this is an exception: the reason is what makes it a decision."))
            return
        if strategic_id is None or (not new_text and goal_id is None):
            self.message.emit(self.tr("Choose one of this function's goals (or type one) and a strategic goal."))
            return

        outcome = self.run(
            user_ops.declare_direct_impact,
            self.function_id,
            strategic_id,
            reason,
            goal_id=goal_id,
            new_text=new_text,
            label=self.tr("Declare direct impact"),
        )
        if outcome.ok:
            self.new_goal.clear()
            self.reason.clear()

    def declare_selected(self) -> None:
        item, reason = self.links.currentItem(), self.reason.text().strip()
        if item is None or not reason:
            self.message.emit(self.tr("Select a link in the list and type the reason first."))
            return
        self.run(user_ops.update_link, item.data(ID_ROLE), kind=LinkKind.DIRECT_IMPACT, reason=reason)
        self.reason.clear()

    def _remove(self, _row: int, link_id: str | None) -> None:
        if link_id:
            self.run(user_ops.unlink, link_id)
