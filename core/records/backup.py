"""Copies of a local records file: `thirds backup`, `thirds restore` and the clinic's daily backup.

SQLite's online backup API copies the live file in one read transaction, so a copy taken while the
app writes is still one consistent moment; no copy counts until `PRAGMA integrity_check` on it says ok.
A database server (PostgreSQL) is backed up by the server's own tools (pg_dump), not here.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from core.knowledge.ui import load_ui, words
from core.records.database import SIDE_FILES, SQLITE_MAGIC, _aside, get_state, set_state
from core.records.migrations import LATEST

if TYPE_CHECKING:
    from core.records.repository import Records

DAILY = "thirds-daily-"  # thirds-daily-2026-11-23.sqlite3: rotated, the newest `backup_keep` kept
BY_HAND = "thirds-records-"  # thirds-records-20261123T184000Z.sqlite3: `thirds backup FOLDER`, never rotated
SUFFIX = ".sqlite3"
LAST_DAILY = "last_daily_backup"  # app_state: the day (ISO) of the last daily backup that was made
SERVER = load_ui("en").backup.server  # the command line's words; the GUI's are words().backup.server


class BackupError(Exception):
    """A copy not made. `invalid`: the path given is wrong (exit 2), not the copying (exit 1)."""

    def __init__(self, message: str, *, invalid: bool = False) -> None:
        super().__init__(message)
        self.invalid = invalid


def _uri(path: Path, *, backup_file: bool = False) -> str:
    """A file URI for sqlite3: the live file read-write (never created); a backup file read-only and
    immutable (no lock, no -wal or -shm beside it)."""
    mode = "mode=ro&immutable=1" if backup_file else "mode=rw"
    return f"file:{quote(str(path))}?{mode}"


def backups_in(folder: Path) -> list[Path]:
    """The backups Thirds made in `folder` (daily and by hand), oldest first."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        return []
    return sorted(f for prefix in (DAILY, BY_HAND) for f in folder.glob(f"{prefix}*{SUFFIX}"))


def target_for(given: str | Path, now: dt.datetime, *, force: bool, database: Path | None = None) -> Path:
    """The file a backup goes to: DEST itself, or a dated file inside DEST when DEST is a folder
    (`given` as typed: a trailing slash means a folder). Refused (invalid): a folder that does not
    exist, a pipe or device, an existing file without `force`, and the records file itself."""
    dest = Path(given).expanduser()
    if dest.is_dir():
        target = dest / f"{BY_HAND}{now:%Y%m%dT%H%M%SZ}{SUFFIX}"
    elif str(given).endswith(("/", os.sep)):
        raise BackupError(f"{given}: the folder does not exist", invalid=True)
    else:
        target = dest
    if not target.parent.is_dir():
        raise BackupError(f"{dest}: the folder {target.parent} does not exist", invalid=True)
    if database is not None and target.resolve() in {
        Path(f"{database}{side}").resolve() for side in ("", *SIDE_FILES)
    }:
        raise BackupError(f"{dest}: is the records file itself; give another file or a folder", invalid=True)
    if target.exists() or target.is_symlink():
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise BackupError(f"{dest}: not a regular file or a folder (a pipe or a device)", invalid=True)
        if not force:
            raise BackupError(f"{dest}: exists; give --force to replace it", invalid=True)
    return target


