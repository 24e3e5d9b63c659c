"""Traceability: every patient who received a lot (DOMAIN.md "The clinical record"; the MHRA asks it of fillers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from core.consultation import Consultation
from core.records.schema import ConsultationRow, LotGiven, PatientRow
from core.vocabulary import Area, Tool

if TYPE_CHECKING:
    from core.records.repository import Records


def lot_key(lot: str) -> str:
    """A lot as typed or as printed on a box: any case, spaces and dashes left out."""
    return "".join(ch for ch in lot.casefold() if ch.isalnum())[:60]


@dataclass(frozen=True)
class LotReceived:
    """One patient who received a lot: who, when, what and how much."""

    patient_uid: str
    name: str
    consultation_uid: str
    given_on: dt.date
    product: str
    lot: str
    expiry: dt.date
    tool: Tool
    area: Area | None
    amount: float
    unit: str


def lot_rows(consultation_id: int, patient_id: int, c: Consultation) -> list[LotGiven]:
    return [
        LotGiven(consultation_id=consultation_id, patient_id=patient_id, lot_key=lot_key(g.lot), lot=g.lot,
                 product=g.product, expiry=g.expiry, given_on=c.consult_date, tool=g.tool.value,
                 area=g.area.value if g.area else None, amount=g.amount, unit=g.unit)
        for g in c.treatments_given
    ]


def who_received(records: Records, lot: str) -> list[LotReceived]:
    """Every treatment given from `lot` (matched as `lot_key` folds it), oldest first."""
    key = lot_key(lot)
    if not key:
        return []
    query = (
        select(PatientRow.uid, PatientRow.name, ConsultationRow.uid, LotGiven.given_on, LotGiven.product,
               LotGiven.lot, LotGiven.expiry, LotGiven.tool, LotGiven.area, LotGiven.amount, LotGiven.unit)
        .join(ConsultationRow, ConsultationRow.id == LotGiven.consultation_id)
        .join(PatientRow, PatientRow.id == LotGiven.patient_id)
        .where(LotGiven.lot_key == key)
        .order_by(LotGiven.given_on, PatientRow.name_key, LotGiven.id)
    )
    with records.session() as session:
        return [
            LotReceived(p_uid, name, c_uid, given_on, product, lot_text, expiry, Tool(tool),
                        Area(area) if area else None, amount, unit)
            for p_uid, name, c_uid, given_on, product, lot_text, expiry, tool, area, amount, unit
            in session.execute(query)
        ]
