"""Hostile text, every script, long notes, odd paper, and folders that cannot be written."""

from __future__ import annotations

import os
import unicodedata

import pypdf
import pytest
from PIL import Image
from reportlab import rl_config

from core.engine import plan
from core.takeaway import ExportError, write_ics, write_record, write_takeaway
from core.takeaway.bidi import visual
from takeaway_support import (
    all_areas_consult,
    consult,
    drawn_lines,
    overlaps,
    page_count,
    pdf_text,
    render_pages,
    text_boxes,
    with_clinic,
)

WRITERS = (write_takeaway, write_record, write_ics)
HOSTILE = '<font size=40>BIG</font> <img src="/etc/hostname"/> & <a href="http://x">link</a> <b>bold'
NAMES = {
    "hebrew": "שרה כהן",
    "arabic": "فاطمة الزهراء",
    "chinese": "王小明",
    "polish": "Zażółć Gęślą-Jaźń",
    "korean": "김민지",
    "greek": "Ελένη Παπαδοπούλου",
    "cyrillic": "Анна Иванова",
}


@pytest.fixture(autouse=True)
def _invariant():
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _images(path) -> int:
    count = 0
    for page in pypdf.PdfReader(str(path)).pages:
        count += len(page.images)
    return count


def _hostile_consult():
    return consult(
        patient={"name": f"Eve {HOSTILE}", "patient_id": "<img src=x>"},
        practitioner="Dr. <b>Bold</b> & Partners",
        concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}],
        goals={"in_patient_words": HOSTILE},
        choices={"notes": HOSTILE, "patient_notes": HOSTILE,
                 "declined": [{"tool": "neuromodulator", "area": "lips", "reason": HOSTILE}]},
    )


@pytest.mark.parametrize("writer", [write_takeaway, write_record])
def test_hostile_text_prints_literally_and_embeds_nothing(writer, kb, tmp_path):
    consultation = _hostile_consult()
    out = writer(consultation, plan(consultation, kb), kb, tmp_path / "hostile.pdf")
    render_pages(out)
    text = pdf_text(out)
    assert "<font size=40>BIG</font>" in text
    assert '<img src="/etc/hostname"/>' in text
    assert "& <a href=" in text
    assert "<b>bold" in text
    assert _images(out) == 0
    assert all("/Annots" not in page for page in pypdf.PdfReader(str(out)).pages), "no links"


def test_control_characters_are_dropped(kb, tmp_path):
    consultation = consult(patient={"name": "Nul\x00l Bel\x07l Tab\tbed"}, choices={"patient_notes": "a\x0cb\x1bc"})
    out = write_takeaway(consultation, plan(consultation, kb), kb, tmp_path / "ctl.pdf")
    render_pages(out)
    text = pdf_text(out)
    assert "Null Bell Tab bed" in text and "abc" in text


def test_hostile_clinic_settings_are_escaped_too(kb, tmp_path):
    hostile = with_clinic(kb, name="Clinic <img src=x> & Co", address="<font size=80>1 Road</font>")
    consultation = consult(concerns=[{"area": "chin", "kind": "projection", "severity_rest": 2}])
    text = pdf_text(write_takeaway(consultation, plan(consultation, hostile), hostile, tmp_path / "t.pdf"))
    assert "Clinic <img src=x> & Co" in text
    assert "<font size=80>1 Road</font>" in text


@pytest.mark.parametrize("writer", [write_takeaway, write_record])
def test_names_in_every_script_reach_the_text_layer(writer, kb, tmp_path):
    name = " / ".join(NAMES.values())
    consultation = consult(
        patient={"name": name},
        practitioner=NAMES["polish"],
        concerns=[{"area": "forehead", "kind": "horizontal_lines", "severity_movement": 3}],
        goals={"in_patient_words": " ".join(NAMES.values())},
    )
    out = writer(consultation, plan(consultation, kb), kb, tmp_path / "scripts.pdf")
    render_pages(out)
    text = pdf_text(out)
    for script, value in NAMES.items():
        assert value in text or value in unicodedata.normalize("NFKC", text), script
    assert NAMES["arabic"] not in text, "Arabic is drawn in joined (presentation) forms"


def test_arabic_letters_take_their_joined_forms():
    from core.takeaway.arabic import shape

    joined = shape("محمد")
    assert joined == "\ufee3\ufea4\ufee4\ufeaa"
    assert unicodedata.normalize("NFKC", joined) == "محمد"
    assert shape("سلام") == "\ufeb3\ufefc\ufee1", "lam-alef ligature"
    assert shape("كَتَبَ") == "\ufedb\u064e\ufe98\u064e\ufe90\u064e", "diacritics (harakat) are kept"
    assert shape("Anna") == "Anna"


def test_right_to_left_runs_are_laid_out_in_visual_order():
    assert visual("Name: שרה כהן, ok") == "Name: ןהכ הרש, ok"
    assert visual("plain") == "plain"
    assert visual("שלום Anna Smith", "R") == "Anna Smith םולש"
    assert visual("ב-14 עם Dr. Smith.", "R") == ".Dr. Smith םע 14-ב", "numbers keep their order"


