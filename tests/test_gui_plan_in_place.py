"""The Plan page refreshes its sections in place (issue 10): what it shows after a tap is what a page
built afresh for the same draft shows, the control tapped is the one still there, and nothing a tap
left open in a section comes back with it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from test_gui_walk import expected

from conftest import load_example
from core.engine import plan
from core.vocabulary import Area, RecommendationStatus, Tool
from gui.pages.plan import PlanPage
from gui.pages.plan_parts import rec_name
from gui.widgets.keypad import KeypadField
from gui.widgets.wrapping import WrappingLabel
from gui.wizard import ConsultationWizard
from gui_taps import find, shown_plan, tap_name


def _plan_page(qtbot, kb, draft) -> tuple[ConsultationWizard, PlanPage]:  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)  # the caller keeps it: qtbot holds a weak one
    qtbot.addWidget(wizard)
    wizard.model.load(draft)
    wizard.resize(1280, 800)
    wizard.show()
    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, PlanPage)
    return wizard, page


def _texts(page: QWidget) -> list[str]:
    """Every visible text of the plan, in order (labels and buttons)."""
    shown = [w for w in page.view.findChildren(QWidget) if w.isVisible()]
    return [w.text() for w in shown if isinstance(w, QLabel | QAbstractButton)]


def test_declines_and_restores_show_what_a_fresh_page_shows(kb, qtbot) -> None:
    draft = load_example("tired_face")
    wizard, page = _plan_page(qtbot, kb, draft)
    for tool, area in ((Tool.HA_FILLER, Area.CHEEKS), (Tool.NEUROMODULATOR, Area.FOREHEAD), (Tool.HA_FILLER, Area.CHEEKS)):
        rec = next(r for r in plan(page.model.draft, kb).recommendations if (r.tool, r.area) == (tool, area))
        name = rec_name(kb, tool, area)
        if rec.status is RecommendationStatus.DECLINED:
            tap_name(qtbot, page, f"Restore {name}")
        else:
            tap_name(qtbot, page, f"Decline {name}")
            tap_name(qtbot, page, f"Decline {name}: Cost")
        other, fresh = _plan_page(qtbot, kb, page.model.draft)
        assert shown_plan(page) == shown_plan(fresh) == expected(plan(page.model.draft, kb))
        assert sorted(_texts(page)) == sorted(_texts(fresh))
        other.dirty = False
    wizard.dirty = False


def test_ok_on_the_keypad_keeps_the_field_and_a_restore_brings_no_reasons_back(kb, qtbot) -> None:
    wizard, page = _plan_page(qtbot, kb, load_example("tired_face"))
    field = find(page, "Dose: Forehead")
    assert isinstance(field, KeypadField)
    for key in ("Dose: Forehead", "Keypad: 3", "Keypad: 0", "Keypad: OK"):
        tap_name(qtbot, page, key)
    assert find(page, "Dose: Forehead") is field and field.text() == "30 U" and field.hasFocus()
    rec = next(r for r in plan(page.model.draft, kb).recommendations if r.tool is Tool.HA_FILLER)
    name = rec_name(kb, rec.tool, rec.area)
    tap_name(qtbot, page, f"Decline {name}")
    tap_name(qtbot, page, f"Decline {name}: Not now")
    tap_name(qtbot, page, f"Restore {name}")
    visible = [w.accessibleName() for w in page.findChildren(QWidget) if w.isVisible()]
    assert f"Decline {name}" in visible and f"Decline {name}: Not now" not in visible, "the reasons come back shut"
    wizard.dirty = False


def test_a_wrapped_label_forgets_its_heights_for_new_text_or_font(qtbot) -> None:
    label = WrappingLabel()
    qtbot.addWidget(label)
    label.setText("short")
    one_line = label.heightForWidth(120)
    label.setText("a much longer sentence that cannot fit on one line of a hundred and twenty pixels")
    assert label.heightForWidth(120) > one_line
    font = label.font()
    font.setPointSize(font.pointSize() * 2)
    label.setFont(font)
    label.setText("short")
    assert label.heightForWidth(120) > one_line
