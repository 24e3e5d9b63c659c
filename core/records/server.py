"""The records on a clinic's database server: one PostgreSQL database shared by several tablets.

`postgresql://` means psycopg 3, the driver of the optional `postgres` dependencies (SQLAlchemy's
own default for that URL is psycopg2, which Thirds does not install). A tablet that cannot reach
the server gives up after CONNECT_TIMEOUT_S, on connecting or on a connection whose server vanished
(Wi-Fi gone: nothing answers, nothing refuses), instead of hanging the wizard for TCP's minutes.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_S = 10
INSTALL = "pip install 'thirds[postgres]'"


def engine_for(url: str) -> Engine:
    """An engine for a URL that is not a SQLite file: a PostgreSQL server, or SQLite in memory."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return create_engine(parsed)
    if backend != "postgresql":
        raise ArgumentError(f"Thirds keeps its records in a SQLite file or on a PostgreSQL server, not {backend}")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername=DRIVER)
    if parsed.drivername == DRIVER:
        parsed = parsed.update_query_dict(
            {"connect_timeout": str(CONNECT_TIMEOUT_S), "tcp_user_timeout": str(CONNECT_TIMEOUT_S * 1000),
             "application_name": "thirds"}
            | dict(parsed.query)  # what the clinic's URL says wins
        )
    try:
        # pre-ping: a tablet's pooled connection may have died with the Wi-Fi or a server restart
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as error:
        raise NoSuchModuleError(f"PostgreSQL needs the psycopg driver ({error}): {INSTALL}") from None


def shown(url: str) -> str:
    """The URL for a message or a log line: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
