"""The base of every wizard page: a finger-scrollable body, a visible reason when Next is off."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, ParamSpec

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gui.pages import page_types
from gui.widgets.wrapping import WrappingLabel
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.knowledge.texts import ClinicalRecordTexts, PatientModeTexts
    from core.plan import Plan
    from gui.draft import DraftModel, DraftPlan

Edit = ParamSpec("Edit")


def label(text: str, parent: QWidget, role: str = "", wrap: bool = True, rich: bool = False) -> QLabel:
    """A label; plain text unless `rich` (then the caller has escaped any user text). A wrapped one
    remembers its height for a width (layouts ask it many times a pass)."""
    widget = WrappingLabel(parent) if wrap else QLabel(parent)
    # The format by its name (Qt's property system reads it): the first page's labels are made before
    # anything builds Qt's `Qt` enums, ~20 ms the first frame does not wait for (gui/app.py).
    if not widget.setProperty("textFormat", "RichText" if rich else "PlainText"):  # typed text stays text
        raise RuntimeError("QLabel's textFormat property refused its value")
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    return widget


def card(parent: QWidget, role: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(8)
    return frame, layout


def restyle(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def clear_layout(layout: QLayout) -> None:
    """Take every widget out of a layout that a page fills anew (hidden at once, deleted later)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()

TEXT_LIMIT = 20_000  # core.consultation.Text


class ConsultPage(QWizardPage):
    """Pages build their widgets on first show, load from the draft, and write through the draft
    model's typed edits (`edit`). They get the model and its plan, not the wizard.

    `problem()` reads the draft only, so Next and its reason are right before the page is built.
    """

    question_requested = Signal(str, str)  # (page class name, answer): go back to where it is asked
    review_requested = Signal()  # the practitioner wants to check the patient's answers now
    next_patient_requested = Signal()  # after Finish: keep this consult, open a blank one

    WORDS = ""  # the page's table in the GUI's words (core/knowledge/ui.py): its title and subtitle
    PATIENT = ""  # an intake page: its key in [patient_mode] (its title, subtitle) for patient mode
    FILL_HEIGHT = False  # True: the page's own layout takes the spare height (face maps)

    def __init__(self, model: DraftModel, draft_plan: DraftPlan, step: int, steps: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.draft_plan = model, draft_plan
        self.step, self.steps = step, steps
        self._built = False
        self._touch_grabbed = False
        self._loading = False
        self._applying = False
        self._shown_draft: Consultation | None = None
        self._complete: bool | None = None
        self.set_title(self.practitioner_title())
        self.setSubTitle(self._step_line())

    def _frame(self) -> None:
        """The scrolling body and the 'why Next is off' line: made with the page's widgets, on first
        show, so opening Thirds builds one page, not ten."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setProperty("horizontalScrollBarPolicy", "ScrollBarAlwaysOff")  # by name, as label()
        self.content = QWidget(self.scroll_area)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(24, 16, 24, 16)
        self.body.setSpacing(12)
        self.scroll_area.setWidget(self.content)
        self.columns = QHBoxLayout()
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.addWidget(self.scroll_area, 1)
        outer.addLayout(self.columns, 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(24, 4, 24, 0)
        self.reason = label("", self, "reason")
        self.reason.setAccessibleName(ui().page.why_not)
        footer.addWidget(self.reason, 1)
        outer.addLayout(footer)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._touch_grabbed:  # once, after the first paint: its set-up (~10 ms of PySide6 enums
            self._touch_grabbed = True  # at the first start) need not hold the page back
            QTimer.singleShot(0, self, self._grab_touch)

    def _grab_touch(self) -> None:
        """Long pages scroll with a finger (QScroller's touch gesture on the viewport)."""
        QScroller.grabGesture(self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def set_title(self, title: str) -> None:
        self.setTitle(f"<span style='font-size:22px; font-weight:600'>{escape(title)}</span>")

    def practitioner_title(self) -> str:
        """The page's title in the practitioner's words (the header and the step bar)."""
        return ui().section(self.WORDS).title

    def subtitle(self) -> str:
        return ui().section(self.WORDS).subtitle

    def _step_line(self) -> str:
        return ui().page.fill("step", n=self.step, total=self.steps, subtitle=self.subtitle())

    def shown_title(self) -> str:
        """The title as the header shows it now: an intake page's in the patient's words in patient mode."""
        if self.model.ready and self.private and self.PATIENT:
            return self.patient_words()[f"{self.PATIENT}_title"]
        return self.practitioner_title()

    @property
    def draft(self) -> Consultation:
        """The answers as shown: in patient mode with the patient's answers still waiting for the
        practitioner (the model's `answers`); the plan reads the model's draft."""
        return self.model.answers

    @property
    def private(self) -> bool:
        """The patient holds the tablet: only the patient's words, no clinical conclusions."""
        return self.model.patient_mode

    @property
    def plan(self) -> Plan | None:
        """core's plan of the draft; None while core refuses it (`plan_error` says why)."""
        return self.draft_plan.plan

    @property
    def plan_error(self) -> str:
        return self.draft_plan.error

    def patient_words(self) -> PatientModeTexts:
        return self.kb.text().patient_mode

    @property
    def record_words(self) -> ClinicalRecordTexts:
        """The clinical record's words (consent, photos, what was given)."""
        return self.kb.text().clinical_record

    @property
    def kb(self) -> KnowledgeBase:
        """The model's knowledge base; pages are built after `start` hands it over."""
        assert self.model.kb is not None
        return self.model.kb

    def clinic_locale(self) -> str:
        """How dates and money are written (core.dates, core.money); asked late, as `kb` arrives late."""
        return self.kb.settings.clinic.locale

    # --- hooks for pages ------------------------------------------------------------------------
    def build(self) -> None:
        """Create the widgets (once)."""

    def load(self, draft: Consultation) -> None:
        """Show the draft's answers in the widgets."""

    def refresh(self, draft: Consultation) -> None:
        """React to a change made elsewhere (another page, a loaded file); default: reload."""
        self.load(draft)

    def changed(self, draft: Consultation) -> None:
        """After every change, this page's own included: update derived displays."""

    def problem(self) -> str | None:
        """Why the page is not complete, in plain words; None when Next may go on."""
        return None

    def reword(self, private: bool) -> None:
        """Put the page's own words on its widgets: the patient's (patient mode) or the practitioner's."""

    def patient_reason(self) -> str:
        """What the footer line tells the patient in patient mode (instead of 'To continue: …')."""
        return ""

    def show_question(self, answer: str) -> None:
        """Bring the question of `answer` into view, when this page asks it."""

    def _wording(self) -> None:
        private = self.private and bool(self.PATIENT)
        if private:
            words = self.patient_words()
            intake = [page for page in page_types() if page.PATIENT]
            step = words.step.format(n=intake.index(type(self)) + 1, total=len(intake))
            self.set_title(self.shown_title())
            self.setSubTitle(f"{step} · {words[f'{self.PATIENT}_subtitle']}")
        else:
            self.set_title(self.practitioner_title())
            self.setSubTitle(self._step_line())
        if self._built:
            self.reword(private)

    # --- plumbing -------------------------------------------------------------------------------
    def ensure_built(self) -> None:
        if not self._built:
            self._built = True
            self._frame()
            self.build()
            if not self.FILL_HEIGHT:
                self.body.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.show_current()

    def show_current(self) -> None:
        """Bring the page up to date with the draft: on Next (initializePage) and on Back."""
        if not self.model.ready:  # the first paint, before core is loaded: nothing to show yet
            self.ensure_built()
            self._update_reason()
            return
        if self._built and self._shown_draft is self.draft:
            return
        self._shown_draft = self.draft
        self.ensure_built()
        self._wording()
        self._load()
        self.changed(self.draft)
        self._update_reason()

    def text_box(self, parent: QWidget, name: str, write: Callable[[str], str | None], height: int) -> QPlainTextEdit:
        """A free-text answer, written with `write` (a typed edit of the model). Past the model's limit
        the text is cut there and the page says so; refusing a long paste outright would reload the
        box and put the cursor back at the start."""
        box = QPlainTextEdit(parent)
        box.setAccessibleName(name)
        box.setFixedHeight(height)

        def changed() -> None:
            text = box.toPlainText()
            if len(text) > TEXT_LIMIT:
                text = text[:TEXT_LIMIT]
                box.blockSignals(True)
                box.setPlainText(text)
                box.moveCursor(QTextCursor.MoveOperation.End)
                box.blockSignals(False)
                self.edit(write, text)
                self.reason.setText(ui().page.fill("text_cut", name=name, limit=f"{TEXT_LIMIT:,}"))
                return
            self.edit(write, text)

        box.textChanged.connect(changed)
        return box

    def mark_stale(self) -> None:
        """Load and redraw on the next show, even if the draft has not changed."""
        self._shown_draft = None

    def cleanupPage(self) -> None:  # noqa: N802
        """Going Back keeps every answer (QWizard would otherwise reset fields)."""

    def _load(self) -> None:
        self._loading = True
        try:
            self.load(self.draft)
        finally:
            self._loading = False

    def edit(self, change: Callable[Edit, str | None], *args: Edit.args, **kwargs: Edit.kwargs) -> bool:
        """Run one of the model's typed edits (`self.edit(self.model.set_goals, budget=…)`); a refused
        answer is explained and the widgets reloaded. Loading the widgets writes nothing."""
        if self._loading:
            return False
        self._applying = True
        try:
            error = change(*args, **kwargs)
        finally:
            self._applying = False
        if error is not None:
            self.reason.setText(error)
            self._load()
            return False
        return True

    def draft_changed(self, draft: Consultation) -> None:
        """Called by the wizard on the current page only (others reload when shown)."""
        if self._built and not self._loading and not self._applying:
            self._loading = True
            try:
                self.refresh(draft)
            finally:
                self._loading = False
        if self._built:
            self.changed(draft)
        self._shown_draft = draft
        self._update_reason()

    def _update_reason(self) -> None:
        opening = ui().page.opening
        problem = self.problem() if self.model.ready else opening
        text = problem if problem is opening else ui().page.fill("to_continue", problem=problem) if problem else ""
        if self.model.ready and self.private:
            text = self.patient_reason()
        if text != self.reason.text() or self._complete is not (problem is None):
            self.reason.setText(text)
            self._complete = problem is None
            self.completeChanged.emit()

    def nextId(self) -> int:  # noqa: N802
        """Page ids follow PAGES, so Next is right even before the later pages are added."""
        return self.step if self.step < self.steps else -1

    def isComplete(self) -> bool:  # noqa: N802
        return self.model.ready and self.problem() is None
