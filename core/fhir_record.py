"""The clinical record in FHIR R4: a Consent per signing (with a Provenance carrying both signatures as
images), a Media per photo and a Procedure per treatment given (its product and lot as a contained
Medication with its batch). Plain dicts, validated in the tests with fhir.resources as the Bundle is."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from core.consultation import Consent, Consultation, GivenTreatment, Photo
from core.knowledge.models import KnowledgeBase
from core.signatures import signature_png
from core.vocabulary import Area, Tool

Json = dict[str, Any]
SYSTEM = "urn:thirds"
SIGNATURE_TYPES = "urn:iso-astm:E1762-95:2013"
CONSENT_SIGNATURE = ("1.2.840.10065.1.12.1.7", "Consent Signature")
VERIFICATION_SIGNATURE = ("1.2.840.10065.1.12.1.5", "Verification Signature")


def _instant(at: dt.datetime) -> str:
    """A stored moment (naive is UTC) as a FHIR instant, with its zone."""
    return (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at).isoformat().replace("+00:00", "Z")


def _coding(kind: str, code: str, display: str = "", version: str = "") -> Json:
    coding: Json = {"system": f"{SYSTEM}:{kind}", "code": code}
    if version:
        coding["version"] = version
    return {**coding, "display": display} if display else coding


def _tool(kb: KnowledgeBase, tool: Tool) -> Json:
    name = kb.text().tools[tool].name
    return {"coding": [_coding("tool", tool.value, name)], "text": name}


def _area(kb: KnowledgeBase, area: Area | None) -> Json:
    name = kb.text().areas[area].name if area else kb.text().takeaway.whole_face
    return {"coding": [_coding("area", area.value, name)], "text": name} if area else {"text": name}


def consent_resources(signing: Consent, c: Consultation, kb: KnowledgeBase, patient_ref: str,
                      consent_ref: str) -> list[Json]:
    """The Consent and the Provenance that holds its two signatures (PNG images)."""
    texts = kb.text().consent_forms
    forms = [_coding("consent-form", f.form, texts[f.form].title if f.form in texts else f.form, f.version)
             for f in signing.forms]
    consent: Json = {
        "resourceType": "Consent",
        "status": "active",
        "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "treatment"}]},
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": {"reference": patient_ref},
        "dateTime": _instant(signing.signed_at),
        "performer": [{"reference": patient_ref}],
        "policyRule": {"coding": forms or [_coding("consent-form", "photos-only")]},
        "provision": {
            "type": "permit",
            "code": [_tool(kb, tool) for tool in signing.tools],
            "provision": [{"type": "permit" if signing.photos else "deny",
                           "code": [{"coding": [_coding("consent", "photos", "Photos of the face")]}]}],
        },
    }
    if signing.language:  # the forms the patient read and signed, in the language they were read in
        consent["sourceAttachment"] = {"language": signing.language, "title": "; ".join(
            texts[f.form].title if f.form in texts else f.form for f in signing.forms) or "photos"}
        read = "\n\n".join(f.text for f in signing.forms if f.text)
        if read:  # their very words, as kept with the signing
            consent["sourceAttachment"] |= {"contentType": "text/plain; charset=utf-8",
                                            "data": base64.b64encode(read.encode("utf-8")).decode("ascii")}
    if c.practitioner:
        consent["verification"] = [{"verified": True, "verifiedWith": {"display": c.practitioner},
                                    "verificationDate": _instant(signing.signed_at)}]
    who = {"display": c.practitioner or "practitioner"}
    provenance: Json = {
        "resourceType": "Provenance",
        "target": [{"reference": consent_ref}],
        "recorded": _instant(signing.signed_at),
        "agent": [{"who": {"reference": patient_ref}}, {"who": who}],
        "signature": [
            {"type": [{"system": SIGNATURE_TYPES, "code": code, "display": display}],
             "when": _instant(signing.signed_at), "who": signer, "sigFormat": "image/png",
             "data": base64.b64encode(signature_png(sig)).decode("ascii")}
            for (code, display), signer, sig in (
                (CONSENT_SIGNATURE, {"reference": patient_ref}, signing.patient_signature),
                (VERIFICATION_SIGNATURE, who, signing.practitioner_signature),
            )
        ],
    }
    return [consent, provenance]


def media_resource(photo: Photo, kb: KnowledgeBase, patient_ref: str) -> Json:
    view = kb.text().clinical_record[f"view_{photo.view.value}"]
    return {
        "resourceType": "Media",
        "status": "completed",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/media-type", "code": "image"}]},
        "view": {"coding": [_coding("photo-view", photo.view.value, view)], "text": view},
        "subject": {"reference": patient_ref},
        "createdDateTime": _instant(photo.added_at),
        "content": {"contentType": "image/jpeg", "data": photo.jpeg, "title": view},
    }


def procedure_resource(given: GivenTreatment, c: Consultation, kb: KnowledgeBase, patient_ref: str) -> Json:
    resource: Json = {
        "resourceType": "Procedure",
        "contained": [{
            "resourceType": "Medication", "id": "product", "code": {"text": given.product},
            "batch": {"lotNumber": given.lot, "expirationDate": given.expiry.isoformat()},
        }],
        "status": "completed",
        "code": _tool(kb, given.tool),
        "subject": {"reference": patient_ref},
        "performedDateTime": c.consult_date.isoformat(),
        "bodySite": [_area(kb, given.area)],
        "usedReference": [{"reference": "#product"}],
        "note": [{"text": f"{given.amount:g} {given.unit}"
                          + (f"; {len(given.points)} injection points" if given.points else "")}],
    }
    if c.practitioner:
        resource["performer"] = [{"actor": {"display": c.practitioner}}]
    if given.adverse_events:
        resource["complication"] = [{"text": f"{_instant(e.at)}: {e.what}"} for e in given.adverse_events]
    return resource
