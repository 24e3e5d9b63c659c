"""The screening page by taps: Yes / No / not asked in the draft, the follow-up choices, and a question
left open shown first on the Plan page with what it holds out of the visits."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from conftest import load_example
from core.consultation import Consultation, Screening
from core.engine import plan
from core.vocabulary import Area, Medication, Reply, Tool
from gui.pages.finish import FinishPage
from gui.pages.plan import PlanPage
from gui.pages.screening import ScreeningPage
from gui.pages.screening_items import questions
from gui.widgets.rows import ReplyRow, ToggleRow
from gui.wizard import ConsultationWizard
from gui_taps import answer, choice_name, find, tap, tap_name

ANSWERS = [name for name, field in Screening.model_fields.items() if field.annotation is Reply]


def unasked(name: str, **replies: Reply) -> Consultation:
    """An example with every safety answer back to not asked (and no follow-up choices), but `replies`."""
    draft = load_example(name)
    screening = {answer: replies.get(answer, Reply.NOT_ASKED) for answer in ANSWERS}
    data = draft.model_dump()
    data["screening"] = {**screening, "medications": [], "infection_areas": []}
    return Consultation.model_validate(data)


def all_no_but(name: str, *left: str) -> Consultation:
    return unasked(name, **{a: Reply.NO for a in ANSWERS if a not in left})


def on_page(qtbot, kb, draft: Consultation, page_type: type) -> tuple[ConsultationWizard, QWidget]:  # type: ignore[no-untyped-def]
    """A loaded draft (as a file or a resumed autosave), walked with the wizard's own Next to a page."""
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(draft)
    wizard.show()
    while not isinstance(wizard.currentPage(), page_type):
        wizard.next()
    return wizard, wizard.currentPage()


def reply_shown(page: QWidget, answer_name: str) -> tuple[Reply, list[str]]:
    """The row's reply and the buttons that look chosen."""
    row = find(page, f"Screening: {answer_name}", ReplyRow)
    assert isinstance(row, ReplyRow)
    return row.value, [b.text() for b in row.choice.buttons if b.isChecked()]


def reason(page: QWidget) -> str:
    return find(page, "Why Next is not available").text()


def effect(page: QWidget, answer_name: str) -> tuple[str, str]:
    """What an answer does, as its row shows it: the row's colour role and its words (also beside)."""
    row = find(page, f"Screening: {answer_name}", ReplyRow)
    words = row.accessibleDescription()
    assert all(f"• {line}" in page.side_text.text() for line in filter(None, words.split("\n")))
    return str(row.property("role")), words


def test_tapping_yes_and_no_writes_the_reply_and_a_second_tap_takes_it_back(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("lips_only"), ScreeningPage)
    assert reply_shown(page, "pregnant_or_breastfeeding") == (Reply.NOT_ASKED, [])
    assert find(page, "Screening: pregnant_or_breastfeeding: state").text() == "Not asked"
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.YES)
    assert wizard.draft.screening.pregnant_or_breastfeeding == "yes"
    assert reply_shown(page, "pregnant_or_breastfeeding") == (Reply.YES, ["Yes"])
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)
    assert wizard.draft.screening.pregnant_or_breastfeeding == "no"
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)  # tapped again: back to not asked
    assert wizard.draft.screening.pregnant_or_breastfeeding == "not_asked"
    assert reply_shown(page, "pregnant_or_breastfeeding") == (Reply.NOT_ASKED, [])
    assert find(page, "Screening: pregnant_or_breastfeeding: state").isVisible()
    wizard.dirty = False


def test_one_row_per_answer_in_knowledge_base_order_with_its_question(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("lips_only"), ScreeningPage)
    rows = [w for w in page.findChildren(ReplyRow) if w.isVisible()]
    asked = questions(kb)
    assert [r.accessibleName() for r in rows] == [f"Screening: {q.answer}" for q in asked]
    assert [r.label.text() for r in rows] == [kb.text().screening[q.items[0]].question for q in asked]
    coagulation = next(q for q in asked if q.answer == "coagulation_disorder")
    assert coagulation.items == ("coagulation_disorder", "coagulation_bruising"), "one question for both items"
    wizard.dirty = False


