"""Audit commands: ``creneau audit verify`` checks the hash chain, ``creneau audit export`` writes
a spreadsheet CSV of the trail (filtered by period, user, patient, practitioner or action).

``verify`` exits 0 on an intact trail and ``EXIT_TAMPERED`` (3) naming the first broken record
otherwise; other errors exit 1 like every command.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

from desktop.cli.common import cli_actor, open_services, parse_date, parse_positive
from desktop.domain.errors import InvalidInput
from desktop.domain.spreadsheet import BOM

EXIT_TAMPERED = 3


def register(sub) -> dict:
    """Add the ``audit`` sub-commands to ``sub`` and return their handler."""
    audit = sub.add_parser("audit", help="vérifie ou exporte le journal d'audit")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    asub.add_parser(
        "verify",
        help="vérifie que le journal d'audit n'a été ni modifié ni amputé "
        f"(code de sortie {EXIT_TAMPERED} sinon)",
    )
    export = asub.add_parser("export", help="exporte le journal d'audit en CSV (tableur)")
    export.add_argument("--out", required=True, type=Path, metavar="FICHIER.csv")
    export.add_argument(
        "--from", dest="from_day", type=parse_date, metavar="DATE", help="premier jour inclus"
    )
    export.add_argument(
        "--to", dest="to_day", type=parse_date, metavar="DATE", help="dernier jour inclus"
    )
    export.add_argument("--user", metavar="IDENTIFIANT", help="seulement cet utilisateur")
    export.add_argument("--patient", type=parse_positive, metavar="ID", help="n° du patient")
    export.add_argument("--practitioner", metavar="CODE", help="code du praticien (ex. DUPONT)")
    export.add_argument(
        "--action",
        metavar="ACTION",
        help="code de l'action (ex. appointment.cancel ; « appointment. » pour toute la famille)",
    )
    return {"audit": cmd_audit}


def cmd_audit(args) -> int:
    if args.audit_command == "verify":
        return cmd_verify(args)
    return cmd_export(args)


def cmd_verify(args) -> int:
    services = open_services(args)
    try:
        report = services.audit.verify()
    finally:
        services.db.dispose()
    if report.ok:
        print(f"Journal d'audit intègre : {_records(report.checked, 'vérifié')}.")
        if report.last_id:
            print(f"Dernier enregistrement : n° {report.last_id}, empreinte {report.last_hash}.")
        return 0
    broken = report.broken
    assert broken is not None
    print(f"creneau : journal d'audit altéré — {broken.message}", file=sys.stderr)
    print(
        f"{_records(report.checked, 'intègre')} avant l'enregistrement n° {broken.record_id}.",
        file=sys.stderr,
    )
    return EXIT_TAMPERED


def cmd_export(args) -> int:
    from desktop.services.audit import AuditFilter

    services = open_services(args)
    try:
        practitioner_id = None
        if args.practitioner:
            from db.repositories import structure as repo

            with services.db.read() as s:
                practitioner_id = repo.practitioner_by_code(s, args.practitioner).id
        filters = AuditFilter(
            actor=args.user,
            patient_id=args.patient,
            practitioner_id=practitioner_id,
            action=args.action,
            first_day=args.from_day,
            last_day=args.to_day,
        )
        text = services.audit.export_csv(cli_actor(), filters)
    finally:
        services.db.dispose()
    _write(args.out, text)
    count = max(0, sum(1 for _ in csv.reader(io.StringIO(text[len(BOM) :]), delimiter=";")) - 1)
    print(f"{_records(count, 'exporté')} dans {args.out}.")
    return 0


def _records(count: int, adjective: str) -> str:
    """ "1 enregistrement vérifié", "12 enregistrements vérifiés" (0 and 1 are singular)."""
    plural = "s" if count > 1 else ""
    return f"{count} enregistrement{plural} {adjective}{plural}"


def _write(path: Path, text: str) -> None:
    """Write the file whole or not at all (a temporary file renamed over it)."""
    if path.is_dir():
        raise InvalidInput(f"{path} est un dossier : indiquez un nom de fichier .csv.")
    partial = path.with_name(path.name + ".partiel")
    try:
        with partial.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInput(f"Écriture impossible de {path} : {exc.strerror}.") from None
