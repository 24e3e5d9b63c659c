"""Page 1, Consult: who, by whom, when, and whether this is the first injectable treatment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit

from gui.pages.base import ConsultPage, card, label
from gui.widgets.date_field import DateField
from gui.widgets.rows import YesNoRow

if TYPE_CHECKING:
    from core.consultation import Consultation


class ConsultDetailsPage(ConsultPage):
    TITLE = "Consult"
    SUBTITLE = "Who is the patient, and is this their first treatment?"

    def build(self) -> None:
        box, layout = card(self.content)
        form = QFormLayout()
        form.setSpacing(12)
        layout.addLayout(form)
        self.name = QLineEdit(box)
        self.name.setAccessibleName("Patient name")
        self.name.setPlaceholderText("Required")
        self.name.setMaxLength(200)
        self.name.textEdited.connect(lambda text: self.edit(self.model.set_patient, name=text.strip()))
        form.addRow(label("Patient name", box, wrap=False), self.name)
        self.patient_id = QLineEdit(box)
        self.patient_id.setAccessibleName("Patient number")
        self.patient_id.setPlaceholderText("Optional, the clinic's own number")
        self.patient_id.setMaxLength(100)
        self.patient_id.textEdited.connect(lambda text: self.edit(self.model.set_patient, patient_id=text.strip()))
        form.addRow(label("Patient number", box, wrap=False), self.patient_id)
        self.birth = DateField("Date of birth", box, locale=self.clinic_locale,
                               start_year=dt.date.today().year - 40)
        self.birth.date_changed.connect(lambda value: self.edit(self.model.set_patient, date_of_birth=value))
        form.addRow(label("Date of birth", box, wrap=False), self.birth)
        self.practitioner = QLineEdit(box)
        self.practitioner.setAccessibleName("Practitioner")
        self.practitioner.setMaxLength(200)
        self.practitioner.textEdited.connect(lambda text: self.edit(self.model.set_consult, practitioner=text.strip()))
        form.addRow(label("Practitioner", box, wrap=False), self.practitioner)
        self.consult_date = DateField("Consult date", box, locale=self.clinic_locale, clearable=False)
        self.consult_date.date_changed.connect(self._consult_date)
        form.addRow(label("Consult date", box, wrap=False), self.consult_date)
        self.body.addWidget(box)
        self.first = YesNoRow(
            "Is this the patient's first ever injectable treatment?", "First injectable treatment", self.content
        )
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
        self.age.setText(f"Age at the consult: {years}")

    def problem(self) -> str | None:
        if not self.draft.patient.name:
            return "enter the patient's name."
        if self.draft.patient.date_of_birth is None:
            adult = self.kb.facts.adult_age_years.value  # a clinical fact: the knowledge base's, not ours
            return f"enter the date of birth (no cosmetic injectables under {adult})."
        if not self.model.is_answered("first_injectable"):
            return "say whether this is the first injectable treatment."
        return None
