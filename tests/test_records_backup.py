"""Backups (issue 11): `thirds backup` / `thirds restore`, and the clinic's daily backup."""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
import stat

import pytest

from conftest import load_example
from core.cli import main
from core.engine import plan
from core.records import Records, erase_patient
from core.records import backup as backups
from core.records.database import moved_aside

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "data" / "records.sqlite3"


@pytest.fixture
def url(path):
    return f"sqlite:///{path}"


@pytest.fixture
def records(url):
    opened = Records.open(url, actor="Dr Test")
    yield opened
    opened.engine.dispose()


def store(records, kb, name):
    consultation = load_example(name)
    return records.save_consultation(consultation, plan(consultation, kb))


def names(url):
    opened = Records.open(url)
    try:
        return sorted(p.name for p in opened.search_patients(""))
    finally:
        opened.close()


def run(capsys, *argv, stdin=""):
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


def test_round_trip_backup_change_restore(records, kb, url, path, tmp_path, capsys):
    store(records, kb, "tired_face")
    dest = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "backup", str(dest), "--database", url)
    assert code == 0 and f"Backup written: {dest}" in out
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    store(records, kb, "lips_only")  # the change the restore takes back
    before = names(url)
    records.close()

    code, out, err = run(capsys, "restore", str(dest), "--database", url, stdin="yes\n")

    assert code == 0, err
    assert "holds 1 patient(s) and 1 consultation(s)" in err and "Close Thirds" in err
    assert names(url) == [load_example("tired_face").patient.name]
    [aside] = moved_aside(path)
    assert aside.name.startswith("records.sqlite3.before-restore-") and f"moved aside to {aside}" in out
    assert names(f"sqlite:///{aside}") == before  # the replaced records kept whole, never deleted
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Records.open(url).audit_trail()[-1].action == "restored"


def test_a_restore_erases_again_whom_the_records_erased_since_the_backup(records, kb, url, tmp_path, capsys):
    gone = store(records, kb, "tired_face")
    store(records, kb, "lips_only")
    dest = tmp_path / "copy.sqlite3"
    assert run(capsys, "backup", str(dest), "--database", url)[0] == 0
    erase_patient(records, gone.patient_uid)
    records.close()

    code, out, _ = run(capsys, "restore", str(dest), "--yes", "--database", url)

    assert code == 0 and "1 patient(s) erased after this backup was taken were erased again" in out
    assert names(url) == [load_example("lips_only").patient.name]


