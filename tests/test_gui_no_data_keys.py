"""Issue 9: every page opened on every example shows clinical words: no data key, snake_case id,
dotted answer path or seed number anywhere a practitioner reads (labels, buttons, tooltips)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from conftest import EXAMPLES, load_example
from gui.wizard import ConsultationWizard

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))
DATA_KEY = re.compile(
    r"\b[a-z]+_[a-z0-9_]+\b"  # snake_case ids
    r"|\b(?:screening|patient|history|goals|choices|skin|bddq|concerns|cops)\.[a-z_0-9\[\]]+"  # answer paths
    r"|seed 00\d"
)


def _visible_text(root: QWidget) -> list[str]:
    QApplication.processEvents()
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if widget.toolTip():
            texts.append(widget.toolTip())
    return [t for t in texts if t]


@pytest.mark.parametrize("name", NAMES)
def test_every_page_of_every_example_shows_no_data_key(qtbot, kb, name) -> None:
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(load_example(name))
    wizard.show()
    seen = 0
    for page_id in wizard.pageIds():
        wizard.setCurrentId(page_id)
        page = wizard.currentPage()
        for text in _visible_text(page):
            plain = re.sub(r"<[^>]+>", " ", text)  # rich text: the words, not the markup
            found = DATA_KEY.findall(plain)
            assert not found, (name, type(page).__name__, found, plain[:200])
        seen += 1
    assert seen == len(wizard.pageIds())


def test_a_source_shows_its_title_and_one_tap_shows_the_detail(qtbot, kb) -> None:
    from gui.pages.plan import PlanPage
    from gui_taps import tap

    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(load_example("contraindicated_toxin"))
    wizard.show()
    page_id = next(i for i in wizard.pageIds() if isinstance(wizard.page(i), PlanPage))
    wizard.setCurrentId(page_id)
    QApplication.processEvents()
    buttons = [b for b in wizard.currentPage().findChildren(QAbstractButton)
               if b.isVisible() and b.text().startswith("Source: ")]
    assert buttons and all(b.height() >= 48 for b in buttons)
    before = set(_visible_text(wizard.currentPage()))
    for button in buttons:
        tap(qtbot, button)
    shown = [t for t in _visible_text(wizard.currentPage()) if t not in before]
    assert any("IFU" in t or "label" in t for t in shown)  # the detail, now visible
    assert not any(DATA_KEY.search(t) for t in shown)
    assert any("Combining Botox and fillers" in b.text() or "IFU" in b.text() for b in buttons)