def test_a_resumed_draft_shows_its_not_asked_answers_as_unanswered(kb, qtbot, tmp_path) -> None:
    from core.records import Records
    from gui.records.recovery import Choice
    from gui.records.session import RecordsSession

    records = Records.open(f"sqlite:///{tmp_path / 'r.sqlite3'}", actor="Dr Test")
    try:
        draft = all_no_but("tired_face", "ha_allergy", "cold_sore_history")
        records.save_draft("k", draft, "ScreeningPage", 4)
        wizard = ConsultationWizard(kb, confirm=lambda *_: True)
        qtbot.addWidget(wizard)
        session = RecordsSession(wizard, kb, records)
        wizard.show()
        session.recover(lambda *_: Choice.RESUME)
        page = wizard.currentPage()
        assert isinstance(page, ScreeningPage)
        assert reply_shown(page, "ha_allergy") == (Reply.NOT_ASKED, [])
        assert reply_shown(page, "cold_sore_history") == (Reply.NOT_ASKED, [])
        assert reply_shown(page, "lidocaine_allergy") == (Reply.NO, ["No"])
        assert not find(wizard, "Next").isEnabled()
        assert "2 safety questions not asked yet" in reason(page)
        wizard.dirty = False
        session.autosaver.flush()
    finally:
        records.close()


def test_an_untouched_question_is_listed_first_on_the_plan_and_holds_its_treatment(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("tired_face"), ScreeningPage)
    for question in questions(kb):
        if question.answer != "ha_allergy":
            answer(qtbot, page, question.answer, Reply.NO)
    assert wizard.draft.screening.ha_allergy == "not_asked", "untouched stays not asked, never no"
    assert not find(wizard, "Next").isEnabled()
    assert "1 safety question not asked yet" in reason(page)
    assert "1 safety question of" in page.side_text.text()

    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    plan_page = wizard.currentPage()
    top = plan_page.columns_by_name["top"]
    first = top.itemAt(0).widget()
    assert first.accessibleName() == "Answers still missing" and first.isVisible()
    question = kb.text().screening["ha_allergy"].missing
    shown = [w.text() for w in first.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()]
    assert "Answers still missing — ask these first" in shown
    assert question in shown
    assert f"Holds: {kb.text().tools[Tool.HA_FILLER].name}" in shown
    in_sessions = [
        str(w.property("rec") or w.property("repeat"))
        for box in plan_page.findChildren(QWidget)
        if box.accessibleName().startswith("Session ") and box.isVisible()
        for w in box.findChildren(QWidget)
        if w.property("rec") or w.property("repeat")
    ]
    assert in_sessions and not any(r.startswith("ha_filler/") for r in in_sessions)
    held = [str(w.property("rec")) for w in plan_page.findChildren(QWidget) if w.isVisible() and w.property("rec")]
    assert "ha_filler/cheeks/held" in held
    texts = [w.text() for w in plan_page.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()]
    assert "Held — waiting for an answer" in texts
    assert f"Held — waiting for an answer: {question}" in texts

    tap_name(qtbot, plan_page, f"Ask: {question}")
    page = wizard.currentPage()
    assert isinstance(page, ScreeningPage), "the tap goes to the question"
    answer(qtbot, page, "ha_allergy", Reply.NO)
    assert find(wizard, "Next").isEnabled()
    assert plan(wizard.draft, kb).missing == []
    wizard.dirty = False


def test_a_yes_with_medicines_asks_which_and_a_no_clears_them(kb, qtbot) -> None:
    draft = all_no_but("tired_face", "bleeding_risk_medicines")
    draft = draft.model_copy(update={"screening": draft.screening.model_copy(
        update={"toxin_interacting_medicines": Reply.YES, "medications": [Medication.MUSCLE_RELAXANTS]})})
    wizard, page = on_page(qtbot, kb, draft, ScreeningPage)
    fish_oil = choice_name(kb, Medication.FISH_OIL)
    assert fish_oil == kb.text().medicines[Medication.FISH_OIL]
    assert not page.details["bleeding_risk_medicines"].isVisible()
    answer(qtbot, page, "bleeding_risk_medicines", Reply.YES)
    assert page.details["bleeding_risk_medicines"].isVisible()
    assert "choose which medicines" in reason(page)
    tap(qtbot, find(page, f"bleeding_risk_medicines: {fish_oil}", ToggleRow))
    screening = wizard.draft.screening
    assert screening.bleeding_risk_medicines == "yes"
    assert screening.medications == [Medication.MUSCLE_RELAXANTS, Medication.FISH_OIL]
    assert find(wizard, "Next").isEnabled()
    role, words = effect(page, "bleeding_risk_medicines")
    assert role == "caution" and fish_oil in words
    answer(qtbot, page, "bleeding_risk_medicines", Reply.NO)
    screening = wizard.draft.screening
    assert screening.bleeding_risk_medicines == "no"
    assert screening.medications == [Medication.MUSCLE_RELAXANTS], "the other question's medicine stays"
    assert not page.details["bleeding_risk_medicines"].isVisible()
    wizard.dirty = False


