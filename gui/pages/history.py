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
from gui.widgets.rows import YES_NO

if TYPE_CHECKING:
    from core.consultation import Consultation


class HistoryPage(ConsultPage):
    TITLE = "History"
    SUBTITLE = "Earlier treatments and how they went"

    def build(self) -> None:
        toxin, layout = card(self.content)
        layout.addWidget(label("Last neuromodulator (botulinum toxin) treatment", toxin, "section"))
        self.last_toxin = DateField("Last neuromodulator", toxin, empty="Never / not known")
        self.last_toxin.date_changed.connect(lambda v: self.apply({"history.last_neuromodulator": v}))
        layout.addWidget(self.last_toxin)
        self.body.addWidget(toxin)

        fillers, self.fillers_layout = card(self.content)
        self.fillers_layout.addWidget(label("Earlier fillers", fillers, "section"))
        self.fillers_box = QWidget(fillers)
        self.fillers_grid = QHBoxLayout(self.fillers_box)
        self.fillers_layout.addWidget(self.fillers_box)
        self.filler_rows: QWidget | None = None
        add = QPushButton("+ Add an earlier filler", fillers)
        add.setAccessibleName("Add an earlier filler")
        add.clicked.connect(self._add_filler)
        self.fillers_layout.addWidget(add)
        self.body.addWidget(fillers)

        notes, layout = card(self.content)
        layout.addWidget(label("Earlier complications", notes, "section"))
        self.complications = self.text_box(notes, "Earlier complications", "history.complications", 100)
        self.complications.setPlaceholderText("None known")
        layout.addWidget(self.complications)
        self.body.addWidget(notes)

    # --- earlier fillers: one card per filler, rebuilt from the draft ---------------------------
    def _fillers(self) -> list[dict[str, object]]:
        return [f.model_dump() for f in self.draft.history.earlier_fillers]

    def _add_filler(self) -> None:
        used = {f.area for f in self.draft.history.earlier_fillers}
        area = next((a for a in Area if a not in used), Area.CHEEKS)
        self.apply({"history.earlier_fillers": [*self._fillers(), {"area": area}]})
        self._show_fillers(self.draft)

    def _set_filler(self, index: int, key: str, value: object) -> None:
        fillers = self._fillers()
        fillers[index][key] = value
        self.apply({"history.earlier_fillers": fillers})

    def _remove_filler(self, index: int) -> None:
        fillers = self._fillers()
        del fillers[index]
        self.apply({"history.earlier_fillers": fillers})
        self._show_fillers(self.draft)

    def _show_fillers(self, draft: Consultation) -> None:
        if self.filler_rows is not None:
            self.filler_rows.deleteLater()
        self.filler_rows = QWidget(self.fillers_box)
        grid = QGridLayout(self.filler_rows)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(10)
        for index, filler in enumerate(draft.history.earlier_fillers):
            name = f"Earlier filler {index + 1}"
            row = index * 3
            areas = ChoiceButtons(
                f"{name} area", [(a, area_name(self.kb, a)) for a in Area], self.filler_rows, columns=7
            )
            areas.set_value(filler.area)
            areas.chosen.connect(lambda v, i=index: self._set_filler(i, "area", v))
            grid.addWidget(label(name, self.filler_rows, "section"), row, 0)
            remove = QPushButton("Remove", self.filler_rows)
            remove.setProperty("role", "quiet")
            remove.setAccessibleName(f"{name}: remove")
            remove.clicked.connect(lambda _=False, i=index: self._remove_filler(i))
            grid.addWidget(remove, row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(areas, row + 1, 0, 1, 2)
            details = QHBoxLayout()
            when = DateField(f"{name} date", self.filler_rows, empty="Date not known")
            when.set_value(filler.date)
            when.date_changed.connect(lambda v, i=index: self._set_filler(i, "date", v))
            details.addWidget(when)
            details.addWidget(label("Permanent (non-HA)?", self.filler_rows, wrap=False))
            permanent = ChoiceButtons(f"{name} permanent", YES_NO, self.filler_rows, min_width=72)
            permanent.set_value(filler.permanent)
            permanent.chosen.connect(lambda v, i=index: self._set_filler(i, "permanent", bool(v)))
            details.addWidget(permanent)
            product = QLineEdit(filler.product, self.filler_rows)
            product.setAccessibleName(f"{name} product")
            product.setPlaceholderText("Product, if known")
            product.setMaxLength(200)
            product.textEdited.connect(lambda t, i=index: self._set_filler(i, "product", t.strip()))
            details.addWidget(product, 1)
            grid.addLayout(details, row + 2, 0, 1, 2)
        if not draft.history.earlier_fillers:
            grid.addWidget(label("None recorded.", self.filler_rows, "hint"), 0, 0)
        self.fillers_grid.addWidget(self.filler_rows)
        self.filler_rows.show()

    def load(self, draft: Consultation) -> None:
        self.last_toxin.set_value(draft.history.last_neuromodulator)
        if self.complications.toPlainText() != draft.history.complications:
            self.complications.setPlainText(draft.history.complications)
        self._show_fillers(draft)

