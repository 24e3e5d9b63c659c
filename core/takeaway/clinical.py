"""The clinical record in the PDF: consent (forms, versions, both signatures as images), the treatments
given with product, lot and expiry, and the photos. One function per section, as the others."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from core.consultation import Photo, Signature
from core.dates import show_moment
from core.knowledge.texts import ClinicalRecordTexts
from core.knowledge.ui import language_name
from core.photos import photo_bytes
from core.signatures import signature_png
from core.takeaway.context import Context
from core.takeaway.paragraph import Paragraph
from core.takeaway.words import kb_text, user

SIGNATURE_WIDTH = 60 * mm
PHOTO_WIDTH = 55 * mm


def _words(ctx: Context) -> ClinicalRecordTexts:
    return ctx.texts.clinical_record


def _signature_image(signature: Signature) -> Image:
    image = Image(io.BytesIO(signature_png(signature)))
    image.drawWidth = SIGNATURE_WIDTH
    image.drawHeight = SIGNATURE_WIDTH / signature.aspect
    return image


def _moment(ctx: Context, at: dt.datetime) -> str:
    """When it was signed, in the clinic's locale and this computer's local time (core.dates)."""
    return show_moment(at, ctx.words.locale)


def consent_section(ctx: Context) -> list[Flowable]:
    words, c = _words(ctx), ctx.consultation
    flow: list[Flowable] = [Paragraph(kb_text(words.record_consent_heading), ctx.styles.h1)]
    if not c.consent:
        return flow + [Paragraph(kb_text(words.record_consent_none), ctx.styles.body)]
    for signing in c.consent:
        forms = "; ".join(f"{ctx.texts.consent_forms[f.form].title} ({words.consent_version.format(version=f.version)})"
                          if f.form in ctx.texts.consent_forms else f"{f.form} {f.version}" for f in signing.forms)
        tools = ", ".join(ctx.texts.tools[t].name for t in signing.tools) or "—"
        line = words.record_consent_line.format(when=_moment(ctx, signing.signed_at), forms=forms or "—", tools=tools)
        photos = words.record_consent_photos_yes if signing.photos else words.record_consent_photos_no
        read_in = (words.record_consent_language.format(language=language_name(signing.language))
                   if signing.language else words.record_consent_language_unknown)
        cells = _reading_order(ctx, [[Paragraph(kb_text(words.record_patient_signature), ctx.styles.small),
                                      Paragraph(kb_text(words.record_practitioner_signature), ctx.styles.small)],
                                     [_signature_image(signing.patient_signature),
                                      _signature_image(signing.practitioner_signature)]])
        flow.append(KeepTogether([Paragraph(kb_text(line), ctx.styles.body), Paragraph(kb_text(read_in), ctx.styles.body),
                                  Paragraph(kb_text(photos), ctx.styles.body),
                                  _grid(ctx, cells, 2), Spacer(1, 4 * mm)]))
    return flow


def given_section(ctx: Context) -> list[Flowable]:
    words, c = _words(ctx), ctx.consultation
    flow: list[Flowable] = [Paragraph(kb_text(words.record_given_heading), ctx.styles.h1)]
    if not c.treatments_given:
        return flow + [ctx.sentence("record_none")]
    rows = [[kb_text(column) for column in words.record_given_columns.split("|")]]
    for given in c.treatments_given:
        area = ctx.texts.areas[given.area].name if given.area else ctx.words["whole_face"]
        lines = [kb_text(f"{area} · {ctx.texts.tools[given.tool].name}")]
        if given.points:
            lines.append(kb_text(words.given_points.format(count=len(given.points))))
        lines += [f"<b>{kb_text(words.given_adverse_line.format(time=_moment(ctx, e.at), what=''))}</b>{user(e.what)}"
                  for e in given.adverse_events]
        rows.append(["<br/>".join(lines), user(given.product), user(given.lot), ctx.words.date(given.expiry),
                     f"{given.amount:g} {words.unit_units if given.unit == 'units' else words.unit_ml}"])
    return flow + [ctx.table(rows, (0.3, 0.25, 0.15, 0.17, 0.13))]


def _photo_image(photo: Photo) -> Image:
    image = Image(io.BytesIO(photo_bytes(photo.jpeg)))
    scale = PHOTO_WIDTH / image.imageWidth
    image.drawWidth, image.drawHeight = PHOTO_WIDTH, image.imageHeight * scale
    return image


def photos_section(ctx: Context, heading: str = "") -> list[Flowable]:
    """The photos, three to a row, each with its view's name; nothing when there are none."""
    words, photos = _words(ctx), ctx.consultation.photos
    if not photos:
        return []
    cells = [[_photo_image(p), Paragraph(kb_text(words[f"view_{p.view.value}"]), ctx.styles.small)] for p in photos]
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    grid = _reading_order(ctx, [[_grid(ctx, [[cell[0]], [cell[1]]], 1) for cell in row] + [""] * (3 - len(row))
                                for row in rows])
    return [Paragraph(kb_text(heading or words.record_photos_heading), ctx.styles.h1), _grid(ctx, grid, 3)]


def _reading_order(ctx: Context, rows: list[list[Any]]) -> list[list[Any]]:
    """Cells in reading order: right to left in Hebrew and Arabic (the patient's signature first, on
    the right, under its own heading)."""
    return [list(reversed(row)) for row in rows] if ctx.words.rtl else rows


def _grid(ctx: Context, rows: list[list[Any]], columns: int) -> Table:
    """Signatures or photos side by side, each cell aligned to the reading side."""
    side = "RIGHT" if ctx.words.rtl else "LEFT"
    table = Table(rows, colWidths=[ctx.width / columns] * columns, hAlign=ctx.styles.align)
    table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), side)]))
    return table


def takeaway_photos_section(ctx: Context) -> list[Flowable]:
    """The patient's takeaway shows the photos only when the patient asked for them."""
    if not ctx.consultation.choices.photos_in_takeaway:
        return []
    return photos_section(ctx, _words(ctx).takeaway_photos_heading)
