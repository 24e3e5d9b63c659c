"""Records around the wizard: the Records and Hand to patient buttons, autosave of the one draft and
recovery at start (gui/records/drafts.py), the records window's requests (window_actions.py) and
patient mode (handover.py), all parts of one RecordsSession.

`attach_records` is the one call gui/app.py makes; everything else stays in this package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QPushButton, QWizard
from sqlalchemy.exc import SQLAlchemyError

from core.knowledge.models import KnowledgeBase
from core.records import DatabaseTooNew, Records
from core.records.pin import PinLock
from gui.records.autosave import Autosaver
from gui.records.drafts import ask_unsaved, tell
from gui.records.handover import PatientHandover
from gui.records.patient_mode import PatientMode
from gui.records.save_banner import SaveBanner
from gui.records.upkeep import RecordsUpkeep
from gui.records.window_actions import RecordsWindowActions
from gui.words import ui

if TYPE_CHECKING:
    from gui.wizard import ConsultationWizard

Button = QWizard.WizardButton
LAYOUT = [Button.CustomButton1, Button.CustomButton2, Button.Stretch, Button.BackButton,
          Button.NextButton, Button.CommitButton, Button.FinishButton, Button.CancelButton]


class RecordsSession(RecordsWindowActions, PatientHandover):
    def __init__(self, wizard: ConsultationWizard, kb: KnowledgeBase, records: Records, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(wizard)
        self.wizard, self.kb, self.records, self.today = wizard, kb, records, today
        wizard.records = self  # gui.app sets it too; the wizard asks it what closing does
        self.lock = PinLock(records)
        self.autosaver: Autosaver | None = None
        self.stored_revision = -1
        self.banner = SaveBanner(wizard)
        self.banner.retry_requested.connect(self.retry_saving)
        self.ask_unsaved = ask_unsaved
        self.ask_takeover = None
        self.records_button = self._button(Button.CustomButton1, ui().records.records, self.open_records)
        self.patient_button = self._button(Button.CustomButton2, ui().records.hand_to_patient, self.hand_to_patient)
        wizard.setButtonLayout(LAYOUT)
        self.mode = PatientMode(wizard, self.lock, normal_layout=LAYOUT)
        self.mode.guard(self.records_button, self.patient_button)
        self.held_file: Path | None = None
        self.stored = None
        self.mode.changed.connect(self._left_patient_mode)
        wizard.model.autosaved = True
        wizard.model.draft_changed.connect(self._draft_changed)
        wizard.model.file_written.connect(self.file_written)
        wizard.currentIdChanged.connect(self._page_changed)
        wizard.finished.connect(self._wizard_closed)
        self.start()

    def _button(self, which: QWizard.WizardButton, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self.wizard)
        button.setAccessibleName(text)
        button.setMinimumSize(150, 52)
        button.clicked.connect(lambda: slot())
        self.wizard.setButton(which, button)
        return button

    def close(self) -> None:
        """The app quits: a last try to save (a failure is already on screen), then the files go."""
        self.retry_saving()
        for saver in self.findChildren(Autosaver):
            saver.release()
        self.records.close()


def attach_records(wizard: ConsultationWizard, kb: KnowledgeBase, database: str | None, *,
                   recover: bool = True) -> RecordsSession | None:
    """Open the records (the message of a file moved aside is shown), hook autosave, offer recovery.
    Without usable records the wizard still runs, saving to files as before."""
    try:
        records = Records.open(database, actor=wizard.draft.practitioner)
    except (DatabaseTooNew, SQLAlchemyError, OSError) as error:
        tell(wizard, ui().records.fill("not_opened", error=error))
        return None
    if records.message:
        tell(wizard, records.message)
    session = RecordsSession(wizard, kb, records)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(session.close)
    if recover and session.recover() is None and not wizard.dirty and not session.lock.patient_mode:
        session.new_consult(records.practitioner)  # the name of the last consult stored, remembered
    RecordsUpkeep(wizard, records, kb, session.today).start_soon()  # erasure finished, daily backup
    return session
