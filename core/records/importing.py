"""Import a consultation from JSON: every problem named by its answer, and nothing stored unless
the whole file is right."""

from __future__ import annotations

import json

from pydantic import ValidationError

from core.consultation import Consultation
from core.engine import check_concerns, plan
from core.knowledge.models import KnowledgeBase
from core.knowledge.ui import words
from core.records.models import Saved
from core.records.repository import Records
from core.refusals import place, said


class ImportFailed(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_consultation(text: str | bytes, kb: KnowledgeBase) -> Consultation:
    """The consultation in `text`, or ImportFailed listing each field that is wrong."""
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed([words().importing.fill("not_json", error=error)]) from None
    try:
        consultation = Consultation.model_validate(raw)
    except ValidationError as error:
        # Each problem as the practitioner reads it (core/refusals.py), then where it is in the file
        problems = [words().importing.fill("problem", problem=said(detail, kb), where=place(detail))
                    for detail in error.errors()]
        raise ImportFailed(list(dict.fromkeys(problems))) from None
    problems = [str(problem) for problem in check_concerns(consultation, kb)]
    if not consultation.patient.name:
        problems.append(words().importing.no_name)
    if problems:
        raise ImportFailed(problems)
    return consultation


def import_consultation(records: Records, text: str | bytes, kb: KnowledgeBase) -> Saved:
    consultation = parse_consultation(text, kb)
    return records.save_consultation(consultation, plan(consultation, kb), detail="imported")
