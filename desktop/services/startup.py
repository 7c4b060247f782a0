"""Start-up safety: a database used before and now missing, read-only, locked or damaged is
reported (``DatabaseProblem``, a French message) with the restore offered — never replaced by
a silent new empty database.

This user's SQLite databases are remembered in a small state file (``databases.json`` under
platformdirs' ``user_state_path``): a missing file that was opened before is a problem, a
missing file never seen is a first start (the default database is then created with the demo
hospital). Only ``creneau init``, ``creneau demo`` and ``creneau restore`` (``may_create``) may
create a database where one existed.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_state_path

from db.engine import sqlite_path
from db.probe import FileState, Probe, probe_sqlite
from desktop.config import APP_NAME
from desktop.domain.errors import DatabaseProblem, InvalidBackup
from desktop.services.clock import Clock
from desktop.services.restore import RestoreReport, read_manifest, restore_archive

if TYPE_CHECKING:
    from desktop.services.container import Services

log = logging.getLogger(__name__)

STATE_FILE = "databases.json"
RESTORE_ADVICE = "Restaurez une sauvegarde, ou remettez le bon fichier en place."
_MESSAGES = {
    FileState.MISSING: "La base de données « {path} » a disparu, alors qu'elle a déjà été "
    "utilisée sur ce poste. Pour ne rien perdre, Créneau ne crée pas de base vide à sa place.",
    FileState.EMPTY: "La base de données « {path} » est un fichier vide, alors qu'elle a déjà "
    "été utilisée sur ce poste. Pour ne rien perdre, Créneau ne la remplit pas à nouveau.",
    FileState.NOT_A_DATABASE: "Le fichier « {path} » n'est pas une base de données lisible : "
    "il est endommagé ou a été remplacé par un autre fichier.",
    FileState.TRUNCATED: "La base de données « {path} » est tronquée : le fichier est incomplet.",
    FileState.CORRUPTED: "La base de données « {path} » est endommagée (le contrôle d'intégrité "
    "de SQLite échoue).",
    FileState.FOREIGN: "Le fichier « {path} » est une base SQLite qui n'appartient pas à "
    "Créneau : Créneau ne l'a pas modifiée.",
    FileState.UNREADABLE: "La base de données « {path} » ne peut pas être lue : les droits "
    "d'accès ne le permettent pas.",
    FileState.READ_ONLY: "La base de données « {path} » est en lecture seule : Créneau ne "
    "pourrait rien y enregistrer. Rétablissez le droit d'écriture (ou le disque) ; sinon,",
    FileState.READ_ONLY_FOLDER: "Le dossier « {folder} » de la base de données est en lecture "
    "seule : SQLite ne peut pas y écrire son journal. Rétablissez le droit d'écriture ; sinon,",
    FileState.LOCKED: "La base de données « {path} » est verrouillée par un autre programme. "
    "Fermez-le (ou attendez la fin de son travail) puis relancez Créneau.",
}


def state_file() -> Path:
    """Where this user's known databases are listed."""
    return user_state_path(APP_NAME, appauthor=False) / STATE_FILE


def _key(path: Path) -> str:
    return str(path.expanduser().resolve())


