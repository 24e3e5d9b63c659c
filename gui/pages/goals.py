"""Page 2, Goals: the patient's own words, how much change they expect, budget and any event."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from core.money import AmountError, amount_example, currency_symbol, format_amount, parse_amount
from core.vocabulary import Expectation
from gui.labels import money
from gui.pages.base import ConsultPage, card, label, restyle
from gui.widgets.choice import ChoiceButtons
from gui.widgets.date_field import DateField
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation


class GoalsPage(ConsultPage):
    WORDS = "goals"
    PATIENT = "goals"

    def build(self) -> None:
        text = ui().goals
        words, layout = card(self.content)
        self.words_title = label(text.words, words, "section")
        layout.addWidget(self.words_title)
        self.words = self.text_box(words, text.words,
                                   lambda text: self.model.set_goals(in_patient_words=text), 120)
        layout.addWidget(self.words)
        self.body.addWidget(words)

        level, layout = card(self.content)
        self.expectation_title = label(text.expectation, level, "section")
        layout.addWidget(self.expectation_title)
        options = [(value, self.kb.text().expectations[value]) for value in Expectation]
        self.expectation = ChoiceButtons(text.expectation_name, options, level, clearable=True, min_width=180)
        self.expectation.chosen.connect(lambda value: self.edit(self.model.set_goals, expectation=value))
        layout.addWidget(self.expectation)
        self.body.addWidget(level)

        money, layout = card(self.content)
        self.budget_title = label(text.budget, money, "section")
        layout.addWidget(self.budget_title)
        row = QHBoxLayout()
        clinic = self.kb.settings.clinic
        row.addWidget(label(currency_symbol(clinic.currency, clinic.locale), money, wrap=False))
        self.budget = QLineEdit(money)
        self.budget.setAccessibleName(text.budget_name)
        self.budget.setMaximumWidth(260)
        # Read in the clinic's locale (core.money): "1.500,00" is 1500 in a German clinic and refused in
        # an English one; "€2k" is refused with the form to use, never read as 2. No validator: a
        # refused key press would be silently dropped, and "2k" would become 2.
        self.budget.setMaxLength(30)
        self.budget.textEdited.connect(self._budget)
        row.addWidget(self.budget)
        self.budget_read = label("", money, "hint", wrap=False)
        self.budget_read.setAccessibleName(text.budget_read)
        row.addWidget(self.budget_read)
        row.addStretch(1)
        layout.addLayout(row)
        self.event_title = label(text.event, money, "section")
        layout.addWidget(self.event_title)
        self.event_date = DateField(text.event_date, money, locale=self.clinic_locale, empty=text.event_none)
        self.event_date.date_changed.connect(lambda value: self.edit(self.model.set_goals, event_date=value))
        layout.addWidget(self.event_date)
        self.event_hint = label("", money, "hint")
        layout.addWidget(self.event_hint)
        self.body.addWidget(money)

    def reword(self, private: bool) -> None:
        w, text = self.patient_words(), ui().goals
        self.words_title.setText(w.goals_words if private else text.words)
        self.words.setPlaceholderText(w.goals_words_hint if private else text.words_hint)
        self.expectation_title.setText(w.goals_expectation if private else text.expectation)
        self.budget_title.setText(w.goals_budget if private else text.budget)
        self.budget.setPlaceholderText(w.goals_budget_none if private else text.budget_none)
        self.event_title.setText(w.goals_event if private else text.event)
        self.event_date.set_empty(w.goals_event_none if private else text.event_none)

    def _typed_budget(self) -> Decimal | None:
        """The budget field as an amount in the clinic's locale, None when empty; AmountError if not one."""
        clinic = self.kb.settings.clinic
        text = self.budget.text()
        return parse_amount(text, clinic.locale, clinic.currency) if text.strip() else None

    def _budget(self, text: str) -> None:
        try:
            amount = self._typed_budget()
        except AmountError:
            self._show_budget(self.draft)  # said beside the field; the draft keeps the earlier budget
            return
        self.edit(self.model.set_goals, budget=amount)

    def _show_budget(self, draft: Consultation) -> None:
        """Beside the field: the budget as read (`= €1,500`), or why the typed text is refused."""
        budget = draft.goals.budget
        try:
            self._typed_budget()
            text, role = ("" if budget is None else f"= {money(self.kb, budget)}"), "hint"
        except AmountError:  # the form to use ([goals] amount_form), as core's message says it
            clinic = self.kb.settings.clinic
            error = ui().goals.fill("amount_form", example=amount_example(clinic.locale, clinic.currency))
            kept = ui().goals.fill("budget_kept", error=error, amount=money(self.kb, budget)) if budget is not None else ""
            text, role = kept or error, "reason"
        self.budget_read.setText(text)
        if self.budget_read.property("role") != role:
            restyle(self.budget_read, role)

    def load(self, draft: Consultation) -> None:
        goals = draft.goals
        if self.words.toPlainText() != goals.in_patient_words:
            self.words.setPlainText(goals.in_patient_words)
        self.expectation.set_value(goals.expectation)
        try:
            same = self._typed_budget() == goals.budget  # then keep the practitioner's own form ("1500")
        except AmountError:
            same = False  # a refused text gives way to the budget the draft kept
        if not same:
            locale = self.kb.settings.clinic.locale
            self.budget.setText("" if goals.budget is None else format_amount(goals.budget, locale))
        self.event_date.set_value(goals.event_date)

    def changed(self, draft: Consultation) -> None:
        self._show_budget(draft)
        event = draft.goals.event_date
        if event is None:
            self.event_hint.setText("")
        else:
            days = (event - draft.consult_date).days
            if self.private:
                w = self.patient_words()
                self.event_hint.setText(w.goals_event_days.format(days=days) if days >= 0 else w.goals_event_past)
            else:
                words = ui().goals
                self.event_hint.setText(words.fill("event_days", days=days) if days >= 0 else words.event_past)
