"""Sections both PDFs or the patient's open with and close with: who, what we talked about, notes, signatures."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table

from core.takeaway.context import Context
from core.takeaway.face import FaceFlowable, face_diagram
from core.takeaway.paragraph import Paragraph
from core.takeaway.styles import INK
from core.takeaway.words import kb_text, user
from core.vocabulary import THIRD_ORDER, Area, Dimension

FACE_WIDTH = 58 * mm


def header_section(ctx: Context, title_key: str = "title") -> list[Flowable]:
    """Clinic (logo, name, contact), then the title and who and when."""
    clinic = ctx.kb.settings.clinic
    contact = " · ".join(user(part) for part in (clinic.address, clinic.phone, clinic.email, clinic.website) if part)
    text: list[Flowable] = [Paragraph(user(clinic.name), ctx.styles.h2)]
    if contact:
        text.append(ctx.para(contact, "small"))
    block: Flowable
    if clinic.logo and Path(clinic.logo).is_file():
        logo = Image(clinic.logo)
        scale = min(18 * mm / logo.imageHeight, 40 * mm / logo.imageWidth)
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        cells = [logo, text]
        block = Table(
            [list(reversed(cells)) if ctx.words.rtl else cells],
            colWidths=None,
            hAlign=ctx.styles.align,
            style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
        )
    else:
        block = KeepTogether(text)
    c = ctx.consultation
    rows = [
        [ctx.markup("patient"), user(c.patient.name) or "—"],
        [ctx.markup("date_label"), ctx.words.date(c.consult_date)],
    ]
    if c.practitioner:
        rows.append([ctx.markup("practitioner"), user(c.practitioner)])
    details = ctx.table(rows, (0.3, 0.7), header=False)
    return [block, Spacer(1, 4 * mm), Paragraph(kb_text(ctx.words[title_key]), ctx.styles.title), details]


def _concern_areas(ctx: Context) -> list[Area]:
    thirds = {third: n for n, third in enumerate(THIRD_ORDER)}
    order = {area: n for n, area in enumerate(Area)}
    areas = dict.fromkeys(concern.area for concern in ctx.consultation.concerns)
    return sorted(areas, key=lambda a: (thirds[ctx.kb.areas[a].third], order[a]))


def _concern_list(ctx: Context, areas: list[Area]) -> list[Flowable]:
    """The concerns by face third, each numbered like its area on the face drawing."""
    numbers = {area: n for n, area in enumerate(areas, start=1)}
    flow: list[Flowable] = []
    for third in THIRD_ORDER:
        here = [a for a in areas if ctx.kb.areas[a].third is third]
        if not here:
            continue
        name = ctx.texts.thirds[third]
        flow.append(Paragraph(f"{kb_text(name.name)}: {kb_text(name.patient)}", ctx.styles.h2))
        for area in here:
            for concern in ctx.consultation.concerns_in(area):
                sentence = ctx.texts.concerns[area][concern.kind].patient
                flow.append(Paragraph(kb_text(sentence), ctx.styles.bullet, bulletText=str(numbers[area])))
    return flow


def _beside_face(ctx: Context, areas: list[Area], items: list[Flowable]) -> list[Flowable]:
    """List and drawing side by side when the list is short; else the drawing, then the list."""
    face = FaceFlowable(face_diagram(areas, FACE_WIDTH))
    column = ctx.width - FACE_WIDTH - 6 * mm
    height = sum(f.wrap(column, 10_000)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in items)
    if height > face.height * 1.5:
        face.hAlign = "CENTER"
        return [face, *items, Spacer(1, 3 * mm)]
    cells: list[object] = [items, face]
    widths = [column, ctx.width - column]
    table = Table(
        [list(reversed(cells)) if ctx.words.rtl else cells],
        colWidths=list(reversed(widths)) if ctx.words.rtl else widths,
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ],
    )
    return [table, Spacer(1, 3 * mm)]


def concerns_section(ctx: Context) -> list[Flowable]:
    """'What we talked about': the concerns by face third with the face drawing, the picture, the goal."""
    c = ctx.consultation
    texts = ctx.texts
    areas = _concern_areas(ctx)
    flow: list[Flowable] = [ctx.heading("concerns_heading")]
    if areas:
        flow.append(ctx.sentence("concerns_intro"))
        flow += _beside_face(ctx, areas, _concern_list(ctx, areas))
    else:
        flow.append(ctx.sentence("concerns_intro_none"))
    threshold = ctx.kb.settings.thresholds.skin_quality_concern.value
    skin = [texts.skin_patient[item] for item in texts.skin_patient if c.skin.grade(item) >= threshold]
    if skin:
        listed = ", ".join(skin[:-1]) + ctx.words["list_and"] + skin[-1] if len(skin) > 1 else skin[0]
        flow.append(ctx.sentence("skin_concern", items=kb_text(listed)))
    scores = ctx.plan.scores
    if scores.dominant is not None and not ctx.plan.paused:
        main = scores.dominant
        flow.append(ctx.sentence("picture_main", name=f"<b>{kb_text(texts.dimensions[main].name)}</b>",
                                 text=_dimension_words(ctx, main)))
        for dimension in scores.secondary:
            flow.append(ctx.sentence("picture_also", name=f"<b>{kb_text(texts.dimensions[dimension].name)}</b>",
                                     text=_dimension_words(ctx, dimension)))
    if c.goals.in_patient_words:
        flow.append(ctx.sentence("in_your_words"))
        flow.append(ctx.typed(c.goals.in_patient_words, "quote"))
    return flow


def _dimension_words(ctx: Context, dimension: Dimension) -> str:
    """Movement is "lines" only where the toxin softens lines: a masseter or neck bands are a muscle
    that bulks or tenses (DOMAIN.md, words that fit)."""
    if dimension is Dimension.MOVEMENT:
        areas = [r.area for r in ctx.plan.recommendations if r.dimension is dimension and r.area is not None]
        if areas and all(ctx.kb.areas[a].toxin_effect == "muscle" for a in areas):
            return ctx.markup("movement_muscle")
    return kb_text(ctx.texts.dimensions[dimension].patient)


def notes_section(ctx: Context) -> list[Flowable]:
    """The notes written for the patient, as typed: escaped, every paragraph its own flowable.
    The practitioner's own notes (`choices.notes`) stay in the record: they can name a diagnosis."""
    notes = ctx.consultation.choices.patient_notes
    if not notes:
        return []
    flow: list[Flowable] = [ctx.heading("notes_heading")]
    for block in notes.split("\n\n"):
        if block.strip():
            flow.append(ctx.typed(block.strip()))
    return flow


def signature_section(ctx: Context) -> list[Flowable]:
    """Signature lines for the practitioner and the patient, kept on one page."""
    c = ctx.consultation
    dated = f"<br/>{ctx.markup('sign_date')}: {ctx.words.date(c.consult_date)}"
    who = [  # each signature dated: the patient's as well as the practitioner's
        Paragraph((f"{label}: {name}" if name else label) + dated, ctx.styles.small)
        for label, name in (
            (ctx.markup("sign_practitioner"), user(c.practitioner)),
            (ctx.markup("sign_patient"), user(c.patient.name)),
        )
    ]
    lines = Table(
        [[Spacer(1, 10 * mm), "", Spacer(1, 10 * mm)], [who[0], "", who[1]]],
        colWidths=[ctx.width * 0.45, ctx.width * 0.1, ctx.width * 0.45],
        style=[
            ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
            ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ],
        spaceBefore=2 * mm,
    )
    return [
        KeepTogether(
            [
                ctx.subheading("sign_heading"),
                ctx.sentence("sign_intro_paused" if ctx.plan.paused else "sign_intro"),
                lines,
            ]
        )
    ]
