"""Patient mode the patient understands and the practitioner can check (issue 9): plain second-person
words on every intake page, each answer noted as the patient's, a changed safety answer held until the
practitioner confirms it, a review old → new, full screen, and a restart with a file that stays locked."""

from __future__ import annotations

import html
import json
import re

import pytest
from patient_support import PIN, handed_to_patient, pin_lock, reading_grade
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from conftest import consult
from core.consultation import Consultation
from core.records import Records
from core.records.pin import PinLock
from core.vocabulary import Reply
from gui import app as gui_app
from gui.pages.goals import GoalsPage
from gui.pages.plan import PlanPage
from gui.pages.screening import ScreeningPage
from gui.records.patient_mode import PatientMode
from gui.records.patient_review import PatientReview
from gui.widgets.rows import ReplyRow
from gui.wizard import ConsultationWizard
from gui_taps import answer, find, tap, tap_name, type_into

CLINICIAN = re.compile(
    r"\bthe patient\b|patient's|curare|aminoglycoside|anticholinergic|neuromodulator|botulinum|\bBDDQ|\bCOPS\b|"
    r"contraindication|non-HA|\bconsult\b|NSAID|glabella|nasolabial|perioral|marionette|masseter|platysm|"
    r"tear trough|\bDAO\b|\bamide\b|lidocaine|hyaluronic|neuromuscular|immunotherapy|coagulation",
    re.IGNORECASE,
)
pytestmark = pytest.mark.usefixtures("cheap_pin_hash")


@pytest.fixture
def lock(tmp_path):
    yield from pin_lock(tmp_path)


def breastfeeding() -> Consultation:
    """An adult, every safety question answered no but breastfeeding yes: the plan pauses."""
    return consult(("glabella", "frown_lines", 1, 3), ("cheeks", "volume_loss", 2, 2),
                   screening={"pregnant_or_breastfeeding": True}, patient={"name": "Test Patient",
                                                                           "date_of_birth": "1980-05-01"})


@pytest.fixture
def handed(qtbot, kb, lock):
    """A consultation wizard handed to the patient (on Goals), with the practitioner's PIN accepted on leaving."""
    yield from handed_to_patient(qtbot, kb, lock, breastfeeding())


def to_page(wizard: ConsultationWizard, page_type: type) -> QWidget:
    while not isinstance(wizard.currentPage(), page_type):
        wizard.next()
    return wizard.currentPage()


def leave(qtbot, mode: PatientMode) -> PatientReview | None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(mode.button, Qt.MouseButton.LeftButton)
    assert not mode.active
    review = mode.wizard.review
    return review if isinstance(review, PatientReview) and review.isVisible() else None


def visible_text(root: QWidget) -> list[str]:
    """Every word on screen: labels, buttons and the placeholders of empty boxes."""
    QApplication.processEvents()
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", widget.text())).split()))
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
    return [t.strip() for t in texts if t.strip()]


# --- 1. the patient's words -------------------------------------------------------------------
def test_every_intake_page_in_patient_mode_speaks_to_the_patient_in_plain_words(handed, qtbot, kb):
    wizard, mode = handed
    seen: list[str] = []
    seen += visible_text(wizard)  # Goals
    tap(qtbot, wizard.button(wizard.WizardButton.NextButton))
    tap_name(qtbot, wizard.currentPage(), "Add an earlier filler")  # the filler card's words too
    seen += visible_text(wizard)  # History
    tap(qtbot, wizard.button(wizard.WizardButton.NextButton))
    page = wizard.currentPage()
    assert isinstance(page, ScreeningPage)
    for question in page.questions:  # open every follow-up (medicines, sites)
        if question.medicines or question.sites:
            answer(qtbot, page, question.answer, Reply.YES)
    seen += visible_text(wizard)  # Screening
    clinical = [text for text in seen if CLINICIAN.search(text)]
    assert not clinical, clinical
    questions = [text for text in seen if text.endswith("?")]
    assert len(questions) >= 20, questions
    too_hard = [(q, reading_grade(q)) for q in questions if reading_grade(q) > 8]
    assert not too_hard, too_hard
    assert reading_grade(" ".join(questions)) <= 8
    for needed in ("Your health", "How you feel about your looks", "Page 3 of 3 · A few questions to keep you safe"):
        assert needed in seen, needed


