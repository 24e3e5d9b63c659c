"""After Finish (issue 10): print and open the takeaway, go on to the next patient, close truthfully,
and a refused date that leaves the date field as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtPrintSupport import QPrinter

from conftest import load_example
from core.records import Records
from gui import printing
from gui.pages.consult import ConsultDetailsPage
from gui.pages.finish import FinishPage
from gui.records.session import RecordsSession, attach_records
from gui.widgets.date_field import DateField
from gui.wizard import ConsultationWizard
from gui.words import ui
from gui_taps import find, next_page, pick_date, tap_name, type_into
from takeaway_support import page_count, pdf_text


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'handover.sqlite3'}"


@pytest.fixture
def records(url):
    opened = Records.open(url, actor="Dr Test")
    yield opened
    opened.close()


def make(qtbot, kb, draft=None, *, records=None, asked=None, **options):  # type: ignore[no-untyped-def]
    def confirm(_parent, question):  # type: ignore[no-untyped-def]
        if asked is not None:
            asked.append(question)
        return True

    wizard = ConsultationWizard(kb, draft, confirm=confirm, **options)  # as a consult opened from a file
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records) if records is not None else None
    wizard.show()
    return wizard, session


def finish_page(qtbot, wizard) -> FinishPage:  # type: ignore[no-untyped-def]
    while not isinstance(wizard.currentPage(), FinishPage):
        next_page(qtbot, wizard)
    return wizard.currentPage()


def rendered(path: Path, index: int, crop: tuple[float, float, float, float] | None = None) -> Image.Image:
    """Page `index` in grey, 200 px wide; `crop` is a part of the page as fractions of its size."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        image = document[index].render(scale=2).to_pil().convert("L")
    finally:
        document.close()
    if crop is not None:
        w, h = image.size
        image = image.crop((round(crop[0] * w), round(crop[1] * h), round(crop[2] * w), round(crop[3] * h)))
    return image.resize((200, round(200 * image.height / image.width)))


# --- printing -------------------------------------------------------------------------------------
def test_print_takeaway_puts_every_page_of_the_takeaway_on_the_printer(kb, qtbot, tmp_path) -> None:
    wizard, _ = make(qtbot, kb, load_example("tired_face"), output_dir=tmp_path / "out")
    page = finish_page(qtbot, wizard)
    printed = tmp_path / "printer.pdf"
    seen: list[QPrinter] = []

    def dialog(_parent, printer: QPrinter, pages: int) -> bool:  # the print dialog, as if Print was chosen
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        seen.append(printer)
        return pages > 0

    page.choose_printer = dialog
    tap_name(qtbot, page, "Print takeaway…")
    [takeaway] = (tmp_path / "out").glob("*-takeaway.pdf")
    pages = page_count(takeaway)
    assert pages > 1 and page_count(printed) == pages
    assert f"Printed {pages} pages" in find(page, "Finish status").text()
    # The printer gets pictures of the pages (no text layer to read back): each printed page must
    # look like the takeaway's page, fitted inside the printer's printable area.
    assert load_example("tired_face").patient.name in pdf_text(takeaway)
    printer = seen[0]
    paper = printer.paperRect(QPrinter.Unit.Point)
    area = printer.pageRect(QPrinter.Unit.Point)
    document = pypdfium2.PdfDocument(str(takeaway))
    sizes = [document.get_page_size(i) for i in range(len(document))]
    document.close()
    for index, (width, height) in enumerate(sizes):
        fit = printing.fitted(width, height, area)
        crop = (fit.left() / paper.width(), fit.top() / paper.height(),
                fit.right() / paper.width(), fit.bottom() / paper.height())
        original, on_paper = rendered(takeaway, index), rendered(printed, index, crop)
        on_paper = on_paper.resize(original.size)
        difference = ImageStat.Stat(ImageChops.difference(original, on_paper)).mean[0]
        assert difference < 6, (index, difference)
        assert ImageStat.Stat(original).stddev[0] > 10  # a page with something on it, not two blanks
    assert wizard.draft == load_example("tired_face")