def test_a_right_to_left_note_keeps_its_first_words_on_its_first_line(kb, tmp_path):
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"] * 6
    consultation = consult(
        concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}], choices={"patient_notes": " ".join(words)}
    )
    out = write_takeaway(consultation, plan(consultation, kb), kb, tmp_path / "rtl-note.pdf")
    render_pages(out)
    assert all(word in pdf_text(out) for word in set(words))
    lines = [line for line in drawn_lines(out) if "אחת" in line or "תחא" in line]
    assert len(lines) >= 3, "the note wraps"
    assert lines[0].endswith(words[0][::-1]), "its first word is drawn at the right end of its first line"


def test_long_notes_and_every_area_flow_across_pages_without_overlap(kb, tmp_path):
    paragraphs = [f"Note {n:03d}. " + "The patient asked about recovery time and cost. " * 8 for n in range(40)]
    consultation = all_areas_consult(kb, notes="\n\n".join(paragraphs))
    result = plan(consultation, kb)
    for writer in (write_takeaway, write_record):
        out = writer(consultation, result, kb, tmp_path / f"{writer.__name__}.pdf")
        sizes = render_pages(out)
        assert page_count(out) > 2
        text = pdf_text(out)
        for n in range(40):
            assert f"Note {n:03d}." in text
        width, height = pypdf.PdfReader(str(out)).pages[0].mediabox.upper_right
        for number, boxes in enumerate(text_boxes(out), start=1):
            assert not overlaps(boxes), f"{writer.__name__}: text overlaps on page {number}"
            for left, bottom, right, top in boxes:
                assert left >= 0 and bottom >= 0 and right <= float(width) and top <= float(height), "clipped"
        assert len(sizes) == page_count(out)


def test_one_unbroken_long_word_is_wrapped_not_clipped(kb, tmp_path):
    consultation = consult(
        concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}], choices={"patient_notes": "x" * 3000}
    )
    out = write_takeaway(consultation, plan(consultation, kb), kb, tmp_path / "long.pdf")
    width = float(pypdf.PdfReader(str(out)).pages[0].mediabox.width)
    for boxes in text_boxes(out):
        assert all(right <= width for _, _, right, _ in boxes)


def test_letter_paper_logo_and_contact(kb, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "black").save(logo)
    clinic = with_clinic(kb, paper="Letter", logo=str(logo), phone="+1 555 0100", address="1 Example Road")
    consultation = consult(concerns=[{"area": "glabella", "kind": "frown_lines", "severity_movement": 3}])
    out = write_takeaway(consultation, plan(consultation, clinic), clinic, tmp_path / "letter.pdf")
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert _images(out) == 1
    text = pdf_text(out)
    assert "+1 555 0100" in text and "1 Example Road" in text


@pytest.mark.parametrize("writer", WRITERS)
def test_missing_folder_is_a_clear_error_and_leaves_nothing(writer, kb, tmp_path):
    consultation = consult()
    target = tmp_path / "no" / "such" / "folder" / "out.pdf"
    with pytest.raises(ExportError, match="does not exist") as error:
        writer(consultation, plan(consultation, kb), kb, target)
    assert str(target.parent) in str(error.value)
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_parent_that_is_a_file_is_a_clear_error(writer, kb, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    consultation = consult()
    with pytest.raises(ExportError, match="not a folder"):
        writer(consultation, plan(consultation, kb), kb, blocker / "out.pdf")


def test_a_folder_as_target_is_a_clear_error(kb, tmp_path):
    consultation = consult()
    with pytest.raises(ExportError, match="is a folder"):
        write_takeaway(consultation, plan(consultation, kb), kb, tmp_path)


@pytest.mark.parametrize("writer", WRITERS)
def test_failed_write_leaves_no_partial_file_and_keeps_the_old_one(writer, kb, tmp_path, monkeypatch):
    target = tmp_path / "out.file"
    target.write_bytes(b"previous version")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    consultation = consult(concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}])
    with pytest.raises(ExportError, match="no permission") as error:
        writer(consultation, plan(consultation, kb), kb, target)
    assert str(target) in str(error.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.file"]
    assert target.read_bytes() == b"previous version"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_clear_error(kb, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    consultation = consult()
    try:
        with pytest.raises(ExportError, match="no permission"):
            write_takeaway(consultation, plan(consultation, kb), kb, folder / "t.pdf")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_right_to_left_language_mirrors_the_layout(kb, tmp_path):
    rtl_texts = kb.text().model_copy(update={"direction": "rtl"})
    rtl = kb.model_copy(update={"texts": {**kb.texts, "en": rtl_texts}})
    consultation = consult(
        patient={"name": NAMES["hebrew"]},
        concerns=[{"area": "glabella", "kind": "frown_lines", "severity_movement": 3}],
    )
    out = write_takeaway(consultation, plan(consultation, rtl), rtl, tmp_path / "rtl.pdf")
    render_pages(out)
    assert NAMES["hebrew"] in pdf_text(out)
    boxes = [box for page in text_boxes(out) for box in page]
    width = float(pypdf.PdfReader(str(out)).pages[0].mediabox.width)
    right_aligned = [b for b in boxes if abs(b[2] - (width - 51)) < 3]
    assert len(right_aligned) > 5, "paragraphs end at the right margin"


def test_folder_without_write_permission_is_a_clear_error(kb, tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    consultation = consult()
    target = tmp_path / "t.pdf"
    with pytest.raises(ExportError, match="no permission") as error:
        write_takeaway(consultation, plan(consultation, kb), kb, target)
    assert str(target) in str(error.value)
    assert list(tmp_path.iterdir()) == []
