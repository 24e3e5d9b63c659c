"""The photos of a patient's last consult that has any: what a review consult compares today's with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from core.consultation import Consultation, Photo
from core.records.schema import ConsultationRow

if TYPE_CHECKING:
    from core.records.repository import Records


@dataclass(frozen=True)
class EarlierPhotos:
    consult_date: dt.date
    photos: tuple[Photo, ...]


def earlier_photos(records: Records, patient_uid: str, before: dt.date) -> EarlierPhotos | None:
    """The photos of the patient's latest consult before `before` that has photos, or None."""
    with records.session() as session:
        patient = records._patient_row(session, patient_uid)
        rows = session.execute(
            select(ConsultationRow.uid, ConsultationRow.consult_date, ConsultationRow.answers)
            .where(ConsultationRow.patient_id == patient.id, ConsultationRow.consult_date < before)
            .order_by(ConsultationRow.consult_date.desc(), ConsultationRow.id.desc())
        ).all()
        for uid, consult_date, answers in rows:
            if '"photos":[]' in answers.replace(" ", ""):
                continue
            photos = Consultation.model_validate_json(answers).photos
            if photos:
                records.audit(session, "viewed", "consultation", uid, "photos")
                return EarlierPhotos(consult_date, tuple(photos))
    return None
