"""The answers of one consult: everything the engine reads, nothing it computes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from core.migrate import migrate
from core.refusals import refused
from core.vocabulary import Area, Expectation, Medication, Reply, SkinItem, Tool

Grade = Annotated[int, Field(ge=0, le=4, description="0 none, 1 mild, 2 moderate, 3 severe, 4 very severe")]
Likert = Annotated[int, Field(ge=1, le=5, description="1 not at all ... 5 extremely")]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2), PlainSerializer(float, when_used="json")]
Text = Annotated[str, Field(max_length=20_000)]
EDIT_JSON = 2 * 20_000 + 2  # a patient edit holds a whole answer as JSON: a free text escaped at worst twice over
# Technical bounds against a slip of the finger, not clinical limits (the engine checks label doses).
MAX_UNITS = 1_000
MAX_ML = 20


class Answers(BaseModel):
    """Base of every answer model: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Patient(Answers):
    name: Annotated[str, Field(max_length=200, description="Required before a consult is saved")] = ""
    date_of_birth: dt.date | None = None
    patient_id: Annotated[str, Field(max_length=100)] = ""


class EarlierFiller(Answers):
    area: Area
    date: dt.date | None = None
    permanent: bool = False
    product: Annotated[str, Field(max_length=200)] = ""


class History(Answers):
    first_injectable_treatment: bool = False
    last_neuromodulator: dt.date | None = None
    earlier_fillers: list[EarlierFiller] = Field(default_factory=list)
    complications: Text = ""


class Screening(Answers):
    """One answer per safety question: yes, no or not asked (never read as no). The knowledge base
    (assets/knowledge/screening.toml) says which item reads which answer and what it does."""

    pregnant_or_breastfeeding: Reply = Reply.NOT_ASKED
    toxin_hypersensitivity: Reply = Reply.NOT_ASKED
    active_infection: Reply = Reply.NOT_ASKED
    infection_areas: list[Area] = Field(
        default_factory=list,
        description="Sites with infection or inflammation; none chosen with active_infection = yes means every site.",
    )
    neuromuscular_disease: Reply = Reply.NOT_ASKED
    aminoglycosides: Reply = Reply.NOT_ASKED
    toxin_interacting_medicines: Reply = Reply.NOT_ASKED
    other_toxin_3_months: Reply = Reply.NOT_ASKED
    ha_allergy: Reply = Reply.NOT_ASKED
    lidocaine_allergy: Reply = Reply.NOT_ASKED
    cold_sore_history: Reply = Reply.NOT_ASKED
    bleeding_risk_medicines: Reply = Reply.NOT_ASKED
    coagulation_disorder: Reply = Reply.NOT_ASKED
    autoimmune_or_immunotherapy: Reply = Reply.NOT_ASKED
    chemotherapy_last_12_months: Reply = Reply.NOT_ASKED
    recent_dental_or_vaccination: Reply = Reply.NOT_ASKED
    medications: list[Medication] = Field(
        default_factory=list, description="Which medicines, for the answers that name them"
    )


class Bddq(Answers):
    """BDDQ-AS, seven items (Veale, BJPS 2012). None means not asked."""

    q1: bool | None = None
    q2: bool | None = None
    q3: Likert | None = None
    q4: Likert | None = None
    q5: Likert | None = None
    q6: Likert | None = None
    q7: bool | None = None


class Concern(Answers):
    area: Area
    kind: Annotated[str, Field(min_length=1, max_length=60, description="A concern kind id of the area")]
    severity_rest: Grade = 0
    severity_movement: Grade = 0
    target_grade: Grade | None = None

    @property
    def severity(self) -> int:
        return max(self.severity_rest, self.severity_movement)


class SkinQuality(Answers):
    texture: Grade = 0
    elasticity: Grade = 0
    hydration: Grade = 0
    dullness: Grade = 0
    dark_circles: Grade = 0
    thin_skin: Grade = 0
    fine_lines: Grade = 0
    glogau: Literal["I", "II", "III", "IV"] | None = None
    fitzpatrick: Literal["I", "II", "III", "IV", "V", "VI"] | None = None

    def grade(self, item: SkinItem) -> int:
        value: int = getattr(self, item.value)
        return value


class Goals(Answers):
    in_patient_words: Text = ""
    expectation: Expectation | None = None
    budget: Money | None = None
    event_date: dt.date | None = None


class Declined(Answers):
    tool: Tool
    area: Area | None = Field(default=None, description="None declines a whole-face treatment")
    reason: Annotated[str, Field(min_length=1, max_length=2_000)]