def test_a_yes_to_infection_asks_which_sites_none_means_every_site(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, all_no_but("lips_only", "active_infection"), ScreeningPage)
    answer(qtbot, page, "active_infection", Reply.YES)
    assert wizard.draft.screening.infection_areas == []
    assert find(wizard, "Next").isEnabled(), "no site chosen means every site"
    tap(qtbot, find(page, f"active_infection: {choice_name(kb, Area.LIPS)}", ToggleRow))
    assert wizard.draft.screening.infection_areas == [Area.LIPS]
    assert effect(page, "active_infection")[0] == "caution"
    answer(qtbot, page, "active_infection", Reply.NO)
    assert wizard.draft.screening.infection_areas == []
    wizard.dirty = False


def test_the_ha_allergy_and_the_lidocaine_allergy_are_separate_questions(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, all_no_but("lips_only", "ha_allergy", "lidocaine_allergy"), ScreeningPage)
    ha, lidocaine = find(page, "Screening: ha_allergy", ReplyRow), find(page, "Screening: lidocaine_allergy", ReplyRow)
    assert ha is not lidocaine
    assert ha.label.text() == kb.text().screening["ha_allergy"].question
    assert lidocaine.label.text() == kb.text().screening["lidocaine_allergy"].question
    answer(qtbot, page, "lidocaine_allergy", Reply.YES)
    assert wizard.draft.screening.lidocaine_allergy == "yes"
    assert wizard.draft.screening.ha_allergy == "not_asked"
    answer(qtbot, page, "ha_allergy", Reply.NO)
    result = plan(wizard.draft, kb)
    assert any(r.tool is Tool.HA_FILLER for r in result.planned), "lidocaine: a precaution, the filler stays"
    assert effect(page, "lidocaine_allergy")[0] == "caution" and effect(page, "ha_allergy") == ("card", "")
    answer(qtbot, page, "ha_allergy", Reply.YES)
    assert any(r.tool is Tool.HA_FILLER for r in plan(wizard.draft, kb).removed)
    assert effect(page, "ha_allergy")[0] == "stop"
    wizard.dirty = False


def _texts(page: QWidget) -> list[str]:
    return [w.text() for w in page.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()]


def test_deferred_alternative_and_review_are_said_in_plain_words(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, load_example("pregnant"), PlanPage)
    texts = "\n".join(_texts(page))
    question = kb.text().screening["pregnant_or_breastfeeding"].question
    assert f"Deferred: answered Yes to “{question}”" in texts
    assert "Look at it again after pregnancy and breastfeeding." in texts
    wizard.dirty = False

    wizard, page = on_page(qtbot, kb, load_example("contraindicated_toxin"), PlanPage)
    assert f"Instead of {kb.text().tools[Tool.HA_FILLER].name} (contraindicated)" in _texts(page)
    wizard.dirty = False

    wizard, page = on_page(qtbot, kb, load_example("first_timer_three_dimensions"), PlanPage)
    assert any(t.startswith("Review · ") for t in _texts(page))
    wizard.dirty = False


def test_the_finish_page_says_what_is_held_deferred_or_removed(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, all_no_but("tired_face", "ha_allergy"), FinishPage)
    summary = find(page, "Consultation summary").text()
    assert "1 safety answer still missing: 2 treatments held until answered" in summary
    wizard.dirty = False
    wizard, page = on_page(qtbot, kb, load_example("contraindicated_toxin"), FinishPage)
    assert "Removed by the safety screening: 3." in find(page, "Consultation summary").text()
    wizard.dirty = False



def test_the_plan_page_shows_reasons_and_flags_without_data_keys(kb, qtbot) -> None:
    import re

    key = re.compile(r"\b[a-z]+\.[a-z_]+\b|\b[a-z0-9]+(?:_[a-z0-9]+)+\b|\[")
    for draft in (unasked("tired_face"), load_example("contraindicated_toxin"), load_example("pregnant")):
        wizard, page = on_page(qtbot, kb, draft, PlanPage)
        for text in _texts(page):
            assert not key.search(text), text
        wizard.dirty = False


def test_in_patient_mode_the_patient_reads_each_question_in_their_own_words(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("lips_only"), ScreeningPage)
    row = find(page, "Screening: pregnant_or_breastfeeding", ReplyRow)
    wizard.set_patient_mode(True)
    assert row.label.text() == kb.text().screening["pregnant_or_breastfeeding"].patient_question
    assert not page.side.isVisible()
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)
    assert row.value is Reply.NO  # on screen; in the draft only once the practitioner confirms it (issue 9)
    assert wizard.draft.screening.pregnant_or_breastfeeding == "not_asked"
    assert [(e.path, e.after, e.status) for e in wizard.draft.patient_edits] == [
        ("screening.pregnant_or_breastfeeding", '"no"', "pending")]
    wizard.set_patient_mode(False)
    assert row.label.text() == kb.text().screening["pregnant_or_breastfeeding"].question
    wizard.dirty = False
