"""Consent per treatment type: which forms today's plan needs, which are signed, and the signing itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from core.consultation import Consent, Consultation, Signature, SignedForm, Stroke
from core.knowledge.models import KnowledgeBase
from core.vocabulary import Tool

Strokes = Sequence[Sequence[tuple[float, float]]]


def forms_for(tools: Iterable[Tool], kb: KnowledgeBase) -> list[str]:
    """The consent forms that cover `tools`, in the knowledge base's order."""
    wanted = {kb.consent_form(tool) for tool in tools}
    return [form_id for form_id in kb.consent_forms if form_id in wanted]


def unsigned(c: Consultation, tools: Iterable[Tool]) -> list[Tool]:
    """The tools among `tools` that no signed consent covers yet (a plan change after signing adds some)."""
    signed = c.consented_tools()
    return [tool for tool in dict.fromkeys(tools) if tool not in signed]


def signature(strokes: Strokes, aspect: float) -> Signature:
    """Strokes from the pad (points as fractions of its size) as a stored signature; empty strokes dropped."""
    return Signature(strokes=[Stroke(points=list(points)) for points in strokes if points], aspect=aspect)


def signed(c: Consultation, tools: Sequence[Tool], photos: bool, patient: Signature, practitioner: Signature,
           at: dt.datetime, kb: KnowledgeBase) -> Consultation:
    """`c` with one more signing: the forms for `tools` in their current versions, the photo choice, both
    signatures and the moment (UTC)."""
    forms = [SignedForm(form=form_id, version=kb.consent_forms[form_id].version) for form_id in forms_for(tools, kb)]
    consent = Consent(forms=forms, tools=list(dict.fromkeys(tools)), photos=photos, patient_signature=patient,
                      practitioner_signature=practitioner, signed_at=at)
    return Consultation.model_validate({**dict(c), "consent": [*c.consent, consent]})
