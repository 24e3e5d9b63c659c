"""Read the answers each screening item of the knowledge base names: positive, negative or missing.

One reader per kind of `reads` (assets/knowledge/screening.toml); what a result does to the plan is
core/engine/screen.py's business. An answer nobody gave is missing, never negative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.consultation import Consultation
from core.knowledge.models import (
    AgeRead,
    AnswerRead,
    AppearanceRead,
    EventRead,
    KnowledgeBase,
    LastToxinRead,
    PermanentFillerRead,
    Read,
)
from core.vocabulary import Area, Reply, ScreeningId, ScreeningStatus


@dataclass(frozen=True)
class Finding:
    status: ScreeningStatus
    because: list[str] = field(default_factory=list)
    sites: list[Area] | None = None  # None: not bound to sites (or every site)
    values: dict[str, str] = field(default_factory=dict)


NEGATIVE = Finding(ScreeningStatus.NEGATIVE)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def toxin_earliest(c: Consultation, kb: KnowledgeBase) -> date | None:
    last = c.history.last_neuromodulator
    if last is None:
        return None
    return last + timedelta(days=kb.facts.toxin_min_retreatment_days.value)


def _answer(c: Consultation, kb: KnowledgeBase, read: AnswerRead) -> Finding:
    reply: Reply = getattr(c.screening, read.answer)
    path = f"screening.{read.answer}"
    if reply is Reply.NOT_ASKED:
        return Finding(ScreeningStatus.MISSING, [f"{path} not asked"])
    if reply is Reply.NO:
        return NEGATIVE
    last = c.history.last_neuromodulator
    recent = last is not None and (c.consult_date - last).days < kb.facts.toxin_min_retreatment_days.value
    if read.unless_date == "last_neuromodulator" and recent:
        return NEGATIVE  # a recent known date decides (the retreatment item reads it)
    # "Yes, within 3 months" against an older recorded date: perhaps a toxin given elsewhere. Until
    # the practitioner resolves it, the yes stands (the answers_disagree flag says so).
    because = [f"{path} = yes"]
    names = kb.text().medicines
    named = [m for m in c.screening.medications if m in read.medicines]
    values = {"medicines": f" ({', '.join(names[m] for m in named)})" if named else ""}
    if named:
        because.append(f"screening.medications includes {', '.join(m.value for m in named)}")
    sites: list[Area] | None = None
    if read.sites:
        sites = list(dict.fromkeys(c.screening.infection_areas)) or list(Area)
        chosen = ", ".join(a.value for a in c.screening.infection_areas) or "no site given: every site"
        because.append(f"screening.infection_areas = {chosen}")
    if read.unless_date == "last_neuromodulator":
        later = c.consult_date + timedelta(days=kb.facts.toxin_min_retreatment_days.value)
        values["date"] = later.isoformat()
        if last is None:
            because.append("history.last_neuromodulator not known")
        else:
            because.append(f"history.last_neuromodulator = {last.isoformat()}")
    return Finding(ScreeningStatus.POSITIVE, because, sites, values)


def _age(c: Consultation, kb: KnowledgeBase, read: AgeRead) -> Finding:
    birth = c.patient.date_of_birth
    if birth is None:
        return Finding(ScreeningStatus.MISSING, ["patient.date_of_birth not given"])
    age = age_on(birth, c.consult_date)
    if age >= kb.facts.adult_age_years.value:
        return NEGATIVE
    return Finding(ScreeningStatus.POSITIVE, [f"patient.date_of_birth = {birth.isoformat()} (age {age})"])


def _last_toxin(c: Consultation, kb: KnowledgeBase, read: LastToxinRead) -> Finding:
    earliest = toxin_earliest(c, kb)
    last = c.history.last_neuromodulator
    if earliest is None or last is None or earliest <= c.consult_date:
        return NEGATIVE
    days = (c.consult_date - last).days
    return Finding(
        ScreeningStatus.POSITIVE,
        [f"history.last_neuromodulator = {last.isoformat()} ({days} days before the consult)"],
        values={
            "days": str(days),
            "date": earliest.isoformat(),
            "min_days": str(kb.facts.toxin_min_retreatment_days.value),
        },
    )


def _permanent_filler(c: Consultation, kb: KnowledgeBase, read: PermanentFillerRead) -> Finding:
    sites = list(dict.fromkeys(f.area for f in c.history.earlier_fillers if f.permanent))
    if not sites:
        return NEGATIVE
    because = [f"history.earlier_fillers: permanent filler in {a.value}" for a in sites]
    return Finding(ScreeningStatus.POSITIVE, because, sites)


def _event(c: Consultation, kb: KnowledgeBase, read: EventRead) -> Finding:
    """An event still to come: the schedule keeps clear of it (core/engine/schedule.py)."""
    event = c.goals.event_date
    if event is None or event < c.consult_date:
        return NEGATIVE
    days = (event - c.consult_date).days
    return Finding(
        ScreeningStatus.POSITIVE,
        [f"goals.event_date = {event.isoformat()} ({days} days after the consult)"],
        values={"date": event.isoformat(), "window": str(kb.facts.event_window_days.value)},
    )


def bdd_screen(c: Consultation, kb: KnowledgeBase) -> list[str]:
    """The answers that make the BDDQ-AS or COPS positive; empty when the screen is not positive."""
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


def bddq_unanswered(c: Consultation) -> list[str]:
    """The BDDQ-AS questions still needed for a result (Q3–Q7 only matter after two yeses)."""
    b = c.bddq
    if b.q1 is False:
        return []  # Q1 no: negative, whatever follows (Veale, BJPS 2012)
    missing = [f"bddq.q{n}" for n, v in ((1, b.q1), (2, b.q2)) if v is None]
    if not missing and b.q1 and b.q2:
        later = ((3, b.q3), (4, b.q4), (5, b.q5), (6, b.q6), (7, b.q7))
        missing = [f"bddq.q{n}" for n, v in later if v is None]
    return missing


def _appearance(c: Consultation, kb: KnowledgeBase, read: AppearanceRead) -> Finding:
    positive = bdd_screen(c, kb)
    if positive:  # a positive COPS is positive even before the BDDQ-AS is finished
        return Finding(ScreeningStatus.POSITIVE, positive, values={"detail": "; ".join(positive)})
    unanswered = bddq_unanswered(c)
    if unanswered:
        return Finding(ScreeningStatus.MISSING, [f"{', '.join(unanswered)} not answered"])
    return NEGATIVE


Reader = Callable[[Consultation, KnowledgeBase, Read], Finding]
READERS: dict[type, Reader] = {
    AnswerRead: _answer,  # type: ignore[dict-item]
    AgeRead: _age,  # type: ignore[dict-item]
    LastToxinRead: _last_toxin,  # type: ignore[dict-item]
    PermanentFillerRead: _permanent_filler,  # type: ignore[dict-item]
    EventRead: _event,  # type: ignore[dict-item]
    AppearanceRead: _appearance,  # type: ignore[dict-item]
}


def read_paths(read: Read) -> tuple[str, ...]:
    """The answers (dotted paths of Consultation) a reader above looks at: the safety answers."""
    if isinstance(read, AnswerRead):
        paths = [f"screening.{read.answer}"]
        paths += ["screening.medications"] if read.medicines else []
        paths += ["screening.infection_areas"] if read.sites else []
        paths += [f"history.{read.unless_date}"] if read.unless_date else []
        return tuple(paths)
    return READ_PATHS[type(read)]


READ_PATHS: dict[type, tuple[str, ...]] = {
    AgeRead: ("patient.date_of_birth",),
    LastToxinRead: ("history.last_neuromodulator",),
    PermanentFillerRead: ("history.earlier_fillers",),
    EventRead: ("goals.event_date",),
    AppearanceRead: ("bddq", "cops"),
}


def read_item(c: Consultation, kb: KnowledgeBase, item: ScreeningId) -> Finding:
    read = kb.screening[item].reads
    return READERS[type(read)](c, kb, read)


def read_all(c: Consultation, kb: KnowledgeBase) -> dict[ScreeningId, Finding]:
    return {item: read_item(c, kb, item) for item in kb.screening}


def answers_disagree(c: Consultation, kb: KnowledgeBase) -> tuple[Reply, int] | None:
    """'Another toxin within 3 months' against the last-toxin date: (the answer, days since) when
    they contradict each other."""
    last = c.history.last_neuromodulator
    reply = c.screening.other_toxin_3_months
    if last is None or reply is Reply.NOT_ASKED:
        return None
    days = (c.consult_date - last).days
    recent = days < kb.facts.toxin_min_retreatment_days.value
    if (reply is Reply.YES) != recent:
        return reply, days
    return None
