"""Sessions in order (seed 002): skin quality first, toxin before filler, the clinic's gap between.

Every session is placed through one check (`_Calendar.place`) that keeps clear of the patient's event
and of the antiviral lead time; a first-timer gets a review after the first injectable treatment;
filler areas beyond the clinic's maximum per visit follow at later visits, most important first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from core.consultation import Consultation
from core.engine.flags import make_flag
from core.engine.text import area_names, fill, join_names
from core.knowledge.models import KnowledgeBase, Precaution
from core.plan import Flag, Recommendation, ScreeningResult, Session, Treatment
from core.vocabulary import (
    Area,
    Dimension,
    FlagCode,
    RecommendationStatus,
    ScreeningId,
    ScreeningStatus,
    SessionKind,
    Tool,
)

ORDER_SOURCE = "seed 002: Treatment order (Botox first, fillers 2 weeks later)"
SAME_SESSION_SOURCE = "seed 002: same session allowed; de Maio et al., PRS 2017: filler first, then toxin"


def _treatments(recs: list[Recommendation]) -> list[Treatment]:
    return list(dict.fromkeys(Treatment(tool=r.tool, area=r.area) for r in recs))


@dataclass
class _Calendar:
    """The sessions so far, and the rules every new one is placed by."""

    c: Consultation
    kb: KnowledgeBase
    antiviral_areas: list[Area] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    moved_for_event: list[Treatment] = field(default_factory=list)
    in_event_window: list[Treatment] = field(default_factory=list)
    antiviral_moved: bool = False

    def _event_clash(self, day: int, treatments: list[Treatment]) -> bool:
        event = self.c.goals.event_date
        if event is None:
            return False
        until = (event - self.c.consult_date).days - day  # days from this session to the event
        window = self.kb.facts.event_window_days.value
        tools = {t.tool for t in treatments}
        filler = any(self.kb.tools[t].filler for t in tools)
        return until == 0 or ((filler or Tool.NEUROMODULATOR in tools) and 0 <= until < window)

    def place(self, day: int, treatments: list[Treatment]) -> int:
        """The first day from `day` this session may have: after the antiviral lead time for the lips
        and around the mouth; never on the event day, no filler in the window before the event, the
        toxin at least the window before it (seed 002: 7–14 days to full effect), else after it."""
        lead = self.kb.settings.schedule.antiviral_lead_days.value
        if any(t.area in self.antiviral_areas for t in treatments) and day < lead:
            day = lead
            self.antiviral_moved = True
        event = self.c.goals.event_date
        if event is not None and treatments and self._event_clash(day, treatments):
            day = (event - self.c.consult_date).days + 1
            self.moved_for_event += treatments
        elif event is not None and day == (event - self.c.consult_date).days:
            day += 1  # no check-up on the event day either
        if event is not None and treatments:
            until = (event - self.c.consult_date).days - day
            if 0 < until < self.kb.facts.event_window_days.value:
                self.in_event_window += treatments
        return day

    def add(self, day: int, kind: SessionKind, treatments: list[Treatment], why: str) -> int:
        day = self.place(day, treatments)
        self.sessions.append(
            Session(
                index=len(self.sessions) + 1,
                date=self.c.consult_date + timedelta(days=day),
                day=day,
                kind=kind,
                treatments=treatments,
                why=why,
            )
        )
        return day


def _overlap(toxin: list[Recommendation], filler: list[Recommendation]) -> list[Area]:
    toxin_areas = {r.area for r in toxin}
    return [a for a in dict.fromkeys(r.area for r in filler) if a is not None and a in toxin_areas]


def _antiviral_areas(kb: KnowledgeBase, results: list[ScreeningResult]) -> list[Area]:
    """The areas a positive cold-sore answer puts behind the antiviral lead time (its precaution's areas)."""
    positive = {r.item for r in results if r.status is ScreeningStatus.POSITIVE}
    if ScreeningId.COLD_SORE_LIPS not in positive:
        return []
    effect = kb.screening[ScreeningId.COLD_SORE_LIPS].effect
    return list(effect.areas) if isinstance(effect, Precaution) else []


def _filler_visits(kb: KnowledgeBase, filler: list[Recommendation]) -> list[list[Recommendation]]:
    """The clinic's most filler areas per visit, the most important (highest grade) first."""
    most = kb.settings.schedule.max_filler_areas_per_visit.value
    ranked = sorted(filler, key=lambda r: -r.severity)  # stable: equal grades keep the face's order
    return [ranked[i : i + most] for i in range(0, len(ranked), most)] or [[]]


def _toxin_words(kb: KnowledgeBase, toxin: list[Recommendation]) -> str:
    """Lines soften; a masseter or the neck bands are a muscle relaxed, not lines (DOMAIN.md, words that fit)."""
    order = kb.text().order
    muscles = [r.area for r in toxin if r.area is not None and kb.areas[r.area].toxin_effect == "muscle"]
    if muscles and len(muscles) == len(toxin):
        return fill(order["toxin_only_muscle"], patient_areas=area_names(kb, muscles, patient=True))
    return order["toxin_only"]


def schedule(
    c: Consultation,
    kb: KnowledgeBase,
    recs: list[Recommendation],
    toxin_earliest: date | None,
    results: list[ScreeningResult],
) -> tuple[list[Session], list[Flag]]:
    planned = [r for r in recs if r.status is RecommendationStatus.PLANNED and kb.tools[r.tool].injectable]
    quality = [r for r in planned if r.dimension is Dimension.QUALITY]
    toxin = [r for r in planned if r.tool is Tool.NEUROMODULATOR]
    filler = [r for r in planned if kb.tools[r.tool].filler]
    order = kb.text().order
    setting = kb.settings.schedule
    calendar = _Calendar(c, kb, _antiviral_areas(kb, results))
    flags: list[Flag] = []
    day = setting.first_session_day.value

    if quality:
        total = setting.quality_series_sessions.value
        any_filler = any(kb.tools[r.tool].filler for r in recs)
        first_words = order["quality_first"] if any_filler else order["quality_first_no_filler"]
        for n in range(1, total + 1):
            why = first_words if n == 1 else fill(order["quality_series"], n=str(n), total=str(total))
            day = calendar.add(day, SessionKind.TREATMENT, _treatments(quality), why)
            if n < total:
                day += setting.quality_series_spacing_days.value
        day += setting.reassess_after_series_days.value
        day = calendar.add(day, SessionKind.REASSESSMENT, [], order["reassess"])

    toxin_day = day
    wait_note = ""
    if toxin_earliest is not None and (toxin_earliest - c.consult_date).days > day:
        toxin_day = (toxin_earliest - c.consult_date).days
        wait_note = " " + fill(order["retreatment_wait"], date=toxin_earliest.isoformat())
    gap = setting.filler_gap_days.value
    spacing = setting.filler_visit_spacing_days.value
    overlap = _overlap(toxin, filler)
    # A neuromodulator given before the consult is still settling: filler waits the same clinic gap
    # after it as after one planned here (seed 002: the face is in flux until the toxin works fully).
    filler_day, filler_note = day, ""
    last = c.history.last_neuromodulator
    if last is not None and (last - c.consult_date).days + gap > day:
        filler_day = (last - c.consult_date).days + gap
        filler_note = fill(order["filler_after_recent_toxin"], date=(last + timedelta(days=gap)).isoformat())
    visits = _filler_visits(kb, filler)

    def more_filler(after: int) -> None:
        for chunk in visits[1:]:
            after = calendar.add(after + spacing, SessionKind.TREATMENT, _treatments(chunk), order["filler_next_visit"])

    if toxin and filler and c.choices.same_session:
        placed = calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(visits[0] + toxin),
                              order["same_session"] + wait_note)
        flags.append(make_flag(kb, FlagCode.SAME_SESSION, ["choices.same_session = yes"], SAME_SESSION_SOURCE))
        more_filler(placed)
    elif toxin and filler and c.choices.filler_first:
        placed = calendar.add(filler_day, SessionKind.TREATMENT, _treatments(visits[0]),
                              order["filler_first"] + filler_note)
        more_filler(placed)
        calendar.add(max(placed + gap, toxin_day), SessionKind.TREATMENT, _treatments(toxin),
                     order["toxin_after_filler"] + wait_note)
    elif toxin and filler:
        placed = calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(toxin), order["toxin_first"] + wait_note)
        placed = calendar.add(placed + gap, SessionKind.TREATMENT, _treatments(visits[0]),
                              fill(order["filler_after_toxin"], days=str(gap)))
        more_filler(placed)
    elif toxin:
        calendar.add(toxin_day, SessionKind.TREATMENT, _treatments(toxin), _toxin_words(kb, toxin) + wait_note)
    elif filler:
        placed = calendar.add(filler_day, SessionKind.TREATMENT, _treatments(visits[0]),
                              filler_note or order["filler_only"])
        more_filler(placed)

    calendar.sessions.sort(key=lambda s: (s.day, s.index))
    _review(c, kb, calendar)
    _notes(c, kb, calendar)
    flags += _timing_flags(c, kb, calendar, filler, visits)
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
    sessions = [s.model_copy(update={"index": n}) for n, s in enumerate(calendar.sessions, 1)]
    return sessions, flags


