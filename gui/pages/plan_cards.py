"""The Plan page's cards that a tap changes: refreshed in place, their widgets kept (issue 10).

A decline changes the summary, the upkeep and the cost; OK on the keypad changes a dose and its label
check. Each card here keeps its labels and fields and sets their text, so the tap pays for new text,
not for new widgets and their style sheet, and the field just edited is the one still shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.consultation import MAX_ML, MAX_UNITS
from core.reasons import source_detail, source_title
from core.vocabulary import Area
from gui.labels import area_name, dated, day, money
from gui.pages.base import label, restyle
from gui.pages.plan_rows import because, rec_name
from gui.widgets.bars import DimensionBars
from gui.widgets.keypad import KeypadField
from gui.words import ui

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import Cost, DimensionScores, DoseCheck, Flag, Plan

SetAmount = Callable[[Area, float | None], None]  # a dose in units, a filler volume in mL; None clears it


class Card(QFrame):
    def __init__(self, parent: QWidget, role: str = "card") -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.inner = QVBoxLayout(self)
        self.inner.setContentsMargins(16, 12, 16, 12)
        self.inner.setSpacing(8)


class Lines:
    """Rows of labels, as many as the plan has: the rows there are reused, the rest hidden. `make(i)`
    builds and places row i's labels."""

    def __init__(self, make: Callable[[int], list[QLabel]]) -> None:
        self.make = make
        self.rows: list[list[QLabel]] = []

    def set(self, texts: list[tuple[str, ...]]) -> None:
        while len(self.rows) < len(texts):
            row = self.make(len(self.rows))
            for widget in row:
                widget.hide()  # shown below, with the others
            self.rows.append(row)
        for index, row in enumerate(self.rows):
            wanted = index < len(texts)
            for column, widget in enumerate(row):
                if wanted:
                    widget.setText(texts[index][column])
                if widget.isHidden() == wanted:
                    widget.setVisible(wanted)


