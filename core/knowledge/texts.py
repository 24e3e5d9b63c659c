"""Every sentence a person reads, typed: a missing or misspelt key in a language file fails at load.

Tables keyed by the vocabulary (areas, tools, screening...) are dicts checked for completeness in
checks.py; tables whose keys the code names (order, takeaway, flags...) are models with one field per
key, still read by key (`texts.order["review"]`) where the key is computed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Generic, Literal, TypeVar, cast, overload

from pydantic import BaseModel, ConfigDict, Field

from core.vocabulary import (
    Area,
    Dimension,
    Expectation,
    FlagCode,
    FlagSeverity,
    Medication,
    RecommendationStatus,
    Reply,
    ScreeningId,
    SessionKind,
    SkinItem,
    Third,
    Tool,
)

Sentence = Annotated[str, Field(min_length=1)]
V = TypeVar("V")
D = TypeVar("D")


class TextEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Table(TextEntry, Generic[V]):
    """A table whose keys are its fields, read like a read-only mapping: `t[key]`, `get`, `in`, iteration."""

    def __getitem__(self, key: str) -> V:
        if key not in type(self).model_fields:
            raise KeyError(key)
        return cast(V, getattr(self, key))

    @overload
    def get(self, key: str) -> V | None: ...
    @overload
    def get(self, key: str, default: D) -> V | D: ...
    def get(self, key: str, default: object = None) -> object:
        return self[key] if key in type(self).model_fields else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in type(self).model_fields

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]  # keys, as a mapping iterates
        return iter(type(self).model_fields)

    def __len__(self) -> int:
        return len(type(self).model_fields)

    def keys(self) -> list[str]:
        return list(type(self).model_fields)

    def values(self) -> list[V]:
        return [self[key] for key in type(self).model_fields]

    def items(self) -> list[tuple[str, V]]:
        return [(key, self[key]) for key in type(self).model_fields]


class PairText(TextEntry):
    practitioner: str = Field(min_length=1)
    patient: str = Field(min_length=1)


class NamedText(TextEntry):
    name: str = Field(min_length=1)
    patient: str = Field(min_length=1)


class ToolText(TextEntry):
    name: str = Field(min_length=1)
    patient: str = Field(min_length=1, description="plain words, explains the tool at first use")
    expect: str = Field(min_length=1)
    aftercare: str = Field(min_length=1)


class ScreeningText(TextEntry):
    question: str = Field(min_length=1)
    patient_question: str = Field(min_length=1, description="the same question to the patient, second person, plain")
    practitioner: str = Field(min_length=1)
    patient: str = Field(min_length=1)
    missing: str = Field(min_length=1, description="the missing answer, as the practitioner asks it")
    reconsider: str = Field(default="", description="deferred items: when it can be looked at again")
    reconsider_patient: str = Field(default="", description="the same, in the patient's words")


class FlagText(TextEntry):
    practitioner: str = Field(min_length=1)
    patient: str = Field(description='"" for a flag that is the practitioner\'s alone (never on the takeaway)')
    action: str = Field(min_length=1)


class FlagTexts(Table[FlagText]):
    """[flags]: one entry per flag key of knowledge.toml [flags] (checks.py holds the two together)."""

    focused_problem: FlagText
    first_treatment: FlagText
    uncalibrated_expectations: FlagText
    skin_quality_first: FlagText
    budget: FlagText
    wait: FlagText
    wait_no_concern: FlagText
    wait_all_removed: FlagText
    wait_all_declined: FlagText
    wait_all_deferred: FlagText
    talk_first: FlagText
    contraindication: FlagText
    precaution: FlagText
    double_caution: FlagText
    same_session: FlagText
    over_correction: FlagText
    retreatment_interval: FlagText
    dose_check: FlagText
    target_grade: FlagText
    dose_unlabelled: FlagText
    dose_unused: FlagText
    volume_unused: FlagText
    uncalibrated_focused: FlagText
    skin_quality_first_no_filler: FlagText
    wait_answers_missing: FlagText
    deferred: FlagText
    missing_answers: FlagText
    alternative: FlagText
    no_alternative: FlagText
    answers_disagree: FlagText
    filler_visits: FlagText
    event_moved: FlagText


class OrderTexts(Table[str]):
    """[order]: why a session comes where it does, in the patient's words."""

    quality_first: Sentence
    quality_series: Sentence
    reassess: Sentence
    toxin_first: Sentence
    filler_after_toxin: Sentence
    filler_only: Sentence
    filler_first: Sentence
    toxin_after_filler: Sentence
    toxin_only: Sentence
    toxin_only_muscle: Sentence
    quality_first_no_filler: Sentence
    antiviral_wait: Sentence
    after_event: Sentence
    filler_next_visit: Sentence
    review: Sentence
    same_session: Sentence
    retreatment_wait: Sentence
    filler_after_recent_toxin: Sentence


