"""What makes the screening page fast (issue 10), by taps: "No to all" answers only the questions
still open and each row stays changeable; a pause lets Next through with questions open (the Plan page
lists them); and nothing moves under the finger."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from test_gui_screening import ANSWERS, on_page, reason, reply_shown, unasked

from core.vocabulary import Medication, Reply
from gui import theme
from gui.pages.plan import PlanPage
from gui.pages.screening import ScreeningPage
from gui.pages.screening_items import questions
from gui.widgets.rows import ReplyRow, ToggleRow
from gui.words import ui
from gui_taps import answer, choice_name, find, scroll_to, tap

NO_TO_ALL = ui().screening.no_to_all


@pytest.fixture
def themed(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Sizes and borders come from the app's stylesheet, as `make run` sets it."""
    theme.apply(qapp)
    yield
    qapp.setStyleSheet("")


def next_button(wizard: QWidget) -> QWidget:
    return find(wizard, "Next")


def test_no_to_all_answers_only_the_open_questions_and_a_yes_still_overrides(kb, qtbot, themed) -> None:  # type: ignore[no-untyped-def]
    given = {"lidocaine_allergy": Reply.YES, "ha_allergy": Reply.NO}
    wizard, page = on_page(qtbot, kb, unasked("tired_face", **given), ScreeningPage)
    assert not next_button(wizard).isEnabled()
    assert find(page, "Safety questions not asked").text() == f"{len(questions(kb)) - 2} of {len(questions(kb))} not asked yet"
    button = find(page, NO_TO_ALL, QPushButton)
    assert button.height() >= 48

    tap(qtbot, button)
    screening = wizard.draft.screening
    assert {a: getattr(screening, a) for a in ANSWERS} == {a: given.get(a, Reply.NO) for a in ANSWERS}
    assert reply_shown(page, "lidocaine_allergy") == (Reply.YES, ["Yes"]), "a Yes is never overwritten"
    assert all(reply_shown(page, q.answer)[0] is not Reply.NOT_ASKED for q in questions(kb))
    assert next_button(wizard).isEnabled()
    assert find(page, "Safety questions not asked").text() == "Every safety question asked"

    before = wizard.draft
    assert not button.isEnabled(), "nothing left to answer"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second tap: nothing happens
    assert wizard.draft is before

    answer(qtbot, page, "bleeding_risk_medicines", Reply.YES)  # the patient remembers the fish oil
    assert page.details["bleeding_risk_medicines"].isVisible()
    assert "choose which medicines" in reason(page)
    fish_oil = choice_name(kb, Medication.FISH_OIL)
    tap(qtbot, find(page, f"bleeding_risk_medicines: {fish_oil}", ToggleRow))
    assert wizard.draft.screening.bleeding_risk_medicines is Reply.YES
    assert wizard.draft.screening.medications == [Medication.FISH_OIL]
    assert next_button(wizard).isEnabled()

    answer(qtbot, page, "cold_sore_history", Reply.NO)  # tapped again: open again, and No to all is back
    assert wizard.draft.screening.cold_sore_history is Reply.NOT_ASKED
    assert button.isEnabled() and not next_button(wizard).isEnabled()
    tap(qtbot, button)
    assert wizard.draft.screening.cold_sore_history is Reply.NO
    assert wizard.draft.screening.medications == [Medication.FISH_OIL], "the Yes and its medicine stay"
    wizard.dirty = False


def test_no_to_all_is_not_offered_to_the_patient(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("tired_face"), ScreeningPage)
    assert find(page, NO_TO_ALL).isVisible()
    wizard.model.set_patient_mode(True)
    page.mark_stale()
    page.show_current()
    QApplication.processEvents()
    assert not [w for w in page.findChildren(QPushButton) if w.accessibleName() == NO_TO_ALL and w.isVisible()]
    wizard.model.set_patient_mode(False)
    wizard.dirty = False


