"""Hermetic test set-up: offscreen Qt, temporary data folders, never the developer's settings.

Fixtures give a real SQLite file per test and, when ``CRENEAU_TEST_PG_URL`` names a server
(``.ci/run`` always sets it), a fresh PostgreSQL database per test.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parents[1]
PG_ENV = "CRENEAU_TEST_PG_URL"
# 2027-03-15 09:00 UTC, a Monday: "now" for tests unless they set their own.
TEST_NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _hermetic_environment(tmp_path_factory, monkeypatch):
    """Each test gets its own data, config and cache folders, no CRENEAU_DB and no machine-wide
    configuration file."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("CRENEAU_DB", raising=False)
    # Never the machine's own /etc/xdg/creneau/creneau.toml (desktop.config).
    monkeypatch.setenv("CRENEAU_MACHINE_CONFIG", str(home / "machine-config" / "creneau.toml"))
    monkeypatch.delenv("CRENEAU_USER_CONFIG", raising=False)


def product_example_toml() -> str:
    """The structure file example of PRODUCT.md, verbatim (copied in tests/data)."""
    return (ROOT / "tests" / "data" / "product_example.toml").read_text(encoding="utf-8")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A new SQLite file (WAL, foreign keys) for one test."""
    return f"sqlite:///{tmp_path / 'creneau.sqlite3'}"


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV)


@pytest.fixture(scope="session")
def _pg_template():
    """One migrated PostgreSQL database per test session, the template of each test's copy."""
    admin_url = _pg_admin_url()
    if not admin_url:
        yield None
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db.engine import make_engine
    from db.migrate import upgrade

    base = make_url(admin_url).set(drivername="postgresql+psycopg")
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"creneau_tmpl_{uuid.uuid4().hex[:12]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(base.set(database=name).render_as_string(hide_password=False))
    upgrade(engine)
    engine.dispose()
    try:
        yield admin, base, name
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _new_pg_database(pg_template, template: bool):
    from sqlalchemy import text

    admin, base, template_name = pg_template
    name = f"creneau_test_{uuid.uuid4().hex[:12]}"
    clause = f' TEMPLATE "{template_name}"' if template else ""
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def postgres_url(_pg_template):
    """A new PostgreSQL database for one test, already migrated (a copy of the template)."""
    if _pg_template is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (set by .ci/run); not set on this machine")
    yield from _new_pg_database(_pg_template, template=True)


@pytest.fixture
def postgres_blank_url(_pg_template):
    """A new, empty PostgreSQL database (never migrated) for one test."""
    if _pg_template is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (set by .ci/run); not set on this machine")
    yield from _new_pg_database(_pg_template, template=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_url(request) -> str:
    """Both engines: the test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_blank_url(request) -> str:
    """Both engines, never migrated: for the tests of the migrations themselves."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_blank_url")
