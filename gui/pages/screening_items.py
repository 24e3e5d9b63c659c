"""The screening page's questions, built from the knowledge base: one per answer the items read.

assets/knowledge/screening.toml says which item reads which answer; two items may read one answer
(a coagulation disorder removes filler and raises bruising elsewhere), and it is asked once. What
an answer does to the plan is core's; here only the reading and writing of the draft's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.knowledge.models import AnswerRead, AppearanceRead
from core.vocabulary import Area, Medication, Reply, ScreeningId

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from gui.draft_edits import FollowUps


@dataclass(frozen=True)
class Question:
    """One answer of `Screening`, the items that read it, and the follow-up a yes asks for."""

    answer: str
    items: tuple[ScreeningId, ...]
    text: str
    patient_text: str  # the same question to the patient (patient mode)
    medicines: tuple[Medication, ...] = ()
    sites: bool = False

    def reply(self, c: Consultation) -> Reply:
        reply: Reply = getattr(c.screening, self.answer)
        return reply

    def chosen(self, c: Consultation) -> list[Any]:
        """The follow-up choices of this question in the draft: its medicines, or its sites."""
        if self.sites:
            return list(c.screening.infection_areas)
        return [m for m in c.screening.medications if m in self.medicines]

    def follow_ups(self, c: Consultation, reply: Reply) -> FollowUps:
        """The follow-up choices a reply changes: anything but yes clears this question's."""
        changes: FollowUps = {}
        if reply is not Reply.YES:
            if self.medicines:
                changes["medications"] = [m for m in c.screening.medications if m not in self.medicines]
            if self.sites:
                changes["infection_areas"] = []
        return changes

    def choose(self, c: Consultation, chosen: list[Any]) -> FollowUps:
        """The follow-up choices when `chosen` are ticked (the reply stays yes)."""
        if self.sites:
            return {"infection_areas": [a for a in Area if a in chosen]}
        others = [m for m in c.screening.medications if m not in self.medicines]
        return {"medications": others + [m for m in self.medicines if m in chosen]}


def questions(kb: KnowledgeBase) -> list[Question]:
    """One question per distinct answer, in screening.toml order, worded as its first item asks it."""
    found: dict[str, Question] = {}
    text = kb.text().screening
    for item_id, item in kb.screening.items():
        read = item.reads
        if not isinstance(read, AnswerRead):
            continue
        known = found.get(read.answer)
        if known is None:
            found[read.answer] = Question(
                read.answer, (item_id,), text[item_id].question, text[item_id].patient_question,
                tuple(read.medicines), read.sites,
            )
        else:
            medicines = tuple(dict.fromkeys(known.medicines + tuple(read.medicines)))
            found[read.answer] = Question(
                known.answer, (*known.items, item_id), known.text, known.patient_text, medicines,
                known.sites or read.sites,
            )
    return list(found.values())


def from_earlier(kb: KnowledgeBase) -> list[ScreeningId]:
    """Items read from answers on other pages (age, history, goals): shown here with their result."""
    return [
        item_id
        for item_id, item in kb.screening.items()
        if not isinstance(item.reads, AnswerRead | AppearanceRead)
    ]


def appearance(kb: KnowledgeBase) -> list[ScreeningId]:
    """Items read from the BDDQ-AS and COPS further down this page."""
    return [item_id for item_id, item in kb.screening.items() if isinstance(item.reads, AppearanceRead)]


def not_asked(c: Consultation, asked: list[Question]) -> list[Question]:
    return [q for q in asked if q.reply(c) is Reply.NOT_ASKED]


def no_to_all(c: Consultation, asked: list[Question]) -> tuple[dict[str, Reply], FollowUps]:
    """"No to all": No to every question still not asked, with the follow-up choices a No clears. A
    Yes or a No already given stays as it is."""
    left = not_asked(c, asked)
    follow_ups: FollowUps = {}
    cleared = {medicine for q in left for medicine in q.medicines}
    if cleared:
        follow_ups["medications"] = [m for m in c.screening.medications if m not in cleared]
    if any(q.sites for q in left):
        follow_ups["infection_areas"] = []
    return {q.answer: Reply.NO for q in left}, follow_ups
