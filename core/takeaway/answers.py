"""The record's answers and screening: every field the practitioner filled in, every screening item."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.platypus import Flowable

from core.consultation import Answers, Consultation, Screening
from core.engine.text import fill
from core.fhir import screening_questions
from core.patient_edits import review_order
from core.reasons import phrases, source_detail
from core.takeaway.context import Context
from core.takeaway.edits import edit_question, edit_status, edit_words
from core.takeaway.paragraph import Paragraph
from core.takeaway.words import kb_text, user
from core.vocabulary import Area, Expectation, Medication, Reply, ScreeningStatus, SkinItem, Tool

LONG_TEXT = 300


def question_of(kb: object, answer: str) -> str:
    return screening_questions(kb).get(answer, answer)  # type: ignore[arg-type]


def _word(ctx: Context, value: object) -> str:
    """An answer's value in words: an id by its name, a date and money in the clinic's form."""
    t = ctx.texts
    for kind, table in ((Reply, t.replies), (Area, None), (Tool, None), (Medication, t.medicines),
                        (Expectation, t.expectations)):
        if isinstance(value, kind):
            if kind is Area:
                return t.areas[value].name  # type: ignore[index]
            if kind is Tool:
                return t.tools[value].name  # type: ignore[index]
            return str(table[value])  # type: ignore[index]
    if isinstance(value, dt.date):
        return ctx.words.date(value)
    if isinstance(value, Decimal):
        return ctx.words.money(value, ctx.kb.settings.clinic.currency)
    return str(getattr(value, "value", value))


def _value(ctx: Context, value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ctx.markup("yes" if value else "no")
    if isinstance(value, list):
        return user(", ".join(_word(ctx, v) for v in value)) if value else "—"
    return user(_word(ctx, value))


def field_label(ctx: Context, path: str, number: int = 0) -> str:
    """An answer's name: a screening answer by its question, a skin item by its name, else [fields]."""
    part, _, name = path.partition(".")
    if part == "screening" and name in Screening.model_fields and Screening.model_fields[name].annotation is Reply:
        return question_of(ctx.kb, name)
    if part == "skin" and name in {i.value for i in SkinItem}:
        return ctx.texts.skin[SkinItem(name)]
    label = ctx.texts.fields.get(path)
    return fill(label, n=str(number)) if label else path


def _bddq(ctx: Context, value: bool | int | None) -> str:
    if value is None:
        return ctx.markup("unknown")
    return _value(ctx, value)


def _fields(ctx: Context, model: Answers, prefix: str, number: int = 0) -> tuple[list[list[str]], list[Flowable]]:
    """Scalar answers as table rows; long free text as paragraphs after the table, so it can flow."""
    rows: list[list[str]] = []
    long: list[Flowable] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}.{name}"
        if isinstance(value, list) and value and isinstance(value[0], Answers):
            for index, item in enumerate(value):
                inner, more = _fields(ctx, item, path, index + 1)
                rows += inner
                long += more
        elif isinstance(value, Answers):
            inner, more = _fields(ctx, value, path)
            rows += inner
            long += more
        elif isinstance(value, str) and len(value) > LONG_TEXT:
            long += [Paragraph(f"<b>{kb_text(field_label(ctx, path, number))}</b>", ctx.styles.body)]
            long += [ctx.typed(block) for block in value.split("\n\n") if block.strip()]
        else:
            rows.append([kb_text(field_label(ctx, path, number)), _value(ctx, value)])
    return rows, long


