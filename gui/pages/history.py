"""Page 3, History: the last neuromodulator, earlier fillers and any complications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from core.vocabulary import Area
from gui.labels import area_name
from gui.pages.base import ConsultPage, card, label
from gui.widgets.choice import ChoiceButtons
from gui.widgets.date_field import DateField
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation


class HistoryPage(ConsultPage):
    WORDS = "history"
    PATIENT = "history"

    def build(self) -> None:
        toxin, layout = card(self.content)
        self.toxin_title = label("", toxin, "section")
        layout.addWidget(self.toxin_title)
        self.last_toxin = DateField(ui().history.last_toxin, toxin, locale=self.clinic_locale)
        self.last_toxin.date_changed.connect(lambda v: self.edit(self.model.set_history, last_neuromodulator=v))
        layout.addWidget(self.last_toxin)
        self.body.addWidget(toxin)

        fillers, self.fillers_layout = card(self.content)
        self.fillers_title = label("", fillers, "section")
        self.fillers_layout.addWidget(self.fillers_title)
        self.fillers_box = QWidget(fillers)
        self.fillers_grid = QHBoxLayout(self.fillers_box)
        self.fillers_layout.addWidget(self.fillers_box)
        self.filler_rows: QWidget | None = None
        self.add = QPushButton("", fillers)
        self.add.setAccessibleName(ui().history.add_name)
        self.add.clicked.connect(self._add_filler)
        self.fillers_layout.addWidget(self.add)
        self.body.addWidget(fillers)

        notes, layout = card(self.content)
        self.complications_title = label("", notes, "section")
        layout.addWidget(self.complications_title)
        self.complications = self.text_box(notes, ui().history.complications,
                                           lambda text: self.model.set_history(complications=text), 100)
        layout.addWidget(self.complications)
        self.body.addWidget(notes)

    def reword(self, private: bool) -> None:
        w, text = self.patient_words(), ui().history
        self.toxin_title.setText(w.history_toxin if private else text.toxin_title)
        self.last_toxin.set_empty(w.history_toxin_none if private else text.toxin_none)
        self.fillers_title.setText(w.history_fillers if private else text.fillers)
        self.add.setText(w.history_add_filler if private else text.add)
        self.complications_title.setText(w.history_complications if private else text.complications)
        self.complications.setPlaceholderText(w.history_complications_none if private else text.complications_none)

    def _words(self) -> dict[str, str]:
        """The filler cards' words: the patient's in patient mode (the cards are rebuilt on each load)."""
        if self.private:
            w = self.patient_words()
            return {"filler": w.history_filler, "remove": w.history_remove, "date": w.history_filler_date_none,
                    "permanent": w.history_filler_permanent, "product": w.history_filler_product,
                    "none": w.history_fillers_none}
        text = ui().history
        return {"filler": text.filler, "remove": text.remove, "date": text.date_none,
                "permanent": text.permanent, "product": text.product, "none": text.none}

    def _area_names(self) -> list[tuple[Area, str]]:
        if self.private:  # "The area under your eyes", not "Tear trough"
            return [(a, self.kb.text().areas[a].patient[:1].upper() + self.kb.text().areas[a].patient[1:])
                    for a in Area]
        return [(a, area_name(self.kb, a)) for a in Area]

    # --- earlier fillers: one card per filler, rebuilt from the draft ---------------------------
    def _add_filler(self) -> None:
        used = {f.area for f in self.draft.history.earlier_fillers}
        area = next((a for a in Area if a not in used), Area.CHEEKS)
        self.edit(self.model.add_earlier_filler, area)
        self._show_fillers(self.draft)

    def _remove_filler(self, index: int) -> None:
        self.edit(self.model.remove_earlier_filler, index)
        self._show_fillers(self.draft)

    def _show_fillers(self, draft: Consultation) -> None:
        if self.filler_rows is not None:
            self.filler_rows.deleteLater()
        self.filler_rows = QWidget(self.fillers_box)
        grid = QGridLayout(self.filler_rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(10)
        words, text = self._words(), ui().history
        yes_no = ((True, ui().rows.yes), (False, ui().rows.no))
        for index, filler in enumerate(draft.history.earlier_fillers):
            name = text.fill("filler", n=index + 1)
            row = index * 3
            areas = ChoiceButtons(
                text.fill("filler_area", name=name), self._area_names(), self.filler_rows, columns=3 if self.private else 7
            )
            areas.set_value(filler.area)
            areas.chosen.connect(lambda v, i=index: self.edit(self.model.set_earlier_filler, i, area=v))
            grid.addWidget(label(words["filler"].format(n=index + 1), self.filler_rows, "section"), row, 0)
            remove = QPushButton(words["remove"], self.filler_rows)
            remove.setProperty("role", "quiet")
            remove.setAccessibleName(text.fill("filler_remove", name=name))
            remove.clicked.connect(lambda _=False, i=index: self._remove_filler(i))
            grid.addWidget(remove, row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(areas, row + 1, 0, 1, 2)
            details = QHBoxLayout()
            when = DateField(text.fill("filler_date", name=name), self.filler_rows, locale=self.clinic_locale,
                             empty=words["date"])
            when.set_value(filler.date)
            when.date_changed.connect(lambda v, i=index: self.edit(self.model.set_earlier_filler, i, date=v))
            details.addWidget(when)
            details.addWidget(label(words["permanent"], self.filler_rows, wrap=False))
            permanent = ChoiceButtons(text.fill("filler_permanent", name=name), yes_no, self.filler_rows, min_width=72)
            permanent.set_value(filler.permanent)
            permanent.chosen.connect(lambda v, i=index: self.edit(self.model.set_earlier_filler, i, permanent=bool(v)))
            details.addWidget(permanent)
            product = QLineEdit(filler.product, self.filler_rows)
            product.setAccessibleName(text.fill("filler_product", name=name))
            product.setPlaceholderText(words["product"])
            product.setMaxLength(200)
            product.textEdited.connect(lambda t, i=index: self.edit(self.model.set_earlier_filler, i, product=t.strip()))
            details.addWidget(product, 1)
            grid.addLayout(details, row + 2, 0, 1, 2)
        if not draft.history.earlier_fillers:
            grid.addWidget(label(words["none"], self.filler_rows, "hint"), 0, 0)
        self.fillers_grid.addWidget(self.filler_rows)
        self.filler_rows.show()

    def load(self, draft: Consultation) -> None:
        self.last_toxin.set_value(draft.history.last_neuromodulator)
        if self.complications.toPlainText() != draft.history.complications:
            self.complications.setPlainText(draft.history.complications)
        self._show_fillers(draft)

