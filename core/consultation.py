"""The answers of one consult: everything the engine reads, nothing it computes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from core.migrate import migrate
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


class Consultation(Answers):
    schema_version: Literal[2] = 2
    consult_date: dt.date
    patient: Patient = Field(default_factory=Patient)
    practitioner: Annotated[str, Field(max_length=200)] = ""
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
                raise ValueError(f"concerns: {concern.area.value}/{concern.kind} is listed twice")
            seen.add(key)
        dob = self.patient.date_of_birth
        if dob is not None and dob >= self.consult_date:
            raise ValueError("patient.date_of_birth: must be before the consult date")
        last = self.history.last_neuromodulator
        if last is not None and last > self.consult_date:
            raise ValueError("history.last_neuromodulator: is after the consult date")
        for index, filler in enumerate(self.history.earlier_fillers):
            if filler.date is not None and filler.date > self.consult_date:
                raise ValueError(f"history.earlier_fillers.{index}.date: is after the consult date")
        if self.screening.infection_areas and self.screening.active_infection is not Reply.YES:
            raise ValueError(
                "screening.infection_areas: sites are named but the infection answer is "
                f"'{self.screening.active_infection.value}', not 'yes'"
            )
        for name, planned in (("doses", self.choices.doses), ("filler_volumes", self.choices.filler_volumes)):
            areas = [entry.area for entry in planned]
            if len(areas) != len(set(areas)):
                raise ValueError(f"choices.{name}: an area is listed twice")
        return self

    def concerns_in(self, area: Area) -> list[Concern]:
        return [concern for concern in self.concerns if concern.area == area]
