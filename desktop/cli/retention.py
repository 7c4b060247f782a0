"""Retention command: ``creneau purge [--dry-run]`` removes the audit records and the ended
appointments older than the hospital's retention windows (one audited transaction)."""

from __future__ import annotations

from desktop.cli.common import cli_actor, open_services


def register(sub) -> dict:
    """Add the ``purge`` sub-command to ``sub`` and return its handler."""
    purge = sub.add_parser(
        "purge",
        help="purge le journal d'audit et les rendez-vous plus anciens que la durée de "
        "conservation",
        description="Supprime les enregistrements d'audit plus anciens que la durée réglée "
        "(12 mois par défaut) et les rendez-vous terminés depuis plus longtemps que la "
        "conservation de l'hôpital (20 ans par défaut). La purge est elle-même auditée ; "
        "« creneau audit verify » reste valide.",
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="affiche ce qui serait supprimé sans rien changer"
    )
    return {"purge": cmd_purge}


def cmd_purge(args) -> int:
    services = open_services(args)
    try:
        retention = services.retention
        if args.dry_run:
            report = retention.preview(cli_actor())
            verb = "seraient supprimés"
        else:
            report = retention.purge(cli_actor())
            verb = "supprimés"
    finally:
        services.db.dispose()
    settings = report.settings
    print(
        f"Conservation : journal d'audit {settings.audit_months} mois, "
        f"rendez-vous {settings.appointment_years} ans."
    )
    print(
        f"Enregistrements d'audit antérieurs au {report.audit_cutoff:%d/%m/%Y} {verb} : "
        f"{report.audit_records}."
    )
    print(
        f"Rendez-vous terminés avant le {report.appointment_cutoff:%d/%m/%Y} {verb} : "
        f"{report.appointments} (rappels SMS : {report.reminders})."
    )
    return 0
