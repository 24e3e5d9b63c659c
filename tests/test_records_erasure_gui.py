"""Erasure and backups seen from the app (issue 11): unlinked drafts asked about in the records window,
a window's own erased draft taken off the screen, the daily upkeep after load with one plain message."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from conftest import load_example
from core.consultation import Consultation
from core.engine import plan
from core.records import Records
from core.records.backup import DAILY
from gui.records.records_dialog import PatientList
from gui.records.session import RecordsSession
from gui.records.upkeep import RecordsUpkeep
from gui.wizard import ConsultationWizard

TODAY = dt.date(2027, 5, 1)


@pytest.fixture
def records(tmp_path):
    opened = Records.open(f"sqlite:///{tmp_path / 'gui.sqlite3'}", actor="Dr Test")
    yield opened
    opened.close()


def with_backups(kb, folder):
    keeping = kb.settings.records
    keeping = keeping.model_copy(update={"backup_folder": keeping.backup_folder.model_copy(update={"value": str(folder)})})
    return kb.model_copy(update={"settings": kb.settings.model_copy(update={"records": keeping})})


def test_the_records_window_lists_an_unlinked_draft_and_erases_it_when_told(qtbot, kb, records):
    consultation = load_example("tired_face")
    records.save_consultation(consultation, plan(consultation, kb))
    data = consultation.model_dump()
    data["patient"]["patient_id"] = ""
    records.save_draft("typed-again", Consultation.model_validate(data), "GoalsPage", 1)
    asked = []
    widget = PatientList(records, kb, None, confirm=lambda parent, text: asked.append(text) or True)
    qtbot.addWidget(widget)
    widget.patients.setCurrentRow(0)

    qtbot.mouseClick(widget.erase_button, Qt.MouseButton.LeftButton)

    assert len(asked) == 2 and consultation.patient.name in asked[1]
    assert "same name and date of birth" in asked[1] and "born 21 February 1976" in asked[1]
    assert records.drafts() == []
    assert "1 unfinished draft(s) (1 not linked to the patient, as confirmed)" in widget.message.text()
    assert "nothing erased is left" in widget.message.text()


def test_a_windows_own_draft_erased_with_the_patient_leaves_the_screen(qtbot, kb, records):
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records, today=lambda: TODAY)
    wizard.model.load(consultation)  # typed in afresh: the window has no patient uid
    assert session.autosaver.flush() and session.autosaver.patient_uid is None
    from core.records import erase_patient

    assert erase_patient(records, saved.patient_uid).drafts == 1
    session.patient_erased(saved.patient_uid)
    assert wizard.draft.patient.name == ""
    qtbot.wait(300)
    assert records.drafts() == []


def test_the_daily_backup_runs_after_load_off_the_gui_thread(qtbot, kb, records, tmp_path):
    folder = tmp_path / "clinic backups"
    folder.mkdir()
    parent = QWidget()
    qtbot.addWidget(parent)
    upkeep = RecordsUpkeep(parent, records, with_backups(kb, folder), lambda: TODAY)
    with qtbot.waitSignal(upkeep.finished, timeout=5000) as done:
        upkeep.start_soon()
    assert done.args == [[]]
    assert [p.name for p in folder.iterdir()] == [f"{DAILY}2027-05-01.sqlite3"]


def test_a_failed_daily_backup_is_one_plain_message_that_blocks_nothing(qtbot, kb, records, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    upkeep = RecordsUpkeep(parent, records, with_backups(kb, tmp_path / "unplugged"), lambda: TODAY)
    with qtbot.waitSignal(upkeep.finished, timeout=5000) as done:
        upkeep.start_soon()
    [said] = done.args[0]
    assert "Today's backup of the records was not made" in said
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert box.text() == said and not box.isModal()
    box.close()
