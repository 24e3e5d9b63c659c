"""At start, after a crash or a flat battery: offer the unfinished consult, and ask before restoring.

Nothing is discarded without a second, explicit yes; "Later" keeps the draft for the next start.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from core.dates import show_date, show_moment
from core.records import StoredDraft
from gui.widgets.question import Icon, Role, ask
from gui.words import ui


class Choice(Enum):
    RESUME = "resume"
    LATER = "later"
    DISCARD = "discard"


def describe(draft: StoredDraft, others: int, locale: str) -> str:
    """The question, with the dates in the clinic's locale and the time in this computer's local time."""
    words = ui().recovery
    text = words.fill("found", name=draft.consultation.patient.name or words.no_name,
                      date=show_date(draft.consultation.consult_date, locale),
                      moment=show_moment(draft.updated_at, locale))
    if draft.copy_of:
        text = words.copy + "\n\n" + text
    if others:
        text += "\n\n" + words.fill("older", n=others)
    return text


class RecoveryPrompt(QMessageBox):
    def __init__(self, draft: StoredDraft, others: int, parent: QWidget | None, *, locale: str) -> None:
        words = ui().recovery
        super().__init__(QMessageBox.Icon.Question, words.title, describe(draft, others, locale), parent=parent)
        self.setAccessibleName(words.name)
        self.resume = self.addButton(words.resume, QMessageBox.ButtonRole.AcceptRole)
        self.later = self.addButton(words.later, QMessageBox.ButtonRole.RejectRole)
        self.discard = self.addButton(words.discard, QMessageBox.ButtonRole.DestructiveRole)
        for button, name in ((self.resume, words.resume_name), (self.later, words.later_name),
                             (self.discard, words.discard_name)):
            button.setAccessibleName(name)
            button.setMinimumSize(160, 52)
        self.setDefaultButton(self.resume)
        self.setEscapeButton(self.later)

    def choice(self) -> Choice:
        clicked = self.clickedButton()
        if clicked is self.resume:
            return Choice.RESUME
        if clicked is self.discard:
            return Choice.DISCARD
        return Choice.LATER


def confirm_discard(parent: QWidget | None) -> bool:
    words = ui().recovery
    return ask(parent, Icon.Warning, words.discard_title, words.discard_text,
               [(True, words.delete, Role.DestructiveRole), (False, words.keep, Role.RejectRole)],
               safe=False, name=words.confirm_name)
