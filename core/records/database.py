"""Open the records database: the file, its permissions, its health, its pragmas, its schema.

A corrupt or foreign SQLite file is never overwritten: it is moved aside with a timestamp suffix
and a fresh database starts, with a message for the person at the tablet.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from core.knowledge.ui import words
from core.records import processes
from core.records.locking import opening_lock, schema_transaction
from core.records.migrations import migrate
from core.records.schema import AppState, SchemaVersion
from core.records.server import engine_for

ENV_VAR = "THIRDS_DATABASE"
SQLITE_MAGIC = b"SQLite format 3\x00"
CLEAN_SHUTDOWN = "clean_shutdown"  # the one clean mark before schema 3; now a row per open process
SIDE_FILES = ("-wal", "-shm", "-journal")
WAL_PAGES = 256  # pages (4 KiB) written to the log before a checkpoint: about 1 MiB
WAL_LIMIT = 1 << 20  # bytes of log kept after a checkpoint
log = logging.getLogger(__name__)


def default_path() -> Path:
    return user_data_path("thirds", appauthor=False) / "records.sqlite3"


def default_url(setting: str = "") -> str:
    """$THIRDS_DATABASE, else the clinic setting records.database (`setting`), else one SQLite file in
    the platform's user data folder."""
    return os.environ.get(ENV_VAR) or setting or f"sqlite:///{default_path()}"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass
class Opened:
    engine: Engine
    path: Path | None
    message: str = ""
    moved_to: Path | None = None
    checked: bool = False  # PRAGMA integrity_check ran: a process had left the file without closing it
    process: int | None = None  # this opening's row in open_processes (SQLite files)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def _prepare_file(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


@dataclass
class _Health:
    problem: str = ""  # why this file cannot be our database; "" when healthy enough to open
    checked: bool = False  # PRAGMA integrity_check ran
    gone: list[int] = field(default_factory=list)  # rows of processes that left without closing


def _problem(path: Path) -> _Health:
    size = path.stat().st_size
    if size == 0:
        return _Health()
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            return _Health(words().opening.not_database)
    health = _Health()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and SchemaVersion.__tablename__ not in tables:
                return _Health(words().opening.other_program)
            health.gone = processes.gone(conn, path) if tables else []
            if tables and (health.gone or not _was_clean(conn)):
                health.checked = True
                result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
                log.info("integrity check of %s after an unclean close: %s", path, result[0])
                if result != ["ok"]:
                    health.problem = words().opening.damaged
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        health.problem = words().opening.damaged
    return health


def _was_clean(conn: sqlite3.Connection) -> bool:
    """The mark of a Thirds before schema 3 ("0" while open, "1" once closed); gone after migrating."""
    try:
        row = conn.execute(
            f"SELECT value FROM {AppState.__tablename__} WHERE key = ?", (CLEAN_SHUTDOWN,)
        ).fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is None or row[0] == "1"


# A file moved aside is named `<database>.<why>-<UTC stamp>[-n]`: damaged or foreign at open
# ("unusable"), or the records a restore replaced ("before-restore"). Erasure lists them.
ASIDE_REASONS = ("unusable", "before-restore")


def _aside(path: Path, now: dt.datetime, why: str = "unusable") -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{why}-{stamp}")
    counter = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *SIDE_FILES)):
        counter += 1
        target = path.with_name(f"{path.name}.{why}-{stamp}-{counter}")
    for side in SIDE_FILES:
        source = Path(f"{path}{side}")
        if source.exists():
            source.rename(Path(f"{target}{side}"))
    path.rename(target)
    return target


def moved_aside(path: Path) -> list[Path]:
    """The files moved aside from the database at `path` (their -wal/-shm travel with them), oldest first."""
    found = [f for why in ASIDE_REASONS for f in path.parent.glob(f"{glob.escape(path.name)}.{why}-*")
             if not f.name.endswith(SIDE_FILES)]
    return sorted(found, key=lambda f: (f.stat().st_mtime, f.name))


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # the log is checkpointed every WAL_PAGES pages and cut back to WAL_LIMIT after: it cannot grow
    # without bound (issue 11: it filled the disk), and what it keeps is room the next saves reuse
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
    cursor.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
    cursor.close()


def open_database(url: str | None = None, now: dt.datetime | None = None) -> Opened:
    """Open (creating, checking and migrating as needed) the records database at `url`."""
    url = url or default_url()
    now = now or utcnow()
    path = sqlite_path(url)
    if path is None:
        engine = engine_for(url)  # a PostgreSQL server (core/records/server.py) or SQLite in memory
        with schema_transaction(engine) as conn:
            migrate(conn, now)
        return Opened(engine, None)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with opening_lock(path):  # one process at a time from here to its row in open_processes
        opened = _open_file(path, now)
    return opened


def _open_file(path: Path, now: dt.datetime) -> Opened:
    message, moved = "", None
    _prepare_file(path)
    health = _problem(path)
    if health.problem:
        moved = _aside(path, now)
        message = words().opening.fill("moved_aside", problem=health.problem, moved=moved)
        _prepare_file(path)
        health.gone = []
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    opened = Opened(engine, path, message, moved, health.checked)
    with schema_transaction(engine) as conn:
        migrate(conn, now)
        opened.process = processes.register(conn, path, opened, now, health.gone)
    return opened


def _set_state(conn: Any, key: str, value: str) -> None:
    updated = conn.execute(update(AppState).where(AppState.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(insert(AppState).values(key=key, value=value))


def get_state(conn: Any, key: str) -> str | None:
    value = conn.execute(select(AppState.value).where(AppState.key == key)).scalar()
    return None if value is None else str(value)


def set_state(conn: Any, key: str, value: str) -> None:
    _set_state(conn, key, value)


def close_database(opened: Opened) -> None:
    """Remove this opening's row (with no row of a crashed process left, the next start skips the
    full integrity check) and release the files. Never raises: on a full disk the row stays, and the
    next start checks the file."""
    try:
        if opened.path is not None and opened.process is not None:
            with opened.engine.begin() as conn:
                processes.unregister(conn, opened.path, opened.process)
            with opened.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except (SQLAlchemyError, OSError) as error:
        log.warning("the records were not closed cleanly: %s", type(error).__name__)
    finally:
        opened.engine.dispose()
