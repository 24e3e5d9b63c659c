"""Handing the tablet to the patient and back (gui/records/patient_mode.py does the locking), and a
file given at start while the tablet was with the patient: held, unread, until the practitioner's PIN."""

from __future__ import annotations

from pathlib import Path

import shiboken6

from gui.records.drafts import DraftKeeping, tell
from gui.records.pin_pad import choose_pin
from gui.words import ui


class PatientHandover(DraftKeeping):
    """Patient mode's entries, answered with the draft kept (DraftKeeping)."""

    held_file: Path | None  # a file given at start in patient mode: opened after the PIN

    def hand_to_patient(self) -> bool:
        if not self.lock.has_pin and not choose_pin(self.wizard, self.lock):
            return False
        if self.autosaver is not None:
            self.autosaver.flush()
        return self.mode.enter()

    def hold_file(self, path: Path) -> None:
        """Thirds was started with a file in remembered patient mode: the consultation in progress
        resumes, locked, and the file waits, unread, until the practitioner's PIN (then it is offered)."""
        self.held_file = path
        self.recover()
        if not self.mode.active:  # patient mode could not resume (no PIN any more): open it now
            self._open_held()

    def _left_patient_mode(self, active: bool) -> None:
        if active or self.held_file is None:
            return
        review = self.wizard.review
        if review is not None and shiboken6.isValid(review) and review.isVisible():
            review.finished.connect(self._open_held)  # after the practitioner has checked the answers
        else:
            self._open_held()

    def _open_held(self, *_: object) -> None:
        path, self.held_file = self.held_file, None
        if path is None:
            return
        from core.cli import CliError, read_consultation

        question = ui().records_window.fill("held_file", name=path.name)
        if not self.wizard.confirm(self.wizard, question):
            return
        try:
            consultation = read_consultation(path)
        except CliError as error:
            tell(self.wizard, str(error))
            return
        self.records.actor = consultation.practitioner
        self.start(consultation)