class PlannedDose(Answers):
    area: Area
    units: Annotated[float, Field(gt=0, le=MAX_UNITS, description="onabotulinumtoxinA units")]


class PlannedVolume(Answers):
    area: Area
    ml: Annotated[float, Field(gt=0, le=MAX_ML, description="filler volume in mL for this area")]


class Choices(Answers):
    """What the practitioner decided against or in addition to the engine's defaults."""

    same_session: bool = False
    filler_first: bool = False
    declined: list[Declined] = Field(default_factory=list)
    doses: list[PlannedDose] = Field(default_factory=list)
    filler_volumes: list[PlannedVolume] = Field(default_factory=list)
    notes: Text = ""  # the practitioner's own: the record only, never the patient's takeaway
    patient_notes: Text = ""  # written for the patient: printed on the takeaway
    photos_in_takeaway: bool = False  # the patient asked for their photos on the takeaway


class PatientEdit(Answers):
    """An answer the patient gave or changed in patient mode. A safety answer stays `pending`, and the
    draft keeps the earlier answer, until the practitioner confirms it (or restores the earlier one)."""

    path: Annotated[str, Field(min_length=1, max_length=200, description="the answer, e.g. screening.ha_allergy")]
    before: Annotated[str, Field(max_length=EDIT_JSON, description="the earlier answer, as JSON")]
    after: Annotated[str, Field(max_length=EDIT_JSON, description="the patient's answer, as JSON")]
    safety: bool = False
    status: Literal["pending", "confirmed", "restored", "applied"] = Field(
        default="pending", description="applied: not a safety answer, in effect at once"
    )
    at: dt.datetime | None = None


# --- the clinical record: consent, photos, what was given (DOMAIN.md "The clinical record") --------

Point = tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]
MAX_PHOTO_BYTES = 6_000_000  # base64 of an imported photo, downscaled on import (core/photos.py)


class Stroke(Answers):
    """One finger stroke on the signature pad, its points as fractions of the pad's width and height."""

    points: list[Point] = Field(min_length=1, max_length=5_000)


class Signature(Answers):
    """A signature as vector strokes (rendered as an image for the record, core/signatures.py)."""

    strokes: list[Stroke] = Field(min_length=1, max_length=500)
    aspect: Annotated[float, Field(gt=0, le=20, description="the pad's width over its height")] = 3.0


Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="a language code: en, he, ar")]


class SignedForm(Answers):
    form: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60, description="a consent form id")]
    version: Annotated[str, Field(min_length=1, max_length=40)]
    off_label: bool = Field(default=False, description="the form's off-label part was read and signed too")
    text: Annotated[str, Field(max_length=200_000)] | None = Field(default=None, description=(
        "the form's words as the patient read them (core.consent.form_text), in the signing's language: "
        "the record holds what was signed, whatever the texts become; None before schema 4"))


class Consent(Answers):
    """One signing: the consent forms read, for which tools, the separate photo choice, both signatures."""

    forms: list[SignedForm] = Field(default_factory=list)
    tools: list[Tool] = Field(default_factory=list, description="the tools these forms consent to")
    photos: bool = Field(description="photo consent: a separate choice")
    patient_signature: Signature
    practitioner_signature: Signature
    signed_at: dt.datetime
    language: Language | None = Field(
        default=None, description="the language the forms were read and signed in; None: not recorded (before schema 4)"
    )


class PhotoView(StrEnum):
    FRONT_REST = "front_rest"
    FRONT_ANIMATED = "front_animated"
    LEFT_45 = "left_45"
    RIGHT_45 = "right_45"
    LEFT_PROFILE = "left_profile"
    RIGHT_PROFILE = "right_profile"


class Photo(Answers):
    """A standard-view photo, JPEG, its location and device metadata removed on import."""

    view: PhotoView
    jpeg: Annotated[str, Field(min_length=1, max_length=MAX_PHOTO_BYTES, description="base64 JPEG")]
    added_at: dt.datetime


class InjectionPoint(Answers):
    x: Annotated[float, Field(ge=0, le=1)]
    y: Annotated[float, Field(ge=0, le=1)]
    amount: Annotated[float, Field(gt=0, le=MAX_UNITS)]


class AdverseEvent(Answers):
    at: dt.datetime
    what: Annotated[str, Field(min_length=1, max_length=2_000)]


