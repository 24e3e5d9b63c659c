"""Grading on the face-third pages (issue 10): an area tap selects the area and, with one kind of
concern, the concern; every kind of the area is graded in one tap each, side by side; nothing above or
at the tapped control moves; the page's header names the third."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from conftest import load_example
from core.consultation import Consultation
from core.vocabulary import Area
from gui.pages.third import ThirdPage
from gui.widgets.face_map import FaceMap
from gui.wizard import ConsultationWizard
from gui_taps import find, tap, tap_area, tap_name


def make(qtbot, kb, draft: Consultation) -> ConsultationWizard:  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(draft)
    wizard.resize(1280, 800)  # the tablet
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def third(qtbot, kb, name: str) -> tuple[ConsultationWizard, ThirdPage]:  # type: ignore[no-untyped-def]
    wizard = make(qtbot, kb, load_example("lips_only").model_copy(update={"concerns": []}))
    tap_name(qtbot, wizard, f"Go to {name}")
    page = wizard.currentPage()
    assert isinstance(page, ThirdPage)
    return wizard, page


def where(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def places(page: ThirdPage) -> dict[str, QRect]:
    """Every named control of the page that is on screen, by name, where it is in the window."""
    QApplication.processEvents()
    found = {w.accessibleName(): where(w) for w in page.findChildren(QWidget) if w.isVisible() and w.accessibleName()}
    found["face map"] = where(page.face)
    return found


def grade_buttons(page: ThirdPage) -> dict[str, QRect]:
    QApplication.processEvents()
    return {b.accessibleName(): where(b) for b in page.findChildren(QAbstractButton)
            if b.isVisible() and ": " in b.accessibleName() and b.text() in "01234"}


def test_the_third_pages_header_names_the_third(kb, qtbot) -> None:
    wizard, page = third(qtbot, kb, "Upper third")
    for name in ("Upper third", "Middle third", "Lower third"):
        tap_name(qtbot, wizard, f"Go to {name}")
        assert name in wizard.currentPage().title()
        assert f"Face map, {name.lower()}" in [w.accessibleName() for w in wizard.currentPage().findChildren(FaceMap)]


def test_an_area_with_one_kind_is_marked_by_its_tap_and_graded_in_one_tap_each(kb, qtbot) -> None:
    wizard, page = third(qtbot, kb, "Upper third")
    before = places(page)
    tap_area(qtbot, page.face, Area.GLABELLA)
    assert page.selected is Area.GLABELLA
    assert [(c.area, c.kind) for c in wizard.draft.concerns] == [(Area.GLABELLA, "frown_lines")]
    after = places(page)
    for name in ("face map", *(n for n in before if n.startswith("Area: "))):
        assert after[name] == before[name], name  # above and at the tapped area: nothing moved
    kind = kb.text().concerns[Area.GLABELLA]["frown_lines"].name
    tap_name(qtbot, page, f"{kind}: At rest: 2")
    tap_name(qtbot, page, f"{kind}: On movement: 3")
    concern = wizard.draft.concerns[0]
    assert (concern.severity_rest, concern.severity_movement, concern.target_grade) == (2, 3, None)
    assert wizard.currentPage().problem() is None


def test_an_area_with_two_kinds_shows_both_and_a_grade_marks_its_kind(kb, qtbot) -> None:
    wizard, page = third(qtbot, kb, "Lower third")
    tap_area(qtbot, page.face, Area.LIPS)
    assert page.selected is Area.LIPS
    assert wizard.draft.concerns == []  # which kind is not known yet: no concern until a grade says so
    names = kb.text().concerns[Area.LIPS]
    thin, flip = names["thin_lips"].name, names["lip_flip"].name
    for kind in (thin, flip):  # both kinds' grades are on screen at once: no "choose the concern" tap
        for title in ("At rest", "On movement", "Patient's target grade (optional)"):
            find(page, f"{kind}: {title}: 4")
    tap_name(qtbot, page, f"{flip}: At rest: 2")
    assert [(c.kind, c.severity_rest, c.severity_movement) for c in wizard.draft.concerns] == [("lip_flip", 2, 0)]
    tap_name(qtbot, page, f"{flip}: On movement: 3")
    tap_name(qtbot, page, f"{thin}: At rest: 1")
    tap_name(qtbot, page, f"{thin}: Patient's target grade (optional): 0")
    kinds = {c.kind: (c.severity_rest, c.severity_movement, c.target_grade) for c in wizard.draft.concerns}
    assert kinds == {"lip_flip": (2, 3, None), "thin_lips": (1, 0, 0)}
    assert find(page, f"Concern: {thin}").isChecked()  # type: ignore[attr-defined]
    tap_name(qtbot, page, f"Concern: {flip}")  # the kind's mark takes it off again
    assert [c.kind for c in wizard.draft.concerns] == ["thin_lips"]
    assert find(page, f"{flip}: At rest: 2").isChecked() is False  # type: ignore[attr-defined]
    tap_name(qtbot, page, "Lips: clear")
    assert wizard.draft.concerns == []


def test_nothing_moves_when_a_grade_or_an_area_is_tapped(kb, qtbot) -> None:
    wizard, page = third(qtbot, kb, "Lower third")
    thin = kb.text().concerns[Area.LIPS]["thin_lips"].name
    tap_area(qtbot, page.face, Area.LIPS)
    first = places(page)
    grades = grade_buttons(page)
    assert len(grades) == 2 * 3 * 5
    for name in (f"{thin}: At rest: 3", f"{thin}: On movement: 2", f"{thin}: At rest: 1",
                 f"{thin}: Patient's target grade (optional): 0", f"{thin}: Patient's target grade (optional): 0"):
        tap_name(qtbot, page, name)
        assert grade_buttons(page) == grades, name  # every grade button, the tapped one included
        now = places(page)
        assert {n: now[n] for n in first} == first, name  # and every control, marks and clear included
    concern = wizard.draft.concerns[0]
    assert (concern.severity_rest, concern.severity_movement, concern.target_grade) == (1, 2, None)

    # Another area: the face and the area buttons (above and at the tap) stay; so does the bar.
    for area in (Area.CHIN, Area.LIPS):  # two kinds each: nothing is marked by these taps
        before = places(page)
        tap(qtbot, find(page, f"Area: {kb.text().areas[area].name}"))
        after = places(page)
        kept = [n for n in before if n.startswith(("Area: ", "Go to ")) or n == "face map"]
        assert {n: after[n] for n in kept} == {n: before[n] for n in kept}, area
    # A first tap on a one-kind area marks it ungraded: Next's reason appears, and nothing above it moves.
    assert page.problem() is None and not page.reason.text()
    before = places(page)
    tap_area(qtbot, page.face, Area.JAWLINE)
    assert page.problem() is not None and page.reason.text()
    after = places(page)
    assert after["face map"] == before["face map"]
    assert {n: after[n] for n in before if n.startswith("Area: ")} == {n: before[n] for n in before if n.startswith("Area: ")}
