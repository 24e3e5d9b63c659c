"""The touch date field (issue 10): any year in two taps, and opening or closing the picker moves
nothing on the page under the finger."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QVBoxLayout, QWidget

from gui.widgets.date_field import DateField
from gui_taps import tap, tap_name


def _page(qtbot) -> tuple[QWidget, DateField, QLabel]:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    field = DateField("Date of birth", page, locale=lambda: "en_GB", start_year=1986)
    below = QLabel("Below the field", page)
    layout.addWidget(field)
    layout.addWidget(below)
    layout.addStretch(1)
    page.resize(1000, 700)
    page.show()
    QApplication.processEvents()
    return page, field, below


def _geometry(page: QWidget) -> dict[int, tuple[QPoint, int, int]]:
    return {id(w): (w.mapTo(page, QPoint(0, 0)), w.width(), w.height())
            for w in page.findChildren(QWidget) if w.isVisible() and w.window() is page}


def test_a_date_of_birth_in_five_taps_decade_year_month_day(qtbot) -> None:
    page, field, _ = _page(qtbot)
    tap(qtbot, field.button)
    tap_name(qtbot, field, "Date of birth: decade 1970")
    tap_name(qtbot, field, "Date of birth: year 1978")
    tap_name(qtbot, field, "Date of birth: month 6")
    tap_name(qtbot, field, "Date of birth: day 14")
    assert field.value == dt.date(1978, 6, 14)
    assert not field.picker.isVisible()


def test_the_decades_reach_a_young_adult_and_an_old_patient(qtbot) -> None:
    page, field, _ = _page(qtbot)  # keep the page: the field lives in it
    tap(qtbot, field.button)
    names = {b.accessibleName() for b in field.findChildren(QAbstractButton)}
    assert "Date of birth: decade 1920" in names and "Date of birth: decade 2000" in names


def test_opening_and_closing_the_picker_moves_nothing_on_the_page(qtbot) -> None:
    page, field, below = _page(qtbot)
    before = _geometry(page)
    tap(qtbot, field.button)
    assert field.picker.isVisible()
    assert _geometry(page) == before  # the picker drops down over the page; the field keeps its width
    tap_name(qtbot, field, "Date of birth: day 3")
    assert _geometry(page) == before
    assert below.mapTo(page, QPoint(0, 0)) == before[id(below)][0]


def test_a_tap_outside_closes_the_picker_and_the_button_loses_its_open_mark(qtbot) -> None:
    page, field, _ = _page(qtbot)
    tap(qtbot, field.button)
    assert field.button.text().startswith("▾")
    field.picker.hide()  # what Qt does to a popup on a tap outside it
    assert not field.button.text().startswith("▾") and field.value is None


def test_right_to_left_the_picker_lines_up_with_the_buttons_right_edge(qtbot) -> None:
    from PySide6.QtCore import QSize, Qt

    page, field, _ = _page(qtbot)
    page.resize(700, 700)  # the test screen is 800 wide: the field's button well inside it
    page.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QApplication.processEvents()
    tap(qtbot, field.button)  # builds the picker
    field.picker.sizeHint = lambda: QSize(200, 276)  # type: ignore[method-assign]  # narrower than the screen
    right = field.button.mapToGlobal(QPoint(field.button.width(), 0)).x()
    assert field._picker_position().x() + 200 == right
    page.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert field._picker_position().x() == field.button.mapToGlobal(QPoint(0, 0)).x()
