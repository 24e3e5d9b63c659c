"""The consent step and the Given step, driven by taps and finger strokes on real widgets (issue 12)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from conftest import load_example
from core.given import tools_today
from core.signatures import signature_png
from core.vocabulary import Area, Tool
from gui.pages.consent import ConsentPage
from gui.pages.given import GivenPage
from gui.widgets.signature_pad import SignaturePad
from gui.wizard import ConsultationWizard
from gui_taps import find, keypad, pick_date, tap_name, type_into, yes_no


def on_page(qtbot, kb, name: str, page_type: type):  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(load_example(name))
    wizard.show()
    while not isinstance(wizard.currentPage(), page_type):
        wizard.next()
    return wizard, wizard.currentPage()


def _mouse(pad: SignaturePad, kind: QEvent.Type, point: QPoint) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(point), pad.mapToGlobal(QPointF(point)), Qt.MouseButton.LeftButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad, event)


def draw(pad: SignaturePad, points: list[tuple[float, float]]) -> None:
    """One finger stroke across the pad, through `points` (fractions of its size)."""
    pad.ensurePolished()
    at = [QPoint(round(x * pad.width()), round(y * pad.height())) for x, y in points]
    _mouse(pad, QEvent.Type.MouseButtonPress, at[0])
    for point in at[1:]:
        _mouse(pad, QEvent.Type.MouseMove, point)
    _mouse(pad, QEvent.Type.MouseButtonRelease, at[-1])


SCRIBBLE = [(0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.4, 0.3), (0.5, 0.7), (0.7, 0.5)]


def sign(qtbot, page, photos: bool = True) -> None:  # type: ignore[no-untyped-def]
    yes_no(qtbot, page, "Photo consent", photos)
    draw(find(page, "Patient signature", SignaturePad), SCRIBBLE)
    draw(find(page, "Practitioner signature", SignaturePad), [(0.2, 0.5), (0.8, 0.4)])
    tap_name(qtbot, page, "Save the signed consent")


def test_signing_with_finger_strokes_stores_both_signatures_the_version_and_the_time(qtbot, kb) -> None:
    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    assert find(page, "Consent form neuromodulator") is not None
    assert not page.sign_button.isEnabled() and page.sign_reason.text() == kb.text().clinical_record.photo_choice_needed
    yes_no(qtbot, page, "Photo consent", True)
    draw(find(page, "Patient signature", SignaturePad), SCRIBBLE)
    assert not page.sign_button.isEnabled()  # the practitioner has not countersigned
    draw(find(page, "Practitioner signature", SignaturePad), [(0.2, 0.5), (0.8, 0.4)])
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    tap_name(qtbot, page, "Save the signed consent")
    [consent] = wizard.draft.consent
    assert consent.tools == [Tool.NEUROMODULATOR] and consent.photos is True
    assert [(f.form, f.version) for f in consent.forms] == [("neuromodulator", kb.consent_forms["neuromodulator"].version)]
    assert len(consent.patient_signature.strokes[0].points) == len(SCRIBBLE)
    assert consent.patient_signature.strokes[0].points[1] == pytest.approx((0.2, 0.3), abs=0.02)
    assert consent.signed_at >= before
    assert kb.text().clinical_record.signed_covers in page.status.text()
    image = Image.open(io.BytesIO(signature_png(consent.patient_signature)))
    assert image.getextrema()[0][0] < 60  # dark ink was drawn, not a blank image


def test_a_plan_change_after_signing_asks_consent_again_for_what_was_added(qtbot, kb) -> None:
    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    sign(qtbot, page)
    assert wizard.model.set_concern(Area.LIPS, "thin_lips", severity_rest=3, severity_movement=3) is None
    assert wizard.model.set_choices(same_session=True) is None  # the lip filler today too
    page.show_current()
    words = kb.text().clinical_record
    assert Tool.HA_FILLER in tools_today(wizard.plan, kb)
    assert words.consent_again.split("{")[0] in page.status.text()
    assert find(page, "Consent form ha_filler") is not None
    assert page.findChild(QWidget, "Consent form neuromodulator") is None  # signed already: not shown again
    sign(qtbot, page)
    assert wizard.draft.consented_tools() == {Tool.NEUROMODULATOR, Tool.HA_FILLER}
    assert [c.tools for c in wizard.draft.consent] == [[Tool.NEUROMODULATOR], [Tool.HA_FILLER]]


def test_the_given_step_refuses_without_consent_and_an_expired_lot_and_records_a_good_one(qtbot, kb) -> None:
    wizard, page = on_page(qtbot, kb, "forehead_lines_only", GivenPage)
    words = kb.text().clinical_record
    day = wizard.draft.consult_date

    def fill(lot: str, expiry: dt.date, amount: float) -> None:
        tap_name(qtbot, page, f"Given: what: {kb.text().areas[Area.FOREHEAD].name} · {kb.text().tools[Tool.NEUROMODULATOR].name}")
        tap_name(qtbot, page, "Given: product: Botox Cosmetic (onabotulinumtoxinA)")
        page.lot.clear()
        type_into(qtbot, page, "Lot number", lot)
        pick_date(qtbot, page, "Expiry date", expiry)
        keypad(qtbot, wizard, "Amount given", amount)
        tap_name(qtbot, page, "Record as given")

    fill("AB12", day + dt.timedelta(days=200), 16)
    assert wizard.draft.treatments_given == [] and "signs its consent first" in page.message.text()
    while not isinstance(wizard.currentPage(), ConsentPage):
        wizard.back()
    sign(qtbot, wizard.currentPage())
    while not isinstance(wizard.currentPage(), GivenPage):
        wizard.next()
    page = wizard.currentPage()
    fill("OLD1", day - dt.timedelta(days=1), 16)
    assert wizard.draft.treatments_given == [] and "an expired lot cannot be given" in page.message.text()
    fill("AB12", day + dt.timedelta(days=10), 16)
    [given] = wizard.draft.treatments_given
    assert (given.product, given.lot, given.expiry, given.amount, given.unit, given.area) == (
        "Botox Cosmetic (onabotulinumtoxinA)", "AB12", day + dt.timedelta(days=10), 16, "units", Area.FOREHEAD)
    assert "within 30 days" in page.message.text()
    type_into(qtbot, page, "Adverse event 1", "Small bruise at the left injection point")
    tap_name(qtbot, page, "Record adverse event 1")
    assert wizard.draft.treatments_given[0].adverse_events[0].what == "Small bruise at the left injection point"
    QApplication.processEvents()
    shown = [w.text() for w in page.findChildren(type(page.message)) if w.isVisible()]
    assert words.given_none not in shown and any(t.startswith("Forehead: Botox Cosmetic") and "lot AB12" in t for t in shown)


def test_injection_points_tapped_on_the_face_are_recorded_with_their_amounts(qtbot, kb) -> None:
    from gui.widgets.injection_map import InjectionMap
    from gui_taps import tap

    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    sign(qtbot, page)
    while not isinstance(wizard.currentPage(), GivenPage):
        wizard.next()
    page = wizard.currentPage()
    face = find(page, "Injection points", InjectionMap)
    centre = face.area_center(Area.FOREHEAD)
    tap(qtbot, face, centre)
    assert page._points == [] and "amount at each point first" in page.message.text()  # noqa: SLF001
    keypad(qtbot, wizard, "Amount at each point", 4)
    tap(qtbot, face, centre)
    tap(qtbot, face, centre + QPoint(30, 0))
    tap(qtbot, face, QPoint(2, 2))  # outside the forehead: no point
    tap_name(qtbot, page, "Given: product: Botox Cosmetic (onabotulinumtoxinA)")
    type_into(qtbot, page, "Lot number", "PT1")
    pick_date(qtbot, page, "Expiry date", wizard.draft.consult_date + dt.timedelta(days=300))
    tap_name(qtbot, page, "Record as given")
    [given] = wizard.draft.treatments_given
    assert given.amount == 8 and [p.amount for p in given.points] == [4, 4]
    assert all(0 < p.x < 1 and 0 < p.y < 1 for p in given.points) and given.points[0].x < given.points[1].x
