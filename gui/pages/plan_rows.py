"""The Plan page's recommendation rows and the cards that hold them, refreshed in place.

A decline takes a recommendation out of its visits into "Not in this plan now" and moves the other
visits' dates. A card keeps a row per recommendation and refreshes its labels and button; rows and
cards no longer in the plan wait hidden for the restore. Rebuilding the cards instead cost a decline
~13 ms of its frame (issue 10).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.reasons import phrases
from core.vocabulary import Area, RecommendationStatus, Reply, ScreeningId, Tool
from gui.labels import area_name, dated, tool_name
from gui.pages.base import label
from gui.words import ui

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import Recommendation

REASONS = ("reason_patient", "reason_cost", "reason_not_now", "reason_judgement")  # their words in [rows_plan]
Decline = Callable[[Tool, Area | None, str], None]
Restore = Callable[[Tool, Area | None], None]


def drop_focus(widget: QWidget) -> None:
    """Take the keyboard focus out of `widget` before it hides or shows another recommendation: hidden
    with the focus in it, Qt hands the focus to the next control and scrolls the page to it."""
    focus = QApplication.focusWidget()
    if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
        focus.clearFocus()


def rec_name(kb: KnowledgeBase, tool: Tool, area: Area | None) -> str:
    return f"{tool_name(kb, tool)} — {area_name(kb, area)}"


def because(kb: KnowledgeBase, lines: list[str]) -> str:
    return "; ".join(phrases(lines, kb))


def deferred(kb: KnowledgeBase, rec: Recommendation) -> str:
    """Why it is not now, and when to look at it again, in the clinic's words."""
    text, words = kb.text(), ui().rows_plan
    by = rec.deferred_by
    if isinstance(by, ScreeningId):
        why = words.fill("deferred_answer", reply=text.replies[Reply.YES], question=text.screening[by].question)
    elif by is not None and by.value in text.flags:
        why = words.fill("deferred_flag", action=text.flags[by.value].action)
    else:
        why = words.deferred_now
    return words.fill("again", why=why, date=dated(kb, rec.reconsider)) if rec.reconsider else why


