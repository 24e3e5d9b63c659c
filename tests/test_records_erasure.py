"""Erasure reaches everything (issue 11): a second window's draft, unlinked drafts naming the person
(asked first), a rewrite that fails on a full disk (said, and finished later), files moved aside."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from conftest import load_example
from core.consultation import Consultation
from core.engine import plan
from core.records import RecordNotFound, Records, erase_patient, finish_erasure, privacy
from core.records.backup import daily_backup
from core.records.database import get_state

NOTE = "Synthetic note typed in the second window"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "thirds.sqlite3"


@pytest.fixture
def records(path):
    opened = Records.open(f"sqlite:///{path}", actor="Dr Test")
    yield opened
    opened.engine.dispose()


def raw(path) -> bytes:
    """The database file and its side files, byte for byte."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal"),
                                             path.with_name(path.name + "-shm")) if p.exists())


def stored(records, kb, name="tired_face"):
    consultation = load_example(name)
    return consultation, records.save_consultation(consultation, plan(consultation, kb))


def typed_in(consultation, **patient):
    """The same person typed into a new consult in another window: no link to the records."""
    data = consultation.model_dump()
    data["patient"].update(patient)
    data["choices"]["notes"] = NOTE
    return Consultation.model_validate(data)


def test_a_second_windows_unsaved_draft_of_the_patient_is_erased_with_its_answers(records, kb, path):
    consultation, saved = stored(records, kb)
    second = Records.open(f"sqlite:///{path}", actor="Dr Other")  # another Thirds window on the same file
    assert second.save_draft("window-2", typed_in(consultation), "ConsultDetailsPage", 1)
    [draft] = second.drafts()
    assert draft.patient_uid == saved.patient_uid  # carried from its first save: same clinic id
    assert NOTE.encode() in raw(path)

    erased = erase_patient(records, saved.patient_uid)

    assert erased.drafts == 1 and not erased.rewrite_failed
    assert records.drafts() == []
    with pytest.raises(RecordNotFound):  # the second window's next keystroke does not write it back
        second.save_draft("window-2", typed_in(consultation), "GoalsPage", 2)
    assert second.draft_erased("window-2")
    second.engine.dispose()
    records.engine.dispose()
    blob = raw(path)
    for secret in (consultation.patient.name, NOTE, consultation.patient.patient_id,
                   consultation.goals.in_patient_words):
        assert secret.encode() not in blob, secret


def test_an_unlinked_draft_naming_the_person_is_listed_and_asked_about(records, kb, path):
    consultation, saved = stored(records, kb)
    same_person = typed_in(consultation, patient_id="")  # no clinic id: nothing links it
    records.save_draft("no-id", same_person, "GoalsPage", 1)
    namesake = typed_in(consultation, patient_id="", date_of_birth=consultation.patient.date_of_birth.replace(year=1990))
    records.save_draft("namesake", namesake, "GoalsPage", 1)
    asked = []

    erased = erase_patient(records, saved.patient_uid, ask_about_drafts=lambda found: asked.append(found) or False)

    [[match]] = asked
    assert (match.key, match.name, match.date_of_birth, match.why) == (
        "no-id", consultation.patient.name, consultation.patient.date_of_birth, "same name and date of birth")
    assert erased.drafts == 0 and [d.key for d in erased.drafts_kept] == ["no-id"]
    assert any("Kept, as not confirmed: 1 unfinished draft" in line for line in erased.report())
    assert sorted(d.key for d in records.drafts()) == ["namesake", "no-id"]


def test_confirmed_unlinked_drafts_are_erased_too(records, kb, path):
    consultation = load_example("tired_face")
    records.save_draft("before", typed_in(consultation), "GoalsPage", 1)  # saved before the patient existed
    saved = records.save_consultation(consultation, plan(consultation, kb))
    records.save_draft("no-id", typed_in(consultation, patient_id=""), "GoalsPage", 1)

    erased = erase_patient(records, saved.patient_uid, ask_about_drafts=lambda found: [
        (m.key, m.why) for m in found] == [("before", "same clinic id"), ("no-id", "same name and date of birth")])

    assert (erased.drafts, erased.unlinked_drafts, erased.drafts_kept) == (2, 2, [])
    assert records.drafts() == []
    records.engine.dispose()
    assert NOTE.encode() not in raw(path) and consultation.patient.name.encode() not in raw(path)


def full_disk(_conn):
    raise OperationalError("VACUUM", {}, sqlite3.OperationalError("database or disk is full"))


def test_a_failed_rewrite_is_said_and_finished_at_the_next_start(records, kb, path, monkeypatch):
    consultation, saved = stored(records, kb)
    monkeypatch.setattr(privacy, "_rewrite", full_disk)

    erased = erase_patient(records, saved.patient_uid)

    assert erased.rewrite_failed == "database or disk is full"
    said = " ".join(erased.report())
    assert "The rows are gone, but the records file still holds their old pages" in said
    assert "database or disk is full" in said and "tries again at the next start" in said
    assert "nothing erased is left" not in said
    with records.session() as session:
        assert get_state(session, privacy.VACUUM_PENDING) == "1"
    with pytest.raises(RecordNotFound):
        records.patient(saved.patient_uid)
    records.close()

    monkeypatch.undo()
    reopened = Records.open(f"sqlite:///{path}")
    assert finish_erasure(reopened).startswith("An earlier erasure is now complete")
    assert finish_erasure(reopened) == ""  # nothing pending any more
    reopened.close()
    blob = raw(path)
    assert consultation.patient.name.encode() not in blob
    assert consultation.goals.in_patient_words.encode() not in blob


def test_a_rewrite_failing_again_says_so_and_stays_pending(records, kb, monkeypatch):
    _, saved = stored(records, kb)
    monkeypatch.setattr(privacy, "_rewrite", full_disk)
    erase_patient(records, saved.patient_uid)
    assert "still not complete" in finish_erasure(records)
    with records.session() as session:
        assert get_state(session, privacy.VACUUM_PENDING) == "1"


def test_files_moved_aside_and_backups_are_listed_not_touched(kb, path, tmp_path):
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # damaged: moved aside at open
    records = Records.open(f"sqlite:///{path}")
    [moved] = [p for p in tmp_path.iterdir() if ".unusable-" in p.name]
    before = moved.read_bytes()
    consultation, saved = stored(records, kb)
    folder = tmp_path / "backups"
    folder.mkdir()
    assert daily_backup(records, folder, 14, consultation.consult_date) == ""
    [backup] = folder.iterdir()

    erased = erase_patient(records, saved.patient_uid, backup_folder=folder)

    assert erased.may_hold == [moved, backup]
    said = " ".join(erased.report())
    assert f"may still hold the patient; erasure does not open or change them: {moved}, {backup}." in said
    assert moved.read_bytes() == before and backup.exists()
    records.close()
