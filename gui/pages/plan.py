"""Page 9, Plan: what core plans for the draft, redrawn on every change; declining goes back to core."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.knowledge.models import AnswerRead
from core.vocabulary import Area, Tool
from gui.pages.base import ConsultPage, card, label
from gui.pages.plan_parts import LEFT, RIGHT, TOP, PlanParts
from gui.records.patient_review import waiting_line
from gui.widgets.rows import ToggleRow

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.plan import MissingAnswer, Plan

# Where each kind of screening read is answered (assets/knowledge/screening.toml `reads.kind`).
ASKED_ON = {
    "answer": "ScreeningPage",
    "appearance_screen": "ScreeningPage",
    "age_below_adult": "ConsultDetailsPage",
    "last_toxin_within_interval": "HistoryPage",
    "permanent_filler": "HistoryPage",
    "event_date": "GoalsPage",
}


class PlanPage(ConsultPage):
    TITLE = "Plan"
    SUBTITLE = "What to do, in what order, and why — recomputed on every change"

    def build(self) -> None:
        self.parts = PlanParts(self.kb, self.decline, self.restore, self.set_dose, self.set_volume, self.ask)
        self.view = QWidget(self.content)
        outer = QVBoxLayout(self.view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.error_box, error_layout = card(self.view, "stop")
        self.error = label("", self.error_box)
        error_layout.addWidget(self.error)
        self.error_box.setVisible(False)
        outer.addWidget(self.error_box)
        self.waiting_box, waiting_layout = card(self.view, "caution")  # the patient's answers not yet checked
        self.waiting_box.setAccessibleName("The patient's answers waiting")
        row = QHBoxLayout()
        self.waiting = label("", self.waiting_box, "strong")
        row.addWidget(self.waiting, 1)
        check = QPushButton("Check the patient's answers", self.waiting_box)
        check.setAccessibleName("Check the patient's answers")
        check.setMinimumHeight(52)
        check.clicked.connect(lambda: self.review_requested.emit())
        row.addWidget(check)
        waiting_layout.addLayout(row)
        self.waiting_box.setVisible(False)
        outer.addWidget(self.waiting_box)
        top, left, right = QVBoxLayout(), QVBoxLayout(), QVBoxLayout()
        for layout in (top, left, right):
            layout.setSpacing(12)
        outer.addLayout(top)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        outer.addLayout(columns)
        left.addStretch(1)
        right.addStretch(1)
        self.columns_by_name = {TOP: top, LEFT: left, RIGHT: right}
        self.cache: dict[Hashable, QWidget] = {}
        self.body.addWidget(self.view)
        choices, layout = card(self.content)
        layout.addWidget(label("Practitioner's choices", choices, "section"))
        self.same_session = ToggleRow(
            "Neuromodulator and filler in the same session", "Choice: same session", choices
        )
        self.same_session.toggled.connect(lambda on: self.edit(self.model.set_choices, same_session=on))
        layout.addWidget(self.same_session)
        self.filler_first = ToggleRow("Filler before the neuromodulator", "Choice: filler first", choices)
        self.filler_first.toggled.connect(lambda on: self.edit(self.model.set_choices, filler_first=on))
        layout.addWidget(self.filler_first)
        layout.addWidget(label("Practitioner's notes", choices, "section"))
        layout.addWidget(label("For the clinical record only; never printed for the patient.", choices, "hint"))
        self.notes = self.text_box(choices, "Practitioner's notes", lambda text: self.model.set_choices(notes=text),
                                   100)
        layout.addWidget(self.notes)
        layout.addWidget(label("Notes for the patient", choices, "section"))
        layout.addWidget(label("Printed on the patient's takeaway as typed: plain words, no diagnosis.", choices,
                               "hint"))
        self.patient_notes = self.text_box(choices, "Notes for the patient",
                                           lambda text: self.model.set_choices(patient_notes=text), 100)
        layout.addWidget(self.patient_notes)
        self.body.addWidget(choices)
        self.shown_plan: Plan | None = None

    # --- declining goes through the draft, core decides the rest --------------------------------
    def decline(self, tool: Tool, area: Area | None, reason: str) -> None:
        self.edit(self.model.decline, tool, area, reason)

    def set_dose(self, area: Area, units: float | None) -> None:
        self.edit(self.model.set_dose, area, units)

    def set_volume(self, area: Area, ml: float | None) -> None:
        self.edit(self.model.set_filler_volume, area, ml)

    def restore(self, tool: Tool, area: Area | None) -> None:
        self.edit(self.model.restore, tool, area)

    def ask(self, missing: MissingAnswer) -> None:
        """Back to the page that asks the missing answer, with that question in view (the wizard goes)."""
        read = self.kb.screening[missing.items[0]].reads
        self.question_requested.emit(ASKED_ON[read.kind], read.answer if isinstance(read, AnswerRead) else "")

    # --- page hooks -----------------------------------------------------------------------------
    def load(self, draft: Consultation) -> None:
        self.same_session.setChecked(draft.choices.same_session)
        self.filler_first.setChecked(draft.choices.filler_first)
        for box, text in ((self.notes, draft.choices.notes), (self.patient_notes, draft.choices.patient_notes)):
            if box.toPlainText() != text:
                box.setPlainText(text)

    def changed(self, draft: Consultation) -> None:
        waiting = self.model.pending_edits
        self.waiting.setText(waiting_line(len(waiting)) if waiting else "")
        self.waiting_box.setVisible(bool(waiting))
        self.redraw()

    def redraw(self) -> None:
        """Show core's plan. Sections are keyed by their content: unchanged ones are reused."""
        plan = self.plan
        self.shown_plan = plan
        if plan is None:
            self.error.setText(self.plan_error or "The plan cannot be computed.")
            self.error_box.setVisible(True)
            parts = []
        else:
            self.error_box.setVisible(False)
            choices = self.model.draft.choices
            doses = {d.area: d.units for d in choices.doses}
            volumes = {v.area: v.ml for v in choices.filler_volumes}
            parts = self.parts.parts(plan, doses, volumes)
        old = self.cache
        self.cache = {}
        wanted: dict[str, list[QWidget]] = {name: [] for name in self.columns_by_name}
        fresh: list[QWidget] = []
        for column, key, build in parts:
            widget = old.pop(key, None)
            if widget is None:
                widget = build(self.view)
                fresh.append(widget)
            self.cache[key] = widget
            wanted[column].append(widget)
            if plan is not None:
                self.parts.update(key, widget, plan)
        for widget in old.values():
            widget.hide()
            widget.deleteLater()
        focus = QApplication.focusWidget()
        self.view.hide()  # one show and one layout pass for all new sections, not one per section
        for widget in fresh:
            widget.show()  # under a hidden parent this only marks it shown; no layout runs yet
        for name, layout in self.columns_by_name.items():
            _place(layout, wanted[name])
        self.view.show()
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus()  # hiding the view took the keyboard focus away


def _place(layout: QBoxLayout, wanted: list[QWidget]) -> None:
    """Put `wanted` in order before the trailing stretch, moving only what changed: the sections
    that stay keep their layout items, and so their cached heights."""
    keep = set(wanted)
    for index in reversed(range(layout.count())):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is not None and widget not in keep:
            layout.takeAt(index)
    for index, widget in enumerate(wanted):
        item = layout.itemAt(index)
        if item is not None and item.widget() is widget:
            continue
        at = layout.indexOf(widget)
        if at >= 0:
            layout.takeAt(at)
        layout.insertWidget(index, widget)