class BddqTexts(Table[str]):
    """[bddq]: the appearance-concern questions (BDDQ-AS), as the patient is asked them."""

    q1: Sentence
    q2: Sentence
    q3: Sentence
    q4: Sentence
    q5: Sentence
    q6: Sentence
    q7: Sentence


class ReportTexts(Table[str]):
    """[report]: the plan as plain text in the terminal (core/report.py)."""

    title: Sentence
    no_name: Sentence
    scores: Sentence
    missing: Sentence
    missing_item: Sentence
    missing_nothing: Sentence
    reconsider: Sentence
    instead_of: Sentence
    dominant: Sentence
    secondary: Sentence
    paused: Sentence
    recommendations: Sentence
    because: Sentence
    source: Sentence
    none: Sentence
    whole_face: Sentence
    removed: Sentence
    flags: Sentence
    flag_action: Sentence
    synergies: Sentence
    synergy: Sentence
    sessions: Sentence
    session: Sentence
    maintenance: Sentence
    maintenance_item: Sentence
    annual: Sentence
    dose: Sentence
    dose_label: Sentence
    dose_no_label: Sentence
    cost: Sentence
    cost_line: Sentence
    total: Sentence
    budget: Sentence
    within_budget: Sentence
    over_budget: Sentence
    twelve_months: Sentence