def test_cancelling_the_print_dialog_prints_nothing(kb, qtbot, tmp_path) -> None:
    wizard, _ = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    page.choose_printer = lambda *_: False
    assert not page.print_takeaway()
    assert "cancelled" in find(page, "Finish status").text()


def test_a_printer_that_cannot_start_is_said_in_plain_words(kb, qtbot, tmp_path) -> None:
    wizard, _ = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    nowhere = tmp_path / "no such folder" / "p.pdf"
    page.choose_printer = lambda _p, printer, _n: printer.setOutputFileName(str(nowhere)) or True
    assert not page.print_takeaway()
    text = find(page, "Finish status").text()
    assert "was not printed" in text and "Traceback" not in text


def test_without_print_support_the_page_says_so(kb, qtbot, tmp_path, monkeypatch) -> None:
    wizard, _ = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    monkeypatch.setattr(printing, "can_print", lambda: False)
    page.choose_printer = lambda *_: pytest.fail("no dialog without print support")
    tap_name(qtbot, page, "Print takeaway…")
    assert find(page, "Finish status").text() == ui().printing.no_printing


def test_print_pdf_prints_the_pages_the_dialog_chose(qapp, tmp_path) -> None:
    source = tmp_path / "three.pdf"
    document = pypdfium2.PdfDocument.new()
    for _ in range(3):
        document.new_page(595, 842)
    document.save(str(source))
    document.close()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    printer.setFromTo(2, 3)
    assert printing.print_pdf(source, printer) == 2
    assert page_count(tmp_path / "out.pdf") == 2


# --- opening --------------------------------------------------------------------------------------
def test_open_takeaway_hands_the_written_file_to_the_system_viewer(kb, qtbot, tmp_path) -> None:
    wizard, _ = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    urls = []
    page.open_url = lambda url: urls.append(url) or True
    tap_name(qtbot, page, "Open takeaway")
    [takeaway] = tmp_path.glob("*-takeaway.pdf")
    assert [u.toLocalFile() for u in urls] == [str(takeaway)]
    assert "Opened" in find(page, "Finish status").text()


def test_without_a_pdf_viewer_the_page_says_where_the_file_is(kb, qtbot, tmp_path) -> None:
    wizard, _ = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    page.open_url = lambda _url: False
    assert not page.open_takeaway()
    [takeaway] = tmp_path.glob("*-takeaway.pdf")
    text = find(page, "Finish status").text()
    assert "No PDF viewer" in text and str(takeaway) in text


