"""Sessions in order (seed 002): skin quality first, toxin before filler, the clinic's gap between."""

from __future__ import annotations

from datetime import date, timedelta

from core.consultation import Consultation
from core.engine.screen import make_flag
from core.engine.text import area_names, fill
from core.knowledge.models import KnowledgeBase
from core.plan import Flag, Recommendation, Session, Treatment
from core.vocabulary import Area, Dimension, FlagCode, RecommendationStatus, SessionKind, Tool

ORDER_SOURCE = "seed 002: Treatment order (Botox first, fillers 2 weeks later)"
SAME_SESSION_SOURCE = "seed 002: same session allowed; de Maio et al., PRS 2017: filler first, then toxin"


def _treatments(recs: list[Recommendation]) -> list[Treatment]:
    return list(dict.fromkeys(Treatment(tool=r.tool, area=r.area) for r in recs))


class _Calendar:
    def __init__(self, consult: date) -> None:
        self.consult = consult
        self.sessions: list[Session] = []

    def add(self, day: int, kind: SessionKind, treatments: list[Treatment], why: str) -> None:
        self.sessions.append(
            Session(
                index=len(self.sessions) + 1,
                date=self.consult + timedelta(days=day),
                day=day,
                kind=kind,
                treatments=treatments,
                why=why,
            )
        )


def _overlap(toxin: list[Recommendation], filler: list[Recommendation]) -> list[Area]:
    toxin_areas = {r.area for r in toxin}
    return [a for a in dict.fromkeys(r.area for r in filler) if a is not None and a in toxin_areas]


def schedule(
    c: Consultation, kb: KnowledgeBase, recs: list[Recommendation], toxin_earliest: date | None
) -> tuple[list[Session], list[Flag]]:
    planned = [r for r in recs if r.status is RecommendationStatus.PLANNED and kb.tools[r.tool].injectable]
    quality = [r for r in planned if r.dimension is Dimension.QUALITY]
    toxin = [r for r in planned if r.tool is Tool.NEUROMODULATOR]
    filler = [r for r in planned if kb.tools[r.tool].filler]
    order = kb.text().order
    setting = kb.settings.schedule
    calendar = _Calendar(c.consult_date)
    flags: list[Flag] = []
    day = setting.first_session_day.value

    if quality:
        total = setting.quality_series_sessions.value
        for n in range(1, total + 1):
            why = order["quality_first"] if n == 1 else fill(order["quality_series"], n=str(n), total=str(total))
            calendar.add(day, SessionKind.TREATMENT, _treatments(quality), why)
            if n < total:
                day += setting.quality_series_spacing_days.value
        day += setting.reassess_after_series_days.value
        calendar.add(day, SessionKind.REASSESSMENT, [], order["reassess"])

    toxin_day = day
    wait_note = ""
    if toxin_earliest is not None and (toxin_earliest - c.consult_date).days > day:
        toxin_day = (toxin_earliest - c.consult_date).days
        wait_note = " " + fill(order["retreatment_wait"], date=toxin_earliest.isoformat())
    gap = setting.filler_gap_days.value
    overlap = _overlap(toxin, filler)
    # A neuromodulator given before the consult is still settling: filler waits the same clinic gap
    # after it as after one planned here (seed 002: the face is in flux until the toxin works fully).
    filler_day, filler_note = day, ""
    last = c.history.last_neuromodulator
    if last is not None and (last - c.consult_date).days + gap > day:
        filler_day = (last - c.consult_date).days + gap
        filler_note = fill(order["filler_after_recent_toxin"], date=(last + timedelta(days=gap)).isoformat())

    if toxin and filler and c.choices.same_session:
        calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(filler + toxin), order["same_session"] + wait_note)
        flags.append(make_flag(kb, FlagCode.SAME_SESSION, ["choices.same_session = yes"], SAME_SESSION_SOURCE))
    elif toxin and filler and c.choices.filler_first:
        calendar.add(filler_day, SessionKind.TREATMENT, _treatments(filler), order["filler_first"] + filler_note)
        calendar.add(
            max(filler_day + gap, toxin_day),
            SessionKind.TREATMENT,
            _treatments(toxin),
            order["toxin_after_filler"] + wait_note,
        )
    elif toxin and filler:
        calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(toxin), order["toxin_first"] + wait_note)
        calendar.add(
            toxin_day + gap,
            SessionKind.TREATMENT,
            _treatments(filler),
            fill(order["filler_after_toxin"], days=str(gap)),
        )
    elif toxin:
        calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(toxin), order["toxin_only"] + wait_note)
    elif filler:
        calendar.add(filler_day, SessionKind.TREATMENT, _treatments(filler), filler_note or order["filler_only"])

    if overlap and (c.choices.same_session or c.choices.filler_first):
        chosen = "choices.same_session = yes" if c.choices.same_session else "choices.filler_first = yes"
        because = [chosen, f"filler and neuromodulator both planned in {', '.join(a.value for a in overlap)}"]
        flags.append(
            make_flag(
                kb,
                FlagCode.OVER_CORRECTION,
                because,
                "seed 002: filler before Botox risks over-correction",
                areas=area_names(kb, overlap),
                patient_areas=area_names(kb, overlap, patient=True),
            )
        )
    return calendar.sessions, flags
