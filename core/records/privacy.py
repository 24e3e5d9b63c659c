"""Everything held about a patient, out as JSON; or erased, files and all, with only a trace."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from core.engine import plan
from core.fhir import bundle
from core.knowledge.models import KnowledgeBase
from core.records.files import write_private
from core.records.repository import Records
from core.records.schema import (
    AuditRow,
    ConsultationRow,
    DraftRow,
    ExportRow,
    MaintenanceDue,
    PatientRow,
    PlanVisit,
    SearchTerm,
)

EXPORT_FORMAT = "thirds-patient-export"


@dataclass(frozen=True)
class Erased:
    consultations: int
    drafts: int
    files_deleted: int
    files_not_deleted: list[Path]


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


def erase_patient(records: Records, patient_uid: str) -> Erased:
    """Delete the patient, their consultations, drafts and exported files, then vacuum.
    The audit entry left behind says that an erasure happened, never what was erased."""
    not_deleted: list[Path] = []
    with records.session() as session:
        p = records._patient_row(session, patient_uid)
        paths = [Path(e) for e in session.scalars(select(ExportRow.path).where(ExportRow.patient_id == p.id))]
        consults = session.scalars(select(ConsultationRow.id).where(ConsultationRow.patient_id == p.id)).all()
        drafts = session.scalars(select(DraftRow.key).where(DraftRow.patient_id == p.id)).all()
        deleted = 0
        for path in dict.fromkeys(paths):
            try:
                if path.exists():
                    path.unlink()
                    deleted += 1
            except OSError:
                not_deleted.append(path)
        for table in (MaintenanceDue, PlanVisit, ConsultationRow, DraftRow, ExportRow, SearchTerm):
            session.execute(delete(table).where(table.patient_id == p.id))
        session.execute(delete(PatientRow).where(PatientRow.id == p.id))
        records.audit(
            session, "erased", "patient", patient_uid,
            f"consultations: {len(consults)}, drafts: {len(drafts)}, files deleted: {deleted}, "
            f"files not deleted: {len(not_deleted)}",
        )
    vacuum(records)
    return Erased(len(consults), len(drafts), deleted, not_deleted)


def vacuum(records: Records) -> None:
    """Rewrite the file so erased rows leave no trace in free pages or the write-ahead log."""
    if records.engine.dialect.name != "sqlite":
        return
    with records.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def export_fhir(records: Records, consultation_uid: str, path: Path, kb: KnowledgeBase) -> Path:
    """Write one stored consultation as a FHIR R4 Bundle (owner-only) and remember the file."""
    stored = records.open_consultation(consultation_uid)
    snapshot = stored.plan if stored.plan is not None else plan(stored.consultation, kb)
    data = bundle(stored.consultation, snapshot, kb)
    write_private(Path(path), json.dumps(data, indent=2, ensure_ascii=False).encode())
    register_export(records, stored.patient_uid, Path(path), "fhir")
    return Path(path)
