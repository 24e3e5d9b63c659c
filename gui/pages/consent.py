"""Consent, after the plan: the patient reads the consent for the tools planned today, in their own
language (one tap; the signing records it), chooses about photos, signs with a finger; the practitioner
countersigns. A plan change after signing asks again for what was added (core/consent.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.vocabulary import Reply
from gui.pages.base import ConsultPage, card, clear_layout, label
from gui.widgets.languages import LanguageButtons, patient_languages
from gui.widgets.rows import YesNoRow
from gui.widgets.signature_pad import SignaturePad
from gui.widgets.wrapping import lay_out_now
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.texts import ClinicalRecordTexts
    from core.vocabulary import Tool


class ConsentPage(ConsultPage):
    WORDS = "consent"

    def build(self) -> None:
        words, names = self.record_words, ui().consent
        language, layout = card(self.content)
        layout.addWidget(label(names.language, language, "section"))
        layout.addWidget(label(names.language_hint, language, "hint"))
        self.languages = LanguageButtons(patient_languages(self.kb), language)
        self.languages.chosen.connect(self._speak)
        layout.addWidget(self.languages)
        self.body.addWidget(language)
        self.status = label("", self.content, "strong")
        self.status.setAccessibleName(names.status_name)
        self.body.addWidget(self.status)
        self.signed_box = QWidget(self.content)
        self.signed_row = QHBoxLayout(self.signed_box)
        self.signed_row.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.signed_box)
        self.forms_box = QWidget(self.content)
        self.forms = QVBoxLayout(self.forms_box)
        self.forms.setContentsMargins(0, 0, 0, 0)
        self.forms.setSpacing(12)
        self.body.addWidget(self.forms_box)
        self._shown: tuple[str, tuple[str, ...]] | None = None  # the language and words the pads were signed under
        photo_card, photo_layout = card(self.content)
        self.photo_card = photo_card
        self.photo_text = label(words.photo_consent_text, photo_card, "hint")
        photo_layout.addWidget(self.photo_text)
        self.photo_choice = YesNoRow(words.photo_consent_question, names.photo_name, photo_card)
        self.photo_choice.answered.connect(lambda _value: self._update_sign())
        photo_layout.addWidget(self.photo_choice)
        self.body.addWidget(photo_card)
        self.patient_pad, self.patient_title, self.patient_clear = self._pad(words.patient_signs, names.patient_pad)
        self.practitioner_pad, _title, _clear = self._pad(words.practitioner_signs, names.practitioner_pad)
        self.sign_button = QPushButton(words.sign, self.content)
        self.sign_button.setAccessibleName(names.sign_name)
        self.sign_button.setProperty("role", "primary")
        self.sign_button.setMinimumHeight(56)
        self.sign_button.clicked.connect(self._sign)
        self.body.addWidget(self.sign_button)
        self.sign_reason = label("", self.content, "hint")
        self.body.addWidget(self.sign_reason)

    def _pad(self, title: str, name: str) -> tuple[SignaturePad, QLabel, QPushButton]:
        box, layout = card(self.content)
        row = QHBoxLayout()
        heading = label(title, box, "section")
        row.addWidget(heading, 1)
        pad = SignaturePad(name, box)
        clear = QPushButton(self.record_words.clear, box)
        clear.setAccessibleName(ui().widgets.fill("clear_name", name=name))
        clear.setMinimumSize(120, 52)
        clear.clicked.connect(pad.clear)
        row.addWidget(clear)
        layout.addLayout(row)
        layout.addWidget(pad)
        pad.signed_changed.connect(lambda _signed: self._update_sign())
        self.body.addWidget(box)
        return pad, heading, clear

    # --- the patient's language -------------------------------------------------------------------
    @property
    def reader_words(self) -> ClinicalRecordTexts:
        """What the patient reads and answers here, in the patient's language (the draft's)."""
        return self.model.patient_kb.text().clinical_record

    def _speak(self, code: str) -> None:
        if self.edit(self.model.set_consult, patient_language=code):  # kept as chosen: another tablet's
            # wizard may speak another language, the patient's stays this one
            self._load()  # the forms again, in that language
            lay_out_now(self.forms_box)  # in this frame: not a frame of the new forms squeezed in the old space

    # --- what is planned today, and what is signed ------------------------------------------------
    def _today(self) -> list[Tool]:
        from core.given import tools_today

        plan = self.plan
        return tools_today(plan, self.kb) if plan is not None else []

    def _needed(self, draft: Consultation) -> list[Tool]:
        from core.consent import unsigned

        return unsigned(draft, self._today(), self._off_label_tools())

    def _off_label_tools(self) -> list[Tool]:
        """The tools used off-label today (the neuromodulator in the masseter or neck): their forms'
        off-label part is read and signed, even when the tool was consented to before it was planned there."""
        return [tool for tool in self._today()
                if (form_id := self.kb.consent_form(tool)) is not None and self._off_label_today(form_id)]

    def load(self, draft: Consultation) -> None:
        from core.consent import forms_for

        words = self.record_words
        today, needed = self._today(), self._needed(draft)
        clear_layout(self.forms)
        lines = [self._signed_line(signing.signed_at, [f.form for f in signing.forms]) for signing in draft.consent]
        if not today:
            lines.append(words.consent_nothing_today)
        elif draft.consent and not needed:
            lines.append(words.signed_covers)
        elif draft.consent:
            titles = [self.kb.text().consent_forms[f].title for f in forms_for(needed, self.kb)]
            lines.append(words.consent_again.format(forms="; ".join(titles)))
        self.status.setText("\n".join(lines))
        self.status.setVisible(bool(lines))  # no empty line's gap under the language card
        self._show_signatures(draft)
        language = self.model.patient_kb.settings.clinic.language
        self.languages.set_current(language)
        from core.consent import form_text

        speaking = self.model.patient_kb
        shown = (language, tuple(form_text(f, speaking, self._off_label_today(f)) for f in forms_for(needed, self.kb)))
        if shown != self._shown:  # signatures are given to the words on the page: other words (another
            self._shown = shown  # language, other forms, an off-label part) ask for them again
            self.patient_pad.clear()
            self.practitioner_pad.clear()
        said = self.reader_words
        direction = (Qt.LayoutDirection.RightToLeft if self.model.patient_kb.text().direction == "rtl"
                     else Qt.LayoutDirection.LeftToRight)
        for patients in (self.forms_box, self.photo_card, self.patient_pad.parentWidget()):
            if patients is not None:
                patients.setLayoutDirection(direction)  # what the patient reads, in its own direction
        self.patient_clear.setText(said.clear)
        self.photo_text.setText(said.photo_consent_text)
        self.photo_choice.label.setText(said.photo_consent_question)
        replies = self.model.patient_kb.text().replies  # the patient answers: Yes and No in their words
        for button, reply in zip(self.photo_choice.choice.buttons, (Reply.YES, Reply.NO), strict=True):
            button.setText(replies[reply])
        self.patient_title.setText(said.patient_signs)
        for form_id in forms_for(needed, self.kb):
            form = self._form(form_id)
            self.forms.addWidget(form)
            form.show()  # now: a widget added to a shown layout is shown on a later pass, after a frame
        self.photo_choice.set_value(draft.consent[-1].photos if draft.consent else None)
        self._update_sign()

    def _show_signatures(self, draft: Consultation) -> None:
        """The last signing's two signatures, as the record prints them."""
        from PySide6.QtGui import QPixmap

        from core.signatures import signature_png

        clear_layout(self.signed_row)
        self.signed_box.setVisible(bool(draft.consent))
        if not draft.consent:
            return
        last, words = draft.consent[-1], self.record_words
        for title, signature in ((words.record_patient_signature, last.patient_signature),
                                 (words.record_practitioner_signature, last.practitioner_signature)):
            box, layout = card(self.signed_box)
            layout.addWidget(label(title, box, "hint"))
            image = QLabel(box)
            image.setAccessibleName(ui().consent.fill("saved_name", title=title))
            pixmap = QPixmap()
            pixmap.loadFromData(signature_png(signature, 480))
            image.setPixmap(pixmap.scaledToWidth(300, Qt.TransformationMode.SmoothTransformation))
            layout.addWidget(image)
            self.signed_row.addWidget(box)
        self.signed_row.addStretch(1)

    def _signed_line(self, at: dt.datetime, forms: list[str]) -> str:
        from core.dates import show_date

        local = at.replace(tzinfo=dt.UTC).astimezone() if at.tzinfo is None else at.astimezone()
        titles = [self.kb.text().consent_forms[f].title for f in forms if f in self.kb.text().consent_forms]
        return self.record_words.signed.format(date=show_date(local.date(), self.clinic_locale()),
                                        time=local.strftime("%H:%M"), forms="; ".join(titles) or "—")

    def _form(self, form_id: str) -> QWidget:
        """A consent form as the patient reads it (core.consent.form_parts, which the signing keeps):
        its words and headings in the patient's language."""
        from core.consent import form_parts

        speaking = self.model.patient_kb
        box, layout = card(self.forms_box)
        box.setAccessibleName(ui().consent.fill("form_name", form=form_id))
        layout.addWidget(label(speaking.text().consent_forms[form_id].title, box, "section"))
        version = self.reader_words.consent_version.format(version=self.kb.consent_forms[form_id].version)
        layout.addWidget(label(version, box, "hint"))
        for heading, sentence in form_parts(form_id, speaking, self._off_label_today(form_id)):
            if heading:
                layout.addWidget(label(heading, box, "strong"))
                layout.addWidget(label(sentence, box))
            else:
                layout.addWidget(label(sentence, box, "strong"))  # the agreement
        return box

    def _off_label_today(self, form_id: str) -> bool:
        plan = self.plan
        tools = self.kb.consent_forms[form_id].tools
        return plan is not None and any(
            t.tool in tools and t.area is not None and self.kb.areas[t.area].toxin_off_label
            for s in plan.sessions if s.date == plan.consult_date for t in s.treatments
        )

    def _why_not(self) -> str:
        words = self.record_words
        if self.photo_choice.value is None:
            return words.photo_choice_needed
        if not (self.patient_pad.signed and self.practitioner_pad.signed):
            return words.sign_both
        return ""

    def _update_sign(self) -> None:
        why = self._why_not()
        self.sign_button.setEnabled(not why)
        self.sign_reason.setText(why)

    def _sign(self) -> None:
        from core.consent import signature

        if self._why_not():
            return
        patient = signature(self.patient_pad.strokes(), self.patient_pad.aspect())
        practitioner = signature(self.practitioner_pad.strokes(), self.practitioner_pad.aspect())
        at = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        if self.edit(self.model.sign_consent, self._needed(self.model.draft), bool(self.photo_choice.value),
                     patient, practitioner, at, self._off_label_tools()):
            self.patient_pad.clear()
            self.practitioner_pad.clear()
            self._load()
