"""The record PDF carries consent (version, both signatures as images), the photos and what was given
with its lot; the takeaway shows photos only when the patient asked (issue 12). Parsed with pypdf."""

from __future__ import annotations

import base64
import io

import pypdf
from PIL import Image

from conftest import load_example
from core.consultation import Consultation
from core.engine import plan
from core.takeaway import record_pdf, takeaway_pdf


def pages(pdf: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_the_record_shows_the_signatures_as_images_the_photo_and_the_lot(kb):
    c = load_example("treatment_visit_record")
    found = pages(record_pdf(c, plan(c, kb), kb))
    text = " ".join("\n".join(page.extract_text() for page in found).split())
    assert "C7712B" in text and "31 August 2027" in text and "16 units" in text and "Botox Cosmetic" in text
    assert "Consent text version 2026.11.1" in text and "Patient's signature" in text
    consent_page = next(page for page in found if "Practitioner's countersignature" in page.extract_text())
    signatures = [Image.open(io.BytesIO(image.data)) for image in consent_page.images]
    assert len(signatures) >= 2
    inked = [image for image in signatures if image.convert("L").getextrema()[0] < 80]
    assert len(inked) >= 2  # both signatures drawn in ink, not blank frames
    photo_page = next(page for page in found if "Front, at rest" in page.extract_text())
    [photo] = [Image.open(io.BytesIO(image.data)) for image in photo_page.images]
    stored = Image.open(io.BytesIO(base64.b64decode(c.photos[0].jpeg)))
    assert photo.size == stored.size


def test_the_takeaway_shows_the_photos_only_when_the_patient_asked(kb):
    c = load_example("treatment_visit_record")
    result = plan(c, kb)
    assert all(not page.images for page in pages(takeaway_pdf(c, result, kb)))
    asked = Consultation.model_validate({**dict(c), "choices": c.choices.model_copy(update={"photos_in_takeaway": True})})
    with_photos = pages(takeaway_pdf(asked, result, kb))
    assert any(page.images for page in with_photos)
    assert any(kb.text().clinical_record.takeaway_photos_heading in page.extract_text() for page in with_photos)


def test_a_record_without_consent_says_so(kb):
    c = load_example("forehead_lines_only")
    text = "\n".join(page.extract_text() for page in pages(record_pdf(c, plan(c, kb), kb)))
    assert kb.text().clinical_record.record_consent_none in text