class TakeawayTexts(Table[str]):
    """[takeaway]: the patient takeaway, the practitioner record and the calendar (core/takeaway)."""

    title: Sentence
    patient: Sentence
    date_label: Sentence
    practitioner: Sentence
    page_of: Sentence
    yes: Sentence
    no: Sentence
    unknown: Sentence
    whole_face: Sentence
    alt_none: Sentence
    alt_unsuitable: Sentence
    alt_contraindicated: Sentence
    tool_neuromodulator: Sentence
    tool_polynucleotides: Sentence
    tool_prf: Sentence
    tool_skinbooster: Sentence
    tool_skincare: Sentence
    tool_ha_filler: Sentence
    tool_caha_filler: Sentence
    tool_plla_filler: Sentence

    concerns_heading: Sentence
    concerns_intro: Sentence
    concerns_intro_none: Sentence
    skin_concern: Sentence
    list_and: Sentence
    picture_main: Sentence
    movement_muscle: Sentence
    picture_also: Sentence
    in_your_words: Sentence

    plan_heading: Sentence
    plan_intro: Sentence
    tools_heading: Sentence
    visits_heading: Sentence
    col_visit: Sentence
    col_date: Sentence
    col_what: Sentence
    col_why: Sentence
    reassessment: Sentence
    review_visit: Sentence
    no_visits: Sentence
    at_home: Sentence
    together_heading: Sentence
    later_heading: Sentence
    later_intro: Sentence
    later_intro_checkup: Sentence
    held_heading: Sentence
    held_intro: Sentence
    declined_heading: Sentence
    declined_intro: Sentence

    flags_heading: Sentence
    flags_intro: Sentence
    flags_none: Sentence
    flags_safety_only: Sentence
    care_heading: Sentence
    care_intro: Sentence

    expect_heading: Sentence
    expect_label: Sentence
    aftercare_label: Sentence
    call_us: Sentence
    call_us_phone: Sentence

    maintenance_heading: Sentence
    maintenance_intro: Sentence
    col_treatment: Sentence
    col_where: Sentence
    col_every: Sentence
    col_next: Sentence
    every_months: Sentence
    every_weeks: Sentence
    every_days: Sentence
    annual: Sentence
    maintenance_none: Sentence

    cost_heading: Sentence
    col_times: Sentence
    col_price: Sentence
    col_amount: Sentence
    total: Sentence
    cost_sum: Sentence
    cost_none: Sentence
    budget_within: Sentence
    budget_over: Sentence
    twelve_heading: Sentence
    twelve_intro: Sentence
    twelve_total: Sentence

    notes_heading: Sentence

    sign_heading: Sentence
    sign_intro: Sentence
    sign_intro_paused: Sentence
    sign_practitioner: Sentence
    sign_patient: Sentence
    sign_date: Sentence

    talk_heading: Sentence
    wait_heading: Sentence
    talk_body: Sentence
    removed_body: Sentence
    missing_body: Sentence
    talk_next: Sentence
    talk_next_phone: Sentence

    record_title: Sentence
    record_footer: Sentence
    record_date_of_birth: Sentence
    record_patient_id: Sentence
    record_kb_version: Sentence
    record_status: Sentence
    record_paused: Sentence
    record_active: Sentence
    record_none: Sentence
    record_picture_heading: Sentence
    record_dimension: Sentence
    record_score: Sentence
    record_role: Sentence
    record_dominant: Sentence
    record_secondary: Sentence
    record_answers_heading: Sentence
    record_part_patient: Sentence
    record_part_history: Sentence
    record_part_screening: Sentence
    record_part_skin: Sentence
    record_part_goals: Sentence
    record_part_concerns: Sentence
    record_part_bddq: Sentence
    record_part_choices: Sentence
    record_area: Sentence
    record_concern: Sentence
    record_rest: Sentence
    record_movement: Sentence
    record_target: Sentence
    record_screening_heading: Sentence
    record_item: Sentence
    record_result: Sentence
    record_effect: Sentence
    record_source: Sentence
    record_positive: Sentence
    record_negative: Sentence
    record_missing: Sentence
    record_missing_heading: Sentence
    record_missing_question: Sentence
    record_missing_holds: Sentence
    record_missing_nothing: Sentence
    record_effect_wait: Sentence
    record_effect_talk_first: Sentence
    record_effect_remove: Sentence
    record_effect_defer: Sentence
    record_effect_precaution: Sentence
    record_flags_heading: Sentence
    record_message: Sentence
    record_action: Sentence
    record_because: Sentence
    record_patient_told: Sentence
    record_recommendations_heading: Sentence
    record_status_col: Sentence
    record_tool: Sentence
    record_reason: Sentence
    record_bddq_item: Sentence
    record_cops: Sentence
    record_what: Sentence
    record_skin_quality: Sentence
    record_day: Sentence
    record_reconsider: Sentence
    record_held_for: Sentence
    record_instead_of: Sentence
    record_off_label: Sentence
    record_removed_heading: Sentence
    record_why: Sentence
    record_sessions_heading: Sentence
    record_index: Sentence
    record_kind: Sentence
    record_synergies_heading: Sentence
    record_maintenance_heading: Sentence
    record_interval: Sentence
    record_annual: Sentence
    record_doses_heading: Sentence
    record_volumes_heading: Sentence
    record_ml: Sentence
    record_volume_planned: Sentence
    record_units: Sentence
    record_label: Sentence
    record_within: Sentence
    record_cost_heading: Sentence
    record_cost_plan: Sentence
    record_cost_year: Sentence
    record_budget: Sentence
    record_edits_heading: Sentence
    record_edits_intro: Sentence
    record_edit_question: Sentence
    record_edit_change: Sentence
    record_edit_status: Sentence
    record_edit_pending: Sentence
    record_edit_confirmed: Sentence
    record_edit_restored: Sentence
    record_edit_applied: Sentence
    record_edit_safety: Sentence
    record_edit_none: Sentence
    record_edit_permanent: Sentence

    ics_treatment: Sentence
    ics_reassessment: Sentence
    ics_topup: Sentence
    ics_annual: Sentence
    ics_visit_note: Sentence
    ics_visit_note_phone: Sentence
    ics_topup_note: Sentence
    ics_annual_note: Sentence