def test_restore_waits_for_a_running_thirds_to_close_the_records(records, kb, url, tmp_path, capsys):
    import subprocess
    import sys
    from pathlib import Path

    store(records, kb, "tired_face")
    dest = tmp_path / "copy.sqlite3"
    assert run(capsys, "backup", str(dest), "--database", url)[0] == 0
    records.close()
    worker = Path(__file__).with_name("records_open_worker.py")
    holder = subprocess.Popen([sys.executable, str(worker), "hold", url], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        code, _, err = run(capsys, "restore", str(dest), "--yes", "--database", url)
        assert code == 1 and f"process {holder.pid}" in err and "Nothing was restored" in err
        assert holder.stdin is not None
        holder.stdin.write("close\n")
        holder.stdin.flush()
        assert holder.wait(30) == 0
    finally:
        holder.kill()
    code, _, err = run(capsys, "restore", str(dest), "--yes", "--database", url)
    assert code == 0, err


def test_restore_asks_and_a_no_changes_nothing(records, kb, url, path, tmp_path, capsys):
    store(records, kb, "tired_face")
    dest = tmp_path / "copy.sqlite3"
    run(capsys, "backup", str(dest), "--database", url)
    store(records, kb, "lips_only")
    records.engine.dispose()
    code, _, err = run(capsys, "restore", str(dest), "--database", url, stdin="no\n")
    assert code == 1 and "Nothing was restored" in err
    assert len(names(url)) == 2 and moved_aside(path) == []


def test_backup_into_a_folder_names_a_dated_file(records, kb, url, tmp_path, capsys):
    store(records, kb, "tired_face")
    folder = tmp_path / "clinic backups"
    folder.mkdir()
    code, out, _ = run(capsys, "backup", str(folder), "--database", url)
    [made] = folder.iterdir()
    assert code == 0 and made.name.startswith(backups.BY_HAND) and str(made) in out
    assert backups.check_backup(made).patients == 1


def test_backup_refusals_name_the_destination(records, url, path, tmp_path, capsys):
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"keep me")
    code, _, err = run(capsys, "backup", str(existing), "--database", url)
    assert code == 2 and f"{existing}: exists; give --force" in err and existing.read_bytes() == b"keep me"
    assert run(capsys, "backup", str(existing), "--force", "--database", url)[0] == 0
    assert backups.check_backup(existing).schema_version >= 1

    missing = tmp_path / "no such folder" / "copy.sqlite3"
    code, _, err = run(capsys, "backup", str(missing), "--database", url)
    assert code == 2 and f"{missing}: the folder {missing.parent} does not exist" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "nowhere") + os.sep, "--database", url)
    assert code == 2 and "the folder does not exist" in err

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "backup", str(fifo), "--force", "--database", url)
    assert code == 2 and f"{fifo}: not a regular file or a folder" in err

    code, _, err = run(capsys, "backup", str(path), "--force", "--database", url)
    assert code == 2 and "is the records file itself" in err
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_copy_that_fails_its_check_is_exit_1_and_leaves_nothing(records, url, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(backups, "integrity", lambda _conn: "*** in database main *** Page 3 is never used")
    dest = tmp_path / "copy.sqlite3"
    code, _, err = run(capsys, "backup", str(dest), "--database", url)
    assert code == 1 and "failed its integrity check" in err
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_restore_refuses_a_bad_file_naming_what_is_wrong(records, kb, url, path, tmp_path, capsys):
    store(records, kb, "tired_face")
    records.engine.dispose()
    before = names(url)
    damaged = tmp_path / "damaged.sqlite3"
    run(capsys, "backup", str(damaged), "--database", url)
    data = bytearray(damaged.read_bytes())
    data[4096:4096 + 12] = b"\xff" * 12  # the header of the second page scribbled over
    damaged.write_bytes(bytes(data))
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    for bad, why in ((damaged, "is damaged"), (other, "a database of another program"),
                     (fifo, "not a regular file"), (text, "not an SQLite database"),
                     (tmp_path / "absent.sqlite3", "file not found")):
        code, _, err = run(capsys, "restore", str(bad), "--yes", "--database", url)
        assert code == 2 and err.startswith(f"{bad}: ") and why in err, (bad, err)
    assert names(url) == before and moved_aside(path) == []


def test_a_newer_schema_is_refused(records, url, tmp_path, capsys):
    newer = tmp_path / "newer.sqlite3"
    run(capsys, "backup", str(newer), "--database", url)
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO thirds_schema_version VALUES (99, '2030-01-01 00:00:00')")
    code, _, err = run(capsys, "restore", str(newer), "--yes", "--database", url)
    assert code == 2 and "written by a newer Thirds (schema 99" in err


@pytest.mark.parametrize("command", [["backup", "out.sqlite3"], ["restore", "in.sqlite3", "--yes"]])
def test_a_database_server_is_backed_up_by_its_own_tools(command, capsys):
    code, _, err = run(capsys, *command, "--database", "postgresql://clinic:s3cret@db.example/thirds")
    assert code == 2 and "pg_dump" in err and "Traceback" not in err
    assert "s3cret" not in err and "postgresql://clinic:***@db.example/thirds" in err


def test_the_daily_backup_runs_once_a_day_and_keeps_the_newest(records, kb, tmp_path):
    folder = tmp_path / "daily"
    folder.mkdir()
    by_hand = folder / f"{backups.BY_HAND}20260101T000000Z.sqlite3"
    by_hand.write_bytes(b"made by hand, never rotated")
    store(records, kb, "tired_face")
    assert backups.daily_backup(records, folder, 3, DAY) == ""
    first = folder / f"{backups.DAILY}2026-11-23.sqlite3"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600 and backups.check_backup(first).patients == 1
    store(records, kb, "lips_only")
    assert backups.daily_backup(records, folder, 3, DAY) == ""  # the same day: not again
    assert backups.check_backup(first).patients == 1
    for days in range(1, 5):
        assert backups.daily_backup(records, folder, 3, DAY + dt.timedelta(days=days)) == ""
    assert sorted(p.name for p in folder.iterdir()) == [
        *(f"{backups.DAILY}2026-11-{d}.sqlite3" for d in (25, 26, 27)), by_hand.name]
    assert backups.check_backup(folder / f"{backups.DAILY}2026-11-27.sqlite3").patients == 2


def test_a_daily_backup_that_fails_says_so_once_and_tries_again(records, tmp_path):
    folder = tmp_path / "unplugged"
    said = backups.daily_backup(records, folder, 14, DAY)
    assert said.startswith("Today's backup of the records was not made") and str(folder) in said
    assert "\n" not in said and "not affected" in said
    folder.mkdir()
    assert backups.daily_backup(records, folder, 14, DAY) == ""  # the next start of the day tries again
    assert [p.name for p in folder.iterdir()] == [f"{backups.DAILY}2026-11-23.sqlite3"]


def test_no_folder_means_no_daily_backup(records, tmp_path):
    assert backups.daily_backup(records, None, 14, DAY) == ""
    assert list(tmp_path.glob("**/thirds-daily-*")) == []
