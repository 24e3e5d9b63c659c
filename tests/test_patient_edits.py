"""core/patient_edits.py: each answer the patient gives is noted; safety answers wait for the practitioner."""

from __future__ import annotations

import datetime as dt

from conftest import consult
from core.engine import plan
from core.patient_edits import confirm_all, decide, is_safety, patient_answers, pending, shown
from core.vocabulary import Reply

AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def test_every_answer_a_screening_item_reads_is_a_safety_answer(kb):
    for path in ("screening.ha_allergy", "screening.medications", "screening.infection_areas",
                 "patient.date_of_birth", "history.last_neuromodulator", "history.earlier_fillers",
                 "goals.event_date", "bddq.q1", "cops"):
        assert is_safety(path, kb), path
    for path in ("goals.in_patient_words", "goals.budget", "goals.expectation", "history.complications"):
        assert not is_safety(path, kb), path


def test_a_safety_answer_waits_and_the_plan_keeps_the_earlier_one(kb):
    c = consult(("glabella", "frown_lines", 1, 3), screening={"pregnant_or_breastfeeding": True})
    after = patient_answers(c, {"screening.pregnant_or_breastfeeding": "no"}, kb, at=AT)
    assert after.screening.pregnant_or_breastfeeding is Reply.YES and plan(after, kb).paused
    assert shown(after).screening.pregnant_or_breastfeeding is Reply.NO
    assert pending(after) == [0] and after.patient_edits[0].at == AT
    assert patient_answers(after, {"screening.pregnant_or_breastfeeding": "yes"}, kb).patient_edits == []
    assert decide(after, 0, confirm=False).screening.pregnant_or_breastfeeding is Reply.YES
    confirmed = confirm_all(after)
    assert confirmed.screening.pregnant_or_breastfeeding is Reply.NO and not plan(confirmed, kb).paused
    assert confirmed.patient_edits[0].status == "confirmed"


def test_a_plain_answer_counts_at_once_and_one_edit_follows_its_changes(kb):
    c = consult(("glabella", "frown_lines", 1, 3))
    for text in ("L", "Lo", "Look"):
        c = patient_answers(c, {"goals.in_patient_words": text}, kb)
    assert c.goals.in_patient_words == "Look"
    [edit] = c.patient_edits
    assert (edit.before, edit.after, edit.status) == ('""', '"Look"', "applied")
    assert patient_answers(c, {"goals.in_patient_words": ""}, kb).patient_edits == []
    later = patient_answers(c, {"goals.in_patient_words": "Look rested"}, kb, since=1)  # a new hand-over
    assert [e.after for e in later.patient_edits] == ['"Look"', '"Look rested"']
