"""Patient mode: the intake pages and nothing else until the practitioner's PIN; each way out closed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget, QWizard, QWizardPage

from core.records import Records
from core.records.pin import PinLock
from gui.records import pin_pad
from gui.records.patient_mode import PatientMode
from gui.records.pin_pad import PinPad, SetPin

PAGE_NAMES = ("ConsultDetailsPage", "GoalsPage", "HistoryPage", "ScreeningPage", "UpperThirdPage",
              "PlanPage", "FinishPage")
PIN = "482135"
Button = QWizard.WizardButton
pytestmark = pytest.mark.usefixtures("cheap_pin_hash")


@pytest.fixture
def records(tmp_path):
    opened = Records.open(f"sqlite:///{tmp_path / 'pm.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def lock(records):
    pin_lock = PinLock(records)
    pin_lock.set_pin(PIN)
    return pin_lock


@pytest.fixture
def wizard(qtbot):
    wiz = QWizard()  # not qtbot.addWidget: pytest-qt would try to close it while still locked
    for name in PAGE_NAMES:
        page = type(name, (QWizardPage,), {})(wiz)
        page.setTitle(name)
        wiz.addPage(page)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    wiz.hide()
    wiz.deleteLater()
    qtbot.wait(1)


def right_pin(parent, lock):
    return lock.verify(PIN).accepted


def page(wizard):
    return type(wizard.currentPage()).__name__


def visible(wizard, which):
    return wizard.button(which).isVisible()


@pytest.fixture
def mode(wizard, lock):
    patient_mode = PatientMode(wizard, lock, ask=right_pin)
    assert patient_mode.enter()
    yield patient_mode
    if patient_mode.active:
        patient_mode.leave()


def test_no_pin_no_patient_mode(wizard, records):
    assert not PatientMode(wizard, PinLock(records), ask=right_pin).enter()


def test_entering_shows_the_first_intake_page_with_only_the_way_forward(mode, wizard):
    assert page(wizard) == "GoalsPage"
    assert visible(wizard, Button.NextButton)
    assert not visible(wizard, Button.BackButton)
    assert not visible(wizard, Button.CancelButton)
    assert not visible(wizard, Button.FinishButton)
    assert mode.button.isVisible() and mode.button.accessibleName() == "Return to practitioner"


def test_next_stops_at_the_last_intake_page(mode, wizard, qtbot):
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "HistoryPage"
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "ScreeningPage"
    assert not visible(wizard, Button.NextButton)
    assert visible(wizard, Button.BackButton)
    wizard.next()  # even a call from code cannot reach the face pages or the plan
    assert page(wizard) == "ScreeningPage"


def test_back_stops_at_the_first_intake_page(mode, wizard, qtbot):
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(Button.BackButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "GoalsPage"
    assert not visible(wizard, Button.BackButton)
    wizard.back()
    assert page(wizard) == "GoalsPage"
    for name in ("PlanPage", "ConsultDetailsPage", "FinishPage"):
        wizard.setCurrentId(PAGE_NAMES.index(name))
        assert page(wizard) == "GoalsPage"


def test_the_window_cannot_be_closed(mode, wizard, qtbot):
    assert not wizard.close()
    qtbot.wait(10)
    assert wizard.isVisible()


def test_escape_does_not_cancel(mode, wizard, qtbot):
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.result() == 0


def test_keyboard_shortcuts_are_dead(wizard, lock, qtbot):
    records_action = QAction("Records", wizard)
    records_action.setShortcut(QKeySequence("Ctrl+R"))
    records_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    wizard.addAction(records_action)
    fired: list[bool] = []
    records_action.triggered.connect(lambda: fired.append(True))
    wizard.activateWindow()
    qtbot.keyClick(wizard, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]  # the shortcut works outside patient mode
    mode = PatientMode(wizard, lock, ask=right_pin)
    mode.enter()
    qtbot.keyClick(wizard, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(wizard, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert fired == [True]
    assert wizard.isVisible()
    mode.leave()


def test_records_settings_and_other_windows_are_out_of_reach(wizard, lock, qtbot):
    records_window = QWidget()
    qtbot.addWidget(records_window)
    records_window.show()
    records_button = QPushButton("Records", wizard)
    settings = QAction("Settings", wizard)
    mode = PatientMode(wizard, lock, ask=right_pin)
    mode.guard(records_button, settings)
    mode.enter()
    assert not records_button.isEnabled() and not settings.isEnabled()
    assert not records_window.isVisible()
    assert mode.leave()
    assert records_button.isEnabled() and settings.isEnabled() and records_window.isVisible()


def test_leaving_needs_the_pin(wizard, lock, qtbot):
    mode = PatientMode(wizard, lock, ask=lambda parent, pin_lock: pin_lock.verify("000000").accepted)
    mode.enter()
    qtbot.mouseClick(mode.button, Qt.MouseButton.LeftButton)
    assert mode.active and page(wizard) == "GoalsPage"
    mode.ask = right_pin
    qtbot.mouseClick(mode.button, Qt.MouseButton.LeftButton)
    assert not mode.active
    assert visible(wizard, Button.CancelButton)
    assert not mode.button.isVisible()
    assert not wizard.close() or True  # closing is the wizard's own business again


def test_patient_mode_is_remembered_until_the_pin_is_entered(mode, lock):
    assert lock.patient_mode
    mode.leave()
    assert not lock.patient_mode


def tap(qtbot, pad, keys):
    for key in keys:
        name = f"PIN key {key}"
        button = next(b for b in pad.findChildren(QPushButton) if b.accessibleName() == name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_pin_pad_accepts_the_right_pin_by_taps(qtbot, lock, wizard):
    pad = PinPad(lock, wizard)
    qtbot.addWidget(pad)
    tap(qtbot, pad, PIN)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert pad.result() == PinPad.DialogCode.Accepted


def test_pin_pad_backs_off_after_wrong_pins(qtbot, records, wizard):
    now = [100.0]
    lock = PinLock(records, monotonic=lambda: now[0])
    lock.set_pin(PIN)
    pad = PinPad(lock, wizard)
    qtbot.addWidget(pad)
    for _ in range(3):
        tap(qtbot, pad, "111111")
        qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert not pad.ok.isEnabled()
    assert "Try again in 1 s" in pad.message.text()
    now[0] += 1
    qtbot.waitUntil(pad.ok.isEnabled, timeout=1000)
    tap(qtbot, pad, PIN)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert pad.result() == PinPad.DialogCode.Accepted


def test_set_pin_needs_the_same_pin_twice(qtbot, records, wizard):
    lock = PinLock(records)
    dialog = SetPin(lock, wizard)
    qtbot.addWidget(dialog)
    dialog.first.setText("123456")
    dialog.second.setText("123457")
    dialog._save()
    assert "differ" in dialog.message.text() and not lock.has_pin
    dialog.second.setText("123456")
    dialog._save()
    assert lock.has_pin and lock.verify("123456").accepted


@pytest.mark.parametrize("short", ["4821", "12345"])
def test_set_pin_refuses_fewer_than_six_digits_and_says_so(qtbot, records, wizard, short):
    lock = PinLock(records)
    dialog = SetPin(lock, wizard)
    qtbot.addWidget(dialog)
    dialog.first.setText(short)
    dialog.second.setText(short)
    dialog._save()
    assert "at least 6 digits" in dialog.message.text()
    assert not lock.has_pin and dialog.result() != SetPin.DialogCode.Accepted


def test_a_stored_short_pin_opens_then_asks_plainly_for_a_new_one(qtbot, records, wizard, monkeypatch):
    from core.records.database import set_state
    from core.records.pin import hash_secret

    with records.session() as session:
        set_state(session, "practitioner_pin", hash_secret("4821"))  # set by an earlier version
    lock = PinLock(records)
    asked: list[str] = []

    def enter_old_pin(pad):
        qtbot.addWidget(pad)
        tap(qtbot, pad, "4821")
        qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
        return pad.result()

    def choose_new(dialog):
        qtbot.addWidget(dialog)
        asked.append(dialog.reason.text())
        dialog.first.setText(PIN)
        dialog.second.setText(PIN)
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(PinPad, "exec", enter_old_pin)
    monkeypatch.setattr(SetPin, "exec", choose_new)
    assert pin_pad.ask_pin(wizard, lock)
    assert len(asked) == 1 and "shorter than 6 digits" in asked[0] and "choose a new PIN" in asked[0]
    assert lock.verify(PIN).accepted and not lock.verify("4821").accepted


def test_a_six_digit_pin_is_not_asked_to_change(qtbot, lock, wizard, monkeypatch):
    def enter_pin(pad):
        qtbot.addWidget(pad)
        tap(qtbot, pad, PIN)
        qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
        return pad.result()

    monkeypatch.setattr(PinPad, "exec", enter_pin)
    monkeypatch.setattr(SetPin, "exec", lambda dialog: pytest.fail("no new PIN asked for"))
    assert pin_pad.ask_pin(wizard, lock)


def test_handed_over_from_a_later_page_the_patient_walks_the_intake_and_the_practitioner_goes_on(
    wizard, lock, qtbot
):
    for _ in range(5):
        wizard.next()
    assert page(wizard) == "PlanPage"
    mode = PatientMode(wizard, lock, ask=right_pin)
    assert mode.enter()
    assert page(wizard) == "GoalsPage"
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "HistoryPage"
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "ScreeningPage"
    assert mode.leave()
    qtbot.mouseClick(wizard.button(Button.NextButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "UpperThirdPage"
    qtbot.mouseClick(wizard.button(Button.BackButton), Qt.MouseButton.LeftButton)
    assert page(wizard) == "ScreeningPage"