class RecRow(QWidget):
    """One recommendation: its name, why (or why not now), and Decline… or Restore."""

    def __init__(self, kb: KnowledgeBase, decline: Decline, restore: Restore, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb, self._decline, self._restore = kb, decline, restore
        self.rec: Recommendation | None = None
        self.first = True
        self.name = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        outer.addLayout(top)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = label("", self, "strong")
        text.addWidget(self.title)
        self.instead = label("", self)  # shown for an alternative to a contraindicated tool
        text.addWidget(self.instead)
        self.detail = label("", self)  # why, or why not now
        text.addWidget(self.detail)
        top.addLayout(text, 1)
        self.button = QPushButton(self)
        self.button.clicked.connect(self._tapped)
        top.addWidget(self.button)
        self.outer = outer
        self.reasons: DeclineReasons | None = None  # built on the first 'Decline…': most rows never are

    def set_rec(self, rec: Recommendation, first: bool) -> None:
        if self.rec == rec and self.first == first:
            return
        if self._means(self.rec, self.first) != self._means(rec, first):
            # Another recommendation, or another button: the focus and the reasons do not carry over.
            drop_focus(self)
            if self.reasons is not None:
                self.reasons.reset(rec_name(self.kb, rec.tool, rec.area))
        self.rec, self.first = rec, first
        self.name = name = rec_name(self.kb, rec.tool, rec.area)
        words = ui().rows_plan
        self.setAccessibleName(words.fill("rec_name", name=name))
        key = f"{rec.tool.value}/{rec.area.value if rec.area else ''}/{rec.status.value}"
        self.setProperty("rec" if first else "repeat", key)
        self.setProperty("repeat" if first else "rec", None)
        self.title.setText(name)
        instead = rec.alternative_to
        self.instead.setText(words.fill("instead", tool=tool_name(self.kb, instead)) if instead else "")
        self.instead.setVisible(instead is not None)
        detail = self._detail(rec, first)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        declined = rec.status is RecommendationStatus.DECLINED
        if declined or first:
            self.button.setText(words.restore if declined else words.decline_more)
            self.button.setAccessibleName(words.fill("restore_name" if declined else "decline_name", name=name))
        self.button.setVisible(declined or first)

    def forget(self) -> None:
        """Put away (hidden until a card needs the row again): shown again, it is filled afresh."""
        drop_focus(self)
        self.rec = None
        if self.reasons is not None:
            self.reasons.reset(self.name)

    def put_away(self) -> None:
        """Its card is put away: shown again, the row is as new (reasons shut), as it shows the same."""
        drop_focus(self)
        if self.reasons is not None and not self.reasons.isHidden():
            self.reasons.reset(self.name)

    @staticmethod
    def _means(rec: Recommendation | None, first: bool) -> tuple[object, ...]:
        """What the row's button does: decline or restore which recommendation, or nothing."""
        if rec is None:
            return ()
        return rec.tool, rec.area, rec.status is RecommendationStatus.DECLINED, first

    def _detail(self, rec: Recommendation, first: bool) -> str:
        if rec.status is RecommendationStatus.HELD:
            asks = "; ".join(self.kb.text().screening[item].missing for item in rec.held_by)
            return ui().rows_plan.fill("held", asks=asks)
        if rec.status is RecommendationStatus.DEFERRED:
            return deferred(self.kb, rec)
        if rec.status is RecommendationStatus.DECLINED:
            return ui().rows_plan.fill("declined", reason=rec.declined_reason)
        return because(self.kb, rec.because) if first else ""

    def _tapped(self) -> None:
        rec = self.rec
        if rec is None:
            return
        if rec.status is RecommendationStatus.DECLINED:
            self._restore(rec.tool, rec.area)
        elif self.reasons is None:
            self.reasons = DeclineReasons(self.name, self._declined, self)
            self.outer.addWidget(self.reasons)
            self.reasons.show()
        else:
            self.reasons.setVisible(not self.reasons.isVisible())

    def _declined(self, reason: str) -> None:
        if self.rec is not None:
            self._decline(self.rec.tool, self.rec.area, reason)


class DeclineReasons(QWidget):
    """Why a recommendation is declined: four reasons, or one typed; `declined(reason)` on a choice."""

    def __init__(self, name: str, declined: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("reasons")
        self._declined = declined
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        words = ui().rows_plan
        grid.addWidget(label(words.why_declined, self, "hint"), 0, 0, 1, 2)
        self.buttons: list[QPushButton] = []
        for index, key in enumerate(REASONS):  # two a row: the labels fit a 1280-wide column
            reason = getattr(words, key)
            button = QPushButton(reason, self)
            button.clicked.connect(lambda _=False, r=reason: self._declined(r))
            grid.addWidget(button, 1 + index // 2, index % 2)
            self.buttons.append(button)
        self.other = QLineEdit(self)
        self.other.setPlaceholderText(words.other)
        self.other.setMaxLength(2000)
        grid.addWidget(self.other, 3, 0)
        self.confirm = QPushButton(words.decline, self)
        self.confirm.clicked.connect(self._confirm_other)
        grid.addWidget(self.confirm, 3, 1)
        self.missing = label(words.reason_missing, self, "reason")
        self.missing.hide()
        grid.addWidget(self.missing, 4, 0, 1, 2)
        self._name(name)

    def reset(self, name: str) -> None:
        """Shut, empty, and named for the row's new recommendation."""
        self.hide()
        self.other.clear()
        self.missing.hide()
        self._name(name)

    def _name(self, name: str) -> None:
        words = ui().rows_plan
        for button, key in zip(self.buttons, REASONS, strict=True):
            button.setAccessibleName(words.fill("reason_name", name=name, reason=getattr(words, key)))
        self.other.setAccessibleName(words.fill("other_name", name=name))
        self.confirm.setAccessibleName(words.fill("confirm_name", name=name))
        self.missing.setAccessibleName(words.fill("missing_name", name=name))

    def _confirm_other(self) -> None:
        reason = self.other.text().strip()
        self.missing.setVisible(not reason)
        if reason:
            self._declined(reason)


class RecCard(QFrame):
    """A card of recommendation rows: a session (a heading, why, its treatments, a note) or the held
    and the not-now lists (rows only). A row is kept for its recommendation: the rows that stay are
    left as they are, one no longer there waits hidden for a plan that has it again."""

    def __init__(self, kb: KnowledgeBase, decline: Decline, restore: Restore, parent: QWidget) -> None:
        super().__init__(parent)
        self.kb, self._decline, self._restore = kb, decline, restore
        self.setProperty("role", "card")
        self.inner = QVBoxLayout(self)
        self.inner.setContentsMargins(16, 12, 16, 12)
        self.inner.setSpacing(8)
        self.heading = label("", self, "strong")
        self.why = label("", self, "hint")
        self.note = label("", self, "hint")
        for widget in (self.heading, self.why, self.note):
            widget.hide()
            self.inner.addWidget(widget)
        self.rows: dict[tuple[Tool, Area | None], RecRow] = {}

    def put_away(self) -> None:
        """Hidden while the plan has no such card: back, it shows its rows as new."""
        for row in self.rows.values():
            row.put_away()

    def set_session(self, accessible: str, heading: str, why: str, note: str) -> None:
        self.setAccessibleName(accessible)
        for widget, text in ((self.heading, heading), (self.why, why), (self.note, note)):
            widget.setText(text)
            if widget.isHidden() == bool(text):
                widget.setVisible(bool(text))

    def set_rows(self, rows: list[tuple[Recommendation, bool]]) -> None:
        """(recommendation, first) a row, in order; `first` is false for a later visit of a series (no
        button)."""
        shown: list[RecRow] = []
        for rec, first in rows:
            row = self.rows.get((rec.tool, rec.area))
            if row is None:
                row = self.rows[(rec.tool, rec.area)] = RecRow(self.kb, self._decline, self._restore, self)
                row.hide()  # shown below, in its place
            row.set_rec(rec, first)
            shown.append(row)
        for row in self.rows.values():
            if row not in shown and not row.isHidden():
                row.forget()
                row.hide()
        start = self.inner.indexOf(self.why) + 1
        for index, row in enumerate(shown, start):
            item = self.inner.itemAt(index)
            if item is None or item.widget() is not row:
                if (at := self.inner.indexOf(row)) >= 0:
                    self.inner.takeAt(at)
                self.inner.insertWidget(index, row)
            if row.isHidden():
                row.show()