def integrity(conn: sqlite3.Connection) -> str:
    """"ok", or SQLite's first complaint."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    return "ok" if rows == ["ok"] else (rows[0] if rows else "no answer")


def copy_database(source: Path, target: Path, *, force: bool, source_is_backup: bool = False) -> Path:
    """Copy the SQLite file at `source` to `target` (owner-only, 0600), checked before it is put in
    place; a failure leaves nothing behind and `target` as it was."""
    folder = target.parent
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    temp = Path(name)
    try:
        os.fchmod(handle, 0o600)
        os.close(handle)
        src = sqlite3.connect(_uri(source, backup_file=source_is_backup), uri=True, timeout=5)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
                problem = integrity(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if problem != "ok":
            raise BackupError(f"the copy failed its integrity check ({problem}); nothing was kept")
        with temp.open("rb") as written:
            os.fsync(written.fileno())
        _put(temp, target, force=force)
        _fsync_folder(folder)
    except sqlite3.Error as error:
        raise BackupError(f"the copy failed ({error})") from None
    except OSError as error:
        raise BackupError(f"the copy failed ({error.strerror or error})") from None
    finally:
        for leftover in (temp, *(Path(f"{temp}{side}") for side in SIDE_FILES)):
            leftover.unlink(missing_ok=True)
    return target


def _put(temp: Path, target: Path, *, force: bool) -> None:
    """Put the checked copy in place; without `force` an existing file is never replaced, not even
    one that appeared while copying (a hard link cannot overwrite)."""
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise BackupError(f"{target}: exists; give --force to replace it", invalid=True) from None
    except OSError:  # no hard links on this file system (a FAT stick)
        if target.exists():
            raise BackupError(f"{target}: exists; give --force to replace it", invalid=True) from None
        os.replace(temp, target)


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


# --- restore ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupFile:
    """What a backup holds, read before anything is replaced."""

    path: Path
    schema_version: int
    patients: int
    consultations: int


def check_backup(path: Path) -> BackupFile:
    """A backup fit to restore, or BackupError(invalid) naming what is wrong with it."""
    path = Path(path).expanduser()
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise BackupError(f"{path}: file not found", invalid=True) from None
    except OSError as error:
        raise BackupError(f"{path}: cannot be read ({error.strerror or error})", invalid=True) from None
    if not stat.S_ISREG(mode):
        raise BackupError(f"{path}: not a regular file (a folder, a pipe or a device)", invalid=True)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"{path}: cannot be read ({error.strerror or error})", invalid=True) from None
    if head != SQLITE_MAGIC:
        raise BackupError(f"{path}: not a records backup (not an SQLite database)", invalid=True)
    try:
        conn = sqlite3.connect(_uri(path, backup_file=True), uri=True)
        try:
            problem = integrity(conn)
            if problem != "ok":
                raise BackupError(f"{path}: is damaged (integrity check: {problem})", invalid=True)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "thirds_schema_version" not in tables:
                raise BackupError(f"{path}: not a records backup (a database of another program)", invalid=True)
            version = int(conn.execute("SELECT max(version) FROM thirds_schema_version").fetchone()[0] or 0)
            patients = int(conn.execute("SELECT count(*) FROM patients").fetchone()[0])
            consultations = int(conn.execute("SELECT count(*) FROM consultations").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise BackupError(f"{path}: is damaged ({error})", invalid=True) from None
    if version > LATEST:
        raise BackupError(f"{path}: was written by a newer Thirds (schema {version}; this one knows {LATEST})",
                          invalid=True)
    if version < 1:
        raise BackupError(f"{path}: not a records backup (no schema version)", invalid=True)
    return BackupFile(path, version, patients, consultations)


def erased_in(database: Path) -> tuple[list[str], list[str]]:
    """The patients and drafts the audit trail of `database` says were erased (opaque ids), so a
    restore of an older backup erases them again; nothing when the file cannot be read."""
    if not database.is_file():
        return [], []
    try:
        conn = sqlite3.connect(_uri(database), uri=True, timeout=5)
        try:
            rows = conn.execute("SELECT entity, entity_uid FROM audit WHERE action = 'erased'").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return [], []
    return [uid for kind, uid in rows if kind == "patient"], [uid for kind, uid in rows if kind == "draft"]


def restore(backup: BackupFile, database: Path, now: dt.datetime) -> Path | None:
    """Put the backup in place of the records file. The current file (with its -wal and -shm) is
    moved aside to a named file first, never deleted; returns where, or None when there was none."""
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    staged = database.with_name(f".{database.name}.restoring")
    copy_database(backup.path, staged, force=True, source_is_backup=True)
    try:
        moved = _aside(database, now, "before-restore") if database.exists() else None
        os.replace(staged, database)
    finally:
        staged.unlink(missing_ok=True)
    os.chmod(database, 0o600)
    _fsync_folder(database.parent)
    return moved


# --- the daily backup ---------------------------------------------------------------------------


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` daily backups (backups made by hand are left alone)."""
    daily = sorted(Path(folder).glob(f"{DAILY}*{SUFFIX}"))
    removed = daily[:-keep] if keep > 0 else daily
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def daily_backup(records: Records, folder: Path | None, keep: int, today: dt.date) -> str:
    """The clinic's daily backup, at most once a day (the first open of the records that day that
    succeeds). Returns one plain sentence to show when something is wrong, else ""."""
    if folder is None or not str(folder).strip():
        return ""
    folder = Path(folder).expanduser()
    with records.session() as session:
        if get_state(session, LAST_DAILY) == today.isoformat():
            return ""
    source = records.opened.path
    if source is None and records.engine.dialect.name == "sqlite":
        return ""  # in memory: nothing outlives the process to back up
    if source is None:
        with records.session() as session:
            set_state(session, LAST_DAILY, today.isoformat())
        return words().backup.fill("no_daily", folder=folder, server=words().backup.server)
    if not folder.is_dir():
        return words().backup.fill("no_folder", folder=folder)
    try:
        copy_database(source, folder / f"{DAILY}{today.isoformat()}{SUFFIX}", force=True)
        rotate(folder, keep)
    except (BackupError, OSError) as error:
        return words().backup.fill("not_made", error=error)
    with records.session() as session:
        set_state(session, LAST_DAILY, today.isoformat())
    return ""
