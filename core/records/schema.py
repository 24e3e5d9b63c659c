"""The tables. A change here needs a new migration in `migrations.py`, never an edit of an old one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    """One row per applied migration; the highest `version` is the schema in force."""

    __tablename__ = "thirds_schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AppState(Base):
    """Small key/value facts about the database itself (clean shutdown, PIN hash)."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PatientRow(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    patient_ref: Mapped[str] = mapped_column(String(100), default="")
    ref_key: Mapped[str] = mapped_column(String(100), index=True, default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    # grows with every write of the patient's details: a tablet whose consult began from an older
    # version does not overwrite details changed since on another tablet (schema version 4)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class SearchTerm(Base):
    """Each word of a patient's name and their clinic id, folded: prefix search uses the index.
    The prefix search is a range (term >= word and term < word + U+10FFFF), which needs code-point
    order: SQLite's default, and on PostgreSQL the "C" collation (a language collation sorts 'æ'
    as 'ae', so 'a' would find 'Ærø'). On PostgreSQL that is schema version 1: no earlier Thirds
    opened a PostgreSQL database (it had no driver for one)."""

    __tablename__ = "patient_terms"

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"), primary_key=True
    )

    __table_args__ = (Index("ix_patient_terms_term", "term", "patient_id"),)


class ConsultationRow(Base):
    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    consult_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    practitioner: Mapped[str] = mapped_column(String(200), default="")
    answers: Mapped[str] = mapped_column(Text)
    plan: Mapped[str | None] = mapped_column(Text, nullable=True)
    kb_version: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # grows with every save: a save from an older version is a conflict, kept beside (schema version 4)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    conflict_of: Mapped[str | None] = mapped_column(String(36), nullable=True)

    __table_args__ = (Index("ix_consultations_patient_date", "patient_id", "consult_date"),)


class MaintenanceDue(Base):
    """The maintenance of a stored plan, one row per item, so the follow-up list is one query."""

    __tablename__ = "maintenance_due"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    tool: Mapped[str] = mapped_column(String(40))
    area: Mapped[str | None] = mapped_column(String(40), nullable=True)
    next_due: Mapped[dt.date] = mapped_column(Date, index=True)


class PlanVisit(Base):
    """The visits of a stored plan (its sessions, one row a day, numbered as the takeaway numbers
    them), so the follow-up list finds booked visits in one query. Added in schema version 2."""

    __tablename__ = "plan_visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    kinds: Mapped[str] = mapped_column(String(60))  # session kinds, comma separated
    treatments: Mapped[str] = mapped_column(Text)  # JSON: [[tool, area or null], ...]


class DraftRow(Base):
    """The consult being filled in; `revision` only grows, so an older write never wins."""

    __tablename__ = "drafts"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    patient_id: Mapped[int | None] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), nullable=True
    )
    consultation_uid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    page_id: Mapped[str] = mapped_column(String(60), default="")
    revision: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # the draft this one was copied from when its window lost the draft to another (schema version 4)
    copy_of: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ExportRow(Base):
    """Every file the app wrote about a patient, so erasure can delete it."""

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditRow(Base):
    """Who did what to which record, and when. Holds opaque ids only, never names or answers."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(20))
    entity_uid: Mapped[str] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class OpenProcess(Base):
    """A Thirds process that has the records file open, one row per opening, deleted when it closes
    cleanly (core/records/processes.py). Added in schema version 3, replacing the one clean mark."""

    __tablename__ = "open_processes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started: Mapped[str] = mapped_column(String(40))  # the kernel's start time of the pid, "" if unknown
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DraftLease(Base):
    """Which window may write a draft (issue 11: one writer per draft). `holder` is that window's
    opaque token and `label` where it is ("tablet-2 · Dr Example"); it renews `heartbeat` every few
    seconds. Another window asking to take over sets `requested_by`; the holder saves, then hands the
    lease over. No patient data here. Added in schema version 4."""

    __tablename__ = "draft_leases"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    holder: Mapped[str] = mapped_column(String(36))
    label: Mapped[str] = mapped_column(String(300), default="")
    heartbeat: Mapped[dt.datetime] = mapped_column(DateTime)
    requested_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    requested_label: Mapped[str] = mapped_column(String(300), default="")
    host: Mapped[str] = mapped_column(String(255), default="")  # the holder's machine and process id:
    pid: Mapped[int] = mapped_column(Integer, default=0)  # a holder on this machine that died is gone


class AppliedOp(Base):
    """A write a tablet sent from its outbox (core/records/outbox.py), stored in the same transaction
    as the write: sent again after a lost acknowledgement, it is not applied twice. `result` is what
    the write returned, as JSON. Added in schema version 4."""

    __tablename__ = "applied_ops"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    result: Mapped[str] = mapped_column(Text, default="")


class LotGiven(Base):
    """Each treatment given with its lot, one row per entry of a stored consult's `treatments_given`, so
    a lot is traced back to every patient who received it in one query. Added in schema version 5."""

    __tablename__ = "lots_given"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    lot_key: Mapped[str] = mapped_column(String(60), index=True)  # the lot folded: any case, no spaces
    lot: Mapped[str] = mapped_column(String(60))
    product: Mapped[str] = mapped_column(String(200))
    expiry: Mapped[dt.date] = mapped_column(Date)
    given_on: Mapped[dt.date] = mapped_column(Date)
    tool: Mapped[str] = mapped_column(String(40))
    area: Mapped[str | None] = mapped_column(String(40), nullable=True)
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10))
