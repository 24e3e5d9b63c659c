"""A consultation as a FHIR R4 Bundle: the Questionnaire (generated from the knowledge base), the
QuestionnaireResponse with the answers, the CarePlan with the sessions and maintenance, the
Patient they refer to, and the clinical record (core/fhir_record.py: Consent, Media, Procedure). Plain JSON-ready dicts: no FHIR library is needed to write them."""

from __future__ import annotations

import uuid
from typing import Any

from core.consultation import Consultation
from core.fhir_record import consent_resources, media_resource, procedure_resource
from core.knowledge.models import AnswerRead, KnowledgeBase
from core.plan import Plan
from core.vocabulary import Area, Expectation, Medication, Reply, SkinItem, Tool

Json = dict[str, Any]
SYSTEM = "urn:thirds"
QUESTIONNAIRE_URL = "urn:thirds:questionnaire:consultation"
BDDQ_LIKERT = ("q3", "q4", "q5", "q6")


def _coding(kind: str, code: str, display: str | None = None) -> Json:
    coding = {"system": f"{SYSTEM}:{kind}", "code": code}
    return {**coding, "display": display} if display else coding


def _item(link: str, type_: str, text: str | None = None, **extra: Any) -> Json:
    item: Json = {"linkId": link, "type": type_}
    if text:
        item["text"] = text
    return {**item, **{k: v for k, v in extra.items() if v}}


def _choice(link: str, kind: str, codes: list[str], text: str | None = None, repeats: bool = False) -> Json:
    options = [{"valueCoding": _coding(kind, code)} for code in codes]
    return _item(link, "choice", text, answerOption=options, repeats=repeats)


def _group(link: str, items: list[Json], text: str | None = None, repeats: bool = False) -> Json:
    return _item(link, "group", text, item=items, repeats=repeats)


def screening_questions(kb: KnowledgeBase) -> dict[str, str]:
    """Each screening answer once (two items may read one answer), with its question: from the
    knowledge base, the one source the engine, the wizard and the PDF read too."""
    questions: dict[str, str] = {}
    for item_id, item in kb.screening.items():
        if isinstance(item.reads, AnswerRead):
            questions.setdefault(item.reads.answer, kb.text().screening[item_id].question)
    return questions


def questionnaire_items(kb: KnowledgeBase) -> list[Json]:
    t = kb.text()
    areas = [a.value for a in Area]
    replies = [Reply.YES.value, Reply.NO.value]  # not asked is no answer at all
    concern_groups = [
        _group(f"concerns.{area.value}", [
            _group(f"concerns.{area.value}.{kind}", [
                _item(f"concerns.{area.value}.{kind}.severity_rest", "integer"),
                _item(f"concerns.{area.value}.{kind}.severity_movement", "integer"),
                _item(f"concerns.{area.value}.{kind}.target_grade", "integer"),
            ], t.concerns[area][kind].name)
            for kind in kb.concern_kinds(area)
        ], t.areas[area].name)
        for area in Area
    ]
    return [
        _group("patient", [
            _item("patient.name", "string"), _item("patient.date_of_birth", "date"),
            _item("patient.patient_id", "string"),
        ]),
        _group("consult", [_item("consult_date", "date"), _item("practitioner", "string")]),
        _group("goals", [
            _item("goals.in_patient_words", "text", t.takeaway.in_your_words),
            _choice("goals.expectation", "expectation", [e.value for e in Expectation]),
            _item("goals.budget", "decimal"), _item("goals.event_date", "date"),
        ]),
        _group("history", [
            _item("history.first_injectable_treatment", "boolean"),
            _item("history.last_neuromodulator", "date"),
            _group("history.earlier_fillers", [
                _choice("history.earlier_fillers.area", "area", areas),
                _item("history.earlier_fillers.date", "date"),
                _item("history.earlier_fillers.permanent", "boolean"),
                _item("history.earlier_fillers.product", "string"),
            ], repeats=True),
            _item("history.complications", "text"),
        ]),
        _group("screening", [
            *(_choice(f"screening.{name}", "reply", replies, question)
              for name, question in screening_questions(kb).items()),
            _choice("screening.infection_areas", "area", areas, repeats=True),
            _choice("screening.medications", "medication", [m.value for m in Medication], repeats=True),
        ]),
        _group("bddq", [
            _item(f"bddq.{q}", "integer" if q in BDDQ_LIKERT else "boolean", text)
            for q, text in t.bddq.items()
        ]),
        _group("cops", [_item(f"cops.{n}", "integer") for n in range(1, 10)]),
        _group("concerns", concern_groups),
        _group("skin", [
            *(_item(f"skin.{item.value}", "integer", t.skin[item]) for item in SkinItem),
            _choice("skin.glogau", "glogau", ["I", "II", "III", "IV"]),
            _choice("skin.fitzpatrick", "fitzpatrick", ["I", "II", "III", "IV", "V", "VI"]),
        ]),
        _group("choices", [
            _item("choices.same_session", "boolean"), _item("choices.filler_first", "boolean"),
            _group("choices.declined", [
                _choice("choices.declined.tool", "tool", [tool.value for tool in Tool]),
                _choice("choices.declined.area", "area", areas),
                _item("choices.declined.reason", "string"),
            ], repeats=True),
            _group("choices.doses", [
                _choice("choices.doses.area", "area", areas), _item("choices.doses.units", "decimal"),
            ], repeats=True),
            _group("choices.filler_volumes", [
                _choice("choices.filler_volumes.area", "area", areas), _item("choices.filler_volumes.ml", "decimal"),
            ], repeats=True),
            _item("choices.notes", "text"),
            _item("choices.patient_notes", "text"),
        ]),
    ]


