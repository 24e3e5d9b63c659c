"""Page 4, Screening: every safety item as a big yes/no row, then the BDDQ-AS questions.

What an answer does is core's business: the page runs the plan and shows `plan.removed` and the
screening flags at once, beside the questions and under the row that caused them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from core.vocabulary import Area, FlagCode
from gui.labels import area_name
from gui.pages.base import ConsultPage, card, label, restyle
from gui.pages.screening_items import ASKED, FROM_EARLIER, Item
from gui.widgets.choice import ChoiceButtons
from gui.widgets.rows import ToggleRow, YesNoRow

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.plan import Plan

LIKERT = tuple((n, str(n)) for n in range(1, 6))
COPS_SCALE = tuple((n, str(n)) for n in range(9))


class ScreeningPage(ConsultPage):
    TITLE = "Safety screening"
    SUBTITLE = "Ask every question; a hard contraindication shows here at once"

    def build(self) -> None:
        text = self.kb.text()
        self.rows: dict[str, YesNoRow] = {}
        self.details: dict[str, QWidget] = {}
        self.toggles: dict[str, dict[object, ToggleRow]] = {}
        self.effects: dict[str, QFrame] = {}
        self.body.addWidget(label("Safety questions", self.content, "section"))
        for item in ASKED:
            row = YesNoRow(text.screening[item.id].question, f"Screening: {item.id}", self.content)
            row.answered.connect(lambda value, it=item: self._answer(it, value))
            self.rows[item.id] = row
            self.body.addWidget(row)
            if item.choices:
                self._build_choices(item)
            self._build_effect(item.id)
        self.earlier_title = label("From earlier pages", self.content, "section")
        self.body.addWidget(self.earlier_title)
        self.earlier: dict[str, QFrame] = {}
        for item_id in FROM_EARLIER:
            box, layout = card(self.content)
            box.setAccessibleName(f"Screening: {item_id}")
            layout.addWidget(label(text.screening[item_id].question, box))
            self.earlier[item_id] = box
            self.body.addWidget(box)
            self._build_effect(item_id)
        self.body.addWidget(label("Appearance concerns (BDDQ-AS)", self.content, "section"))
        self.bddq: dict[str, YesNoRow | ChoiceButtons] = {}
        for key, question in text.bddq.items():
            if key in ("q3", "q4", "q5", "q6"):
                box, layout = card(self.content)
                layout.addWidget(label(f"{question}  (1 not at all … 5 extremely)", box))
                choice = ChoiceButtons(f"BDDQ {key}", LIKERT, box, clearable=True, min_width=72)
                choice.chosen.connect(lambda v, k=key: self.apply({f"bddq.{k}": v}))
                layout.addWidget(choice)
                self.bddq[key] = choice
                self.body.addWidget(box)
            else:
                row = YesNoRow(question, f"BDDQ {key}", self.content)
                row.answered.connect(lambda v, k=key: self.apply({f"bddq.{k}": v}))
                self.bddq[key] = row
                self.body.addWidget(row)
        self._build_cops()
        self._build_side()

    def _build_cops(self) -> None:
        box, layout = card(self.content)
        self.cops_toggle = ToggleRow(
            "Record COPS scores (nine items, 0–8 each, from the questionnaire)", "Record COPS", box
        )
        self.cops_toggle.toggled.connect(lambda on: self.apply({"cops": [0] * 9 if on else None}))
        layout.addWidget(self.cops_toggle)
        self.cops_rows = QWidget(box)
        grid = QVBoxLayout(self.cops_rows)
        grid.setContentsMargins(0, 0, 0, 0)
        self.cops: list[ChoiceButtons] = []
        for index in range(9):
            choice = ChoiceButtons(f"COPS item {index + 1}", COPS_SCALE, self.cops_rows, min_width=48)
            choice.chosen.connect(lambda v, i=index: self._cops(i, v))
            grid.addWidget(label(f"Item {index + 1}", self.cops_rows, wrap=False))  # above: nine buttons
            grid.addWidget(choice)  # and a label in one row are wider than the page beside the side panel
            self.cops.append(choice)
        self.cops_total = label("", self.cops_rows, "hint")
        grid.addWidget(self.cops_total)
        layout.addWidget(self.cops_rows)
        self.body.addWidget(box)

    def _cops(self, index: int, value: int) -> None:
        scores = list(self.draft.cops or [0] * 9)
        scores[index] = value
        self.apply({"cops": scores})

    def _build_choices(self, item: Item) -> None:
        holder = QWidget(self.content)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(32, 0, 0, 0)
        layout.addWidget(label(item.prompt, holder, "hint"))
        self.toggles[item.id] = {}
        for value in item.choices:
            name = area_name(self.kb, value) if isinstance(value, Area) else item.label(value)
            toggle = ToggleRow(name, f"{item.id}: {name}", holder)
            toggle.toggled.connect(lambda _on, it=item: self._choose(it))
            layout.addWidget(toggle)
            self.toggles[item.id][value] = toggle
        holder.setVisible(False)
        self.details[item.id] = holder
        self.body.addWidget(holder)

    def _build_effect(self, item_id: str) -> None:
        box, layout = card(self.content, "stop")
        box.setAccessibleName(f"Effect of {item_id}")
        layout.addWidget(label("", box))
        box.setVisible(False)
        self.effects[item_id] = box
        self.body.addWidget(box)

    def _build_side(self) -> None:
        self.side, layout = card(self, "info")
        self.side.setFixedWidth(340)
        self.side.setAccessibleName("What the screening changes")
        layout.addWidget(label("What the screening changes", self.side, "section"))
        self.side_text = label("", self.side)
        layout.addWidget(self.side_text)
        layout.addStretch(1)
        self.columns.setContentsMargins(0, 0, 24, 0)
        self.columns.addWidget(self.side)

    # --- answers --------------------------------------------------------------------------------
    def _answer(self, item: Item, value: bool | None) -> None:
        self.consult.answered.add(item.id)
        self.details_visible(item, bool(value))
        self.apply(item.write(self.draft, bool(value), []))

    def _choose(self, item: Item) -> None:
        chosen = [v for v, t in self.toggles[item.id].items() if t.isChecked()]
        self.apply(item.write(self.draft, True, chosen))

    def details_visible(self, item: Item, on: bool) -> None:
        if item.id in self.details:
            self.details[item.id].setVisible(on)
            if not on:
                for toggle in self.toggles[item.id].values():
                    toggle.setChecked(False)

    def load(self, draft: Consultation) -> None:
        for item in ASKED:
            answered = self.consult.is_answered(item.id)
            yes = item.read(draft) or self.rows[item.id].value is True and item.id in self.details
            self.rows[item.id].set_value(yes if answered else None)
            if item.id in self.toggles:
                chosen = set(item.chosen(draft))
                for value, toggle in self.toggles[item.id].items():
                    toggle.setChecked(value in chosen)
                self.details[item.id].setVisible(bool(yes) and answered)
        for key, widget in self.bddq.items():
            widget.set_value(getattr(draft.bddq, key))
        self.cops_toggle.setChecked(draft.cops is not None)
        for index, choice in enumerate(self.cops):
            choice.set_value(draft.cops[index] if draft.cops else None)

    # --- effects: always what core says ---------------------------------------------------------
    def changed(self, draft: Consultation) -> None:
        private = self.consult.patient_mode  # the patient holds the tablet: no clinical conclusions
        self.side.setVisible(not private)
        self.cops_total.setVisible(not private)
        self.cops_rows.setVisible(draft.cops is not None)
        if draft.cops is not None:
            referral = self.kb.facts.cops_referral_score.value
            self.cops_total.setText(f"COPS total {sum(draft.cops)} of 72 (referral suggested at {referral}).")
        plan = self.consult.plan
        lines: list[str] = []
        for item_id, box in self.effects.items():
            messages, role = _messages(plan, item_id)
            box.setVisible(bool(messages) and not private)
            if messages:
                restyle(box, role)
                box.findChild(type(self.side_text)).setText("\n".join(messages))
                lines += [f"• {m}" for m in messages]
        if plan is not None:
            for flag in plan.flags:
                if flag.code in (FlagCode.TALK_FIRST, FlagCode.WAIT) and not flag.item:
                    lines.append(f"• {flag.message}")
        self.earlier_title.setVisible(not private)
        for item_id, box in self.earlier.items():
            box.setVisible(not private)
            restyle(box, "caution" if _messages(plan, item_id)[0] else "card")
        self.side_text.setText("\n\n".join(lines) if lines else "Nothing so far: no answer removes or delays a treatment.")

    def problem(self) -> str | None:
        left = [item for item in ASKED if not self.consult.is_answered(item.id)]
        if left:
            return f"answer every safety question ({len(left)} left)."
        for item in ASKED:
            if item.needs_choice and self.rows_yes(item) and not item.chosen(self.draft):
                return item.prompt.rstrip(":.") + "."
        b = self.draft.bddq
        if b.q1 is None or b.q2 is None or b.q1 and b.q2 and None in (b.q3, b.q4, b.q5, b.q6, b.q7):
            return "answer the BDDQ-AS questions (a validated screen is required)."
        return None

    def rows_yes(self, item: Item) -> bool:
        return self._built and self.rows[item.id].value is True


def _messages(plan: Plan | None, item_id: str) -> tuple[list[str], str]:
    if plan is None:
        return [], "card"
    removed = [r.message for r in plan.removed if r.screening_item == item_id]
    flags = [f for f in plan.flags if f.item == item_id]
    stop = bool(removed) or any(f.code in (FlagCode.CONTRAINDICATION, FlagCode.WAIT) for f in flags)
    messages = list(dict.fromkeys(removed + [f.message for f in flags]))
    return messages, "stop" if stop else "caution"
