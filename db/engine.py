"""Engines: SQLite in WAL mode with ``BEGIN IMMEDIATE`` for writes, or PostgreSQL.

Every SQLite connection gets WAL, ``synchronous=FULL`` (a booking the user was told about survives
a power cut), foreign keys and a busy timeout. Write transactions start with ``BEGIN IMMEDIATE``
so that two workstations never both read "free" and then both write: the second waits.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "creneau_write"


def is_sqlite(url: str) -> bool:
    """Whether a SQLAlchemy URL names an SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, None for in-memory or other engines."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine configured for Créneau; the PostgreSQL driver is only imported when used.

    ``busy_timeout_ms`` is how long an SQLite connection waits for another workstation's write
    transaction before giving up with "database is locked" (tests make it short).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, echo=echo, connect_args={"timeout": busy_timeout_ms / 1000})
        event.listen(engine, "connect", _sqlite_connect_listener(busy_timeout_ms))
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    engine = create_engine(parsed, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)
    event.listen(engine, "begin", _postgres_on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions are write transactions (``BEGIN IMMEDIATE``)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _sqlite_connect_listener(busy_timeout_ms: int):
    """The "connect" listener that sets every new SQLite connection up."""

    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself instead of pysqlite's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return on_connect


# PostgreSQL's BEGIN IMMEDIATE: a write transaction first takes this transaction-scoped advisory
# lock, so writers queue as they do on SQLite (read transactions and plain connections never take
# it). Every audited change also locks the audit chain's single head row to append
# (db.repositories.audit): without this queue, bookings holding an uncommitted row while they
# wait for that head pile up, and their exclusion-constraint checks deadlock one another.
PG_WRITE_LOCK = 0x4372656E  # "Cren"


def _postgres_on_begin(connection) -> None:
    if connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def _sqlite_on_begin(connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
