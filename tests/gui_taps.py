"""Drive the wizard the way a practitioner does: find widgets by accessibleName and tap them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QScrollArea, QWidget

from core.consultation import Consultation
from core.vocabulary import Area, Reply
from gui.pages.screening_items import questions
from gui.widgets.date_field import DateField
from gui.widgets.face_map import FaceMap
from gui.widgets.rows import ToggleRow
from gui.wizard import ConsultationWizard


def find(root: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one visible widget of that kind and accessible name (fails loudly otherwise)."""
    QApplication.processEvents()  # new widgets are shown on the next event pass, as on screen
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"{len(found)} visible widgets named {name!r}; " + str([w.accessibleName() for w in root.findChildren(QWidget) if w.isVisible() and w.accessibleName()][:80])
    return found[0]


def scroll_to(widget: QWidget) -> None:
    """Scroll like a finger would, so the tap lands on the widget and not on what covers it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 10, 10)
        parent = parent.parentWidget()
    QApplication.processEvents()


def tap(qtbot, widget: QWidget, pos: QPoint | None = None) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), f"{widget.accessibleName()!r} is disabled"
    scroll_to(widget)
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def tap_area(qtbot, face: FaceMap, area: Area) -> None:  # type: ignore[no-untyped-def]
    """Scroll first (a relayout can resize the map), then tap inside the area's shape."""
    scroll_to(face)
    point = face.area_center(area)
    assert face.area_at(point) is area, (area, point, face.area_at(point))
    tap(qtbot, face, point)


