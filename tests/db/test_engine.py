"""The engines as configured by ``db.engine`` and driven by ``Database``: pragmas read back,
``BEGIN IMMEDIATE`` for writes, readers that never block writers, aware UTC instants, idempotent
migrations and the bounded retry of transient failures.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.exc import StatementError

from db.engine import BUSY_TIMEOUT_MS, sqlite_path
from db.migrate import current_revision, head_revision, shipped_head, upgrade
from db.tables import AppointmentRow, AuditRow, SettingRow
from desktop.domain.errors import DatabaseUnavailable, StaleEdit
from desktop.services.patients import PatientInput
from desktop.services.uow import MAX_ATTEMPTS, Database
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
SHORT_BUSY_MS = 50


@pytest.fixture
def db(sqlite_url):
    database = Database(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture
def any_db(any_url):
    database = Database(any_url)
    yield database
    database.dispose()


def _raw(url: str, timeout: float = 0.05) -> sqlite3.Connection:
    """A plain sqlite3 connection to the same file: "another workstation"."""
    connection = sqlite3.connect(
        sqlite_path(url), timeout=timeout, isolation_level=None, check_same_thread=False
    )
    return connection


def _statements(engine) -> list[str]:
    """Every SQL statement the engine sends from now on (a real event listener, no mock)."""
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(_conn, _cursor, statement, _params, _context, _many):
        seen.append(statement.strip())

    return seen


def _setting_count(database: Database) -> int:
    with database.read() as s:
        return s.scalar(select(func.count()).select_from(SettingRow))


# --- SQLite connection settings ------------------------------------------------------------------


def test_every_pooled_connection_has_wal_full_sync_foreign_keys_and_busy_timeout(db):
    # Two connections checked out at once: both come from the pool's connect hook.
    with db.engine.connect() as first, db.engine.connect() as second:
        for connection in (first, second):
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    # Returned to the pool and taken again: the settings stay.
    with db.engine.connect() as again:
        assert again.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert again.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_busy_timeout_is_configurable(sqlite_url):
    database = Database(sqlite_url, busy_timeout_ms=1234)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    finally:
        database.dispose()


def test_foreign_keys_are_enforced(db):
    with db.engine.connect() as connection, pytest.raises(Exception, match="FOREIGN KEY"):
        connection.exec_driver_sql(
            "INSERT INTO department (code, name, site_id) VALUES ('X', 'X', 999)"
        )


# --- write and read transactions -----------------------------------------------------------------


def test_write_transaction_starts_with_begin_immediate_and_blocks_other_writers(db, sqlite_url):
    sent = _statements(db.engine)
    other = _raw(sqlite_url)
    try:
        with db.uow() as s:
            # Only a read so far, yet the write lock is already held: BEGIN IMMEDIATE.
            s.execute(text("SELECT count(*) FROM setting"))
            assert sent[0] == "BEGIN IMMEDIATE"
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
            s.add(SettingRow(key="mine", value=1))
        # Released at commit: the other workstation writes now.
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO setting (key, value) VALUES ('x', '1')")
        other.execute("COMMIT")
    finally:
        other.close()
    assert _setting_count(db) == 2


def test_a_second_database_write_waits_then_gives_up_while_the_first_holds_the_lock(sqlite_url):
    holder = Database(sqlite_url)
    waiter = Database(sqlite_url, busy_timeout_ms=SHORT_BUSY_MS, migrate=False)
    try:
        with holder.uow() as s:
            s.add(SettingRow(key="first", value=1))
            s.flush()
            with pytest.raises(DatabaseUnavailable) as refused:
                waiter.run(lambda w: w.add(SettingRow(key="second", value=2)))
        assert "occupée par un autre poste" in refused.value.message
        assert "rien n'a été enregistré" in refused.value.message
        with holder.read() as s:
            assert s.scalars(select(SettingRow.key)).all() == ["first"]
    finally:
        holder.dispose()
        waiter.dispose()


def test_a_read_transaction_does_not_block_writers(db, sqlite_url):
    sent = _statements(db.engine)
    writer = Database(sqlite_url, busy_timeout_ms=SHORT_BUSY_MS, migrate=False)
    other = _raw(sqlite_url)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(SettingRow)) == 0
            assert sent[0] == "BEGIN"
            # While the read transaction is open, writers commit without waiting.
            writer.run(lambda w: w.add(SettingRow(key="a", value=1)))
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO setting (key, value) VALUES ('b', '2')")
            other.execute("COMMIT")
            # The reader keeps its consistent snapshot.
            assert s.scalar(select(func.count()).select_from(SettingRow)) == 0
        assert _setting_count(db) == 2
    finally:
        other.close()
        writer.dispose()


# --- Database.run: retries of transient failures -------------------------------------------------


class _ReleaseOnRetry(logging.Handler):
    """Releases the other workstation's lock when ``Database.run`` announces its first retry."""

    def __init__(self, holder: sqlite3.Connection) -> None:
        super().__init__(logging.WARNING)
        self.holder = holder
        self.retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "transient database failure" in record.getMessage():
            self.retries += 1
            if self.holder.in_transaction:
                self.holder.execute("COMMIT")


