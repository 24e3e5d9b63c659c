"""Synthetic consent, signatures and treatments given for the clinical-record tests."""

from __future__ import annotations

import datetime as dt
import math

from core.consent import signature, signed
from core.consultation import Consultation, GivenTreatment
from core.knowledge.models import KnowledgeBase
from core.vocabulary import Area, Tool

AT = dt.datetime(2026, 3, 2, 10, 30)


def strokes(turns: int = 2) -> list[list[tuple[float, float]]]:
    """A synthetic signature: a loop and an underline, as fractions of the pad."""
    loop = [(0.1 + 0.3 * i / 40, 0.5 + 0.3 * math.sin(turns * math.pi * i / 40)) for i in range(41)]
    return [loop, [(0.1, 0.9), (0.9, 0.85)]]


def consented(c: Consultation, kb: KnowledgeBase, *tools: Tool, photos: bool = True) -> Consultation:
    pad = signature(strokes(), 3.0)
    return signed(c, list(tools), photos, pad, signature(strokes(3), 3.0), AT, kb)


def given(tool: Tool = Tool.NEUROMODULATOR, area: Area | None = Area.GLABELLA, *, lot: str = "C1234A",
          expiry: dt.date = dt.date(2027, 6, 30), amount: float = 20, product: str = "") -> GivenTreatment:
    unit = "units" if tool is Tool.NEUROMODULATOR else "mL"
    name = product or ("Botox Cosmetic (onabotulinumtoxinA)" if tool is Tool.NEUROMODULATOR else "Restylane Kysse")
    return GivenTreatment(tool=tool, area=area, product=name, lot=lot, expiry=expiry, amount=amount, unit=unit)


def with_given(c: Consultation, *entries: GivenTreatment) -> Consultation:
    return Consultation.model_validate({**dict(c), "treatments_given": [*c.treatments_given, *entries]})
