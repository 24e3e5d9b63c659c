"""A plan's reasons in the clinic's words, and its sources by a short title.

`because` stays structured data in the plan (the JSON contract, FHIR and stored records keep the
machine form, e.g. `skin.hydration = 2`); every screen and the record show the phrase built here
from the language file: "Hydration 2 of 4 (moderate)". One pattern per kind of reason, in one
table; a reason no pattern knows is shown without its dotted path, never as a data key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from core.dates import show_date
from core.knowledge.models import KnowledgeBase
from core.money import format_money
from core.vocabulary import Area, Dimension, Medication, Reply, ScreeningId, SkinItem, Tool

Values = dict[str, str]
Builder = Callable[[KnowledgeBase, re.Match[str]], Values]


def _area(kb: KnowledgeBase, area: str) -> str:
    try:
        return kb.text().areas[Area(area)].name
    except ValueError:
        return area.replace("_", " ")


def _areas(kb: KnowledgeBase, ids: str) -> str:
    from core.engine.text import join_names

    return join_names(kb, [_area(kb, a.strip()) for a in ids.split(",") if a.strip()])


def _concern(kb: KnowledgeBase, area: str, kind: str) -> str:
    try:
        return kb.text().concerns[Area(area)][kind].name
    except (ValueError, KeyError):
        return kind.replace("_", " ")


def _date(kb: KnowledgeBase, iso: str) -> str:
    try:
        return show_date(dt.date.fromisoformat(iso), kb.settings.clinic.locale)
    except ValueError:
        return iso


def _money(kb: KnowledgeBase, amount: str) -> str:
    try:
        return format_money(Decimal(amount), kb.settings.clinic.currency, kb.settings.clinic.locale)
    except InvalidOperation:
        return amount


def _question(kb: KnowledgeBase, answer: str) -> str:
    """The question a screening answer field answers (the knowledge base's first item reading it)."""
    from core.knowledge.models import AnswerRead

    for item_id, item in kb.screening.items():
        if isinstance(item.reads, AnswerRead) and item.reads.answer == answer:
            return kb.text().screening[item_id].question
    return answer.replace("_", " ")


def _medicines(kb: KnowledgeBase, ids: str) -> str:
    names = kb.text().medicines
    out = []
    for m in ids.split(","):
        try:
            out.append(names[Medication(m.strip())])
        except ValueError:
            out.append(m.strip().replace("_", " "))
    return ", ".join(out)


def _skin(kb: KnowledgeBase, item: str, grade: str) -> Values:
    words = kb.text().reasons
    levels = [w.strip() for w in words.grade_words.split(",")]
    name = kb.text().skin[SkinItem(item)] if item in SkinItem.__members__.values() else item.replace("_", " ")
    level = levels[int(grade)] if grade.isdigit() and int(grade) < len(levels) else grade
    return {"item": name, "grade": grade, "level": level}


def _tool(kb: KnowledgeBase, tool: str) -> str:
    try:
        return kb.text().tools[Tool(tool)].name
    except ValueError:
        return tool.replace("_", " ")


def _reply(kb: KnowledgeBase, reply: str) -> str:
    try:
        return kb.text().replies[Reply(reply)]
    except ValueError:
        return reply


def _dimension(kb: KnowledgeBase, dimension: str) -> str:
    try:
        return kb.text().dimensions[Dimension(dimension)].name
    except ValueError:
        return dimension


def _bddq(kb: KnowledgeBase, ids: str) -> str:
    return ", ".join(i.strip().removeprefix("bddq.q") for i in ids.split(","))


# (pattern, text key in [reasons], values) — the first match wins.
PATTERNS: list[tuple[re.Pattern[str], str, Builder]] = [
    (re.compile(r"^concerns\[(\w+)/(\w+)\]: grade (\d) at rest, (\d) on movement$"), "concern",
     lambda kb, m: {"concern": _concern(kb, m[1], m[2]), "area": _area(kb, m[1]), "rest": m[3], "movement": m[4]}),
    (re.compile(r"^concerns\[(\w+)/(\w+)\]: grade (\d), target (\d)$"), "target",
     lambda kb, m: {"concern": _concern(kb, m[1], m[2]), "area": _area(kb, m[1]), "grade": m[3], "target": m[4]}),
    (re.compile(r"^skin\.(\w+) = (\d)$"), "skin", lambda kb, m: _skin(kb, m[1], m[2])),
    (re.compile(r"^screening\.medications includes (.+)$"), "medicines",
     lambda kb, m: {"medicines": _medicines(kb, m[1])}),
    (re.compile(r"^screening\.infection_areas = no site given: every site$"), "infection_everywhere", lambda kb, m: {}),
    (re.compile(r"^screening\.infection_areas = (.+)$"), "infection_sites", lambda kb, m: {"areas": _areas(kb, m[1])}),
    (re.compile(r"^screening\.(\w+) not asked$"), "not_asked", lambda kb, m: {"question": _question(kb, m[1])}),
    (re.compile(r"^screening\.(\w+) = (\w+)$"), "answer",
     lambda kb, m: {"question": _question(kb, m[1]), "reply": _reply(kb, m[2])}),
    (re.compile(r"^patient\.date_of_birth not given$"), "no_birth_date", lambda kb, m: {}),
    (re.compile(r"^patient\.date_of_birth = ([\d-]+) \(age (\d+)\)$"), "age",
     lambda kb, m: {"date": _date(kb, m[1]), "age": m[2]}),
    (re.compile(r"^history\.last_neuromodulator not known$"), "last_toxin_unknown", lambda kb, m: {}),
    (re.compile(r"^history\.last_neuromodulator = ([\d-]+) \((\d+) days before the consult\)$"), "last_toxin_days",
     lambda kb, m: {"date": _date(kb, m[1]), "days": m[2]}),
    (re.compile(r"^history\.last_neuromodulator = ([\d-]+)$"), "last_toxin",
     lambda kb, m: {"date": _date(kb, m[1])}),
    (re.compile(r"^history\.earlier_fillers: permanent filler in (\w+)$"), "permanent_filler",
     lambda kb, m: {"area": _area(kb, m[1])}),
    (re.compile(r"^history\.first_injectable_treatment = yes$"), "first_timer", lambda kb, m: {}),
    (re.compile(r"^goals\.event_date = ([\d-]+) \((\d+) days after the consult\)$"), "event_days",
     lambda kb, m: {"date": _date(kb, m[1]), "days": m[2]}),
    (re.compile(r"^goals\.event_date = ([\d-]+)$"), "event", lambda kb, m: {"date": _date(kb, m[1])}),
    (re.compile(r"^goals\.budget = ([\d.]+)$"), "budget", lambda kb, m: {"amount": _money(kb, m[1])}),
    (re.compile(r"^plan total = ([\d.]+)$"), "plan_total", lambda kb, m: {"amount": _money(kb, m[1])}),
    (re.compile(r"^goals\.expectation = (\w+)$"), "expectation", lambda kb, m: {"level": m[1]}),
    (re.compile(r"^concerns in (\d) of 3 thirds$"), "thirds", lambda kb, m: {"count": m[1]}),
    (re.compile(r"^(\d+) tools planned$"), "tools_planned", lambda kb, m: {"count": m[1]}),
    (re.compile(r"^dominant dimension = (\w+) \(score (\d+)\)$"), "dominant",
     lambda kb, m: {"dimension": _dimension(kb, m[1]), "score": m[2]}),
    (re.compile(r"^planned: (.+)$"), "planned_in", lambda kb, m: {"areas": _areas(kb, m[1])}),
    (re.compile(r"^filler and neuromodulator both planned in (.+)$"), "both_planned",
     lambda kb, m: {"areas": _areas(kb, m[1])}),
    (re.compile(r"^choices\.same_session = yes$"), "same_session", lambda kb, m: {}),
    (re.compile(r"^choices\.filler_first = yes$"), "filler_first", lambda kb, m: {}),
    (re.compile(r"^choices\.doses\[(\w+)\] = ([\d.]+) U$"), "dose",
     lambda kb, m: {"area": _area(kb, m[1]), "units": m[2]}),
    (re.compile(r"^choices\.doses upper third total = ([\d.]+) U$"), "dose_upper", lambda kb, m: {"units": m[1]}),
    (re.compile(r"^no neuromodulator planned there$"), "no_toxin_there", lambda kb, m: {}),
    (re.compile(r"^choices\.filler_volumes\[(\w+)\] = ([\d.]+) mL$"), "volume",
     lambda kb, m: {"area": _area(kb, m[1]), "ml": m[2]}),
    (re.compile(r"^no filler planned there$"), "no_filler_there", lambda kb, m: {}),
    (re.compile(r"^choices\.declined: (\d+) of (\d+) recommendations$"), "all_declined",
     lambda kb, m: {"count": m[1]}),
    (re.compile(r"^no concern graded above 0 and no skin item at the clinic's threshold$"), "nothing_graded",
     lambda kb, m: {}),
    (re.compile(r"^every recommended tool is contraindicated or declined$"), "all_removed", lambda kb, m: {}),
    (re.compile(r"^(\d+) recommendations held$"), "held", lambda kb, m: {"count": m[1]}),
    (re.compile(r"^(\d+) recommendations deferred$"), "deferred", lambda kb, m: {"count": m[1]}),
    (re.compile(r"^(\d+) filler areas planned$"), "filler_areas", lambda kb, m: {"count": m[1]}),
    (re.compile(r"^(\w+) contraindicated$"), "tool_contraindicated", lambda kb, m: {"tool": _tool(kb, m[1])}),
    (re.compile(r"^((?:bddq\.q\d(?:, )?)+) not answered$"), "bddq_unanswered",
     lambda kb, m: {"questions": _bddq(kb, m[1])}),
    (re.compile(r"^bddq\.q(\d) = (\w+)$"), "bddq", lambda kb, m: {"n": m[1], "value": _reply(kb, m[2])}),
    (re.compile(r"^cops total = (\d+) \(referral at (\d+)\)$"), "cops", lambda kb, m: {"total": m[1], "at": m[2]}),
]


def known(reason: str) -> bool:
    return any(pattern.match(reason) for pattern, _, _ in PATTERNS)


def phrase(reason: str, kb: KnowledgeBase) -> str:
    """One reason in the clinic's words."""
    from core.engine.text import fill

    words = kb.text().reasons
    for pattern, key, values in PATTERNS:
        found = pattern.match(reason)
        if found:
            return fill(words[key], **values(kb, found))
    # Not a known form (a record stored by an older Thirds): no dotted path, no underscores.
    return re.sub(r"\b[a-z]+\.", "", reason).replace("_", " ")


def phrases(because: list[str], kb: KnowledgeBase) -> list[str]:
    return [phrase(reason, kb) for reason in because]


def source_title(source: str, kb: KnowledgeBase) -> str:
    """A short readable title for a source ("BOTOX Cosmetic prescribing information"); the detail
    stays one tap away (`source_detail`)."""
    for prefix, title in kb.text().source_titles.items():
        if source.startswith(prefix):
            return title
    head = source.split(":", 1)[0].split(";", 1)[0].strip()
    return head or source


def source_detail(source: str, kb: KnowledgeBase) -> str:
    """The whole source with its seed or file name replaced by the title."""
    for prefix, title in kb.text().source_titles.items():
        source = source.replace(prefix, title)
    return source


def screening_question(kb: KnowledgeBase, item: ScreeningId) -> str:
    return kb.text().screening[item].question
