"""Records that never lose a consult: storage, drafts, audit, erasure and export. No Qt here."""

from core.records.database import Opened, default_url, open_database
from core.records.importing import ImportFailed, import_consultation, parse_consultation
from core.records.migrations import DatabaseTooNew
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
from core.records.privacy import (
    DraftMatch,
    Erased,
    erase_patient,
    export_fhir,
    export_patient,
    finish_erasure,
    patient_data,
    register_export,
)
from core.records.repository import Records

__all__ = [
    "AuditEntry",
    "ConsultationSummary",
    "DatabaseTooNew",
    "DraftMatch",
    "Erased",
    "FollowUp",
    "ImportFailed",
    "MissingName",
    "Opened",
    "PatientSummary",
    "RecordNotFound",
    "Records",
    "Saved",
    "StoredConsultation",
    "StoredDraft",
    "default_url",
    "erase_patient",
    "export_fhir",
    "export_patient",
    "finish_erasure",
    "import_consultation",
    "open_database",
    "parse_consultation",
    "patient_data",
    "register_export",
]
