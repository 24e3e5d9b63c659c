"""The shape of the knowledge base. Every rule names its `source`; unknown keys are errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, model_validator

# The language files' models live in texts.py; imported from here too, as they always were.
from core.knowledge.texts import FlagText as FlagText
from core.knowledge.texts import NamedText as NamedText
from core.knowledge.texts import PairText as PairText
from core.knowledge.texts import ScreeningText as ScreeningText
from core.knowledge.texts import Texts as Texts
from core.knowledge.texts import ToolText as ToolText
from core.money import clinic_locale, language_locale
from core.vocabulary import (
    Area,
    Dimension,
    FlagCode,
    FlagSeverity,
    Medication,
    ScreeningId,
    SkinItem,
    Third,
    Tool,
)

Source = Annotated[str, Field(min_length=1, description="The seed or published reference")]
Money = Annotated[Decimal, Field(ge=0), PlainSerializer(float, when_used="json")]
T = TypeVar("T")


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Setting(Entry, Generic[T]):
    """A number the clinic may change; `source` says where the default comes from."""

    value: T
    source: Source


# --- areas, concerns, tools -------------------------------------------------------------------


class AreaInfo(Entry):
    third: Third
    delicate: bool = False
    filler_class: Literal["dynamic", "static"] = Field(description="Which HA filler maintenance interval applies here")
    toxin_effect: Literal["lines", "muscle"] = Field(
        default="lines", description="what a neuromodulator does here: softens lines, or relaxes a muscle"
    )
    toxin_off_label: bool = Field(default=False, description="neuromodulator use here is off-label")
    concerns: list[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]] = Field(min_length=1)
    source: Source


class Span(Entry):
    low: int = Field(ge=0)
    high: int = Field(ge=0)
    unit: Literal["days", "weeks", "months"]
    source: Source


class Suits(Entry):
    areas: list[Area] = Field(min_length=1)
    source: Source


class ToolInfo(Entry):
    dimension: Dimension
    injectable: bool
    filler: bool = False
    maintenance: Literal["neuromodulator", "filler_by_area", "biostimulator", "quality"] | None = Field(
        default=None, description="which maintenance interval of the clinic settings applies; none: no top-up"
    )
    suits: Suits | None = Field(default=None, description="the areas the tool may be used in; none: where its rules say")
    alternatives: list[Tool] = Field(
        default_factory=list, description="when this tool is contraindicated, the next tools to consider, in order"
    )
    onset: Span | None = None
    duration: Span | None = None
    source: Source

    def suits_area(self, area: Area | None) -> bool:
        return self.suits is None or area is None or area in self.suits.areas


# --- rules: area + concern -> tool, with typed conditions --------------------------------------


class Always(Entry):
    kind: Literal["always"] = "always"


class RestSeverity(Entry):
    """Depth decides: a line seen at rest is static; its grade at rest picks the tool."""

    kind: Literal["rest_severity"]
    at_least: Literal["perioral_static_rest"] | None = None
    below: Literal["perioral_static_rest"] | None = None


Condition = Annotated[Always | RestSeverity, Field(discriminator="kind")]


class Rule(Entry):
    area: Area
    concern: str
    tool: Tool
    when: Condition = Field(default_factory=Always)
    source: Source


class SkinRule(Entry):
    """Skin quality items at or above the clinic threshold call for a quality series."""

    items: list[SkinItem]
    tool: Tool
    source: Source


# --- synergies ----------------------------------------------------------------------------------


class AreaTool(Entry):
    area: Area
    tool: Tool | None = None


class AreasMatch(Entry):
    kind: Literal["areas"]
    all_of: list[AreaTool] = Field(min_length=1)
    any_of: list[AreaTool] = Field(default_factory=list)


class SameAreaMatch(Entry):
    """Two tools planned in one area (seed 000: toxin refines a filler result there)."""

    kind: Literal["same_area"]
    tools: list[Tool] = Field(min_length=2)
    areas: list[Area] = Field(min_length=1)


SynergyMatch = Annotated[AreasMatch | SameAreaMatch, Field(discriminator="kind")]


class SynergyInfo(Entry):
    match: SynergyMatch
    flag: FlagCode | None = None
    source: Source


# --- screening ----------------------------------------------------------------------------------
# An item reads one kind of answer and has one effect. `reads` says where the answer is; the engine
# (core/engine/safety.py) has one reader per kind, so a new question is data, not code.


class AnswerRead(Entry):
    """A yes / no / not asked answer of the screening page."""

    kind: Literal["answer"]
    answer: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="a field of Screening")
    medicines: list[Medication] = Field(default_factory=list, description="which medicines a yes names")
    sites: bool = Field(default=False, description="a yes names sites (screening.infection_areas)")
    unless_date: Literal["last_neuromodulator"] | None = Field(
        default=None, description="a yes counts only while this history date is unknown; a known date decides"
    )


class AgeRead(Entry):
    """The date of birth against facts.adult_age_years; a missing date is a missing answer."""

    kind: Literal["age_below_adult"]


class LastToxinRead(Entry):
    kind: Literal["last_toxin_within_interval"]


class PermanentFillerRead(Entry):
    kind: Literal["permanent_filler"]


class EventRead(Entry):
    kind: Literal["event_date"]


class AppearanceRead(Entry):
    """BDDQ-AS and COPS; an unfinished BDDQ-AS is a missing answer."""

    kind: Literal["appearance_screen"]


Read = Annotated[
    AnswerRead | AgeRead | LastToxinRead | PermanentFillerRead | EventRead | AppearanceRead,
    Field(discriminator="kind"),
]


class Wait(Entry):
    """Not now, for every injectable: the plan pauses; each recommendation is deferred."""

    kind: Literal["wait"]


class TalkFirst(Entry):
    kind: Literal["talk_first"]


class Remove(Entry):
    """A permanent contraindication: the tool goes (at the affected sites only, with `at_sites`)."""

    kind: Literal["remove"]
    tools: list[Tool] = Field(min_length=1)
    at_sites: bool = False


class Defer(Entry):
    """A temporary contraindication: the tool stays in the plan as deferred until it passes."""

    kind: Literal["defer"]
    tools: list[Tool] = Field(min_length=1)
    at_sites: bool = Field(default=False, description="only at the sites the answer names (and whole-face series)")


class Precaution(Entry):
    kind: Literal["precaution"]
    tools: list[Tool] = Field(default_factory=list, description="empty: any planned injectable")
    areas: list[Area] = Field(default_factory=list, description="empty: any area")


Effect = Annotated[Wait | TalkFirst | Remove | Defer | Precaution, Field(discriminator="kind")]


class ScreeningItem(Entry):
    reads: Read
    effect: Effect
    when_missing: Literal["hold", "note"] = Field(
        default="hold", description="hold: the tools this item acts on wait for the answer; note: only listed"
    )
    source: Source


# --- facts with numbers -------------------------------------------------------------------------


class LabelDose(Entry):
    units: float = Field(gt=0)
    source: Source


class LabelDoseTogether(LabelDose):
    areas: list[Area] = Field(min_length=2)


class Facts(Entry):
    """Published numbers the engine checks against; not clinic settings."""

    toxin_min_retreatment_days: Setting[int]
    event_window_days: Setting[int]
    max_grade_change: Setting[int]
    adult_age_years: Setting[int]
    bddq_likert_positive: Setting[int]
    cops_referral_score: Setting[int]
    label_doses: dict[Area, LabelDose]
    label_dose_all_upper: LabelDoseTogether


# --- clinic settings ----------------------------------------------------------------------------


def _known_locale(code: str) -> str:
    """A locale Babel knows (`en`, `en_GB`, `de_CH`, `fr-FR`), kept in Babel's spelling (`fr_FR`)."""
    return str(clinic_locale(code))


