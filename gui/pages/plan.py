"""Page 9, Plan: what core plans for the draft, redrawn on every change; declining goes back to core."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QPoint, Qt
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
from gui.pages.plan_parts import LEFT, RIGHT, TOP, Part, PlanParts
from gui.pages.plan_rows import drop_focus
from gui.records.patient_review import waiting_line
from gui.widgets.rows import ToggleRow
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.plan import MissingAnswer, Plan

_NOTHING = object()  # what a new widget shows: any content differs from it
KEPT_HIDDEN = 16  # sections kept hidden for the next plan that has them again (a restore, say); the oldest go


@runtime_checkable
class PutAway(Protocol):
    """A section kept hidden for a later plan, that puts away what a tap left open in it."""

    def put_away(self) -> None: ...


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
    WORDS = "plan"

    def build(self) -> None:
        words = ui().plan
        self.parts = PlanParts(self.kb, self.decline, self.restore, self.set_dose, self.set_volume, self.ask)
        self.view = QWidget(self.content)
        for widget in (self.view, self.content):  # a decline resizes them: repaint what changed, not all
            widget.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        outer = QVBoxLayout(self.view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        self.error_box, error_layout = card(self.view, "stop")
        self.error = label("", self.error_box)
        error_layout.addWidget(self.error)
        self.error_box.setVisible(False)
        outer.addWidget(self.error_box)
        self.waiting_box, waiting_layout = card(self.view, "caution")  # the patient's answers not yet checked
        self.waiting_box.setAccessibleName(words.waiting_name)
        row = QHBoxLayout()
        self.waiting = label("", self.waiting_box, "strong")
        row.addWidget(self.waiting, 1)
        check = QPushButton(words.check, self.waiting_box)
        check.setAccessibleName(words.check)
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
        self.shown: dict[Hashable, tuple[QWidget, object, bool]] = {}  # slot: widget, its content, kept
        self.body.addWidget(self.view)
        choices, layout = card(self.content)
        layout.addWidget(label(words.choices, choices, "section"))
        self.same_session = ToggleRow(words.same_session, words.same_session_name, choices)
        self.same_session.toggled.connect(lambda on: self.edit(self.model.set_choices, same_session=on))
        layout.addWidget(self.same_session)
        self.filler_first = ToggleRow(words.filler_first, words.filler_first_name, choices)
        self.filler_first.toggled.connect(lambda on: self.edit(self.model.set_choices, filler_first=on))
        layout.addWidget(self.filler_first)
        layout.addWidget(label(words.notes, choices, "section"))
        layout.addWidget(label(words.notes_hint, choices, "hint"))
        self.notes = self.text_box(choices, words.notes, lambda text: self.model.set_choices(notes=text),
                                   100)
        layout.addWidget(self.notes)
        layout.addWidget(label(words.patient_notes, choices, "section"))
        layout.addWidget(label(words.patient_notes_hint, choices, "hint"))
        self.patient_notes = self.text_box(choices, words.patient_notes,
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
        """Show core's plan: each section's widget is kept and refreshed in place when it has one
        (plan_parts), so a tap builds, lays out and paints only what changed."""
        plan = self.plan
        self.shown_plan = plan
        if plan is None:
            self.error.setText(self.plan_error or ui().plan.error)
            self.error_box.setVisible(True)
            parts = []
        else:
            self.error_box.setVisible(False)
            choices = self.model.draft.choices
            doses = {d.area: d.units for d in choices.doses}
            volumes = {v.area: v.ml for v in choices.filler_volumes}
            parts = self.parts.parts(plan, doses, volumes)
        focus = QApplication.focusWidget()
        anchor = focus.mapTo(self.content, QPoint(0, 0)).y() if focus and self.view.isAncestorOf(focus) else None
        page = [self.view, self.content]
        _lay_out(page, enabled=False)
        sections: list[QWidget] = []
        try:
            self._show_parts(parts, sections)
        finally:
            _lay_out(sections, enabled=True, rows=True)
            _lay_out(page, enabled=True)
        if focus is not None and anchor is not None and focus.hasFocus() and focus.isVisible():
            self._keep_in_place(focus, anchor)

    def _keep_in_place(self, control: QWidget, was: int) -> None:
        """The control tapped (a dose field, a label dose) stays under the finger when a section above it
        grows or shrinks (a flag comes with a dose above the label): the page scrolls by as much."""
        moved = control.mapTo(self.content, QPoint(0, 0)).y() - was
        if moved:
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # the new scroll range
            bar = self.scroll_area.verticalScrollBar()
            bar.setValue(bar.value() + moved)

    def _show_parts(self, parts: list[Part[Any]], filled: list[QWidget]) -> None:
        """Each part into its slot's widget, built, refreshed or kept as it is; the sections refreshed
        are added to `filled`, their layouts off."""
        old = self.shown
        self.shown = {}
        wanted: dict[str, list[QWidget]] = {name: [] for name in self.columns_by_name}
        for part in parts:
            held = old.pop(part.slot, None)
            if held is None:
                widget = part.build(self.view)
                widget.hide()  # shown below, once it is in place
                content: object = _NOTHING
            else:
                widget, content, _ = held
            if part.fill is not None and content != part.content:
                _lay_out([widget], enabled=False)
                filled.append(widget)
                part.fill(widget)
            self.shown[part.slot] = (widget, part.content, part.keep)
            wanted[part.column].append(widget)
        waiting = 0
        for slot, (widget, content, keep) in old.items():  # newly gone first, the longest hidden last
            if not widget.isHidden():
                drop_focus(widget)
                if isinstance(widget, PutAway):
                    widget.put_away()  # back later as a new one would be: no reasons open, no detail shown
                widget.hide()
            waiting += keep
            if keep and waiting <= KEPT_HIDDEN:  # waits, hidden, for a plan that has the section again
                self.shown[slot] = (widget, content, keep)
            else:
                widget.deleteLater()
        for name, layout in self.columns_by_name.items():
            _place(layout, wanted[name])
        for widgets in wanted.values():
            for widget in widgets:
                if widget.isHidden():
                    widget.show()


def _lay_out(widgets: list[QWidget], *, enabled: bool, rows: bool = False) -> None:
    """Lay the page out once for all the changes of one plan, not once a change: each `show()` lays out
    at once every visible parent above the widget, so a decline showing five rows laid the page out
    five times, and every wrapped label with it. Off while the plan is shown; then on, and laid out
    at once where anything changed, the innermost first (`rows`: the widgets' children with layouts,
    a section's rows; then the sections, then the page): a layout left for Qt's next pass could come
    after the frame, and show in a second one."""
    layouts = [layout for widget in widgets if (layout := widget.layout()) is not None]
    for layout in layouts:
        layout.setEnabled(enabled)
    if enabled:
        for widget in widgets if rows else ():
            for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if (inner := child.layout()) is not None:
                    inner.activate()
        for layout in layouts:
            layout.activate()


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
