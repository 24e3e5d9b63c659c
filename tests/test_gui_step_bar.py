"""The step bar (issue 10): any step in one tap, as Back and Next would get there, never past a page
whose Next is off, never out of the intake pages in patient mode, and never moving under the finger."""

from __future__ import annotations

import pytest
from patient_support import handed_to_patient, pin_lock
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from conftest import load_example
from core.consultation import Consultation, Screening
from core.vocabulary import Reply
from gui.pages.consult import ConsultDetailsPage
from gui.pages.goals import GoalsPage
from gui.pages.plan import PlanPage
from gui.pages.screening import ScreeningPage
from gui.pages.skin import SkinPage
from gui.widgets.step_bar import Step, StepBar, StepState
from gui.wizard import ConsultationWizard
from gui_taps import find, next_page, tap, tap_name


def make(qtbot, kb, draft: Consultation | None = None) -> ConsultationWizard:  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    if draft is not None:
        wizard.model.load(draft)
    wizard.resize(1280, 800)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def where(widget: QWidget) -> QRect:
    """The widget's place in its window."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def steps(wizard: ConsultationWizard) -> list[Step]:
    return [step for step in wizard.step_bar.steps if step.isVisible()]


def unscreened() -> Consultation:
    """Consult and goals answered; no safety question asked yet (the screening page's Next is off)."""
    complete = load_example("tired_face")
    open_replies = {name: Reply.NOT_ASKED for name, field in Screening.model_fields.items() if field.annotation is Reply}
    return complete.model_copy(update={"screening": complete.screening.model_copy(update=open_replies)})


def test_the_bar_names_every_step_and_marks_the_current_one(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("tired_face"))
    names = [step.text() for step in steps(wizard)]
    assert names == ["Consult", "Goals", "History", "Safety screening", "Upper third", "Middle third",
                     "Lower third", "Skin quality", "Plan", "Consent", "Photos", "Given", "Finish"]
    assert all(step.height() >= 48 and step.width() >= 48 for step in steps(wizard))
    next_page(qtbot, wizard)
    assert [step.state for step in steps(wizard)][:3] == [StepState.OPEN, StepState.CURRENT, StepState.OPEN]


def test_a_jump_from_page_2_to_the_plan_and_back_to_page_1_keeps_back_and_next_true(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("tired_face"))
    next_page(qtbot, wizard)
    assert isinstance(wizard.currentPage(), GoalsPage)
    tap_name(qtbot, wizard, "Go to Plan")
    assert isinstance(wizard.currentPage(), PlanPage)
    assert wizard.visitedIds() == list(range(9))  # QWizard's history: every page on the way, in order
    assert not wizard.step_bar.note.isVisible()
    tap_name(qtbot, wizard, "Back")
    assert isinstance(wizard.currentPage(), SkinPage)  # the page before the Plan, not where the jump began
    tap_name(qtbot, wizard, "Next")
    assert isinstance(wizard.currentPage(), PlanPage)

    tap_name(qtbot, wizard, "Go to Consult")
    assert isinstance(wizard.currentPage(), ConsultDetailsPage)
    assert wizard.visitedIds() == [0]
    tap_name(qtbot, wizard, "Next")
    assert isinstance(wizard.currentPage(), GoalsPage)
    tap_name(qtbot, wizard, "Back")
    assert isinstance(wizard.currentPage(), ConsultDetailsPage)
    tap_name(qtbot, wizard, "Go to Finish")
    assert wizard.currentId() == len(wizard.pages) - 1 and wizard.visitedIds() == list(range(len(wizard.pages)))


def test_a_jump_shows_the_page_arrived_at_with_its_answers(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("tired_face"))
    tap_name(qtbot, wizard, "Go to Plan")
    page = wizard.currentPage()
    assert isinstance(page, PlanPage) and page.isVisible()
    assert page.shown_plan == wizard.plan  # loaded on arrival, though the pages passed were not
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_a_forward_jump_past_a_page_whose_next_is_off_is_refused_with_why(kb, qtbot) -> None:
    wizard = make(qtbot, kb, unscreened())
    next_page(qtbot, wizard)
    plan_step = find(wizard, "Go to Plan", Step)
    assert isinstance(plan_step, Step) and plan_step.state is StepState.LOCKED
    tap(qtbot, plan_step)
    assert isinstance(wizard.currentPage(), GoalsPage)  # stayed
    note = wizard.step_bar.note
    assert note.isVisible()
    assert note.text().startswith("Plan is not open yet. Safety screening first: ")
    assert "not asked yet" in note.text()
    assert wizard.visitedIds() == [0, 1]

    # The page that blocks can be reached: that is where the answers are given.
    tap_name(qtbot, wizard, "Go to Safety screening")
    assert isinstance(wizard.currentPage(), ScreeningPage)
    assert not note.isVisible()
    tap_name(qtbot, wizard, "Go to Upper third")
    assert isinstance(wizard.currentPage(), ScreeningPage)
    assert note.text().startswith("Upper third is not open yet: ") and "not asked yet" in note.text()
    tap_name(qtbot, wizard, "Go to Goals")  # back is always open
    assert isinstance(wizard.currentPage(), GoalsPage)


def test_the_current_page_blocks_until_its_answer_is_given(kb, qtbot) -> None:
    wizard = make(qtbot, kb)
    states = [step.state for step in steps(wizard)]
    assert states == [StepState.CURRENT] + [StepState.LOCKED] * 12
    tap_name(qtbot, wizard, "Go to Goals")
    assert wizard.currentId() == 0
    assert wizard.step_bar.note.text() == "Goals is not open yet: enter the patient's name."


def test_the_bar_and_its_steps_never_move_or_resize(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("tired_face"))
    bar = wizard.step_bar
    first = (where(bar), [where(step) for step in steps(wizard)])
    for _ in range(len(wizard.pages) - 1):
        next_page(qtbot, wizard)
        assert (where(bar), [where(step) for step in steps(wizard)]) == first, type(wizard.currentPage()).__name__
    for name in ("Go to Goals", "Go to Lower third", "Go to Consult", "Go to Plan"):
        tap_name(qtbot, wizard, name)
        assert (where(bar), [where(step) for step in steps(wizard)]) == first, name
    assert bar.height() == bar.minimumHeight() == bar.maximumHeight()


# --- patient mode ---------------------------------------------------------------------------------
@pytest.fixture
def lock(tmp_path, cheap_pin_hash):
    yield from pin_lock(tmp_path)


@pytest.fixture
def handed(qtbot, kb, lock):
    """A complete consult handed to the patient from the Plan page."""
    yield from handed_to_patient(qtbot, kb, lock, load_example("tired_face"), step=8)


def test_in_patient_mode_the_bar_offers_only_the_intake_pages_in_the_patients_words(handed, qtbot, kb) -> None:
    wizard, mode = handed
    words = kb.text().patient_mode
    assert [step.text() for step in steps(wizard)] == [words.goals_title, words.history_title, words.screening_title]
    intake = [i for i, page in enumerate(wizard.pages) if page.PATIENT]
    tap_name(qtbot, wizard, f"Go to {words.screening_title}")
    assert wizard.currentId() == intake[-1]
    tap_name(qtbot, wizard, f"Go to {words.goals_title}")
    assert wizard.currentId() == intake[0]
    assert mode.leave()
    assert len(steps(wizard)) == len(wizard.pages)


def test_in_patient_mode_no_step_leaves_the_intake_pages(handed, qtbot) -> None:
    wizard, _mode = handed
    intake = [i for i, page in enumerate(wizard.pages) if page.PATIENT]
    bar: StepBar = wizard.step_bar
    for index in range(len(bar.steps)):  # every step the bar has, tapped from every intake page
        for start in range(len(bar.steps)):
            bar.steps[start].click()
            bar.steps[index].click()
            assert wizard.currentId() in intake
    for index in (-1, len(bar.steps), len(wizard.pages) - 2):  # out of the bar: nothing happens
        bar.step_tapped.emit(index)
        assert wizard.currentId() in intake
    for page_id in range(len(wizard.pages)):  # and the wizard refuses any page outside the intake
        refusal = wizard.go_to_step(page_id)
        assert wizard.currentId() in intake
        assert (refusal is None) == (page_id in intake)
    assert not any(isinstance(wizard.currentPage(), t) for t in (PlanPage, ConsultDetailsPage))


def test_a_step_is_drawn_centred_and_wrapped_and_a_locked_one_dashed(kb, qtbot) -> None:
    """The bar paints without Qt's `Qt` enums (the first frame does not wait for them): its constants
    are theirs, and a step keeps a button's focus and shows the pointing hand once hovered."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QEnterEvent, QPen
    from PySide6.QtWidgets import QApplication

    from gui.widgets import step_bar

    assert int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap) == step_bar.CENTRED_WRAPPED
    dashed = QPen()
    dashed.setStyle(Qt.PenStyle.DashLine)
    assert dashed.dashPattern() == step_bar.LOCKED_DASHES
    wizard = make(qtbot, kb)
    step = steps(wizard)[0]
    assert step.focusPolicy() == Qt.FocusPolicy.StrongFocus
    QApplication.sendEvent(step, QEnterEvent(step.rect().center().toPointF(), step.rect().center().toPointF(),
                                             step.mapToGlobal(step.rect().center()).toPointF()))
    assert step.cursor().shape() == Qt.CursorShape.PointingHandCursor
