"""Taking the tablet back: what the patient answered, for the practitioner to check.

Every answer the patient gave or changed, earlier → patient's answer, in words (questions and replies
from the text file), safety answers first. A changed safety answer does not count until it is
confirmed: "Confirm" makes it count, "Keep earlier answer" leaves the draft as it was; one tap each.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from core.patient_edits import review_order
from core.takeaway.edits import edit_question, edit_status, edit_words
from core.takeaway.words import Words
from gui.pages.base import card, label, restyle
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import PatientEdit
    from gui.draft import DraftModel

TARGET = 52  # touch targets: at least 48 px


def waiting_line(count: int) -> str:
    """The line the review and the Plan page show while safety answers wait for the practitioner."""
    words = ui().patient_review
    return words.waiting_one if count == 1 else words.fill("waiting_many", n=count)


def _button(text: str, name: str, parent: QWidget, role: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setMinimumHeight(TARGET)
    button.setMinimumWidth(150)
    if role:
        button.setProperty("role", role)
    return button


class PatientReview(QDialog):
    """The answers at `indexes` of the draft's `patient_edits`; decisions go through the draft model."""

    def __init__(self, model: DraftModel, indexes: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert model.kb is not None
        self.model, self.kb, self.indexes = model, model.kb, indexes
        self.words = Words(self.kb)
        words = ui().patient_review
        self.setWindowTitle(words.window_title)
        self.setAccessibleName(words.name)
        self.setModal(True)
        self.resize(1120, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        outer.setSpacing(10)
        outer.addWidget(label(words.title, self, "title"))
        outer.addWidget(label(words.intro, self, "subtitle"))
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        outer.addWidget(self.scroll_area, 1)
        self.waiting = label("", self, "reason")
        self.waiting.setAccessibleName(words.waiting_name)
        outer.addWidget(self.waiting)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.confirm_all = _button(words.confirm_all, words.confirm_all, self)
        self.confirm_all.clicked.connect(self._confirm_all)
        bar.addWidget(self.confirm_all)
        self.done_button = _button(words.done, words.done, self)
        self.done_button.clicked.connect(self.accept)
        bar.addWidget(self.done_button)
        outer.addLayout(bar)
        self.rows: QWidget | None = None
        self._redraw()

    # --- decisions go through the model, then the list is drawn again -----------------------------
    def _decide(self, index: int, confirm: bool) -> None:
        problem = self.model.decide_edit(index, confirm)
        self._redraw()
        if problem:
            self.waiting.setText(problem)

    def _confirm_all(self) -> None:
        problem = self.model.confirm_all_edits()
        self._redraw()
        if problem:
            self.waiting.setText(problem)

    def _redraw(self) -> None:
        edits = self.model.draft.patient_edits
        if self.rows is not None:
            self.rows.deleteLater()
        self.rows = QWidget(self.scroll_area)
        body = QVBoxLayout(self.rows)
        body.setContentsMargins(0, 0, 8, 0)
        body.setSpacing(10)
        order = review_order(self.model.draft, [i for i in self.indexes if i < len(edits)])
        words = ui().patient_review
        for safety, title in ((True, words.safety), (False, words.other)):
            group = [i for i in order if edits[i].safety is safety]
            if group:
                body.addWidget(label(title, self.rows, "section"))
                for index in group:
                    body.addWidget(self._row(index, edits[index]))
        body.addStretch(1)
        self.scroll_area.setWidget(self.rows)
        waiting = [i for i in self.indexes if i < len(edits) and edits[i].status == "pending"]
        self.waiting.setText(waiting_line(len(waiting)) if waiting else words.all_decided)
        self.confirm_all.setEnabled(bool(waiting))
        done = words.decide_later if waiting else words.done  # closing leaves them pending, and the Plan page says so
        self.done_button.setText(done)
        self.done_button.setAccessibleName(done)
        restyle(self.done_button, "" if waiting else "primary")

    def _row(self, index: int, edit: PatientEdit) -> QFrame:
        question = edit_question(self.kb, edit.path)
        assert self.rows is not None  # drawn into the list `_redraw` makes
        row, layout = card(self.rows, "caution" if edit.status == "pending" else "card")
        words = ui().patient_review
        row.setAccessibleName(words.fill("row_name", question=question))
        line = QHBoxLayout()
        line.setSpacing(16)
        text = QVBoxLayout()
        text.addWidget(label(question, row, "strong"))
        before = edit_words(self.kb, edit.path, edit.before, self.words)
        after = edit_words(self.kb, edit.path, edit.after, self.words)
        # rich text, its arrow pointing the way the language reads (&nbsp;: plain spaces would collapse)
        change = label(words.fill("change", before=escape(before), after=escape(after)), row, rich=True)
        change.setAccessibleName(words.fill("change_name", question=question))
        text.addWidget(change)
        line.addLayout(text, 1)
        if edit.status == "pending":
            confirm = _button(words.confirm, words.fill("confirm_name", question=question), row, "primary")
            confirm.clicked.connect(lambda _=False, i=index: self._decide(i, True))
            keep = _button(words.keep, words.fill("keep_name", question=question), row)
            keep.clicked.connect(lambda _=False, i=index: self._decide(i, False))
            line.addWidget(confirm, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addWidget(keep, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            status = QLabel(edit_status(self.words, edit), row)
            status.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
            status.setProperty("role", "hint")
            status.setAccessibleName(words.fill("status_name", question=question))
            line.addWidget(status, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(line)
        return row
