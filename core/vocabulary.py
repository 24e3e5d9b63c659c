"""The clinic's vocabulary: the ids DOMAIN.md fixes. Rules about them live in assets/knowledge."""

from __future__ import annotations

from enum import StrEnum


class Third(StrEnum):
    UPPER = "upper"
    MIDDLE = "middle"
    LOWER = "lower"


class Area(StrEnum):
    FOREHEAD = "forehead"
    GLABELLA = "glabella"
    CROWS_FEET = "crows_feet"
    TEAR_TROUGH = "tear_trough"
    CHEEKS = "cheeks"
    NASOLABIAL = "nasolabial"
    LIPS = "lips"
    PERIORAL = "perioral"
    MOUTH_CORNERS = "mouth_corners"
    MARIONETTE = "marionette"
    CHIN = "chin"
    JAWLINE = "jawline"
    MASSETER = "masseter"
    NECK = "neck"


class Dimension(StrEnum):
    MOVEMENT = "movement"
    QUALITY = "quality"
    STRUCTURE = "structure"


class Tool(StrEnum):
    NEUROMODULATOR = "neuromodulator"
    POLYNUCLEOTIDES = "polynucleotides"
    PRF = "prf"
    SKINBOOSTER = "skinbooster"
    SKINCARE = "skincare"
    HA_FILLER = "ha_filler"
    CAHA_FILLER = "caha_filler"
    PLLA_FILLER = "plla_filler"


class FlagCode(StrEnum):
    """The six when-not-to-combine flags of seed 002, then the safety and sequencing flags."""

    FOCUSED_PROBLEM = "focused_problem"
    FIRST_TREATMENT = "first_treatment"
    UNCALIBRATED_EXPECTATIONS = "uncalibrated_expectations"
    SKIN_QUALITY_FIRST = "skin_quality_first"
    BUDGET = "budget"
    WAIT = "wait"
    TALK_FIRST = "talk_first"
    CONTRAINDICATION = "contraindication"
    PRECAUTION = "precaution"
    DOUBLE_CAUTION = "double_caution"
    SAME_SESSION = "same_session"
    OVER_CORRECTION = "over_correction"
    RETREATMENT_INTERVAL = "retreatment_interval"
    DOSE_CHECK = "dose_check"
    DEFERRED = "deferred"
    MISSING_ANSWERS = "missing_answers"
    ALTERNATIVE = "alternative"
    ANSWERS_DISAGREE = "answers_disagree"
    FILLER_VISITS = "filler_visits"


class FlagSeverity(StrEnum):
    INFO = "info"
    CAUTION = "caution"
    STOP = "stop"


class SkinItem(StrEnum):
    TEXTURE = "texture"
    ELASTICITY = "elasticity"
    HYDRATION = "hydration"
    DULLNESS = "dullness"
    DARK_CIRCLES = "dark_circles"
    THIN_SKIN = "thin_skin"
    FINE_LINES = "fine_lines"


class Expectation(StrEnum):
    SUBTLE = "subtle"
    NATURAL = "natural"
    DRAMATIC = "dramatic"


class Medication(StrEnum):
    """Medicines the screening asks about, grouped as the labels group them."""

    CURARE_LIKE = "curare_like"
    ANTICHOLINERGICS = "anticholinergics"
    MUSCLE_RELAXANTS = "muscle_relaxants"
    ANTICOAGULANTS = "anticoagulants"
    ANTIPLATELETS = "antiplatelets"
    NSAIDS = "nsaids"
    FISH_OIL = "fish_oil"
    VITAMIN_E = "vitamin_e"
    GINKGO = "ginkgo"
    GINSENG = "ginseng"


class RecommendationStatus(StrEnum):
    PLANNED = "planned"
    DEFERRED = "deferred"  # not now: a temporary contraindication or a when-not-to-combine rule
    HELD = "held"  # not scheduled until a missing safety answer is given
    DECLINED = "declined"


class SessionKind(StrEnum):
    TREATMENT = "treatment"
    REASSESSMENT = "reassessment"
    REVIEW = "review"  # a first-timer's check after the first injectable treatment


class Reply(StrEnum):
    """A screening answer. Not asked is never read as no."""

    YES = "yes"
    NO = "no"
    NOT_ASKED = "not_asked"


class ScreeningId(StrEnum):
    """The safety screening items; assets/knowledge/screening.toml says what each reads and does."""

    PREGNANT_OR_BREASTFEEDING = "pregnant_or_breastfeeding"
    UNDER_18 = "under_18"
    APPEARANCE_CONCERN = "appearance_concern"
    TOXIN_HYPERSENSITIVITY = "toxin_hypersensitivity"
    NEUROMUSCULAR_DISEASE = "neuromuscular_disease"
    AMINOGLYCOSIDES = "aminoglycosides"
    TOXIN_INTERACTING_MEDICINES = "toxin_interacting_medicines"
    OTHER_TOXIN_3_MONTHS = "other_toxin_3_months"
    TOXIN_RETREATMENT = "toxin_retreatment"
    INFECTION_AT_SITE = "infection_at_site"
    HA_ALLERGY = "ha_allergy"
    LIDOCAINE_ALLERGY = "lidocaine_allergy"
    PERMANENT_FILLER_IN_AREA = "permanent_filler_in_area"
    COLD_SORE_LIPS = "cold_sore_lips"
    BLEEDING_RISK_MEDICINES = "bleeding_risk_medicines"
    COAGULATION_DISORDER = "coagulation_disorder"
    COAGULATION_BRUISING = "coagulation_bruising"
    AUTOIMMUNE_OR_IMMUNOTHERAPY = "autoimmune_or_immunotherapy"
    CHEMOTHERAPY_LAST_12_MONTHS = "chemotherapy_last_12_months"
    EVENT_SOON = "event_soon"
    RECENT_DENTAL_OR_VACCINATION = "recent_dental_or_vaccination"


class ScreeningStatus(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    MISSING = "missing"


THIRD_ORDER: tuple[Third, ...] = (Third.UPPER, Third.MIDDLE, Third.LOWER)
DIMENSION_ORDER: tuple[Dimension, ...] = (Dimension.MOVEMENT, Dimension.QUALITY, Dimension.STRUCTURE)

