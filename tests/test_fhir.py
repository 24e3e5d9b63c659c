"""FHIR R4 export: a Bundle that fhir.resources validates, whose parts say what the consult said."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from conftest import EXAMPLES, load_example
from core.engine import plan
from core.fhir import QUESTIONNAIRE_URL, bundle, questionnaire
from core.vocabulary import Area

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))


def resources(data):
    return {entry["resource"]["resourceType"]: entry["resource"] for entry in data["entry"]}


def links(items, out=None):
    out = {} if out is None else out
    for item in items:
        out.setdefault(item["linkId"], []).append(item)
        links(item.get("item", []), out)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_example_exports_a_valid_r4_bundle(name, kb):
    consultation = load_example(name)
    data = bundle(consultation, plan(consultation, kb), kb)
    Bundle.model_validate(json.loads(json.dumps(data)))
    record = {"Consent", "Provenance", "Media", "Procedure"} if consultation.consent else set()
    assert set(resources(data)) == {"Patient", "Questionnaire", "QuestionnaireResponse", "CarePlan"} | record


def test_the_clinical_record_exports_consent_with_signatures_photos_and_procedures(kb):
    import base64
    import io

    from PIL import Image

    c = load_example("treatment_visit_record")
    data = bundle(c, plan(c, kb), kb)
    Bundle.model_validate(json.loads(json.dumps(data)))
    found = resources(data)
    patient_ref = next(e["fullUrl"] for e in data["entry"] if e["resource"]["resourceType"] == "Patient")
    consent = found["Consent"]
    assert consent["patient"]["reference"] == patient_ref and consent["provision"]["provision"][0]["type"] == "permit"
    assert consent["policyRule"]["coding"][0]["version"] == kb.consent_forms["neuromodulator"].version
    signatures = found["Provenance"]["signature"]
    assert len(signatures) == 2
    for signature in signatures:
        image = Image.open(io.BytesIO(base64.b64decode(signature["data"])))
        assert image.format == "PNG" and image.convert("L").getextrema()[0] < 80
    assert found["Media"]["content"]["data"] == c.photos[0].jpeg and found["Media"]["view"]["coding"][0]["code"] == "front_rest"
    procedure = found["Procedure"]
    assert procedure["contained"][0]["batch"] == {"lotNumber": "C7712B", "expirationDate": "2027-08-31"}
    assert procedure["bodySite"][0]["coding"][0]["code"] == "forehead" and procedure["note"][0]["text"].startswith("16 units")


def test_questionnaire_is_generated_from_the_knowledge_base(kb):
    items = links(questionnaire(kb)["item"])
    for area in Area:
        assert items[f"concerns.{area.value}"][0]["text"] == kb.text().areas[area].name
        for kind in kb.concern_kinds(area):
            assert f"concerns.{area.value}.{kind}.severity_rest" in items
    assert items["bddq.q1"][0]["text"] == kb.text().bddq["q1"]
    assert items["screening.pregnant_or_breastfeeding"][0]["text"] == (
        kb.text().screening["pregnant_or_breastfeeding"].question
    )
    assert questionnaire(kb)["version"] == kb.version


def test_response_answers_follow_the_questionnaire(kb):
    consultation = load_example("tired_face")
    found = resources(bundle(consultation, plan(consultation, kb), kb))
    q_items = links(found["Questionnaire"]["item"])
    response = found["QuestionnaireResponse"]
    assert response["questionnaire"] == f"{QUESTIONNAIRE_URL}|{kb.version}"
    r_items = links(response["item"])
    assert set(r_items) <= set(q_items)
    assert r_items["patient.name"][0]["answer"] == [{"valueString": consultation.patient.name}]
    assert r_items["concerns.cheeks.volume_loss.severity_rest"][0]["answer"] == [{"valueInteger": 3}]
    assert r_items["screening.medications"][0]["answer"][0]["valueCoding"]["code"] == "fish_oil"
    assert r_items["history.earlier_fillers.area"][0]["answer"][0]["valueCoding"]["code"] == "cheeks"
    for link, answered in r_items.items():
        options = q_items[link][0].get("answerOption")
        for answer in answered[0].get("answer", []) if options else []:
            assert {"valueCoding": answer["valueCoding"]} in options, link


def test_care_plan_holds_the_sessions_and_the_maintenance(kb):
    consultation = load_example("tired_face")
    result = plan(consultation, kb)
    care_plan = resources(bundle(consultation, result, kb))["CarePlan"]
    scheduled = [a["detail"]["scheduledPeriod"]["start"] for a in care_plan["activity"]
                 if "scheduledPeriod" in a["detail"]]
    assert scheduled == [s.date.isoformat() for s in result.sessions for _ in s.treatments]
    upkeep = [a["detail"]["scheduledTiming"]["repeat"] for a in care_plan["activity"]
              if "scheduledTiming" in a["detail"]]
    assert [(u["boundsPeriod"]["start"], u["period"]) for u in upkeep] == [
        (m.next_due.isoformat(), m.interval_days) for m in result.maintenance
    ]
    assert care_plan["status"] == "active"


def test_a_paused_plan_is_on_hold(kb):
    consultation = load_example("pregnant")
    care_plan = resources(bundle(consultation, plan(consultation, kb), kb))["CarePlan"]
    assert care_plan["status"] == "on-hold"


def test_fhir_export_file_is_owner_only_and_erased_with_the_patient(kb, tmp_path):
    import stat

    from core.records import Records, erase_patient, export_fhir

    records = Records.open(f"sqlite:///{tmp_path / 'f.sqlite3'}")
    consultation = load_example("lips_only")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    path = export_fhir(records, saved.consultation_uid, tmp_path / "exports" / "lips.fhir.json", kb)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    Bundle.model_validate(json.loads(path.read_text()))
    assert erase_patient(records, saved.patient_uid).files_deleted == 1
    assert not path.exists()
    records.close()
