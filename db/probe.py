"""What state an SQLite database file is in, before the application trusts it at start-up.

``probe_sqlite`` never creates nor changes the file: it reads the header, asks the operating
system whether the file and its folder may be written (``os.access``, which also sees the
immutable flag that binds even root), opens the file read-write without creating it, reads the
schema, and tries a write transaction that is rolled back (a DDL statement, since in WAL mode
``BEGIN IMMEDIATE`` alone succeeds on a read-only file). Small files also get ``PRAGMA
quick_check``; big ones only the header and schema checks, to keep start-up fast.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT_S = 5.0


class FileState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    EMPTY = "empty"  # a zero-length file
    NOT_A_DATABASE = "not_a_database"
    TRUNCATED = "truncated"
    CORRUPTED = "corrupted"
    FOREIGN = "foreign"  # an SQLite database, but not Créneau's
    UNREADABLE = "unreadable"
    READ_ONLY = "read_only"
    READ_ONLY_FOLDER = "read_only_folder"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class Probe:
    state: FileState
    detail: str = ""
    journal_left: bool = False  # a -wal or -journal file remains beside a missing database


def probe_sqlite(
    path: Path,
    *,
    lock_timeout_s: float = LOCK_TIMEOUT_S,
    quick_check_max_bytes: int = QUICK_CHECK_MAX_BYTES,
) -> Probe:
    """The state of the SQLite file ``path`` (see ``FileState``); never modifies it."""
    if not path.exists():
        left = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
        return Probe(FileState.MISSING, journal_left=left)
    if not path.is_file():
        return Probe(FileState.NOT_A_DATABASE, "not a regular file")
    if not os.access(path, os.R_OK):
        return Probe(FileState.UNREADABLE)
    size = path.stat().st_size
    if size == 0:
        return Probe(FileState.EMPTY)
    header = _header(path)
    if header is None:
        return Probe(FileState.UNREADABLE)
    if header[: len(MAGIC)] != MAGIC[: len(header)]:
        return Probe(FileState.NOT_A_DATABASE, "bad header")
    if len(header) < HEADER_SIZE or size < _declared_size(header):
        return Probe(FileState.TRUNCATED, f"{size} bytes")
    if not os.access(path, os.W_OK):
        return Probe(FileState.READ_ONLY)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return Probe(FileState.READ_ONLY_FOLDER)
    return _probe_connection(path, size, lock_timeout_s, quick_check_max_bytes)


def _header(path: Path) -> bytes | None:
    try:
        with path.open("rb") as f:
            return f.read(HEADER_SIZE)
    except OSError:
        return None


def _declared_size(header: bytes) -> int:
    """The size the header says the file has (0 when that field is not valid)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = header[24:28]
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = header[92:96]
    return page_size * page_count if valid_for == change_counter else 0


def _probe_connection(path: Path, size: int, timeout: float, quick_check_max: int) -> Probe:
    try:
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=timeout
        )
    except sqlite3.Error as exc:
        return _classify(exc)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "alembic_version" not in tables:
            return Probe(FileState.FOREIGN, ", ".join(sorted(tables)[:5]))
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE main.creneau_write_probe (x INTEGER)")
        finally:
            db.execute("ROLLBACK")
        if size <= quick_check_max:
            problems = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                return Probe(FileState.CORRUPTED, "; ".join(problems[:3]))
    except sqlite3.Error as exc:
        return _classify(exc)
    finally:
        db.close()
    return Probe(FileState.OK)


def _classify(exc: sqlite3.Error) -> Probe:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return Probe(FileState.NOT_A_DATABASE, str(exc))
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return Probe(FileState.CORRUPTED, str(exc))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return Probe(FileState.LOCKED, str(exc))
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return Probe(FileState.READ_ONLY, str(exc))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return Probe(FileState.READ_ONLY_FOLDER, str(exc))
    return Probe(FileState.CORRUPTED, str(exc))
