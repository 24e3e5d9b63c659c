"""core.patient_edits.with_changes: what changes is validated, the rest is kept as it is, and the whole
consultation is still checked once; the result is what validating everything again would give."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from conftest import load_example
from core.consultation import Consultation
from core.patient_edits import with_changes

CHANGES = [
    {"patient.name": "  Ada  "},
    {"goals.in_patient_words": "softer", "goals.budget": "1500"},
    {"history.earlier_fillers": [{"area": "lips", "date": "2025-01-02"}]},
    {"screening.active_infection": "no", "screening.infection_areas": []},
    {"concerns": [], "cops": [1] * 9, "practitioner": "Dr. B"},
    {"consult_date": dt.date(2027, 1, 1), "history.last_neuromodulator": dt.date(2026, 12, 1)},
]


@pytest.mark.parametrize("changes", CHANGES)
def test_the_result_is_the_whole_consultation_validated_again(changes):
    c = load_example("tired_face")
    data = c.model_dump()
    for path, value in changes.items():
        target = data
        *parents, leaf = path.split(".")
        for part in parents:
            target = target[part]
        target[leaf] = value
    assert with_changes(c, changes) == Consultation.model_validate(data)


def test_the_parts_that_do_not_change_are_kept_not_copied():
    c = load_example("tired_face")
    after = with_changes(c, {"goals.in_patient_words": "softer"})
    assert after.patient is c.patient and after.concerns[0] is c.concerns[0] and after.goals is not c.goals
    assert c.goals.in_patient_words != "softer"  # the draft itself is never changed


def test_a_refused_value_names_its_whole_path():
    c = load_example("tired_face")
    with pytest.raises(ValidationError) as caught:
        with_changes(c, {"patient.name": "x" * 201})
    assert caught.value.errors()[0]["loc"] == ("patient", "name")
    with pytest.raises(ValidationError) as caught:
        with_changes(c, {"goals.no_such_answer": 1})
    assert caught.value.errors()[0]["loc"] == ("goals", "no_such_answer")


def test_the_whole_consult_checks_run_on_the_changed_consultation():
    c = load_example("tired_face")
    later = c.consult_date.replace(year=c.consult_date.year + 1)
    with pytest.raises(ValidationError, match="patient.date_of_birth: The date of birth must be before the consult date"):
        with_changes(c, {"patient.date_of_birth": later})
    both = with_changes(c, {"consult_date": later, "patient.date_of_birth": later - dt.timedelta(days=1)})
    assert both.patient.date_of_birth < both.consult_date  # two changes are checked together, once