# How money, numbers and dates are written and read (core/money.py, core/dates.py); `language` picks
# the text file. An English text with Swiss money is `language = "en"`, `locale = "de_CH"`.
LocaleCode = Annotated[str, AfterValidator(_known_locale)]


class Clinic(Entry):
    name: str = Field(min_length=1, max_length=200)
    logo: str = Field(default="", description="path to a PNG or JPEG; empty for none")
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    paper: Literal["A4", "Letter"] = "A4"
    currency: str = Field(default="EUR", min_length=1, max_length=8)
    language: str = "en"
    locale: LocaleCode = "en"


PositiveDays = Setting[Annotated[int, Field(ge=1, le=3650)]]


class Schedule(Entry):
    first_session_day: Setting[Annotated[int, Field(ge=0, le=365)]]
    filler_gap_days: Setting[Annotated[int, Field(ge=0, le=365)]]
    quality_series_sessions: Setting[Annotated[int, Field(ge=1, le=12)]]
    quality_series_spacing_days: PositiveDays
    reassess_after_series_days: PositiveDays
    annual_assessment_days: PositiveDays
    antiviral_lead_days: Setting[Annotated[int, Field(ge=1, le=60)]]
    first_timer_review_days: PositiveDays
    max_filler_areas_per_visit: Setting[Annotated[int, Field(ge=1, le=14)]]
    filler_visit_spacing_days: PositiveDays


class Maintenance(Entry):
    neuromodulator: PositiveDays
    filler_dynamic: PositiveDays
    filler_static: PositiveDays
    biostimulator: PositiveDays
    quality: PositiveDays


class Thresholds(Entry):
    skin_quality_concern: Setting[Annotated[int, Field(ge=1, le=4)]]
    perioral_static_rest: Setting[Annotated[int, Field(ge=1, le=4)]]
    dose_warning_ratio: Setting[Annotated[float, Field(ge=1.0, le=5.0)]]
    lot_expiry_warning_days: Setting[Annotated[int, Field(ge=0, le=365)]]


def _full_path_or_empty(folder: str) -> str:
    if folder.strip() and not Path(folder).expanduser().is_absolute():
        raise ValueError(f"give the folder as a full path (/…, ~/…), not '{folder}'; empty for no backups")
    return folder.strip()


