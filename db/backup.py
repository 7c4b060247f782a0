"""Engine-specific parts of backups: a consistent copy of a live database, and checks of a copy.

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the pages from a
read-only connection that holds one read transaction from the first page to the last. In WAL
mode this snapshot never blocks the workstations that keep writing, and the copy holds exactly
what was committed when the transaction began — never a file copy of a live database.
PostgreSQL: see ``db.backup_pg`` (``pg_dump`` on the same snapshot as the row counts, or a
JSON-lines export).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from db.engine import is_sqlite, sqlite_path
from desktop.domain.errors import DatabaseUnavailable, InvalidBackup

# (per cent done, what is happening — French, for the screen)
Progress = Callable[[int, str], None]
SQLITE_DATA_NAME = "creneau.sqlite3"
VERSION_TABLE = "alembic_version"
STEPS_PER_COPY = 50
MIN_PAGES_PER_STEP = 256


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The data file written by ``snapshot`` and what it holds."""

    engine: str
    method: str
    data_name: str
    revision: str | None
    row_counts: dict[str, int]


def _quiet(_percent: int, _text: str) -> None:
    pass


def masked_url(url: str) -> str:
    """The URL as it may be shown or stored: its password replaced by ``***``."""
    return make_url(url).render_as_string(hide_password=True)


def known_revision(revision: str | None) -> bool:
    """Whether this version of Créneau ships the migration ``revision``."""
    if revision is None:
        return False
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from db.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except CommandError:
        return False


def snapshot(
    url: str, folder: Path, progress: Progress | None = None, *, pg_method: str = "auto"
) -> Snapshot:
    """Write a consistent copy of the database of ``url`` into ``folder``; return a ``Snapshot``.

    ``pg_method`` ("auto", "pg_dump" or "jsonl") chooses how PostgreSQL is exported.
    """
    progress = progress or _quiet
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is None:
            raise DatabaseUnavailable("Une base SQLite en mémoire ne peut pas être sauvegardée.")
        return sqlite_snapshot(path, folder / SQLITE_DATA_NAME, progress)
    from db.backup_pg import pg_snapshot

    return pg_snapshot(url, folder, progress, method=pg_method)


def sqlite_snapshot(source: Path, dest: Path, progress: Progress) -> Snapshot:
    """Copy the SQLite file ``source`` to ``dest`` with the online backup API, then check it."""
    if not source.is_file():
        raise DatabaseUnavailable(f"La base de données « {source} » est introuvable.")
    progress(0, "Copie de la base…")
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"Lecture impossible de la base « {source} » : {exc}.") from exc
    src.isolation_level = None
    try:
        # One read transaction over every step: the pages all come from the same snapshot and the
        # copy never restarts, however much the other workstations write meanwhile.
        src.execute("BEGIN")
        total = src.execute("PRAGMA page_count").fetchone()[0]
        dst = sqlite3.connect(dest)
        try:

            def step(_status: int, remaining: int, pages: int) -> None:
                progress(int(80 * (pages - remaining) / max(pages, 1)), "Copie de la base…")

            pages = max(MIN_PAGES_PER_STEP, total // STEPS_PER_COPY)
            src.backup(dst, pages=pages, progress=step)
        finally:
            dst.close()
        src.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"La copie de la base a échoué : {exc}.") from exc
    finally:
        src.close()
    progress(80, "Vérification de la copie…")
    # One self-contained file in the archive (no -wal beside it); the engine turns WAL back on.
    with _connect(dest) as copy:
        copy.execute("PRAGMA journal_mode = DELETE")
    revision, counts = check_sqlite_copy(dest)
    return Snapshot("sqlite", "sqlite-backup-api", SQLITE_DATA_NAME, revision, counts)


class _connect:
    """An sqlite3 connection closed on exit (``sqlite3.connect`` as a context only commits)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        uri = path.resolve().as_uri() + ("?mode=ro" if read_only else "")
        self.connection = sqlite3.connect(uri, uri=True, isolation_level=None)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *_exc) -> None:
        self.connection.close()


def check_sqlite_copy(path: Path) -> tuple[str | None, dict[str, int]]:
    """``PRAGMA integrity_check`` of an SQLite copy, then its Alembic revision and row counts.

    Raises ``InvalidBackup`` (French message) when the file is not an intact SQLite database.
    """
    try:
        with _connect(path) as db:
            problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"]:
                raise InvalidBackup(
                    "La copie de la base est endommagée (integrity_check : "
                    f"{'; '.join(problems[:3])})."
                )
            return _revision(db), _counts(db)
    except sqlite3.DatabaseError as exc:
        raise InvalidBackup(f"La copie n'est pas une base SQLite intacte ({exc}).") from exc


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    return {
        t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in _tables(db)
        if t != VERSION_TABLE
    }


def _revision(db: sqlite3.Connection) -> str | None:
    if VERSION_TABLE not in _tables(db):
        return None
    row = db.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    return None if row is None else row[0]


def target_state(url: str) -> str:
    """What a restore target holds: "absent", "empty" (nothing but an empty file or schema) or
    "data" (anything else, a damaged file included)."""
    if not is_sqlite(url):
        from db.backup_pg import pg_target_state

        return pg_target_state(url)
    path = sqlite_path(url)
    if path is None:
        raise InvalidBackup("On ne restaure pas dans une base SQLite en mémoire.")
    if not path.exists():
        return "absent"
    if path.is_file() and path.stat().st_size == 0:
        return "empty"
    try:
        with _connect(path, read_only=True) as db:
            return "data" if _tables(db) else "empty"
    except sqlite3.Error:
        return "data"


def sqlite_counts(path: Path) -> dict[str, int]:
    """Row counts per table of an SQLite file (the Alembic table left out)."""
    with _connect(path, read_only=True) as db:
        return _counts(db)
