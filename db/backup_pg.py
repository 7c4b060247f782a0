"""PostgreSQL backups: ``pg_dump`` when it is on PATH, else a JSON-lines export; and restores.

Both read one REPEATABLE READ, read-only transaction: the row counts of the manifest are taken
in it, and ``pg_dump`` is given the same snapshot (``--snapshot``), so the counts describe the
dump exactly while the workstations keep writing.

The JSON-lines export (``creneau.jsonl``, engine-neutral text, documented in the README): a first
line ``{"creneau_jsonl": 1}``, then for each table (parents before children) a line
``{"table": NAME, "columns": [...]}`` followed by one JSON array per row. Values that JSON lacks
are tagged objects: ``{"$dt": ISO}`` (timestamp), ``{"$d": ISO}`` (date), ``{"$t": ISO}`` (time),
``{"$n": "1.5"}`` (numeric), ``{"$b": base64}`` (bytes), ``{"$j": value}`` (a JSON column's value).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import warnings
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import JSON, Connection, MetaData, Table, Text, cast, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SAWarning

from db.backup import VERSION_TABLE, Progress, Snapshot
from db.engine import make_engine
from db.migrate import MIGRATIONS
from desktop.domain.errors import DatabaseUnavailable, InvalidBackup

DUMP_NAME = "creneau.pgdump"
JSONL_NAME = "creneau.jsonl"
BATCH = 1000
TOOL_TIMEOUT_S = 6 * 3600
_TABLES = (
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
)


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """The URL for ``pg_dump``/``pg_restore`` without its password, and their environment
    (the password travels in ``PGPASSWORD``, never on a command line)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    bare = parsed.set(drivername="postgresql", password=None)
    return bare.render_as_string(hide_password=False), env


def pg_snapshot(url: str, folder: Path, progress: Progress, *, method: str = "auto") -> Snapshot:
    """Export the database in one snapshot: ``pg_dump -Fc`` or, without it, JSON lines."""
    use_dump = method == "pg_dump" or (method == "auto" and shutil.which("pg_dump"))
    if method == "pg_dump" and not shutil.which("pg_dump"):
        raise DatabaseUnavailable("pg_dump est introuvable : installez les outils PostgreSQL.")
    engine = make_engine(url)
    try:
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as conn, conn.begin():
            tables = [t for t in conn.execute(text(_TABLES)).scalars() if t != VERSION_TABLE]
            counts = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
            revision = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
            progress(10, "Export de la base…")
            if use_dump:
                snapshot_id = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
                _pg_dump(url, snapshot_id, folder / DUMP_NAME)
                data_name, used = DUMP_NAME, "pg_dump"
            else:
                _export_jsonl(conn, folder / JSONL_NAME, progress)
                data_name, used = JSONL_NAME, "jsonl"
    except DBAPIError as exc:
        raise DatabaseUnavailable(f"La base PostgreSQL est injoignable : {exc.orig}.") from exc
    finally:
        engine.dispose()
    progress(80, "Export terminé.")
    return Snapshot("postgresql", used, data_name, revision, counts)


def _run_tool(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False
        )
    except OSError as exc:
        raise DatabaseUnavailable(f"{what} n'a pas pu être lancé : {exc.strerror}.") from exc
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["erreur inconnue"])[0]
        raise DatabaseUnavailable(f"{what} a échoué : {first}")


def _pg_dump(url: str, snapshot_id: str, out: Path) -> None:
    target, env = libpq_target(url)
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    command += [f"--snapshot={snapshot_id}", f"--file={out}", f"--dbname={target}"]
    _run_tool(command, env, "pg_dump")


def reflect(conn: Connection) -> MetaData:
    """The tables as the database has them (columns, keys); indexes are not needed here, and
    SQLAlchemy warns about those it cannot read (expression indexes)."""
    metadata = MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        metadata.reflect(conn)
    return metadata


