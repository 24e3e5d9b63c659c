"""Doses and filler volumes typed on the keypad (issue 10): taps set the draft, out-of-range values are
refused in words, and typing moves nothing on the page. Also the model, the record and FHIR for volumes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from conftest import load_example
from core.consultation import Consultation, PlannedDose, PlannedVolume
from core.engine import plan
from core.fhir import bundle
from core.reasons import known
from core.takeaway import write_record
from core.vocabulary import Area
from gui import theme
from gui.pages.plan import PlanPage
from gui.widgets.keypad import Keypad, KeypadField
from gui.wizard import ConsultationWizard
from gui_taps import find, keypad, tap, tap_name
from takeaway_support import pdf_text

TIRED = "tired_face"  # toxin in the forehead, glabella and crow's feet; filler in the tear troughs and cheeks


@pytest.fixture
def page(kb, qtbot, qapp):  # type: ignore[no-untyped-def]
    theme.apply(qapp)  # key sizes as `make run` shows them
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(load_example(TIRED))
    wizard.resize(1280, 800)
    wizard.show()
    qtbot.waitExposed(wizard)
    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    qtbot.wait(20)
    yield wizard.currentPage()
    wizard.dirty = False
    qapp.setStyleSheet("")


def pad(page: QWidget) -> Keypad:
    found = page.findChild(Keypad)
    assert isinstance(found, Keypad)
    return found


def test_twenty_units_is_four_taps_tap_the_field_2_0_ok(page, qtbot) -> None:
    for name in ("Dose: Glabella", "Keypad: 2", "Keypad: 0", "Keypad: OK"):  # the four taps
        tap_name(qtbot, page, name)
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.GLABELLA, units=20)]
    assert not pad(page).isVisible()
    field = find(page, "Dose: Glabella")
    assert field.text() == "20 U"
    assert "label 20 U" in [w.text() for w in field.parentWidget().findChildren(QLabel)]  # the label-dose hint
    tap(qtbot, field)
    assert pad(page).heading.text() == "Glabella: units · label 20 U"  # and on the keypad, which may cover it


def test_enter_is_ok_and_escape_cancels(page, qtbot) -> None:
    tap_name(qtbot, page, "Dose: Forehead")
    keys = pad(page)
    assert keys.hasFocus()
    qtbot.keyClicks(keys, "15")
    qtbot.keyClick(keys, Qt.Key.Key_Return)
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.FOREHEAD, units=15)]
    assert page.wizard().currentPage() is page, "Enter on the keypad is OK, not the wizard's Next"
    tap_name(qtbot, page, "Dose: Forehead")
    qtbot.keyClicks(pad(page), "9")
    qtbot.keyClick(pad(page), Qt.Key.Key_Escape)
    assert not pad(page).isVisible()
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.FOREHEAD, units=15)]


def test_backspace_and_clear(page, qtbot) -> None:
    keypad(qtbot, page, "Dose: Glabella", 20)
    tap_name(qtbot, page, "Dose: Glabella")
    keys = pad(page)
    assert keys.display.text() == "20 U"  # the value so far, greyed: the first digit replaces it
    tap_name(qtbot, page, "Keypad: backspace")
    assert keys.display.text() == "2 U"
    for name in ("5", "backspace", "5"):
        tap_name(qtbot, page, f"Keypad: {name}")
    assert keys.display.text() == "25 U"
    tap_name(qtbot, page, "Keypad: clear")
    assert keys.display.text() == "– U"
    for name in ("3", "0", "OK"):
        tap_name(qtbot, page, f"Keypad: {name}")
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.GLABELLA, units=30)]
    keypad(qtbot, page, "Dose: Glabella", None)  # Clear, then OK: no dose
    assert page.model.draft.choices.doses == []
    assert find(page, "Dose: Glabella").text() == "—"


def test_a_value_over_the_range_is_refused_in_words_and_the_earlier_value_kept(page, qtbot) -> None:
    keypad(qtbot, page, "Dose: Glabella", 20)
    tap_name(qtbot, page, "Dose: Glabella")
    for digit in "1500":
        tap_name(qtbot, page, f"Keypad: {digit}")
    keys = pad(page)
    assert keys.message.text() == "1500 U is more than the 1000 U this field takes."
    tap_name(qtbot, page, "Keypad: OK")
    assert keys.isVisible(), "a refused value keeps the keypad open"
    assert keys.message.text() == "1500 U is more than the 1000 U this field takes. Not taken: 20 U is kept."
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.GLABELLA, units=20)]
    assert find(page, "Dose: Glabella").text() == "20 U", "never clamped to 1000"
    tap_name(qtbot, page, "Keypad: clear")
    tap_name(qtbot, page, "Keypad: 0")
    tap_name(qtbot, page, "Keypad: OK")
    assert "type an amount above 0" in keys.message.text() and keys.isVisible()
    assert page.model.draft.choices.doses == [PlannedDose(area=Area.GLABELLA, units=20)]
    tap_name(qtbot, page, "Keypad: cancel")
    assert not keys.isVisible()


def test_one_and_a_half_ml_for_the_cheeks(page, qtbot) -> None:
    tap_name(qtbot, page, "Volume: Cheeks")
    for key in ("1", "point", "5", "OK"):
        tap_name(qtbot, page, f"Keypad: {key}")
    assert page.model.draft.choices.filler_volumes == [PlannedVolume(area=Area.CHEEKS, ml=1.5)]
    assert find(page, "Volume: Cheeks").text() == "1.5 mL"
    tap_name(qtbot, page, "Volume: Cheeks")
    for key in ("0", "point", "2", "5", "5"):  # a third decimal is refused, not rounded
        tap_name(qtbot, page, f"Keypad: {key}")
    assert pad(page).display.text() == "0.25 mL"
    assert pad(page).message.text() == "At most 2 decimals: 0.25 mL is kept."
    tap_name(qtbot, page, "Keypad: OK")
    assert page.model.draft.choices.filler_volumes == [PlannedVolume(area=Area.CHEEKS, ml=0.25)]


def test_units_take_no_decimal_point(page, qtbot) -> None:
    tap_name(qtbot, page, "Dose: Glabella")
    assert not find(page, "Keypad: point").isEnabled()
    qtbot.keyClicks(pad(page), "2.5")
    assert pad(page).display.text() == "25 U"
    assert pad(page).message.property("role") == "hint"  # the last key (5) was fine again


def _geometry(page: QWidget, keys: Keypad) -> dict[str, QRect]:
    window = page.window()
    return {
        f"{b.accessibleName()}#{i}": QRect(b.mapTo(window, b.rect().topLeft()), b.size())
        for i, b in enumerate(page.findChildren(QAbstractButton))
        if b.isVisible() and not keys.isAncestorOf(b)
    }


@pytest.mark.parametrize("field", ["Dose: Glabella", "Volume: Cheeks"])
def test_typing_moves_no_other_control_and_the_keypad_leaves_the_field_visible(page, qtbot, field) -> None:
    tap_name(qtbot, page, field)
    keys = pad(page)
    edited = find(page, field)
    window = page.window()
    before = _geometry(page, keys)
    keypad_at = QRect(keys.mapTo(window, keys.rect().topLeft()), keys.size())
    assert not keypad_at.intersects(QRect(edited.mapTo(window, edited.rect().topLeft()), edited.size()))
    for key in ("1", "point", "2", "backspace", "9", "9", "9", "clear", "4"):
        button = find(page, f"Keypad: {key}")
        if button.isEnabled():
            tap(qtbot, button)
        qtbot.wait(5)
        assert _geometry(page, keys) == before, f"a control moved after {key!r}"
        assert QRect(keys.mapTo(window, keys.rect().topLeft()), keys.size()) == keypad_at
    for button in keys.findChildren(QAbstractButton):
        assert button.width() >= 56 and button.height() >= 56, button.accessibleName()


def test_the_field_survives_a_rebuilt_section_and_leaving_the_page_closes_the_keypad(page, qtbot) -> None:
    tap_name(qtbot, page, "Dose: Glabella")
    tap_name(qtbot, page, "Keypad: 7")
    page.wizard().next()
    page.wizard().back()
    qtbot.wait(10)
    assert not pad(page).isVisible()
    assert page.model.draft.choices.doses == []
    assert isinstance(find(page, "Dose: Glabella"), KeypadField)


# --- the model, the engine, the record, FHIR --------------------------------------------------------
def _with_volumes(*volumes: dict[str, object]) -> dict[str, object]:
    data = load_example(TIRED).model_dump(mode="json")
    data["choices"]["filler_volumes"] = list(volumes)
    return data


def test_the_model_refuses_an_area_twice_and_volumes_out_of_range() -> None:
    with pytest.raises(ValidationError, match="choices.filler_volumes: An area is listed twice"):
        Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 1}, {"area": "cheeks", "ml": 2}))
    for ml in (0, -1, 20.5):
        with pytest.raises(ValidationError):
            Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": ml}))
    with pytest.raises(ValidationError):
        Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 1, "units": 3}))  # extra=forbid
    assert Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 20})).choices.filler_volumes


def test_the_draft_model_sets_and_clears_a_volume_and_says_why_one_is_refused(page) -> None:
    model = page.model
    assert model.set_filler_volume(Area.CHEEKS, 1.5) is None
    assert model.set_filler_volume(Area.TEAR_TROUGH, 0.5) is None
    assert model.set_filler_volume(Area.CHEEKS, 2) is None
    assert [(v.area, v.ml) for v in model.draft.choices.filler_volumes] == [(Area.TEAR_TROUGH, 0.5), (Area.CHEEKS, 2)]
    refused = model.set_filler_volume(Area.CHEEKS, 25)
    assert refused is not None and refused.startswith("The planned filler volume ")
    assert model.set_filler_volume(Area.CHEEKS, None) is None
    assert [v.area for v in model.draft.choices.filler_volumes] == [Area.TEAR_TROUGH]


def test_a_volume_where_no_filler_is_planned_is_flagged_unused(kb) -> None:
    c = Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 1.5}, {"area": "lips", "ml": 1}))
    result = plan(c, kb)
    unused = [f for f in result.flags if f.key == "volume_unused"]
    assert [(f.area, f.severity.value) for f in unused] == [(Area.LIPS, "info")]
    assert unused[0].message.startswith("A volume of 1 mL is entered for Lips")
    assert all(known(b) for b in unused[0].because)


def test_the_record_shows_the_planned_volumes(kb, tmp_path) -> None:
    c = Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 1.5}, {"area": "lips", "ml": 1}))
    text = pdf_text(write_record(c, plan(c, kb), kb, tmp_path / "record.pdf"))
    assert "Planned filler volumes (mL) Area mL Filler planned there Cheeks 1.5 yes Lips 1 no" in text
    blank = load_example(TIRED)
    assert "Planned filler volumes (mL) None." in pdf_text(write_record(blank, plan(blank, kb), kb, tmp_path / "b.pdf"))


def test_fhir_carries_the_volumes(kb) -> None:
    c = Consultation.model_validate(_with_volumes({"area": "cheeks", "ml": 1.5}))
    response = next(e["resource"] for e in bundle(c, plan(c, kb), kb)["entry"]
                    if e["resource"]["resourceType"] == "QuestionnaireResponse")
    items = {}

    def walk(entries: list[dict[str, object]]) -> None:
        for item in entries:
            items.setdefault(item["linkId"], []).append(item)
            walk(item.get("item", []))  # type: ignore[arg-type]

    walk(response["item"])
    (group,) = items["choices.filler_volumes"]
    assert [a["valueDecimal"] for a in items["choices.filler_volumes.ml"][0]["answer"]] == [1.5]
    assert items["choices.filler_volumes.area"][0]["answer"][0]["valueCoding"]["code"] == "cheeks"
    assert group


def test_the_label_dose_is_one_tap_and_moves_nothing(qtbot, kb) -> None:
    """Issue 10: the common case, the label dose, without the keypad; the row keeps its place."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractButton

    from conftest import load_example
    from gui.pages.plan import PlanPage
    from gui.wizard import ConsultationWizard
    from gui_taps import find, scroll_to, tap_name

    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    c = load_example("forehead_lines_only")
    wizard.model.load(c.model_copy(update={"choices": c.choices.model_copy(update={"doses": []})}))
    wizard.show()
    wizard.setCurrentId(next(i for i in wizard.pageIds() if isinstance(wizard.page(i), PlanPage)))
    page = wizard.currentPage()

    def places() -> dict[str, QPoint]:
        return {b.accessibleName(): b.mapTo(wizard, QPoint(0, 0)) for b in page.findChildren(QAbstractButton)
                if b.isVisible() and b.accessibleName().startswith("Dose: ")}

    quick = find(page, "Dose: Forehead: label dose 20 U")
    scroll_to(quick)  # the finger scrolls first; then nothing may move
    before = places()
    tap_name(qtbot, page, "Dose: Forehead: label dose 20 U")
    assert [(d.area.value, d.units) for d in wizard.draft.choices.doses] == [("forehead", 20)]
    assert places() == before
