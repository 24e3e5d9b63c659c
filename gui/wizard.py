"""The consultation wizard: a list of pages around one draft model, and the plan core makes of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget, QWizard

from gui.draft import DraftModel, DraftPlan
from gui.pages import PAGES, page_types
from gui.pages.base import ConsultPage
from gui.widgets.step_bar import StepBar
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan
    from gui.records.session import RecordsSession

# core (pydantic, the engine) is imported when first needed: `make run` paints the first page
# before it loads, then `start` hands the wizard its knowledge base and draft.

Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, question: str) -> bool:
    """The default confirmation: a plain Yes/No box with No as the safe default."""
    box = QMessageBox(QMessageBox.Icon.Question, "Thirds", question, parent=parent)  # the app's name
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes




class ConsultationWizard(QWizard):
    """Owns the draft model and its plan. Pages get the model and the plan, never the wizard; what a
    page asks of the wizard (another page's question, the patient's answers) comes as a signal."""

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
        self.confirm = confirm
        self.model = DraftModel(self, output_dir=output_dir)
        self.draft_plan = DraftPlan(self.model)
        self.review: QDialog | None = None
        self.records: RecordsSession | None = None  # attached by gui.app once the records are open
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setProperty("titleFormat", "RichText")  # by name, as pages.base.label()
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        words = ui().wizard
        self.setWindowTitle(words.window_title)
        self.setAccessibleName(words.name)
        self.resize(1280, 800)
        self.setMinimumSize(960, 640)
        for which, label in (
            (QWizard.WizardButton.BackButton, words.back),
            (QWizard.WizardButton.NextButton, words.next),
            (QWizard.WizardButton.CancelButton, words.cancel),
            (QWizard.WizardButton.FinishButton, words.close),
        ):
            self.setButtonText(which, label)
            button = self.button(which)
            button.setAccessibleName(label)
            button.setMinimumSize(120, 52)
        self.pages: list[ConsultPage] = []
        self._walking = False  # on the way to a step: pages passed are neither loaded nor painted
        self._add_pages(len(PAGES) if kb is not None else 1)  # the rest come with `start`
        self.step_bar = self._place_step_bar()
        self.currentIdChanged.connect(self._page_shown)
        self.model.draft_changed.connect(self._draft_changed)
        if kb is not None:
            self.start(kb, draft)

    def _add_pages(self, stop: int) -> None:
        for index, page_type in enumerate(page_types(len(self.pages), stop), start=len(self.pages)):
            page = page_type(self.model, self.draft_plan, index + 1, len(PAGES), self)
            page.question_requested.connect(self.go_to_question)
            page.review_requested.connect(self._review_pending)
            page.next_patient_requested.connect(self.next_patient)
            self.pages.append(page)
            self.addPage(page)  # ids follow PAGES: 0, 1, …

    def _place_step_bar(self) -> StepBar:
        """One bar above every page, never moved: QWizard keeps its pages in one frame whose layout is
        [spacing, pages…, spacer], and the bar goes first in it, so it sits under the header on every
        page at the same place (a page's own layout would move it with the page)."""
        frame = self.pages[0].parentWidget()
        layout = frame.layout() if frame is not None else None
        if not isinstance(layout, QVBoxLayout):
            raise RuntimeError("QWizard no longer keeps its pages in a QVBoxLayout frame: place the step bar anew")
        bar = StepBar(frame)
        layout.insertWidget(1, bar)
        bar.step_tapped.connect(self._step_tapped)
        return bar

    def start(self, kb: KnowledgeBase, draft: Consultation | None = None) -> None:
        """Hand over the knowledge base and the draft (a blank consult unless given); the page
        on screen loads them at once."""
        self._add_pages(len(PAGES))
        self.model.start(kb, draft)
        self._show_current()
        self._update_step_bar()

    def start_blank(self, practitioner: str = "") -> None:
        """A fresh consult from the first page: nothing of the previous patient stays on screen."""
        self.restart()
        self.model.start_blank(practitioner)

    def set_patient_mode(self, on: bool) -> None:
        """The patient holds the tablet: pages show only what is for the patient's eyes, in the
        patient's words, and every answer given is noted as the patient's."""
        self.model.set_patient_mode(on)
        for page in self.pages:
            page.mark_stale()
        self._show_current()
        self._update_step_bar()

    @property
    def draft(self) -> Consultation:
        """The model's draft, for the records and the app (pages and tests edit through `model`)."""
        return self.model.draft

    @property
    def dirty(self) -> bool:
        return self.model.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self.model.dirty = value

    def _page_shown(self, page_id: int) -> None:
        if self._walking:  # a page passed on the way to a step: only the step is shown
            return
        page = self.page(page_id)
        if isinstance(page, ConsultPage):
            page.show_current()
        self._update_step_bar()

    def _show_current(self) -> None:
        page = self.currentPage()
        if isinstance(page, ConsultPage):
            page.show_current()

    def _draft_changed(self, _draft: Consultation) -> None:
        """The page on screen follows at once; the others load the draft when shown."""
        page = self.currentPage()
        if isinstance(page, ConsultPage):
            page.draft_changed(self.model.answers)
        self._update_step_bar()

    # --- the step bar: any step in one tap, as Back and Next would get there ------------------------
    def _steps(self) -> list[ConsultPage]:
        """The steps the bar offers: every page, or in patient mode only the intake pages."""
        if self.model.patient_mode:
            return [page for page in self.pages if page.PATIENT]
        return list(self.pages)

    def _blocking(self, start: int, stop: int) -> ConsultPage | None:
        """The first page from id `start` up to (not including) `stop` whose Next is off."""
        return next((page for page in self.pages[start:stop] if page.problem() is not None), None)

    def _update_step_bar(self) -> None:
        if not self.model.ready or len(self.pages) < len(PAGES):
            return
        steps = self._steps()
        self.step_bar.set_steps([page.shown_title() for page in steps])
        current = self.currentId()
        blocking = self._blocking(current, len(self.pages))
        last_open = self.pages.index(blocking) if blocking is not None else len(self.pages) - 1
        ids = [self.pages.index(page) for page in steps]
        open_steps = [i for i, page_id in enumerate(ids) if page_id <= last_open]
        self.step_bar.set_states(ids.index(current) if current in ids else -1, open_steps[-1] if open_steps else -1)

    def _step_tapped(self, index: int) -> None:
        steps = self._steps()
        if 0 <= index < len(steps):
            self.step_bar.say(self.go_to_step(self.pages.index(steps[index])) or "")

    def go_to_step(self, target: int) -> str | None:
        """Go to page id `target` by Back or Next page by page, so QWizard's history stays true (Back
        after a jump goes to the page before, not to where the jump began). Back is always open;
        forward only up to the first page whose Next is off. None when there; else why not, in words."""
        if not self.model.ready or not 0 <= target < len(self.pages):
            return ui().wizard.step_missing
        page = self.pages[target]
        if self.model.patient_mode and not page.PATIENT:
            return ui().wizard.for_practitioner  # the bar never offers it; PatientMode guards too
        current = self.currentId()
        blocking = self._blocking(current, target)
        if blocking is not None:
            if self.model.patient_mode:
                return blocking.patient_reason() or ui().wizard.finish_first
            words = ui().wizard
            if blocking is self.currentPage():
                return words.fill("not_open_here", step=page.practitioner_title(), problem=blocking.problem())
            return words.fill("not_open_first", step=page.practitioner_title(), first=blocking.practitioner_title(),
                              problem=blocking.problem())
        if target == current:
            return None
        self._walk(target)
        return None if self.currentId() == target else ui().wizard.not_opened

    def initializePage(self, page_id: int) -> None:  # noqa: N802
        """QWizard's Next loads the page it arrives at; a page only passed on a walk is not built
        (it loads when shown, `_page_shown`)."""
        if not self._walking:
            super().initializePage(page_id)

    def _walk(self, target: int) -> None:
        """Back or Next until `target`, painting and loading only the page arrived at."""
        self._walking = True
        self.setUpdatesEnabled(False)
        try:
            while self.currentId() != target:
                before = self.currentId()
                if target < before:
                    self.back()
                else:
                    self.next()
                if self.currentId() == before:  # a page refused to go on (a validatePage): stay there
                    break
        finally:
            self._walking = False
            self.setUpdatesEnabled(True)
        self._page_shown(self.currentId())

    def go_to_question(self, page_name: str, answer: str) -> None:
        """Back to the page that asks an answer, with its question in view (the Plan page's 'Ask now')."""
        target = next((i for i, page in enumerate(self.pages) if type(page).__name__ == page_name), None)
        if target is None:
            return
        while self.currentId() > target:
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                return
        page = self.currentPage()
        if answer and isinstance(page, ConsultPage):
            page.show_question(answer)

    # --- the patient's answers, checked by the practitioner -------------------------------------
    def _review_pending(self) -> None:
        self.review_patient_answers(self.model.pending_edits)

    def review_patient_answers(self, indexes: list[int] | None = None) -> QDialog | None:
        """The practitioner's review of what the patient answered: the answers of the last hand-over
        and every one still pending (or `indexes`). None when there is nothing to review."""
        from gui.records.patient_review import PatientReview

        edits = self.model.draft.patient_edits
        if indexes is None:
            since = self.model.edits_since
            indexes = [i for i, e in enumerate(edits) if i >= since or e.status == "pending"]
        if not indexes or self.model.kb is None:
            return None
        review = PatientReview(self.model, indexes, self)
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
        return self.draft_plan.plan

    @property
    def plan_error(self) -> str:
        return self.draft_plan.error

    # --- leaving --------------------------------------------------------------------------------
    def next_patient(self) -> bool:
        """After Finish: a blank consult on the first page, by the same practitioner. With records,
        the session first stores the finished consult (its draft goes in the same commit)."""
        if self.records is not None:
            return bool(self.records.next_patient())
        self.start_blank(self.draft.practitioner)
        return True

    @property
    def unsaved(self) -> bool:
        """Answers given that no file holds: without records, leaving loses them."""
        return self.model.unsaved

    def _may_leave(self) -> bool:
        if not self.unsaved:
            return True
        if self.records is not None:  # closing keeps the draft (autosave writes it as the window closes)
            return self.records.may_leave(self.confirm)
        return self.confirm(self, ui().wizard.lost)

    def accept(self) -> None:
        if self._may_leave():
            super().accept()

    def reject(self) -> None:
        """Cancel, Escape and the window's close button all come here (QDialog.closeEvent)."""
        if self._may_leave():
            super().reject()