# --- the next patient -----------------------------------------------------------------------------
def test_next_patient_stores_the_consult_and_starts_a_blank_one_by_the_same_practitioner(
        kb, qtbot, tmp_path, records, url) -> None:
    done = load_example("lips_only")
    wizard, session = make(qtbot, kb, done, records=records, output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    tap_name(qtbot, page, "Next patient")
    [patient] = records.search_patients("Yael")
    [stored] = records.consultations_of(patient.uid)
    assert records.open_consultation(stored.uid).consultation == done
    assert records.drafts() == []  # the finished consult left no draft, the blank one is none yet
    assert wizard.currentId() == 0 and isinstance(wizard.currentPage(), ConsultDetailsPage)
    assert wizard.draft.patient.name == "" and wizard.draft.concerns == []
    assert wizard.draft.practitioner == done.practitioner
    assert find(wizard.currentPage(), "Practitioner").text() == done.practitioner
    assert find(wizard.currentPage(), "Patient name").text() == ""
    assert not wizard.dirty
    assert records.practitioner == done.practitioner  # app_state in the records database
    # The next patient's answers are a new draft and, when stored, a new patient and consult.
    type_into(qtbot, wizard.currentPage(), "Patient name", "Next Person")
    session.autosaver.flush()
    [draft] = records.drafts()
    assert draft.patient_uid is None and draft.consultation.practitioner == done.practitioner
    # Relaunching Thirds starts with the remembered name too.
    again = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(again)
    records.discard_draft(draft.key)
    second = attach_records(again, kb, url)
    assert again.draft.practitioner == done.practitioner and not again.dirty
    second.records.close()


def test_next_patient_leaves_no_draft_after_a_page_change_since_saving(kb, qtbot, tmp_path, records) -> None:
    wizard, session = make(qtbot, kb, load_example("lips_only"), records=records, output_dir=tmp_path)
    assert wizard.model.set_consult(practitioner="Dr. Other") is None  # an answer: autosave follows the draft
    page = finish_page(qtbot, wizard)
    tap_name(qtbot, page, "Save consultation")
    tap_name(qtbot, wizard, "Back")
    next_page(qtbot, wizard)
    session.autosaver.flush()  # the page change wrote the finished consult's draft again
    assert len(records.drafts()) == 1
    tap_name(qtbot, wizard.currentPage(), "Next patient")
    assert records.drafts() == []
    assert len(records.search_patients("Yael")) == 1


def test_next_patient_without_records_saves_the_file_first(kb, qtbot, tmp_path) -> None:
    done = load_example("lips_only")
    wizard, _ = make(qtbot, kb, done, output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    tap_name(qtbot, page, "Next patient")
    [saved] = tmp_path.glob("*.json")
    assert "yael-synthetic" in saved.name
    assert wizard.currentId() == 0 and wizard.draft.patient.name == ""
    assert wizard.draft.practitioner == done.practitioner


def test_next_patient_stays_when_the_consult_cannot_be_kept(kb, qtbot, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = load_example("lips_only")
    wizard, _ = make(qtbot, kb, done, output_dir=blocker / "sub")
    page = finish_page(qtbot, wizard)
    assert not page.next_patient()
    assert wizard.draft == done and wizard.currentPage() is page
    assert "could not be saved" in find(page, "Finish status").text()


# --- closing says what happens --------------------------------------------------------------------
def test_cancel_says_the_draft_is_kept_and_it_is(kb, qtbot, tmp_path, records) -> None:
    asked: list[str] = []
    wizard, _ = make(qtbot, kb, records=records, asked=asked)
    type_into(qtbot, wizard.currentPage(), "Patient name", "Half Done")
    tap_name(qtbot, wizard, "Cancel")
    assert len(asked) == 1 and "stays saved as an unfinished draft" in asked[0]
    assert "lost" not in asked[0].replace("is not lost", "")
    assert [d.consultation.patient.name for d in records.drafts()] == ["Half Done"]


def test_without_records_cancel_says_unsaved_answers_are_lost(kb, qtbot) -> None:
    asked: list[str] = []
    wizard, _ = make(qtbot, kb, asked=asked)
    type_into(qtbot, wizard.currentPage(), "Patient name", "Half Done")
    tap_name(qtbot, wizard, "Cancel")
    assert len(asked) == 1 and "will be lost" in asked[0]


def test_closing_after_the_consult_is_stored_asks_nothing(kb, qtbot, tmp_path, records) -> None:
    asked: list[str] = []
    wizard, _ = make(qtbot, kb, load_example("lips_only"), records=records, asked=asked, output_dir=tmp_path)
    page = finish_page(qtbot, wizard)
    tap_name(qtbot, page, "Clinical record (PDF)")  # stores the consult in the records
    tap_name(qtbot, wizard, "Close")
    assert asked == [] and not wizard.isVisible()
    assert records.drafts() == []


# --- a refused date -------------------------------------------------------------------------------
def test_a_refused_date_leaves_the_field_at_its_last_valid_value_or_empty(kb, qtbot) -> None:
    wizard, _ = make(qtbot, kb)
    page = wizard.currentPage()
    birth = find(page, "Date of birth", DateField)
    start = birth.year_label.text()
    future = wizard.draft.consult_date.replace(year=wizard.draft.consult_date.year + 3)
    pick_date(qtbot, page, "Date of birth", future, check=False)
    assert birth.value is None and wizard.draft.patient.date_of_birth is None
    assert birth.button.text().endswith("Not set")
    assert birth.year_label.text() == start  # the picker opens where it did, not at the refused year
    assert "before the consult date" in page.reason.text()
    valid = dt.date(1980, 5, 1)
    pick_date(qtbot, page, "Date of birth", valid)
    pick_date(qtbot, page, "Date of birth", future, check=False)
    assert birth.value == valid == wizard.draft.patient.date_of_birth
    assert birth.year_label.text() == "1980"
    assert isinstance(page, ConsultDetailsPage)
