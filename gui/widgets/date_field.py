"""A date field that works by touch: tap to open a drop-down picker of big year, month, day buttons.

Babel and the clinic's locale (core.dates, core.money) are imported when a date is first written or the
picker first opens, calendar with the picker: the first page has date fields, and they say "Not set"
until then, so its first paint does without them (~15 ms of the start; README "Startup").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.words import ui

YEAR_STEPS = ((-10, "−10"), (-1, "−1"), (1, "+1"), (10, "+10"))
BUTTON_WIDTH = 300  # the longest long-form date with the open mark, in the app's font, fits


def month_names(locale: str) -> list[str]:
    """The picker's twelve month buttons, abbreviated the clinic's way (Mar, Mär, mars)."""
    from babel.dates import get_month_names

    from core.money import clinic_locale

    names = get_month_names("abbreviated", "stand-alone", locale=clinic_locale(locale))
    return [str(names[m]) for m in range(1, 13)]


def _days_in(year: int, month: int) -> int:
    import calendar  # with the picker: calendar imports locale, ~3 ms of the start

    return calendar.monthrange(year, month)[1]


def _show_date(value: dt.date, locale: str) -> str:
    from core.dates import show_date

    return show_date(value, locale)


class DateField(QWidget):
    """`date_changed(date | None)` fires on every pick; the picker folds away after the day tap.

    `locale` gives the clinic's locale (`kb.settings.clinic.locale`), asked when a date is shown: a page
    may be built before the knowledge base is loaded."""

    date_changed = Signal(object)

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        locale: Callable[[], str],
        empty: str = "",
        clearable: bool = True,
        start_year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._locale = locale
        self._empty = empty or ui().widgets.not_set
        self._value: dt.date | None = None
        today = dt.date.today()
        self._year = start_year or today.year
        self._month = today.month
        self._start = (self._year, self._month)  # where an empty field's picker opens
        self.setAccessibleName(name)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.button = QPushButton(self)
        self.button.setAccessibleName(name)
        # A fixed width: the text changes (a date, the open mark), the button and Clear beside it never move.
        # (The app's stylesheet sets min-width on every button, which wins over setFixedWidth: say it here.)
        inner = BUTTON_WIDTH - 32  # the stylesheet's 16 px padding either side
        self.button.setStyleSheet(f"QPushButton {{ min-width: {inner}px; max-width: {inner}px; }}")
        self.button.clicked.connect(self.toggle_picker)
        top.addWidget(self.button)
        self.clear_button = QPushButton(ui().widgets.clear, self)
        self.clear_button.setProperty("role", "quiet")
        self.clear_button.setAccessibleName(ui().widgets.fill("clear_name", name=name))
        self.clear_button.clicked.connect(lambda: self._commit(None))
        self.clear_button.setVisible(clearable)
        top.addWidget(self.clear_button)
        top.addStretch(1)
        outer.addLayout(top)
        # The picker opens over the page, below the field, like a drop-down: nothing on the page moves
        # under the finger when it opens or closes (issue 10). A popup closes on a tap outside it.
        self.picker = QFrame(self)  # a popup when it is built, on the first tap (no `Qt` enums before it)
        self.picker.setProperty("role", "card")
        self.picker.setObjectName("DatePicker")
        self.picker.setVisible(False)
        self.year_label = QLabel(self.picker)  # laid out with the rest when the picker is built
        self.month_buttons: list[QPushButton] = []
        self.day_buttons: list[QPushButton] = []
        self.decade_buttons: list[QPushButton] = []
        self.year_buttons: list[QPushButton] = []
        self._refresh()

    # --- public ---------------------------------------------------------------------------------
    @property
    def value(self) -> dt.date | None:
        return self._value

    def set_value(self, value: dt.date | None) -> None:
        self._value = value
        if value is not None:
            self._year, self._month = value.year, value.month
        self._refresh()

    def set_empty(self, empty: str) -> None:
        """What the field says when no date is chosen."""
        self._empty = empty or ui().widgets.not_set
        self._refresh()

    def set_start_year(self, year: int) -> None:
        self._start = (year, self._start[1])
        if self._value is None:
            self._year = year
            self._refresh()

    def toggle_picker(self) -> None:
        if not self.day_buttons:
            self._build_picker()  # on the first tap: most date fields are never opened
        if self.picker.isVisible():
            self.picker.hide()
        else:
            self.picker.adjustSize()
            self.picker.move(self._picker_position())
            self.picker.show()
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.picker and event.type() == QEvent.Type.Hide:
            self._refresh()  # closed by a tap outside it: the button says the date, not "open"
        return False

    def _picker_position(self) -> QPoint:
        """Below the button, inside the screen; above it when there is no room below. Its start edge
        lines up with the button's: the left one, or the right one right to left."""
        below = self.button.mapToGlobal(QPoint(0, self.button.height() + 4))
        screen = (self.window().screen() or QApplication.primaryScreen()).availableGeometry()
        size = self.picker.sizeHint()
        start = below.x() + self.button.width() - size.width() if self.isRightToLeft() else below.x()
        x = max(screen.left(), min(start, screen.right() - size.width()))
        y = below.y()
        if y + size.height() > screen.bottom():
            y = max(screen.top(), self.button.mapToGlobal(QPoint(0, 0)).y() - size.height() - 4)
        return QPoint(x, y)

    # --- picker ---------------------------------------------------------------------------------
    def _build_picker(self) -> None:
        window = QtCore.Qt.WindowType
        self.picker.setWindowFlags(window.Popup | window.FramelessWindowHint)  # a popup closes on a tap outside
        self.picker.installEventFilter(self)  # ... and the button then loses its open mark
        layout = QVBoxLayout(self.picker)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        years = QHBoxLayout()
        for step, label in YEAR_STEPS[:2]:
            years.addWidget(self._step_button(step, label))
        self.year_label.setProperty("role", "section")
        self.year_label.setMinimumWidth(90)
        years.addWidget(self.year_label)
        for step, label in YEAR_STEPS[2:]:
            years.addWidget(self._step_button(step, label))
        years.addStretch(1)
        layout.addLayout(years)
        # Any year in two taps: its decade, then the year (a date of birth is not 40 taps of -1).
        decades = QGridLayout()
        decades.setSpacing(6)
        first = (self._start[0] // 10) * 10 - 60  # six decades back, three ahead: births, past and coming dates
        for index in range(10):
            decade = first + 10 * index
            button = QPushButton(ui().widgets.fill("decade", decade=decade), self.picker)
            button.setCheckable(True)
            button.setAccessibleName(f"{self._name}: decade {decade}")
            button.clicked.connect(lambda _=False, d=decade: self._pick_decade(d))
            decades.addWidget(button, 0, index)
            self.decade_buttons.append(button)
        for index in range(10):
            button = QPushButton(self.picker)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, i=index: self._pick_year_in_decade(i))
            decades.addWidget(button, 1, index)
            self.year_buttons.append(button)
        layout.addLayout(decades)
        months = QGridLayout()
        months.setSpacing(6)
        for index, label in enumerate(month_names(self._locale())):
            button = QPushButton(label, self.picker)
            button.setCheckable(True)
            button.setAccessibleName(f"{self._name}: month {index + 1}")
            button.clicked.connect(lambda _=False, m=index + 1: self._pick_month(m))
            months.addWidget(button, index // 6, index % 6)
            self.month_buttons.append(button)
        layout.addLayout(months)
        days = QGridLayout()
        days.setSpacing(6)
        for day in range(1, 32):
            button = QPushButton(str(day), self.picker)
            button.setCheckable(True)
            button.setAccessibleName(f"{self._name}: day {day}")
            button.clicked.connect(lambda _=False, d=day: self._pick_day(d))
            days.addWidget(button, (day - 1) // 8, (day - 1) % 8)
            self.day_buttons.append(button)
        layout.addLayout(days)

    def _step_button(self, step: int, label: str) -> QPushButton:
        button = QPushButton(label, self.picker)
        button.setAccessibleName(f"{self._name}: year {label.replace('−', '-')}")
        button.clicked.connect(lambda: self._step_year(step))
        return button

    def _step_year(self, step: int) -> None:
        self._year = min(max(self._year + step, 1900), 2100)
        self._refresh()

    def _pick_decade(self, decade: int) -> None:
        self._year = min(max(decade + self._year % 10, 1900), 2100)
        self._refresh()

    def _pick_year_in_decade(self, index: int) -> None:
        self._year = min(max((self._year // 10) * 10 + index, 1900), 2100)
        self._refresh()

    def _pick_month(self, month: int) -> None:
        self._month = month
        self._refresh()

    def _pick_day(self, day: int) -> None:
        last = _days_in(self._year, self._month)
        self.picker.setVisible(False)
        self._commit(dt.date(self._year, self._month, min(day, last)))

    def _commit(self, value: dt.date | None) -> None:
        self.set_value(value)
        self.date_changed.emit(value)
        if self._value != value and self._value is None:
            # Refused, and the page put back "no date": the picker opens where it started, not at
            # the refused year (set_value already moved it back to a valid date when there was one).
            self._year, self._month = self._start
            self._refresh()

    def _refresh(self) -> None:
        shown = _show_date(self._value, self._locale()) if self._value else self._empty
        self.button.setText(("▾  " if self.picker.isVisible() else "") + shown)
        if self.picker.isVisible():
            self.picker.adjustSize()  # February has fewer days: the popup fits its buttons
        self.clear_button.setEnabled(self._value is not None)
        self.year_label.setText(str(self._year))
        for index, button in enumerate(self.month_buttons):
            button.setChecked(index + 1 == self._month)
        decade = (self._year // 10) * 10
        for button in self.decade_buttons:
            button.setChecked(button.text() == ui().widgets.fill("decade", decade=decade))
        for index, button in enumerate(self.year_buttons):
            year = decade + index
            button.setText(str(year))
            button.setAccessibleName(f"{self._name}: year {year}")
            button.setChecked(year == self._year)
        chosen = self._value
        last = _days_in(self._year, self._month) if self.day_buttons else 0
        for day, button in enumerate(self.day_buttons, start=1):
            button.setVisible(day <= last)
            button.setChecked(
                chosen is not None and (chosen.year, chosen.month, chosen.day) == (self._year, self._month, day)
            )