def test_the_practitioner_reads_the_clinical_words_again_after_the_pin(handed, qtbot):
    wizard, mode = handed
    review = leave(qtbot, mode)
    assert review is None  # nothing answered: nothing to check
    to_page(wizard, ScreeningPage)
    seen = visible_text(wizard)
    assert "Safety questions" in seen and "Is the patient pregnant or breastfeeding?" in seen


# --- 2. who answered what ---------------------------------------------------------------------
def test_a_safety_answer_the_patient_changes_is_held_and_the_plan_keeps_the_earlier_answer(handed, qtbot):
    wizard, mode = handed
    assert wizard.plan is not None and wizard.plan.paused
    page = to_page(wizard, ScreeningPage)
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)
    row = find(page, "Screening: pregnant_or_breastfeeding", ReplyRow)
    assert row.value is Reply.NO  # the patient sees the answer they gave
    assert wizard.draft.screening.pregnant_or_breastfeeding is Reply.YES  # the plan does not
    assert wizard.plan.paused
    [edit] = wizard.draft.patient_edits
    assert (edit.path, edit.before, edit.after, edit.safety, edit.status) == (
        "screening.pregnant_or_breastfeeding", '"yes"', '"no"', True, "pending")
    wizard.back()
    wizard.next()  # shown again: still the patient's answer on screen
    assert find(wizard.currentPage(), "Screening: pregnant_or_breastfeeding", ReplyRow).value is Reply.NO

    review = leave(qtbot, mode)
    assert review is not None
    assert wizard.plan.paused  # taking the tablet back is not confirming
    tap_name(qtbot, review, "Confirm: Is the patient pregnant or breastfeeding?")
    assert wizard.draft.screening.pregnant_or_breastfeeding is Reply.NO
    assert wizard.draft.patient_edits[0].status == "confirmed"
    assert not wizard.plan.paused


def test_keep_earlier_answer_is_one_tap(handed, qtbot):
    wizard, mode = handed
    answer(qtbot, to_page(wizard, ScreeningPage), "pregnant_or_breastfeeding", Reply.NO)
    review = leave(qtbot, mode)
    tap_name(qtbot, review, "Keep earlier answer: Is the patient pregnant or breastfeeding?")
    assert wizard.draft.screening.pregnant_or_breastfeeding is Reply.YES
    assert wizard.draft.patient_edits[0].status == "restored"
    assert wizard.plan.paused
    assert not find(review, "Confirm all").isEnabled()


def test_a_plain_answer_takes_effect_at_once_and_is_noted_as_the_patients(handed, qtbot):
    wizard, mode = handed
    type_into(qtbot, wizard.currentPage(), "In the patient's words", "Look rested")
    assert wizard.draft.goals.in_patient_words == "Look rested"
    [edit] = wizard.draft.patient_edits  # one edit for the whole text, not one per key
    assert (edit.before, json.loads(edit.after), edit.safety, edit.status) == ('""', "Look rested", False, "applied")


def test_the_review_lists_old_to_new_in_words_with_safety_answers_first(handed, qtbot, kb):
    wizard, mode = handed
    type_into(qtbot, wizard.currentPage(), "In the patient's words", "Look rested")
    page = to_page(wizard, ScreeningPage)
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)
    answer(qtbot, page, "ha_allergy", Reply.YES)  # was no
    review = leave(qtbot, mode)
    assert review is not None
    shown = visible_text(review)
    rows = [t for t in shown if t in ("Safety answers", "Other answers (in effect at once)")]
    assert rows == ["Safety answers", "Other answers (in effect at once)"]
    assert "Earlier: Yes → Patient: No" in shown
    assert "Earlier: No → Patient: Yes" in shown
    assert "Earlier: no answer → Patient: Look rested" in shown
    assert shown.index("Is the patient pregnant or breastfeeding?") < shown.index("In the patient's words")
    keys = re.compile(r"screening\.|goals\.|_|\bnot_asked\b|\"")
    assert not [t for t in shown if keys.search(t)]
    for button in review.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.height() >= 48 and button.width() >= 48, button.text()
    tap_name(qtbot, review, "Confirm all")
    assert wizard.draft.screening.ha_allergy is Reply.YES
    assert wizard.draft.screening.pregnant_or_breastfeeding is Reply.NO
    assert {e.status for e in wizard.draft.patient_edits} == {"confirmed", "applied"}


