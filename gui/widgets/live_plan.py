"""A one-line summary of the plan so far, shown under the face maps and the skin page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from core.vocabulary import DIMENSION_ORDER, FlagSeverity
from gui.labels import dated, money
from gui.widgets.wrapping import WrappingLabel, lay_out_now

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan


class LivePlan(QFrame):
    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb
        self.setProperty("role", "info")
        self.setAccessibleName("Plan so far")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.text = WrappingLabel(self)  # rich text: a text document laid out for each height asked
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)

    def show_plan(self, plan: Plan | None) -> None:
        if plan is None:
            self._set_text("The plan cannot be computed from these answers.")
            return
        names = self.kb.text().dimensions
        scores = " · ".join(f"{names[d].name} {plan.scores.of(d)}" for d in DIMENSION_ORDER)
        planned = len(plan.planned)
        visits = sum(1 for s in plan.sessions if s.treatments)
        parts = [f"<b>Plan so far:</b> {scores}"]
        if plan.scores.dominant is not None:
            parts.append(f"dominant: {names[plan.scores.dominant].name}")
        parts.append(f"{planned} treatment{'s' * (planned != 1)} in {visits} visit{'s' * (visits != 1)}")
        for count, what in ((len(plan.held), "held for answers"), (len(plan.deferred), "deferred")):
            if count:
                parts.append(f"{count} {what}")
        parts.append(escape(money(self.kb, plan.cost.total)))
        stops = [dated(self.kb, f.message) for f in plan.flags if f.severity is FlagSeverity.STOP]
        text = " — ".join(parts)
        if stops:
            text += "<br><b>Stop:</b> " + escape(" ".join(stops))
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        """A summary of another height moves the page below it: laid out before the next frame."""
        width = self.text.width()
        before = self.text.heightForWidth(width)
        self.text.setText(text)
        if self.isVisible() and self.text.heightForWidth(width) != before:
            lay_out_now(self)
