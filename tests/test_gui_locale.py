"""The wizard reads and writes money and dates in the clinic's locale (issue 10)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from conftest import load_example
from core.knowledge.loader import load_knowledge_base
from core.knowledge.models import KnowledgeBase
from gui.pages.consult import ConsultDetailsPage
from gui.pages.goals import GoalsPage
from gui.pages.plan import PlanPage
from gui.records.consult_view import status_line
from gui.records.recovery import describe
from gui.widgets.date_field import DateField
from gui.wizard import ConsultationWizard
from gui_taps import find, next_page, tap

NNBSP, NBSP = "\u202f", "\u00a0"


def clinic(tmp_path: Path, locale: str) -> KnowledgeBase:
    config = tmp_path / f"clinic-{locale}.toml"
    config.write_text(f'[clinic]\nname = "Praxis"\nlocale = "{locale}"\n')
    return load_knowledge_base(config_path=config)


def open_at(qtbot, kb: KnowledgeBase, page_type: type, name: str = "lips_only"):  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(load_example(name))
    wizard.show()
    while not isinstance(wizard.currentPage(), page_type):
        next_page(qtbot, wizard)
    return wizard, wizard.currentPage()


def retype(qtbot, page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Clear the budget and type `text` key by key; QTest types ASCII only, so "€" is a key event."""
    field = find(page, "Budget", QLineEdit)
    field.clear()
    tap(qtbot, field)
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(field, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def test_a_german_clinic_reads_1500_typed_its_way_and_refuses_2k_keeping_the_budget(qtbot, tmp_path) -> None:
    wizard, page = open_at(qtbot, clinic(tmp_path, "de"), GoalsPage)
    retype(qtbot, page, "1.500,00")
    assert wizard.draft.goals.budget == Decimal(1500)  # was 150000
    assert find(page, "Budget as read").text() == f"= 1.500{NBSP}€"
    retype(qtbot, page, "€2k")
    assert wizard.draft.goals.budget == Decimal(1500)  # was 2
    said = find(page, "Budget as read")
    assert said.isVisible() and said.text() == f"Type the amount as 1.500,00 (kept: 1.500{NBSP}€)"
    assert find(page, "Budget", QLineEdit).text() == "€2k"  # left to correct, not stripped
    retype(qtbot, page, "2.000")
    assert wizard.draft.goals.budget == Decimal(2000)
    assert said.text() == f"= 2.000{NBSP}€"


def test_an_english_clinic_refuses_the_german_form(qtbot, kb) -> None:
    wizard, page = open_at(qtbot, kb, GoalsPage)
    retype(qtbot, page, "")
    find(page, "Budget", QLineEdit).textEdited.emit("")
    assert wizard.draft.goals.budget is None
    retype(qtbot, page, "1.500,00")
    assert find(page, "Budget as read").text().startswith("Type the amount as 1,500.00")
    assert wizard.draft.goals.budget != Decimal(150000)


def test_the_plan_page_shows_money_and_dates_the_french_way(qtbot, tmp_path) -> None:
    kb = clinic(tmp_path, "fr")
    wizard, page = open_at(qtbot, kb, PlanPage)
    total = find(page, "Plan total")
    assert total.text() == f"Total: {wizard.plan.cost.total:,.0f}{NBSP}€".replace(",", NNBSP)
    first = wizard.plan.sessions[0].date
    shown = " ".join(w.text() for w in page.findChildren(type(total)) if w.isVisible())
    assert f"{first.day} novembre {first.year}" in shown
    assert first.isoformat() not in shown


def test_the_date_field_and_its_picker_speak_the_clinics_locale(qtbot, tmp_path) -> None:
    wizard, page = open_at(qtbot, clinic(tmp_path, "de"), ConsultDetailsPage)
    field = find(page, "Consult date", DateField)
    assert field.button.text() == "23. November 2026"
    tap(qtbot, field.button)
    assert [b.text() for b in field.month_buttons][2] == "Mär"


class _Stored(SimpleNamespace):
    pass


@pytest.fixture
def berlin(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_records_show_when_a_consult_was_stored_in_local_time(berlin, tmp_path) -> None:
    kb = clinic(tmp_path, "de")
    stored = _Stored(updated_at=dt.datetime(2026, 11, 23, 17, 40), status="final", kb_version="2026.11.1")
    line = status_line(stored, kb)  # type: ignore[arg-type]
    assert line.startswith("Stored 23. November 2026, 18:40 · final")
    assert "UTC" not in line
    draft = _Stored(updated_at=stored.updated_at, consultation=load_example("lips_only"), copy_of=None)
    text = describe(draft, 0, "de")  # type: ignore[arg-type]
    assert "consult of 23. November 2026" in text and "18:40" in text and "UTC" not in text
