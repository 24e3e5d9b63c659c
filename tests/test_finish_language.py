"""The takeaway and the calendar in the patient's language, chosen on the Finish page with one tap;
the clinical record stays in the clinic's (issue 13: language per clinic and per patient)."""

from __future__ import annotations

import unicodedata

import pypdfium2

from conftest import load_example
from gui.pages.finish import FinishPage
from gui.wizard import ConsultationWizard
from gui.words import ui
from gui_taps import next_page, tap


def letters(path) -> str:  # type: ignore[no-untyped-def]
    document = pypdfium2.PdfDocument(str(path))
    try:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())


def hebrew_share(text: str) -> float:
    return sum(1 for ch in text if 0x0590 <= ord(ch) <= 0x05FF) / max(1, len(text))


def test_a_tap_on_the_patients_language_writes_the_takeaway_and_calendar_in_it(kb, qtbot, tmp_path) -> None:
    wizard = ConsultationWizard(kb, load_example("tired_face"), confirm=lambda *_: True, output_dir=tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    while not isinstance(wizard.currentPage(), FinishPage):
        next_page(qtbot, wizard)
    page = wizard.currentPage()
    assert page.patient_language == "en" and page.language_buttons["en"].isChecked()
    hebrew = page.language_buttons["he"]
    assert hebrew.text() == ui().languages.he
    page.scroll_area.ensureWidgetVisible(hebrew)
    tap(qtbot, hebrew)
    assert page.patient_language == "he" and hebrew.isChecked() and not page.language_buttons["en"].isChecked()
    takeaway = page.export("write_takeaway", "takeaway", ".pdf")
    record = page.export("write_record", "record", ".pdf")
    calendar = page.export("write_ics", "appointments", ".ics")
    assert takeaway and record and calendar
    assert hebrew_share(letters(takeaway)) >= 0.6
    assert hebrew_share(letters(record)) < 0.05  # the practitioner's record: the clinic's language
    assert any(0x0590 <= ord(ch) <= 0x05FF for ch in calendar.read_text(encoding="utf-8"))
    wizard.model.load(load_example("lips_only"))  # the next patient is asked again
    page.load(wizard.draft)
    assert page.patient_language == "en"
