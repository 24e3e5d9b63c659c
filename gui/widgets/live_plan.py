"""A one-line summary of the plan so far, shown under the face maps and the skin page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from core.vocabulary import DIMENSION_ORDER, FlagSeverity
from gui.labels import dated, money
from gui.widgets.wrapping import WrappingLabel, lay_out_now
from gui.words import ui

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan


class LivePlan(QFrame):
    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb
        self.setProperty("role", "info")
        self.setAccessibleName(ui().widgets.live_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.text = WrappingLabel(self)  # rich text: a text document laid out for each height asked
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)

    def show_plan(self, plan: Plan | None) -> None:
        if plan is None:
            self._set_text(ui().widgets.live_error)
            return
        names = self.kb.text().dimensions
        scores = " · ".join(f"{names[d].name} {plan.scores.of(d)}" for d in DIMENSION_ORDER)
        planned = len(plan.planned)
        visits = sum(1 for s in plan.sessions if s.treatments)
        words = ui().widgets
        parts = [words.fill("live_head", scores=escape(scores))]
        if plan.scores.dominant is not None:
            parts.append(escape(words.fill("live_dominant", name=names[plan.scores.dominant].name)))
        one = planned == 1 and visits == 1
        parts.append(words.live_count_one if one else words.fill("live_count", planned=planned, visits=visits))
        for count, what in ((len(plan.held), "live_held"), (len(plan.deferred), "live_deferred")):
            if count:
                parts.append(words.fill(what, count=count))
        parts.append(escape(money(self.kb, plan.cost.total)))
        stops = [dated(self.kb, f.message) for f in plan.flags if f.severity is FlagSeverity.STOP]
        text = " — ".join(parts)
        if stops:
            text += ui().widgets.fill("live_stop", messages=escape(" ".join(stops)))
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        """A summary of another height moves the page below it: laid out before the next frame."""
        width = self.text.width()
        before = self.text.heightForWidth(width)
        self.text.setText(text)
        if self.isVisible() and self.text.heightForWidth(width) != before:
            lay_out_now(self)