DATABASE_URL_STARTS = ("sqlite:///", "postgresql://", "postgresql+psycopg://")


def _database_url_or_empty(url: str) -> str:
    if url.strip() and not url.strip().startswith(DATABASE_URL_STARTS):
        raise ValueError("give a database URL: postgresql://USER@HOST/DATABASE (the clinic's server) or "
                         "sqlite:///PATH (a file); empty for the file on this tablet")
    return url.strip()


class RecordKeeping(Entry):
    """Where the records are (README, "One clinic database for several tablets") and the daily
    backup of a local records file (README, "Backups")."""

    database: Setting[Annotated[str, AfterValidator(_database_url_or_empty)]]
    backup_folder: Setting[Annotated[str, AfterValidator(_full_path_or_empty)]]
    backup_keep: Setting[Annotated[int, Field(ge=1, le=3650)]]


class Product(Entry):
    """One product of the clinic's list: what the practitioner picks when recording what was given."""

    name: str = Field(min_length=1, max_length=200)
    tool: Tool
    unit: Literal["units", "mL"] = Field(description="units for a neuromodulator, mL for a filler or skin injection")
    label_doses: bool = Field(default=False, description=(
        "a neuromodulator whose units are onabotulinumtoxinA units, the units of the label doses Thirds knows "
        "(BOTOX Cosmetic): only then are its amounts checked against them; another toxin's units differ, "
        "and one not marked is not checked (and the Given step says so)"))
    source: Source

    @model_validator(mode="after")
    def _unit_fits(self) -> Product:
        wanted = "units" if self.tool is Tool.NEUROMODULATOR else "mL"
        if self.unit != wanted:
            raise ValueError(f"unit: {self.tool.value} is given in {wanted}, not {self.unit}")
        if self.label_doses and self.tool is not Tool.NEUROMODULATOR:
            raise ValueError(f"label_doses: only a neuromodulator has label doses in units, not {self.tool.value}")
        return self


class Settings(Entry):
    clinic: Clinic
    products: list[Product] = Field(default_factory=list, description="the clinic's product list")
    prices: dict[Tool, Setting[Money]]
    area_prices: dict[Tool, dict[Area, Setting[Money]]] = Field(default_factory=dict)
    schedule: Schedule
    maintenance: Maintenance
    thresholds: Thresholds
    records: RecordKeeping


# --- flags ---------------------------------------------------------------------------------------


class FlagRule(Entry):
    """How serious a flag is: clinical knowledge, so here and not in a language file."""

    severity: FlagSeverity


class ConsentForm(Entry):
    """A consent text per treatment type (its words are in the language files, [consent_forms])."""

    version: str = Field(min_length=1, max_length=40)
    tools: list[Tool] = Field(min_length=1)
    source: Source


class KnowledgeBase(Entry):
    version: str
    areas: dict[Area, AreaInfo]
    tools: dict[Tool, ToolInfo]
    rules: list[Rule]
    skin_rule: SkinRule
    synergies: dict[str, SynergyInfo]
    screening: dict[ScreeningId, ScreeningItem]
    flags: dict[str, FlagRule]
    consent_forms: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], ConsentForm]
    facts: Facts
    settings: Settings
    texts: dict[str, Texts]

    def text(self, language: str | None = None) -> Texts:
        return self.texts.get(language or self.settings.clinic.language) or self.texts["en"]

    def for_language(self, language: str) -> KnowledgeBase:
        """This knowledge base speaking a patient's language: its texts, and dates and amounts written
        the way that language writes them (the clinic's currency kept). The plan made with it carries
        every sentence in that language; the clinic's own language keeps the clinic's locale."""
        clinic = self.settings.clinic
        if language == clinic.language:
            return self
        if language not in self.texts:
            raise KeyError(f"no texts in {language!r}; the knowledge base has: {', '.join(sorted(self.texts))}")
        locale = language_locale(language, clinic.locale)
        settings = self.settings.model_copy(
            update={"clinic": clinic.model_copy(update={"language": language, "locale": locale})}
        )
        return self.model_copy(update={"settings": settings})

    def concern_kinds(self, area: Area) -> list[str]:
        return list(self.areas[area].concerns)

    def injectables(self) -> list[Tool]:
        return [tool for tool, info in self.tools.items() if info.injectable]

    def consent_form(self, tool: Tool) -> str | None:
        """The id of the consent form that covers `tool`, or None (no injection, no form)."""
        return next((form_id for form_id, form in self.consent_forms.items() if tool in form.tools), None)

    def products_for(self, tool: Tool) -> list[Product]:
        return [product for product in self.settings.products if product.tool is tool]

    def contraindications(self, tool: Tool) -> list[ScreeningId]:
        """The screening items that remove or defer this tool (screening.toml holds each with its source)."""
        return [
            item_id
            for item_id, item in self.screening.items()
            if isinstance(item.effect, Remove | Defer) and tool in item.effect.tools
        ]