def _review(c: Consultation, kb: KnowledgeBase, calendar: _Calendar) -> None:
    """A first-timer is seen again after the first injectable treatment (seed 002: see how the body
    responds); the clinic sets how long after."""
    if not c.history.first_injectable_treatment:
        return
    first = next((s for s in calendar.sessions if s.treatments), None)
    if first is None:
        return
    day = calendar.place(first.day + kb.settings.schedule.first_timer_review_days.value, [])
    review = Session(index=0, date=c.consult_date + timedelta(days=day), day=day, kind=SessionKind.REVIEW,
                     treatments=[], why=kb.text().order["review"])
    calendar.sessions.append(review)
    calendar.sessions.sort(key=lambda s: (s.day, s.kind is SessionKind.TREATMENT))


def _notes(c: Consultation, kb: KnowledgeBase, calendar: _Calendar) -> None:
    """Why a session is later than it would be: the antiviral lead time, or the event."""
    order = kb.text().order
    lead = kb.settings.schedule.antiviral_lead_days.value
    event = c.goals.event_date
    out = []
    for s in calendar.sessions:
        why = s.why
        if calendar.antiviral_areas and any(t.area in calendar.antiviral_areas for t in s.treatments) and s.day == lead:
            why += " " + fill(order["antiviral_wait"], days=str(lead))
        if event is not None and s.treatments and any(t in calendar.moved_for_event for t in s.treatments) \
                and s.date > event:
            why += " " + fill(order["after_event"], date=event.isoformat())
        out.append(s.model_copy(update={"why": why}))
    calendar.sessions = out


