"""At start, after a crash or a flat battery: offer the unfinished consult, and ask before restoring.

Nothing is discarded without a second, explicit yes; "Later" keeps the draft for the next start.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from core.dates import show_date, show_moment
from core.records import StoredDraft


class Choice(Enum):
    RESUME = "resume"
    LATER = "later"
    DISCARD = "discard"


def describe(draft: StoredDraft, others: int, locale: str) -> str:
    """The question, with the dates in the clinic's locale and the time in this computer's local time."""
    name = draft.consultation.patient.name or "a patient not named yet"
    saved = show_moment(draft.updated_at, locale)
    text = (f"Thirds found an unfinished consultation for {name} "
            f"(consult of {show_date(draft.consultation.consult_date, locale)}), last saved on {saved}.\n\n"
            "Resume it where it was left?")
    if draft.copy_of:
        text = ("This is the copy a window kept when another window took its consultation over: the answers "
                "made there after its last save. The other window's consultation is separate.\n\n" + text)
    if others:
        text += f"\n\n{others} older unfinished consultation(s) are kept and offered next time."
    return text


class RecoveryPrompt(QMessageBox):
    def __init__(self, draft: StoredDraft, others: int, parent: QWidget | None, *, locale: str) -> None:
        super().__init__(QMessageBox.Icon.Question, "Resume the consultation?", describe(draft, others, locale),
                         parent=parent)
        self.setAccessibleName("Recovery prompt")
        self.resume = self.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        self.later = self.addButton("Not now, keep it", QMessageBox.ButtonRole.RejectRole)
        self.discard = self.addButton("Discard it…", QMessageBox.ButtonRole.DestructiveRole)
        for button, name in ((self.resume, "Resume"), (self.later, "Keep for later"),
                             (self.discard, "Discard draft")):
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
    box = QMessageBox(QMessageBox.Icon.Warning, "Discard the unfinished consultation?",
                      "Its answers will be deleted for good.", parent=parent)
    box.setAccessibleName("Confirm discard")
    yes = box.addButton("Delete it", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is yes