def test_run_retries_database_is_locked_and_succeeds_once_the_lock_is_released(sqlite_url):
    database = Database(sqlite_url, busy_timeout_ms=SHORT_BUSY_MS)
    holder = _raw(sqlite_url)
    handler = _ReleaseOnRetry(holder)
    logger = logging.getLogger("desktop.services.uow")
    logger.addHandler(handler)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO setting (key, value) VALUES ('other', '0')")
        database.run(lambda s: s.add(SettingRow(key="mine", value=1)))
    finally:
        logger.removeHandler(handler)
        holder.close()
        database.dispose()
    assert handler.retries >= 1
    check = Database(sqlite_url)
    try:
        with check.read() as s:
            assert sorted(s.scalars(select(SettingRow.key))) == ["mine", "other"]
    finally:
        check.dispose()


def test_run_reports_in_french_when_the_lock_never_comes(sqlite_url, caplog):
    database = Database(sqlite_url, busy_timeout_ms=SHORT_BUSY_MS)
    holder = _raw(sqlite_url)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with (
            caplog.at_level(logging.WARNING, logger="desktop.services.uow"),
            pytest.raises(DatabaseUnavailable) as refused,
        ):
            database.run(lambda s: s.add(SettingRow(key="mine", value=1)))
        holder.execute("ROLLBACK")
        retries = [r for r in caplog.records if "transient database failure" in r.getMessage()]
        assert len(retries) == MAX_ATTEMPTS - 1  # a bounded number of attempts, then refusal
        assert refused.value.message == (
            "La base de données est occupée par un autre poste : rien n'a été enregistré, "
            "réessayez."
        )
        assert _setting_count(database) == 0
        # The next action works without reopening anything.
        database.run(lambda s: s.add(SettingRow(key="later", value=2)))
        assert _setting_count(database) == 1
    finally:
        holder.close()
        database.dispose()


@pytest.mark.postgres
def test_postgres_dropped_connection_is_retried_and_the_next_action_works(postgres_url):
    database = Database(postgres_url)
    admin = Database(postgres_url, migrate=False)
    killed = []

    def work(s):
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar()
        if not killed:  # the server drops this connection in the middle of the transaction
            with admin.engine.connect() as c:
                c.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killed.append(pid)
        s.add(SettingRow(key=f"written-by-{pid}", value=1))
        s.flush()
        return pid

    try:
        pid = database.run(work)
        assert killed and pid != killed[0]
        # Every pooled connection dropped (a server restart): the next action still works.
        with admin.engine.connect() as c:
            c.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        database.run(lambda s: s.add(SettingRow(key="after-restart", value=2)))
        with database.read() as s:
            assert sorted(s.scalars(select(SettingRow.key))) == [
                "after-restart",
                f"written-by-{pid}",
            ]
    finally:
        database.dispose()
        admin.dispose()


def _versioned_appointment(url: str):
    """Services over a small hospital holding one appointment (the only versioned table)."""
    services = small_hospital(url, TEST_NOW)
    patient = services.patients.create(SECRETARY, PatientInput("Verrou", "Ana", date(1970, 1, 1)))
    start = datetime(2027, 3, 22, 9, 0, tzinfo=PARIS)
    appointment = services.booking.book(SECRETARY, 1, 1, patient.id, start)
    return services, appointment.id


BUMP = text("UPDATE appointment SET version = version + 1, notes = 'autre poste' WHERE id = :id")


