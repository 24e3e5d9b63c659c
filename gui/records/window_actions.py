"""The Records button and what the records window asks of the wizard: an earlier consult opened
read-only, its FHIR export, a review consult prefilled from the last one, and an erased patient's
consult taken off the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from core.records import RecordNotFound, export_fhir
from core.records.photos import earlier_photos
from gui.records.consult_view import ConsultView
from gui.records.drafts import DraftKeeping, tell
from gui.records.offline import needs_server
from gui.records.records_dialog import RecordsDialog
from gui.words import ui


class RecordsWindowActions(DraftKeeping):
    """The records window's requests, answered with the draft kept (DraftKeeping)."""

    @needs_server
    def open_records(self) -> RecordsDialog:
        """The records window; while the clinic server is away it says so at once instead (it reads
        the server on every search: each try would wait for the connect timeout)."""
        dialog = RecordsDialog(self.records, self.kb, self.wizard)
        dialog.patients.open_requested.connect(self.open_consult)
        dialog.patients.patient_erased.connect(self.patient_erased)
        dialog.patients.review_requested.connect(lambda uid: self._review_from(dialog, uid))
        dialog.follow_ups.review_requested.connect(lambda uid: self._review_from(dialog, uid))
        dialog.open()
        return dialog

    def say_away(self) -> None:
        tell(self.wizard, ui().records_window.server_away)

    def _review_from(self, dialog: QWidget, patient_uid: str) -> None:
        if self.review(patient_uid):
            dialog.close()

    def _may_set_aside(self) -> bool:
        saver = self.autosaver
        if saver is None or saver.revision == 0 or not self.wizard.dirty:
            return True
        return bool(self.wizard.confirm(self.wizard, ui().records_window.set_aside))

    def patient_erased(self, patient_uid: str) -> None:
        """The open consult belonged to the erased patient (or was a draft erased with them): nothing
        of theirs stays on screen."""
        saver = self.autosaver
        if saver is None or (saver.patient_uid != patient_uid and not self.records.draft_erased(saver.key)):
            return
        saver.forget_pending()
        self.start()
        self.wizard.start_blank()
        if self.autosaver is not None:
            self.autosaver.forget_pending()  # an untouched blank consult is not a draft to offer back

    @needs_server
    def open_consult(self, consultation_uid: str) -> ConsultView | None:
        try:
            stored = self.records.open_consultation(consultation_uid)
        except RecordNotFound:
            tell(self.wizard, ui().records_window.erased_since)
            return None
        view = ConsultView(stored, self.kb, self.wizard)
        view.review_requested.connect(self.review)
        view.fhir_requested.connect(lambda uid: self.export_fhir(view, uid))
        view.finished.connect(view.deleteLater)  # a closed record leaves nothing of the patient behind
        view.open()
        return view

    @needs_server
    def export_fhir(self, parent: QWidget, consultation_uid: str, path: Path | None = None) -> Path | None:
        if path is None:
            words = ui().records_window
            name, _ = QFileDialog.getSaveFileName(parent, words.fhir_title, words.fhir_file, words.fhir_filter,
                                                  options=QFileDialog.Option.DontUseNativeDialog)
            if not name:
                return None
            path = Path(name)
        try:
            return export_fhir(self.records, consultation_uid, path, self.kb)
        except RecordNotFound:
            tell(parent, ui().records_window.erased_since)
            return None

    @needs_server
    def review(self, patient_uid: str) -> bool | None:
        """A new consult for this patient, prefilled from their last one."""
        if not self._may_set_aside():
            return False
        try:
            consultation = self.records.review_from_last(patient_uid, self.today())
            earlier = earlier_photos(self.records, patient_uid, consultation.consult_date)
        except RecordNotFound:  # erased since this list or window was opened
            tell(self.wizard, ui().records_window.erased_since)
            return False
        # With photos of the last consult, the review opens on the compare (as far as the answers let it go).
        self.start(consultation, patient_uid=patient_uid, earlier_photos=earlier,
                   page_id="PhotosPage" if earlier is not None else "")
        if self.autosaver is not None:  # the details it starts from: a change on another tablet is kept
            self.autosaver.patient_version = self.records.patient_version(patient_uid)
        return True
