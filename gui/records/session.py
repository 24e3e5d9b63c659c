"""Records around the wizard: autosave of the one draft, recovery at start, the records and patient
mode entries, and storing the consultation when the Finish page saves or exports it.

`attach_records` is the one call gui/app.py makes; everything else stays in this package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget, QWizard
from sqlalchemy.exc import SQLAlchemyError

from core.consultation import Consultation
from core.knowledge.models import KnowledgeBase
from core.records import (
    DatabaseTooNew,
    MissingName,
    RecordNotFound,
    Records,
    StoredDraft,
    export_fhir,
    register_export,
)
from core.records.pin import PinLock
from gui.records.autosave import Autosaver
from gui.records.consult_view import ConsultView
from gui.records.patient_mode import PatientMode, walk_to
from gui.records.pin_pad import choose_pin
from gui.records.records_dialog import RecordsDialog
from gui.records.recovery import Choice, RecoveryPrompt, confirm_discard

Button = QWizard.WizardButton
LAYOUT = [Button.CustomButton1, Button.CustomButton2, Button.Stretch, Button.BackButton,
          Button.NextButton, Button.CommitButton, Button.FinishButton, Button.CancelButton]
AskRecovery = Callable[[QWidget, StoredDraft, int], Choice]
SetAside = ("The consultation in progress stays saved as an unfinished draft and is offered again at the "
            "next start. Go on?")


ERASED_SINCE = "This patient's records were erased; there is nothing left to open or export."


def ask_recovery(parent: QWidget, draft: StoredDraft, others: int, *, locale: str) -> Choice:
    prompt = RecoveryPrompt(draft, others, parent, locale=locale)
    prompt.exec()
    choice = prompt.choice()
    if choice is Choice.DISCARD and not confirm_discard(parent):
        return Choice.LATER
    return choice


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Thirds — records", text)


class RecordsSession(QObject):
    def __init__(self, wizard: Any, kb: KnowledgeBase, records: Records, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(wizard)
        self.wizard, self.kb, self.records, self.today = wizard, kb, records, today
        self.lock = PinLock(records)
        self.autosaver: Autosaver | None = None
        self.stored_revision = -1
        self.records_button = self._button(Button.CustomButton1, "Records", self.open_records)
        self.patient_button = self._button(Button.CustomButton2, "Hand to patient", self.hand_to_patient)
        wizard.setButtonLayout(LAYOUT)
        self.mode = PatientMode(wizard, self.lock, normal_layout=LAYOUT)
        self.mode.guard(self.records_button, self.patient_button)
        self.held_file: Path | None = None  # a file given at start in patient mode: opened after the PIN
        self.mode.changed.connect(self._left_patient_mode)
        wizard.model.autosaved = True
        wizard.model.draft_changed.connect(self._draft_changed)
        wizard.currentIdChanged.connect(self._page_changed)
        wizard.finished.connect(self._wizard_closed)
        wizard.model.file_written.connect(self.file_written)
        self.start()

    def _button(self, which: QWizard.WizardButton, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self.wizard)
        button.setAccessibleName(text)
        button.setMinimumSize(150, 52)
        button.clicked.connect(lambda: slot())
        self.wizard.setButton(which, button)
        return button

    # --- the draft ------------------------------------------------------------------------------
    def page_id(self) -> str:
        page = self.wizard.currentPage()
        return type(page).__name__ if page is not None else ""

    def start(self, consultation: Consultation | None = None, *, key: str | None = None,
              revision: int = 0, patient_uid: str | None = None, consultation_uid: str | None = None,
              page_id: str = "") -> None:
        """Begin (or resume) one consult: a fresh autosave key unless resuming a stored draft."""
        if self.autosaver is not None:
            self.autosaver.flush()
            self.autosaver.deleteLater()
        self.autosaver = Autosaver(self.records, self.page_id, self, key=key, revision=revision,
                                   patient_uid=patient_uid, consultation_uid=consultation_uid)
        self.autosaver.failed.connect(lambda text: tell(self.wizard, text))
        if consultation is None:
            return
        self.wizard.restart()
        self.wizard.model.load(consultation)
        self.wizard.dirty = True
        target = next((i for i in self.wizard.pageIds()
                       if type(self.wizard.page(i)).__name__ == page_id), None)
        if target is not None:
            walk_to(self.wizard, target)

    def _draft_changed(self, consultation: Consultation) -> None:
        if self.autosaver is not None:
            self.autosaver.track(consultation)

    def _page_changed(self, *_: object) -> None:
        if self.autosaver is not None:
            self.autosaver.page_changed()

    def _wizard_closed(self, *_: object) -> None:
        """Closing keeps the draft (offered again at the next start); it is written now."""
        if self.autosaver is not None:
            self.autosaver.flush()

    def recover(self, ask: AskRecovery | None = None) -> StoredDraft | None:
        """Offer the newest unfinished consult; in remembered patient mode, resume it locked."""
        ask = ask or partial(ask_recovery, locale=self.kb.settings.clinic.locale)
        drafts = self.records.drafts()
        if not drafts:
            if self.lock.patient_mode:
                self.mode.enter()
            return None
        newest = drafts[0]
        locked = self.lock.patient_mode  # the patient may not discard: resume, locked
        choice = Choice.RESUME if locked else ask(self.wizard, newest, len(drafts) - 1)
        if choice is Choice.DISCARD:
            self.records.discard_draft(newest.key)
            return None
        if choice is Choice.LATER:
            return None
        self.start(newest.consultation, key=newest.key, revision=newest.revision,
                   patient_uid=newest.patient_uid, consultation_uid=newest.consultation_uid,
                   page_id=newest.page_id)
        if locked:
            self.mode.enter()
        return newest

    # --- storing --------------------------------------------------------------------------------
    def store(self) -> bool:
        """The consultation into the records, with its plan snapshot; its draft goes in the same commit."""
        saver = self.autosaver
        assert saver is not None
        try:
            saved = self.records.save_consultation(
                self.wizard.draft, self.wizard.plan, patient_uid=saver.patient_uid,
                consultation_uid=saver.consultation_uid, draft_key=saver.key,
            )
        except (MissingName, SQLAlchemyError) as error:
            tell(self.wizard, f"The consultation was not stored in the records: {error}")
            return False
        saver.patient_uid, saver.consultation_uid = saved.patient_uid, saved.consultation_uid
        saver.forget_pending()
        return True

    def file_written(self, path: Path, kind: str) -> None:
        """The Finish page wrote a file about this patient: store the consult, remember the file."""
        if self.store() and self.autosaver is not None and self.autosaver.patient_uid:
            register_export(self.records, self.autosaver.patient_uid, Path(path), kind)

    # --- entries --------------------------------------------------------------------------------
    def _may_set_aside(self) -> bool:
        saver = self.autosaver
        if saver is None or saver.revision == 0 or not getattr(self.wizard, "dirty", False):
            return True
        confirm = getattr(self.wizard, "confirm", None)
        return True if confirm is None else bool(confirm(self.wizard, SetAside))

    def open_records(self) -> RecordsDialog:
        dialog = RecordsDialog(self.records, self.kb, self.wizard)
        dialog.patients.open_requested.connect(self.open_consult)
        dialog.patients.patient_erased.connect(self.patient_erased)
        dialog.patients.review_requested.connect(lambda uid: self._review_from(dialog, uid))
        dialog.follow_ups.review_requested.connect(lambda uid: self._review_from(dialog, uid))
        dialog.open()
        return dialog

    def _review_from(self, dialog: QWidget, patient_uid: str) -> None:
        if self.review(patient_uid):
            dialog.close()

    def patient_erased(self, patient_uid: str) -> None:
        """The open consult belonged to the erased patient: nothing of theirs stays on screen."""
        saver = self.autosaver
        if saver is None or saver.patient_uid != patient_uid:
            return
        saver.forget_pending()
        self.start()
        self.wizard.start_blank()
        if self.autosaver is not None:
            self.autosaver.forget_pending()  # an untouched blank consult is not a draft to offer back

    def open_consult(self, consultation_uid: str) -> ConsultView | None:
        try:
            stored = self.records.open_consultation(consultation_uid)
        except RecordNotFound:
            tell(self.wizard, ERASED_SINCE)
            return None
        view = ConsultView(stored, self.kb, self.wizard)
        view.review_requested.connect(self.review)
        view.fhir_requested.connect(lambda uid: self.export_fhir(view, uid))
        view.finished.connect(view.deleteLater)  # a closed record leaves nothing of the patient behind
        view.open()
        return view

    def export_fhir(self, parent: QWidget, consultation_uid: str, path: Path | None = None) -> Path | None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(parent, "Export as FHIR R4", "consultation.fhir.json",
                                                  "FHIR JSON (*.json)",
                                                  options=QFileDialog.Option.DontUseNativeDialog)
            if not name:
                return None
            path = Path(name)
        try:
            return export_fhir(self.records, consultation_uid, path, self.kb)
        except RecordNotFound:
            tell(parent, ERASED_SINCE)
            return None

    def review(self, patient_uid: str) -> bool:
        """A new consult for this patient, prefilled from their last one."""
        if not self._may_set_aside():
            return False
        try:
            consultation = self.records.review_from_last(patient_uid, self.today())
        except RecordNotFound:  # erased since this list or window was opened
            tell(self.wizard, ERASED_SINCE)
            return False
        self.start(consultation, patient_uid=patient_uid)
        return True

    # --- a file given at start while the tablet was with the patient ----------------------------
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
        review = getattr(self.wizard, "review", None)
        if review is not None and shiboken6.isValid(review) and review.isVisible():
            review.finished.connect(self._open_held)  # after the practitioner has checked the answers
        else:
            self._open_held()

    def _open_held(self, *_: object) -> None:
        path, self.held_file = self.held_file, None
        if path is None:
            return
        from core.cli import CliError, read_consultation

        confirm = getattr(self.wizard, "confirm", None)
        question = (f"Thirds was started with the file {path.name} while the tablet was in patient mode, so it "
                    "was not opened. Open it now? The consultation in progress stays saved as an unfinished draft.")
        if confirm is not None and not confirm(self.wizard, question):
            return
        try:
            consultation = read_consultation(path)
        except CliError as error:
            tell(self.wizard, str(error))
            return
        self.records.actor = consultation.practitioner
        self.start(consultation)

    def hand_to_patient(self) -> bool:
        if not self.lock.has_pin and not choose_pin(self.wizard, self.lock):
            return False
        if self.autosaver is not None:
            self.autosaver.flush()
        return self.mode.enter()

    def close(self) -> None:
        if self.autosaver is not None:
            self.autosaver.flush()
        self.records.close()


def attach_records(wizard: Any, kb: KnowledgeBase, database: str | None, *,
                   recover: bool = True) -> RecordsSession | None:
    """Open the records (the message of a file moved aside is shown), hook autosave, offer recovery.
    Without usable records the wizard still runs, saving to files as before."""
    try:
        records = Records.open(database, actor=getattr(wizard.draft, "practitioner", "") or "")
    except (DatabaseTooNew, SQLAlchemyError, OSError) as error:
        tell(wizard, f"The records could not be opened ({error}). This consultation is not autosaved.")
        return None
    if records.message:
        tell(wizard, records.message)
    session = RecordsSession(wizard, kb, records)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(session.close)
    if recover:
        session.recover()
    return session
