"""Patient mode asks in the patient's words: second person, plain, grade 8 or below (issue 9)."""

from __future__ import annotations

import re

from patient_support import reading_grade

from core.knowledge.loader import load_knowledge_base

KB = load_knowledge_base()
CLINICIAN_WORDS = re.compile(r"\bthe patient\b|curare|aminoglycoside|anticholinergic|amide|neuromuscular|platysm",
                             re.IGNORECASE)


def test_every_screening_question_has_a_plain_patient_form() -> None:
    for item, text in KB.text().screening.items():
        question = text.patient_question
        assert question != text.question, item
        assert not CLINICIAN_WORDS.search(question), (item, question)
        assert reading_grade(question) <= 8, (item, question, reading_grade(question))


def test_the_patient_questions_together_read_at_grade_8_or_below() -> None:
    questions = [t.patient_question for t in KB.text().screening.values()] + list(KB.text().bddq.values())
    assert reading_grade(" ".join(questions)) <= 8
