"""Backup commands: ``backup --out FILE`` / ``backup --scheduled`` (for the system's scheduled
tasks), ``backup-schedule`` (show or set the schedule) and ``restore FILE [--to URL]``."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import cli_actor, open_services, parse_positive, safe_url
from desktop.config import database_url
from desktop.domain.errors import InvalidInput

RESTORED_SUFFIX = "-restauree"


def register(sub) -> dict:
    """Add the backup sub-commands to ``sub`` and return their handlers."""
    backup = sub.add_parser(
        "backup",
        help="sauvegarde la base pendant que les autres postes travaillent",
        description="Écrit une archive .zip : la copie cohérente de la base et son manifeste "
        "(nombre de lignes par table, somme SHA-256).",
    )
    what = backup.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", type=Path, metavar="FICHIER.zip", help="archive à écrire")
    what.add_argument(
        "--scheduled",
        action="store_true",
        help="sauvegarde programmée si elle est due (dossier, intervalle et rétention réglés "
        "dans Créneau) ; à lancer par une tâche planifiée du système",
    )
    backup.add_argument(
        "--pg-export",
        choices=("auto", "pg_dump", "jsonl"),
        default="auto",
        help="PostgreSQL : pg_dump (défaut quand il est installé) ou export JSON",
    )

    schedule = sub.add_parser(
        "backup-schedule", help="affiche ou règle les sauvegardes programmées"
    )
    schedule.add_argument("--folder", type=Path, metavar="DOSSIER", help="dossier des archives")
    schedule.add_argument(
        "--every", type=int, metavar="HEURES", help="intervalle en heures (0 : désactivées)"
    )
    schedule.add_argument(
        "--keep", type=parse_positive, metavar="N", help="nombre d'archives conservées"
    )

    restore = sub.add_parser(
        "restore",
        help="restaure une sauvegarde dans une base nouvelle, après l'avoir vérifiée",
        description="Vérifie la somme de contrôle, l'intégrité et le nombre de lignes, applique "
        "les migrations si la sauvegarde est plus ancienne. Refuse une base cible qui contient "
        "déjà des données.",
    )
    restore.add_argument("archive", type=Path, metavar="FICHIER.zip")
    restore.add_argument(
        "--to",
        metavar="URL",
        help="base cible (défaut : la base par défaut si elle a disparu, sinon un nouveau "
        "fichier SQLite à côté de l'archive)",
    )
    return {"backup": cmd_backup, "backup-schedule": cmd_backup_schedule, "restore": cmd_restore}


def _progress_printer():
    last = [""]

    def show(_percent: int, text: str) -> None:
        if text != last[0]:
            last[0] = text
            print(text, file=sys.stderr)

    return show


def cmd_backup(args) -> int:
    services = open_services(args)
    if args.scheduled:
        schedule = services.backup.schedule()
        if not schedule.enabled:
            raise InvalidInput(
                "Les sauvegardes programmées ne sont pas réglées : choisissez un dossier et un "
                "intervalle (creneau backup-schedule --folder DOSSIER --every HEURES)."
            )
        report = services.backup.run_scheduled(actor=cli_actor())
        if report is None:
            due = services.backup.next_due()
            print(f"Aucune sauvegarde due (prochaine : {due:%d/%m/%Y %H:%M} UTC).")
            return 0
    else:
        report = services.backup.backup(
            cli_actor(), args.out, progress=_progress_printer(), pg_method=args.pg_export
        )
    m = report.manifest
    print(
        f"Sauvegarde écrite : {report.path} ({m.total_rows} lignes dans {len(m.row_counts)} "
        f"tables, SHA-256 {m.data_sha256[:16]}…)."
    )
    for name in report.pruned:
        print(f"Ancienne sauvegarde supprimée : {name}")
    return 0


def cmd_backup_schedule(args) -> int:
    from desktop.domain.backups import check_schedule

    services = open_services(args)
    current = services.backup.schedule()
    if args.folder is not None or args.every is not None or args.keep is not None:
        folder = str(args.folder.resolve()) if args.folder is not None else current.folder
        current = check_schedule(
            folder,
            current.interval_hours if args.every is None else args.every,
            current.keep if args.keep is None else args.keep,
        )
        services.backup.set_schedule(cli_actor(), current)
    if not current.enabled:
        print("Sauvegardes programmées : désactivées.")
    else:
        print(
            f"Sauvegardes programmées : toutes les {current.interval_hours} h dans "
            f"{current.folder}, {current.keep} conservées."
        )
    return 0


def default_restore_target(args, archive: Path, engine: str) -> str:
    """The default database when it has disappeared, else a new SQLite file beside the archive."""
    from db.backup import target_state
    from db.engine import is_sqlite

    if engine != "sqlite":
        raise InvalidInput(
            "Sauvegarde PostgreSQL : précisez la base cible avec --to postgresql://…"
        )
    default = database_url(args.db)
    if is_sqlite(default) and target_state(default) in ("absent", "empty"):
        return default
    stem = archive.stem
    candidate = archive.with_name(f"{stem}{RESTORED_SUFFIX}.sqlite3")
    number = 2
    while candidate.exists():
        candidate = archive.with_name(f"{stem}{RESTORED_SUFFIX}-{number}.sqlite3")
        number += 1
    return f"sqlite:///{candidate.resolve()}"


def cmd_restore(args) -> int:
    from datetime import UTC, datetime

    from db.engine import sqlite_path
    from desktop.services.restore import read_manifest, restore_archive, restorer
    from desktop.services.startup import remember

    manifest = read_manifest(args.archive)
    target = args.to or default_restore_target(args, args.archive, manifest.engine)
    report = restore_archive(args.archive, target, actor=restorer(), progress=_progress_printer())
    path = sqlite_path(target)
    if path is not None:
        remember(path, datetime.now(UTC))
    m = report.manifest
    print(f"Sauvegarde du {m.created_at:%d/%m/%Y %H:%M} (UTC) restaurée dans {report.target}.")
    print(
        f"Contrôles conformes : somme SHA-256, intégrité, {m.total_rows} lignes dans "
        f"{len(m.row_counts)} tables."
    )
    if report.migrated:
        print(f"Schéma mis à jour : révision {m.revision} → {report.revision_after}.")
    if target != database_url(args.db):
        print(f"Pour l'utiliser : creneau --db {safe_url(target)} gui")
    return 0
