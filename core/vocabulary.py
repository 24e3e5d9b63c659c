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

    AMINOGLYCOSIDES = "aminoglycosides"
    CURARE_LIKE = "curare_like"
    ANTICHOLINERGICS = "anticholinergics"
    MUSCLE_RELAXANTS = "muscle_relaxants"
    OTHER_TOXIN_3_MONTHS = "other_toxin_3_months"
    ANTICOAGULANTS = "anticoagulants"
    ANTIPLATELETS = "antiplatelets"
    NSAIDS = "nsaids"
    FISH_OIL = "fish_oil"
    VITAMIN_E = "vitamin_e"
    GINKGO = "ginkgo"
    GINSENG = "ginseng"


class RecommendationStatus(StrEnum):
    PLANNED = "planned"
    DEFERRED = "deferred"
    DECLINED = "declined"


class SessionKind(StrEnum):
    TREATMENT = "treatment"
    REASSESSMENT = "reassessment"


THIRD_ORDER: tuple[Third, ...] = (Third.UPPER, Third.MIDDLE, Third.LOWER)
DIMENSION_ORDER: tuple[Dimension, ...] = (Dimension.MOVEMENT, Dimension.QUALITY, Dimension.STRUCTURE)


# Medicine groups the screening asks about together (BOTOX label drug interactions; HA filler IFUs).
TOXIN_INTERACTING = (Medication.CURARE_LIKE, Medication.ANTICHOLINERGICS, Medication.MUSCLE_RELAXANTS)
BLEEDING_RISK = (
    Medication.ANTICOAGULANTS,
    Medication.ANTIPLATELETS,
    Medication.NSAIDS,
    Medication.FISH_OIL,
    Medication.VITAMIN_E,
    Medication.GINKGO,
    Medication.GINSENG,
)
