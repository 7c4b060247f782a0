"""Report and export commands: ``creneau report day|week|department|activity|letter|calls|
extract`` write a PDF, ``creneau export csv|ics`` a spreadsheet or calendar file.

A file is written whole or not at all (a temporary file beside it, then renamed).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

from desktop.cli.common import cli_actor, open_services, parse_date, parse_instant, parse_positive
from desktop.domain.activity import parse_month
from desktop.domain.errors import InvalidInput


def parse_week(text: str) -> date:
    """ "2027-W12" -> the Monday of that ISO week."""
    try:
        year, week = text.strip().upper().split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"semaine invalide « {text} » (attendu AAAA-Wss, par exemple 2027-W12)"
        ) from None


def parse_month_argument(text: str) -> date:
    try:
        return parse_month(text)
    except InvalidInput:
        raise argparse.ArgumentTypeError(
            f"mois invalide « {text} » (attendu AAAA-MM, par exemple 2027-03)"
        ) from None


def register(sub) -> dict:
    """Add ``report`` and ``export`` and return their handlers."""
    report = sub.add_parser("report", help="écrit un rapport PDF")
    rsub = report.add_subparsers(dest="report_command", metavar="RAPPORT", required=True)

    def out(parser) -> None:
        parser.add_argument("--out", required=True, type=Path, metavar="FICHIER.pdf")

    day = rsub.add_parser("day", help="la journée d'un praticien")
    day.add_argument("--practitioner", required=True, metavar="CODE")
    day.add_argument("--date", required=True, type=parse_date, metavar="DATE")
    day.add_argument(
        "--minimal", action="store_true", help="identité réduite : initiales et année de naissance"
    )
    out(day)
    week = rsub.add_parser("week", help="la semaine d'un praticien")
    week.add_argument("--practitioner", required=True, metavar="CODE")
    week.add_argument("--week", required=True, type=parse_week, metavar="AAAA-Wss")
    week.add_argument("--minimal", action="store_true", help="identité réduite")
    out(week)
    department = rsub.add_parser("department", help="la liste du jour d'un service (accueil)")
    department.add_argument("--department", required=True, metavar="CODE")
    department.add_argument("--date", required=True, type=parse_date, metavar="DATE")
    out(department)
    activity = rsub.add_parser("activity", help="le rapport d'activité mensuel")
    activity.add_argument("--month", required=True, type=parse_month_argument, metavar="AAAA-MM")
    activity.add_argument("--department", metavar="CODE", help="un service (défaut : tout)")
    out(activity)
    letter = rsub.add_parser("letter", help="la lettre de confirmation d'un rendez-vous")
    letter.add_argument("--appointment", required=True, type=parse_positive, metavar="ID")
    out(letter)
    calls = rsub.add_parser("calls", help="les patients à appeler pour une absence")
    calls.add_argument("--practitioner", required=True, metavar="CODE")
    calls.add_argument("--from", dest="start", required=True, type=parse_instant, metavar="ISO")
    calls.add_argument("--to", dest="end", required=True, type=parse_instant, metavar="ISO")
    calls.add_argument("--reason", default="", help="motif de l'absence")
    out(calls)
    extract = rsub.add_parser("extract", help="tout ce qui est conservé sur un patient (RGPD)")
    extract.add_argument("--patient", required=True, type=parse_positive, metavar="ID")
    out(extract)

    export = sub.add_parser("export", help="exporte des rendez-vous (CSV, iCalendar)")
    esub = export.add_subparsers(dest="export_command", metavar="FORMAT", required=True)
    csv_parser = esub.add_parser("csv", help="les rendez-vous d'une période, pour un tableur")
    csv_parser.add_argument("--from", dest="start", required=True, type=parse_date, metavar="DATE")
    csv_parser.add_argument("--to", dest="end", required=True, type=parse_date, metavar="DATE")
    csv_parser.add_argument(
        "--columns", metavar="a,b,c", help="colonnes (défaut : les principales ; voir README)"
    )
    csv_parser.add_argument("--department", metavar="CODE", help="un service (défaut : tout)")
    csv_parser.add_argument("--out", required=True, type=Path, metavar="FICHIER.csv")
    ics = esub.add_parser("ics", help="les rendez-vous d'un praticien (iCalendar)")
    ics.add_argument("--practitioner", required=True, metavar="CODE")
    ics.add_argument("--from", dest="start", required=True, type=parse_date, metavar="DATE")
    ics.add_argument("--to", dest="end", required=True, type=parse_date, metavar="DATE")
    ics.add_argument("--out", required=True, type=Path, metavar="FICHIER.ics")
    return {"report": cmd_report, "export": cmd_export}


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; a French message when it cannot be."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InvalidInput(f"Dossier introuvable : {folder}.")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"Écriture impossible de {path} : {exc.strerror}.") from None


def _local(services, instant):
    return instant if instant.tzinfo else services.structure.calendar().to_utc(instant)


def cmd_report(args) -> int:
    services = open_services(args)
    reports, actor, command = services.reports, cli_actor(), args.report_command
    if command == "day":
        practitioner = reports.practitioner_by_code(args.practitioner)
        pdf = reports.day_sheet(actor, practitioner.id, args.date, minimal=args.minimal)
        what = f"Journée de {practitioner.name} du {args.date:%d/%m/%Y}"
    elif command == "week":
        practitioner = reports.practitioner_by_code(args.practitioner)
        pdf = reports.week(actor, practitioner.id, args.week, minimal=args.minimal)
        what = f"Semaine {args.week.isocalendar().week} de {practitioner.name}"
    elif command == "department":
        department = reports.department_by_code(args.department)
        pdf = reports.department_day(actor, department.id, args.date)
        what = f"Liste du service {department.name} du {args.date:%d/%m/%Y}"
    elif command == "activity":
        department = reports.department_by_code(args.department) if args.department else None
        pdf = reports.activity(actor, args.month, department.id if department else None)
        what = f"Rapport d'activité de {args.month:%m/%Y}"
    elif command == "letter":
        pdf = reports.confirmation(actor, args.appointment)
        what = f"Confirmation du rendez-vous n° {args.appointment}"
    elif command == "calls":
        practitioner = reports.practitioner_by_code(args.practitioner)
        start, end = _local(services, args.start), _local(services, args.end)
        pdf = reports.call_list(actor, practitioner.id, start, end, args.reason)
        what = f"Patients à appeler ({practitioner.name})"
    else:
        pdf = reports.subject_access(actor, args.patient)
        what = f"Extrait des données du patient n° {args.patient}"
    write_atomically(args.out, pdf)
    print(f"{what} : {args.out}")
    return 0


def cmd_export(args) -> int:
    from desktop.services.exports import parse_columns

    services = open_services(args)
    actor = cli_actor()
    if args.export_command == "csv":
        columns = parse_columns(args.columns)
        department = (
            services.reports.department_by_code(args.department) if args.department else None
        )
        export = services.exports.appointments_csv(
            actor, args.start, args.end, columns, department.id if department else None
        )
        noun = "rendez-vous"
    else:
        practitioner = services.reports.practitioner_by_code(args.practitioner)
        export = services.exports.practitioner_ics(actor, practitioner.id, args.start, args.end)
        noun = "événement" if export.count < 2 else "événements"
    write_atomically(args.out, export.text.encode("utf-8"))
    print(f"{export.count} {noun} : {args.out}")
    return 0