class TextCard(Card):
    """A heading and one paragraph (the synergies)."""

    def __init__(self, heading: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.inner.addWidget(label(heading, self, "section"))
        self.text = label("", self)
        self.inner.addWidget(self.text)

    def set_text(self, text: str) -> None:
        self.text.setText(text)


class SourceLink(QWidget):
    """A source by its short title; one tap shows the detail (and hides it again)."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget, source: str = "") -> None:
        super().__init__(parent)
        self.kb = kb
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.button = QPushButton(self)
        self.button.setProperty("role", "quiet")
        self.button.setMinimumHeight(48)
        self.button.setStyleSheet("text-align: right;" if ui().rtl else "text-align: left;")
        self.detail = label("", self, "hint")
        self.detail.setVisible(False)
        self.button.clicked.connect(lambda: self.detail.setVisible(not self.detail.isVisible()))
        layout.addWidget(self.button)
        layout.addWidget(self.detail)
        self.source = ""
        if source:
            self.set_source(source)

    def set_source(self, source: str) -> None:
        if source == self.source:
            return
        self.source = source
        title = source_title(source, self.kb)
        self.button.setText(ui().cards.fill("source_button", title=title))
        self.button.setAccessibleName(ui().cards.fill("source", title=title))
        self.detail.setText(source_detail(source, self.kb))
        self.detail.setVisible(False)


class FlagCard(Card):
    """A flag: what it says, what to do, because, and its source. A new total or dose changes the
    words of the budget and dose flags, not the card."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb = kb
        self.message = label("", self, "strong")
        self.action = label("", self)
        self.because = label("", self, "hint")
        self.source = SourceLink(kb, self)
        for widget in (self.message, self.action, self.because, self.source):
            self.inner.addWidget(widget)

    def put_away(self) -> None:
        """Hidden while the plan has no such flag: back, its source detail is shut, as a new one's."""
        self.source.detail.hide()

    def set_flag(self, flag: Flag) -> None:
        role = {"stop": "stop", "caution": "caution"}.get(flag.severity.value, "info")
        if self.property("role") != role:
            restyle(self, role)
        self.setAccessibleName(ui().cards.fill("flag_name", code=flag.code.value))
        self.setProperty("flag", flag.code.value)
        self.message.setText(dated(self.kb, flag.message))
        self.action.setText(dated(self.kb, flag.action) if flag.action else "")
        self.action.setVisible(bool(flag.action))
        self.because.setText(ui().cards.fill("because", why=because(self.kb, flag.because)))
        self.source.set_source(flag.source)


class SummaryCard(Card):
    """At the top: how many treatments in how many visits, and the total."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent, "info")
        self.kb = kb
        row = QHBoxLayout()
        self.summary = label("", self, "strong")
        self.summary.setAccessibleName(ui().cards.summary_name)
        row.addWidget(self.summary, 1)
        self.total = label("", self, wrap=False)
        row.addWidget(self.total)
        self.inner.addLayout(row)

    def set_plan(self, plan: Plan) -> None:
        cost, words = plan.cost, ui().cards
        if plan.paused and plan.missing and any(f.key == "wait_answers_missing" for f in plan.flags):
            role, head = "stop", words.nothing_missing
        elif plan.paused:
            role, head = "stop", words.nothing_now
        else:
            visits = [s for s in plan.sessions if s.treatments]
            head = words.fill("treatments", treatments=len(plan.planned), visits=len(visits))
            if visits:
                head += words.fill("starting", date=day(self.kb, visits[0].date))
            role = "caution" if plan.held else "info"
        for count, what in ((len(plan.held), "held"), (len(plan.deferred), "deferred"), (len(plan.removed), "removed")):
            if count:
                head += " · " + words.fill(what, count=count)
        total = words.fill("total_short", amount=money(self.kb, cost.total))
        if cost.budget is not None:
            total += words.fill("budget_short", amount=money(self.kb, cost.budget))
            total += words.within_short if cost.within_budget else words.over_short
        if self.property("role") != role:
            restyle(self, role)
        self.summary.setText(head)
        self.total.setText(total)


class ScoresCard(Card):
    """Movement · Quality · Structure, and the dominant dimension."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb = kb
        self.inner.addWidget(label(ui().cards.scores, self, "section"))
        self.bars = DimensionBars(kb, self)
        self.inner.addWidget(self.bars)
        self.dominant = label("", self)
        self.dominant.setAccessibleName(ui().cards.dominant_name)
        self.inner.addWidget(self.dominant)

    def set_scores(self, scores: DimensionScores) -> None:
        self.bars.set_scores(scores)
        names = self.kb.text().dimensions
        words = ui().cards
        if scores.dominant is None:
            summary = words.no_dimension
        else:
            summary = words.fill("dominant", name=names[scores.dominant].name)
            if scores.secondary:
                summary += words.fill("secondary", names=", ".join(names[d].name for d in scores.secondary))
        self.dominant.setText(summary)


class AmountsCard(Card):
    """Planned doses (units, checked against the label) or filler volumes (mL), an area a row. Built for
    one set of areas; a new amount sets its field's value, so the field just edited stays."""

    def __init__(self, kb: KnowledgeBase, areas: list[Area], set_amount: SetAmount, parent: QWidget, *,
                 doses: bool) -> None:
        super().__init__(parent)
        self.kb = kb
        self.fields: dict[Area, KeypadField] = {}
        self.notes: dict[Area, QLabel] = {}
        words = ui().cards
        if doses:
            self.inner.addWidget(label(words.doses, self, "section"))
        else:
            self.inner.addWidget(label(words.volumes, self, "section"))
            self.inner.addWidget(label(words.volumes_hint, self, "hint"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for index, area in enumerate(areas):
            name = area_name(kb, area)
            grid.addWidget(label(name, self, wrap=False), index, 0)
            if doses:
                self.notes[area] = note = label("", self, "hint", wrap=False)  # the label check, with a dose
                note.hide()
                grid.addWidget(note, index, 3)
                self._label_dose(grid, index, area, name, set_amount)
                field = KeypadField(words.fill("dose_name", area=name), self, unit="U", high=MAX_UNITS, beside=self)
            else:
                field = KeypadField(words.fill("volume_name", area=name), self, unit="mL", high=MAX_ML, decimals=2,
                                    beside=self, title=words.fill("volume_title", area=name))
            field.value_changed.connect(lambda v, a=area: set_amount(a, v))
            grid.addWidget(field, index, 1)
            self.fields[area] = field
        grid.setColumnStretch(4 if doses else 2, 1)
        self.inner.addLayout(grid)

    def _label_dose(self, grid: QGridLayout, index: int, area: Area, name: str, set_dose: SetAmount) -> None:
        label_dose = self.kb.facts.label_doses.get(area)
        if label_dose is not None:
            # One tap for the label dose (most upper-face doses are it); any other dose on the keypad.
            units = f"{label_dose.units:g}"
            quick = QPushButton(ui().cards.fill("label_dose", units=units), self)
            quick.setAccessibleName(ui().cards.fill("label_dose_name", area=name, units=units))
            quick.setFixedHeight(52)
            quick.clicked.connect(lambda _=False, a=area, u=label_dose.units: set_dose(a, u))
            grid.addWidget(quick, index, 2)

    def set_amounts(self, amounts: dict[Area, float], checks: list[DoseCheck]) -> None:
        by_area = {c.area: c for c in checks}
        for area, field in self.fields.items():
            field.set_value(amounts.get(area))
            note = self.notes.get(area)
            if note is None:
                continue
            check = by_area.get(area)
            text = ""
            if check is not None and check.label_units is not None:
                words = ui().cards
                text = words.fill("label_check", units=f"{check.label_units:g}") + (
                    "" if check.within_label else words.above_label)
            note.setText(text)
            if note.isHidden() == bool(text):
                note.setVisible(bool(text))
            name = area_name(self.kb, area)
            field.title = " · ".join(filter(None, (ui().cards.fill("units_title", area=name), text)))


class UpkeepCard(Card):
    """Maintenance: each treatment's next due date and interval; the annual assessment."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb = kb
        self.inner.addWidget(label(ui().cards.maintenance, self, "section"))
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        self.inner.addLayout(grid)

        def item(index: int) -> list[QLabel]:
            name, due = label("", self), label("", self, "hint")
            grid.addWidget(name, 2 * index, 0)
            grid.addWidget(due, 2 * index + 1, 0)
            return [name, due]

        self.items = Lines(item)
        self.annual = label("", self, "strong")
        self.annual.hide()
        self.inner.addWidget(self.annual)

    def set_plan(self, plan: Plan) -> None:
        words = ui().cards
        self.items.set([(rec_name(self.kb, item.tool, item.area),
                         words.fill("next_due", date=day(self.kb, item.next_due), days=item.interval_days))
                        for item in plan.maintenance])
        annual = plan.annual_assessment
        self.annual.setText(words.fill("annual", date=day(self.kb, annual)) if annual is not None else "")
        self.annual.setVisible(annual is not None)


class CostCard(Card):
    """Plain labels in a grid: a rich-text table costs a text document layout on every change."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb = kb
        self.inner.addWidget(label(ui().cards.cost, self, "section"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        self.inner.addLayout(grid)

        def line(row: int) -> list[QLabel]:
            labels = [label("", self), label("", self, wrap=False), label("", self, wrap=False)]
            grid.addWidget(labels[0], row, 0)
            for column in (1, 2):
                grid.addWidget(labels[column], row, column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            return labels

        self.lines = Lines(line)
        self.total = label("", self, "strong")
        self.total.setAccessibleName(ui().cards.total_name)
        self.inner.addWidget(self.total)
        self.budget = label("", self)
        self.budget.setAccessibleName(ui().cards.budget_name)
        self.budget.hide()
        self.inner.addWidget(self.budget)
        self.estimate = label("", self, "hint")
        self.inner.addWidget(self.estimate)

    def set_cost(self, cost: Cost) -> None:
        words = ui().cards
        self.lines.set([(rec_name(self.kb, line.tool, line.area),
                         words.fill("times", quantity=line.quantity, price=money(self.kb, line.unit_price)),
                         money(self.kb, line.amount)) for line in cost.lines])
        self.total.setText(words.fill("total", amount=money(self.kb, cost.total)))
        self.total.setProperty("amount", str(cost.total))
        if cost.budget is not None:
            verdict = words.within if cost.within_budget else words.over
            self.budget.setText(words.fill("budget", amount=money(self.kb, cost.budget), verdict=verdict))
        self.budget.setVisible(cost.budget is not None)
        estimate = money(self.kb, cost.twelve_month_estimate)
        self.estimate.setText(words.fill("estimate", amount=estimate))