class ReasonTexts(Table[str]):
    """[reasons]: each kind of reason in `because`, in words (core/reasons.py)."""

    concern: Sentence
    target: Sentence
    skin: Sentence
    grade_words: Sentence
    medicines: Sentence
    infection_everywhere: Sentence
    infection_sites: Sentence
    not_asked: Sentence
    answer: Sentence
    no_birth_date: Sentence
    age: Sentence
    last_toxin_unknown: Sentence
    last_toxin_days: Sentence
    last_toxin: Sentence
    permanent_filler: Sentence
    first_timer: Sentence
    event_days: Sentence
    event: Sentence
    budget: Sentence
    plan_total: Sentence
    expectation: Sentence
    thirds: Sentence
    tools_planned: Sentence
    dominant: Sentence
    planned_in: Sentence
    both_planned: Sentence
    same_session: Sentence
    filler_first: Sentence
    dose: Sentence
    dose_upper: Sentence
    no_toxin_there: Sentence
    volume: Sentence
    no_filler_there: Sentence
    all_declined: Sentence
    nothing_graded: Sentence
    all_removed: Sentence
    held: Sentence
    deferred: Sentence
    filler_areas: Sentence
    tool_contraindicated: Sentence
    bddq_unanswered: Sentence
    bddq: Sentence
    cops: Sentence


class PatientModeTexts(Table[str]):
    """[patient_mode]: every word the patient reads on the intake pages in patient mode, besides the
    screening and BDDQ-AS questions: second person, plain words, grade 8 or below
    (tests/test_patient_mode_answers.py)."""

    step: Sentence
    goals_title: Sentence
    goals_subtitle: Sentence
    goals_words: Sentence
    goals_words_hint: Sentence
    goals_expectation: Sentence
    goals_budget: Sentence
    goals_budget_none: Sentence
    goals_event: Sentence
    goals_event_none: Sentence
    goals_event_days: Sentence
    goals_event_past: Sentence
    history_title: Sentence
    history_subtitle: Sentence
    history_toxin: Sentence
    history_toxin_none: Sentence
    history_fillers: Sentence
    history_fillers_none: Sentence
    history_add_filler: Sentence
    history_filler: Sentence
    history_filler_date_none: Sentence
    history_filler_permanent: Sentence
    history_filler_product: Sentence
    history_remove: Sentence
    history_complications: Sentence
    history_complications_none: Sentence
    screening_title: Sentence
    screening_subtitle: Sentence
    screening_section: Sentence
    screening_intro: Sentence
    screening_open: Sentence
    screening_sites: Sentence
    screening_medicines: Sentence
    screening_left: Sentence
    bddq_section: Sentence
    bddq_scale: Sentence


class ConsentFormText(TextEntry):
    """[consent_forms.<form>]: a consent text in the patient's plain words (DOMAIN.md "The clinical record")."""

    title: Sentence
    what: Sentence
    effect: Sentence
    alternatives: Sentence
    common_risks: Sentence
    rare_risks: str = Field(default="", description='"" where DOMAIN.md names no rare serious risk')
    off_label: str = Field(default="", description="said when an off-label area is planned")