def test_a_breastfeeding_yes_lets_next_through_and_the_plan_lists_the_open_questions(kb, qtbot) -> None:
    wizard, page = on_page(qtbot, kb, unasked("tired_face"), ScreeningPage)
    answer(qtbot, page, "cold_sore_history", Reply.YES)  # a precaution pauses nothing: still blocked
    assert not next_button(wizard).isEnabled()
    assert "safety questions not asked yet" in reason(page)

    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.YES)
    left = len(questions(kb)) - 2
    assert next_button(wizard).isEnabled(), reason(page)
    count = find(page, "Safety questions not asked").text()
    assert count == f"{left} of {len(questions(kb))} not asked yet", "the count stays in view"
    assert f"{left} safety questions of {len(questions(kb))} not asked yet. The plan is paused" in page.side_text.text()

    tap(qtbot, next_button(wizard))
    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    plan_page = wizard.currentPage()
    missing = find(plan_page, "Answers still missing")
    listed = {str(w.property("missing")) for w in missing.findChildren(QWidget) if w.property("missing")}
    open_items = {",".join(item.value for item in q.items) for q in questions(kb)
                  if q.answer not in ("cold_sore_history", "pregnant_or_breastfeeding")}
    assert listed == open_items

    wizard.back()
    while not isinstance(wizard.currentPage(), ScreeningPage):
        wizard.back()
    page = wizard.currentPage()
    answer(qtbot, page, "pregnant_or_breastfeeding", Reply.NO)  # not paused any more: every question again
    assert not next_button(wizard).isEnabled()
    assert f"{left} safety questions not asked yet" in reason(page)
    wizard.dirty = False


# --- nothing moves under the finger -------------------------------------------------------------------


def controls(page: ScreeningPage) -> dict[str, QRect]:
    """Every visible Yes / No button and No to all, where the window shows it."""
    QApplication.processEvents()
    QApplication.processEvents()  # a relayout posts a second pass
    window = page.window()
    shown = [b for row in page.findChildren(ReplyRow) if row.isVisible() for b in row.choice.buttons]
    shown += [page.no_to_all] if page.no_to_all.isVisible() else []
    return {b.accessibleName(): QRect(b.mapTo(window, QPoint(0, 0)), b.size()) for b in shown}


def tap_still(qtbot, page: ScreeningPage, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    """Tap, and check that neither the tapped control nor any control at or above it moved."""
    scroll_to(button)
    before = controls(page)
    tapped = before[button.accessibleName()]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = controls(page)
    moved = {name: (was, after.get(name)) for name, was in before.items()
             if was.top() <= tapped.top() and after.get(name) != was}
    assert not moved, f"tapping {button.accessibleName()!r} moved {moved}"


@pytest.mark.parametrize("size", [(1280, 800), (960, 640)])
def test_no_tap_moves_the_tapped_control_or_anything_above_it(kb, qtbot, themed, size) -> None:  # type: ignore[no-untyped-def]
    wizard, page = on_page(qtbot, kb, unasked("tired_face"), ScreeningPage)
    wizard.resize(*size)
    qtbot.wait(20)
    assert isinstance(page, ScreeningPage)

    def button(answer_name: str, reply: str) -> QPushButton:
        widget = find(page, f"Screening: {answer_name}: {reply}", QPushButton)
        assert isinstance(widget, QPushButton)
        return widget

    taps = [(q.answer, "Yes") for q in questions(kb)]  # a Yes on each: effects and follow-ups appear below
    taps += [(q.answer, "No") for q in reversed(questions(kb))]  # then No, from the bottom up
    taps += [(q.answer, "No") for q in questions(kb)[::3]]  # a second tap: back to not asked
    for answer_name, reply in taps:
        tap_still(qtbot, page, button(answer_name, reply))
    tap_still(qtbot, page, page.no_to_all)
    tap_still(qtbot, page, button("pregnant_or_breastfeeding", "Yes"))  # the override, then the pause lifts
    tap_still(qtbot, page, button("pregnant_or_breastfeeding", "No"))
    tap_still(qtbot, page, button("bleeding_risk_medicines", "Yes"))
    assert all(getattr(wizard.draft.screening, a) is not Reply.NOT_ASKED for a in ANSWERS)
    wizard.dirty = False


def test_a_bddq_q1_no_is_a_finished_screen_and_lets_next_through(qtbot, kb) -> None:
    """One rule with the engine (Veale, BJPS 2012): Q1 no ends the BDDQ-AS; Q2 is not demanded."""
    from conftest import load_example
    from gui.pages.screening import ScreeningPage
    from gui.wizard import ConsultationWizard

    c = load_example("lips_only")
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(c.model_copy(update={"bddq": c.bddq.model_copy(update={"q1": False, "q2": None})}))
    page = next(wizard.page(i) for i in wizard.pageIds() if isinstance(wizard.page(i), ScreeningPage))
    assert page.problem() is None
