"""Reminder commands: ``creneau reminders run [--outbox DIR]`` sends the due SMS (for a scheduled
task), ``creneau reminders list [--status …] [--json]`` shows the queue.

``run`` sends each message due at ``--now`` (or now) once, through the configured gateway, or
writes them as JSON files into ``--outbox DIR`` instead; a message already sent is never sent
again, even when the application or another workstation sends at the same time.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli.common import cli_actor, open_services, parse_positive
from desktop.domain.errors import InvalidInput
from desktop.domain.reminders import ReminderStatus

STATUSES = [s.value for s in ReminderStatus]


def register(sub) -> dict:
    """Add the ``reminders`` sub-commands to ``sub`` and return their handler."""
    reminders = sub.add_parser("reminders", help="envoie ou liste les rappels SMS")
    rsub = reminders.add_subparsers(dest="reminders_command", metavar="ACTION", required=True)
    run = rsub.add_parser(
        "run", help="envoie les SMS dus (chacun une seule fois), pour une tâche planifiée"
    )
    run.add_argument(
        "--outbox",
        type=Path,
        metavar="DOSSIER",
        help="écrit les SMS en fichiers JSON dans ce dossier au lieu d'appeler la passerelle",
    )
    run.add_argument("--limit", type=parse_positive, metavar="N", help="au plus N SMS")
    listing = rsub.add_parser("list", help="liste les SMS de la file (les plus récents d'abord)")
    listing.add_argument(
        "--status", choices=STATUSES, action="append", help="seulement cet état (répétable)"
    )
    listing.add_argument("--limit", type=parse_positive, default=100, metavar="N")
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    return {"reminders": cmd_reminders}


def cmd_reminders(args) -> int:
    if args.reminders_command == "run":
        return cmd_run(args)
    return cmd_list(args)


def cmd_run(args) -> int:
    if args.outbox is not None and args.outbox.exists() and not args.outbox.is_dir():
        raise InvalidInput(f"{args.outbox} n'est pas un dossier.")
    services = open_services(args)
    try:
        report = services.reminders.send_due(
            outbox=args.outbox, actor=cli_actor(), limit=args.limit
        )
    finally:
        services.db.dispose()
    print(f"{report.summary()}.")
    return 0


def cmd_list(args) -> int:
    services = open_services(args)
    try:
        found = services.reminders.outbox(args.status, limit=args.limit)
    finally:
        services.db.dispose()
    if args.json:
        rows = [
            {
                "id": r.id,
                "appointment": r.appointment_id,
                "request": r.request_id,
                "kind": r.kind.value,
                "status": r.status.value,
                "to": r.e164,
                "due": r.due.isoformat(),
                "attempts": r.attempts,
                "reply": r.reply,
                "key": r.key,
            }
            for r in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in found:
        print(f"{r.id}\t{r.due:%Y-%m-%dT%H:%MZ}\t{r.status.label}\t{r.kind.label}\t{r.reply}")
    return 0
