"""The one draft consultation the pages edit, and the plan core makes of it.

Pages get this model, never the wizard (Vorta's profile provider, napari's model events): they edit
through typed methods (gui/draft_edits.py), read `answers`, and the wizard and the records listen to
`draft_changed`. A refused answer leaves the draft as it was and comes back as a sentence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from gui.draft_edits import DraftEdits

if TYPE_CHECKING:
    from pydantic import ValidationError

    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan
    from core.records.photos import EarlierPhotos

# core (pydantic, the engine) is imported when first needed: `make run` paints the first page before
# it loads.

def describe(error: ValidationError, kb: KnowledgeBase | None = None) -> str:
    """A refused answer in the GUI's words (core/refusals.py): the first of the error's problems, which
    is the one the edit made."""
    from core.refusals import said

    return said(error.errors()[0], kb)


def blank(today: dt.date | None = None, practitioner: str = "") -> Consultation:
    from core.consultation import Consultation

    return Consultation(consult_date=today or dt.date.today(), practitioner=practitioner)


class DraftModel(DraftEdits, QObject):
    """Holds the draft; each edit validates only the part it changes (core.patient_edits.with_changes).

    In patient mode every answer is noted in `patient_edits`, and a safety answer waits there for the
    practitioner instead of changing the draft (core/patient_edits.py)."""

    draft_changed = Signal(object)  # the Consultation after an edit, a load or a decision
    file_written = Signal(object, str)  # (path, kind) of a file about this patient; the records listen

    def __init__(self, parent: QObject | None = None, *, output_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.kb: KnowledgeBase | None = None  # None until `start`: the window is shown before core loads
        self._draft: Consultation | None = None
        # Answers whose model field cannot say "not asked" (the first-injectable question, a bool).
        # Safety screening needs neither: its Reply fields hold yes / no / not asked themselves.
        self._answered: set[str] = set()
        self._all_answered = False
        self.dirty = False
        self.saved_to: Path | None = None
        self._saved: Consultation | None = None
        self.output_dir = output_dir  # where the Finish page writes; None: the documents folder
        self.autosaved = False  # the records keep every answer (gui/records): no file needed to keep it
        self.patient_mode = False
        self.edits_since = 0  # the patient's edits from this index on are of the current hand-over
        self._shown: tuple[Consultation, Consultation] | None = None  # (draft, answers shown for it)
        self.earlier_photos: EarlierPhotos | None = None  # the last consult's photos, for the compare

    # --- the draft ------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """False only between the first paint and `start`."""
        return self._draft is not None

    @property
    def draft(self) -> Consultation:
        """The consultation the plan is made from."""
        if self._draft is None:
            raise RuntimeError("the draft model has no draft before start()")
        return self._draft

    @property
    def answers(self) -> Consultation:
        """The draft as the pages show it: in patient mode, with the safety answers the patient gave
        that wait for the practitioner."""
        draft = self.draft
        if not self.patient_mode or not draft.patient_edits:
            return draft
        if self._shown is None or self._shown[0] is not draft:
            from core.patient_edits import shown

            self._shown = (draft, shown(draft))
        return self._shown[1]

    def start(self, kb: KnowledgeBase, draft: Consultation | None = None) -> None:
        """The knowledge base and the draft (a blank consult unless given), without `draft_changed`:
        nothing was edited yet."""
        self.kb = kb
        self._draft = draft or blank()
        self.earlier_photos = None
        self._all_answered = self.dirty = draft is not None

    def load(self, consultation: Consultation, earlier_photos: EarlierPhotos | None = None) -> None:
        """A whole consultation (an example, a saved file, a recovered draft); a review consult comes
        with the photos of the patient's last consult, to compare today's with."""
        self._draft = consultation
        self.earlier_photos = earlier_photos
        self._all_answered = True
        self.draft_changed.emit(consultation)

    def start_blank(self, practitioner: str = "") -> None:
        """A fresh consult (by `practitioner`): nothing of the previous patient stays."""
        self._draft = blank(practitioner=practitioner)
        self.earlier_photos = None
        self._answered = set()
        self._all_answered = False
        self.saved_to = None
        self.draft_changed.emit(self._draft)
        self.dirty = False

    def _change(self, changes: dict[str, Any]) -> str | None:
        from pydantic import ValidationError

        from core.patient_edits import patient_answers, with_changes

        try:
            if self.patient_mode and self.kb is not None:
                at = dt.datetime.now(dt.UTC).replace(microsecond=0)
                draft = patient_answers(self.draft, changes, self.kb, at=at, since=self.edits_since)
            else:
                draft = with_changes(self.draft, changes)
        except ValidationError as error:
            return describe(error, self.kb)
        self._set(draft)
        return None

    def _set(self, draft: Consultation) -> None:
        self._draft = draft
        self.dirty = True
        self.draft_changed.emit(draft)

    # --- answers a bool cannot leave open ---------------------------------------------------------
    def mark_answered(self, key: str) -> None:
        self._answered.add(key)

    def is_answered(self, key: str) -> bool:
        return self._all_answered or key in self._answered

    # --- patient mode: the patient's answers, checked by the practitioner -------------------------
    def set_patient_mode(self, on: bool) -> None:
        """The patient holds the tablet: every answer given from now on is noted as the patient's."""
        if on and self._draft is not None:
            self.edits_since = len(self._draft.patient_edits)
        self.patient_mode = on

    @property
    def pending_edits(self) -> list[int]:
        from core.patient_edits import pending

        return pending(self._draft) if self._draft is not None else []

    def decide_edit(self, index: int, confirm: bool) -> str | None:
        """Confirm the patient's answer (it takes effect) or keep the earlier one; a plain-words error
        when the patient's answer no longer fits the consultation (it then stays pending)."""
        from pydantic import ValidationError

        from core.patient_edits import decide

        try:
            self._set(decide(self.draft, index, confirm))
        except ValidationError as error:
            return describe(error, self.kb)
        return None

    def confirm_all_edits(self) -> str | None:
        problems = [self.decide_edit(index, True) for index in self.pending_edits]
        return next((problem for problem in problems if problem), None)

    # --- saved to a file ------------------------------------------------------------------------
    def mark_saved(self, path: Path) -> None:
        self.saved_to = path
        self._saved = self._draft

    @property
    def unsaved(self) -> bool:
        """Answers given that no file holds."""
        return self.dirty and (self.saved_to is None or self._saved != self._draft)


class DraftPlan:
    """core's plan of the model's draft, made when first asked after each change (the draft is never
    changed in place: a new draft is a new plan)."""

    def __init__(self, model: DraftModel) -> None:
        self.model = model
        self._of: tuple[Consultation, KnowledgeBase] | None = None
        self._plan: Plan | None = None
        self._error = ""

    @property
    def plan(self) -> Plan | None:
        """None before `start`, and when core refuses the draft (then `error` says why)."""
        kb = self.model.kb
        if kb is None or not self.model.ready:
            return None
        draft = self.model.draft
        if self._of is None or self._of[0] is not draft or self._of[1] is not kb:
            from core.engine import InvalidConsultation, plan

            self._of = (draft, kb)
            try:
                self._plan, self._error = plan(draft, kb), ""
            except InvalidConsultation as error:
                self._plan, self._error = None, str(error)
        return self._plan

    @property
    def error(self) -> str:
        self.plan  # noqa: B018 - brings it up to date
        return self._error
