"""Given: what went in today, area by area (product from the clinic's list, lot, expiry, amount), and
adverse events as they happen. core/given.py checks each entry: no consent or an expired lot is refused,
a lot expiring soon and a dose over the label are warned."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.consultation import MAX_ML, MAX_UNITS
from gui.pages.base import ConsultPage, card, clear_layout, label
from gui.widgets.choice import ChoiceButtons
from gui.widgets.date_field import DateField
from gui.widgets.injection_map import InjectionMap
from gui.widgets.keypad import KeypadField
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.vocabulary import Area, Tool


def shown_unit(unit: str) -> str:
    """A product's unit as the GUI shows it: "units" in the GUI's language, "mL" as it is."""
    return ui().given.units if unit == "units" else unit


class GivenPage(ConsultPage):
    WORDS = "given"

    def build(self) -> None:
        words, names = self.record_words, ui().given
        units = shown_unit("units")
        box, layout = card(self.content)
        self.form_box = box
        layout.addWidget(label(words.given_area, box, "section"))
        self.what_holder = QVBoxLayout()
        layout.addLayout(self.what_holder)
        self.what: ChoiceButtons | None = None
        layout.addWidget(label(words.given_product, box, "section"))
        self.product_holder = QVBoxLayout()
        layout.addLayout(self.product_holder)
        self.product: ChoiceButtons | None = None
        grid = QGridLayout()
        grid.setSpacing(12)
        self.lot = QLineEdit(box)
        self.lot.setAccessibleName(names.lot_name)
        self.lot.setMaxLength(60)
        self.lot.setMinimumHeight(52)
        grid.addWidget(label(words.given_lot, box, wrap=False), 0, 0)
        grid.addWidget(self.lot, 0, 1)
        self.expiry = DateField(names.expiry_name, box, locale=self.clinic_locale, start_year=dt.date.today().year)
        grid.addWidget(label(words.given_expiry, box, wrap=False), 1, 0)
        grid.addWidget(self.expiry, 1, 1)
        self.amount_label = label(words.given_amount.format(unit=units), box, wrap=False)
        self.amount = KeypadField(names.amount_name, box, unit=units, high=MAX_UNITS, decimals=2, beside=box)
        grid.addWidget(self.amount_label, 2, 0)
        grid.addWidget(self.amount, 2, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.record_button = QPushButton(words.given_record, box)
        self.record_button.setAccessibleName(names.record_name)
        self.record_button.setProperty("role", "primary")
        self.record_button.setMinimumHeight(56)
        self.record_button.clicked.connect(self._record)
        layout.addWidget(self.record_button)
        self.message = label("", box, "reason")
        self.message.setAccessibleName(names.message_name)
        layout.addWidget(self.message)
        self.body.addWidget(box)
        self.points_box, points_layout = card(self.content)
        points_layout.addWidget(label(words.given_points_heading, self.points_box, "section"))
        row = QHBoxLayout()
        row.addWidget(label(words.given_per_point, self.points_box, wrap=False))
        self.per_point = KeypadField(names.per_point_name, self.points_box, unit=units, high=MAX_UNITS,
                                     decimals=2, beside=self.points_box)
        row.addWidget(self.per_point)
        row.addStretch(1)
        clear = QPushButton(words.given_points_clear, self.points_box)
        clear.setAccessibleName(names.clear_points_name)
        clear.setMinimumSize(140, 52)
        clear.clicked.connect(lambda: self._set_points([]))
        row.addWidget(clear)
        points_layout.addLayout(row)
        self.map_holder = QVBoxLayout()
        points_layout.addLayout(self.map_holder)
        self.map: InjectionMap | None = None
        self._points: list[tuple[float, float, float]] = []
        self.body.addWidget(self.points_box)
        self.list_box, self.list_layout = card(self.content)
        self.body.addWidget(self.list_box)
        self._pairs: list[tuple[Tool, Area | None]] = []

    # --- the form ---------------------------------------------------------------------------------
    def _pair_name(self, pair: tuple[Tool, Area | None]) -> str:
        tool, area = pair
        place = self.kb.text().areas[area].name if area is not None else self.kb.text().takeaway.whole_face
        return f"{place[:1].upper()}{place[1:]} · {self.kb.text().tools[tool].name}"

    def _set_what(self, pairs: list[tuple[Tool, Area | None]]) -> None:
        if pairs == self._pairs and self.what is not None:
            return
        self._pairs = pairs
        if self.what is not None:
            self.what.hide()
            self.what.deleteLater()
        self.what = ChoiceButtons(ui().given.what_name, [(p, self._pair_name(p)) for p in pairs], self.form_box,
                                  min_width=160, columns=2)
        self.what.chosen.connect(self._what_chosen)
        self.what_holder.addWidget(self.what)
        only = pairs[0] if len(pairs) == 1 else None  # one treatment today: already chosen
        self.what.set_value(only)
        self._what_chosen(only)

    def _what_chosen(self, pair: object) -> None:
        if self.product is not None:
            self.product.hide()
            self.product.deleteLater()
            self.product = None
        self._place_map(pair[1] if isinstance(pair, tuple) else None)
        if not isinstance(pair, tuple):
            return
        tool = pair[0]
        products = self.kb.products_for(tool)
        self.product = ChoiceButtons(ui().given.product_name, [(p.name, p.name) for p in products], self.form_box,
                                     min_width=160, columns=2)
        self.product_holder.addWidget(self.product)
        in_units = bool(products) and products[0].unit == "units"
        unit = shown_unit("units" if in_units else "mL")
        self.amount.unit = self.per_point.unit = unit
        self.amount.high = self.per_point.high = MAX_UNITS if in_units else MAX_ML  # a typo of 10 for 1.0 mL refused
        self.amount.set_value(self.amount.value)
        self.per_point.set_value(self.per_point.value)
        self.amount_label.setText(self.record_words.given_amount.format(unit=unit))
        if not products:
            self.message.setText(self.record_words.given_no_products.format(tool=self.kb.text().tools[tool].name))

    # --- injection points -------------------------------------------------------------------------
    def _place_map(self, area: Area | None) -> None:
        if self.map is not None:
            self.map.hide()
            self.map.deleteLater()
            self.map = None
        self._points = []
        self.points_box.setVisible(area is not None)
        if area is None:
            return
        self.map = InjectionMap(ui().given.map_name, area, self.points_box)
        self.map.setFixedHeight(300)
        self.map.point_tapped.connect(self._point)
        self.map_holder.addWidget(self.map)

    def _point(self, x: float, y: float) -> None:
        if self.per_point.value is None:
            self.message.setText(self.record_words.given_per_point_needed)
            return
        self._set_points([*self._points, (x, y, float(self.per_point.value))])
        if self.amount.value is None or self.amount.value == sum(a for _, _, a in self._points[:-1]):
            self.amount.set_value(sum(a for _, _, a in self._points))  # the total follows the points

    def _set_points(self, points: list[tuple[float, float, float]]) -> None:
        self._points = points
        if self.map is not None:
            self.map.set_points(points, self.amount.unit)

    def _entry_problem(self) -> str:
        words = self.record_words
        if self.what is None or self.what.value is None or self.product is None or self.product.value is None:
            return words.product_needed
        if not self.lot.text().strip():
            return words.lot_needed
        if self.expiry.value is None:
            return words.expiry_needed
        if self.amount.value is None:
            return words.amount_needed
        return ""

    def _record(self) -> None:
        from core.consultation import GivenTreatment, InjectionPoint
        from core.given import check_given

        problem = self._entry_problem()
        if problem:
            self.message.setText(problem)
            return
        assert self.what is not None and self.product is not None and self.expiry.value is not None
        tool, area = self.what.value
        product = next(p for p in self.kb.products_for(tool) if p.name == self.product.value)
        entry = GivenTreatment(tool=tool, area=area, product=product.name, lot=self.lot.text().strip(),
                               expiry=self.expiry.value, amount=float(self.amount.value or 0), unit=product.unit,
                               points=[InjectionPoint(x=x, y=y, amount=a) for x, y, a in self._points])
        check = check_given(entry, self.model.draft, self.kb)
        if check.refused:
            self.message.setText(check.refused)
            return
        if self.edit(self.model.add_given, entry):
            self.message.setText("\n".join(check.warnings))
            self.lot.clear()
            self.amount.set_value(None)
            self._set_points([])

    # --- the list ---------------------------------------------------------------------------------
    def load(self, draft: Consultation) -> None:
        from core.given import planned_today

        plan = self.plan
        self._set_what(planned_today(plan, self.kb) if plan is not None else [])

    def changed(self, draft: Consultation) -> None:
        """The list of what was given, after every change (an entry recorded here too)."""
        clear_layout(self.list_layout)
        if not draft.treatments_given:
            self.list_layout.addWidget(label(self.record_words.given_none, self.list_box, "hint"))
        for index in range(len(draft.treatments_given)):
            self.list_layout.addWidget(self._row(draft, index))

    def _row(self, draft: Consultation, index: int) -> QWidget:
        from core.dates import show_date

        words, given = self.record_words, draft.treatments_given[index]
        row = QWidget(self.list_box)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        line = QHBoxLayout()
        area = self.kb.text().areas[given.area].name if given.area else self.kb.text().takeaway.whole_face
        text = words.given_line.format(area=area, product=given.product, lot=given.lot, amount=f"{given.amount:g}",
                                       expiry=show_date(given.expiry, self.clinic_locale()), unit=shown_unit(given.unit))
        line.addWidget(label(text, row, "strong"), 1)
        remove = QPushButton(words.given_remove, row)
        remove.setAccessibleName(ui().given.fill("remove_name", n=index + 1))
        remove.setMinimumSize(120, 52)
        remove.clicked.connect(lambda _c=False, i=index: self.edit(self.model.remove_given, i))
        line.addWidget(remove)
        layout.addLayout(line)
        for event in given.adverse_events:
            layout.addWidget(label(words.given_adverse_line.format(time=event.at.strftime("%H:%M"), what=event.what),
                                   row, "reason"))
        adverse = QHBoxLayout()
        what = QLineEdit(row)
        what.setAccessibleName(ui().given.fill("adverse_name", n=index + 1))
        what.setPlaceholderText(words.given_adverse)
        what.setMaxLength(2_000)
        what.setMinimumHeight(52)
        adverse.addWidget(what, 1)
        add = QPushButton(words.given_adverse_add, row)
        add.setAccessibleName(ui().given.fill("adverse_add_name", n=index + 1))
        add.setMinimumHeight(52)
        add.clicked.connect(lambda _c=False, i=index, box=what: self._adverse(i, box.text()))
        adverse.addWidget(add)
        layout.addLayout(adverse)
        return row

    def _adverse(self, index: int, what: str) -> None:
        if what.strip():
            self.edit(self.model.add_adverse_event, index, what.strip(), dt.datetime.now(dt.UTC).replace(
                microsecond=0, tzinfo=None))
