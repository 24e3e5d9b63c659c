"""Autosave: every change is on disk within a second, typing never postpones it, stale writes lose."""

from __future__ import annotations

import gc
import time

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

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


def settle_earlier_tests() -> None:
    """Destroy what earlier tests left for deletion now, so their teardown is not timed here."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


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
    """Sixty keystrokes 20 ms apart: the writes come while typing goes on, each keystroke on disk
    within a second of being typed, and not one write per keystroke."""
    settle_earlier_tests()
    saver = Autosaver(records, lambda: "GoalsPage", source)
    source.draft_changed.connect(saver.track)
    writes: list[tuple[int, float]] = []
    saver.saved.connect(lambda revision: writes.append((revision, time.monotonic())))
    typed: list[float] = []
    text = ""
    for _ in range(60):
        text += "a"
        typed.append(time.monotonic())
        source.draft_changed.emit(words(text))
        qtbot.wait(20)
    qtbot.waitUntil(lambda: not saver.pending, timeout=1000)
    assert records.drafts()[0].consultation.goals.in_patient_words == text
    assert 2 <= len(writes) < len(text), "typing postponed every write, or each keystroke was a write"
    for revision, at in enumerate(typed, start=1):
        stored_at = next(when for written, when in writes if written >= revision)
        assert stored_at - at < 1.0, f"keystroke {revision} reached the disk after {stored_at - at:.2f} s"


def test_flush_writes_at_once_and_forget_drops_the_draft(records, source):
    saver = Autosaver(records, lambda: "HistoryPage", source)
    saver.track(words("now"))
    assert saver.flush()
    assert records.drafts()[0].revision == saver.revision
    saver.forget()
    assert records.drafts() == []


def test_an_older_write_never_overwrites_a_newer_draft(qtbot, records, source):
    saver = Autosaver(records, lambda: "SkinPage", source, key="same", revision=10)
    saver.track(words("newer"))
    assert saver.flush()
    saver.revision = 3  # as if a write of an earlier revision arrived late
    saver.track(words("older"))
    with qtbot.waitSignal(saver.failed, timeout=1000) as blocker:
        saver.flush()
    assert "newer copy" in blocker.args[0]
    assert records.drafts()[0].consultation.goals.in_patient_words == "newer"


def test_a_second_window_never_overwrites_the_draft_and_keeps_its_answers_as_a_copy(qtbot, records, source):
    first = Autosaver(records, lambda: "SkinPage", source, key="same", revision=10, label="tablet-1")
    first.track(words("first"))
    assert first.flush()
    second = Autosaver(records, lambda: "GoalsPage", source, key="same", revision=30, label="tablet-2")
    second.track(words("second"))
    with qtbot.waitSignal(second.lost, timeout=1000) as blocker:
        second.flush()
    label, copy = blocker.args
    assert label == "tablet-1" and copy and second.gone
    kept = {d.key: d for d in records.drafts()}
    assert kept["same"].consultation.goals.in_patient_words == "first"
    assert kept[copy].consultation.goals.in_patient_words == "second" and kept[copy].copy_of == "same"
    second.track(words("after"))  # nothing more is written by the window that lost it
    assert second.flush() and len(records.drafts()) == 2
