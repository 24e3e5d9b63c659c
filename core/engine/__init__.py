"""The consultation engine: answers in, plan out. Pure: no I/O, no clock, same input, same plan."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core.consultation import Consultation
from core.engine import combine, recommend, safety, schedule, screen, upkeep
from core.engine.flags import WHEN_NOT_TO_COMBINE, make_flag
from core.engine.recommend import UnknownConcern, check_concerns
from core.knowledge.models import KnowledgeBase
from core.plan import Flag, Plan, Recommendation
from core.vocabulary import FlagCode, RecommendationStatus, ScreeningId

__all__ = ["InvalidConsultation", "UnknownConcern", "check_concerns", "plan"]

SEVERITY_ORDER = {"stop": 0, "caution": 1, "info": 2}
MISSING_SOURCE = "DOMAIN.md: unknown is not 'no'; Restylane and Radiesse IFUs: screen before use"


class InvalidConsultation(ValueError):
    def __init__(self, problems: list[UnknownConcern]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _apply_declined(c: Consultation, recs: list[Recommendation]) -> list[Recommendation]:
    out = []
    for rec in recs:
        reason = next(
            (d.reason for d in c.choices.declined if d.tool is rec.tool and d.area is rec.area),
            None,
        )
        if reason is None:
            out.append(rec)
        else:
            out.append(rec.model_copy(update={"status": RecommendationStatus.DECLINED, "declined_reason": reason}))
    return out


def _nothing_to_do(kb: KnowledgeBase, candidates: list[Recommendation], removed: bool,
                   recs: list[Recommendation], screened: screen.Screened) -> Flag:
    if not candidates:
        because = ["no concern graded above 0 and no skin item at the clinic's threshold"]
        key = "wait_no_concern"
    elif any(r.status is RecommendationStatus.HELD for r in recs):
        because = [f"{len([r for r in recs if r.status is RecommendationStatus.HELD])} recommendations held"]
        questions = "; ".join(m.question for m in screened.missing if m.holds)
        return make_flag(kb, FlagCode.WAIT, because, MISSING_SOURCE, key="wait_answers_missing",
                                questions=questions)
    elif any(r.status is RecommendationStatus.DEFERRED for r in recs):
        count = len([r for r in recs if r.status is RecommendationStatus.DEFERRED])
        because = [f"{count} recommendations deferred"]
        key = "wait_all_deferred"
    elif removed:
        because = ["every recommended tool is contraindicated or declined"]
        key = "wait_all_removed"
    else:
        because = [f"choices.declined: {len(candidates)} of {len(candidates)} recommendations"]
        key = "wait_all_declined"
    return make_flag(kb, FlagCode.WAIT, because, WHEN_NOT_TO_COMBINE, key=key)


def _disagreement(c: Consultation, kb: KnowledgeBase) -> list[Flag]:
    found = safety.answers_disagree(c, kb)
    last = c.history.last_neuromodulator
    if found is None or last is None:
        return []
    reply, days = found
    item = ScreeningId.OTHER_TOXIN_3_MONTHS
    return [make_flag(kb, FlagCode.ANSWERS_DISAGREE,
                      [f"screening.{item.value} = {reply.value}", f"history.last_neuromodulator = {last.isoformat()}"],
                      kb.screening[item].source, item=item.value, question=kb.text().screening[item].question,
                      answer=kb.text().replies[reply].lower(), date=last.isoformat(), days=str(days))]


def plan(consultation: Consultation, kb: KnowledgeBase) -> Plan:
    problems = check_concerns(consultation, kb)
    if problems:
        raise InvalidConsultation(problems)
    candidates = recommend.candidates(consultation, kb)
    picture = combine.scores(candidates)
    screened = screen.screen(consultation, kb, _apply_declined(consultation, candidates))
    recs = screened.recommendations
    flags = list(screened.flags) + _disagreement(consultation, kb)
    expectation_flags = combine.expectations(consultation, kb)
    flags += expectation_flags
    paused = screened.pause
    if not paused:
        prices = {i: Decimal(0) if upkeep.part_of_series(rec, recs) else upkeep.line_price(kb, rec)
                  for i, rec in enumerate(recs)}
        recs, combine_flags = combine.when_not_to_combine(consultation, kb, recs, picture, expectation_flags, prices)
        flags += combine_flags
        if not any(r.status is RecommendationStatus.PLANNED for r in recs):
            flags.append(_nothing_to_do(kb, candidates, bool(screened.removed), recs, screened))
            paused = True
    synergies, synergy_flags = combine.synergies(kb, recs)
    flags += synergy_flags
    earliest = safety.toxin_earliest(consultation, kb)
    sessions, order_flags = schedule.schedule(consultation, kb, recs, earliest, screened.results)
    flags += order_flags
    maintenance = upkeep.maintenance(kb, recs, sessions)
    dose_checks, dose_flags = upkeep.dose_checks(consultation, kb, recs)
    flags += dose_flags
    flags += upkeep.unused_volumes(consultation, kb, recs)
    annual = None
    if maintenance:
        annual_days = kb.settings.schedule.annual_assessment_days.value
        annual = consultation.consult_date + timedelta(days=annual_days)
    flags.sort(key=lambda f: SEVERITY_ORDER[f.severity.value])
    return Plan(
        kb_version=kb.version,
        consult_date=consultation.consult_date,
        paused=paused,
        missing=screened.missing,
        screening=screened.results,
        recommendations=recs,
        removed=screened.removed,
        scores=picture,
        synergies=synergies,
        flags=flags,
        sessions=sessions,
        maintenance=maintenance,
        annual_assessment=annual,
        dose_checks=dose_checks,
        cost=upkeep.cost(consultation, kb, recs, maintenance),
    )