def questionnaire(kb: KnowledgeBase) -> Json:
    return {
        "resourceType": "Questionnaire",
        "id": "thirds-consultation",
        "url": QUESTIONNAIRE_URL,
        "version": kb.version,
        "name": "ThirdsConsultation",
        "status": "active",
        "item": questionnaire_items(kb),
    }


def _value(type_: str, value: Any, kind: str = "") -> Json:
    if type_ == "choice":
        return {"valueCoding": _coding(kind, str(value))}
    key = {"string": "valueString", "text": "valueString", "date": "valueDate", "boolean": "valueBoolean",
           "integer": "valueInteger", "decimal": "valueDecimal"}[type_]
    if type_ == "date":
        value = value.isoformat()
    elif type_ == "decimal":
        value = float(value)
    return {key: value}


def answers(c: Consultation, kb: KnowledgeBase) -> dict[str, Any]:
    """linkId -> answer values; repeating groups map to a list of such dicts."""
    found: dict[str, Any] = {}

    def put(link: str, type_: str, value: Any, kind: str = "") -> None:
        if value is None or value == "" or value == []:
            return
        values = value if isinstance(value, list) else [value]
        found[link] = [_value(type_, v.value if hasattr(v, "value") else v, kind) for v in values]

    put("patient.name", "string", c.patient.name)
    put("patient.date_of_birth", "date", c.patient.date_of_birth)
    put("patient.patient_id", "string", c.patient.patient_id)
    put("consult_date", "date", c.consult_date)
    put("practitioner", "string", c.practitioner)
    put("goals.in_patient_words", "text", c.goals.in_patient_words)
    put("goals.expectation", "choice", c.goals.expectation, "expectation")
    put("goals.budget", "decimal", c.goals.budget)
    put("goals.event_date", "date", c.goals.event_date)
    put("history.first_injectable_treatment", "boolean", c.history.first_injectable_treatment)
    put("history.last_neuromodulator", "date", c.history.last_neuromodulator)
    put("history.complications", "text", c.history.complications)
    found["history.earlier_fillers"] = [
        _instance([("history.earlier_fillers.area", "choice", f.area, "area"),
                   ("history.earlier_fillers.date", "date", f.date, ""),
                   ("history.earlier_fillers.permanent", "boolean", f.permanent, ""),
                   ("history.earlier_fillers.product", "string", f.product, "")])
        for f in c.history.earlier_fillers
    ]
    for name in screening_questions(kb):
        reply = getattr(c.screening, name)
        if reply is not Reply.NOT_ASKED:  # a question not asked has no answer in the response
            put(f"screening.{name}", "choice", reply, "reply")
    put("screening.infection_areas", "choice", list(c.screening.infection_areas), "area")
    put("screening.medications", "choice", list(c.screening.medications), "medication")
    for q in ("q1", "q2", "q3", "q4", "q5", "q6", "q7"):
        put(f"bddq.{q}", "integer" if q in BDDQ_LIKERT else "boolean", getattr(c.bddq, q))
    for number, score in enumerate(c.cops or [], start=1):
        put(f"cops.{number}", "integer", score)
    for concern in c.concerns:
        base = f"concerns.{concern.area.value}.{concern.kind}"
        put(f"{base}.severity_rest", "integer", concern.severity_rest)
        put(f"{base}.severity_movement", "integer", concern.severity_movement)
        put(f"{base}.target_grade", "integer", concern.target_grade)
    for item in SkinItem:
        put(f"skin.{item.value}", "integer", c.skin.grade(item))
    put("skin.glogau", "choice", c.skin.glogau, "glogau")
    put("skin.fitzpatrick", "choice", c.skin.fitzpatrick, "fitzpatrick")
    put("choices.same_session", "boolean", c.choices.same_session)
    put("choices.filler_first", "boolean", c.choices.filler_first)
    put("choices.notes", "text", c.choices.notes)
    put("choices.patient_notes", "text", c.choices.patient_notes)
    found["choices.declined"] = [
        _instance([("choices.declined.tool", "choice", d.tool, "tool"),
                   ("choices.declined.area", "choice", d.area, "area"),
                   ("choices.declined.reason", "string", d.reason, "")])
        for d in c.choices.declined
    ]
    found["choices.doses"] = [
        _instance([("choices.doses.area", "choice", dose.area, "area"),
                    ("choices.doses.units", "decimal", dose.units, "")])
        for dose in c.choices.doses
    ]
    found["choices.filler_volumes"] = [
        _instance([("choices.filler_volumes.area", "choice", volume.area, "area"),
                    ("choices.filler_volumes.ml", "decimal", volume.ml, "")])
        for volume in c.choices.filler_volumes
    ]
    return found


