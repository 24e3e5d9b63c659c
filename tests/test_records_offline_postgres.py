"""The clinic server goes away mid-consult (issue 11): a real PostgreSQL server is stopped while
answers are being saved, and started again. Every answer is kept on the tablet meanwhile and reaches
the server in order, exactly once: nothing lost, nothing duplicated. (`postgres` in the file name:
`pytest -k postgres` picks these.)"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from conftest import ADULT, consult
from core.records import Records
from core.records.leases import new_holder
from core.records.schema import AppliedOp, AuditRow, ConsultationRow, PatientRow


@pytest.fixture(scope="module")
def own_server():
    """A server of this file's own: its tests stop and start it."""
    from postgres_server import ServerMissing, start

    try:
        server = start()
    except ServerMissing as error:
        pytest.fail(f"the PostgreSQL tests need a PostgreSQL server: {error}", pytrace=False)
    yield server
    server.stop()


class Database:
    """One fresh database on the module's server, and the server itself (pause, resume)."""

    def __init__(self, server, name: str) -> None:
        self.server, self.name = server, name

    def url(self) -> str:
        return self.server.url(self.name)

    def pause(self) -> None:
        self.server.pause()

    def resume(self) -> None:
        self.server.resume()


@pytest.fixture
def server(own_server, request):
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(own_server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield Database(own_server, name)
    own_server.resume()  # a test that failed half-way leaves it running for the next


def answers(words: list[str], name: str = "Offline Test", ref: str = "OF-1"):
    return consult(("glabella", "frown_lines", 2, 3), patient={**ADULT, "name": name, "patient_id": ref},
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
                records.retry_server()  # as if the tablet's back-off had passed
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
        records.retry_server()
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
        records.retry_server()
        erase_patient(records, first.patient_uid, rewrite=False)
        assert records.waiting_to_send() == 0
        for name in ("outbox.sqlite3", "outbox.sqlite3-wal"):
            path = tmp_path / name
            assert not path.exists() or b"Offline Test" not in path.read_bytes()
    finally:
        records.close()


def test_two_saves_of_a_new_patient_while_away_make_one_patient(server, tmp_path):
    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    try:
        server.pause()
        first = records.save_consultation(answers(["pdf"], "No Clinic Id", ""))
        second = records.save_consultation(answers(["pdf", "fhir"], "No Clinic Id", ""),
                                           patient_uid=first.patient_uid, consultation_uid=first.consultation_uid,
                                           expected_version=first.version)
        assert first.queued and second.queued and second.patient_uid == first.patient_uid
        server.resume()
        assert records.forward(now=True)
        assert count(records, PatientRow) == 1 and count(records, ConsultationRow) == 1
        assert records.open_consultation(first.consultation_uid).consultation.choices.notes == "pdf fhir"
    finally:
        records.close()


def test_after_a_queued_save_was_kept_beside_another_tablets_the_next_save_follows_it(server, tmp_path):
    a = Records.open(server.url(), actor="Dr A", outbox=tmp_path / "a.sqlite3")
    b = Records.open(server.url(), actor="Dr B", outbox=tmp_path / "b.sqlite3")
    try:
        first = a.save_consultation(answers(["v1"]))
        server.pause()
        queued = a.save_consultation(answers(["a", "offline"]), patient_uid=first.patient_uid,
                                     consultation_uid=first.consultation_uid, expected_version=first.version)
        server.resume()
        a.retry_server()
        b.save_consultation(answers(["b", "saved"]), patient_uid=first.patient_uid,
                            consultation_uid=first.consultation_uid, expected_version=first.version)
        assert a.forward()
        again = a.save_consultation(answers(["a", "again"]), patient_uid=first.patient_uid,
                                    consultation_uid=queued.consultation_uid, expected_version=queued.version)
        assert again.conflict_of == first.consultation_uid  # said with the save that follows the copy
        assert b.open_consultation(first.consultation_uid).consultation.choices.notes == "b saved"
        assert b.open_consultation(again.consultation_uid).consultation.choices.notes == "a again"
        assert count(b, ConsultationRow) == 2
    finally:
        a.close()
        b.close()


def test_erasing_a_patient_keeps_the_queued_writes_of_a_namesake(server, tmp_path):
    from core.records import erase_patient

    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    try:
        one = records.save_consultation(answers(["one"], "Maria Garcia", "MG-1"))
        two = records.save_consultation(answers(["two"], "Maria Garcia", "MG-2"))
        server.pause()
        records.save_consultation(answers(["two", "offline"], "Maria Garcia", "MG-2"), patient_uid=two.patient_uid,
                                  consultation_uid=two.consultation_uid, expected_version=two.version)
        records.save_draft("k2", answers(["two", "draft"], "Maria Garcia", "MG-2"), "", 1)  # no patient id yet
        records.save_draft("k1", answers(["one", "draft"], "Maria Garcia", "MG-1"), "", 1)
        server.resume()
        records.away_until = 1e18  # not sent yet
        erase_patient(records, one.patient_uid, rewrite=False)
        assert records.waiting_to_send() == 2  # patient two's consultation and draft stay
        records.retry_server()
        assert records.forward()
        assert records.open_consultation(two.consultation_uid).consultation.choices.notes == "two offline"
        assert [d.key for d in records.drafts()] == ["k2"]
    finally:
        records.close()


def test_a_write_the_server_refuses_for_good_is_set_aside_and_blocks_nothing(server, tmp_path):
    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    try:
        server.pause()
        records.save_draft("bad", answers(["refused"]), "", 1, patient_uid="no-such-patient-on-the-server")
        records.save_draft("good", answers(["sent"]), "", 1)
        server.resume()
        from core.records import RecordNotFound
        from core.records import forward as forwarding

        real = forwarding._apply_draft

        def refuse(records_, op, consultation, p):
            if p.get("key") == "bad":
                raise RecordNotFound("refused for good")
            real(records_, op, consultation, p)

        forwarding._apply_draft = refuse
        try:
            assert records.forward(now=True)
        finally:
            forwarding._apply_draft = real
        assert records.waiting_to_send() == 0 and records.set_aside() == 1
        assert [d.key for d in records.drafts()] == ["good"]
    finally:
        records.close()


def test_once_the_server_is_away_the_wizards_thread_never_waits_for_it_again(server, tmp_path, monkeypatch):
    """A server that answers nothing costs the connect timeout on each try. Only the one save that
    finds it gone waits; after that the saves on the caller's thread do not connect at all (kept on
    the tablet), a probe tries the server on its own thread, and once it answers the next save sends
    everything, in order."""
    import threading

    from sqlalchemy import event

    from core.records import forward

    monkeypatch.setattr(forward, "AWAY_S", 0.3)
    records = Records.open(server.url() + "?connect_timeout=1", actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    records.probe.interval_s = 0.3
    connects: list[str] = []
    event.listen(records.engine, "do_connect", lambda *_: connects.append(threading.current_thread().name))
    holder, words = new_holder(), []
    try:
        words.append("w1")
        assert records.save_draft("k", answers(words), "GoalsPage", 1, holder=holder, label="tablet")
        server.server.freeze()
        records.engine.dispose()  # the pooled connections died with the network
        connects.clear()
        words.append("w2")
        assert records.save_draft("k", answers(words), "GoalsPage", 2, holder=holder, label="tablet")
        assert records.waiting_to_send() == 1 and records.server_away
        assert connects == [threading.current_thread().name]  # the one save that found it gone
        for revision in range(3, 23):  # two seconds of answers while the probe keeps finding it away
            words.append(f"w{revision}")
            assert records.save_draft("k", answers(words), "GoalsPage", revision, holder=holder, label="tablet")
            threading.Event().wait(0.1)
        assert connects[0] == threading.current_thread().name
        assert set(connects[1:]) == {"thirds-server-probe"} and records.probe.tries >= 1
        server.server.thaw()
        for _ in range(100):  # the probe finds it back within a few tries
            if not records.server_away:
                break
            threading.Event().wait(0.1)
        assert not records.server_away
        words.append("w23")
        assert records.save_draft("k", answers(words), "GoalsPage", 23, holder=holder, label="tablet")
        assert records.waiting_to_send() == 0
        [draft] = records.drafts()
        assert (draft.revision, draft.consultation.choices.notes) == (23, " ".join(words))
    finally:
        server.server.thaw()
        records.close()


def test_the_records_window_says_the_server_is_away_instead_of_waiting_for_it(qtbot, kb, server, tmp_path,
                                                                              monkeypatch):
    """The records window reads the server on every search: while it is away the window says so at
    once, with no connection tried on the wizard's thread; once it is back the window opens."""
    import threading

    from sqlalchemy import event

    from gui.records import window_actions
    from gui.records.session import RecordsSession
    from gui.wizard import ConsultationWizard

    told: list[str] = []
    monkeypatch.setattr(window_actions, "tell", lambda _parent, text: told.append(text))
    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records)
    connects: list[str] = []
    event.listen(records.engine, "do_connect", lambda *_: connects.append(threading.current_thread().name))
    try:
        server.pause()
        records.engine.dispose()
        records.save_draft("k", answers(["away"]), "", 1)  # finds it gone: kept on the tablet
        assert records.server_away
        connects.clear()
        assert session.open_records() is None
        assert told and "cannot be reached" in told[0]
        assert threading.current_thread().name not in connects
        server.resume()
        records.retry_server()
        records.save_consultation(answers(["stored"]))  # a patient to find
        dialog = session.open_records()
        assert dialog is not None and dialog.patients.patients.count() == 1
        server.pause()
        records.engine.dispose()
        records.save_draft("k", answers(["away again"]), "", 2)  # finds it gone again
        assert records.server_away
        connects.clear()
        dialog.lots.search.setText("C1234")  # each keystroke a search: said, not waited for
        dialog.patients.patients.setCurrentRow(0)  # a patient tapped: their consults need the server
        assert session.review(dialog.patients.patient_uid() or "") is None
        assert threading.current_thread().name not in connects
        words = "cannot be reached"
        assert words in dialog.patients.message.text() and words in dialog.lots.list.item(0).text()
        dialog.close()
    finally:
        session.close()


def test_with_the_server_away_the_pin_still_takes_the_tablet_back_from_the_patient(server, tmp_path):
    """The tablet keeps a copy of the PIN's hash and of its patient mode: with the server away the
    practitioner's PIN still works (wrong tries counted on the tablet), and nothing waits for the server."""
    import threading

    from sqlalchemy import event

    from core.records.pin import COST, PinLock, ScryptCost

    records = Records.open(server.url(), actor="Dr Tablet", outbox=tmp_path / "outbox.sqlite3")
    connects: list[str] = []
    try:
        import core.records.pin as pin_module

        pin_module.COST = ScryptCost(n=2**10)  # fast for the test; the cost is not what is tested here
        lock = PinLock(records)
        lock.set_pin("482913")
        lock.patient_mode = True  # handed to the patient
        assert lock.has_pin and lock.patient_mode
        server.pause()
        records.engine.dispose()
        records.save_draft("k", answers(["away"]), "", 1)  # finds the server gone
        assert records.server_away
        event.listen(records.engine, "do_connect", lambda *_: connects.append(threading.current_thread().name))
        lock = PinLock(records)  # as after a dialog: nothing cached in the object
        assert lock.has_pin and lock.patient_mode
        wrong = lock.verify("000000")
        assert not wrong.accepted
        assert lock.verify("482913").accepted
        lock.patient_mode = False  # the practitioner has the tablet again
        assert not lock.patient_mode
        assert threading.current_thread().name not in connects
    finally:
        pin_module.COST = COST
        records.close()


def test_patient_mode_follows_the_tablet_not_its_host_name(server, tmp_path, monkeypatch):
    """A tablet of a clinic server is its own id, kept in its outbox: its host name changing with the
    network does not let a restart out of patient mode, and another tablet (another outbox) on the same
    host name is not locked by it."""
    from core.records import processes
    from core.records.pin import PinLock

    first = Records.open(server.url(), actor="Dr A", outbox=tmp_path / "a" / "outbox.sqlite3")
    second = Records.open(server.url(), actor="Dr B", outbox=tmp_path / "b" / "outbox.sqlite3")
    try:
        monkeypatch.setattr(processes, "HOST", "clinic-tablet")
        PinLock(first).patient_mode = True
        assert not PinLock(second).patient_mode  # same host name, another tablet
        first.close()
        monkeypatch.setattr(processes, "HOST", "clinic-tablet.other-network")  # renamed by the network
        again = Records.open(server.url(), actor="Dr A", outbox=tmp_path / "a" / "outbox.sqlite3")
        try:
            assert PinLock(again).patient_mode  # the restart comes back locked
        finally:
            again.close()
    finally:
        second.close()
