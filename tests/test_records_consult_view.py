"""An earlier consult opens as the pages of its practitioner record: readable, scrollable by finger,
zoomable, its text reachable for a screen reader, and nothing of the patient left on disk."""

from __future__ import annotations

import datetime as dt
import tempfile

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QPushButton, QScroller
from shiboken6 import isValid

from conftest import load_example
from core.engine import plan
from core.records import Records
from gui.records import consult_view
from gui.records.consult_view import ConsultView
from gui.records.session import RecordsSession
from gui.widgets.pdf_pages import PdfPages
from gui.wizard import ConsultationWizard
from gui.words import ui


@pytest.fixture
def records_dir(tmp_path):
    (tmp_path / "records").mkdir()
    return tmp_path / "records"


@pytest.fixture
def records(records_dir):
    opened = Records.open(f"sqlite:///{records_dir / 'view.sqlite3'}", actor="Dr Test")
    yield opened
    opened.close()


def open_view(qtbot, kb, records, name="tired_face", *, stored_plan=True, status="final"):
    consultation = load_example(name)
    result = plan(consultation, kb)
    saved = records.save_consultation(consultation, result if stored_plan else None, status=status)
    view = ConsultView(records.open_consultation(saved.consultation_uid), kb, None)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view, consultation, result, saved


def drawn(pages: PdfPages) -> list[int]:
    return [i for i, label in enumerate(pages.pages) if not label.pixmap().isNull()]


def test_an_earlier_consult_shows_the_pages_of_its_record(qtbot, kb, records):
    view, consultation, result, saved = open_view(qtbot, kb, records)
    pages = view.pages
    assert pages is not None and len(pages.pages) > 1
    assert pages.position.text() == f"Page 1 of {len(pages.pages)}"
    assert 0 in drawn(pages)
    first = pages.pages[0].pixmap()
    assert first.width() >= 1100 * first.devicePixelRatio()  # fitted to a 1280 px wide window
    text = pages.text()
    assert consultation.patient.name in text
    assert result.flags and result.flags[0].message in text
    assert "####" not in text
    descriptions = [label.accessibleDescription() for label in pages.pages]
    assert consultation.patient.name in descriptions[0]
    assert all(descriptions) and not any("####" in d for d in descriptions)
    assert pages.pages[0].accessibleName() == f"Page 1 of {len(pages.pages)}"
    assert records.audit_trail(saved.consultation_uid)[-1].action == "viewed"
    assert not view.message.isVisible()


def test_the_pages_scroll_with_a_finger_and_only_pages_near_the_view_are_held(qtbot, kb, records):
    view, *_ = open_view(qtbot, kb, records)
    pages = view.pages
    viewport = pages.area.viewport()
    assert QScroller.hasScroller(viewport)
    last = len(pages.pages) - 1
    target = pages.pages[last].geometry().top()
    QScroller.scroller(viewport).scrollTo(QPointF(0, target), 0)
    qtbot.waitUntil(lambda: pages.position.text() == f"Page {last + 1} of {last + 1}")
    assert last in drawn(pages) and 0 not in drawn(pages)


def test_zoom_buttons_are_touch_sized_and_fit_width_comes_back(qtbot, kb, records):
    view, *_ = open_view(qtbot, kb, records)
    pages = view.pages
    for button in (pages.zoom_out, pages.fit, pages.zoom_in):
        assert button.height() >= 48 and button.width() >= 48
    fitted = pages.pages[0].width()
    qtbot.mouseClick(pages.zoom_in, Qt.MouseButton.LeftButton)
    assert pages.pages[0].width() > fitted
    assert pages.area.horizontalScrollBar().maximum() > 0
    qtbot.mouseClick(pages.fit, Qt.MouseButton.LeftButton)
    assert pages.pages[0].width() == fitted
    qtbot.mouseClick(pages.zoom_out, Qt.MouseButton.LeftButton)
    assert pages.pages[0].width() < fitted


def test_an_old_draft_without_a_plan_says_the_plan_was_recomputed(qtbot, kb, records):
    view, consultation, *_ = open_view(qtbot, kb, records, "lips_only", stored_plan=False, status="draft")
    assert view.message.isVisible()
    assert "plan recomputed with the current knowledge base" in view.message.text()
    assert kb.version in view.message.text()
    assert "saved as draft" in view.status.text()
    assert consultation.patient.name in view.pages.text()


def broken_layout(*_args):
    raise RuntimeError("Ruth Placeholder's note broke the layout")  # the message is never shown


@pytest.mark.parametrize("record_pdf", [broken_layout, lambda *_args: b"%PDF-1.4 cut short"])
def test_a_record_that_cannot_be_drawn_says_so_and_the_buttons_still_work(qtbot, kb, records, monkeypatch,
                                                                           record_pdf):
    monkeypatch.setattr(consult_view, "record_pdf", record_pdf)
    view, _, _, saved = open_view(qtbot, kb, records)
    assert view.pages is None and view.findChildren(PdfPages) == []
    assert view.message.isVisible() and view.message.text() == ui().consult_view.not_drawn
    assert "Traceback" not in view.message.text() and "Ruth" not in view.message.text()
    exported, reviewed = [], []
    view.fhir_requested.connect(exported.append)
    view.review_requested.connect(reviewed.append)
    buttons = {b.text(): b for b in view.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Export FHIR…"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["Start a review consult"], Qt.MouseButton.LeftButton)
    assert exported == [saved.consultation_uid] and reviewed == [saved.patient_uid]


def test_no_file_with_patient_data_is_written_and_closing_forgets_the_record(qtbot, kb, records, records_dir,
                                                                            tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = sorted(p.name for p in records_dir.iterdir())
    view, *_ = open_view(qtbot, kb, records)
    pages = view.pages
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in records_dir.iterdir()) == before
    view.accept()
    assert pages.document is None and pages.text() == ""
    assert drawn(pages) == [] and not any(label.accessibleDescription() for label in pages.pages)


def test_records_open_shows_the_record_through_the_session(qtbot, kb, records):
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records, today=lambda: dt.date(2027, 5, 1))
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    view = session.open_consult(saved.consultation_uid)
    assert view is not None and view.pages is not None
    assert consultation.patient.name in view.pages.text()
    view.reject()
    qtbot.waitUntil(lambda: not isValid(view))  # closed, then deleted: nothing of the patient stays
    wizard.dirty = False


def test_a_plan_less_draft_that_cannot_be_planned_again_says_why(qtbot, kb, records):
    consultation = load_example("lips_only")
    concern = consultation.concerns[0].model_copy(update={"kind": "retired_concern"})
    consultation = consultation.model_copy(update={"concerns": [concern]})
    saved = records.save_consultation(consultation, None, status="draft")
    view = ConsultView(records.open_consultation(saved.consultation_uid), kb, None)
    qtbot.addWidget(view)
    assert view.pages is None
    assert "cannot be planned again" in view.message.text() and "retired_concern" in view.message.text()