class ClinicalRecordTexts(Table[str]):
    """[clinical_record]: consent, photos and what was given, on screen and in the record."""

    consent_title: Sentence
    consent_subtitle: Sentence
    consent_nothing_today: Sentence
    consent_what: Sentence
    consent_effect: Sentence
    consent_alternatives: Sentence
    consent_common: Sentence
    consent_rare: Sentence
    consent_off_label: Sentence
    consent_version: Sentence
    consent_agree: Sentence
    photo_consent_question: Sentence
    photo_consent_text: Sentence
    patient_signs: Sentence
    practitioner_signs: Sentence
    clear: Sentence
    sign: Sentence
    signed: Sentence
    signed_covers: Sentence
    consent_again: Sentence
    sign_both: Sentence
    photo_choice_needed: Sentence
    photos_title: Sentence
    photos_subtitle: Sentence
    photos_no_consent: Sentence
    photo_add: Sentence
    photo_remove: Sentence
    photo_empty: Sentence
    photo_not_image: Sentence
    photos_in_takeaway: Sentence
    compare_heading: Sentence
    compare_earlier: Sentence
    compare_now: Sentence
    compare_overlay: Sentence
    compare_none: Sentence
    view_front_rest: Sentence
    view_front_animated: Sentence
    view_left_45: Sentence
    view_right_45: Sentence
    view_left_profile: Sentence
    view_right_profile: Sentence
    given_title: Sentence
    given_subtitle: Sentence
    given_area: Sentence
    given_product: Sentence
    given_lot: Sentence
    given_expiry: Sentence
    given_amount: Sentence
    photos_withdraw_first: Sentence
    photo_reason_not_image: Sentence
    photo_reason_too_large: Sentence
    unit_units: Sentence  # a product's unit, as the reader's language writes it
    unit_ml: Sentence
    given_record: Sentence
    given_remove: Sentence
    given_none: Sentence
    given_no_products: Sentence
    given_no_consent: Sentence
    given_line: Sentence
    given_points: Sentence
    given_points_heading: Sentence
    given_per_point: Sentence
    given_points_clear: Sentence
    given_per_point_needed: Sentence
    given_adverse: Sentence
    given_adverse_add: Sentence
    given_adverse_line: Sentence
    lot_expired: Sentence
    lot_expires_soon: Sentence
    lot_needed: Sentence
    expiry_needed: Sentence
    amount_needed: Sentence
    product_needed: Sentence
    dose_over_label: Sentence
    dose_no_label: Sentence
    dose_not_checked: Sentence
    lots_heading: Sentence
    lots_search: Sentence
    lots_none: Sentence
    lots_line: Sentence
    record_consent_heading: Sentence
    record_consent_line: Sentence
    record_consent_photos_yes: Sentence
    record_consent_photos_no: Sentence
    record_consent_none: Sentence
    record_consent_language: Sentence
    record_consent_language_unknown: Sentence
    record_patient_signature: Sentence
    record_practitioner_signature: Sentence
    record_photos_heading: Sentence
    record_given_heading: Sentence
    record_given_columns: Sentence
    takeaway_photos_heading: Sentence


class Texts(TextEntry):
    """Every sentence a person reads, keyed so that another language is only another file."""

    language: str
    direction: Literal["ltr", "rtl"] = "ltr"
    dimensions: dict[Dimension, NamedText]
    thirds: dict[Third, NamedText]
    areas: dict[Area, NamedText]
    concerns: dict[Area, dict[str, NamedText]]  # keyed by knowledge.toml's concerns: checks.py
    tools: dict[Tool, ToolText]
    flags: FlagTexts
    screening: dict[ScreeningId, ScreeningText]
    synergies: dict[str, NamedText]  # keyed by knowledge.toml's synergies: checks.py
    order: OrderTexts
    medicines: dict[Medication, Sentence]
    medicines_patient: dict[Medication, Sentence]  # the same medicines in the patient's words (patient mode)
    replies: dict[Reply, Sentence]
    fields: dict[str, Sentence]  # an answer's name by its path (checks.py: every answer has one)
    expectations: dict[Expectation, Sentence]
    flag_names: dict[FlagCode, Sentence]  # a flag's short name on screens and the record
    severities: dict[FlagSeverity, Sentence]
    statuses: dict[RecommendationStatus, Sentence]
    session_kinds: dict[SessionKind, Sentence]
    bddq: BddqTexts
    skin: dict[SkinItem, Sentence]
    skin_patient: dict[SkinItem, Sentence]  # the same items in the patient's words, mid-sentence
    report: ReportTexts
    reasons: ReasonTexts
    source_titles: dict[str, Sentence]  # source prefix -> a short title (core/reasons.py)
    takeaway: TakeawayTexts
    patient_mode: PatientModeTexts
    consent_forms: dict[str, ConsentFormText]  # keyed by knowledge.toml's consent_forms: checks.py
    clinical_record: ClinicalRecordTexts
