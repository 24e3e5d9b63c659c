"""The records of a clinic: patients, consultations, drafts and the audit trail, on SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, and_, delete, exists, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, aliased, sessionmaker

from core.consultation import Consultation
from core.plan import Plan, Treatment
from core.records import forward, leases
from core.records.database import Opened, close_database, get_state, open_database, set_state, utcnow
from core.records.files import fold, search_terms
from core.records.lots import lot_rows
from core.records.models import (
    AuditEntry,
    ConsultationSummary,
    FollowUp,
    MissingName,
    PatientSummary,
    RecordNotFound,
    Saved,
    StoredConsultation,
    StoredDraft,
)
from core.records.outbox import Outbox
from core.records.outbox import default_path as default_outbox
from core.records.probe import ServerProbe
from core.records.schema import (
    AppliedOp,
    AppState,
    AuditRow,
    ConsultationRow,
    DraftRow,
    LotGiven,
    MaintenanceDue,
    PatientRow,
    PlanVisit,
    SearchTerm,
)
from core.records.visits import visit_rows
from core.vocabulary import Area, SessionKind, Tool

Clock = Callable[[], dt.datetime]
SEARCH_LIMIT = 50
TOP = "\U0010ffff"
PRACTITIONER = "practitioner"  # app_state: the name the next consult starts with
WRITE_LOCK = "-"  # no such app_state row: updating it takes SQLite's write lock and changes nothing


Result = TypeVar("Result")


def make_uid() -> str:
    return str(uuid.uuid4())


class Records:
    """One open records database. `actor` is who the audit trail names (the practitioner)."""

    def __init__(self, opened: Opened, actor: str = "", clock: Clock = utcnow, outbox: Outbox | None = None) -> None:
        self.opened = opened
        self.outbox = outbox  # a tablet of a clinic server keeps writes here while the server is away
        self.closed = False
        self.away_until = 0.0  # time.monotonic() before which the server is not tried (core/records/forward.py)
        self.probe = ServerProbe(opened.engine, forward.AWAY_S)  # whether it is back, asked off this thread
        # what sending the outbox learnt, for the windows' next saves (core/records/forward.py)
        self.followed: dict[str, Saved] = {}  # a consult's uid as its window knows it -> its last save sent
        self.patient_alias: dict[str, str] = {}  # a patient id made on this tablet -> the server's
        self.kept_copies: dict[str, str] = {}  # a draft taken over while away -> the copy its answers went to
        self.engine = opened.engine
        self.actor = actor
        self.clock = clock
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, actor: str = "", clock: Clock = utcnow,
             outbox: Path | None = None) -> Records:
        """The records at `url`. On a clinic server, writes the server cannot take go to this tablet's
        outbox (`outbox`, else core/records/outbox.py's default file) and are sent when it is back."""
        opened = open_database(url, clock())
        kept = Outbox(outbox or default_outbox()) if opened.path is None and opened.engine.dialect.name != "sqlite" \
            else None
        return cls(opened, actor, clock, kept)

    @property
    def message(self) -> str:
        """What the person at the tablet must be told about opening (a file moved aside), or ""."""
        return self.opened.message

    def close(self) -> None:
        """The app is done with the records: nothing is written after this (a timer that fires late
        finds `closed`)."""
        self.closed = True
        self.probe.stop()
        if self.outbox is not None:
            self.outbox.close()
            self.outbox = None
        close_database(self.opened)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction. `write`: one that reads and then writes on what it read (a lease, a
        version): on SQLite it takes the write lock with its first statement, as pysqlite runs a SELECT
        before any write outside the transaction, where another process could change what it read.
        (PostgreSQL locks the rows read with FOR UPDATE.)"""
        with self._sessions.begin() as session:
            if write and self.engine.dialect.name == "sqlite":
                session.execute(update(AppState).where(AppState.key == WRITE_LOCK).values(value=AppState.value))
            yield session

    def audit(self, session: Session, action: str, entity: str, uid: str, detail: str = "") -> None:
        session.add(
            AuditRow(
                at=self.clock(), actor=self.actor or "unknown", action=action,
                entity=entity, entity_uid=uid, detail=detail,
            )
        )

    # --- patients -------------------------------------------------------------------------------

    def _summaries(self, session: Session, where: Any = None, order: Any = None,
                   limit: int | None = None) -> list[PatientSummary]:
        """One query, plain columns: the last consult date and count come from covering indexes."""
        mine = ConsultationRow.patient_id == PatientRow.id
        last = select(func.max(ConsultationRow.consult_date)).where(mine).scalar_subquery()
        count = select(func.count()).select_from(ConsultationRow).where(mine).scalar_subquery()
        query = select(PatientRow.uid, PatientRow.name, PatientRow.patient_ref,
                       PatientRow.date_of_birth, last, count)
        if where is not None:
            query = query.where(where)
        if order is not None:
            query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        return [PatientSummary(*row) for row in session.execute(query)]

    def recent_patients(self, limit: int = SEARCH_LIMIT) -> list[PatientSummary]:
        with self.session() as session:
            return self._summaries(session, order=(PatientRow.updated_at.desc(),), limit=limit)

    def search_patients(self, text: str, limit: int = SEARCH_LIMIT) -> list[PatientSummary]:
        """Patients whose name words or clinic id start with every word typed, any case or accent."""
        words = fold(text).split()
        if not words:
            return self.recent_patients(limit)
        where = and_(*(
            PatientRow.id.in_(
                select(SearchTerm.patient_id).where(SearchTerm.term >= word, SearchTerm.term < word + TOP)
            )
            for word in words
        ))
        with self.session() as session:
            return self._summaries(session, where, (PatientRow.name_key, PatientRow.id), limit)

    def patient(self, uid: str) -> PatientSummary:
        with self.session() as session:
            found = self._summaries(session, PatientRow.uid == uid)
        if not found:
            raise RecordNotFound(f"no patient {uid}")
        return found[0]

    def _patient_row(self, session: Session, uid: str) -> PatientRow:
        row = session.scalars(select(PatientRow).where(PatientRow.uid == uid).with_for_update()).first()
        if row is None:
            raise RecordNotFound(f"no patient {uid}")
        return row

    def _write_patient(self, session: Session, row: PatientRow | None, c: Consultation,
                       expected: int | None = None, new_uid: str | None = None) -> tuple[PatientRow, bool]:
        """The patient's details as this consult has them. When they differ from the stored ones and
        another tablet changed those since version `expected`, the stored details are kept (True)."""
        now = self.clock()
        person = c.patient
        if row is None:
            row = PatientRow(uid=new_uid or make_uid(), created_at=now, version=1)
            session.add(row)
            self.audit(session, "created", "patient", row.uid)
        elif (row.name, row.patient_ref, row.date_of_birth) != (
            person.name, person.patient_id, person.date_of_birth
        ):
            if expected is not None and row.version != expected:
                self.audit(session, "conflict", "patient", row.uid, f"kept version {row.version}, not {expected}")
                return row, True
            self.audit(session, "changed", "patient", row.uid)
            row.version += 1
        row.name, row.name_key = person.name, fold(person.name)[:200]
        row.patient_ref, row.ref_key = person.patient_id, fold(person.patient_id)[:100]
        row.date_of_birth, row.updated_at = person.date_of_birth, now
        session.flush()
        session.execute(delete(SearchTerm).where(SearchTerm.patient_id == row.id))
        session.add_all(SearchTerm(patient_id=row.id, term=t) for t in search_terms(person.name, person.patient_id))
        return row, False

    def _find_patient(self, session: Session, c: Consultation, uid: str | None) -> PatientRow | None:
        if uid is not None:
            return self._patient_row(session, uid)
        ref = fold(c.patient.patient_id)
        if ref:
            return session.scalars(select(PatientRow).where(PatientRow.ref_key == ref).with_for_update()).first()
        return None

    def patient_version(self, uid: str) -> int:
        """The version of the patient's details, for a consult that starts from them."""
        with self.session() as session:
            return self._patient_row(session, uid).version

    # --- consultations --------------------------------------------------------------------------

    def save_consultation(
        self,
        consultation: Consultation,
        plan: Plan | None = None,
        *,
        status: str = "final",
        patient_uid: str | None = None,
        consultation_uid: str | None = None,
        draft_key: str | None = None,
        detail: str = "",
        expected_version: int | None = None,
        patient_version: int | None = None,
        op_id: str | None = None,
        new_patient_uid: str | None = None,
    ) -> Saved:
        """Store a consult with its plan snapshot; the draft it came from goes in the same commit.
        Optimistic versioning for several tablets: a save of `consultation_uid` made from version
        `expected_version` while another tablet stored a newer one overwrites nothing; it is kept
        beside that one as a consultation of its own (`Saved.conflict_of`). The same holds for the
        patient's details from `patient_version` (`Saved.patient_kept`). With an outbox (a tablet of
        a clinic server), a save the server cannot take now is kept and sent later (`Saved.queued`)."""
        if not consultation.patient.name:
            raise MissingName()
        if status not in ("draft", "final"):
            raise ValueError(f"status: '{status}' is neither draft nor final")
        if self.outbox is not None and op_id is None:
            return forward.save_consultation(
                self, consultation, plan, status=status, patient_uid=patient_uid,
                consultation_uid=consultation_uid, draft_key=draft_key, detail=detail,
                expected_version=expected_version, patient_version=patient_version)
        now = self.clock()
        with self.session(write=True) as session:
            if op_id is not None and (done := applied(session, op_id)) is not None:
                return Saved(**json.loads(done))
            found = None
            if patient_uid is None and new_patient_uid is not None:  # made on a tablet: created once, then found
                found = session.scalars(select(PatientRow).where(PatientRow.uid == new_patient_uid)
                                        .with_for_update()).first()
            found = found or self._find_patient(session, consultation, patient_uid)
            patient, patient_kept = self._write_patient(session, found, consultation, patient_version,
                                                        new_uid=new_patient_uid)
            row, conflict_of = None, None
            if consultation_uid is not None:
                row = session.scalars(select(ConsultationRow).where(ConsultationRow.uid == consultation_uid)
                                      .with_for_update()).first()
            if row is not None and expected_version is not None and row.version != expected_version:
                conflict_of, row = row.uid, None
            if row is None:
                row = ConsultationRow(uid=consultation_uid if conflict_of is None and consultation_uid else make_uid(),
                                      created_at=now, version=1, conflict_of=conflict_of)
                session.add(row)
                self.audit(session, "conflict" if conflict_of else "created", "consultation", row.uid,
                           f"kept beside {conflict_of}" if conflict_of else detail)
            else:
                row.version += 1
                self.audit(session, "changed", "consultation", row.uid, detail)
            row.patient_id, row.consult_date, row.status = patient.id, consultation.consult_date, status
            row.practitioner = consultation.practitioner
            row.answers = consultation.model_dump_json()
            row.plan = plan.model_dump_json() if plan is not None else None
            row.kb_version = plan.kb_version if plan is not None else ""
            row.updated_at = now
            session.flush()
            session.execute(delete(MaintenanceDue).where(MaintenanceDue.consultation_id == row.id))
            session.execute(delete(PlanVisit).where(PlanVisit.consultation_id == row.id))
            if plan is not None:
                session.add_all(
                    MaintenanceDue(
                        consultation_id=row.id, patient_id=patient.id, tool=item.tool.value,
                        area=item.area.value if item.area else None, next_due=item.next_due,
                    )
                    for item in plan.maintenance
                )
                session.add_all(
                    PlanVisit(consultation_id=row.id, patient_id=patient.id, number=visit.number,
                              visit_date=visit.date, kinds=visit.kinds, treatments=visit.treatments)
                    for visit in visit_rows(s.model_dump(mode="json") for s in plan.sessions)
                )
            session.execute(delete(LotGiven).where(LotGiven.consultation_id == row.id))
            session.add_all(lot_rows(row.id, patient.id, consultation))
            if draft_key is not None:
                session.execute(delete(DraftRow).where(DraftRow.key == draft_key))  # its lease stays
                # with the window that stored it, which may go on writing the draft until it moves on
            saved = Saved(patient.uid, row.uid, row.version, patient.version, conflict_of, patient_kept)
            if op_id is not None:
                mark_applied(session, op_id, json.dumps(asdict(saved)), now)
            return saved

    def consultations_of(self, patient_uid: str) -> list[ConsultationSummary]:
        with self.session() as session:
            patient = self._patient_row(session, patient_uid)
            rows = session.execute(
                select(
                    ConsultationRow.uid, ConsultationRow.consult_date, ConsultationRow.status,
                    ConsultationRow.practitioner, ConsultationRow.kb_version, ConsultationRow.updated_at,
                    ConsultationRow.conflict_of,
                )
                .where(ConsultationRow.patient_id == patient.id)
                .order_by(ConsultationRow.consult_date.desc(), ConsultationRow.id.desc())
            )
            return [ConsultationSummary(*row) for row in rows]

    def open_consultation(self, uid: str) -> StoredConsultation:
        """One stored consult, answers and plan as they were saved; the audit trail notes the view."""
        with self.session() as session:
            found = session.execute(
                select(ConsultationRow, PatientRow.uid)
                .join(PatientRow, PatientRow.id == ConsultationRow.patient_id)
                .where(ConsultationRow.uid == uid)
            ).first()
            if found is None:
                raise RecordNotFound(f"no consultation {uid}")
            row, patient_uid = found
            self.audit(session, "viewed", "consultation", uid)
            return StoredConsultation(
                uid=row.uid, patient_uid=patient_uid, status=row.status,
                consultation=Consultation.model_validate_json(row.answers),
                plan=Plan.model_validate_json(row.plan) if row.plan else None,
                kb_version=row.kb_version, created_at=row.created_at, updated_at=row.updated_at,
            )

    def review_from_last(self, patient_uid: str, today: dt.date) -> Consultation:
        """A new consult for this patient, prefilled from their last one: same person and history,
        new date; this consult's own decisions and the BDDQ-AS/COPS are asked again."""
        summaries = self.consultations_of(patient_uid)
        if not summaries:
            raise RecordNotFound(f"patient {patient_uid} has no consultation to review")
        last = self.open_consultation(summaries[0].uid).consultation
        data = last.model_dump(exclude={"consult_date", "choices", "bddq", "cops", "consent", "photos",
                                        "treatments_given"})
        return Consultation.model_validate({**data, "consult_date": today})

    def follow_ups(self, today: dt.date, weeks: int) -> list[FollowUp]:
        """Who should come in from today to `weeks` ahead, by date: the visits booked in each
        patient's latest stored plan (not the consult day itself, when they were there) and the
        maintenance that plan says falls due."""
        horizon = today + dt.timedelta(weeks=weeks)
        newer = aliased(ConsultationRow)
        superseded = exists().where(
            newer.patient_id == ConsultationRow.patient_id,
            newer.consult_date > ConsultationRow.consult_date,
            newer.plan.is_not(None),
        )
        due = (
            select(PatientRow.uid, PatientRow.name, MaintenanceDue.next_due, MaintenanceDue.tool,
                   MaintenanceDue.area, ConsultationRow.uid)
            .join(ConsultationRow, ConsultationRow.id == MaintenanceDue.consultation_id)
            .join(PatientRow, PatientRow.id == MaintenanceDue.patient_id)
            .where(MaintenanceDue.next_due >= today, MaintenanceDue.next_due <= horizon, ~superseded)
            .order_by(MaintenanceDue.id)  # the plan's order where the sort below ties, on any engine
        )
        booked = (
            select(PatientRow.uid, PatientRow.name, PlanVisit.visit_date, PlanVisit.number, PlanVisit.kinds,
                   PlanVisit.treatments, ConsultationRow.uid)
            .join(ConsultationRow, ConsultationRow.id == PlanVisit.consultation_id)
            .join(PatientRow, PatientRow.id == PlanVisit.patient_id)
            .where(PlanVisit.visit_date >= today, PlanVisit.visit_date <= horizon,
                   PlanVisit.visit_date > ConsultationRow.consult_date, ~superseded)
            .order_by(PlanVisit.id)
        )
        with self.session() as session:
            rows = [
                FollowUp(p_uid, name, date, c_uid, (Treatment(tool=Tool(tool), area=Area(area) if area else None),))
                for p_uid, name, date, tool, area, c_uid in session.execute(due)
            ]
            rows += [
                FollowUp(p_uid, name, date, c_uid, _treatments(treatments), number,
                         tuple(SessionKind(kind) for kind in kinds.split(",") if kind))
                for p_uid, name, date, number, kinds, treatments, c_uid in session.execute(booked)
            ]
        return sorted(rows, key=lambda f: (f.date, fold(f.name), f.patient_uid, f.top_up, f.visit))

    # --- app settings ---------------------------------------------------------------------------

    @property
    def practitioner(self) -> str:
        """The practitioner of the last consult stored here: the next consult starts with that name."""
        with self.session() as session:
            return get_state(session, PRACTITIONER) or ""

    def remember_practitioner(self, name: str) -> None:
        if name and name != self.practitioner:
            with self.session() as session:
                set_state(session, PRACTITIONER, name)

    # --- drafts ---------------------------------------------------------------------------------

    def save_draft(
        self,
        key: str,
        consultation: Consultation,
        page_id: str,
        revision: int,
        *,
        patient_uid: str | None = None,
        consultation_uid: str | None = None,
        holder: str | None = None,
        label: str = "",
        copy_of: str | None = None,
        op_id: str | None = None,
    ) -> bool:
        """Persist the draft in one fsync'd commit. False, and nothing written, when the stored
        draft already has this revision or a newer one: an older write never wins. From its first
        save a draft belongs to the patient it was opened for, else to the one with its clinic id
        (where storing it would file it), so erasure finds it; an erased draft is never written again
        (RecordNotFound), not even by a second window that still has it open. A window (`holder`)
        writes only under the draft's lease (core/records/leases.py), taken at the first save:
        LeaseLost, and nothing written, once another window has taken the draft over."""
        if self.outbox is not None and op_id is None:
            return forward.save_draft(self, key, consultation, page_id, revision, patient_uid=patient_uid,
                                      consultation_uid=consultation_uid, holder=holder, label=label,
                                      copy_of=copy_of)
        answers = consultation.model_dump_json()
        now = self.clock()
        with self.session(write=True) as session:
            if op_id is not None and (done := applied(session, op_id)) is not None:
                return done == "true"
            if _erased(session, key):
                raise RecordNotFound(f"draft {key} was erased")
            if holder is not None:
                leases.check(session, key, holder, label, self.lease_now(session))
            patient = self._find_patient(session, consultation, patient_uid)
            patient_id = patient.id if patient is not None else None
            written = self._write_draft(session, DraftRow(
                key=key, answers=answers, page_id=page_id, revision=revision, updated_at=now,
                patient_id=patient_id, consultation_uid=consultation_uid, copy_of=copy_of))
            if op_id is not None:
                mark_applied(session, op_id, json.dumps(written), now)
            return written

    @staticmethod
    def _write_draft(session: Session, draft: DraftRow) -> bool:
        """The draft row, unless the stored one has this revision or a newer one (False)."""
        result = session.execute(
            update(DraftRow)
            .where(DraftRow.key == draft.key, DraftRow.revision < draft.revision)
            .values(answers=draft.answers, page_id=draft.page_id, revision=draft.revision,
                    updated_at=draft.updated_at, patient_id=draft.patient_id,
                    consultation_uid=draft.consultation_uid)
        )
        if cast("CursorResult[Any]", result).rowcount:
            return True
        if session.get(DraftRow, draft.key) is not None:
            return False
        session.add(draft)
        return True

    def forward(self, *, now: bool = False) -> bool:
        """Send what waits in this tablet's outbox to the server, oldest first; True when none waits.
        `now`: try the server even if it could not be reached a moment ago."""
        if now:
            self.retry_server()
        return forward.send(self) if self.outbox is not None else True

    def retry_server(self) -> None:
        """Try the clinic server on the next call, even if it could not be reached a moment ago."""
        self.away_until = 0.0
        self.probe.back()

    @property
    def server_away(self) -> bool:
        return forward.away(self)

    def unreachable(self, error: BaseException) -> bool:
        """After a failed call: was it the server being away? Then it is left alone a while."""
        if forward.offline(self, error):
            forward.went_away(self)
            return True
        return False

    def on_server(self, call: Callable[[], Result]) -> tuple[bool, Result | None]:
        """(True, what `call` returned) while the server is thought reachable; (False, None) while it
        is away, or when this call finds it gone: nobody waits for the connect timeout twice."""
        if self.server_away:
            return False, None
        try:
            return True, call()
        except SQLAlchemyError as error:
            if not self.unreachable(error):
                raise
            return False, None

    def set_aside(self) -> int:
        """Writes the server refused for good, kept on this tablet."""
        return self.outbox.aside() if self.outbox is not None else 0

    def waiting_to_send(self) -> int:
        """Writes kept on this tablet, not yet on the server."""
        return self.outbox.waiting() if self.outbox is not None else 0

    def drafts(self) -> list[StoredDraft]:
        """Unfinished consults, newest first: what a start after a crash offers to resume."""
        with self.session() as session:
            rows = session.execute(
                select(DraftRow, PatientRow.uid)
                .outerjoin(PatientRow, PatientRow.id == DraftRow.patient_id)
                .order_by(DraftRow.updated_at.desc(), DraftRow.revision.desc())
            ).all()
            return [
                StoredDraft(
                    key=row.key, consultation=Consultation.model_validate_json(row.answers),
                    page_id=row.page_id, revision=row.revision, updated_at=row.updated_at,
                    patient_uid=patient_uid, consultation_uid=row.consultation_uid, copy_of=row.copy_of,
                )
                for row, patient_uid in rows
            ]

    def draft(self, key: str) -> StoredDraft | None:
        return next((d for d in self.drafts() if d.key == key), None)

    def draft_erased(self, key: str) -> bool:
        with self.session() as session:
            return _erased(session, key)

    def discard_draft(self, key: str) -> None:
        with self.session() as session:
            session.execute(delete(DraftRow).where(DraftRow.key == key))
            leases.close(session, [key])

    # --- one writer per draft (core/records/leases.py) ------------------------------------------

    def claim_draft(self, key: str, holder: str, label: str, *, force: bool = False) -> leases.Elsewhere | None:
        for last in (False, True):  # a second try when another window made the lease row at the same moment
            try:
                with self.session(write=True) as session:
                    return leases.claim(session, key, holder, label, self.lease_now(session), force=force)
            except IntegrityError:
                if last:
                    raise
        raise AssertionError("unreachable")

    def request_draft(self, key: str, holder: str, label: str) -> bool:
        with self.session(write=True) as session:
            return leases.request(session, key, holder, label)

    def holds_draft(self, key: str, holder: str) -> bool:
        with self.session() as session:
            return leases.holds(session, key, holder)

    def draft_heartbeat(self, key: str, holder: str) -> leases.Heartbeat:
        with self.session(write=True) as session:
            return leases.beat(session, key, holder, self.lease_now(session))

    def hand_over_draft(self, key: str, holder: str) -> bool:
        with self.session(write=True) as session:
            return leases.hand_over(session, key, holder, self.lease_now(session))

    def lease_now(self, session: Session) -> dt.datetime:
        """The time leases are compared in: the server's on PostgreSQL (tablets' clocks differ), else
        this computer's (one SQLite file is one computer's)."""
        if self.clock is utcnow and self.engine.dialect.name == "postgresql":
            now = session.scalar(select(func.timezone("UTC", func.now())))
            if isinstance(now, dt.datetime):
                return now.replace(tzinfo=None)
        return self.clock()

    def release_draft(self, key: str, holder: str) -> None:
        with self.session(write=True) as session:
            leases.release(session, key, holder)

    # --- audit ----------------------------------------------------------------------------------

    def audit_trail(self, entity_uid: str | None = None) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.id)
        if entity_uid is not None:
            query = query.where(AuditRow.entity_uid == entity_uid)
        with self.session() as session:
            return [
                AuditEntry(r.at, r.actor, r.action, r.entity, r.entity_uid, r.detail)
                for r in session.scalars(query)
            ]


def applied(session: Session, op_id: str) -> str | None:
    """What an outbox write returned when the server applied it before, or None: not applied yet."""
    return session.scalar(select(AppliedOp.result).where(AppliedOp.op_id == op_id))


def mark_applied(session: Session, op_id: str, result: str, now: dt.datetime) -> None:
    session.add(AppliedOp(op_id=op_id, applied_at=now, result=result))


def _erased(session: Session, draft_key: str) -> bool:
    """An erasure took this draft (the audit trail keeps its opaque key, nothing else)."""
    return bool(session.scalar(select(exists().where(
        AuditRow.entity_uid == draft_key, AuditRow.entity == "draft", AuditRow.action == "erased"))))


def _treatments(text: str) -> tuple[Treatment, ...]:
    pairs = json.loads(text)
    return tuple(Treatment(tool=Tool(tool), area=Area(area) if area else None) for tool, area in pairs)
