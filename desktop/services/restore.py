"""Restoring a backup archive into a NEW database, checked at every step, all or nothing.

The archive's manifest is read first; the data file is extracted with its SHA-256 and size
checked; SQLite copies pass ``PRAGMA integrity_check``; the row counts must equal the manifest's;
the migrations of this version are applied when the backup is older; the restore is audited in
the restored database. A target that already holds data is refused. Nothing is left behind on
a refusal: an SQLite copy is prepared beside the target and moved into place only once checked;
PostgreSQL is loaded in one transaction (a database this restore created is dropped again).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.backup import check_sqlite_copy, known_revision, masked_url, target_state
from db.engine import is_sqlite, sqlite_path
from db.repositories import audit
from desktop.domain.backups import MANIFEST_NAME, Manifest, manifest_from_json
from desktop.domain.errors import InvalidBackup
from desktop.domain.model import Actor, Role
from desktop.services.clock import Clock
from desktop.services.uow import Database

log = logging.getLogger(__name__)
Progress = Callable[[int, str], None]
CHUNK = 1 << 20
MAX_MANIFEST = 1 << 20
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreReport:
    """What was restored, where, and from which migration to which."""

    target: str  # the URL, password masked
    manifest: Manifest
    revision_after: str | None

    @property
    def migrated(self) -> bool:
        return self.revision_after != self.manifest.revision


def restorer() -> Actor:
    """Who restores from the command line or the start-up screen: the system's user."""
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "inconnu"
    return Actor(f"restauration:{user}", Role.ADMIN, socket.gethostname())


def _quiet(_percent: int, _text: str) -> None:
    pass


def read_manifest(archive: Path) -> Manifest:
    """The manifest of a backup archive; ``InvalidBackup`` when the archive is unreadable."""
    name = archive.name
    try:
        with zipfile.ZipFile(archive) as zf:
            try:
                info = zf.getinfo(MANIFEST_NAME)
            except KeyError:
                raise InvalidBackup(
                    f"« {name} » n'est pas une sauvegarde Créneau (pas de manifeste)."
                ) from None
            if info.file_size > MAX_MANIFEST:
                raise InvalidBackup(f"Le manifeste de « {name} » est anormalement gros.")
            manifest = manifest_from_json(json.loads(zf.read(info).decode("utf-8")))
            try:
                data = zf.getinfo(manifest.data_file)
            except KeyError:
                raise InvalidBackup(f"« {name} » ne contient pas les données annoncées.") from None
            if data.file_size != manifest.data_size:
                raise InvalidBackup(f"Les données de « {name} » n'ont pas la taille annoncée.")
            return manifest
    except FileNotFoundError:
        raise InvalidBackup(f"Sauvegarde introuvable : « {archive} ».") from None
    except IsADirectoryError:
        raise InvalidBackup(f"« {archive} » est un dossier, pas une sauvegarde.") from None
    except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, json.JSONDecodeError, OSError):
        raise InvalidBackup(
            f"« {name} » n'est pas une archive de sauvegarde lisible (fichier tronqué, endommagé "
            "ou d'un autre type)."
        ) from None


