"""One way to make a flag: its sentences from the language file, its severity from the knowledge base."""

from __future__ import annotations

from collections.abc import Mapping

from core.engine.text import fill
from core.knowledge.models import KnowledgeBase
from core.plan import Flag
from core.vocabulary import Area, FlagCode

WHEN_NOT_TO_COMBINE = "seed 002: When not to combine"


def make_flag(
    kb: KnowledgeBase,
    code: FlagCode,
    because: list[str],
    source: str,
    *,
    key: str | None = None,
    area: Area | None = None,
    item: str = "",
    values: Mapping[str, str] | None = None,
    **more: str,
) -> Flag:
    key = key or code.value
    text = kb.text().flags[key]
    values = {**(values or {}), **more}
    return Flag(
        code=code,
        severity=kb.flags[key].severity,
        message=fill(text.practitioner, **values),
        patient_message=fill(text.patient, **values),
        action=fill(text.action, **values),
        because=because,
        source=source,
        area=area,
        item=item,
        key=key,
    )
