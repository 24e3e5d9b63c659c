"""Opening Thirds: the first page paints before core loads, then the consult is ready to use."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from conftest import ROOT
from gui import app as gui_app
from gui.pages import PAGES

FIRST_PAINT = textwrap.dedent(
    """
    import sys
    from PySide6 import QtCore
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication
    from core.knowledge.ui import clinic_language
    from gui.app import create_app, open_window, use_language

    class Probe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                heavy = sorted(m for m in ("pydantic", "sqlalchemy", "reportlab", "core.consultation",
                                           "core.engine", "gui.pages.plan", "babel", "core.dates",
                                           "core.money") if m in sys.modules)
                print("painted without:", "none loaded" if not heavy else heavy, flush=True)
                # Qt's `Qt` namespace: ~90 enums PySide6 builds at its first use, ~20 ms of a start
                print("Qt namespace built:", "Qt" in vars(QtCore), flush=True)
                print("right to left:", QApplication.instance().isRightToLeft(), flush=True)
                import os; os._exit(0)
            return False

    app = create_app()
    use_language(app, sys.argv[1] if len(sys.argv) > 1 else clinic_language())  # as gui.app.run
    wizard = open_window(database="sqlite://")
    probe = Probe()
    wizard.currentPage().installEventFilter(probe)
    app.exec()
    """
)


@pytest.mark.parametrize("language", ["", "he"])
def test_the_first_page_paints_before_core_and_the_records_load(language: str):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT, *([language] if language else [])], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert "painted without: none loaded" in result.stdout, result.stdout + result.stderr
    assert "Qt namespace built: False" in result.stdout, result.stdout + result.stderr
    assert f"right to left: {language == 'he'}" in result.stdout, result.stdout + result.stderr


def test_qt_6_defaults_thirds_relies_on_hold(qapp):
    """create_app does not set these (reaching `Qt` costs the first paint ~20 ms): Qt 6 must."""
    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    assert qapp.testAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents)
    assert not qapp.isRightToLeft()  # English: use_language leaves the direction alone


def test_after_the_first_paint_the_consult_is_ready_with_every_page_and_the_records(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(gui_app, "FIRST_PAINT_WAIT_MS", 600_000)  # only the first paint may start the load
    wizard = gui_app.open_window(database=f"sqlite:///{tmp_path / 'records.sqlite3'}")
    qtbot.addWidget(wizard)
    assert wizard.currentPage().reason.text() == "Opening the clinic's knowledge base…"
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isVisible() and not next_button.isEnabled()
    qtbot.waitUntil(lambda: getattr(wizard, "records", None) is not None, timeout=10_000)
    assert wizard.model.ready and len(wizard.pages) == len(PAGES)
    assert wizard.draft.patient.name == "" and wizard.currentPage().consult_date.value == wizard.draft.consult_date
    page = wizard.currentPage()
    page.name.setText("Synthetic Patient")
    page.name.textEdited.emit("Synthetic Patient")
    page.birth.set_value(wizard.draft.consult_date.replace(year=1980))
    page.birth.date_changed.emit(page.birth.value)
    page.first.set_value(True)
    page.first.answered.emit(True)
    assert next_button.isEnabled()
    wizard.next()
    assert type(wizard.currentPage()).__name__ == "GoalsPage"
    wizard.records.close()
    wizard.dirty = False


def test_a_broken_clinic_config_is_said_on_screen_and_thirds_quits_with_status_2(qtbot, tmp_path, monkeypatch):
    config = tmp_path / "clinic.toml"
    config.write_text("[prices]\nneuromodulator = 'free'\n")
    shown: list[str] = []
    exits: list[int] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    wizard = gui_app.open_window(config=config, database="sqlite://")
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: exits == [2], timeout=10_000)
    assert "clinic.toml" in shown[0] and "prices.neuromodulator" in shown[0]
    assert not wizard.model.ready


def test_what_the_first_page_sets_by_name_is_set(qtbot):
    """Labels, the title and the page's scroll area are set by property name (no `Qt` enums before the
    first paint): a misspelt name would leave Qt's default, and user text in a label must stay text."""
    from PySide6.QtWidgets import QWidget

    from gui.pages.base import label
    from gui.wizard import ConsultationWizard

    parent = QWidget()
    qtbot.addWidget(parent)
    for wrap in (True, False):
        plain = label("<b>Synthetic</b> & co", parent, wrap=wrap)
        assert plain.textFormat() == Qt.TextFormat.PlainText
        assert label("<b>bold</b>", parent, wrap=wrap, rich=True).textFormat() == Qt.TextFormat.RichText
    wizard = ConsultationWizard(None)
    qtbot.addWidget(wizard)
    assert wizard.titleFormat() == Qt.TextFormat.RichText
    page = wizard.pages[0]
    page.ensure_built()
    assert page.scroll_area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
