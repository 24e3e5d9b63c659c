"""What the repository hands out: plain frozen records, never live database rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.consultation import Consultation
from core.plan import Plan, Treatment
from core.vocabulary import SessionKind


class RecordNotFound(LookupError):
    pass


class MissingName(ValueError):
    def __init__(self) -> None:
        super().__init__("patient.name: a consultation needs the patient's name before it is saved")


@dataclass(frozen=True)
class PatientSummary:
    uid: str
    name: str
    patient_ref: str
    date_of_birth: dt.date | None
    last_consult: dt.date | None
    consultations: int


@dataclass(frozen=True)
class ConsultationSummary:
    uid: str
    consult_date: dt.date
    status: str
    practitioner: str
    kb_version: str
    updated_at: dt.datetime
    conflict_of: str | None = None  # a conflicting save from another tablet, kept beside that one


@dataclass(frozen=True)
class StoredConsultation:
    uid: str
    patient_uid: str
    status: str
    consultation: Consultation
    plan: Plan | None
    kb_version: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class Saved:
    """What a save stored. With another tablet's change in between (optimistic versioning), nothing is
    overwritten: `conflict_of` names the consultation this save was kept beside as a copy of its own,
    and `patient_kept` says the patient's details changed elsewhere were kept (this consult keeps its
    own in its answers)."""

    patient_uid: str
    consultation_uid: str
    version: int = 1
    patient_version: int = 1
    conflict_of: str | None = None
    patient_kept: bool = False
    queued: bool = False  # kept on this tablet: the server was away (sent later; its uids then hold)


@dataclass(frozen=True)
class StoredDraft:
    key: str
    consultation: Consultation
    page_id: str
    revision: int
    updated_at: dt.datetime
    patient_uid: str | None
    consultation_uid: str | None
    copy_of: str | None = None  # kept by a window that lost the draft `copy_of` to another


@dataclass(frozen=True)
class FollowUp:
    """Who should come in, when and why: a visit booked in their plan (`visit` is its number, as the
    takeaway counts visits) or a maintenance top-up falling due (`visit` 0, one treatment)."""

    patient_uid: str
    name: str
    date: dt.date
    consultation_uid: str
    treatments: tuple[Treatment, ...]
    visit: int = 0
    kinds: tuple[SessionKind, ...] = ()

    @property
    def top_up(self) -> bool:
        return self.visit == 0


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_uid: str
    detail: str
