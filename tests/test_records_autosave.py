"""Autosave: every change is on disk within a second, typing never postpones it, stale writes lose."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QObject, Signal

from core.consultation import Consultation
from core.records import Records
from gui.records.autosave import Autosaver

DAY = __import__("datetime").date(2026, 11, 23)


class Source(QObject):
    draft_changed = Signal(object)


@pytest.fixture
def records(tmp_path):
    opened = Records.open(f"sqlite:///{tmp_path / 'auto.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
def source(qtbot):
    owner = Source()
    yield owner
    owner.deleteLater()


def words(text: str) -> Consultation:
    return Consultation(consult_date=DAY, goals={"in_patient_words": text})


def test_a_change_is_on_disk_within_a_second(qtbot, records, source):
    saver = Autosaver(records, lambda: "GoalsPage", source)
    source.draft_changed.connect(saver.track)
    started = time.monotonic()
    with qtbot.waitSignal(saver.saved, timeout=1000):
        source.draft_changed.emit(words("softer"))
    assert time.monotonic() - started < 1.0
    reopened = Records.open(records.opened.engine.url.render_as_string(hide_password=False))
    [draft] = reopened.drafts()
    reopened.close()
    assert draft.consultation.goals.in_patient_words == "softer"
    assert draft.page_id == "GoalsPage"


def test_typing_without_pause_is_still_saved_within_a_second(qtbot, records, source):
    saver = Autosaver(records, lambda: "GoalsPage", source)
    source.draft_changed.connect(saver.track)
    writes: list[int] = []
    saver.saved.connect(writes.append)
    start = time.monotonic()
    text = ""
    while time.monotonic() - start < 1.2:
        text += "a"
        source.draft_changed.emit(words(text))
        qtbot.wait(20)
        stored = records.drafts()
        if time.monotonic() - start > 1.0:
            assert stored and len(stored[0].consultation.goals.in_patient_words) > 0
    qtbot.waitUntil(lambda: not saver.pending, timeout=1000)
    assert records.drafts()[0].consultation.goals.in_patient_words == text
    assert 2 <= len(writes) < len(text)


def test_flush_writes_at_once_and_forget_drops_the_draft(records, source):
    saver = Autosaver(records, lambda: "HistoryPage", source)
    saver.track(words("now"))
    assert saver.flush()
    assert records.drafts()[0].revision == saver.revision
    saver.forget()
    assert records.drafts() == []


def test_an_older_window_never_overwrites_a_newer_draft(qtbot, records, source):
    newer = Autosaver(records, lambda: "SkinPage", source, key="same", revision=10)
    newer.track(words("newer"))
    assert newer.flush()
    older = Autosaver(records, lambda: "GoalsPage", source, key="same", revision=3)
    older.track(words("older"))
    with qtbot.waitSignal(older.failed, timeout=1000) as blocker:
        older.flush()
    assert "newer copy" in blocker.args[0]
    assert records.drafts()[0].consultation.goals.in_patient_words == "newer"
