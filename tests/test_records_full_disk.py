"""A full disk is one calm line, not a storm of dialogs (issue 11): the answers stay in memory and are
saved when space returns, quitting asks, and the write-ahead log cannot grow without bound.

The disk is real: a 4 MiB tmpfs mounted for the test (root, as in CI) and filled to the last block,
so SQLite meets ENOSPC and says "database or disk is full". Without root, those tests are skipped;
the size-limit test (RLIMIT_FSIZE in a child process, any user) still runs the autosave through
failing writes and back.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from conftest import load_example
from core.consultation import Consultation
from core.records import Records
from core.records.database import WAL_LIMIT
from core.records.failures import BUSY, CANNOT_WRITE, DISK_FULL, why_not_saved
from gui.records import autosave, save_banner
from gui.records.drafts import Leaving
from gui.records.save_banner import SaveBanner
from gui.records.session import RecordsSession
from gui.wizard import ConsultationWizard
from gui.words import ui

WORKER = Path(__file__).with_name("records_full_disk_worker.py")
TODAY = dt.date(2027, 5, 1)


class SmallDisk:
    """A tmpfs of its own: `fill()` takes every free block, `free()` gives them back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler"

    def fill(self) -> None:
        with self.filler.open("ab", buffering=0) as out:
            for size in (1 << 16, 4096, 512, 1):
                try:
                    while True:
                        out.write(b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC

    def free(self) -> None:
        self.filler.unlink()


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8) (CI runs as root)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def dialogs(qtbot):
    """Every message box that opens is counted and closed (a dialog left open would hang the test)."""
    seen: list[str] = []

    def close_boxes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.text())
                widget.done(0)

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(close_boxes)
    timer.start(20)
    yield seen
    timer.stop()


@pytest.fixture
def wizard_on(qtbot, kb, monkeypatch):
    """The real wizard with records at `url`; quick retries so a test waits seconds, not minutes."""
    monkeypatch.setattr(autosave, "RETRY_MS", (100, 200, 400))
    monkeypatch.setattr(save_banner, "SAVED_MS", 300)
    opened: list[Records] = []

    def make(url: str) -> tuple[ConsultationWizard, RecordsSession]:
        records = Records.open(url, actor="Dr Test")
        opened.append(records)
        wizard = ConsultationWizard(kb, confirm=lambda *_: True)
        qtbot.addWidget(wizard)
        session = RecordsSession(wizard, kb, records, today=lambda: TODAY)
        wizard.show()
        return wizard, session

    yield make
    for records in opened:
        records.close()


def visible_banners(wizard: ConsultationWizard) -> list[SaveBanner]:
    return [banner for banner in wizard.findChildren(SaveBanner) if banner.isVisible()]


def filled(qtbot, wizard, session, disk: SmallDisk) -> None:
    """A saved first answer, then a disk with no block left."""
    with qtbot.waitSignal(session.autosaver.saved, timeout=2000):
        wizard.model.set_patient(name="Ada Synth")
    with session.records.engine.connect() as conn:  # the log starts over: the next save must grow it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    disk.fill()


def test_a_full_disk_is_one_banner_and_every_answer_is_saved_when_space_returns(
        qtbot, wizard_on, small_disk, dialogs):
    wizard, session = wizard_on(f"sqlite:///{small_disk.folder / 'records.sqlite3'}")
    filled(qtbot, wizard, session, small_disk)
    tries: list[str] = []
    session.autosaver.not_saved.connect(lambda why, waiting: tries.append(why))
    for word in ("rested", "not different", "softer frown lines", "no event"):
        wizard.model.set_goals(in_patient_words=word)
        qtbot.wait(150)
    qtbot.wait(1000)  # several tries, each failing
    saver = session.autosaver
    assert len(tries) >= 4 and set(tries) == {DISK_FULL}
    [banner] = visible_banners(wizard)
    assert banner.text.text() == save_banner.waiting_text(DISK_FULL, saver.waiting)
    assert "Not saved: the disk is full — 4 changes waiting" in banner.text.text()
    assert dialogs == []  # no dialog, however many tries
    assert wizard.draft.goals.in_patient_words == "no event"  # the answers, kept in memory
    assert session.records.drafts()[0].consultation.goals.in_patient_words == ""  # not on disk yet

    small_disk.free()
    qtbot.waitUntil(lambda: not saver.pending, timeout=3000)  # the next try saves them all
    assert banner.text.text() == ui().records.saved
    [draft] = session.records.drafts()
    assert draft.consultation == wizard.draft and draft.revision == saver.revision
    qtbot.waitUntil(lambda: visible_banners(wizard) == [], timeout=2000)
    assert dialogs == []


def test_a_new_answer_while_the_disk_is_full_is_tried_at_once(qtbot, wizard_on, small_disk, monkeypatch):
    monkeypatch.setattr(autosave, "RETRY_MS", (60_000,))  # the back-off alone would wait a minute
    wizard, session = wizard_on(f"sqlite:///{small_disk.folder / 'records.sqlite3'}")
    filled(qtbot, wizard, session, small_disk)
    with qtbot.waitSignal(session.autosaver.not_saved, timeout=2000):
        wizard.model.set_goals(in_patient_words="rested")
    small_disk.free()
    with qtbot.waitSignal(session.autosaver.saved, timeout=2000):
        wizard.model.set_goals(in_patient_words="rested, not different")
    assert session.records.drafts()[0].consultation == wizard.draft


