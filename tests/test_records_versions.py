"""Two tablets on one clinic database (SQLite file or PostgreSQL): optimistic versioning. A save made
from an older version overwrites nothing; both versions are kept and the practitioner is told."""

from __future__ import annotations

import pytest

from conftest import ADULT, consult
from core.records import Records


@pytest.fixture
def tablets(database_url):
    one, two = Records.open(database_url, actor="Dr One"), Records.open(database_url, actor="Dr Two")
    yield one, two
    one.close()
    two.close()


def answers(note: str, **patient: object):
    return consult(("glabella", "frown_lines", 2, 3),
                   patient={**ADULT, "name": "Version Test", "patient_id": "VT-1", **patient},
                   choices={"notes": note})


def test_a_save_from_an_older_version_is_kept_beside_the_newer_one(tablets):
    one, two = tablets
    first = one.save_consultation(answers("first"))
    assert first.version == 1 and first.conflict_of is None
    newer = two.save_consultation(answers("newer, tablet two"), consultation_uid=first.consultation_uid,
                                  patient_uid=first.patient_uid, expected_version=first.version)
    assert newer.version == 2 and newer.consultation_uid == first.consultation_uid
    late = one.save_consultation(answers("older, tablet one"), consultation_uid=first.consultation_uid,
                                 patient_uid=first.patient_uid, expected_version=first.version)
    assert late.conflict_of == first.consultation_uid and late.consultation_uid != first.consultation_uid
    assert one.open_consultation(first.consultation_uid).consultation.choices.notes == "newer, tablet two"
    assert one.open_consultation(late.consultation_uid).consultation.choices.notes == "older, tablet one"
    listed = {s.uid: s.conflict_of for s in one.consultations_of(first.patient_uid)}
    assert listed == {first.consultation_uid: None, late.consultation_uid: first.consultation_uid}
    again = one.save_consultation(answers("the copy, changed"), consultation_uid=late.consultation_uid,
                                  patient_uid=first.patient_uid, expected_version=late.version)
    assert again.conflict_of is None and again.version == 2  # the copy is its own from then on
    assert [e.action for e in one.audit_trail(late.consultation_uid)][:1] == ["conflict"]


def test_patient_details_changed_on_another_tablet_are_not_overwritten(tablets):
    one, two = tablets
    first = one.save_consultation(answers("first"))
    base = one.patient_version(first.patient_uid)
    fixed = two.save_consultation(answers("review", date_of_birth="1981-05-01"), patient_uid=first.patient_uid,
                                  patient_version=base)
    assert not fixed.patient_kept and fixed.patient_version == base + 1
    late = one.save_consultation(answers("late", name="Version Tset"), patient_uid=first.patient_uid,
                                 patient_version=base)
    assert late.patient_kept
    patient = one.patient(first.patient_uid)
    assert (patient.name, str(patient.date_of_birth)) == ("Version Test", "1981-05-01")
    assert one.open_consultation(late.consultation_uid).consultation.patient.name == "Version Tset"
    same = one.save_consultation(answers("same details", date_of_birth="1981-05-01"),
                                 patient_uid=first.patient_uid, patient_version=base)
    assert not same.patient_kept  # nothing differs: nothing to keep apart


def test_the_wizard_says_where_a_conflicting_save_was_kept(qtbot, kb, tmp_path, monkeypatch):
    import gui.records.drafts as drafts
    from conftest import load_example
    from gui.records.session import RecordsSession
    from gui.wizard import ConsultationWizard

    told: list[str] = []
    monkeypatch.setattr(drafts, "tell", lambda _parent, text: told.append(text))
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    here, other = Records.open(url, actor="Dr Here"), Records.open(url, actor="Dr Other")
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, here)
    session.start(load_example("tired_face"))
    assert session.store() and not told
    uid = session.autosaver.consultation_uid
    other.save_consultation(load_example("tired_face"), consultation_uid=uid, expected_version=1)
    wizard.model.set_choices(notes="changed here after the other tablet stored")
    assert session.store()
    assert len(told) == 1 and "conflicting copy" in told[0] and "Nothing was overwritten" in told[0]
    kept = here.open_consultation(session.autosaver.consultation_uid)
    assert kept.consultation.choices.notes == "changed here after the other tablet stored"
    assert here.open_consultation(uid).consultation.choices.notes == load_example("tired_face").choices.notes
    session.close()
    other.close()


def test_details_kept_from_another_tablet_stay_kept_at_the_next_store_too(qtbot, kb, tmp_path, monkeypatch):
    import datetime as dt

    import gui.records.drafts as drafts
    from conftest import load_example
    from gui.records.session import RecordsSession
    from gui.wizard import ConsultationWizard

    told: list[str] = []
    monkeypatch.setattr(drafts, "tell", lambda _parent, text: told.append(text))
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    here, other = Records.open(url, actor="Dr Here"), Records.open(url, actor="Dr Other")
    first = here.save_consultation(load_example("tired_face"))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, here)
    assert session.review(first.patient_uid)
    corrected = load_example("tired_face").model_copy(deep=True)
    corrected.patient.date_of_birth = dt.date(1979, 2, 3)
    other.save_consultation(corrected, patient_uid=first.patient_uid)
    assert session.store() and "were changed on another tablet" in told[-1]
    wizard.model.set_choices(notes="exported again")
    assert session.store()
    assert here.patient(first.patient_uid).date_of_birth == dt.date(1979, 2, 3)
    session.close()
    other.close()
