"""The calendar file: visits, top-ups and the yearly check-up, parsed back to the same events."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from core.engine import plan
from core.takeaway import write_ics
from core.takeaway.words import Words
from core.vocabulary import Area, SessionKind
from takeaway_support import consult

HEALTH_WORDS = ("filler", "botox", "toxin", "injection", "neuromodulator", "pn", "prf", "pregnan", "skin")


def _events(path):
    calendar = Calendar.from_ical(path.read_bytes())
    return calendar, [c for c in calendar.walk("VEVENT")]


@pytest.mark.parametrize("name", ["tired_face", "thin_dry_skin", "same_session", "lips_only", "recent_toxin"])
def test_calendar_parses_back_to_the_plans_dates(name, example, kb, tmp_path):
    consultation = example(name)
    result = plan(consultation, kb)
    calendar, events = _events(write_ics(consultation, result, kb, tmp_path / "plan.ics"))
    assert calendar["VERSION"] == "2.0"
    assert "Thirds" in str(calendar["PRODID"])
    top_ups = sorted({item.next_due for item in result.maintenance})
    days = list(dict.fromkeys(s.date for s in result.sessions))  # a check-up and a treatment on one day: one visit
    expected = days + top_ups + [result.annual_assessment]
    assert [e.decoded("DTSTART") for e in events] == expected
    for event in events:
        start = event.decoded("DTSTART")
        assert not isinstance(start, dt.datetime), "all-day events"
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
        assert event.walk("VALARM"), "each event reminds"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    by_day = dict(zip(days, events, strict=False))
    for session in result.sessions:
        event = by_day[session.date]
        if session.kind is SessionKind.TREATMENT:
            assert str(event["SUMMARY"]).endswith(f"visit {days.index(session.date) + 1}")
        assert Words(kb).dates_in(session.why) in str(event["DESCRIPTION"])


def test_a_check_up_and_a_treatment_on_the_same_day_are_one_appointment(example, kb, tmp_path):
    consultation = example("tired_face")
    result = plan(consultation, kb)
    same_day = [s for s in result.sessions if s.date == result.sessions[3].date]
    assert [s.kind for s in same_day] == [SessionKind.REASSESSMENT, SessionKind.TREATMENT]
    _, events = _events(write_ics(consultation, result, kb, tmp_path / "plan.ics"))
    assert [e.decoded("DTSTART") for e in events].count(same_day[0].date) == 1


def test_titles_carry_no_health_details(example, kb, tmp_path):
    consultation = example("tired_face")
    result = plan(consultation, kb)
    _, events = _events(write_ics(consultation, result, kb, tmp_path / "plan.ics"))
    names = [kb.text().areas[a].patient.lower() for a in Area] + [a.value for a in Area]
    for event in events:
        words = str(event["SUMMARY"]).lower().replace(":", " ").split()
        assert not any(w.startswith(HEALTH_WORDS) for w in words), event["SUMMARY"]
        assert not any(name in str(event["SUMMARY"]).lower() for name in names if len(name) > 3)
        assert consultation.patient.name not in str(event["UID"])


def test_same_plan_gives_the_same_file(example, kb, tmp_path):
    consultation = example("tired_face")
    result = plan(consultation, kb)
    first = write_ics(consultation, result, kb, tmp_path / "a.ics").read_bytes()
    assert first == write_ics(consultation, result, kb, tmp_path / "b.ics").read_bytes()
    other = consult(concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}])
    other_ics = write_ics(other, plan(other, kb), kb, tmp_path / "c.ics").read_bytes()
    assert first.split(b"UID:")[1][:16] != other_ics.split(b"UID:")[1][:16]


def test_paused_plan_gives_a_calendar_with_no_events(example, kb, tmp_path):
    consultation = example("bdd_positive")
    calendar, events = _events(write_ics(consultation, plan(consultation, kb), kb, tmp_path / "p.ics"))
    assert events == []
    assert calendar["VERSION"] == "2.0"
