"""An unexpected error: the draft is saved first, the practitioner gets a plain sentence, and the
log says where it happened without what was typed."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from gui import errors
from gui.words import ui

NAME = "Synthetic Patientname"


def refuse_name() -> None:
    raise ValueError(f"patient.name: {NAME!r} is not allowed")


@pytest.fixture
def shown(monkeypatch):
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: boxes.append(text))
    return boxes


def test_the_draft_is_saved_the_error_said_and_the_log_keeps_no_answer(shown, tmp_path):
    saved: list[bool] = []
    log = tmp_path / "logs" / "errors.log"
    try:
        refuse_name()
    except ValueError:
        kind, _, trace = sys.exc_info()
        errors.handle(kind, trace, None, lambda: saved.append(True), log)
    assert saved == [True] and shown == [ui().errors.message]
    text = log.read_text()
    assert "builtins.ValueError" in text and "in refuse_name" in text and "test_gui_errors.py" in text
    assert NAME not in text and "patient.name" not in text


def test_a_failing_save_is_logged_and_the_error_is_still_said(shown, tmp_path):
    def broken_save() -> None:
        raise OSError("disk full")

    log = tmp_path / "errors.log"
    try:
        refuse_name()
    except ValueError:
        kind, _, trace = sys.exc_info()
        errors.handle(kind, trace, None, broken_save, log)
    assert shown == [ui().errors.message]
    assert "builtins.OSError" in log.read_text() and "in broken_save" in log.read_text()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_tapped_button_reaches_the_practitioner(qtbot, shown, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    saved: list[bool] = []
    errors.install(lambda: None, lambda: saved.append(True), log=lambda: tmp_path / "errors.log")
    button = QPushButton("Export")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: refuse_name())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown == [ui().errors.message] and saved == [True]
    assert NAME not in (tmp_path / "errors.log").read_text()
