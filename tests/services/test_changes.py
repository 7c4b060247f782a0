"""Live refresh: ``ChangeWatcher.changed()`` turns True within two seconds of another
workstation's commit, on SQLite (``PRAGMA data_version``) and PostgreSQL (``LISTEN/NOTIFY``),
and stays False while nothing is committed. Also the migration that installs the notifications.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from db.engine import writer
from db.migrate import _config, current_revision, head_revision
from desktop.domain.errors import SlotConflict
from desktop.services.changes import ChangeWatcher
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from desktop.services.uow import Database
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY_9 = datetime(2027, 3, 22, 9, 0, tzinfo=PARIS)
DEADLINE_S = 2.0


def wait_for_change(watcher: ChangeWatcher, seconds: float = DEADLINE_S) -> bool:
    """Poll like the GUI's timer would, for at most ``seconds``; True as soon as it changes."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.changed():
            return True
        time.sleep(0.01)  # bounded polling, not a wait for a fixed time
    return watcher.changed()


@pytest.fixture
def two_workstations(any_url):
    """This workstation (with its watcher) and another one on the same database."""
    here = small_hospital(any_url, TEST_NOW)
    there = Services.open(any_url, FixedClock(TEST_NOW))
    patient = there.patients.create(SECRETARY, PatientInput("Distant", "Paul", date(1970, 1, 1)))
    watcher = here.change_watcher()
    yield here, there, watcher, patient.id
    watcher.close()
    there.db.dispose()
    here.db.dispose()


def _ids(services: Services) -> tuple[int, int]:
    dupont = next(p.id for p in services.agenda.practitioners() if p.code == "DUPONT")
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-1")
    return dupont, reason


def test_a_booking_on_another_workstation_is_seen_within_two_seconds(two_workstations):
    _here, there, watcher, patient = two_workstations
    assert not watcher.changed()  # idle: nothing since it was made
    assert not watcher.changed()
    dupont, reason = _ids(there)
    started = time.monotonic()
    there.booking.book(SECRETARY, dupont, reason, patient, MONDAY_9)
    assert wait_for_change(watcher)
    assert time.monotonic() - started < DEADLINE_S
    assert not watcher.changed()  # one commit, one "changed"


def test_every_watched_kind_of_change_is_seen(two_workstations):
    _here, there, watcher, patient = two_workstations
    dupont, reason = _ids(there)
    actions = [
        lambda: there.waitlist.add(SECRETARY, patient, reason),
        lambda: there.absences.add(
            SECRETARY, dupont, MONDAY_9, datetime(2027, 3, 22, 10, 0, tzinfo=PARIS)
        ),
        lambda: there.patients.create(SECRETARY, PatientInput("Nouveau", "Né", date(2000, 2, 2))),
    ]
    for action in actions:
        assert not watcher.changed()
        action()
        assert wait_for_change(watcher)


def test_a_refused_booking_commits_nothing_and_stays_quiet(two_workstations):
    _here, there, watcher, patient = two_workstations
    dupont, reason = _ids(there)
    there.booking.book(SECRETARY, dupont, reason, patient, MONDAY_9)
    assert wait_for_change(watcher)
    with pytest.raises(SlotConflict):
        there.booking.book(SECRETARY, dupont, reason, patient, MONDAY_9)
    assert not wait_for_change(watcher, 0.3)


def test_reading_changes_nothing(two_workstations):
    _here, there, watcher, _patient = two_workstations
    dupont, reason = _ids(there)
    there.agenda.free_slots(reason, date(2027, 3, 22), date(2027, 3, 29), [dupont])
    there.agenda.period([dupont], date(2027, 3, 22), date(2027, 3, 28))
    assert not wait_for_change(watcher, 0.3)


def test_closed_watcher_answers_false(two_workstations):
    here, there, watcher, patient = two_workstations
    dupont, reason = _ids(there)
    watcher.close()
    there.booking.book(SECRETARY, dupont, reason, patient, MONDAY_9)
    assert not watcher.changed()
    watcher.close()  # twice is harmless
    with here.change_watcher() as fresh:
        assert not fresh.changed()


def test_an_in_memory_database_has_nobody_to_hear_from():
    database = Database("sqlite://", migrate=False)
    try:
        with ChangeWatcher(database) as watcher:
            assert not watcher.changed()
    finally:
        database.dispose()