def tap_name(qtbot, root: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    tap(qtbot, find(root, name))


def type_into(qtbot, root: QWidget, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = find(root, name)
    assert isinstance(widget, QLineEdit | QPlainTextEdit)
    tap(qtbot, widget)
    qtbot.keyClicks(widget, text)


def pick_date(qtbot, root: QWidget, name: str, value: dt.date | None, check: bool = True) -> None:  # type: ignore[no-untyped-def]
    field = find(root, name, DateField)
    assert isinstance(field, DateField)
    if value is None:
        if field.value is not None:
            tap(qtbot, field.clear_button)
        return
    if field.value == value:
        return
    tap(qtbot, field.button)
    year = int(field.year_label.text())
    decade = value.year // 10 * 10
    if year != value.year and any(b.accessibleName() == f"{name}: decade {decade}" for b in field.decade_buttons):
        if year // 10 * 10 != decade:
            tap_name(qtbot, field, f"{name}: decade {decade}")
        tap_name(qtbot, field, f"{name}: year {value.year}")  # any year in two taps
        year = int(field.year_label.text())
    while year != value.year:
        diff = value.year - year
        step = 10 if diff >= 10 else 1 if diff > 0 else -10 if diff <= -10 else -1
        tap_name(qtbot, field, f"{name}: year {step:+d}")
        year = int(field.year_label.text())
    tap_name(qtbot, field, f"{name}: month {value.month}")
    tap_name(qtbot, field, f"{name}: day {value.day}")
    assert not check or field.value == value, (field.value, field.year_label.text(), [b.isVisible() for b in field.day_buttons][:3])


def keypad(qtbot, root: QWidget, name: str, value: float | None) -> None:  # type: ignore[no-untyped-def]
    """Tap the field, type the value on the keypad (the first key replaces the value shown), tap OK.
    None: Clear, then OK."""
    tap_name(qtbot, root, name)
    for key in "" if value is None else f"{value:g}":
        tap_name(qtbot, root, f"Keypad: {'point' if key == '.' else key}")
    if value is None:
        tap_name(qtbot, root, "Keypad: clear")
    tap_name(qtbot, root, "Keypad: OK")


def next_page(qtbot, wizard: ConsultationWizard) -> None:  # type: ignore[no-untyped-def]
    tap_name(qtbot, wizard, "Next")


def yes_no(qtbot, root: QWidget, name: str, value: bool) -> None:  # type: ignore[no-untyped-def]
    tap_name(qtbot, root, f"{name}: {'Yes' if value else 'No'}")


def answer(qtbot, root: QWidget, answer: str, reply: Reply) -> None:  # type: ignore[no-untyped-def]
    """Tap Yes or No on a safety question; a second tap on the chosen reply takes it back to not asked."""
    assert reply is not Reply.NOT_ASKED
    tap_name(qtbot, root, f"Screening: {answer}: {'Yes' if reply is Reply.YES else 'No'}")


def choice_name(kb, value: object) -> str:  # type: ignore[no-untyped-def]
    """The follow-up choice as the page names it: an area or a medicine, in the knowledge base's words."""
    return kb.text().areas[value].name if isinstance(value, Area) else kb.text().medicines[value]


def walk(qtbot, wizard: ConsultationWizard, c: Consultation) -> None:  # type: ignore[no-untyped-def]
    """Enter every answer of `c` by taps, page by page, ending on the Plan page."""
    kb = wizard.model.kb
    page = wizard.currentPage()
    pick_date(qtbot, page, "Consult date", c.consult_date)
    type_into(qtbot, page, "Patient name", c.patient.name)
    if c.patient.patient_id:
        type_into(qtbot, page, "Patient number", c.patient.patient_id)
    pick_date(qtbot, page, "Date of birth", c.patient.date_of_birth)
    if c.practitioner:
        type_into(qtbot, page, "Practitioner", c.practitioner)
    yes_no(qtbot, page, "First injectable treatment", c.history.first_injectable_treatment)
    next_page(qtbot, wizard)

    page = wizard.currentPage()
    if c.goals.in_patient_words:
        type_into(qtbot, page, "In the patient's words", c.goals.in_patient_words)
    if c.goals.expectation is not None:
        tap_name(qtbot, page, f"Expectation: {wizard.model.kb.text().expectations[c.goals.expectation]}")
    if c.goals.budget is not None:
        type_into(qtbot, page, "Budget", f"{c.goals.budget.normalize():f}")
    pick_date(qtbot, page, "Event date", c.goals.event_date)
    next_page(qtbot, wizard)

    page = wizard.currentPage()
    pick_date(qtbot, page, "Last neuromodulator", c.history.last_neuromodulator)
    for index, filler in enumerate(c.history.earlier_fillers, start=1):
        tap_name(qtbot, page, "Add an earlier filler")
        name = f"Earlier filler {index}"
        tap_name(qtbot, page, f"{name} area: {kb.text().areas[filler.area].name}")
        pick_date(qtbot, page, f"{name} date", filler.date)
        yes_no(qtbot, page, f"{name} permanent", filler.permanent)
        if filler.product:
            type_into(qtbot, page, f"{name} product", filler.product)
    if c.history.complications:
        type_into(qtbot, page, "Earlier complications", c.history.complications)
    next_page(qtbot, wizard)

    page = wizard.currentPage()
    for question in questions(kb):
        reply = question.reply(c)
        if reply is Reply.NOT_ASKED:
            continue  # a question not asked is left untouched, as the practitioner would
        answer(qtbot, page, question.answer, reply)
        for value in question.chosen(c) if reply is Reply.YES else []:
            tap(qtbot, find(page, f"{question.answer}: {choice_name(kb, value)}", ToggleRow))
    for key in ("q1", "q2", "q3", "q4", "q5", "q6", "q7"):
        value = getattr(c.bddq, key)
        if isinstance(value, bool):
            yes_no(qtbot, page, f"BDDQ {key}", value)
        elif value is not None:
            tap_name(qtbot, page, f"BDDQ {key}: {value}")
    if c.cops is not None:
        tap_name(qtbot, page, "Record COPS")
        for index, score in enumerate(c.cops, start=1):
            tap_name(qtbot, page, f"COPS item {index}: {score}")
    next_page(qtbot, wizard)

    for _third in range(3):
        page = wizard.currentPage()
        face = find(page, next(n for n in _names(page) if n.startswith("Face map")), FaceMap)
        assert isinstance(face, FaceMap)
        for concern in c.concerns:
            if concern.area not in face.active_areas:
                continue
            tap_area(qtbot, face, concern.area)
            assert page.selected is concern.area, (page.selected, concern.area, face.size())
            kind_name = kb.text().concerns[concern.area][concern.kind].name
            if len(kb.concern_kinds(concern.area)) > 1:
                tap_name(qtbot, page, f"Concern: {kind_name}")
            for title, value in (
                ("At rest", concern.severity_rest),
                ("On movement", concern.severity_movement),
                ("Patient's target grade (optional)", concern.target_grade),
            ):
                if value is not None:
                    tap_name(qtbot, page, f"{kind_name}: {title}: {value}")
        next_page(qtbot, wizard)

    page = wizard.currentPage()
    for item, name in kb.text().skin.items():
        tap_name(qtbot, page, f"Skin: {name}: {c.skin.grade(item)}")
    if c.skin.glogau:
        tap_name(qtbot, page, f"Glogau type: {c.skin.glogau}")
    if c.skin.fitzpatrick:
        tap_name(qtbot, page, f"Fitzpatrick type: {c.skin.fitzpatrick}")
    next_page(qtbot, wizard)

    page = wizard.currentPage()
    if c.choices.same_session:
        tap_name(qtbot, page, "Choice: same session")
    if c.choices.filler_first:
        tap_name(qtbot, page, "Choice: filler first")
    for name, amount in [*((f"Dose: {kb.text().areas[d.area].name}", d.units) for d in c.choices.doses),
                         *((f"Volume: {kb.text().areas[v.area].name}", v.ml) for v in c.choices.filler_volumes)]:
        keypad(qtbot, page, name, amount)
    for declined in c.choices.declined:
        from gui.pages.plan_parts import rec_name

        name = rec_name(kb, declined.tool, declined.area)
        tap_name(qtbot, page, f"Decline {name}")
        type_into(qtbot, page, f"Decline {name}: other reason", declined.reason)
        tap_name(qtbot, page, f"Decline {name}: confirm")
    if c.choices.notes:
        type_into(qtbot, page, "Practitioner's notes", c.choices.notes)
    if c.choices.patient_notes:
        type_into(qtbot, page, "Notes for the patient", c.choices.patient_notes)


def _names(root: QWidget) -> list[str]:
    return [w.accessibleName() for w in root.findChildren(QWidget) if w.isVisible()]


def shown_plan(page: QWidget) -> dict[str, object]:
    """What the Plan page shows, read back from its widgets."""
    QApplication.processEvents()  # new widgets are shown on the next event pass, as on screen
    visible = [w for w in page.findChildren(QWidget) if w.isVisible()]
    return {
        "recommendations": sorted(str(w.property("rec")) for w in visible if w.property("rec")),
        "flags": sorted(str(w.property("flag")) for w in visible if w.property("flag")),
        "removed": sorted(str(w.property("removed")) for w in visible if w.property("removed")),
        "sessions": sum(1 for w in visible if w.accessibleName().startswith("Session ")),
        "total": next(str(w.property("amount")) for w in visible if w.accessibleName() == "Plan total"),
    }