def _load() -> dict[str, dict]:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
        databases = data.get("databases", {})
        return databases if isinstance(databases, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _save(databases: dict[str, dict]) -> None:
    target = state_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".databases-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "databases": databases}, f, ensure_ascii=False, indent=1)
        os.replace(tmp, target)
    except OSError as exc:  # the state is a safety net: never a reason to refuse to start
        log.warning("could not write %s: %s", target, exc)


def is_known(path: Path) -> bool:
    """Whether this user has opened the SQLite database ``path`` before."""
    return _key(path) in _load()


def remember(path: Path, now: datetime, backup_folder: str = "") -> None:
    """Note that ``path`` was opened (and where its backups go, for the restore screen)."""
    databases = _load()
    key = _key(path)
    entry = databases.get(key) if isinstance(databases.get(key), dict) else None
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if entry is not None and entry.get("backup_folder", "") == backup_folder:
        return  # already known: no write at every start
    databases[key] = {
        "first_opened": (entry or {}).get("first_opened", stamp),
        "backup_folder": backup_folder,
    }
    _save(databases)


def backup_folder(path: Path) -> str:
    """The backup folder last known for ``path`` ("" when none), readable without the database."""
    entry = _load().get(_key(path))
    return str(entry.get("backup_folder", "")) if isinstance(entry, dict) else ""


def problem_message(probe: Probe, path: Path) -> str:
    """The French sentence for a probe's problem, ending with what to do."""
    text = _MESSAGES[probe.state].format(path=path, folder=path.parent)
    if probe.state is FileState.LOCKED:
        return text
    if text.endswith("sinon,"):
        return f"{text} restaurez une sauvegarde."
    return f"{text} {RESTORE_ADVICE}"


def check_database(url: str, *, may_create: bool = False, lock_timeout_s: float = 5.0) -> None:
    """Raise ``DatabaseProblem`` when the SQLite file of ``url`` must not be opened as it is.

    A missing (or zero-length) file is a problem only when this user opened it before (or a
    journal of it remains) and ``may_create`` is False. PostgreSQL and in-memory URLs pass.
    """
    path = sqlite_path(url)
    if path is None:
        return
    probe = probe_sqlite(path, lock_timeout_s=lock_timeout_s)
    if probe.state is FileState.OK:
        return
    if probe.state in (FileState.MISSING, FileState.EMPTY):
        used_before = is_known(path) or probe.journal_left
        if may_create or not used_before:
            return
    log.info("database problem at start-up: %s (%s)", probe.state.value, probe.detail)
    raise DatabaseProblem(problem_message(probe, path), probe.state.value, str(path))


def open_checked(url: str, clock: Clock | None = None, *, may_create: bool = False) -> Services:
    """Check the database (``check_database``), open it, and remember it as used."""
    from desktop.services.container import Services

    check_database(url, may_create=may_create)
    services = Services.open(url, clock)
    path = sqlite_path(url)
    if path is not None:
        try:
            folder = services.backup.schedule().folder
        except Exception:  # an unreadable setting must not stop the start
            folder = ""
        remember(path, services.clock.now(), folder)
    return services


def set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its journal files) aside, keeping it; the new name."""
    stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.endommagee-{stamp}")
    path.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    return aside


def _put_back(aside: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = aside.with_name(aside.name + suffix)
        if side.exists() and not path.with_name(path.name + suffix).exists():
            side.rename(path.with_name(path.name + suffix))
    aside.rename(path)


def recover(
    problem: DatabaseProblem, archive: Path, *, clock: Clock | None = None, progress=None
) -> RestoreReport:
    """Restore ``archive`` where the problem database was (the start-up screen's button).

    A damaged file is first renamed aside (``….endommagee-YYYYMMDD-HHMMSS``, kept), and put
    back if the restore fails. A locked database is not replaced: another program uses it.
    """
    if problem.kind == FileState.LOCKED.value:
        raise InvalidBackup(
            "La base est utilisée par un autre programme : fermez-le et relancez Créneau "
            "plutôt que de restaurer une sauvegarde."
        )
    now = clock.now() if clock else datetime.now(UTC)
    path = Path(problem.path)
    read_manifest(archive)  # a bad archive is refused before anything is moved
    aside = None
    if path.exists() and path.stat().st_size > 0:
        try:
            aside = set_aside(path, now)
        except OSError as exc:
            raise InvalidBackup(
                f"Impossible de mettre de côté la base endommagée « {path} » : "
                f"{exc.strerror or exc}. Restaurez la sauvegarde ailleurs (creneau restore)."
            ) from exc
    try:
        report = restore_archive(archive, f"sqlite:///{path}", clock=clock, progress=progress)
    except BaseException:
        if aside is not None and not path.exists():
            _put_back(aside, path)
        raise
    remember(path, now, backup_folder(path))
    return report