@pytest.mark.postgres
def test_postgres_watcher_survives_a_dropped_connection(postgres_url):
    here = small_hospital(postgres_url, TEST_NOW)
    there = Services.open(postgres_url, FixedClock(TEST_NOW))
    watcher = here.change_watcher()
    try:
        assert _terminate_listeners(there.db) == [(True,)]
        # The loss is noticed, the connection reopened in the background, and the first call
        # that finds it open says "changed": whatever happened meanwhile must be shown.
        assert wait_for_change(watcher, 10.0)
        patient = there.patients.create(
            SECRETARY, PatientInput("Après", "Coupure", date(1990, 3, 3))
        )
        assert patient.id
        assert wait_for_change(watcher)
        assert not watcher.changed()
    finally:
        watcher.close()
        there.db.dispose()
        here.db.dispose()


@pytest.mark.postgres
def test_postgres_watcher_started_while_the_server_is_unreachable():
    # Nothing listens on port 1: the watcher starts deaf and keeps retrying in the background.
    unreachable = SimpleNamespace(url="postgresql://postgres@127.0.0.1:1/nowhere", sqlite=False)
    watcher = ChangeWatcher(unreachable, retry_seconds=0)
    assert not wait_for_change(watcher, 0.3)
    watcher.close()
    assert not watcher.changed()


@pytest.mark.postgres
def test_closing_while_reconnecting_releases_the_new_connection(postgres_url):
    database = Database(postgres_url)
    watcher = ChangeWatcher(database)
    try:
        _terminate_listeners(database)
        assert not watcher.changed()  # the loss is noticed; a reconnection starts
    finally:
        watcher.close()  # waits for it, and closes what it opened
        database.dispose()
    observer = Database(postgres_url)
    try:
        deadline = time.monotonic() + 2.0
        while _listeners(observer) and time.monotonic() < deadline:
            time.sleep(0.01)  # a closed backend leaves pg_stat_activity a moment later
        assert _listeners(observer) == 0
    finally:
        observer.dispose()


def _listeners(database: Database) -> int:
    with database.engine.connect() as c:
        return c.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND query ILIKE 'LISTEN%'"
            )
        ).scalar()


def _terminate_listeners(database: Database) -> list:
    with database.engine.connect() as c:
        return c.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND query ILIKE 'LISTEN%'"
            )
        ).all()


# --- the migration ------------------------------------------------------------------------


def test_notifications_are_installed_on_postgres_only(any_url):
    database = Database(any_url)
    try:
        with database.engine.connect() as c:
            if database.sqlite:
                names = c.execute(
                    text(  # the audit trail's append-only guard (0004) is not a notification
                        "SELECT name FROM sqlite_master WHERE type='trigger' "
                        "AND tbl_name NOT LIKE 'audit%'"
                    )
                )
                assert {n for (n,) in names} == {
                    "tr_appointment_no_overlap_insert",
                    "tr_appointment_no_overlap_update",
                }
            else:
                names = c.execute(
                    text(
                        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                        "AND tgname NOT LIKE 'tr_audit%'"
                    )
                )
                assert {n for (n,) in names} == {
                    f"tr_{t}_notify"
                    for t in (
                        "appointment",
                        "absence",
                        "closure",
                        "opening",
                        "waiting_entry",
                        "patient",
                        "booking_request",  # the inbox of online requests (0005)
                    )
                }
    finally:
        database.dispose()


def test_migration_0003_goes_down_and_up_keeping_the_overlap_guard(any_blank_url):
    database = Database(any_blank_url)
    config = _config()
    try:
        with writer(database.engine).begin() as c:
            config.attributes["connection"] = c
            command.downgrade(config, "0002")
        assert current_revision(database.engine) == "0002"
        with database.engine.connect() as c:
            inspector = inspect(c)
            assert "waiting_entry" not in inspector.get_table_names()
            assert "cancel_origin" not in {
                col["name"] for col in inspector.get_columns("appointment")
            }
            if database.sqlite:
                triggers = c.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE type='trigger'")
                )
                assert triggers.scalar() == 2  # the overlap guard survived
        with writer(database.engine).begin() as c:
            config.attributes["connection"] = c
            command.upgrade(config, "head")
        assert current_revision(database.engine) == head_revision()
    finally:
        database.dispose()
    engine = create_engine(any_blank_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as c:
            columns = {col["name"] for col in inspect(c).get_columns("appointment")}
        assert "cancel_origin" in columns
    finally:
        engine.dispose()
