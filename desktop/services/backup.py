"""Backups while others keep working, the schedule with its retention, and the list of archives.

``BackupService.backup`` writes one ``.zip``: the consistent copy made by ``db.backup`` (SQLite's
online backup API; ``pg_dump`` or a JSON-lines export for PostgreSQL) and ``manifest.json``
(``desktop.domain.backups.Manifest``). The archive is written beside its destination and renamed
into place once complete, so a crash never leaves a half-written archive under the final name.
Restores are in ``desktop.services.restore``.
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
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from db.backup import masked_url, snapshot
from db.base import parse_utc_text, utc_text
from db.repositories import audit
from db.repositories.admin import set_setting
from db.repositories.structure import setting
from desktop.domain.backups import (
    LAST_SCHEDULED_KEY,
    MANIFEST_NAME,
    SCHEDULE_KEY,
    BackupSchedule,
    Manifest,
    archive_name,
    beyond_retention,
    is_due,
    next_due,
    schedule_from_json,
)
from desktop.domain.errors import InvalidBackup, InvalidInput
from desktop.domain.model import Actor, Role
from desktop.domain.permissions import Action
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.restore import RestoreReport, read_manifest, restore_archive
from desktop.services.uow import Database

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
CHUNK = 1 << 20
SCHEDULER = Actor("sauvegarde-programmee", Role.ADMIN, socket.gethostname())


@dataclass(frozen=True)
class BackupReport:
    """A backup written: where, what its manifest says, and the old archives deleted."""

    path: Path
    manifest: Manifest
    pruned: tuple[str, ...] = ()


@dataclass(frozen=True)
class BackupListing:
    """One archive of a folder: its manifest, or why it cannot be read."""

    path: Path
    size: int
    manifest: Manifest | None = None
    error: str = ""
    modified: datetime | None = field(default=None, compare=False)


def app_version() -> str:
    """The version of Créneau (``desktop.version``), written into each manifest."""
    from desktop.version import version

    return version()


def _quiet(_percent: int, _text: str) -> None:
    pass


class BackupService:
    """Back up the database, keep the schedule, run the scheduled backups (one unit each)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # --- backing up ------------------------------------------------------------------------------

    def backup(
        self,
        actor: Actor,
        out_path: Path | str,
        *,
        progress: Progress | None = None,
        pg_method: str = "auto",
    ) -> BackupReport:
        """Write a consistent backup archive of the database at ``out_path`` (replaced if any).

        Others keep booking meanwhile; the archive holds every row committed before the copy
        began. Needs ``Action.BACKUP``; the backup is audited once written.
        """
        guarded(self._db, self._clock, actor, Action.BACKUP, "database")
        return self._write(actor, Path(out_path), progress or _quiet, pg_method, self._clock.now())

    def _write(
        self, actor: Actor, out: Path, progress: Progress, pg_method: str, started: datetime
    ) -> BackupReport:
        if not out.parent.is_dir():
            raise InvalidInput(f"Le dossier « {out.parent} » n'existe pas.")
        try:
            with tempfile.TemporaryDirectory(prefix=".creneau-backup-", dir=out.parent) as tmp:
                snap = snapshot(self._db.url, Path(tmp), progress, pg_method=pg_method)
                manifest = Manifest(
                    engine=snap.engine,
                    method=snap.method,
                    data_file=snap.data_name,
                    data_sha256="0" * 64,
                    data_size=0,
                    revision=snap.revision,
                    created_at=started,
                    source=masked_url(self._db.url),
                    row_counts=snap.row_counts,
                    app_version=app_version(),
                )
                partial = Path(tmp) / "archive.zip"
                manifest = write_archive(partial, Path(tmp) / snap.data_name, manifest, progress)
                os.replace(partial, out)
        except OSError as exc:
            raise InvalidInput(
                f"Impossible d'écrire la sauvegarde « {out} » : {exc.strerror or exc}."
            ) from exc
        after = {
            "file": out.name,
            "method": manifest.method,
            "sha256": manifest.data_sha256,
            "rows": manifest.total_rows,
        }
        now = self._clock.now()
        self._db.run(lambda s: audit.record(s, actor, now, "backup", "database", None, None, after))
        progress(100, "Sauvegarde terminée.")
        return BackupReport(out, manifest)

    def restore(
        self,
        archive: Path | str,
        target_url: str,
        *,
        actor: Actor,
        progress: Progress | None = None,
    ) -> RestoreReport:
        """Restore ``archive`` into the NEW database ``target_url`` (``Action.BACKUP``)."""
        guarded(self._db, self._clock, actor, Action.BACKUP, "database")
        return restore_archive(
            Path(archive), target_url, actor=actor, clock=self._clock, progress=progress
        )

    # --- the schedule ----------------------------------------------------------------------------

    def schedule(self) -> BackupSchedule:
        """The scheduled-backup setting (turned off when never set)."""
        with self._db.read() as s:
            return schedule_from_json(setting(s, SCHEDULE_KEY))

    def set_schedule(self, actor: Actor, schedule: BackupSchedule) -> None:
        """Store the schedule (``Action.BACKUP``), audited with its previous value."""
        guarded(self._db, self._clock, actor, Action.BACKUP, "setting")
        now = self._clock.now()
        value = schedule.to_json()

        def work(s) -> None:
            before = set_setting(s, SCHEDULE_KEY, value)
            audit.record(
                s,
                actor,
                now,
                "update",
                "setting",
                None,
                {"backup_schedule": before},
                {"backup_schedule": value},
            )

        self._db.run(work)

    def last_scheduled(self) -> datetime | None:
        """When the last scheduled backup was written (None: never)."""
        with self._db.read() as s:
            value = setting(s, LAST_SCHEDULED_KEY)
        try:
            return parse_utc_text(value) if isinstance(value, str) else None
        except ValueError:
            return None

    def next_due(self, now: datetime | None = None) -> datetime | None:
        """When the next scheduled backup is due; None when the schedule is off."""
        return next_due(self.schedule(), self.last_scheduled(), now or self._clock.now())

    def backup_due(self, now: datetime | None = None) -> bool:
        """Whether a scheduled backup should run now."""
        return is_due(self.schedule(), self.last_scheduled(), now or self._clock.now())

    def run_scheduled(
        self, now: datetime | None = None, *, actor: Actor = SCHEDULER
    ) -> BackupReport | None:
        """Run the scheduled backup when due: ``creneau-YYYYMMDD-HHMMSS.zip`` (UTC) in the
        folder, then delete the oldest scheduled archives beyond the retention count.
        None when nothing was due."""
        now = now or self._clock.now()
        schedule = self.schedule()
        if not is_due(schedule, self.last_scheduled(), now):
            return None
        folder = Path(schedule.folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                f"Impossible de créer le dossier des sauvegardes « {folder} » : "
                f"{exc.strerror or exc}."
            ) from exc
        guarded(self._db, self._clock, actor, Action.BACKUP, "database")
        report = self._write(actor, folder / archive_name(now), _quiet, "auto", now)
        self._db.run(lambda s: set_setting(s, LAST_SCHEDULED_KEY, utc_text(now)))
        pruned = prune(folder, schedule.keep)
        return BackupReport(report.path, report.manifest, tuple(pruned))

    # --- archives of a folder --------------------------------------------------------------------

    @staticmethod
    def list_backups(folder: Path | str) -> list[BackupListing]:
        """The ``.zip`` archives of ``folder``, newest first, each with its manifest (not its
        checksum: that is checked when restoring)."""
        found: list[BackupListing] = []
        try:
            paths = [p for p in Path(folder).iterdir() if p.suffix.lower() == ".zip"]
        except OSError:
            return []
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            modified = datetime.fromtimestamp(stat.st_mtime).astimezone()
            try:
                found.append(BackupListing(path, stat.st_size, read_manifest(path), "", modified))
            except InvalidBackup as exc:
                found.append(BackupListing(path, stat.st_size, None, exc.message, modified))
        return sorted(found, key=_listing_time, reverse=True)


