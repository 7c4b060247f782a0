"""Live refresh: tell a workstation, cheaply and without blocking, that the agenda changed.

``ChangeWatcher.changed()`` is polled by the GUI (a timer every half second or so) and answers
in microseconds when nothing happened:

- SQLite: ``PRAGMA data_version`` on one dedicated connection, outside any transaction, changes
  whenever another connection (another workstation, or this one's own writes) commits.
- PostgreSQL: a dedicated autocommit connection ``LISTEN``s on ``creneau_changes``, which the
  triggers of migration 0003 notify at each commit touching the agenda; pending notifications
  are read without waiting. A dropped connection is reopened in the background; the first call
  that finds it back says "changed" (notifications may have been missed meanwhile).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from typing import Protocol

from sqlalchemy.engine import make_url

from db.engine import sqlite_path
from desktop.services.uow import Database

log = logging.getLogger(__name__)

CHANNEL = "creneau_changes"
RETRY_SECONDS = 5.0
CONNECT_TIMEOUT_S = 5


class ChangeWatcher:
    """Non-blocking "has the database changed since I last asked?" for one workstation."""

    def __init__(self, db: Database, *, retry_seconds: float = RETRY_SECONDS) -> None:
        """Open the dedicated connection; on PostgreSQL a lost one is retried every
        ``retry_seconds`` in the background."""
        self._lock = threading.Lock()
        self._closed = False
        if db.sqlite:
            self._impl: _Watcher = _SQLiteWatcher(db.url)
        else:
            self._impl = _PostgresWatcher(db.url, retry_seconds)

    def changed(self) -> bool:
        """True when a commit happened since the previous call (or the watcher's creation)."""
        with self._lock:
            if self._closed:
                return False
            return self._impl.changed()

    def close(self) -> None:
        """Release the dedicated connection; ``changed()`` then always answers False."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._impl.close()

    def __enter__(self) -> ChangeWatcher:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


class _Watcher(Protocol):
    """What each engine's watcher offers."""

    def changed(self) -> bool: ...

    def close(self) -> None: ...


class _SQLiteWatcher:
    """``PRAGMA data_version`` on a long-lived connection of its own, in autocommit."""

    def __init__(self, url: str) -> None:
        path = sqlite_path(url)
        self._conn: sqlite3.Connection | None = None
        if path is None:  # an in-memory database has no other connection to hear from
            return
        # isolation_level=None: no implicit transaction, so every PRAGMA sees the latest commit.
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 100")
        self._version = self._read()

    def _read(self) -> int:
        assert self._conn is not None
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        if self._conn is None:
            return False
        try:
            version = self._read()
        except sqlite3.Error as exc:  # busy or unreachable for a moment: ask again next time
            log.warning("change watcher: %s", exc)
            return False
        if version == self._version:
            return False
        self._version = version
        return True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class _PostgresWatcher:
    """``LISTEN creneau_changes`` on a dedicated autocommit psycopg connection.

    A lost connection is reopened on a background thread (never blocking the GUI thread on a
    network timeout), at most every ``retry_seconds``; the first call that finds it open again
    answers True.
    """

    def __init__(self, url: str, retry_seconds: float) -> None:
        self._conninfo = (
            make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        )
        self._retry_seconds = retry_seconds
        self._conn = None
        self._pending = None
        self._thread: threading.Thread | None = None
        self._last_attempt = time.monotonic()
        try:
            self._conn = self._open()
        except Exception as exc:  # the server is unreachable now: retry in the background
            log.warning("change watcher: %s", type(exc).__name__)

    def _open(self):
        import psycopg  # lazily: the driver costs start-up time and SQLite users never need it

        conn = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def changed(self) -> bool:
        if self._conn is None:
            return self._reconnected()
        try:
            found = False
            for _ in self._conn.notifies(timeout=0):
                found = True  # drain every pending notification: one refresh covers them all
            return found
        except Exception as exc:  # psycopg.Error: the connection is lost
            log.warning("change watcher: %s", type(exc).__name__)
            self._conn.close()
            self._conn = None
            self._last_attempt = float("-inf")  # try again at once
            return self._reconnected()

    def _reconnected(self) -> bool:
        """Take a connection opened in the background (True), or start opening one (False)."""
        if self._thread is not None:
            if self._thread.is_alive():
                return False
            self._thread = None
            self._conn, self._pending = self._pending, None
            if self._conn is not None:
                return True  # whatever happened while deaf must be shown
        if time.monotonic() - self._last_attempt < self._retry_seconds:
            return False
        self._last_attempt = time.monotonic()
        self._thread = threading.Thread(target=self._connect_in_background, daemon=True)
        self._thread.start()
        return False

    def _connect_in_background(self) -> None:
        try:
            self._pending = self._open()
        except Exception as exc:
            log.warning("change watcher: %s", type(exc).__name__)

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join(CONNECT_TIMEOUT_S + 1)
        for conn in (self._conn, self._pending):
            if conn is not None:
                conn.close()
        self._conn = self._pending = None