def _encode(value, is_json: bool):
    if value is None:
        return None
    if is_json:
        return {"$j": json.loads(value)}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, time):
        return {"$t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$n": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    return value


_DECODERS = {
    "$dt": datetime.fromisoformat,
    "$d": date.fromisoformat,
    "$t": time.fromisoformat,
    "$n": Decimal,
    "$b": base64.b64decode,
    "$j": lambda v: JSON.NULL if v is None else v,
}


def _decode(value):
    if isinstance(value, dict):
        [(tag, inner)] = value.items()
        return _DECODERS[tag](inner)
    return value


def _export_jsonl(conn: Connection, out: Path, progress: Progress) -> None:
    metadata = reflect(conn)
    tables = [t for t in metadata.sorted_tables if t.name != VERSION_TABLE]
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps({"creneau_jsonl": 1}) + "\n")
        for number, table in enumerate(tables):
            progress(10 + 70 * number // max(len(tables), 1), f"Export de la table {table.name}…")
            flags = [isinstance(c.type, JSON) for c in table.c]
            columns = [cast(c, Text) if j else c for c, j in zip(table.c, flags, strict=True)]
            f.write(json.dumps({"table": table.name, "columns": list(table.c.keys())}) + "\n")
            query = select(*columns).order_by(*table.primary_key.columns)
            for row in conn.execution_options(yield_per=BATCH).execute(query):
                values = [_encode(v, j) for v, j in zip(row, flags, strict=True)]
                f.write(json.dumps(values, ensure_ascii=False) + "\n")


def pg_target_state(url: str) -> str:
    """ "absent" (no such database), "empty" (no table) or "data"."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return "data" if conn.execute(text(_TABLES)).first() else "empty"
    except DBAPIError as exc:
        name = make_url(url).database or ""
        # psycopg gives no SQLSTATE for a refused connection: the server's text says it.
        if getattr(exc.orig, "sqlstate", None) == "3D000" or (
            f'database "{name}" does not exist' in str(exc.orig)
        ):
            return "absent"
        raise DatabaseUnavailable(f"La base PostgreSQL est injoignable : {exc.orig}.") from exc
    finally:
        engine.dispose()


def _maintenance(url: str):
    from sqlalchemy import create_engine

    base = make_url(url).set(drivername="postgresql+psycopg", database="postgres")
    return create_engine(base, isolation_level="AUTOCOMMIT")


def create_database(url: str) -> None:
    """Create the (absent) database named by ``url`` on its server."""
    name = make_url(url).database or ""
    admin = _maintenance(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name.replace(chr(34), chr(34) * 2)}"'))
    except DBAPIError as exc:
        raise InvalidBackup(
            f"Impossible de créer la base PostgreSQL « {name} » : {exc.orig}."
        ) from exc
    finally:
        admin.dispose()


def drop_database(url: str) -> None:
    """Drop a database this restore created (after a failure: no half-written target)."""
    name = make_url(url).database or ""
    admin = _maintenance(url)
    try:
        with admin.connect() as conn:
            quoted = name.replace(chr(34), chr(34) * 2)
            conn.execute(text(f'DROP DATABASE IF EXISTS "{quoted}" WITH (FORCE)'))
    finally:
        admin.dispose()


def drop_tables(url: str) -> None:
    """Empty a target that was empty before a failed restore: drop every table it now has."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for table in conn.execute(text(_TABLES)).scalars().all():
                conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    finally:
        engine.dispose()


def restore_dump(url: str, dump: Path) -> None:
    """``pg_restore`` a custom-format dump in one transaction (all or nothing)."""
    if not shutil.which("pg_restore"):
        raise InvalidBackup("pg_restore est introuvable : installez les outils PostgreSQL.")
    target, env = libpq_target(url)
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction", f"--dbname={target}", str(dump)]
    _run_tool(command, env, "pg_restore")


def pg_counts(url: str) -> dict[str, int]:
    """Row counts per table (the Alembic table left out)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = [t for t in conn.execute(text(_TABLES)).scalars() if t != VERSION_TABLE]
            return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
    finally:
        engine.dispose()


def _migrate_to(conn: Connection, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def restore_jsonl(url: str, data: Path, revision: str, expected: dict[str, int]) -> None:
    """Load a JSON-lines export in ONE transaction: the schema at the export's revision, every
    row, the sequences, the counts checked against ``expected`` — committed only if all is
    right — and the newer migrations on top."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn, data.open(encoding="utf-8") as f:
            _migrate_to(conn, revision)
            metadata = reflect(conn)
            _load_rows(conn, metadata, f)
            _reset_sequences(conn, metadata)
            found = {
                t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() for t in expected
            }
            if found != expected:
                raise InvalidBackup(_count_mismatch(expected, found))
            _migrate_to(conn, "head")
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidBackup(f"L'export JSON de la sauvegarde est illisible ({exc}).") from exc
    except DBAPIError as exc:
        raise InvalidBackup(f"La restauration a échoué : {exc.orig}.") from exc
    finally:
        engine.dispose()


def _load_rows(conn: Connection, metadata: MetaData, lines) -> None:
    if json.loads(next(lines)).get("creneau_jsonl") != 1:
        raise InvalidBackup("L'export JSON de la sauvegarde n'est pas reconnu.")
    statement, columns, batch = None, [], []
    for line in lines:
        item = json.loads(line)
        if isinstance(item, dict):
            if batch:
                conn.execute(statement, batch)
            table = metadata.tables[item["table"]]
            statement, columns, batch = _upsert(table), item["columns"], []
            continue
        batch.append(dict(zip(columns, map(_decode, item), strict=True)))
        if len(batch) >= BATCH:
            conn.execute(statement, batch)
            batch = []
    if batch:
        conn.execute(statement, batch)


def _upsert(table: Table):
    """INSERT, or UPDATE a row a migration seeded with the same key (a chain head, a default):
    the backup's row wins, and append-only tables (never seeded) only ever get inserts."""
    for c in table.c:
        if isinstance(c.type, JSON):
            c.type = JSON(none_as_null=True)
    statement = pg_insert(table)
    keys = list(table.primary_key.columns)
    others = {c.name: statement.excluded[c.name] for c in table.c if c not in keys}
    if not others:
        return statement.on_conflict_do_nothing(index_elements=keys)
    return statement.on_conflict_do_update(index_elements=keys, set_=others)


def _reset_sequences(conn: Connection, metadata: MetaData) -> None:
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if sequence:
                conn.execute(
                    text(
                        f'SELECT setval(:s, coalesce(max("{column.name}"), 1), '
                        f'max("{column.name}") IS NOT NULL) FROM "{table.name}"'
                    ),
                    {"s": sequence},
                )


def _count_mismatch(expected: dict[str, int], found: dict[str, int]) -> str:
    wrong = sorted(t for t in expected if expected[t] != found.get(t))
    first = wrong[0] if wrong else "?"
    return (
        f"La base restaurée ne correspond pas au manifeste : table « {first} », "
        f"{found.get(first)} lignes au lieu de {expected.get(first)}. Rien n'a été gardé."
    )
