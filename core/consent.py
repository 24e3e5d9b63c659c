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


def form_parts(form_id: str, kb: KnowledgeBase, off_label: bool) -> list[tuple[str, str]]:
    """A consent form as the patient reads it, in `kb`'s language: (heading, sentence) pairs, the
    off-label part only when signed with it, then the agreement (heading "", its sentence). The Consent
    page shows exactly these, and the signing keeps them (SignedForm.text)."""
    words, text = kb.text().clinical_record, kb.text().consent_forms[form_id]
    parts = [(words.consent_what, text.what), (words.consent_effect, text.effect),
             (words.consent_alternatives, text.alternatives), (words.consent_common, text.common_risks),
             (words.consent_rare, text.rare_risks)]
    if off_label and text.off_label:
        parts.append((words.consent_off_label, text.off_label))
    return [(heading, sentence) for heading, sentence in parts if sentence] + [("", words.consent_agree)]


def form_text(form_id: str, kb: KnowledgeBase, off_label: bool) -> str:
    """The words of a form as read, as one text: its title, each part under its heading, the agreement."""
    lines = [kb.text().consent_forms[form_id].title]
    for heading, sentence in form_parts(form_id, kb, off_label):
        lines += [heading, sentence] if heading else [sentence]
    return "\n".join(lines)


def unsigned(c: Consultation, tools: Iterable[Tool], off_label: Iterable[Tool] = ()) -> list[Tool]:
    """The tools among `tools` that no signed consent covers yet (a plan change after signing adds some).
    A tool in `off_label` (used off-label today: the neuromodulator in the masseter or neck) needs a
    signing that included its form's off-label part: one signed before that use was planned does not."""
    signed, signed_off_label = c.consented_tools(), c.consented_tools(off_label=True)
    wanted = set(off_label)
    return [tool for tool in dict.fromkeys(tools)
            if tool not in signed or (tool in wanted and tool not in signed_off_label)]


def signature(strokes: Strokes, aspect: float) -> Signature:
    """Strokes from the pad (points as fractions of its size) as a stored signature; empty strokes dropped."""
    return Signature(strokes=[Stroke(points=list(points)) for points in strokes if points], aspect=aspect)


def signing(tools: Sequence[Tool], photos: bool, patient: Signature, practitioner: Signature,
            at: dt.datetime, kb: KnowledgeBase, off_label: Iterable[Tool] = ()) -> Consent:
    """One signing: the forms for `tools` in their current versions (with their off-label part where a
    tool in `off_label` is used off-label today and the form has one), the photo choice, both
    signatures, the moment (UTC) and the language the forms were read in: `kb`'s, which showed them
    (KnowledgeBase.for_language: the patient's)."""
    off = {kb.consent_form(tool) for tool in off_label}
    forms = []
    for form_id in forms_for(tools, kb):
        with_off_label = form_id in off and bool(kb.text().consent_forms[form_id].off_label)
        forms.append(SignedForm(form=form_id, version=kb.consent_forms[form_id].version, off_label=with_off_label,
                                text=form_text(form_id, kb, with_off_label)))
    return Consent(forms=forms, tools=list(dict.fromkeys(tools)), photos=photos, patient_signature=patient,
                   practitioner_signature=practitioner, signed_at=at, language=kb.settings.clinic.language)


def signed(c: Consultation, tools: Sequence[Tool], photos: bool, patient: Signature, practitioner: Signature,
           at: dt.datetime, kb: KnowledgeBase, off_label: Iterable[Tool] = ()) -> Consultation:
    """`c` with one more signing (ValidationError if that leaves it inconsistent: withdrawn photo
    consent with photos kept)."""
    consent = signing(tools, photos, patient, practitioner, at, kb, off_label)
    return Consultation.model_validate({**dict(c), "consent": [*c.consent, consent]})
