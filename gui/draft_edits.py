"""The edits the pages make to the draft, one typed method each; `DraftModel` (gui/draft.py) runs them.

Each returns None, or why the answer is refused in plain words (the draft then stays as it was). An
edit names the answers it changes as core's paths ("goals.budget"), the form `patient_edits` notes a
patient's answer in; a list answer (the concerns, the earlier fillers) changes as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

if TYPE_CHECKING:  # annotations only: the first page paints before decimal and core's vocabulary load
    from decimal import Decimal

    from core.consultation import Concern, Consultation, GivenTreatment, PhotoView, Signature
    from core.knowledge.models import KnowledgeBase
    from core.vocabulary import Area, Expectation, Medication, Reply, SkinItem, Tool

Refusal = str | None


class ConsultFields(TypedDict, total=False):
    consult_date: dt.date
    practitioner: str
    patient_language: str | None  # None: the clinic's


class PatientFields(TypedDict, total=False):
    name: str
    date_of_birth: dt.date | None
    patient_id: str


class HistoryFields(TypedDict, total=False):
    first_injectable_treatment: bool
    last_neuromodulator: dt.date | None
    complications: str


class FillerFields(TypedDict, total=False):
    area: Area
    date: dt.date | None
    permanent: bool
    product: str


class GoalsFields(TypedDict, total=False):
    in_patient_words: str
    expectation: Expectation | None
    budget: Decimal | None
    event_date: dt.date | None


class FollowUps(TypedDict, total=False):
    """What a yes to a screening question asks next: which medicines, which sites."""

    medications: list[Medication]
    infection_areas: list[Area]


class Grades(TypedDict, total=False):
    severity_rest: int
    severity_movement: int
    target_grade: int | None


class SkinTypes(TypedDict, total=False):
    glogau: Literal["I", "II", "III", "IV"] | None
    fitzpatrick: Literal["I", "II", "III", "IV", "V", "VI"] | None


class ChoicesFields(TypedDict, total=False):
    same_session: bool
    filler_first: bool
    notes: str
    patient_notes: str
    photos_in_takeaway: bool


class DraftEdits:
    """The typed edits. `answers` is the draft as the pages show it (with the patient's pending answers
    in patient mode), so a list is changed as the person editing it sees it."""

    kb: KnowledgeBase | None

    @property
    def answers(self) -> Consultation:
        raise NotImplementedError

    def _change(self, changes: dict[str, Any]) -> Refusal:
        raise NotImplementedError

    def _in(self, part: str, fields: Mapping[str, Any]) -> Refusal:
        return self._change({f"{part}.{name}": value for name, value in fields.items()})

    @property
    def patient_kb(self) -> KnowledgeBase:
        """The knowledge base in the patient's language (the consent forms, the takeaway): the draft's
        `patient_language` when the clinic has texts in it, else the clinic's own."""
        assert self.kb is not None
        language = self.answers.patient_language
        if not language or language not in self.kb.texts or language == self.kb.settings.clinic.language:
            return self.kb
        return self.kb.for_language(language)

    # --- consult, patient, history, goals ---------------------------------------------------------
    def set_consult(self, **fields: Unpack[ConsultFields]) -> Refusal:
        return self._change(dict(fields))

    def set_patient(self, **fields: Unpack[PatientFields]) -> Refusal:
        return self._in("patient", fields)

    def set_history(self, **fields: Unpack[HistoryFields]) -> Refusal:
        return self._in("history", fields)

    def set_goals(self, **fields: Unpack[GoalsFields]) -> Refusal:
        return self._in("goals", fields)

    def _fillers(self) -> list[dict[str, Any]]:
        return [filler.model_dump() for filler in self.answers.history.earlier_fillers]

    def add_earlier_filler(self, area: Area) -> Refusal:
        return self._change({"history.earlier_fillers": [*self._fillers(), {"area": area}]})

    def set_earlier_filler(self, index: int, **fields: Unpack[FillerFields]) -> Refusal:
        fillers = self._fillers()
        fillers[index].update(fields)
        return self._change({"history.earlier_fillers": fillers})

    def remove_earlier_filler(self, index: int) -> Refusal:
        fillers = self._fillers()
        del fillers[index]
        return self._change({"history.earlier_fillers": fillers})

    # --- screening ------------------------------------------------------------------------------
    def set_reply(self, answer: str, reply: Reply, **follow_ups: Unpack[FollowUps]) -> Refusal:
        """One safety answer (a `Screening` reply field), with the follow-up choices it changes."""
        return self._in("screening", {answer: reply, **follow_ups})

    def set_replies(self, replies: Mapping[str, Reply], **follow_ups: Unpack[FollowUps]) -> Refusal:
        """Several safety answers in one edit (the screening page's "No to all")."""
        return self._in("screening", {**replies, **follow_ups})

    def set_follow_ups(self, **follow_ups: Unpack[FollowUps]) -> Refusal:
        return self._in("screening", follow_ups)

    def set_bddq(self, question: str, value: bool | int | None) -> Refusal:
        return self._in("bddq", {question: value})

    def set_cops(self, scores: list[int] | None) -> Refusal:
        return self._change({"cops": scores})

    # --- concerns and skin ----------------------------------------------------------------------
    def set_concern(self, area: Area, kind: str, **grades: Unpack[Grades]) -> Refusal:
        """Add the concern (grades 0 unless given) or change its grades; it goes to the end of the list."""
        current = next((c.model_dump() for c in self.answers.concerns if (c.area, c.kind) == (area, kind)), None)
        entry = current or {"area": area, "kind": kind}
        entry.update(grades)
        return self._concerns(lambda c: (c.area, c.kind) != (area, kind), entry)

    def remove_concern(self, area: Area, kind: str) -> Refusal:
        return self._concerns(lambda c: (c.area, c.kind) != (area, kind))

    def clear_area(self, area: Area) -> Refusal:
        return self._concerns(lambda c: c.area != area)

    def _concerns(self, keep: Callable[[Concern], bool], *added: dict[str, Any]) -> Refusal:
        concerns = [c.model_dump() for c in self.answers.concerns if keep(c)]
        return self._change({"concerns": [*concerns, *added]})

    def set_skin_grade(self, item: SkinItem, grade: int) -> Refusal:
        return self._in("skin", {item.value: grade})

    def set_skin_types(self, **types: Unpack[SkinTypes]) -> Refusal:
        return self._in("skin", types)

    # --- the practitioner's choices -------------------------------------------------------------
    def set_choices(self, **fields: Unpack[ChoicesFields]) -> Refusal:
        return self._in("choices", fields)

    def decline(self, tool: Tool, area: Area | None, reason: str) -> Refusal:
        declined = [d.model_dump() for d in self.answers.choices.declined if (d.tool, d.area) != (tool, area)]
        return self._change({"choices.declined": [*declined, {"tool": tool, "area": area, "reason": reason}]})

    def restore(self, tool: Tool, area: Area | None) -> Refusal:
        declined = [d.model_dump() for d in self.answers.choices.declined if (d.tool, d.area) != (tool, area)]
        return self._change({"choices.declined": declined})

    def set_dose(self, area: Area, units: float | None) -> Refusal:
        doses = [d.model_dump() for d in self.answers.choices.doses if d.area is not area]
        if units is not None:
            doses.append({"area": area, "units": units})
        return self._change({"choices.doses": doses})

    def set_filler_volume(self, area: Area, ml: float | None) -> Refusal:
        volumes = [v.model_dump() for v in self.answers.choices.filler_volumes if v.area is not area]
        if ml is not None:
            volumes.append({"area": area, "ml": ml})
        return self._change({"choices.filler_volumes": volumes})

    # --- the clinical record: consent, photos, what was given -------------------------------------
    def sign_consent(self, tools: list[Tool], photos: bool, patient: Signature, practitioner: Signature,
                     at: dt.datetime, off_label: list[Tool] | None = None) -> Refusal:
        """One signing: the consent forms for `tools` in their current versions (with the off-label part
        for the tools in `off_label`), the photo choice, both signatures (core/consent.py). Photo consent
        is not withdrawn while photos are kept: refused in words, nothing changed."""
        from core.consent import signing

        assert self.kb is not None
        if not photos and self.answers.photos:
            return self.kb.text().clinical_record.photos_withdraw_first.format(count=len(self.answers.photos))
        from pydantic import ValidationError

        try:
            entry = signing(tools, photos, patient, practitioner, at, self.patient_kb, off_label or [])
        except ValidationError as error:  # a clinic's form beyond what a record holds: said, not raised
            from core.refusals import said

            return said(error.errors()[0], self.kb)
        return self._change({"consent": [*(e.model_dump() for e in self.answers.consent), entry.model_dump()]})

    def set_photo(self, view: PhotoView, jpeg: str, at: dt.datetime) -> Refusal:
        """The photo of a standard view (base64 JPEG, cleaned by core/photos.py); it replaces an earlier one."""
        photos = [p.model_dump() for p in self.answers.photos if p.view is not view]
        return self._change({"photos": [*photos, {"view": view, "jpeg": jpeg, "added_at": at}]})

    def remove_photo(self, view: PhotoView) -> Refusal:
        return self._change({"photos": [p.model_dump() for p in self.answers.photos if p.view is not view]})

    def add_given(self, entry: GivenTreatment) -> Refusal:
        """A treatment given (checked first with core/given.py: product, expiry, label dose)."""
        given = [g.model_dump() for g in self.answers.treatments_given]
        return self._change({"treatments_given": [*given, entry.model_dump()]})

    def remove_given(self, index: int) -> Refusal:
        given = [g.model_dump() for g in self.answers.treatments_given]
        del given[index]
        return self._change({"treatments_given": given})

    def add_adverse_event(self, index: int, what: str, at: dt.datetime) -> Refusal:
        given = [g.model_dump() for g in self.answers.treatments_given]
        given[index]["adverse_events"] = [*given[index]["adverse_events"], {"at": at, "what": what}]
        return self._change({"treatments_given": given})
