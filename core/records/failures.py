"""Why a write to the records failed, in the words the practitioner is told. A full disk is said as
such, whichever layer noticed it: the OS (ENOSPC), SQLite ("database or disk is full"), PostgreSQL
(disk_full), each possibly wrapped by SQLAlchemy. The words are in ui/<language>.toml [saving], in the
GUI's language (core.knowledge.ui.words); the constants are the English ones."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from core.knowledge.ui import load_ui, words

DISK_FULL = load_ui("en").saving.disk_full
CANNOT_WRITE = load_ui("en").saving.cannot_write
BUSY = load_ui("en").saving.busy
UNREACHABLE = load_ui("en").saving.unreachable

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
SQLITE_BUSY, SQLITE_IOERR, SQLITE_FULL = 5, 10, 13
PG_DISK_FULL = "53100"


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wraps (`orig`), and its causes."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        cause = todo.pop()
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        yield cause
        orig = getattr(cause, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, cause.__cause__, cause.__context__]


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None) if isinstance(error, sqlite3.Error) else None
    return code & 0xFF if isinstance(code, int) else None  # the primary code of an extended one


def disk_full(error: BaseException) -> bool:
    for cause in _causes(error):
        if isinstance(cause, OSError) and cause.errno in FULL_ERRNOS:
            return True
        if _sqlite_code(cause) == SQLITE_FULL or "database or disk is full" in str(cause):
            return True
        if getattr(cause, "pgcode", None) == PG_DISK_FULL or getattr(cause, "sqlstate", None) == PG_DISK_FULL:
            return True
    return False


def why_not_saved(error: BaseException) -> str:
    """The reason, for "Not saved: <reason>". Never the error's own text, which can quote an answer."""
    said = words().saving
    if disk_full(error):
        return said.disk_full
    codes = {_sqlite_code(cause) for cause in _causes(error)}
    if SQLITE_IOERR in codes or any(isinstance(cause, OSError) for cause in _causes(error)):
        return said.cannot_write  # a size or quota limit (EFBIG, EDQUOT reach SQLite as an I/O error), a failing disk
    if SQLITE_BUSY in codes:
        return said.busy
    return said.unreachable
