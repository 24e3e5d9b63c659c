"""Privacy: owner-only exports, everything exported, erasure that leaves only a trace."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from conftest import load_example
from core.engine import plan
from core.records import RecordNotFound, Records, erase_patient, export_patient, register_export
from core.records.database import sqlite_path


@pytest.fixture
def records(database_url):  # a SQLite file, then a PostgreSQL database (conftest.py)
    opened = Records.open(database_url, actor="Dr Test")
    yield opened
    opened.close()


def test_export_writes_everything_held_owner_only(records, kb, tmp_path):
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    records.save_draft("d1", consultation, "goals", 1, patient_uid=saved.patient_uid)
    target = tmp_path / "out" / "patient.json"
    export_patient(records, saved.patient_uid, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = json.loads(target.read_text())
    assert data["patient"]["name"] == consultation.patient.name
    assert data["consultations"][0]["answers"] == json.loads(consultation.model_dump_json())
    assert data["consultations"][0]["plan"]["kb_version"] == kb.version
    assert data["drafts"][0]["page_id"] == "goals"
    assert {a["action"] for a in data["audit"]} >= {"created"}
    assert records.audit_trail(saved.patient_uid)[-1].action == "exported"


def test_erase_removes_patient_consults_drafts_and_files(records, kb, tmp_path, database_url):
    keep = load_example("lips_only")
    kept = records.save_consultation(keep, plan(keep, kb))
    gone = load_example("tired_face")
    saved = records.save_consultation(gone, plan(gone, kb))
    records.save_consultation(gone.model_copy(update={"practitioner": "again"}), None, patient_uid=saved.patient_uid)
    records.save_draft("d1", gone, "history", 3, patient_uid=saved.patient_uid)
    exported = export_patient(records, saved.patient_uid, tmp_path / "exports" / "gone.json")
    pdf = tmp_path / "exports" / "gone.pdf"
    pdf.write_bytes(b"%PDF synthetic")
    register_export(records, saved.patient_uid, pdf, "pdf")

    erased = erase_patient(records, saved.patient_uid)

    assert (erased.consultations, erased.drafts, erased.files_deleted) == (2, 1, 2)
    assert not exported.exists() and not pdf.exists()
    with pytest.raises(RecordNotFound):
        records.patient(saved.patient_uid)
    assert [p.uid for p in records.search_patients("")] == [kept.patient_uid]
    assert records.drafts() == [] and records.follow_ups(gone.consult_date, 520) == [
        f for f in records.follow_ups(gone.consult_date, 520) if f.patient_uid == kept.patient_uid
    ]
    last = records.audit_trail()[-1]
    assert (last.action, last.entity, last.entity_uid) == ("erased", "patient", saved.patient_uid)
    assert gone.patient.name not in last.detail
    records.close()
    file = sqlite_path(database_url)  # on a server, its files are the server's (README)
    for suffix in ("", "-wal", "-shm") if file is not None else ():
        path = Path(f"{file}{suffix}")
        if path.exists():
            blob = path.read_bytes()
            assert gone.patient.name.encode() not in blob, suffix
            assert gone.goals.in_patient_words.encode() not in blob, suffix
    reopened = Records.open(database_url)
    assert [p.uid for p in reopened.search_patients("")] == [kept.patient_uid]
    reopened.close()
    records.opened = reopened.opened  # the fixture closes it again harmlessly