def _instance(fields: list[tuple[str, str, Any, str]]) -> dict[str, Any]:
    """The answers of one instance of a repeating group."""
    return {
        link: [_value(type_, value.value if hasattr(value, "value") else value, kind)]
        for link, type_, value, kind in fields
        if value is not None and value != ""
    }


def _fill(items: list[Json], given: dict[str, Any]) -> list[Json]:
    out: list[Json] = []
    for item in items:
        link = item["linkId"]
        if item["type"] == "group":
            instances = given.get(link, []) if item.get("repeats") else [given]
            for instance in instances:
                children = _fill(item["item"], instance)
                if children:
                    out.append({"linkId": link, "item": children})
        elif given.get(link):
            out.append({"linkId": link, "answer": given[link]})
    return out


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def patient_resource(c: Consultation) -> Json:
    resource: Json = {"resourceType": "Patient"}
    if c.patient.name:
        resource["name"] = [{"text": c.patient.name}]
    if c.patient.date_of_birth:
        resource["birthDate"] = c.patient.date_of_birth.isoformat()
    if c.patient.patient_id:
        resource["identifier"] = [{"system": f"{SYSTEM}:patient-id", "value": c.patient.patient_id}]
    return resource


def questionnaire_response(c: Consultation, kb: KnowledgeBase, patient_ref: str) -> Json:
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{kb.version}",
        "status": "completed",
        "subject": {"reference": patient_ref},
        "authored": c.consult_date.isoformat(),
        **({"author": {"display": c.practitioner}} if c.practitioner else {}),
        "item": _fill(questionnaire_items(kb), answers(c, kb)),
    }


def _tool(kb: KnowledgeBase, tool: Tool, area: Area | None) -> Json:
    t = kb.text()
    where = t.areas[area].name if area else t.takeaway.whole_face
    return {"coding": [_coding("tool", tool.value, t.tools[tool].name)],
            "text": f"{t.tools[tool].name} ({where})" if where else t.tools[tool].name}


def care_plan(plan: Plan, c: Consultation, kb: KnowledgeBase, patient_ref: str) -> Json:
    activities: list[Json] = []
    for session in plan.sessions:
        for treatment in session.treatments:
            detail: Json = {
                "status": "not-started",
                "code": _tool(kb, treatment.tool, treatment.area),
                "scheduledPeriod": {"start": session.date.isoformat(), "end": session.date.isoformat()},
            }
            if session.why:
                detail["description"] = session.why
            activities.append({"detail": detail})
    for item in plan.maintenance:
        activities.append({"detail": {
            "status": "not-started",
            "code": _tool(kb, item.tool, item.area),
            "scheduledTiming": {"repeat": {
                "boundsPeriod": {"start": item.next_due.isoformat()},
                "period": item.interval_days, "periodUnit": "d",
            }},
        }})
    resource: Json = {
        "resourceType": "CarePlan",
        "status": "on-hold" if plan.paused else "active",
        "intent": "plan",
        "subject": {"reference": patient_ref},
        "created": c.consult_date.isoformat(),
        "period": {"start": plan.consult_date.isoformat()},
        "activity": activities,
    }
    notes = [{"text": flag.patient_message} for flag in plan.flags if flag.patient_message]
    if notes:
        resource["note"] = notes
    return resource


def bundle(c: Consultation, plan: Plan, kb: KnowledgeBase) -> Json:
    """The FHIR R4 Bundle (type collection) of one consultation."""
    patient_ref, q_ref, qr_ref, cp_ref = _urn(), _urn(), _urn(), _urn()
    entries = [
        (patient_ref, patient_resource(c)),
        (q_ref, questionnaire(kb)),
        (qr_ref, questionnaire_response(c, kb, patient_ref)),
        (cp_ref, care_plan(plan, c, kb, patient_ref)),
    ]
    for signing in c.consent:
        consent_ref, provenance_ref = _urn(), _urn()
        consent, provenance = consent_resources(signing, c, kb, patient_ref, consent_ref)
        entries += [(consent_ref, consent), (provenance_ref, provenance)]
    entries += [(_urn(), media_resource(photo, kb, patient_ref)) for photo in c.photos]
    entries += [(_urn(), procedure_resource(given, c, kb, patient_ref)) for given in c.treatments_given]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }
