"""Page 4, Screening: every safety question of the knowledge base as a Yes / No / not asked row, then
the BDDQ-AS questions.

The questions come from assets/knowledge/screening.toml (gui/pages/screening_items.py); what an
answer does is core's business: the page runs the plan and shows `plan.removed` and the screening
flags at once, in the colour of the row that caused them and in words beside the questions. Nothing
moves under the finger: a tap changes only what is below the row tapped (its follow-up choices).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from core.vocabulary import Area, FlagCode, Reply, ScreeningId, ScreeningStatus
from gui.labels import area_name, dated
from gui.pages.base import ConsultPage, card, label, restyle
from gui.pages.screening_items import Question, appearance, from_earlier, no_to_all, not_asked, questions
from gui.theme import TOUCH
from gui.widgets.choice import ChoiceButtons
from gui.widgets.rows import ReplyRow, ToggleRow, YesNoRow
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.plan import Plan

LIKERT = tuple((n, str(n)) for n in range(1, 6))
COPS_SCALE = tuple((n, str(n)) for n in range(9))


class ScreeningPage(ConsultPage):
    WORDS = "screening"
    PATIENT = "screening"

    @property
    def questions(self) -> list[Question]:
        """Read from the knowledge base once; `problem()` needs them before the page is built."""
        if getattr(self, "_questions", None) is None:
            self._questions = questions(self.kb)
        return self._questions

    def build(self) -> None:
        text, words = self.kb.text(), ui().screening
        self.rows: dict[str, ReplyRow] = {}
        self.details: dict[str, QWidget] = {}
        self.toggles: dict[str, dict[Any, ToggleRow]] = {}
        self.effects: dict[str, QFrame] = {}
        self.effect_items: dict[str, tuple[ScreeningId, ...]] = {}
        self.prompts: dict[str, QLabel] = {}
        self.questions_title = label("", self.content, "section")
        self.body.addWidget(self.questions_title)
        self.intro = label("", self.content, "hint")
        self.body.addWidget(self.intro)
        self._build_no_to_all()
        for question in self.questions:
            row = ReplyRow(question.text, words.fill("question_name", answer=question.answer), text.replies, self.content)
            row.answered.connect(lambda reply, q=question: self._answer(q, reply))
            self.rows[question.answer] = row
            self.body.addWidget(row)
            if question.medicines or question.sites:
                self._build_choices(question)
        self.earlier_title = label(words.earlier, self.content, "section")
        self.body.addWidget(self.earlier_title)
        self.results: dict[ScreeningId, tuple[QFrame, QLabel]] = {}
        for item_id in from_earlier(self.kb):
            self._build_result(item_id)
        self.bddq_title = label("", self.content, "section")
        self.body.addWidget(self.bddq_title)
        self.bddq: dict[str, YesNoRow | ChoiceButtons] = {}
        self.bddq_scales: dict[str, QLabel] = {}
        for key, question_text in text.bddq.items():
            if key in ("q3", "q4", "q5", "q6"):
                box, layout = card(self.content)
                layout.addWidget(label(question_text, box))
                self.bddq_scales[key] = label("", box, "hint")
                layout.addWidget(self.bddq_scales[key])
                choice = ChoiceButtons(words.fill("bddq_name", key=key), LIKERT, box, clearable=True, min_width=72)
                choice.chosen.connect(lambda v, k=key: self.edit(self.model.set_bddq, k, v))
                layout.addWidget(choice)
                self.bddq[key] = choice
                self.body.addWidget(box)
            else:
                yes_no = YesNoRow(question_text, words.fill("bddq_name", key=key), self.content)
                yes_no.answered.connect(lambda v, k=key: self.edit(self.model.set_bddq, k, v))
                self.bddq[key] = yes_no
                self.body.addWidget(yes_no)
        self._build_cops()
        for item_id in appearance(self.kb):
            self._build_result(item_id)
        self._build_side()

    def _build_no_to_all(self) -> None:
        """One tap answers No to every question still open; each row can still be changed to Yes.
        The count beside it stays in view, also when a pause lets Next through with questions open.
        Its words are short and two lines are kept for them, so the rows below never move."""
        self.no_to_all_bar = QWidget(self.content)
        bar = QHBoxLayout(self.no_to_all_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(16)
        self.no_to_all = QPushButton(ui().screening.no_to_all, self.no_to_all_bar)
        self.no_to_all.setAccessibleName(ui().screening.no_to_all)
        self.no_to_all.setMinimumHeight(TOUCH)
        self.no_to_all.clicked.connect(self._no_to_all)
        bar.addWidget(self.no_to_all, 0, Qt.AlignmentFlag.AlignTop)
        self.left_count = label("", self.no_to_all_bar, "hint")
        self.left_count.setAccessibleName(ui().screening.not_asked_name)
        self.left_count.ensurePolished()  # the hint font of the stylesheet
        self.left_count.setMinimumHeight(2 * self.left_count.fontMetrics().lineSpacing())
        self.left_count.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.left_count, 1)
        self.body.addWidget(self.no_to_all_bar)

    def _build_cops(self) -> None:
        box, layout = card(self.content)
        self.cops_box = box  # the practitioner's questionnaire scores: not in patient mode
        words = ui().screening
        self.cops_toggle = ToggleRow(words.cops, words.cops_name, box)
        self.cops_toggle.toggled.connect(lambda on: self.edit(self.model.set_cops, [0] * 9 if on else None))
        layout.addWidget(self.cops_toggle)
        self.cops_rows = QWidget(box)
        grid = QVBoxLayout(self.cops_rows)
        grid.setContentsMargins(0, 0, 0, 0)
        self.cops: list[ChoiceButtons] = []
        for index in range(9):
            choice = ChoiceButtons(words.fill("cops_item_name", n=index + 1), COPS_SCALE, self.cops_rows, min_width=48)
            choice.chosen.connect(lambda v, i=index: self._cops(i, v))
            grid.addWidget(label(words.fill("cops_item", n=index + 1), self.cops_rows, wrap=False))  # above: nine buttons
            grid.addWidget(choice)  # and a label in one row are wider than the page beside the side panel
            self.cops.append(choice)
        self.cops_total = label("", self.cops_rows, "hint")
        grid.addWidget(self.cops_total)
        layout.addWidget(self.cops_rows)
        self.body.addWidget(box)

    def _cops(self, index: int, value: int) -> None:
        scores = list(self.draft.cops or [0] * 9)
        scores[index] = value
        self.edit(self.model.set_cops, scores)

    def _build_choices(self, question: Question) -> None:
        holder = QWidget(self.content)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(32, 0, 0, 0)
        values = list(Area) if question.sites else list(question.medicines)
        prompt = label("", holder, "hint")
        self.prompts[question.answer] = prompt
        layout.addWidget(prompt)
        names = self._choice_names(question, private=False)
        self.toggles[question.answer] = {}
        for value in values:
            toggle = ToggleRow(names[value], ui().screening.fill("choice_name", answer=question.answer, choice=names[value]), holder)
            toggle.toggled.connect(lambda _on, q=question: self._choose(q))
            layout.addWidget(toggle)
            self.toggles[question.answer][value] = toggle
        holder.setVisible(False)
        self.details[question.answer] = holder
        self.body.addWidget(holder)

    def _choice_names(self, question: Question, private: bool) -> dict[Any, str]:
        text = self.kb.text()
        if question.sites:  # the patient reads "The area under your eyes", not "Tear trough"
            return {a: (text.areas[a].patient[:1].upper() + text.areas[a].patient[1:]) if private
                    else area_name(self.kb, a) for a in Area}
        names = text.medicines_patient if private else text.medicines
        return {medicine: names[medicine] for medicine in question.medicines}

    def reword(self, private: bool) -> None:
        """The patient reads every question, prompt and choice in plain words (the [patient_mode],
        `patient_question` and `medicines_patient` texts); the practitioner the clinical ones."""
        w, words = self.patient_words(), ui().screening
        self.questions_title.setText(w.screening_section if private else words.questions)
        self.intro.setText(w.screening_intro if private else words.intro)
        # The patient answers each question (or leaves one open when unsure, as the intro says): a
        # blanket No would turn every unsure question into a No. The practitioner has the button.
        self.no_to_all_bar.setVisible(not private)
        replies = self.kb.text().replies
        for question in self.questions:
            row = self.rows[question.answer]
            row.label.setText(question.patient_text if private else question.text)
            row.state.setText(w.screening_open if private else replies[Reply.NOT_ASKED])
            if question.answer in self.toggles:
                sites, medicines = words.sites, words.medicines
                prompt = (w.screening_sites if private else sites) if question.sites else (
                    w.screening_medicines if private else medicines)
                self.prompts[question.answer].setText(prompt)
                names = self._choice_names(question, private)
                for value, toggle in self.toggles[question.answer].items():
                    toggle.setText(names[value])
        self.bddq_title.setText(w.bddq_section if private else words.bddq)
        for scale in self.bddq_scales.values():
            scale.setText(w.bddq_scale if private else words.bddq_scale)
        self.cops_box.setVisible(not private)

    def patient_reason(self) -> str:
        left = not_asked(self.draft, self.questions)
        return self.patient_words().screening_left.format(count=len(left)) if left else ""

    def _build_effect(self, key: str, items: tuple[ScreeningId, ...]) -> None:
        box, layout = card(self.content, "stop")
        box.setAccessibleName(ui().screening.fill("effect_name", key=key))
        layout.addWidget(label("", box))
        box.setVisible(False)
        self.effects[key] = box
        self.effect_items[key] = items
        self.body.addWidget(box)

    def _build_result(self, item_id: ScreeningId) -> None:
        """A card for an item this page does not ask: its question and what the answers say."""
        box, layout = card(self.content)
        box.setAccessibleName(ui().screening.fill("question_name", answer=item_id.value))
        layout.addWidget(label(self.kb.text().screening[item_id].question, box))
        result = label("", box, "strong")
        result.setAccessibleName(ui().screening.fill("result_name", item=item_id.value))
        layout.addWidget(result)
        self.results[item_id] = (box, result)
        self.body.addWidget(box)
        self._build_effect(item_id.value, (item_id,))

    def _build_side(self) -> None:
        """What the answers change, in words, beside the questions: it can grow and shrink as answers
        come without moving a row, and scrolls with a finger when long."""
        self.side, layout = card(self, "info")
        self.side.setFixedWidth(340)
        self.side.setAccessibleName(ui().screening.changes)
        layout.addWidget(label(ui().screening.changes, self.side, "section"))
        scroll = QScrollArea(self.side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.side_text = label("", scroll)
        self.side_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(self.side_text)
        layout.addWidget(scroll, 1)
        self.columns.setContentsMargins(0, 0, 24, 0)
        self.columns.addWidget(self.side)

    # --- answers: Reply values in the draft, nothing kept beside it ----------------------------
    def _answer(self, question: Question, reply: Reply) -> None:
        if question.answer in self.details:
            self.details[question.answer].setVisible(reply is Reply.YES)
        self.edit(self.model.set_reply, question.answer, reply, **question.follow_ups(self.draft, reply))

    def _no_to_all(self) -> None:
        replies, follow_ups = no_to_all(self.draft, self.questions)
        if replies and self.edit(self.model.set_replies, replies, **follow_ups):
            self._load()  # the rows show the new Noes; the page's own edits do not reload it

    def _choose(self, question: Question) -> None:
        chosen = [value for value, toggle in self.toggles[question.answer].items() if toggle.isChecked()]
        self.edit(self.model.set_follow_ups, **question.choose(self.draft, chosen))

    def show_question(self, answer: str) -> None:
        """Bring one question into view with the keyboard on it (the Plan page's 'Ask now')."""
        row = self.rows.get(answer)
        if row is not None:
            self.scroll_area.ensureWidgetVisible(row, 10, 40)
            row.choice.buttons[0].setFocus()

    def load(self, draft: Consultation) -> None:
        for question in self.questions:
            reply = question.reply(draft)
            self.rows[question.answer].set_value(reply)
            if question.answer in self.toggles:
                chosen = set(question.chosen(draft))
                for value, toggle in self.toggles[question.answer].items():
                    toggle.setChecked(value in chosen)
                self.details[question.answer].setVisible(reply is Reply.YES)
        for key, widget in self.bddq.items():
            widget.set_value(getattr(draft.bddq, key))
        self.cops_toggle.setChecked(draft.cops is not None)
        for index, choice in enumerate(self.cops):
            choice.set_value(draft.cops[index] if draft.cops else None)

    # --- effects: always what core says ---------------------------------------------------------
    def changed(self, draft: Consultation) -> None:
        private = self.private  # the patient holds the tablet: no clinical conclusions
        self.side.setVisible(not private)
        self.cops_total.setVisible(not private)
        self.cops_rows.setVisible(draft.cops is not None)
        if draft.cops is not None:
            referral = self.kb.facts.cops_referral_score.value
            self.cops_total.setText(ui().screening.fill("cops_total", total=sum(draft.cops), referral=referral))
        plan = self.plan
        lines: list[str] = []
        for question in self.questions:
            lines += self._show_effect(self.rows[question.answer], _messages(plan, question.items), private)
        for key, box in self.effects.items():
            messages, role = _messages(plan, self.effect_items[key])
            box.setVisible(bool(messages) and not private)
            if messages:
                restyle(box, role)
                messages = [dated(self.kb, m) for m in messages]
                shown = box.findChild(QLabel)
                assert shown is not None  # each effect card is built with its one label
                shown.setText("\n".join(messages))
                lines += [f"• {m}" for m in messages]
        if plan is not None:
            for flag in plan.flags:
                if flag.code in (FlagCode.TALK_FIRST, FlagCode.WAIT) and not flag.item:
                    lines.append(f"• {dated(self.kb, flag.message)}")
        self.earlier_title.setVisible(not private)
        for item_id, (box, result) in self.results.items():
            box.setVisible(not private)
            text, role = self._result(plan, item_id)
            result.setText(text)
            if box.property("role") != role:
                restyle(box, role)
        left = not_asked(self.draft, self.questions)
        self.no_to_all.setEnabled(bool(left))
        paused = self._paused()
        words = ui().screening
        self.left_count.setText(words.fill("left", left=len(left), total=len(self.questions)) if left
                                else words.all_asked)
        if left:
            key = "left_paused" if paused else "left_held"
            lines.insert(0, "• " + words.fill(key, count=_count(len(left)), total=len(self.questions)))
        self.side_text.setText("\n\n".join(lines) if lines else words.nothing)

    def _show_effect(self, row: ReplyRow, found: tuple[list[str], str], private: bool) -> list[str]:
        """A question's row takes the colour of what its answer does (stop, caution), and its words go to
        the side panel: an answer can change what another answer does (a bleeding disorder takes away
        the filler an allergy offered instead), and a card under each row would then grow or shrink
        above the finger. A colour moves nothing."""
        messages, role = found
        messages = [dated(self.kb, m) for m in messages] if not private else []
        role = role if messages else "card"
        if row.property("role") != role:
            restyle(row, role)
        row.setAccessibleDescription("\n".join(messages))
        return [f"• {m}" for m in messages]

    def _result(self, plan: Plan | None, item_id: ScreeningId) -> tuple[str, str]:
        result = plan.result(item_id) if plan is not None else None
        text = self.kb.text()
        if result is None:
            return "", "card"
        if result.status is ScreeningStatus.MISSING:
            return ui().screening.fill("not_known", missing=text.screening[item_id].missing), "caution"
        question = text.screening[item_id].question.endswith("?")
        if result.status is ScreeningStatus.POSITIVE:
            return text.replies[Reply.YES] if question else ui().screening.positive, "caution"
        return text.replies[Reply.NO] if question else ui().screening.negative, "card"

    def _paused(self) -> bool:
        """A positive answer (pregnancy, a positive BDDQ-AS) pauses the whole plan: nothing is done
        now, so the questions still open hold nothing more and need not stop Next."""
        plan = self.plan
        return plan is not None and bool(plan.paused_by)

    def problem(self) -> str | None:
        left = not_asked(self.draft, self.questions)
        if left and not self._paused():
            return ui().screening.fill("need_answers", count=_count(len(left)))
        for question in self.questions:
            if question.medicines and question.reply(self.draft) is Reply.YES and not question.chosen(self.draft):
                return ui().screening.fill("need_medicines", question=question.text)
        from core.engine.safety import bddq_unanswered  # here, not at import: core loads after the first paint

        if bddq_unanswered(self.draft):  # one rule with the engine: Q1 no is a finished screen
            return ui().screening.need_bddq
        return None


def _count(n: int) -> str:
    words = ui().screening
    return words.fill("count_one" if n == 1 else "count_many", n=n)


def _messages(plan: Plan | None, items: tuple[ScreeningId, ...]) -> tuple[list[str], str]:
    if plan is None:
        return [], "card"
    removed = [r.message for r in plan.removed if r.screening_item in items]
    flags = [f for f in plan.flags if f.item in items]
    stop = bool(removed) or any(f.code in (FlagCode.CONTRAINDICATION, FlagCode.WAIT) for f in flags)
    messages = list(dict.fromkeys(removed + [f.message for f in flags]))
    return messages, "stop" if stop else "caution"
