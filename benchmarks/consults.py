"""The three consults of the tap benchmark (issue 10), entered the fastest way the wizard allows.

Synthetic patients only. Each function is what a practitioner does on the tablet, in order.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from taps import Driver, consult

BIRTH = dt.date(1978, 6, 14)
NO_TO_ALL = "No to all questions not yet answered"


def _face(d: Driver, third: str, area: str) -> None:
    """Tap an area on the face map, inside its shape."""
    from core.vocabulary import Area

    face = d.find(f"Face map, {third} third")
    point: QPoint = face.area_center(Area(area))  # type: ignore[attr-defined]
    d.tap(face.accessibleName(), pos=point, widget=face)


def _grade(d: Driver, concern: str, rest: int, movement: int) -> None:
    d.tap(f"{concern}: At rest: {rest}")
    d.tap(f"{concern}: On movement: {movement}")


def _details(d: Driver, name: str, first_time: bool) -> None:
    d.type("Patient name", name)
    d.tap("Date of birth")  # opens the picker: year steps, month, day
    _pick(d, "Date of birth", BIRTH)
    d.tap(f"First injectable treatment: {'Yes' if first_time else 'No'}")


def _pick(d: Driver, name: str, value: dt.date) -> None:
    from gui.widgets.date_field import DateField

    field = d.find(name, DateField)
    year = int(field.year_label.text())  # type: ignore[attr-defined]
    decade = value.year // 10 * 10
    if year != value.year and d.has(f"{name}: decade {decade}"):
        if year // 10 * 10 != decade:
            d.tap(f"{name}: decade {decade}")
        d.tap(f"{name}: year {value.year}")
        year = value.year
    while year != value.year:
        diff = value.year - year
        step = 10 if diff >= 10 else 1 if diff > 0 else -10 if diff <= -10 else -1
        d.tap(f"{name}: year {step:+d}")
        year = int(field.year_label.text())  # type: ignore[attr-defined]
    d.tap(f"{name}: month {value.month}")
    d.tap(f"{name}: day {value.day}")


def _to_screening(d: Driver) -> None:
    if d.has("Go to Safety screening"):  # the step bar: one tap past goals and history
        d.tap("Go to Safety screening")
    else:
        for _ in range(3):
            d.tap("Next")


def _screening(d: Driver, yes: dict[str, list[str]] | None = None) -> None:
    for answer, medicines in (yes or {}).items():
        d.tap(f"Screening: {answer}: Yes")
        for medicine in medicines:
            d.tap(f"{answer}: {medicine}")
    if d.has(NO_TO_ALL):
        d.tap(NO_TO_ALL)
    else:
        from gui.pages.screening_items import questions

        for question in questions(d.wizard.model.kb):  # type: ignore[attr-defined]
            if question.answer not in (yes or {}):
                d.tap(f"Screening: {question.answer}: No")
    d.tap("BDDQ q1: No")


def _dose(d: Driver, area: str, units: int) -> None:
    name = f"Dose: {area}"
    if d.has(f"{name}: +5"):  # the old steppers
        while (d.find(name).value or 0) + 5 <= units:  # type: ignore[attr-defined]
            d.tap(f"{name}: +5")
        while (d.find(name).value or 0) < units:  # type: ignore[attr-defined]
            d.tap(f"{name}: +1")
        return
    label = f"{name}: label dose {units} U"
    if d.has(label):  # the label dose is one tap
        d.tap(label)
        return
    d.tap(name)
    for digit in str(units):
        d.tap(f"Keypad: {digit}")
    d.tap("Keypad: OK")


@consult("tired_face")
def tired_face(d: Driver) -> None:
    """Forehead and frown lines, crow's feet, hollow tear troughs, lost cheek volume, dull dry skin,
    three toxin doses (issue 10's consult)."""
    _details(d, "Tara Synthetic", first_time=False)
    _to_screening(d)
    _screening(d)
    d.tap("Next")
    _face(d, "upper", "forehead")
    _grade(d, "Horizontal lines on movement", 1, 3)
    _face(d, "upper", "glabella")
    _grade(d, 'Frown lines ("11")', 2, 3)
    _face(d, "upper", "crows_feet")
    _grade(d, "Crow's feet lines", 1, 2)
    d.tap("Next")
    _face(d, "middle", "tear_trough")
    if d.has("Concern: Hollows"):
        d.tap("Concern: Hollows")
    _grade(d, "Hollows", 2, 2)
    _face(d, "middle", "cheeks")
    _grade(d, "Volume loss, sunken cheeks", 3, 3)
    d.tap("Next")
    d.tap("Next")  # lower third: nothing there
    d.tap("Skin: Hydration: 2")
    d.tap("Skin: Dullness: 2")
    d.tap("Next")
    _dose(d, "Glabella", 20)
    _dose(d, "Forehead", 20)
    _dose(d, "Crow's feet", 24)
    d.tap("Next")


@consult("lips_first_time")
def lips_first_time(d: Driver) -> None:
    """A first-timer who wants fuller lips, nothing else."""
    _details(d, "Lina Synthetic", first_time=True)
    _to_screening(d)
    _screening(d)
    d.tap("Next")
    d.tap("Next")
    d.tap("Next")
    _face(d, "lower", "lips")
    if d.has("Concern: Thin lips (volume)"):
        d.tap("Concern: Thin lips (volume)")
    _grade(d, "Thin lips (volume)", 2, 2)
    d.tap("Next")
    d.tap("Next")
    d.tap("Next")


@consult("breastfeeding")
def breastfeeding(d: Driver) -> None:
    """A breastfeeding patient: the plan pauses at the first safety question."""
    _details(d, "Bea Synthetic", first_time=False)
    _to_screening(d)
    d.tap("Screening: pregnant_or_breastfeeding: Yes")
    if not d.find("Next").isEnabled():  # the rest is not demanded once the plan is paused
        _screening(d)
    d.tap("Next")
    _face(d, "upper", "glabella")
    _grade(d, 'Frown lines ("11")', 2, 3)
    for _ in range(5):
        d.tap("Next")