def _listing_time(listing: BackupListing) -> datetime:
    if listing.manifest is not None:
        return listing.manifest.created_at
    return listing.modified or datetime.min.astimezone()


def prune(folder: Path, keep: int) -> list[str]:
    """Delete the scheduled archives of ``folder`` beyond the ``keep`` newest; their names."""
    try:
        names = [p.name for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    deleted = []
    for name in beyond_retention(names, keep):
        try:
            (folder / name).unlink()
            deleted.append(name)
        except OSError as exc:
            log.warning("could not delete old backup %s: %s", name, exc)
    return deleted


def write_archive(
    out: Path, data: Path, manifest: Manifest, progress: Progress = _quiet
) -> Manifest:
    """Zip the data file (hashing it on the way: the manifest's checksum and size are set here)
    and then the manifest; fsync the archive. Returns the manifest written."""
    size = data.stat().st_size
    digest = hashlib.sha256()
    done = 0
    with out.open("wb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            info = zipfile.ZipInfo(manifest.data_file, date_time=_zip_time(manifest.created_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = size
            with data.open("rb") as src, zf.open(info, "w", force_zip64=size > 1 << 31) as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    done += len(chunk)
                    progress(85 + 14 * done // max(size, 1), "Compression de la sauvegarde…")
            manifest = replace(manifest, data_sha256=digest.hexdigest(), data_size=size)
            text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2)
            zf.writestr(MANIFEST_NAME, text + "\n")
        raw.flush()
        os.fsync(raw.fileno())
    return manifest


def _zip_time(at: datetime) -> tuple[int, int, int, int, int, int]:
    local = at.astimezone()
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)
