"""Which Thirds processes have a records file open: a row for each opening, deleted when it closes.

A crash leaves its row behind. The file counts as closed cleanly only while every row left belongs
to an opening still alive, so one Thirds closing cleanly never vouches for another still writing
(which may yet crash); a row whose process is gone makes the next start run PRAGMA integrity_check.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sqlite3
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, insert

from core.records.schema import OpenProcess

HOST = socket.gethostname()[:255]
_held: set[tuple[str, int]] = set()  # (database file, row id) of the openings alive in this process


@dataclass(frozen=True)
class Row:
    id: int
    host: str
    pid: int
    started: str


def started(pid: int) -> str | None:
    """When `pid` started, as the kernel counts it (Linux's /proc), so a reused pid is told apart;
    None when there is no such process (or only its zombie); "" where /proc cannot say."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None if Path("/proc/self/stat").exists() else ""
    except OSError:
        return ""
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (command) ": state is field 3
    return None if fields[0] in ("Z", "X") else fields[19]  # field 22: start time


def _exists(pid: int) -> bool:
    """Without /proc: is there a process with this id at all?"""
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def alive(row: Row, database: Path) -> bool:
    """Whether the opening that wrote `row` still has the file open. A row of another host name is
    gone: SQLite's write-ahead log needs every process using the file on one machine, so that name
    is this machine's before a rename."""
    if row.host != HOST:
        return False
    if row.pid == os.getpid() and row.started == started(row.pid):
        return (str(database), row.id) in _held  # an opening of this process dropped without closing is a crash
    now = started(row.pid)
    if now is None or (now and row.started and now != row.started):
        return False
    return bool(now) or _exists(row.pid)


def gone(conn: sqlite3.Connection, database: Path) -> list[int]:
    """The rows of openings that ended without closing (none before schema 3 had this table)."""
    try:
        rows = [Row(*r) for r in conn.execute(
            f"SELECT id, host, pid, started FROM {OpenProcess.__tablename__}")]
    except sqlite3.OperationalError:
        return []
    return [row.id for row in rows if not alive(row, database)]


def still_open(database: Path) -> list[Row]:
    """The openings of the records file at `database` that are still running (a restore waits for them)."""
    if not database.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        rows = [Row(*r) for r in conn.execute(f"SELECT id, host, pid, started FROM {OpenProcess.__tablename__}")]
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()
    return [row for row in rows if alive(row, database)]


def register(conn: Connection, database: Path, owner: object, now: dt.datetime, checked_gone: list[int]) -> int:
    """Drop the rows found gone (the integrity check has run for them) and add this opening's row,
    held while `owner` (the Opened) lives; returns its id."""
    if checked_gone:
        conn.execute(delete(OpenProcess).where(OpenProcess.id.in_(checked_gone)))
    pid = os.getpid()
    inserted = conn.execute(insert(OpenProcess).values(
        host=HOST, pid=pid, started=started(pid) or "", opened_at=now)).inserted_primary_key
    assert inserted is not None
    row_id = int(inserted[0])
    key = (str(database), row_id)
    _held.add(key)
    weakref.finalize(owner, _held.discard, key)
    return row_id


def unregister(conn: Connection, database: Path, row_id: int) -> None:
    """A clean close: this opening's row goes (if deleting it fails, it is found gone at the next start)."""
    _held.discard((str(database), row_id))
    conn.execute(delete(OpenProcess).where(OpenProcess.id == row_id))
