"""The unit of work: one user action, one transaction, committed or rolled back as a whole."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.engine import BUSY_TIMEOUT_MS, is_sqlite, make_engine, writer
from db.migrate import upgrade
from desktop.domain.errors import DatabaseUnavailable, SlotConflict, StaleEdit

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 5
OVERLAP_CONSTRAINT = "ex_appointment_no_overlap"
SLOT_CONFLICT_MESSAGE = (
    "Ce créneau vient d'être pris : un autre rendez-vous occupe déjà cet horaire."
)
STALE_MESSAGE = (
    "Cet élément vient d'être modifié sur un autre poste : rien n'a été enregistré, "
    "rouvrez-le pour voir sa version actuelle."
)


class Database:
    """An engine, its migrations, and sessions for reads and for writes."""

    def __init__(
        self, url: str, *, migrate: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        self.url = url
        self.engine: Engine = make_engine(url, busy_timeout_ms=busy_timeout_ms)
        self.sqlite = is_sqlite(url)
        if migrate:
            upgrade(self.engine)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer(self.engine), expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (its transaction is rolled back at the end)."""
        with self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def uow(self) -> Iterator[Session]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite): committed, or rolled back."""
        with self._write() as session, session.begin():
            yield session

    def run(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction, retrying transient failures a few times.

        A lock wait that outlasts the busy timeout, a serialization failure or a dropped connection
        is retried; a violated overlap constraint becomes ``SlotConflict``. A versioned row changed
        by another transaction since this one read it (``StaleDataError``) is retried too: ``work``
        reads it again and decides (usually refusing with ``StaleEdit`` and who changed it).
        """
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with self.uow() as session:
                    return work(session)
            except IntegrityError as exc:
                if OVERLAP_CONSTRAINT in str(exc.orig):
                    raise SlotConflict(SLOT_CONFLICT_MESSAGE) from exc
                raise
            except StaleDataError as exc:
                if attempt == MAX_ATTEMPTS:
                    raise StaleEdit(STALE_MESSAGE) from exc
                log.warning("concurrent edit, attempt %d: %s", attempt, exc)
                continue
            except (OperationalError, DBAPIError) as exc:
                if not _transient(exc) or attempt == MAX_ATTEMPTS:
                    log.error("database write failed: %s", type(exc.orig).__name__)
                    raise DatabaseUnavailable(_unavailable_message(exc)) from exc
                log.warning("transient database failure, attempt %d: %s", attempt, exc.orig)
                time.sleep(random.uniform(0.02, 0.1) * attempt)
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


def _transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return (
        exc.connection_invalidated
        or code in ("40001", "40P01", "57P01", "08006", "08003", "08000")
        or "database is locked" in text
        or "database is busy" in text
        or "server closed the connection" in text
        or ("connection" in text and "closed" in text)
    )


def _unavailable_message(exc: DBAPIError) -> str:
    text = str(exc.orig).lower()
    if "readonly" in text or "read-only" in text:
        return "La base de données est en lecture seule : rien n'a été enregistré."
    if ("disk" in text and "full" in text) or "disk i/o" in text:
        return "Le disque est plein ou inaccessible : rien n'a été enregistré."
    if "locked" in text or "busy" in text:
        return (
            "La base de données est occupée par un autre poste : rien n'a été enregistré, "
            "réessayez."
        )
    return "La base de données est injoignable : rien n'a été enregistré."


def open_database(url: str) -> Database:
    """Open and migrate the database of a SQLAlchemy URL; a French error when it fails."""
    try:
        return Database(url)
    except OperationalError as exc:
        raise DatabaseUnavailable(
            f"Impossible d'ouvrir la base de données : {_unavailable_message(exc)}"
        ) from exc
