"""Touch and reach on every page: each control has an accessible name and a 48 px target, and the
wizard can be used from the keyboard (Tab between controls, the face map by arrows and Enter)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

from conftest import load_example
from gui import theme
from gui.pages.third import ThirdPage
from gui.widgets.face_map import FaceMap
from gui.wizard import ConsultationWizard

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, FaceMap)
TOUCH = 48


@pytest.fixture(autouse=True)
def themed(qapp):  # type: ignore[no-untyped-def]
    """Sizes come from the app's stylesheet, as `make run` sets it."""
    theme.apply(qapp)
    yield
    qapp.setStyleSheet("")


def _every_page(qtbot, kb):  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, load_example("tired_face"), confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.resize(1280, 800)
    wizard.show()
    qtbot.waitExposed(wizard)
    while True:
        qtbot.wait(20)  # layouts settle: sizes are what a finger meets
        yield wizard, wizard.currentPage()
        if wizard.currentId() == wizard.pageIds()[-1]:
            break
        wizard.next()
    wizard.dirty = False


def _controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisible()]


def test_every_visible_control_on_every_page_has_an_accessible_name(kb, qtbot) -> None:
    for wizard, page in _every_page(qtbot, kb):
        unnamed = [type(w).__name__ for w in _controls(page) if not w.accessibleName().strip()]
        assert not unnamed, f"{type(page).__name__}: controls without an accessible name: {unnamed}"
        buttons = [wizard.button(b) for b in (wizard.WizardButton.BackButton, wizard.WizardButton.NextButton)]
        assert all(b.accessibleName() for b in buttons)


def test_every_visible_button_and_field_is_a_48_px_target(kb, qtbot) -> None:
    for _, page in _every_page(qtbot, kb):
        small = [
            f"{w.accessibleName()} ({w.width()}x{w.height()})"
            for w in _controls(page)
            if isinstance(w, (QAbstractButton, QLineEdit)) and w.height() < TOUCH
        ]
        assert not small, f"{type(page).__name__}: targets under {TOUCH} px: {small[:5]}"


def test_tab_moves_between_controls_and_the_face_map_works_by_keys(kb, qtbot) -> None:
    wizard, page = next((w, p) for w, p in _every_page(qtbot, kb) if isinstance(p, ThirdPage))
    face = page.findChild(FaceMap)
    face.setFocus()
    assert face.hasFocus()
    picked: list[object] = []
    face.area_tapped.connect(picked.append)
    qtbot.keyClick(face, Qt.Key.Key_Right)
    qtbot.keyClick(face, Qt.Key.Key_Return)
    assert picked and picked[0] in page.areas
    qtbot.keyClick(face, Qt.Key.Key_Tab)
    assert not face.hasFocus(), "Tab leaves the face map for the next control"
    wizard.dirty = False