@pytest.mark.postgres
def test_run_retries_a_row_changed_by_another_transaction_since_it_was_read(postgres_url):
    services, appointment = _versioned_appointment(postgres_url)
    versions_read = []

    def work(s):
        row = s.get(AppointmentRow, appointment)
        versions_read.append(row.version)
        if len(versions_read) == 1:  # another workstation commits in between
            with services.db.engine.begin() as other:
                other.execute(BUMP, {"id": appointment})
        row.notes = "ce poste"
        s.flush()
        return row.version

    try:
        assert services.db.run(work) == 3
        assert versions_read == [1, 2]
    finally:
        services.db.dispose()


@pytest.mark.postgres
def test_run_gives_up_with_stale_edit_when_the_row_keeps_changing(postgres_url):
    services, appointment = _versioned_appointment(postgres_url)

    def work(s):
        row = s.get(AppointmentRow, appointment)
        with services.db.engine.begin() as other:
            other.execute(BUMP, {"id": appointment})
        row.notes = "ce poste"
        s.flush()

    try:
        with pytest.raises(StaleEdit, match="modifié sur un autre poste"):
            services.db.run(work)
        with services.db.read() as s:
            assert s.get(AppointmentRow, appointment).notes == "autre poste"
    finally:
        services.db.dispose()


# --- instants ------------------------------------------------------------------------------------


def _audit(at: datetime) -> AuditRow:
    return AuditRow(at=at, actor="t", workstation="w", action="test", object_type="test")


def test_instants_come_back_as_aware_utc(any_db):
    summer_local = datetime(2027, 7, 1, 9, 0, tzinfo=PARIS)  # 07:00Z
    winter_utc = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
    any_db.run(lambda s: s.add_all([_audit(summer_local), _audit(winter_utc)]))
    with any_db.read() as s:
        instants = s.scalars(select(AuditRow.at).order_by(AuditRow.id)).all()
    assert instants == [datetime(2027, 7, 1, 7, 0, tzinfo=UTC), winter_utc]
    for instant in instants:
        assert instant.tzinfo is not None
        assert instant.utcoffset() == timedelta(0)
    if any_db.sqlite:
        with any_db.engine.connect() as c:
            stored = c.exec_driver_sql("SELECT at FROM audit ORDER BY id").scalars().all()
        assert stored == ["2027-07-01T07:00:00Z", "2027-01-04T08:00:00Z"]


def test_instants_compare_as_instants_in_queries(any_db):
    any_db.run(lambda s: s.add(_audit(datetime(2027, 7, 1, 9, 0, tzinfo=PARIS))))
    with any_db.read() as s:
        later = select(func.count()).where(AuditRow.at > datetime(2027, 7, 1, 6, 59, tzinfo=UTC))
        earlier = select(func.count()).where(
            AuditRow.at < datetime(2027, 7, 1, 8, 59, tzinfo=PARIS)
        )
        assert s.scalar(later) == 1
        assert s.scalar(earlier) == 0


def test_a_naive_datetime_is_refused_and_nothing_is_written(any_db):
    with pytest.raises(StatementError, match="naive datetime"):
        any_db.run(lambda s: s.add(_audit(datetime(2027, 7, 1, 9, 0))))
    with any_db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditRow)) == 0


# --- migrations ----------------------------------------------------------------------------------


def _schema(database: Database) -> dict[str, list[str]]:
    with database.engine.connect() as c:
        inspector = inspect(c)
        return {
            t: sorted(col["name"] for col in inspector.get_columns(t))
            for t in inspector.get_table_names()
        }


def test_the_start_up_check_knows_the_newest_migration():
    # Start-up compares the database with the newest file name instead of importing Alembic.
    assert shipped_head() == head_revision()


def test_migrations_are_idempotent(any_blank_url):
    any_url = any_blank_url
    database = Database(any_url, migrate=False)
    try:
        assert current_revision(database.engine) is None
        assert upgrade(database.engine) is True
        schema = _schema(database)
        database.run(lambda s: s.add(SettingRow(key="kept", value={"a": 1})))
        assert upgrade(database.engine) is False
        assert current_revision(database.engine) == head_revision()
        assert _schema(database) == schema
    finally:
        database.dispose()
    # Opening again (what every start-up does) changes nothing and keeps the data.
    again = Database(any_url)
    try:
        assert _schema(again) == schema
        with again.read() as s:
            assert s.get(SettingRow, "kept").value == {"a": 1}
        with again.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        again.dispose()
