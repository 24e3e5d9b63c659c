"""One Thirds at a time past the opening of the records: creating the file, checking it, moving a bad
one aside, creating and migrating the schema. Two processes starting together otherwise both see an
empty file and both create the tables (issue 11: "table … already exists", a UNIQUE version row).

SQLite: an flock'd lock file beside the database covers all of it (the file steps come before any
connection), and the schema changes run in one `BEGIN EXCLUSIVE` transaction, so a crash half-way
leaves the old schema, never half a new one. PostgreSQL: the schema transaction takes
`pg_advisory_xact_lock`, released at its commit.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, text

WAIT_S = 60.0  # an integrity check of a large file holds the lock a while; a hung process, not forever
POLL_S = 0.01
ADVISORY_KEY = 0x7468697264730001  # "thirds" + 1: the schema lock's key among a server's advisory locks


def lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.lock")


@contextmanager
def opening_lock(database: Path, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the lock file beside `database` (created, owner-only, and never deleted: deleting a lock
    file lets two processes each lock a different one). TimeoutError after `wait_s`."""
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise TimeoutError(f"another Thirds has been opening {database} for {wait_s:.0f} s")
            time.sleep(POLL_S)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction no other process can interleave with, for checking and changing the schema."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})
            yield conn
        return
    # pysqlite runs DDL outside any transaction: drive it by hand so CREATE TABLE is inside one
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("BEGIN EXCLUSIVE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")
