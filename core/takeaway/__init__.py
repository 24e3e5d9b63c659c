"""The takeaway: a patient PDF, a practitioner record PDF and a calendar, drawn from the plan alone."""

from __future__ import annotations

from pathlib import Path

from core.consultation import Consultation
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.takeaway.calendar import calendar_bytes
from core.takeaway.context import Context
from core.takeaway.document import render
from core.takeaway.output import ExportError, RefusedTarget, write_atomic
from core.takeaway.patient import takeaway_story
from core.takeaway.record import record_story
from core.takeaway.styles import MARGIN, PAPER, build_styles
from core.takeaway.words import Words, kb_text, user

__all__ = ["ExportError", "RefusedTarget", "record_pdf", "takeaway_pdf", "write_ics", "write_record", "write_takeaway"]

PATIENT_BODY_SIZE = 11.5
RECORD_BODY_SIZE = 9.5


def _context(consultation: Consultation, plan: Plan, kb: KnowledgeBase, body_size: float) -> Context:
    words = Words(kb)
    width = PAPER[kb.settings.clinic.paper][0] - 2 * MARGIN
    return Context(consultation, plan, kb, words, build_styles(words.rtl, body_size), width)


def takeaway_pdf(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> bytes:
    ctx = _context(consultation, plan, kb, PATIENT_BODY_SIZE)
    clinic = kb.settings.clinic
    footer = user(" · ".join(part for part in (clinic.name, clinic.phone) if part))
    return render(
        takeaway_story(ctx),
        paper=clinic.paper,
        title=ctx.words["title"],
        author=clinic.name,
        words=ctx.words,
        styles=ctx.styles,
        footer=footer,
    )


def record_pdf(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> bytes:
    ctx = _context(consultation, plan, kb, RECORD_BODY_SIZE)
    clinic = kb.settings.clinic
    who = consultation.patient.name or consultation.patient.patient_id
    footer = f"{kb_text(ctx.words['record_footer'])} · {user(who)} · {ctx.words.date(consultation.consult_date)}"
    return render(
        record_story(ctx),
        paper=clinic.paper,
        title=ctx.words["record_title"],
        author=clinic.name,
        words=ctx.words,
        styles=ctx.styles,
        footer=footer,
    )


def write_takeaway(consultation: Consultation, plan: Plan, kb: KnowledgeBase, out_path: Path | str) -> Path:
    """The patient's PDF, written atomically; ExportError names the path when it cannot be."""
    return write_atomic(lambda: takeaway_pdf(consultation, plan, kb), out_path)


def write_record(consultation: Consultation, plan: Plan, kb: KnowledgeBase, out_path: Path | str) -> Path:
    """The practitioner's record PDF: every answer, flag, source and decision."""
    return write_atomic(lambda: record_pdf(consultation, plan, kb), out_path)


def write_ics(consultation: Consultation, plan: Plan, kb: KnowledgeBase, out_path: Path | str) -> Path:
    """Sessions, top-up reminders and the yearly check-up as all-day calendar events."""
    return write_atomic(lambda: calendar_bytes(consultation, plan, kb), out_path)