class GivenTreatment(Answers):
    """What actually went in, in one area: product (the clinic's list), lot, expiry, amount."""

    tool: Tool
    area: Area | None = None
    product: Annotated[str, Field(min_length=1, max_length=200)]
    lot: Annotated[str, Field(min_length=1, max_length=60)]
    expiry: dt.date
    amount: Annotated[float, Field(gt=0, le=MAX_UNITS)]
    unit: Literal["units", "mL"]
    points: list[InjectionPoint] = Field(default_factory=list)
    adverse_events: list[AdverseEvent] = Field(default_factory=list)


class Consultation(Answers):
    schema_version: Literal[4] = 4
    consult_date: dt.date
    patient: Patient = Field(default_factory=Patient)
    practitioner: Annotated[str, Field(max_length=200)] = ""
    patient_language: Language | None = Field(
        default=None, description="the patient's language: the consent forms and the takeaway; None: the clinic's"
    )
    history: History = Field(default_factory=History)
    screening: Screening = Field(default_factory=Screening)
    bddq: Bddq = Field(default_factory=Bddq)
    cops: list[Annotated[int, Field(ge=0, le=8)]] | None = Field(
        default=None, min_length=9, max_length=9, description="COPS, nine items 0-8"
    )
    concerns: list[Concern] = Field(default_factory=list)
    skin: SkinQuality = Field(default_factory=SkinQuality)
    goals: Goals = Field(default_factory=Goals)
    choices: Choices = Field(default_factory=Choices)
    patient_edits: list[PatientEdit] = Field(
        default_factory=list, description="who answered what: the answers the patient gave or changed"
    )
    consent: list[Consent] = Field(default_factory=list, description="each signing, in order")
    photos: list[Photo] = Field(default_factory=list)
    treatments_given: list[GivenTreatment] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        return migrate(data)

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        seen: set[tuple[Area, str]] = set()
        for concern in self.concerns:
            key = (concern.area, concern.kind)
            if key in seen:
                raise refused("concern_twice", "concerns", area=concern.area.value, concern=concern.kind)
            seen.add(key)
        dob = self.patient.date_of_birth
        if dob is not None and dob >= self.consult_date:
            raise refused("birth_after_consult", "patient.date_of_birth")
        last = self.history.last_neuromodulator
        if last is not None and last > self.consult_date:
            raise refused("neuromodulator_after_consult", "history.last_neuromodulator")
        for index, filler in enumerate(self.history.earlier_fillers):
            if filler.date is not None and filler.date > self.consult_date:
                raise refused("filler_after_consult", f"history.earlier_fillers.{index}.date", n=index + 1)
        if self.screening.infection_areas and self.screening.active_infection is not Reply.YES:
            raise refused("infection_sites_without_infection", "screening.infection_areas",
                          answer=self.screening.active_infection.value)
        for name, planned in (("doses", self.choices.doses), ("filler_volumes", self.choices.filler_volumes)):
            areas = [entry.area for entry in planned]
            if len(areas) != len(set(areas)):
                raise refused("planned_twice", f"choices.{name}")
        consented = self.consented_tools()
        for index, given in enumerate(self.treatments_given):
            where = f"treatments_given.{index}"
            if given.expiry < self.consult_date:
                raise refused("lot_expired", f"{where}.expiry", lot=given.lot, date=given.expiry.isoformat())
            if given.tool not in consented:
                raise refused("no_consent", f"{where}.tool", tool=given.tool.value)
            if given.unit == "mL" and given.amount > MAX_ML:
                raise refused("too_much", f"{where}.amount", amount=f"{given.amount:g}", max=f"{MAX_ML:g}")
            if given.unit != (unit := "units" if given.tool is Tool.NEUROMODULATOR else "mL"):
                raise refused("wrong_unit", f"{where}.unit", tool=given.tool.value, unit=unit, given=given.unit)
        if self.photos and not self.photo_consent:
            raise refused("photos_without_consent", "photos")
        return self

    def consented_tools(self, *, off_label: bool = False) -> set[Tool]:
        """The tools a signed consent covers (every signing counts: a re-consent adds what was added);
        `off_label`: only those whose form was signed with its off-label part."""
        return {tool for signing in self.consent for tool in signing.tools
                if not off_label or any(form.off_label for form in signing.forms)}

    @property
    def photo_consent(self) -> bool:
        """The latest signing's photo choice; no signing is no consent."""
        return bool(self.consent) and self.consent[-1].photos

    def concerns_in(self, area: Area) -> list[Concern]:
        return [concern for concern in self.concerns if concern.area == area]
