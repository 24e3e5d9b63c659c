"""Helpers for the takeaway tests: read a PDF's text, render its pages, build synthetic consults."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from core.consultation import Consultation
from core.knowledge.models import KnowledgeBase


def pdf_text(path: Path) -> str:
    """All pages' text with whitespace collapsed, so wrapped cells read as one line."""
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def drawn_lines(path: Path) -> list[str]:
    """Every line of text as it looks on the page, left to right: each glyph placed by its box (pdfium
    reorders right-to-left text in its text extraction, so the order is read from positions), lines
    top to bottom, presentation forms folded back to letters."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        lines: list[str] = []
        for index in range(len(document)):
            text = document[index].get_textpage()
            glyphs = []
            for at in range(text.count_chars()):
                ch = text.get_text_range(at, 1)
                left, bottom, right, top = text.get_charbox(at, loose=True)
                if ch.strip() and right > left:
                    glyphs.append(((bottom + top) / 2, top - bottom, left, right, ch))
            rows: list[list[tuple[float, float, float, float, str]]] = []
            for glyph in sorted(glyphs, key=lambda g: -g[0]):
                if rows and abs(rows[-1][0][0] - glyph[0]) < 0.4 * glyph[1]:
                    rows[-1].append(glyph)
                else:
                    rows.append([glyph])
            for row in rows:
                row.sort(key=lambda g: g[2])
                line = row[0][4]
                for previous, (_, height, left, _, ch) in zip(row, row[1:], strict=False):
                    line += (" " if left - previous[3] > height * 0.15 else "") + ch
                lines.append(unicodedata.normalize("NFKC", line))
        return lines
    finally:
        document.close()


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(str(path)).pages)


def render_pages(path: Path, scale: float = 0.6) -> list[tuple[int, int]]:
    """Render every page; a broken PDF raises. Returns each page's pixel size."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        sizes = []
        for index in range(len(document)):
            image = document[index].render(scale=scale).to_pil()
            assert image.getbbox() is not None, f"page {index + 1} is blank"
            sizes.append(image.size)
        return sizes
    finally:
        document.close()


def text_boxes(path: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page, the rectangles pdfium groups text into (left, bottom, right, top)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(document)):
            text = document[index].get_textpage()
            pages.append([text.get_rect(i) for i in range(text.count_rects())])
        return pages
    finally:
        document.close()


def overlaps(boxes: list[tuple[float, float, float, float]], slack: float = 1.0) -> list[tuple[int, int]]:
    found = []
    for i, (l1, b1, r1, t1) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            l2, b2, r2, t2 = boxes[j]
            if min(r1, r2) - max(l1, l2) > slack and min(t1, t2) - max(b1, b2) > slack:
                found.append((i, j))
    return found


def paragraphs(flowables: list[Flowable]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in flowables:
        if isinstance(item, Paragraph):
            out.append(item)
        elif isinstance(item, KeepTogether):
            out += paragraphs(item._content)
        elif isinstance(item, Table):
            for row in item._cellvalues:
                for cell in row:
                    out += paragraphs(cell if isinstance(cell, list) else [cell])
    return out


def consult(**answers: object) -> Consultation:
    """A screened adult (every safety question answered no, a negative BDDQ-AS) unless the answers say otherwise."""
    from conftest import all_no

    screening = answers.pop("screening", {})
    base: dict[str, object] = {
        "consult_date": "2026-11-23",
        "patient": {"name": "Mira Synthetic", "date_of_birth": "1985-04-12"},
        "bddq": {"q1": False, "q2": False},
        "screening": all_no(**screening) if isinstance(screening, dict) else screening,
    }
    patient = answers.pop("patient", None)
    if isinstance(patient, dict):
        base["patient"] = {**base["patient"], **patient}  # type: ignore[dict-item]
    base.update(answers)
    return Consultation.model_validate(base)


def all_areas_consult(kb: KnowledgeBase, notes: str = "", name: str = "Mira Synthetic") -> Consultation:
    concerns = [
        {"area": area.value, "kind": kind, "severity_rest": 2, "severity_movement": 3}
        for area, info in kb.areas.items()
        for kind in info.concerns
    ]
    return consult(
        patient={"name": name},
        practitioner="Dr. Synthetic",
        concerns=concerns,
        skin={"texture": 3, "hydration": 3, "elasticity": 2},
        goals={"in_patient_words": "Everything, please.", "budget": 1000},
        choices={"notes": notes, "patient_notes": notes},
    )


def with_clinic(kb: KnowledgeBase, **clinic: object) -> KnowledgeBase:
    settings = kb.settings.model_copy(update={"clinic": kb.settings.clinic.model_copy(update=clinic)})
    return kb.model_copy(update={"settings": settings})
