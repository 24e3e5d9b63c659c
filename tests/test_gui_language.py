"""The wizard in Hebrew (issue 13): every page right to left, with Hebrew words; the face map keeps the
patient's left where it is; an unknown language is refused at start."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from conftest import load_example
from core.knowledge.models import KnowledgeBase
from core.vocabulary import Area
from gui.app import use_language
from gui.pages.third import ThirdPage
from gui.wizard import ConsultationWizard
from gui.words import ui

HEBREW = re.compile(r"[\u0590-\u05FF]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Not words to translate: the names of validated scales and products, units, the app's own name, and a
# language by its own name (the Finish page offers English to a patient who reads it best).
KEPT = re.compile(r"\b(?:BDDQ-AS|BDDQ|COPS|Glogau|Fitzpatrick|HA|PN|PRF|CaHA|PLLA|onabotulinumtoxinA|U|mL|OK|Thirds|II|III|IV|VI|English)\b")  # and scale types


@pytest.fixture
def hebrew(qapp: QApplication) -> Iterator[None]:
    use_language(qapp, "he")
    yield
    use_language(qapp, "en")


def _shown(widget: QWidget, page: QWidget) -> bool:
    """Not hidden, nor any parent up to the page (the page itself may be waiting for its first paint)."""
    while widget is not None and widget is not page:
        if widget.isHidden():
            return False
        widget = widget.parentWidget()
    return True


def _visible_texts(page: QWidget) -> Iterator[tuple[str, str]]:
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if _shown(widget, page) and widget.text().strip():
            yield type(widget).__name__, widget.text()


def _english_left(text: str, typed: list[str]) -> str:
    """Latin words left after the typed answers (names, the patient's words) and the kept names."""
    for value in typed:
        text = text.replace(value, "")
    text = re.sub(r"<[^>]+>", "", text)  # rich text tags
    return " ".join(LATIN_WORD.findall(KEPT.sub("", text)))


def test_the_wizard_walks_every_page_right_to_left_in_hebrew(hebrew: None, kb: KnowledgeBase, qtbot) -> None:
    consultation = load_example("tired_face")
    wizard = ConsultationWizard(kb.for_language("he"), consultation, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.show()
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    typed = [consultation.patient.name, consultation.practitioner, consultation.goals.in_patient_words,
             consultation.choices.notes, consultation.choices.patient_notes]
    typed = [value for value in typed if value]
    assert wizard.buttonText(wizard.WizardButton.NextButton) == ui().wizard.next == "הבא"
    for index, page in enumerate(wizard.pages):
        assert wizard.go_to_step(index) is None, f"page {index + 1} opens"
        assert wizard.currentPage() is page
        qtbot.wait(1)  # widgets added to a shown page are shown by a queued call
        assert page.isRightToLeft(), type(page).__name__
        texts = list(_visible_texts(page))
        assert texts, type(page).__name__
        words = [text for _, text in texts if any(ch.isalpha() for ch in text)]  # grades are digits
        hebrew_texts = [text for text in words if HEBREW.search(text)]
        assert len(hebrew_texts) >= len(words) / 2, f"{type(page).__name__}: mostly Hebrew"
        # Hebrew with an acronym in it ("(DAO)") is Hebrew; a text with Latin words and no Hebrew is not.
        english = [(kind, text) for kind, text in texts if _english_left(text, typed) and not HEBREW.search(text)]
        assert english == [], f"{type(page).__name__}: English words left on screen"


def test_the_face_map_is_not_mirrored_but_its_labels_are_hebrew(hebrew: None, kb: KnowledgeBase, qtbot,
                                                                 qapp: QApplication) -> None:
    """The patient's left cheek stays on the patient's left (the viewer's right) in any language."""
    points = {}
    for language in ("en", "he"):
        use_language(qapp, language)
        wizard = ConsultationWizard(kb.for_language(language), confirm=lambda *_: True)
        qtbot.addWidget(wizard)
        wizard.resize(1280, 800)
        wizard.show()
        page = next(p for p in wizard.pages if isinstance(p, ThirdPage) and Area.CHEEKS in p.areas)
        page.ensure_built()
        page.face.resize(400, 440)
        points[language] = (page.face.area_center(Area.CHEEKS), page.face.grab().toImage())
        if language == "he":
            assert page.face.layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert HEBREW.search(page.face.accessibleName())
            assert all(HEBREW.search(button.text()) for button in page.area_buttons.buttons)
    assert points["he"][0] == points["en"][0], "the hit areas are where they were"
    assert points["he"][1] == points["en"][1], "the drawing is the same, not mirrored"


def test_an_unknown_gui_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from gui.__main__ import main

    assert main(["--language", "xx"]) == 2
    assert "--language" in capsys.readouterr().err