def test_quitting_while_the_disk_is_full_asks_and_never_crashes(qtbot, wizard_on, small_disk, dialogs):
    url = f"sqlite:///{small_disk.folder / 'records.sqlite3'}"
    wizard, session = wizard_on(url)
    filled(qtbot, wizard, session, small_disk)
    wizard.model.load(load_example("tired_face"))
    qtbot.waitUntil(lambda: bool(visible_banners(wizard)), timeout=2000)
    asked: list[tuple[int, str]] = []
    answers = iter([Leaving.KEEP_OPEN, Leaving.TRY_AGAIN, Leaving.KEEP_OPEN, Leaving.LOSE])
    session.ask_unsaved = lambda parent, waiting, why: asked.append((waiting, why)) or next(answers)

    wizard.reject()  # the window's close button, Cancel, Escape
    assert wizard.isVisible() and asked == [(session.autosaver.waiting, DISK_FULL)]
    wizard.reject()  # try again (still full), then keep it open
    assert wizard.isVisible() and len(asked) == 3
    wizard.reject()  # quit and lose
    assert not wizard.isVisible() and len(asked) == 4
    session.close()  # what quitting the app runs: a last try, then the files; nothing raised
    assert dialogs == []
    small_disk.free()
    reopened = Records.open(url)  # the file is whole, with what was saved before the disk filled
    try:
        assert reopened.message == ""
        assert [d.consultation.patient.name for d in reopened.drafts()] == ["Ada Synth"]
    finally:
        reopened.close()


def test_trying_again_once_space_is_back_saves_and_closes(qtbot, wizard_on, small_disk, dialogs):
    wizard, session = wizard_on(f"sqlite:///{small_disk.folder / 'records.sqlite3'}")
    filled(qtbot, wizard, session, small_disk)
    wizard.model.set_goals(in_patient_words="rested")
    qtbot.waitUntil(lambda: bool(visible_banners(wizard)), timeout=2000)

    def free_and_try_again(*_: object) -> Leaving:
        small_disk.free()
        return Leaving.TRY_AGAIN

    session.ask_unsaved = free_and_try_again
    wizard.reject()
    assert not wizard.isVisible()
    assert session.records.drafts()[0].consultation == wizard.draft
    assert dialogs == []


def test_the_write_ahead_log_stays_small_over_500_saves(tmp_path):
    records = Records.open(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    wal = tmp_path / "wal.sqlite3-wal"
    largest = 0
    try:
        for revision in range(1, 501):
            words = f"{revision} " + "rested, not different " * 600  # about 13 kB a draft
            records.save_draft("k", Consultation(consult_date=TODAY, goals={"in_patient_words": words}),
                               "GoalsPage", revision)
            largest = max(largest, wal.stat().st_size)
    finally:
        records.close()
    assert largest <= WAL_LIMIT + 128 * 1024, largest  # SQLite's default would keep 4 MiB here


def test_under_a_file_size_limit_saves_wait_in_memory_and_all_land_once_it_is_lifted(tmp_path):
    """A real limit on this process's writes (RLIMIT_FSIZE, SIGXFSZ ignored: writes fail with EFBIG,
    which SQLite reports as an I/O error): every try fails and keeps the answers; lifted, the next
    try stores them all."""
    url = f"sqlite:///{tmp_path / 'limited.sqlite3'}"
    done = subprocess.run([sys.executable, str(WORKER), url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["limited_tries"] >= 3 and report["reasons"] == [CANNOT_WRITE]
    assert report["waiting"] == report["changes"] and report["in_memory"] == report["last_words"]
    assert report["saved_after_lifting"] and report["waiting_after"] == 0
    records = Records.open(url)
    try:
        [draft] = records.drafts()
        assert draft.consultation.goals.in_patient_words == report["last_words"]
        assert draft.revision == report["revision"]
    finally:
        records.close()


def _sqlite_error(text: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    return error


class DiskFullOnServer(Exception):
    sqlstate = "53100"  # PostgreSQL's disk_full, as psycopg carries it


@pytest.mark.parametrize(("error", "why"), [
    (OSError(errno.ENOSPC, "No space left on device"), DISK_FULL),
    (OperationalError("INSERT …", {}, _sqlite_error("database or disk is full", 13)), DISK_FULL),
    (OperationalError("INSERT …", {}, DiskFullOnServer("could not extend file")), DISK_FULL),
    (OperationalError("INSERT …", {}, _sqlite_error("disk I/O error", 778)), CANNOT_WRITE),
    (OperationalError("INSERT …", {}, _sqlite_error("database is locked", 5)), BUSY),
])
def test_a_failed_save_is_named_in_plain_words_whichever_layer_noticed(error, why):
    assert why_not_saved(error) == why
