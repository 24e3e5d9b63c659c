"""What the engine returns: the Movement / Quality / Structure picture and what to do about it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

from core.vocabulary import (
    Area,
    Dimension,
    FlagCode,
    FlagSeverity,
    RecommendationStatus,
    ScreeningId,
    ScreeningStatus,
    SessionKind,
    Third,
    Tool,
)

Money = Annotated[Decimal, PlainSerializer(float, when_used="json")]
LEGACY_ITEMS = {"ha_or_lidocaine_allergy": "ha_allergy"}  # version-1 screening item ids


class PlanPart(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recommendation(PlanPart):
    """One tool for one problem. `area` None means the whole face (skin quality)."""

    area: Area | None
    third: Third | None
    concern: str
    dimension: Dimension
    tool: Tool
    status: RecommendationStatus = RecommendationStatus.PLANNED
    severity: int = 0
    because: list[str]
    source: str
    deferred_by: ScreeningId | FlagCode | None = None
    reconsider: str = Field(default="", description="deferred: when it can be looked at again, for the practitioner")
    reconsider_patient: str = Field(default="", description="the same, in the patient's words")
    held_by: list[ScreeningId] = Field(default_factory=list, description="held: the answers it waits for")
    alternative_to: Tool | None = Field(default=None, description="offered because this tool is contraindicated")
    declined_reason: str = ""


class Removal(PlanPart):
    """A tool that a permanent contraindication took out of the plan, and why."""

    area: Area | None
    tool: Tool
    screening_item: ScreeningId
    message: str
    because: list[str]
    source: str


class Flag(PlanPart):
    code: FlagCode
    severity: FlagSeverity
    message: str
    patient_message: str
    because: list[str]
    source: str
    action: str = ""
    area: Area | None = None
    item: str = Field(default="", description="screening item or synergy id behind the flag")
    key: str = Field(default="", description="the text and severity entry the flag was made from")


class ScreeningResult(PlanPart):
    """One screening item as the engine read it: the plan carries it, every view reads it here."""

    item: ScreeningId
    status: ScreeningStatus
    because: list[str]
    source: str


class MissingAnswer(PlanPart):
    """A safety answer not given yet, and the treatments that wait for it."""

    items: list[ScreeningId]
    question: str
    holds: list[Tool]
    areas: list[Area] = Field(default_factory=list, description="empty: every area")


class DimensionScores(PlanPart):
    movement: int
    quality: int
    structure: int
    dominant: Dimension | None
    secondary: list[Dimension]

    def of(self, dimension: Dimension) -> int:
        value: int = getattr(self, dimension.value)
        return value


class Synergy(PlanPart):
    id: str
    name: str
    areas: list[Area]
    message: str
    patient_message: str
    source: str


class Treatment(PlanPart):
    tool: Tool
    area: Area | None


class Session(PlanPart):
    index: int
    date: dt.date
    day: int
    kind: SessionKind
    treatments: list[Treatment]
    why: str = Field(default="", description="why this session comes here, for the patient")
    note: str = ""


class MaintenanceItem(PlanPart):
    tool: Tool
    area: Area | None
    interval_days: int
    next_due: dt.date
    source: str


class CostLine(PlanPart):
    tool: Tool
    area: Area | None
    quantity: int
    unit_price: Money
    amount: Money


class Cost(PlanPart):
    currency: str
    lines: list[CostLine]
    total: Money
    budget: Money | None
    within_budget: bool
    twelve_month_estimate: Money
    twelve_month_lines: list[CostLine]


class DoseCheck(PlanPart):
    area: Area
    units: float
    label_units: float | None
    within_label: bool
    source: str


class Plan(PlanPart):
    kb_version: str
    consult_date: dt.date
    paused: bool = Field(description="True when nothing should be done now (wait or talk first)")
    missing: list[MissingAnswer] = Field(default_factory=list, description="empty in plans stored before v2")
    screening: list[ScreeningResult] = Field(default_factory=list, description="empty in plans stored before v2")
    recommendations: list[Recommendation]
    removed: list[Removal]
    scores: DimensionScores
    synergies: list[Synergy]
    flags: list[Flag]
    sessions: list[Session]
    maintenance: list[MaintenanceItem]
    annual_assessment: dt.date | None
    dose_checks: list[DoseCheck]
    cost: Cost

    @model_validator(mode="before")
    @classmethod
    def _stored_before_v2(cls, data: Any) -> Any:
        """A plan snapshot stored by an earlier Thirds: its one renamed screening item carried forward."""
        if isinstance(data, dict) and isinstance(data.get("removed"), list):
            data = {**data, "removed": [
                {**r, "screening_item": LEGACY_ITEMS.get(str(r.get("screening_item")), r.get("screening_item"))}
                if isinstance(r, dict) else r
                for r in data["removed"]
            ]}
        return data

    @property
    def planned(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.status is RecommendationStatus.PLANNED]

    @property
    def deferred(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.status is RecommendationStatus.DEFERRED]

    @property
    def held(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.status is RecommendationStatus.HELD]

    def result(self, item: ScreeningId) -> ScreeningResult | None:
        return next((r for r in self.screening if r.item is item), None)

    def has_flag(self, code: FlagCode) -> bool:
        return any(flag.code is code for flag in self.flags)

    @property
    def paused_by(self) -> list[Flag]:
        """The wait and talk-first flags of positive screening items (pregnancy, a positive BDDQ-AS):
        the answers that pause the whole plan. Empty when nothing pauses it, or when it is paused only
        because nothing is left to do."""
        return [f for f in self.flags if f.code in (FlagCode.WAIT, FlagCode.TALK_FIRST) and f.item]
