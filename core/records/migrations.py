"""Versioned schema migrations: an ordered list of functions, each run once, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, insert, inspect, select

from core.records.schema import Base, SchemaVersion


class DatabaseTooNew(RuntimeError):
    """The file was written by a newer Thirds: touching it could lose data."""


def _v1_initial(conn: Connection) -> None:
    # Version 1 is the schema as first shipped. Before changing a table in schema.py, freeze the
    # version-1 tables here and add version 2 as explicit ALTERs.
    Base.metadata.create_all(conn)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1_initial,)
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(SchemaVersion.__tablename__):
        return 0
    version = conn.execute(select(SchemaVersion.version).order_by(SchemaVersion.version.desc())).scalar()
    return int(version or 0)


def migrate(conn: Connection, now: dt.datetime) -> int:
    """Bring the schema to LATEST; returns how many migrations ran."""
    version = current_version(conn)
    if version > LATEST:
        raise DatabaseTooNew(
            f"the records were written by a newer Thirds (schema {version}, this one knows {LATEST})"
        )
    for number in range(version + 1, LATEST + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(insert(SchemaVersion).values(version=number, applied_at=now))
    return LATEST - version
