"""Page 1, Consult: who, by whom, when, and whether this is the first injectable treatment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit

from gui.pages.base import ConsultPage, card, label
from gui.widgets.date_field import DateField
from gui.widgets.rows import YesNoRow
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation


class ConsultDetailsPage(ConsultPage):
    WORDS = "consult"

    def build(self) -> None:
        words = ui().consult
        box, layout = card(self.content)
        form = QFormLayout()
        form.setSpacing(12)
        layout.addLayout(form)
        self.name = QLineEdit(box)
        self.name.setAccessibleName(words.patient_name)
        self.name.setPlaceholderText(words.required)
        self.name.setMaxLength(200)
        self.name.textEdited.connect(lambda text: self.edit(self.model.set_patient, name=text.strip()))
        form.addRow(label(words.patient_name, box, wrap=False), self.name)
        self.patient_id = QLineEdit(box)
        self.patient_id.setAccessibleName(words.patient_number)
        self.patient_id.setPlaceholderText(words.patient_number_hint)
        self.patient_id.setMaxLength(100)
        self.patient_id.textEdited.connect(lambda text: self.edit(self.model.set_patient, patient_id=text.strip()))
        form.addRow(label(words.patient_number, box, wrap=False), self.patient_id)
        self.birth = DateField(words.date_of_birth, box, locale=self.clinic_locale,
                               start_year=dt.date.today().year - 40)
        self.birth.date_changed.connect(lambda value: self.edit(self.model.set_patient, date_of_birth=value))
        form.addRow(label(words.date_of_birth, box, wrap=False), self.birth)
        self.practitioner = QLineEdit(box)
        self.practitioner.setAccessibleName(words.practitioner)
        self.practitioner.setMaxLength(200)
        self.practitioner.textEdited.connect(lambda text: self.edit(self.model.set_consult, practitioner=text.strip()))
        form.addRow(label(words.practitioner, box, wrap=False), self.practitioner)
        self.consult_date = DateField(words.consult_date, box, locale=self.clinic_locale, clearable=False)
        self.consult_date.date_changed.connect(self._consult_date)
        form.addRow(label(words.consult_date, box, wrap=False), self.consult_date)
        self.body.addWidget(box)
        self.first = YesNoRow(words.first, words.first_name, self.content)
        self.first.answered.connect(self._first)
        self.body.addWidget(self.first)
        self.age = label("", self.content, "hint")
        self.body.addWidget(self.age)

    def _consult_date(self, value: dt.date | None) -> None:
        if value is not None:
            self.edit(self.model.set_consult, consult_date=value)

    def _first(self, value: bool | None) -> None:
        self.model.mark_answered("first_injectable")
        self.edit(self.model.set_history, first_injectable_treatment=bool(value))

    def load(self, draft: Consultation) -> None:
        self.name.setText(draft.patient.name)
        self.patient_id.setText(draft.patient.patient_id)
        self.birth.set_value(draft.patient.date_of_birth)
        self.practitioner.setText(draft.practitioner)
        self.consult_date.set_value(draft.consult_date)
        answered = self.model.is_answered("first_injectable")
        self.first.set_value(draft.history.first_injectable_treatment if answered else None)

    def changed(self, draft: Consultation) -> None:
        birth = draft.patient.date_of_birth
        if birth is None:
            self.age.setText("")
            return
        day = draft.consult_date
        years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        self.age.setText(ui().consult.fill("age", years=years))

    def problem(self) -> str | None:
        if not self.draft.patient.name:
            return ui().consult.need_name
        if self.draft.patient.date_of_birth is None:
            adult = self.kb.facts.adult_age_years.value  # a clinical fact: the knowledge base's, not ours
            return ui().consult.fill("need_birth", adult=adult)
        if not self.model.is_answered("first_injectable"):
            return ui().consult.need_first
        return None