def _treatment_names(kb: KnowledgeBase, treatments: list[Treatment], patient: bool) -> str:
    text = kb.text()
    whole = text.takeaway["whole_face"]
    if patient:
        names = [text.takeaway[f"tool_{t.tool.value}"] for t in treatments]
        return join_names(kb, list(dict.fromkeys(names)))
    parts = [f"{text.tools[t.tool].name} ({text.areas[t.area].name if t.area else whole})" for t in treatments]
    return join_names(kb, list(dict.fromkeys(parts)))


def _timing_flags(
    c: Consultation, kb: KnowledgeBase, calendar: _Calendar, filler: list[Recommendation],
    visits: list[list[Recommendation]],
) -> list[Flag]:
    flags: list[Flag] = []
    event = c.goals.event_date
    window = str(kb.facts.event_window_days.value)
    event_item = kb.screening[ScreeningId.EVENT_SOON]
    if event is not None:
        values = {"date": event.isoformat(), "window": window}
        because = [f"goals.event_date = {event.isoformat()}"]
        moved = list(dict.fromkeys(calendar.moved_for_event))
        if moved:
            flags.append(make_flag(kb, FlagCode.PRECAUTION, because, event_item.source, key="event_moved",
                                   item=ScreeningId.EVENT_SOON.value, tools=_treatment_names(kb, moved, False),
                                   patient_tools=_treatment_names(kb, moved, True), values=values))
        near = list(dict.fromkeys(calendar.in_event_window))
        if near:
            text = kb.text().screening[ScreeningId.EVENT_SOON]
            flags.append(make_flag(
                kb, FlagCode.PRECAUTION, because, event_item.source, item=ScreeningId.EVENT_SOON.value,
                practitioner_what=fill(text.practitioner, tools=_treatment_names(kb, near, False), **values),
                patient_what=fill(text.patient, patient_tools=_treatment_names(kb, near, True), **values),
            ))
    if len(visits) > 1:
        most = kb.settings.schedule.max_filler_areas_per_visit
        flags.append(make_flag(kb, FlagCode.FILLER_VISITS, [f"{len(filler)} filler areas planned"], most.source,
                               count=str(len(filler)), max=str(most.value), visits=str(len(visits))))
    return flags
