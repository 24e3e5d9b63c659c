"""The consultation wizard: a list of pages around one draft Consultation and the plan core makes of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget, QWizard

from gui.pages import PAGES, page_types
from gui.pages.base import ConsultPage

if TYPE_CHECKING:
    from pydantic import ValidationError

    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan

# core (pydantic, the engine) is imported when first needed: `make run` paints the first page
# before it loads, then `start` hands the wizard its knowledge base and draft.

Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, question: str) -> bool:
    """The default confirmation: a plain Yes/No box with No as the safe default."""
    box = QMessageBox(QMessageBox.Icon.Question, "Thirds", question, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def blank(today: dt.date | None = None) -> Consultation:
    from core.consultation import Consultation

    return Consultation(consult_date=today or dt.date.today())


FIELDS = {  # the answer a refused value belongs to, as the practitioner sees it on the page
    "patient.date_of_birth": "The date of birth",
    "history.last_neuromodulator": "The date of the last neuromodulator treatment",
    "history.earlier_fillers": "The date of earlier filler {n}",
    "choices.notes": "The practitioner's notes",
    "choices.patient_notes": "The notes for the patient",
    "goals.in_patient_words": "The patient's words",
    "history.complications": "The earlier complications",
    "patient.name": "The patient's name",
    "choices.doses": "The planned doses",
    "concerns": "The concerns",
}


def describe(error: ValidationError) -> str:
    """A validation error in plain words: which answer, and what is wrong with it. Not pydantic's
    field paths ('history.earlier_fillers.1.date'), which mean nothing on a tablet."""
    first = error.errors()[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    where = ".".join(str(part) for part in first["loc"])
    if ": " in message and not where:  # a whole-consult check names its field in the message
        where, message = message.split(": ", 1)
    number = next((int(part) + 1 for part in where.split(".") if part.isdigit()), 0)
    field = next((name for path, name in FIELDS.items() if where.startswith(path)), "")
    if field:
        message = message.replace("String should have at most", "can have at most")
        return f"{field.format(n=number)} {message}."
    return message[0].upper() + message[1:] if message else "That answer is not valid."


class ConsultationWizard(QWizard):
    """Holds the one draft; every page edits it through `apply`, never by touching core itself."""

    draft_changed = Signal(object)
    file_written = Signal(object, str)  # (path, kind) of a file about this patient; records listen

    def __init__(
        self,
        kb: KnowledgeBase | None,
        draft: Consultation | None = None,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = ask,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.kb = kb  # None until `start`: the window is shown before core is loaded
        self.confirm = confirm
        self.output_dir = output_dir
        self._draft: Consultation | None = None
        self._plan: Plan | None = None
        self._plan_error = ""
        # Answers whose model field cannot say "not asked" (the first-injectable question, a bool).
        # Safety screening needs neither: its Reply fields hold yes / no / not asked themselves.
        self.answered: set[str] = set()
        self.all_answered = False
        self.dirty = False
        self.saved_to: Path | None = None
        self.patient_mode = False
        self.edits_since = 0  # the patient's edits from this index on are of the current hand-over
        self._answers: Consultation | None = None
        self._answers_of: Consultation | None = None
        self.review: QDialog | None = None
        self.records: Any = None  # the RecordsSession that gui.app attaches once the records are open
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setWindowTitle("Thirds — consultation")
        self.setAccessibleName("Consultation wizard")
        self.resize(1280, 800)
        self.setMinimumSize(960, 640)
        for which, label in (
            (QWizard.WizardButton.BackButton, "Back"),
            (QWizard.WizardButton.NextButton, "Next"),
            (QWizard.WizardButton.CancelButton, "Cancel"),
            (QWizard.WizardButton.FinishButton, "Close"),
        ):
            self.setButtonText(which, label)
            button = self.button(which)
            button.setAccessibleName(label)
            button.setMinimumSize(120, 52)
        self.pages: list[ConsultPage] = []
        self._add_pages(len(PAGES) if kb is not None else 1)  # the rest come with `start`
        self.currentIdChanged.connect(self._page_shown)
        if kb is not None:
            self.start(kb, draft)

    def _add_pages(self, stop: int) -> None:
        for index, page_type in enumerate(page_types(len(self.pages), stop), start=len(self.pages)):
            page = page_type(self, index + 1, len(PAGES))
            self.pages.append(page)
            self.addPage(page)  # ids follow PAGES: 0, 1, …

    def start(self, kb: KnowledgeBase, draft: Consultation | None = None) -> None:
        """Hand over the knowledge base and the draft (a blank consult unless given); the page
        on screen loads them at once."""
        self._add_pages(len(PAGES))
        self.kb = kb
        self._draft = draft or blank()
        self._plan = None
        self.all_answered = self.dirty = draft is not None
        page = self.currentPage()
        if isinstance(page, ConsultPage):
            page.show_current()

    def set_patient_mode(self, on: bool) -> None:
        """The patient holds the tablet: pages show only what is for the patient's eyes, in the
        patient's words, and every answer given is noted as the patient's."""
        if on and self._draft is not None:
            self.edits_since = len(self._draft.patient_edits)
        self.patient_mode = on
        for page in self.pages:
            page.mark_stale()
        page = self.currentPage()
        if isinstance(page, ConsultPage):
            page.show_current()

    @property
    def ready(self) -> bool:
        """False only between the first paint and `start`."""
        return self._draft is not None

    def _page_shown(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, ConsultPage):
            page.show_current()

    # --- the draft ------------------------------------------------------------------------------
    @property
    def draft(self) -> Consultation:
        if self._draft is None:
            raise RuntimeError("the wizard has no draft before start()")
        return self._draft

    def load(self, consultation: Consultation) -> None:
        """Start from a whole consultation (an example, a saved file, a recovered draft)."""
        self._draft = consultation
        self.all_answered = True
        self._changed()

    def start_blank(self) -> None:
        """A fresh consult from the first page: nothing of the previous patient stays on screen."""
        self.restart()
        self._draft = blank()
        self.answered = set()
        self.all_answered = False
        self.saved_to = None
        self._changed()
        self.dirty = False

    def apply(self, changes: Mapping[str, Any]) -> str | None:
        """Set dotted fields ("patient.name": "A"); returns a plain-words error and keeps the draft.

        In patient mode every answer is noted in `patient_edits`, and a safety answer waits there for
        the practitioner instead of changing the draft (core/patient_edits.py)."""
        from pydantic import ValidationError

        from core.patient_edits import patient_answers, with_changes

        try:
            if self.patient_mode and self.kb is not None:
                at = dt.datetime.now(dt.UTC).replace(microsecond=0)
                draft = patient_answers(self.draft, changes, self.kb, at=at, since=self.edits_since)
            else:
                draft = with_changes(self.draft, changes)
        except ValidationError as error:
            return describe(error)
        self._set(draft)
        return None

    def _set(self, draft: Consultation) -> None:
        self._draft = draft
        self.dirty = True
        self._changed()

    def _changed(self) -> None:
        self._plan = None
        page = self.currentPage()
        if isinstance(page, ConsultPage):
            page.draft_changed(self.answers)
        self.draft_changed.emit(self.draft)

    @property
    def answers(self) -> Consultation:
        """The draft as the pages show it. In patient mode, with the safety answers the patient gave
        that wait for the practitioner; the plan is always made from `draft`."""
        draft = self.draft
        if not self.patient_mode or not draft.patient_edits:
            return draft
        if self._answers_of is not draft:
            from core.patient_edits import shown

            self._answers, self._answers_of = shown(draft), draft
        return self._answers

    # --- the patient's answers, checked by the practitioner -------------------------------------
    @property
    def pending_edits(self) -> list[int]:
        from core.patient_edits import pending

        return pending(self.draft) if self._draft is not None else []

    def decide_edit(self, index: int, confirm: bool) -> str | None:
        """Confirm the patient's answer (it takes effect) or keep the earlier one; a plain-words error
        when the patient's answer no longer fits the consultation (it then stays pending)."""
        from pydantic import ValidationError

        from core.patient_edits import decide

        try:
            self._set(decide(self.draft, index, confirm))
        except ValidationError as error:
            return describe(error)
        return None

    def confirm_all_edits(self) -> str | None:
        problems = [self.decide_edit(index, True) for index in self.pending_edits]
        return next((problem for problem in problems if problem), None)

    def review_patient_answers(self, indexes: list[int] | None = None) -> QDialog | None:
        """The practitioner's review of what the patient answered: the answers of the last hand-over
        and every one still pending (or `indexes`). None when there is nothing to review."""
        from gui.records.patient_review import PatientReview

        edits = self.draft.patient_edits
        if indexes is None:
            indexes = [i for i, e in enumerate(edits) if i >= self.edits_since or e.status == "pending"]
        if not indexes or self.kb is None:
            return None
        review = PatientReview(self, indexes, self)
        review.finished.connect(lambda _result: self._review_closed(review))
        self.review = review
        review.open()
        return review

    def _review_closed(self, review: QDialog) -> None:
        if self.review is review:
            self.review = None
        review.deleteLater()

    # --- the plan, always from core -------------------------------------------------------------
    @property
    def plan(self) -> Plan | None:
        from core.engine import InvalidConsultation, plan

        if self._plan is None and self.kb is not None:
            try:
                self._plan = plan(self.draft, self.kb)
                self._plan_error = ""
            except InvalidConsultation as error:
                self._plan_error = str(error)
        return self._plan

    @property
    def plan_error(self) -> str:
        return self._plan_error

    # --- leaving --------------------------------------------------------------------------------
    def _may_leave(self) -> bool:
        if not self.dirty or self.saved_to is not None and not self._unsaved_since_save():
            return True
        return self.confirm(self, "Close this consultation? The answers that are not saved will be lost.")

    def _unsaved_since_save(self) -> bool:
        return getattr(self, "_saved_draft", None) != self._draft

    def mark_saved(self, path: Path) -> None:
        self.saved_to = path
        self._saved_draft = self._draft

    def is_answered(self, key: str) -> bool:
        return self.all_answered or key in self.answered

    def accept(self) -> None:
        if self._may_leave():
            super().accept()

    def reject(self) -> None:
        """Cancel, Escape and the window's close button all come here (QDialog.closeEvent)."""
        if self._may_leave():
            super().reject()
