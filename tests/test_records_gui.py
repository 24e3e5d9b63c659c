"""The records around the real wizard: autosave, recovery, storing on Finish, review consults,
patient mode, and the records dialog."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from conftest import EXAMPLES, load_example
from core.engine import plan
from core.records import Records
from gui.records.records_dialog import FollowUpList, PatientList
from gui.records.recovery import Choice, RecoveryPrompt
from gui.records.session import RecordsSession
from gui.wizard import ConsultationWizard

TODAY = dt.date(2027, 5, 1)
Button = QWizard.WizardButton


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'gui.sqlite3'}"


@pytest.fixture
def records(url):
    opened = Records.open(url, actor="Dr Test")
    yield opened
    opened.close()


def make(qtbot, kb, records, **wizard_options):
    wizard = ConsultationWizard(kb, confirm=lambda *_: True, **wizard_options)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records, today=lambda: TODAY)
    wizard.show()
    return wizard, session


def page(wizard):
    return type(wizard.currentPage()).__name__


def test_an_answer_is_autosaved_within_a_second_with_its_page(qtbot, kb, records):
    wizard, session = make(qtbot, kb, records)
    with qtbot.waitSignal(session.autosaver.saved, timeout=1000):
        wizard.model.set_patient(name="Ada Synth")
    [draft] = records.drafts()
    assert draft.consultation.patient.name == "Ada Synth"
    assert draft.page_id == "ConsultDetailsPage"


def test_recovery_resumes_exactly_where_it_was(qtbot, kb, records):
    consultation = load_example("tired_face")
    records.save_draft("k", consultation, "ScreeningPage", 7)
    wizard, session = make(qtbot, kb, records)
    asked = []
    session.recover(lambda parent, draft, others: asked.append(draft.key) or Choice.RESUME)
    assert asked == ["k"]
    assert wizard.draft == consultation
    assert page(wizard) == "ScreeningPage"
    assert session.autosaver.key == "k" and session.autosaver.revision >= 7
    wizard.back()
    assert page(wizard) == "HistoryPage"  # the page before, not the first page
    wizard.next()
    wizard.model.set_goals(in_patient_words="changed after resume")
    session.autosaver.flush()
    [draft] = records.drafts()
    assert draft.revision > 7 and draft.consultation.goals.in_patient_words == "changed after resume"


def test_recovery_asks_and_later_keeps_the_draft(qtbot, kb, records):
    records.save_draft("k", load_example("lips_only"), "GoalsPage", 3)
    wizard, session = make(qtbot, kb, records)
    session.recover(lambda *_: Choice.LATER)
    assert wizard.draft != load_example("lips_only")
    assert [d.key for d in records.drafts()] == ["k"]
    session.recover(lambda *_: Choice.DISCARD)
    assert records.drafts() == []


def test_recovery_prompt_names_the_patient_and_offers_three_choices(qtbot, records):
    records.save_draft("k", load_example("lips_only"), "GoalsPage", 3)
    records.save_draft("older", load_example("tired_face"), "GoalsPage", 1)
    drafts = records.drafts()
    prompt = RecoveryPrompt(drafts[0], len(drafts) - 1, None, locale="en")
    qtbot.addWidget(prompt)
    assert drafts[0].consultation.patient.name in prompt.text()
    assert "1 older" in prompt.text()
    assert {b.accessibleName() for b in prompt.buttons()} == {"Resume", "Keep for later", "Discard draft"}
    prompt.later.click()
    assert prompt.choice() is Choice.LATER


def test_saving_on_finish_stores_the_consult_and_remembers_the_file(qtbot, kb, records, tmp_path):
    wizard, session = make(qtbot, kb, records, output_dir=tmp_path / "out")
    wizard.model.load(load_example("tired_face"))
    session.autosaver.flush()
    finish = wizard.page(wizard.pageIds()[-1])
    finish.ensure_built()
    path = finish.save()
    assert path is not None and path.exists()
    assert records.drafts() == []
    [patient] = records.search_patients("ruth")
    [summary] = records.consultations_of(patient.uid)
    stored = records.open_consultation(summary.uid)
    assert stored.consultation == load_example("tired_face")
    assert stored.plan == plan(load_example("tired_face"), kb)
    finish.save()  # saving again updates the same record
    assert len(records.consultations_of(patient.uid)) == 1
    from core.records import erase_patient

    assert erase_patient(records, patient.uid).files_deleted == 1
    assert not path.exists()
    session.patient_erased(patient.uid)  # what the records dialog tells the session
    assert wizard.draft.patient.name == "" and page(wizard) == "ConsultDetailsPage"
    qtbot.wait(300)  # past the autosave delay: no blank draft is stored to be offered at the next start
    assert records.drafts() == []


def test_review_consult_is_prefilled_with_a_new_date(qtbot, kb, records):
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    wizard, session = make(qtbot, kb, records)
    assert session.review(saved.patient_uid)
    assert wizard.draft.consult_date == TODAY
    assert wizard.draft.patient == consultation.patient
    assert wizard.draft.history == consultation.history
    assert session.autosaver.patient_uid == saved.patient_uid
    session.store()
    assert len(records.consultations_of(saved.patient_uid)) == 2


def test_patient_mode_on_the_real_wizard(qtbot, kb, records):
    wizard, session = make(qtbot, kb, records)
    wizard.model.load(load_example("tired_face"))
    session.lock.set_pin("246813")
    session.mode.ask = lambda parent, lock: lock.verify("246813").accepted
    assert session.hand_to_patient()
    assert page(wizard) == "GoalsPage"
    assert not session.records_button.isEnabled() and not session.records_button.isVisible()
    for _ in range(5):
        if wizard.button(Button.NextButton).isVisible():
            qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "ScreeningPage"
    wizard.next()
    assert page(wizard) == "ScreeningPage"
    assert not wizard.close() and wizard.isVisible()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert session.lock.patient_mode
    assert session.mode.leave()
    assert session.records_button.isEnabled() and session.records_button.isVisible()


def test_a_restart_in_patient_mode_resumes_locked_without_asking(qtbot, kb, records):
    records.save_draft("k", load_example("lips_only"), "HistoryPage", 4)
    from core.records.pin import PinLock

    lock = PinLock(records)
    lock.set_pin("246813")
    lock.patient_mode = True
    wizard, session = make(qtbot, kb, records)
    session.mode.ask = lambda parent, pin_lock: pin_lock.verify("246813").accepted
    session.recover(lambda *_: pytest.fail("the patient must not be asked to discard"))
    assert session.mode.active and page(wizard) == "HistoryPage"
    assert session.mode.leave()


def test_patient_list_search_open_and_erase(qtbot, kb, records, tmp_path):
    for name in ("tired_face", "lips_only"):
        consultation = load_example(name)
        records.save_consultation(consultation, plan(consultation, kb))
    confirms = []
    widget = PatientList(records, kb, None, confirm=lambda parent, text: confirms.append(text) or True,
                         choose_save=lambda *_: tmp_path / "export.json")
    qtbot.addWidget(widget)
    assert widget.patients.count() == 2
    qtbot.keyClicks(widget.search, "yael")
    assert widget.patients.count() == 1
    widget.patients.setCurrentRow(0)
    opened = []
    widget.open_requested.connect(opened.append)
    qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    assert json.loads((tmp_path / "export.json").read_text())["patient"]["name"] == "Yael Synthetic"
    qtbot.mouseClick(widget.erase_button, Qt.MouseButton.LeftButton)
    assert "Yael Synthetic" in confirms[0]
    assert "1 exported file" in widget.message.text()
    widget.search.clear()
    assert widget.patients.count() == 1
    assert not (tmp_path / "export.json").exists()


def test_import_with_errors_says_which_field_and_imports_nothing(qtbot, kb, records, tmp_path):
    raw = json.loads((EXAMPLES / "lips_only.json").read_text())
    raw["goals"]["expectation"] = "miracle"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw))
    widget = PatientList(records, kb, None, choose_open=lambda *_: bad)
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.import_button, Qt.MouseButton.LeftButton)
    assert "Nothing was imported" in widget.message.text()
    assert "goals.expectation" in widget.message.text()
    assert widget.patients.count() == 0


def test_follow_up_list_groups_what_falls_due(qtbot, kb, records):
    consultation = load_example("forehead_lines_only")
    result = plan(consultation, kb)
    records.save_consultation(consultation, result)
    due = min(m.next_due for m in result.maintenance)
    widget = FollowUpList(records, kb, None, today=lambda: due - dt.timedelta(days=7))
    qtbot.addWidget(widget)
    assert widget.list.count() == 1
    assert consultation.patient.name in widget.list.item(0).text()
    reviews = []
    widget.review_requested.connect(reviews.append)
    widget.list.setCurrentRow(0)
    qtbot.mouseClick(widget.review_button, Qt.MouseButton.LeftButton)
    assert len(reviews) == 1


def test_in_patient_mode_the_screening_page_shows_no_clinical_conclusion(qtbot, kb, records):
    from gui.pages.screening import ScreeningPage

    wizard, session = make(qtbot, kb, records)
    wizard.model.load(load_example("bdd_positive"))
    while not isinstance(wizard.currentPage(), ScreeningPage):
        wizard.next()
    screening = wizard.currentPage()
    assert screening.side.isVisible() and "talk first" in screening.side_text.text().lower()
    session.lock.set_pin("482135")
    assert session.hand_to_patient()
    while not isinstance(wizard.currentPage(), ScreeningPage):
        wizard.next()
    assert not screening.side.isVisible()
    assert not any(box.isVisible() for box in screening.effects.values())
    assert not screening.cops_total.isVisible()
    session.mode.ask = lambda parent, lock: lock.verify("482135").accepted
    assert session.mode.leave()
    assert screening.side.isVisible()
    wizard.dirty = False


def test_a_list_or_window_left_open_after_an_erasure_says_so_instead_of_failing(qtbot, kb, records, monkeypatch,
                                                                                tmp_path):
    from core.records import erase_patient
    from gui.records import window_actions

    told: list[str] = []
    monkeypatch.setattr(window_actions, "tell", lambda parent, text: told.append(text))
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    wizard, session = make(qtbot, kb, records)
    erase_patient(records, saved.patient_uid)
    assert session.review(saved.patient_uid) is False
    assert session.open_consult(saved.consultation_uid) is None
    assert session.export_fhir(wizard, saved.consultation_uid, path=tmp_path / "c.fhir.json") is None
    assert len(told) == 3 and all("erased" in text for text in told)
    wizard.dirty = False
