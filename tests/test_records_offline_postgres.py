"""The clinic server goes away mid-consult (issue 11): a real PostgreSQL server is stopped while
answers are being saved, and started again. Every answer is kept on the tablet meanwhile and reaches
the server in order, exactly once: nothing lost, nothing duplicated. (`postgres` in the file name:
`pytest -k postgres` picks these.)"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from conftest import ADULT, consult
from core.records import Records
from core.records.leases import new_holder
from core.records.schema import AppliedOp, AuditRow, ConsultationRow, PatientRow


@pytest.fixture
def server():
    from postgres_server import ServerMissing, start

    try:
        server = start()
    except ServerMissing as error:
        pytest.fail(f"the PostgreSQL tests need a PostgreSQL server: {error}", pytrace=False)
    yield server
    server.stop()


def answers(words: list[str]):
    return consult(("glabella", "frown_lines", 2, 3), patient={**ADULT, "name": "Offline Test", "patient_id": "OF-1"},
                   choices={"notes": " ".join(words)})


def count(records: Records, *query):
    with records.session() as session:
        return session.scalar(select(func.count()).select_from(*query))


def test_answers_saved_while_the_server_is_away_arrive_in_order_and_once(server, tmp_path):
    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    holder, words, stored = new_holder(), [], None
    try:
        for revision in range(1, 41):
            words.append(f"w{revision}")
            if revision == 10:
                server.pause()
            if revision == 30:
                server.resume()
                records.away_until = 0.0  # as if the tablet's back-off had passed
            assert records.save_draft("k", answers(words), "GoalsPage", revision, holder=holder, label="tablet")
            if revision in (15, 20, 35):  # Finish pressed: stored, offline twice, then online
                stored = records.save_consultation(
                    answers(words), consultation_uid=stored.consultation_uid if stored else None,
                    patient_uid=stored.patient_uid or None if stored else None,
                    expected_version=stored.version if stored else None, draft_key=None)
                assert stored.queued == (revision < 30)
            if 10 <= revision < 30:
                assert records.waiting_to_send() > 0  # kept on the tablet, said so
        assert records.forward(now=True) and records.waiting_to_send() == 0
        [draft] = records.drafts()
        assert (draft.revision, draft.consultation.choices.notes) == (40, " ".join(words))
        assert count(records, ConsultationRow) == 1 and count(records, PatientRow) == 1
        [consultation] = records.consultations_of(stored.patient_uid)
        kept = records.open_consultation(consultation.uid)
        assert kept.consultation.choices.notes == " ".join(words[:35])
        with records.session() as session:
            actions = session.scalars(select(AuditRow.action).where(AuditRow.entity == "consultation",
                                                                    AuditRow.entity_uid == consultation.uid)).all()
        assert sorted(actions) == ["changed", "changed", "created", "viewed"]  # three saves, no more
    finally:
        records.close()


def test_a_write_whose_acknowledgement_was_lost_is_not_applied_twice(server, tmp_path, monkeypatch):
    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    try:
        server.pause()
        saved = records.save_consultation(answers(["offline"]))
        assert saved.queued and records.waiting_to_send() == 1
        server.resume()
        outbox = records.outbox
        real_sent = outbox.sent
        monkeypatch.setattr(outbox, "sent", lambda seq: (_ for _ in ()).throw(OSError("tablet off")))
        with pytest.raises(OSError):
            records.forward(now=True)  # committed on the server, then the tablet lost track of it
        monkeypatch.setattr(outbox, "sent", real_sent)
        assert records.waiting_to_send() == 1
        assert records.forward(now=True) and records.waiting_to_send() == 0
        assert count(records, ConsultationRow) == 1 and count(records, AppliedOp) == 1
        assert records.open_consultation(saved.consultation_uid).consultation.choices.notes == "offline"
    finally:
        records.close()


def test_a_draft_taken_over_while_the_tablet_was_away_is_kept_beside_it(server, tmp_path):
    tablet = Records.open(server.url(), actor="Dr Away", outbox=tmp_path / "outbox.sqlite3")
    other = Records.open(server.url(), actor="Dr Here", outbox=tmp_path / "other-outbox.sqlite3")
    mine, theirs = new_holder(), new_holder()
    try:
        tablet.save_draft("k", answers(["mine-1"]), "", 1, holder=mine, label="tablet-1")
        server.pause()
        tablet.save_draft("k", answers(["mine-1", "mine-2"]), "", 2, holder=mine, label="tablet-1")
        server.resume()
        other.claim_draft("k", theirs, "tablet-2", force=True)
        other.save_draft("k", answers(["mine-1", "theirs-3"]), "", 3, holder=theirs, label="tablet-2")
        assert tablet.forward(now=True)
        found = {d.key: d for d in other.drafts()}
        assert found["k"].consultation.choices.notes == "mine-1 theirs-3"
        [copy] = [d for d in found.values() if d.key != "k"]
        assert copy.copy_of == "k" and copy.consultation.choices.notes == "mine-1 mine-2"
    finally:
        tablet.close()
        other.close()


def test_the_wizard_says_saved_on_this_tablet_and_then_in_the_records(qtbot, kb, server, tmp_path):
    from gui.records.session import RecordsSession
    from gui.wizard import ConsultationWizard

    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records)
    wizard.show()
    try:
        with qtbot.waitSignal(session.autosaver.saved, timeout=2000):
            wizard.model.set_patient(name="Offline Wizard")
        server.pause()
        with qtbot.waitSignal(session.autosaver.held, timeout=20_000):
            wizard.model.set_choices(notes="typed while the server is away")
        assert session.banner.isVisible() and "Saved on this tablet" in session.banner.text.text()
        server.resume()
        records.away_until = 0.0
        with qtbot.waitSignal(session.autosaver.saved, timeout=2000):
            session.autosaver.heartbeat()
        assert session.banner.text.text().startswith("Saved: every change is in the records")
        [draft] = records.drafts()
        assert draft.consultation.choices.notes == "typed while the server is away"
    finally:
        session.close()


def test_erasure_on_the_tablet_also_removes_what_waits_in_its_outbox(server, tmp_path):
    from core.records import erase_patient

    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    try:
        first = records.save_consultation(answers(["stored"]))
        records.save_draft("k", answers(["draft"]), "", 1, patient_uid=first.patient_uid)
        server.pause()
        records.save_draft("k", answers(["draft", "offline"]), "", 2, patient_uid=first.patient_uid)
        records.save_consultation(answers(["offline"]), patient_uid=first.patient_uid)
        assert records.waiting_to_send() == 2
        server.resume()
        records.away_until = 0.0
        erase_patient(records, first.patient_uid, rewrite=False)
        assert records.waiting_to_send() == 0
        for name in ("outbox.sqlite3", "outbox.sqlite3-wal"):
            path = tmp_path / name
            assert not path.exists() or b"Offline Test" not in path.read_bytes()
    finally:
        records.close()