def test_until_decided_the_plan_page_says_so_and_the_record_keeps_the_edits(handed, qtbot, kb, tmp_path):
    wizard, mode = handed
    answer(qtbot, to_page(wizard, ScreeningPage), "pregnant_or_breastfeeding", Reply.NO)
    review = leave(qtbot, mode)
    tap(qtbot, find(review, "Decide later"))
    page = to_page(wizard, PlanPage)
    line = find(page, "The patient's answers waiting")
    assert "1 safety answer changed by the patient waits for your check" in visible_text(line)[0]
    saved = Consultation.model_validate_json(wizard.draft.model_dump_json())
    assert saved.patient_edits == wizard.draft.patient_edits and saved.patient_edits[0].status == "pending"
    review = wizard.review_patient_answers(wizard.model.pending_edits)
    assert review is not None
    tap_name(qtbot, review, "Confirm: Is the patient pregnant or breastfeeding?")
    QApplication.processEvents()
    assert not line.isVisible()

    from core.takeaway import write_record
    from takeaway_support import pdf_text

    out = tmp_path / "record.pdf"
    write_record(wizard.draft, wizard.plan, kb, out)
    text = pdf_text(out)
    assert "Answered by the patient" in text and "Confirmed by the practitioner" in text


# --- 4. full screen, no minimise; a restart with a file stays locked ---------------------------
def test_patient_mode_is_full_screen_without_a_minimise_button(handed, qtbot):
    wizard, mode = handed
    assert wizard.isFullScreen()
    assert not wizard.windowFlags() & Qt.WindowType.WindowMinimizeButtonHint
    wizard.showMinimized()
    qtbot.waitUntil(lambda: wizard.isFullScreen() and not wizard.isMinimized(), timeout=2000)
    leave(qtbot, mode)
    assert not wizard.isFullScreen()


def test_a_restart_with_a_file_in_patient_mode_stays_locked_and_opens_no_records(qtbot, tmp_path, monkeypatch, kb):
    database = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    records = Records.open(database)
    lock = PinLock(records)
    lock.set_pin(PIN)
    lock.patient_mode = True  # the tablet was with the patient when Thirds stopped
    records.close()
    other = consult(("lips", "thin_lips", 2, 2), patient={"name": "Someone Else", "date_of_birth": "1970-01-01"})
    file = tmp_path / "other.json"
    file.write_text(other.model_dump_json())
    monkeypatch.setattr(gui_app, "FIRST_PAINT_WAIT_MS", 0)
    wizard = gui_app.open_window(database=database, consultation=file)
    qtbot.waitUntil(lambda: getattr(wizard, "records", None) is not None, timeout=10_000)
    session = wizard.records
    try:
        assert session.mode.active and session.lock.patient_mode
        assert type(wizard.currentPage()).__name__ in ("GoalsPage", "HistoryPage", "ScreeningPage")
        assert wizard.draft.patient.name != "Someone Else"  # the file waits for the practitioner
        assert not session.records_button.isEnabled()
        assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not wizard]
        assert wizard.isFullScreen()

        wizard.confirm = lambda *_: True
        session.mode.ask = lambda parent, pin_lock: pin_lock.verify(PIN).accepted
        assert session.mode.leave()
        assert wizard.draft.patient.name == "Someone Else"  # offered once the PIN is in, and opened
    finally:
        if session.mode.active:
            session.mode.leave()
        session.close()
        wizard.dirty = False
        wizard.hide()
        wizard.deleteLater()


def test_goals_page_keeps_the_practitioners_words_outside_patient_mode(qtbot, kb):
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(breastfeeding())
    wizard.show()
    to_page(wizard, GoalsPage)
    assert "How much change does the patient expect?" in visible_text(wizard)