def _extract(archive: Path, manifest: Manifest, dest: Path, progress: Progress) -> None:
    """Extract the data file, checking its size and SHA-256 against the manifest."""
    digest, done = hashlib.sha256(), 0
    try:
        with (
            zipfile.ZipFile(archive) as zf,
            zf.open(manifest.data_file) as src,
            dest.open("wb") as out,
        ):
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                progress(5 + 35 * done // max(manifest.data_size, 1), "Vérification…")
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InvalidBackup(
            f"Les données de « {archive.name} » sont illisibles (archive tronquée ou "
            f"endommagée : {exc})."
        ) from exc
    if done != manifest.data_size or digest.hexdigest() != manifest.data_sha256:
        raise InvalidBackup(
            f"La somme de contrôle de « {archive.name} » ne correspond pas : la sauvegarde a été "
            "modifiée ou abîmée. Rien n'a été restauré."
        )


def count_mismatch(expected: dict[str, int], found: dict[str, int]) -> str | None:
    """The French refusal when the restored row counts differ from the manifest's, else None."""
    wrong = sorted(set(expected) | set(found), key=str)
    wrong = [t for t in wrong if expected.get(t) != found.get(t)]
    if not wrong:
        return None
    t = wrong[0]
    return (
        f"Les données ne correspondent pas au manifeste de la sauvegarde (table « {t} » : "
        f"{found.get(t, 0)} lignes au lieu de {expected.get(t, 0)}). Rien n'a été restauré."
    )


def restore_archive(
    archive: Path,
    target_url: str,
    *,
    actor: Actor | None = None,
    clock: Clock | None = None,
    progress: Progress | None = None,
) -> RestoreReport:
    """Restore ``archive`` into the NEW database ``target_url`` and report what was restored.

    Refuses (``InvalidBackup``, French message) a damaged or tampered archive, a backup of
    another engine or of a newer version, and a target that already holds data.
    """
    progress = progress or _quiet
    actor = actor or restorer()
    now = (clock.now() if clock else datetime.now(UTC)).astimezone(UTC)
    progress(0, "Lecture de la sauvegarde…")
    manifest = read_manifest(archive)
    engine = "sqlite" if is_sqlite(target_url) else "postgresql"
    if engine != manifest.engine:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise InvalidBackup(
            f"Cette sauvegarde vient d'une base {names[manifest.engine]} : elle ne se restaure "
            f"que dans une base {names[manifest.engine]}, pas {names[engine]}."
        )
    if not known_revision(manifest.revision):
        raise InvalidBackup(
            "Cette sauvegarde vient d'une version plus récente de Créneau : mettez Créneau à jour "
            "avant de la restaurer."
        )
    state = target_state(target_url)
    if state == "data":
        raise InvalidBackup(
            f"La base cible « {masked_url(target_url)} » contient déjà des données : une "
            "sauvegarde se restaure toujours dans une base nouvelle. Choisissez une autre cible."
        )
    details = {
        "archive": archive.name,
        "sha256": manifest.data_sha256,
        "backup_created_at": manifest.to_json()["created_at"],
    }
    if engine == "sqlite":
        revision = _restore_sqlite(
            archive, manifest, target_url, state, progress, actor, now, details
        )
    else:
        revision = _restore_postgres(
            archive, manifest, target_url, state, progress, actor, now, details
        )
    progress(100, "Restauration terminée.")
    return RestoreReport(masked_url(target_url), manifest, revision)


def _migrate_and_audit(url: str, actor: Actor, now: datetime, details: dict) -> str | None:
    """Open (migrating when the backup is older) and audit the restore; the revision now."""
    db = Database(url)
    try:
        db.run(lambda s: audit.record(s, actor, now, "restore", "database", None, None, details))
        from db.migrate import current_revision

        return current_revision(db.engine)
    finally:
        db.dispose()


def _restore_sqlite(archive, manifest, url, state, progress, actor, now, details) -> str | None:
    target = sqlite_path(url)
    assert target is not None  # target_state refused the in-memory database
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = tempfile.TemporaryDirectory(prefix=".creneau-restore-", dir=target.parent)
    except OSError as exc:
        raise InvalidBackup(
            f"Impossible d'écrire dans « {target.parent} » : {exc.strerror or exc}."
        ) from exc
    with work as tmp:
        copy = Path(tmp) / target.name
        _extract(archive, manifest, copy, progress)
        progress(45, "Contrôle d'intégrité…")
        revision, counts = check_sqlite_copy(copy)
        problem = count_mismatch(manifest.row_counts, counts)
        if problem is None and revision != manifest.revision:
            problem = "La révision du schéma ne correspond pas au manifeste. Rien n'a été restauré."
        if problem:
            raise InvalidBackup(problem)
        progress(70, "Mise à jour du schéma…")
        revision_after = _migrate_and_audit(f"sqlite:///{copy}", actor, now, details)
        progress(90, "Mise en place…")
        _set_aside_side_files(target, now)
        _place(copy, target, absent=state == "absent")
    return revision_after


def _set_aside_side_files(target: Path, now: datetime) -> None:
    """A journal left by a vanished database would be replayed over the restored file: it is
    renamed aside (kept, never deleted)."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for suffix in SIDE_FILES:
        side = target.with_name(target.name + suffix)
        if side.exists():
            side.rename(side.with_name(f"{side.name}.orphelin-{stamp}"))


def _place(copy: Path, target: Path, *, absent: bool) -> None:
    """Move the checked copy to ``target``: never over a file that appeared meanwhile."""
    try:
        if absent:
            os.link(copy, target)  # fails if the target appeared meanwhile
            copy.unlink()
        else:
            os.replace(copy, target)
    except FileExistsError:
        raise InvalidBackup(
            f"« {target} » est apparu pendant la restauration : rien n'a été remplacé."
        ) from None
    except OSError:
        os.replace(copy, target)  # no hard links on this file system: the target was absent
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(target.parent, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _restore_postgres(archive, manifest, url, state, progress, actor, now, details) -> str | None:
    from db import backup_pg

    created = False
    with tempfile.TemporaryDirectory(prefix="creneau-restore-") as tmp:
        data = Path(tmp) / manifest.data_file
        _extract(archive, manifest, data, progress)
        try:
            if state == "absent":
                backup_pg.create_database(url)
                created = True
            progress(45, "Chargement des données…")
            if manifest.method == "jsonl":
                backup_pg.restore_jsonl(url, data, manifest.revision, manifest.row_counts)
            else:
                backup_pg.restore_dump(url, data)
                problem = count_mismatch(manifest.row_counts, backup_pg.pg_counts(url))
                if problem:
                    raise InvalidBackup(problem)
            progress(80, "Mise à jour du schéma…")
            return _migrate_and_audit(url, actor, now, details)
        except BaseException:
            if created or state == "empty":
                _undo_postgres(url, created)
            raise


def _undo_postgres(url: str, created: bool) -> None:
    """Leave no half-restored target: drop the database this restore created, or the tables
    it added to a target that had none."""
    from db import backup_pg

    try:
        if created:
            backup_pg.drop_database(url)
        else:
            backup_pg.drop_tables(url)
    except Exception:
        log.exception("could not undo a failed restore into %s", masked_url(url))
