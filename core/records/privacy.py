"""Everything held about a patient, out as JSON; or erased, files and all, with only a trace."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.exc import OperationalError

from core.engine import plan
from core.fhir import bundle
from core.knowledge.models import KnowledgeBase
from core.knowledge.ui import words
from core.records import leases
from core.records.backup import backups_in
from core.records.database import get_state, moved_aside, set_state
from core.records.files import fold, write_private
from core.records.models import RecordNotFound
from core.records.repository import Records
from core.records.schema import (
    AuditRow,
    ConsultationRow,
    DraftRow,
    ExportRow,
    LotGiven,
    MaintenanceDue,
    PatientRow,
    PlanVisit,
    SearchTerm,
)

EXPORT_FORMAT = "thirds-patient-export"
VACUUM_PENDING = "vacuum_pending"  # app_state: "1" from an erasure's commit until the file is rewritten


@dataclass(frozen=True)
class DraftMatch:
    """An unfinished consult linked to no patient that names the person being erased."""

    key: str
    name: str
    date_of_birth: dt.date | None
    patient_ref: str
    updated_at: dt.datetime
    why: str  # "same name and date of birth" or "same clinic id"


AskAboutDrafts = Callable[[list[DraftMatch]], bool]


@dataclass(frozen=True)
class Erased:
    """What an erasure did, and what it could not reach; `report()` says it in sentences."""

    consultations: int
    drafts: int  # linked to the patient, and unlinked ones confirmed
    files_deleted: int
    files_not_deleted: list[Path]
    unlinked_drafts: int = 0  # of `drafts`: unlinked, erased after asking
    drafts_kept: list[DraftMatch] = field(default_factory=list)  # unlinked, not confirmed
    rewritten: bool = False  # the SQLite file was rewritten (a database server keeps its own house)
    rewrite_failed: str = ""  # why the file was not rewritten
    may_hold: list[Path] = field(default_factory=list)  # moved-aside files and backups, left untouched

    def report(self) -> list[str]:
        said = words().erasure
        counts = {"consultations": self.consultations, "drafts": self.drafts, "files": self.files_deleted}
        lines = [said.fill("erased_unlinked", unlinked=self.unlinked_drafts, **counts) if self.unlinked_drafts
                 else said.fill("erased", **counts)]
        if self.files_not_deleted:
            lines.append(said.fill("not_deleted", files=said.list_separator.join(map(str, self.files_not_deleted))))
        if self.drafts_kept:
            lines.append(said.fill("kept", n=len(self.drafts_kept)))
        if self.rewrite_failed:
            lines.append(said.fill("rewrite_failed", problem=self.rewrite_failed))
        elif self.rewritten:
            lines.append(said.rewritten)
        if self.may_hold:
            lines.append(said.fill("may_hold", files=said.list_separator.join(map(str, self.may_hold))))
        return lines


def register_export(records: Records, patient_uid: str, path: Path, kind: str) -> None:
    """Note a file the app wrote about a patient (JSON, FHIR, PDF): erasure will delete it."""
    with records.session() as session:
        patient = records._patient_row(session, patient_uid)
        session.add(ExportRow(patient_id=patient.id, kind=kind, path=str(Path(path).resolve()),
                              created_at=records.clock()))
        records.audit(session, "exported", "patient", patient_uid, kind)


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def patient_data(records: Records, patient_uid: str) -> dict[str, Any]:
    """Every row held about one patient, as plain JSON-ready data."""
    with records.session() as session:
        p = records._patient_row(session, patient_uid)
        consults = session.scalars(
            select(ConsultationRow).where(ConsultationRow.patient_id == p.id).order_by(ConsultationRow.consult_date)
        ).all()
        uids = [p.uid, *(c.uid for c in consults)]
        return {
            "format": EXPORT_FORMAT,
            "version": 1,
            "exported_at": _iso(records.clock()),
            "patient": {
                "uid": p.uid, "name": p.name, "patient_ref": p.patient_ref,
                "date_of_birth": _iso(p.date_of_birth),
                "created_at": _iso(p.created_at), "updated_at": _iso(p.updated_at),
            },
            "consultations": [
                {
                    "uid": c.uid, "consult_date": _iso(c.consult_date), "status": c.status,
                    "practitioner": c.practitioner, "kb_version": c.kb_version,
                    "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at),
                    "answers": json.loads(c.answers),
                    "plan": json.loads(c.plan) if c.plan else None,
                }
                for c in consults
            ],
            "drafts": [
                {"key": d.key, "page_id": d.page_id, "revision": d.revision,
                 "updated_at": _iso(d.updated_at), "answers": json.loads(d.answers)}
                for d in session.scalars(select(DraftRow).where(DraftRow.patient_id == p.id))
            ],
            "exports": [
                {"kind": e.kind, "path": e.path, "created_at": _iso(e.created_at)}
                for e in session.scalars(select(ExportRow).where(ExportRow.patient_id == p.id))
            ],
            "audit": [
                {"at": _iso(a.at), "actor": a.actor, "action": a.action, "entity": a.entity,
                 "entity_uid": a.entity_uid, "detail": a.detail}
                for a in session.scalars(
                    select(AuditRow).where(AuditRow.entity_uid.in_(uids)).order_by(AuditRow.id)
                )
            ],
        }


def export_patient(records: Records, patient_uid: str, path: Path) -> Path:
    """Write everything held about a patient as JSON, owner-only, and remember the file."""
    data = patient_data(records, patient_uid)
    write_private(Path(path), json.dumps(data, indent=2, ensure_ascii=False).encode())
    register_export(records, patient_uid, Path(path), "json")
    return Path(path)


def matching_drafts(records: Records, patient_uid: str) -> list[DraftMatch]:
    """Unfinished consults linked to no patient whose answers name this person: the same name and date
    of birth, or the same clinic id. They may be the patient typed in afresh, or a namesake: asked."""
    with records.session() as session:
        p = records._patient_row(session, patient_uid)
        rows = session.execute(select(DraftRow.key, DraftRow.answers, DraftRow.updated_at)
                               .where(DraftRow.patient_id.is_(None))).all()
    found = []
    for key, answers, updated_at in rows:
        try:
            person = json.loads(answers).get("patient") or {}
            name, ref, born = str(person.get("name") or ""), str(person.get("patient_id") or ""), person.get("date_of_birth")
        except (ValueError, AttributeError):
            continue
        same_ref = bool(p.ref_key) and fold(ref)[:100] == p.ref_key
        same_person = (p.date_of_birth is not None and born == p.date_of_birth.isoformat()
                       and fold(name)[:200] == p.name_key)
        if same_ref or same_person:
            why = "same clinic id" if same_ref else "same name and date of birth"
            found.append(DraftMatch(key, name, _date(born), ref, updated_at, why))
    return found


def erase_patient(records: Records, patient_uid: str, *, ask_about_drafts: AskAboutDrafts | None = None,
                  backup_folder: Path | None = None, rewrite: bool = True) -> Erased:
    """Delete the patient, their consultations, drafts and exported files, then rewrite the file
    (`rewrite=False`: the caller does, once, after several erasures). Unlinked drafts that name the
    same person are erased too only when `ask_about_drafts` says yes (without it they are kept, and
    listed). The audit entry left behind says that an erasure happened, never what was erased; the
    drafts' opaque keys stay so that no window writes them again."""
    matches = matching_drafts(records, patient_uid)
    confirmed = [m.key for m in matches] if matches and ask_about_drafts and ask_about_drafts(matches) else []
    not_deleted: list[Path] = []
    with records.session() as session:
        p = records._patient_row(session, patient_uid)
        paths = [Path(e) for e in session.scalars(select(ExportRow.path).where(ExportRow.patient_id == p.id))]
        consults = session.scalars(select(ConsultationRow.id).where(ConsultationRow.patient_id == p.id)).all()
        linked = session.scalars(select(DraftRow.key).where(DraftRow.patient_id == p.id)).all()
        unlinked = session.scalars(select(DraftRow.key).where(DraftRow.key.in_(confirmed),
                                                              DraftRow.patient_id.is_(None))).all()
        deleted = 0
        for path in dict.fromkeys(paths):
            try:
                if path.exists():
                    path.unlink()
                    deleted += 1
            except OSError:
                not_deleted.append(path)
        for table in (MaintenanceDue, PlanVisit, LotGiven, ConsultationRow, DraftRow, ExportRow, SearchTerm):
            session.execute(delete(table).where(table.patient_id == p.id))
        session.execute(delete(DraftRow).where(DraftRow.key.in_(unlinked)))
        session.execute(delete(PatientRow).where(PatientRow.id == p.id))
        leases.drop(session, [*linked, *unlinked])
        if records.outbox is not None:  # this tablet's writes about them, never sent to the server
            records.outbox.forget_patient(patient_uid, {*linked, *unlinked}, p.name_key, p.ref_key)
        for key in (*linked, *unlinked):
            records.audit(session, "erased", "draft", key)
        records.audit(
            session, "erased", "patient", patient_uid,
            f"consultations: {len(consults)}, drafts: {len(linked) + len(unlinked)} "
            f"({len(unlinked)} unlinked, confirmed), files deleted: {deleted}, "
            f"files not deleted: {len(not_deleted)}",
        )
        if records.opened.path is not None:
            set_state(session, VACUUM_PENDING, "1")  # in the same commit: cleared once the file is rewritten
    problem = vacuum(records) if rewrite else ""
    kept = [m for m in matches if m.key not in unlinked]
    sqlite_file = rewrite and not problem and records.engine.dialect.name == "sqlite"
    return Erased(len(consults), len(linked) + len(unlinked), deleted, not_deleted, len(unlinked), kept,
                  sqlite_file, problem, _may_hold(records, backup_folder))


