"""The plan's dates as an iCalendar file: visits, top-up reminders and the yearly check-up.

Titles carry no health details beyond "treatment visit"; UIDs and DTSTAMP derive from the consult,
so the same plan always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from core.consultation import Consultation
from core.engine.text import fill
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.takeaway.visits import visits
from core.takeaway.words import Words
from core.vocabulary import SessionKind

PRODID = "-//Thirds//Consultation plan//EN"


def _event(uid: str, stamp: dt.datetime, day: dt.date, summary: str, note: str, remind: dt.timedelta) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", note)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -remind)
    event.add_component(alarm)
    return event


def build_calendar(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> Calendar:
    words = Words(kb)
    clinic = kb.settings.clinic
    seed = f"{clinic.name}|{consultation.patient.patient_id}|{consultation.patient.name}|{consultation.consult_date}"
    key = hashlib.sha256(seed.encode()).hexdigest()[:16]
    stamp = dt.datetime.combine(consultation.consult_date, dt.time(0, 0), tzinfo=dt.UTC)
    visit_note = fill(words["ics_visit_note_phone"], phone=clinic.phone) if clinic.phone else words["ics_visit_note"]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", clinic.name)
    for visit in visits(plan):
        treated = any(s.kind is SessionKind.TREATMENT for s in visit.sessions)
        summary = fill(words["ics_treatment" if treated else "ics_reassessment"], clinic=clinic.name, n=str(visit.number))
        whys = " ".join(words.dates_in(s.why) for s in visit.sessions if s.why)
        note = f"{whys}\n\n{visit_note}"
        uid = f"{key}-session-{visit.sessions[0].index}@thirds"
        cal.add_component(_event(uid, stamp, visit.date, summary, note, dt.timedelta(days=1)))
    for n, due in enumerate(sorted({m.next_due for m in plan.maintenance}), start=1):
        summary = fill(words["ics_topup"], clinic=clinic.name)
        cal.add_component(
            _event(f"{key}-topup-{n}@thirds", stamp, due, summary, words["ics_topup_note"], dt.timedelta(days=7))
        )
    if plan.annual_assessment is not None:
        summary = fill(words["ics_annual"], clinic=clinic.name)
        cal.add_component(
            _event(
                f"{key}-annual@thirds",
                stamp,
                plan.annual_assessment,
                summary,
                words["ics_annual_note"],
                dt.timedelta(days=7),
            )
        )
    return cal


def calendar_bytes(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> bytes:
    ical: bytes = build_calendar(consultation, plan, kb).to_ical()
    return ical
