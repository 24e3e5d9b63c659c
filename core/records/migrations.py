"""Versioned schema migrations: an ordered list of functions, each run once, in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlalchemy import Connection, delete, insert, inspect, select

from core.records.schema import (
    AppliedOp,
    AppState,
    Base,
    ConsultationRow,
    DraftLease,
    LotGiven,
    OpenProcess,
    PlanVisit,
    SchemaVersion,
)
from core.records.visits import visit_rows


class DatabaseTooNew(RuntimeError):
    """The file was written by a newer Thirds: touching it could lose data."""


V1_TABLES = ("thirds_schema_version", "app_state", "patients", "patient_terms", "consultations",
             "maintenance_due", "drafts", "exports", "audit")


def _v1_initial(conn: Connection) -> None:
    # Version 1 is the schema as first shipped. Before changing one of these tables in schema.py,
    # freeze its version-1 form here and add the change as an explicit ALTER in a new version.
    Base.metadata.create_all(conn, tables=[Base.metadata.tables[name] for name in V1_TABLES])


def _v2_plan_visits(conn: Connection) -> None:
    """The follow-up list shows booked visits too: a table of each stored plan's visits, filled in
    for the plans already stored. A plan that cannot be read adds no visits and blocks nothing."""
    Base.metadata.tables[PlanVisit.__tablename__].create(conn)
    stored = conn.execute(select(ConsultationRow.id, ConsultationRow.patient_id, ConsultationRow.plan)
                          .where(ConsultationRow.plan.is_not(None)))
    for consultation_id, patient_id, text in stored:
        try:
            sessions = json.loads(text or "{}").get("sessions", [])
        except (ValueError, AttributeError):
            continue
        rows = visit_rows(sessions if isinstance(sessions, list) else [])
        if rows:
            conn.execute(insert(PlanVisit), [
                {"consultation_id": consultation_id, "patient_id": patient_id, "number": row.number,
                 "visit_date": row.date, "kinds": row.kinds, "treatments": row.treatments}
                for row in rows
            ])


def _v3_open_processes(conn: Connection) -> None:
    """The clean-close mark becomes a row per open process (core/records/processes.py): one Thirds
    closing cleanly no longer marks the file clean while another still has it open."""
    Base.metadata.tables[OpenProcess.__tablename__].create(conn, checkfirst=True)
    conn.execute(delete(AppState).where(AppState.key == "clean_shutdown"))


# (table, column, its SQL type and default) added in version 4. Version 1 creates its tables from
# schema.py as it is now, so a database made fresh already has them: each is added only if missing.
V4_COLUMNS = (("patients", "version", "INTEGER NOT NULL DEFAULT 1"),
              ("consultations", "version", "INTEGER NOT NULL DEFAULT 1"),
              ("consultations", "conflict_of", "VARCHAR(36)"),
              ("drafts", "copy_of", "VARCHAR(36)"))


def _v4_concurrent_writers(conn: Connection) -> None:
    """One writer per draft (a lease with a heartbeat), versions that make a conflicting save from a
    second tablet visible, the copy a window keeps when it loses its draft to another, and the
    operation ids of writes sent from a tablet's outbox (each applied once)."""
    for name in (DraftLease.__tablename__, AppliedOp.__tablename__):
        Base.metadata.tables[name].create(conn, checkfirst=True)
    for table, column, kind in V4_COLUMNS:
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _v5_lots_given(conn: Connection) -> None:
    """What was given, with its lot (issue 12): a table for tracing a lot to its patients. Consults stored
    before it have no treatments given, so there is nothing to fill in."""
    Base.metadata.tables[LotGiven.__tablename__].create(conn, checkfirst=True)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _v1_initial, _v2_plan_visits, _v3_open_processes, _v4_concurrent_writers, _v5_lots_given)
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
