"""The patient's edits in words (issue 9): the question an edit answers and its values as a person
reads them, from the text file. Plain text: the review on screen shows it as is, the record escapes it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from core.consultation import PatientEdit
from core.knowledge.models import AnswerRead, KnowledgeBase
from core.takeaway.words import Words
from core.vocabulary import Area, Expectation, Medication, Reply

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY = ("goals.budget",)
FREE_TEXT = ("goals.in_patient_words", "history.complications", "patient.name")


def edit_question(kb: KnowledgeBase, path: str) -> str:
    """The answer's name: a screening answer by its question, a BDDQ-AS item by its question, else
    the record's name for the field."""
    texts = kb.text()
    part, _, name = path.partition(".")
    if part == "screening":
        for item_id, item in kb.screening.items():
            if isinstance(item.reads, AnswerRead) and item.reads.answer == name:
                return texts.screening[item_id].question
    if part == "bddq" and name in texts.bddq:
        return texts.bddq[name]
    if path == "cops":
        return texts.takeaway.record_cops
    return texts.fields.get(path, path)


def edit_words(kb: KnowledgeBase, path: str, encoded: str, words: Words | None = None) -> str:
    """One side of an edit (its JSON) in words: replies, medicines and areas by name, dates and money
    in the clinic's form, earlier fillers one by one."""
    words = words or Words(kb)
    return _words(kb, words, path, json.loads(encoded))


def _words(kb: KnowledgeBase, words: Words, path: str, value: Any) -> str:
    texts = kb.text()
    if value is None or value == "" or value == []:
        return words["record_edit_none"]
    if isinstance(value, bool):
        return texts.replies[Reply.YES if value else Reply.NO]
    if path == "history.earlier_fillers":
        return "; ".join(_filler(kb, words, filler) for filler in value)
    if path == "cops":
        return f"{', '.join(map(str, value))} (= {sum(value)})"
    if isinstance(value, list):
        return ", ".join(_word(kb, words, path, v) for v in value)
    return _word(kb, words, path, value)


def _word(kb: KnowledgeBase, words: Words, path: str, value: Any) -> str:
    texts = kb.text()
    if path in MONEY:
        return words.money(Decimal(str(value)), kb.settings.clinic.currency)
    if isinstance(value, str) and path not in FREE_TEXT:
        for kind, name in ((Reply, texts.replies), (Medication, texts.medicines), (Expectation, texts.expectations)):
            if value in {member.value for member in kind}:
                return name[kind(value)]  # type: ignore[index]
        if value in {area.value for area in Area}:
            return texts.areas[Area(value)].name
        if ISO_DAY.match(value):
            return words.date(dt.date.fromisoformat(value))
    return str(value)


def _filler(kb: KnowledgeBase, words: Words, filler: dict[str, Any]) -> str:
    parts = [kb.text().areas[Area(filler["area"])].name]
    if filler.get("date"):
        parts.append(words.date(dt.date.fromisoformat(filler["date"])))
    if filler.get("permanent"):
        parts.append(words["record_edit_permanent"])
    if filler.get("product"):
        parts.append(str(filler["product"]))
    return ", ".join(parts)


STATUS = {
    "pending": "record_edit_pending",
    "confirmed": "record_edit_confirmed",
    "restored": "record_edit_restored",
    "applied": "record_edit_applied",
}


def edit_status(words: Words, edit: PatientEdit) -> str:
    return words[STATUS[edit.status]]