def answers_section(ctx: Context) -> list[Flowable]:
    """Every answer of the consultation, by the field names the engine's reasons use."""
    c: Consultation = ctx.consultation
    flow: list[Flowable] = [ctx.heading("record_answers_heading")]
    for part in ("patient", "history", "screening", "skin", "goals"):
        rows, long = _fields(ctx, getattr(c, part), part)
        flow += [ctx.subheading(f"record_part_{part}"), ctx.table(rows, (0.45, 0.55), header=False), *long]
    flow.append(ctx.subheading("record_part_concerns"))
    if c.concerns:
        rows = [
            [
                ctx.markup(k)
                for k in ("record_area", "record_concern", "record_rest", "record_movement", "record_target")
            ]
        ]
        for concern in c.concerns:
            name = ctx.texts.concerns[concern.area][concern.kind].name
            target = "—" if concern.target_grade is None else str(concern.target_grade)
            rows.append(
                [
                    kb_text(ctx.texts.areas[concern.area].name),
                    kb_text(name),
                    str(concern.severity_rest),
                    str(concern.severity_movement),
                    target,
                ]
            )
        flow.append(ctx.table(rows, (0.25, 0.39, 0.12, 0.12, 0.12)))
    else:
        flow.append(ctx.sentence("record_none"))
    flow.append(ctx.subheading("record_part_bddq"))
    rows = [
        [ctx.markup("record_bddq_item", n=str(n), question=kb_text(ctx.texts.bddq[f"q{n}"])),
         _bddq(ctx, getattr(c.bddq, f"q{n}"))]
        for n in range(1, 8)
    ]
    cops = "—" if c.cops is None else f"{', '.join(map(str, c.cops))} (= {sum(c.cops)})"
    rows.append([ctx.markup("record_cops"), kb_text(cops)])
    flow.append(ctx.table(rows, (0.75, 0.25), header=False))
    rows, long = _fields(ctx, c.choices, "choices")
    flow += [ctx.subheading("record_part_choices"), ctx.table(rows, (0.45, 0.55), header=False), *long]
    return flow


def missing_section(ctx: Context) -> list[Flowable]:
    """The answers still missing, first in the record: what the practitioner must ask before the rest."""
    plan = ctx.plan
    if not plan.missing:
        return []
    rows = [[ctx.markup("record_missing_question"), ctx.markup("record_missing_holds")]]
    for missing in plan.missing:
        held = ", ".join(ctx.texts.tools[t].name for t in missing.holds) or ctx.markup("record_missing_nothing")
        rows.append([kb_text(missing.question), kb_text(held)])
    return [ctx.heading("record_missing_heading"), ctx.table(rows, (0.6, 0.4))]


def patient_edits_section(ctx: Context) -> list[Flowable]:
    """Who answered what: each answer the patient gave or changed in patient mode, safety answers
    first, earlier → patient's answer, and whether it counts (pending until the practitioner decides)."""
    c: Consultation = ctx.consultation
    if not c.patient_edits:
        return []
    rows = [[ctx.markup(k) for k in ("record_edit_question", "record_edit_change", "record_edit_status")]]
    for index in review_order(c, list(range(len(c.patient_edits)))):
        edit = c.patient_edits[index]
        question = kb_text(edit_question(ctx.kb, edit.path))
        if edit.safety:
            question = f"{question}<br/><i>{ctx.markup('record_edit_safety')}</i>"
        change = (f"{user(edit_words(ctx.kb, edit.path, edit.before, ctx.words))} → "
                  f"{user(edit_words(ctx.kb, edit.path, edit.after, ctx.words))}")
        status = kb_text(edit_status(ctx.words, edit))
        rows.append([question, change, f"<b>{status}</b>" if edit.status == "pending" else status])
    return [ctx.heading("record_edits_heading"), ctx.sentence("record_edits_intro"),
            ctx.table(rows, (0.42, 0.33, 0.25))]


def screening_section(ctx: Context) -> list[Flowable]:
    """Each screening item as the plan read it: positive, negative or not asked, with what it does and why."""
    kb = ctx.kb
    rows = [[ctx.markup(k) for k in ("record_item", "record_result", "record_effect", "record_source")]]
    for result in ctx.plan.screening:
        item = kb.screening[result.item]
        status = ctx.markup(f"record_{result.status.value}")
        cell = f"<b>{status}</b>" if result.status is not ScreeningStatus.NEGATIVE else status
        if result.because and result.status is not ScreeningStatus.NEGATIVE:
            cell += "<br/>" + "<br/>".join(kb_text(b) for b in phrases(result.because, kb))
        tools = getattr(item.effect, "tools", None)
        effect = ctx.markup(f"record_effect_{item.effect.kind}")
        if tools:
            effect += ": " + ", ".join(kb_text(ctx.texts.tools[t].name) for t in tools)
        question = ctx.texts.screening[result.item].question
        rows.append([kb_text(question), cell, effect, kb_text(source_detail(item.source, kb))])
    return [ctx.heading("record_screening_heading"), ctx.table(rows, (0.3, 0.22, 0.18, 0.3))]