def erase_again(records: Records, patient_uids: list[str], draft_keys: list[str]) -> tuple[int, str]:
    """After a restore of an older backup: the patients and drafts erased since it was taken are
    erased again, then the file is rewritten once. How many patients; why the rewrite failed, or ""."""
    again = 0
    for uid in dict.fromkeys(patient_uids):
        try:
            erase_patient(records, uid, rewrite=False)
        except RecordNotFound:
            continue
        again += 1
    with records.session() as session:
        for key in session.scalars(select(DraftRow.key).where(DraftRow.key.in_(draft_keys))).all():
            session.execute(delete(DraftRow).where(DraftRow.key == key))
            records.audit(session, "erased", "draft", key)
        if records.opened.path is not None:
            set_state(session, VACUUM_PENDING, "1")
    return again, vacuum(records)


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _may_hold(records: Records, backup_folder: Path | None) -> list[Path]:
    """Files that may hold the patient and that erasure neither opens nor edits: earlier records
    files moved aside (damaged at open, or replaced by a restore) and the clinic's backups."""
    files = moved_aside(records.opened.path) if records.opened.path is not None else []
    return files + (backups_in(backup_folder) if backup_folder else [])


def vacuum(records: Records) -> str:
    """Rewrite the file so erased rows leave no trace in free pages or the write-ahead log. Returns ""
    when done (or not SQLite), else why not: the rewrite then stays pending (app_state) and
    `finish_erasure` tries again at the next start."""
    if records.engine.dialect.name != "sqlite":
        return ""
    try:
        with records.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            _rewrite(conn)
            with records.session() as session:
                set_state(session, VACUUM_PENDING, "0")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    except OperationalError as error:
        return str(error.orig or error)
    if busy is not None and busy[0]:
        with records.session() as session:
            set_state(session, VACUUM_PENDING, "1")
        return words().erasure.reader_busy
    return ""


def _rewrite(conn: Connection) -> None:
    conn.exec_driver_sql("VACUUM")


def finish_erasure(records: Records) -> str:
    """At start: an erasure whose file rewrite failed (a full disk) is finished now. What to tell the
    person at the tablet, or "" when nothing was pending."""
    if records.opened.path is None:
        return ""
    with records.session() as session:
        if get_state(session, VACUUM_PENDING) != "1":
            return ""
    problem = vacuum(records)
    if problem:
        return words().erasure.fill("still_pending", problem=problem)
    return words().erasure.complete


def export_fhir(records: Records, consultation_uid: str, path: Path, kb: KnowledgeBase) -> Path:
    """Write one stored consultation as a FHIR R4 Bundle (owner-only) and remember the file."""
    stored = records.open_consultation(consultation_uid)
    snapshot = stored.plan if stored.plan is not None else plan(stored.consultation, kb)
    data = bundle(stored.consultation, snapshot, kb)
    write_private(Path(path), json.dumps(data, indent=2, ensure_ascii=False).encode())
    register_export(records, stored.patient_uid, Path(path), "fhir")
    return Path(path)
