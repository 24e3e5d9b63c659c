"""Safety screening triggers: which answers set off which screening item of the knowledge base.

The knowledge base says what an item does (wait, remove, precaution) and why; this module only
reads the answers. Item ids here and in assets/knowledge/screening.toml must match one to one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from core.consultation import Consultation
from core.vocabulary import BLEEDING_RISK, TOXIN_INTERACTING, Area, Medication

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase


@dataclass(frozen=True)
class Triggered:
    because: list[str]
    sites: list[Area] | None = None
    values: dict[str, str] = field(default_factory=dict)


Trigger = Callable[[Consultation, "KnowledgeBase"], Triggered | None]


def _flag(answer: bool, path: str) -> Triggered | None:
    return Triggered([f"{path} = yes"]) if answer else None


def _medicines(c: Consultation, wanted: tuple[Medication, ...]) -> Triggered | None:
    found = [m.value for m in c.screening.medications if m in wanted]
    return Triggered([f"screening.medications includes {', '.join(found)}"]) if found else None


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _under_18(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    birth = c.patient.date_of_birth
    if birth is None:
        return None
    age = age_on(birth, c.consult_date)
    if age >= kb.facts.adult_age_years.value:
        return None
    return Triggered([f"patient.date_of_birth = {birth.isoformat()} (age {age})"])


def _age_not_confirmed(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    """Without a date of birth the under-18 screen cannot run: say so rather than assume an adult."""
    return Triggered(["patient.date_of_birth not given"]) if c.patient.date_of_birth is None else None


def _bddq_incomplete(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    """An unanswered BDDQ-AS is not a negative one (a validated screen is required)."""
    b = c.bddq
    missing = [f"bddq.q{n}" for n, v in ((1, b.q1), (2, b.q2)) if v is None]
    if not missing and b.q1 and b.q2 and not bdd_screen(c, kb):
        later = ((3, b.q3), (4, b.q4), (5, b.q5), (6, b.q6), (7, b.q7))
        missing = [f"bddq.q{n}" for n, v in later if v is None]
    return Triggered([f"{', '.join(missing)} not answered"]) if missing else None


def _infection(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    s = c.screening
    if not s.active_infection and not s.infection_areas:
        return None
    if s.infection_areas:
        sites = list(dict.fromkeys(s.infection_areas))
        return Triggered([f"screening.infection_areas = {', '.join(a.value for a in sites)}"], sites)
    return Triggered(["screening.active_infection = yes, no site given: every site"], list(Area))


def _permanent_filler(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    sites = list(dict.fromkeys(f.area for f in c.history.earlier_fillers if f.permanent))
    if not sites:
        return None
    because = [f"history.earlier_fillers: permanent filler in {a.value}" for a in sites]
    return Triggered(because, sites)


def toxin_earliest(c: Consultation, kb: KnowledgeBase) -> date | None:
    last = c.history.last_neuromodulator
    if last is None:
        return None
    return last + timedelta(days=kb.facts.toxin_min_retreatment_days.value)


def _retreatment(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    earliest = toxin_earliest(c, kb)
    last = c.history.last_neuromodulator
    if earliest is None or last is None or earliest <= c.consult_date:
        return None
    days = (c.consult_date - last).days
    return Triggered(
        [f"history.last_neuromodulator = {last.isoformat()} ({days} days before the consult)"],
        values={
            "days": str(days),
            "date": earliest.isoformat(),
            "min_days": str(kb.facts.toxin_min_retreatment_days.value),
        },
    )


def _event_soon(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    event = c.goals.event_date
    if event is None:
        return None
    days = (event - c.consult_date).days
    if days < 0:
        return None  # whether a treatment falls in the 14 days before it is checked on the schedule
    return Triggered(
        [f"goals.event_date = {event.isoformat()} ({days} days after the consult)"],
        values={"date": event.isoformat()},
    )


def _immune(c: Consultation, kb: KnowledgeBase) -> Triggered | None:
    s = c.screening
    because = []
    if s.autoimmune_or_immunotherapy:
        because.append("screening.autoimmune_or_immunotherapy = yes")
    if s.chemotherapy_last_12_months:
        because.append("screening.chemotherapy_last_12_months = yes")
    return Triggered(because) if because else None


TRIGGERS: dict[str, Trigger] = {
    "pregnant_or_breastfeeding": lambda c, kb: _flag(
        c.screening.pregnant_or_breastfeeding, "screening.pregnant_or_breastfeeding"
    ),
    "under_18": _under_18,
    "age_not_confirmed": _age_not_confirmed,
    "bddq_incomplete": _bddq_incomplete,
    "toxin_hypersensitivity": lambda c, kb: _flag(
        c.screening.toxin_hypersensitivity, "screening.toxin_hypersensitivity"
    ),
    "neuromuscular_disease": lambda c, kb: _flag(c.screening.neuromuscular_disease, "screening.neuromuscular_disease"),
    "aminoglycosides": lambda c, kb: _medicines(c, (Medication.AMINOGLYCOSIDES,)),
    "toxin_interacting_medicines": lambda c, kb: _medicines(c, TOXIN_INTERACTING),
    "other_toxin_3_months": lambda c, kb: _medicines(c, (Medication.OTHER_TOXIN_3_MONTHS,)),
    "toxin_retreatment": _retreatment,
    "infection_at_site": _infection,
    "ha_or_lidocaine_allergy": lambda c, kb: _flag(
        c.screening.ha_or_lidocaine_allergy, "screening.ha_or_lidocaine_allergy"
    ),
    "permanent_filler_in_area": _permanent_filler,
    "cold_sore_lips": lambda c, kb: _flag(c.screening.cold_sore_history, "screening.cold_sore_history"),
    "bleeding_risk_medicines": lambda c, kb: _medicines(c, BLEEDING_RISK),
    "coagulation_disorder": lambda c, kb: _flag(c.screening.coagulation_disorder, "screening.coagulation_disorder"),
    "coagulation_bruising": lambda c, kb: _flag(
        c.screening.coagulation_disorder, "screening.coagulation_disorder"
    ),
    "immune_conditions": _immune,
    "event_soon": _event_soon,
    "recent_dental_or_vaccination": lambda c, kb: _flag(
        c.screening.recent_dental_or_vaccination, "screening.recent_dental_or_vaccination"
    ),
}


def bdd_screen(c: Consultation, kb: KnowledgeBase) -> list[str]:
    """The answers that make the BDDQ-AS or COPS positive; empty when the screen is negative."""
    b = c.bddq
    threshold = kb.facts.bddq_likert_positive.value
    because: list[str] = []
    if b.q1 and b.q2:
        high = [
            f"bddq.q{n} = {v}"
            for n, v in ((3, b.q3), (4, b.q4), (5, b.q5), (6, b.q6))
            if v is not None and v >= threshold
        ]
        if high or b.q7:
            because = ["bddq.q1 = yes", "bddq.q2 = yes", *high] + (["bddq.q7 = yes"] if b.q7 else [])
    if c.cops is not None:
        score = sum(c.cops)
        if score >= kb.facts.cops_referral_score.value:
            because.append(f"cops total = {score} (referral at {kb.facts.cops_referral_score.value})")
    return because
