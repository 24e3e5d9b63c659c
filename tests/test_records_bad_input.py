"""A corrupt or foreign database file is said, moved aside unchanged, and a fresh one starts."""

from __future__ import annotations

import sqlite3

import pytest

from conftest import load_example
from core.records import DatabaseTooNew, Records


def url(path):
    return f"sqlite:///{path}"


def aside(folder):
    return sorted(p for p in folder.iterdir() if ".unusable-" in p.name and not p.name.endswith(("-wal", "-shm")))


def assert_fresh(records):
    assert records.search_patients("") == []
    with records.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path):
    path = tmp_path / "thirds.sqlite3"
    path.write_bytes(b"these are holiday photos, not records" * 100)
    records = Records.open(url(path))
    assert "not a database" in records.message
    [moved] = aside(tmp_path)
    assert moved.read_bytes() == b"these are holiday photos, not records" * 100
    assert_fresh(records)
    records.close()


def test_another_programs_database_is_moved_aside(tmp_path):
    path = tmp_path / "thirds.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    records = Records.open(url(path))
    assert "another program" in records.message
    [moved] = aside(tmp_path)
    assert sqlite3.connect(moved).execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    assert_fresh(records)
    records.close()


def _damaged(tmp_path, kb):
    from core.engine import plan

    path = tmp_path / "thirds.sqlite3"
    records = Records.open(url(path))
    for name in ("tired_face", "lips_only", "forehead_lines_only", "thin_dry_skin"):
        consultation = load_example(name)
        records.save_consultation(consultation, plan(consultation, kb))
    records.engine.dispose()  # a crash: no clean shutdown mark
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(blob), page):
        blob[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(blob))
    return path, bytes(blob)


def test_a_damaged_database_after_a_crash_is_detected_and_moved_aside(tmp_path, kb):
    path, blob = _damaged(tmp_path, kb)
    records = Records.open(url(path))
    assert "damaged" in records.message
    [moved] = aside(tmp_path)
    assert moved.read_bytes() == blob
    assert_fresh(records)
    records.close()


def test_moving_aside_never_overwrites_an_earlier_one(tmp_path):
    path = tmp_path / "thirds.sqlite3"
    import datetime as dt

    now = dt.datetime(2026, 11, 23, 12, 0, 0)
    for number in range(3):
        path.write_bytes(f"junk {number}".encode() * 50)
        records = Records.open(url(path), clock=lambda: now)
        records.close()
    contents = sorted(p.read_bytes()[:6] for p in aside(tmp_path))
    assert contents == [b"junk 0", b"junk 1", b"junk 2"]


def test_a_database_from_a_newer_thirds_is_left_alone(tmp_path):
    path = tmp_path / "thirds.sqlite3"
    Records.open(url(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO thirds_schema_version VALUES (999, '2030-01-01 00:00:00')")
    with pytest.raises(DatabaseTooNew):
        Records.open(url(path))
    assert aside(tmp_path) == []


def test_an_empty_file_becomes_a_fresh_database(tmp_path):
    path = tmp_path / "thirds.sqlite3"
    path.touch()
    records = Records.open(url(path))
    assert records.message == ""
    assert_fresh(records)
    records.close()
