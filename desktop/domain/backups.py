"""Backups, the pure part: the schedule setting, when a backup is due, archive names, retention,
and the manifest that travels inside every archive.

An archive (``.zip``) holds the data file (an SQLite copy, a ``pg_dump`` or a JSON-lines export)
and ``manifest.json``: format version, engine, method, Alembic revision, UTC time, source URL with
its password masked, row counts per table and the SHA-256 of the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.domain.errors import InvalidBackup, InvalidInput

SCHEDULE_KEY = "backup_schedule"
LAST_SCHEDULED_KEY = "backup_last_scheduled"
MANIFEST_NAME = "manifest.json"
FORMAT = "creneau-backup"
FORMAT_VERSION = 1
ENGINES = ("sqlite", "postgresql")
METHODS = ("sqlite-backup-api", "pg_dump", "jsonl")
MAX_INTERVAL_HOURS = 24 * 31
MAX_KEEP = 1000
MAX_PATH = 500
_ARCHIVE = re.compile(r"^creneau-(\d{8})-(\d{6})\.zip$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATA_NAME = re.compile(r"^[\w.-]{1,100}$")


@dataclass(frozen=True, slots=True)
class BackupSchedule:
    """Scheduled backups: into ``folder`` every ``interval_hours`` hours, keeping the ``keep``
    newest archives. An empty folder or a zero interval turns them off."""

    folder: str = ""
    interval_hours: int = 0
    keep: int = 7

    @property
    def enabled(self) -> bool:
        return bool(self.folder) and self.interval_hours > 0

    def to_json(self) -> dict[str, Any]:
        return {"folder": self.folder, "interval_hours": self.interval_hours, "keep": self.keep}


def check_schedule(folder: str, interval_hours: int, keep: int) -> BackupSchedule:
    """The schedule typed on a screen or a command line, or ``InvalidInput`` (French message)."""
    folder = folder.strip()
    if len(folder) > MAX_PATH:
        raise InvalidInput(f"Dossier des sauvegardes : {MAX_PATH} caractères au plus.")
    if any(ord(c) < 32 for c in folder):
        raise InvalidInput("Dossier des sauvegardes : caractères de contrôle interdits.")
    if not 0 <= interval_hours <= MAX_INTERVAL_HOURS:
        raise InvalidInput(
            f"Intervalle des sauvegardes : de 1 à {MAX_INTERVAL_HOURS} heures (0 : désactivées)."
        )
    if not 1 <= keep <= MAX_KEEP:
        raise InvalidInput(f"Sauvegardes conservées : de 1 à {MAX_KEEP}.")
    if interval_hours > 0 and not folder:
        raise InvalidInput("Choisissez le dossier des sauvegardes programmées.")
    return BackupSchedule(folder, interval_hours, keep)


def schedule_from_json(value: object) -> BackupSchedule:
    """The stored schedule; a missing or damaged value gives the defaults (turned off)."""
    if not isinstance(value, dict):
        return BackupSchedule()
    try:
        return check_schedule(
            str(value.get("folder", "")), int(value["interval_hours"]), int(value["keep"])
        )
    except (KeyError, TypeError, ValueError, InvalidInput):
        return BackupSchedule()


def next_due(schedule: BackupSchedule, last: datetime | None, now: datetime) -> datetime | None:
    """When the next scheduled backup is due (``now`` when never made); None when turned off."""
    if not schedule.enabled:
        return None
    if last is None:
        return now
    return last + timedelta(hours=schedule.interval_hours)


def is_due(schedule: BackupSchedule, last: datetime | None, now: datetime) -> bool:
    """Whether a scheduled backup should run at ``now``."""
    due = next_due(schedule, last, now)
    return due is not None and due <= now


def archive_name(now: datetime) -> str:
    """``creneau-YYYYMMDD-HHMMSS.zip`` in UTC: names sort in time order, across DST changes."""
    if now.tzinfo is None:
        raise ValueError("naive datetime for an archive name")
    return now.astimezone(UTC).strftime("creneau-%Y%m%d-%H%M%S.zip")


def archive_time(name: str) -> datetime | None:
    """The UTC time in a scheduled archive's name; None for any other file."""
    found = _ARCHIVE.match(name)
    if found is None:
        return None
    try:
        return datetime.strptime(found.group(1) + found.group(2), "%Y%m%d%H%M%S").replace(
            tzinfo=UTC
        )
    except ValueError:
        return None


def beyond_retention(names: list[str], keep: int) -> list[str]:
    """The scheduled archives to delete so that only the ``keep`` newest remain, oldest first.

    Only names of the scheduled pattern count: any other file of the folder is left alone.
    """
    scheduled = sorted(n for n in names if archive_time(n) is not None)
    return scheduled[: max(0, len(scheduled) - keep)]


@dataclass(frozen=True, slots=True)
class Manifest:
    """What ``manifest.json`` says about the data file beside it."""

    engine: str
    method: str
    data_file: str
    data_sha256: str
    data_size: int
    revision: str | None
    created_at: datetime
    source: str
    row_counts: dict[str, int] = field(default_factory=dict)
    app_version: str = ""
    format_version: int = FORMAT_VERSION

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "engine": self.engine,
            "method": self.method,
            "data_file": self.data_file,
            "data_sha256": self.data_sha256,
            "data_size": self.data_size,
            "alembic_revision": self.revision,
            "created_at": self.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": self.source,
            "row_counts": dict(sorted(self.row_counts.items())),
            "app_version": self.app_version,
        }


def manifest_from_json(value: object) -> Manifest:
    """Read and check a manifest; ``InvalidBackup`` (French message) when anything is off."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise InvalidBackup("Ce fichier n'est pas une sauvegarde Créneau (manifeste absent).")
    version = value.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidBackup(
            "Cette sauvegarde vient d'une version plus récente de Créneau : mettez Créneau à jour."
        )
    try:
        created = datetime.fromisoformat(str(value["created_at"]))
        counts = value["row_counts"]
        manifest = Manifest(
            engine=str(value["engine"]),
            method=str(value["method"]),
            data_file=str(value["data_file"]),
            data_sha256=str(value["data_sha256"]),
            data_size=int(value["data_size"]),
            revision=None if value["alembic_revision"] is None else str(value["alembic_revision"]),
            created_at=created,
            source=str(value["source"]),
            row_counts={str(k): int(v) for k, v in counts.items()},
            app_version=str(value.get("app_version", "")),
            format_version=version,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise InvalidBackup(
            "Le manifeste de cette sauvegarde est illisible ou incomplet."
        ) from None
    if (
        manifest.engine not in ENGINES
        or manifest.method not in METHODS
        or not _SHA256.match(manifest.data_sha256)
        or not _DATA_NAME.match(manifest.data_file)
        or manifest.data_file == MANIFEST_NAME
        or manifest.created_at.tzinfo is None
        or manifest.data_size < 0
        or any(v < 0 for v in manifest.row_counts.values())
    ):
        raise InvalidBackup("Le manifeste de cette sauvegarde est incohérent.")
    return manifest
