"""The ``creneau`` command: the GUI and the scriptable operations of PRODUCT.md.

Errors go to stderr in one French sentence with a non-zero exit; nothing is half-written because
every operation is one transaction of a service.
"""

from __future__ import annotations

import argparse
import getpass
import json
import socket
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.cli_french import install_french_argparse
from desktop.config import database_url
from desktop.domain.errors import CreneauError, InvalidInput
from desktop.domain.model import Actor, Channel, Role, Slot
from desktop.domain.scheduling import WINDOWS

EXIT_ERROR = 1
EXIT_USAGE = 2
LIST_DAYS = 14
FIRST_DAYS = 90


def cli_actor() -> Actor:
    """Whoever runs the command line acts as an administrator, named in the audit trail."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "inconnu"
    return Actor(f"cli:{user}", Role.ADMIN, socket.gethostname())


# --- argument types --------------------------------------------------------------------------


def _date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date invalide « {text} » (attendu AAAA-MM-JJ)")


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date et heure invalides « {text} » (attendu AAAA-MM-JJTHH:MM)"
        ) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"nombre entier positif attendu, pas « {text} »")
    return int(text)


# --- parser ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    install_french_argparse()
    parser = argparse.ArgumentParser(
        prog="creneau",
        description="Créneau — l'agenda du secrétariat médical de l'hôpital.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Créneau {_version()}",
        help="affiche la version et quitte",
    )
    parser.add_argument(
        "--db",
        help="URL SQLAlchemy de la base (défaut : $CRENEAU_DB, "
        "sinon un fichier SQLite dans le dossier de données de l'utilisateur)",
    )
    parser.add_argument("--now", type=_instant, help="heure courante imposée (ISO 8601)")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    gui = sub.add_parser("gui", help="ouvre l'application")
    gui.add_argument("--screenshot", type=Path, help="enregistre la fenêtre en PNG et quitte")
    gui.add_argument("--date", type=_date, help="jour affiché (défaut : aujourd'hui)")
    gui.add_argument("--view", choices=("day", "week"), default="day")
    gui.add_argument("--department", metavar="CODE", help="service affiché")
    gui.add_argument(
        "--lang",
        choices=("fr", "en"),
        help="langue de l'interface (défaut : CRENEAU_LANG, sinon celle du système)",
    )

    sub.add_parser("init", help="crée ou met à jour la base de données")

    demo = sub.add_parser("demo", help="remplit une base vide avec un hôpital de démonstration")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--scale", choices=("small", "hospital"), default="small")

    imp = sub.add_parser("import-structure", help="charge ou met à jour la structure (TOML)")
    imp.add_argument("file", type=Path, metavar="FICHIER.toml")

    slots = sub.add_parser("free-slots", help="liste les créneaux libres")
    slots.add_argument("--visit-reason", required=True, metavar="CODE")
    slots.add_argument(
        "--practitioner",
        action="append",
        metavar="CODE",
        help="praticien (répétable ; défaut : tout le service du motif)",
    )
    slots.add_argument("--from", dest="from_day", type=_date, metavar="DATE")
    slots.add_argument("--to", dest="to_day", type=_date, metavar="DATE")
    slots.add_argument(
        "--window", choices=("morning", "afternoon"), help="matin (avant 12 h) ou après-midi"
    )
    slots.add_argument("--first", action="store_true", help="seulement le premier créneau libre")
    slots.add_argument("--json", action="store_true", help="sortie JSON (voir README)")

    patients = sub.add_parser("patients", help="crée ou recherche des patients")
    psub = patients.add_subparsers(dest="patients_command", metavar="ACTION", required=True)
    add = psub.add_parser("add", help="crée un patient (affiche son numéro)")
    add.add_argument("--family", required=True, metavar="NOM")
    add.add_argument("--given", required=True, metavar="PRÉNOM")
    add.add_argument("--birth-date", required=True, type=_date, metavar="AAAA-MM-JJ")
    add.add_argument("--birth-name", default="", metavar="NOM")
    add.add_argument("--sex", choices=("F", "M", "U"), default="U")
    add.add_argument("--phone", action="append", default=[], metavar="NUMÉRO")
    add.add_argument("--email", default="")
    add.add_argument("--nir", default="")
    add.add_argument(
        "--allow-duplicate",
        action="store_true",
        help="crée le patient même si un homonyme né le même jour existe",
    )
    find = psub.add_parser("find", help="recherche par nom, date de naissance ou téléphone")
    find.add_argument("text", metavar="TEXTE")
    find.add_argument("--json", action="store_true")
    find.add_argument("--limit", type=_positive, default=30)

    book = sub.add_parser("book", help="prend un rendez-vous (affiche son numéro)")
    book.add_argument("--practitioner", required=True, metavar="CODE")
    book.add_argument("--visit-reason", required=True, metavar="CODE")
    book.add_argument("--start", required=True, type=_instant, metavar="ISO")
    book.add_argument("--patient", required=True, type=_positive, metavar="ID")
    book.add_argument("--channel", choices=[c.value for c in Channel], default="phone")
    book.add_argument("--force", action="store_true", help="surbooking (exige --reason)")
    book.add_argument("--reason", default="", help="motif du surbooking")

    cancel = sub.add_parser("cancel", help="annule un rendez-vous")
    cancel.add_argument("id", type=_positive, metavar="ID")
    cancel.add_argument("--reason", default="", help="motif de l'annulation")

    bench = sub.add_parser("bench", help="mesure les performances (QUALITY.md)")
    bench.add_argument("--scale", choices=("hospital",), default="hospital")
    bench.add_argument(
        "--data",
        type=Path,
        default=Path("bench-data"),
        help="dossier du jeu de données (réutilisé s'il existe)",
    )
    bench.add_argument(
        "--pg", metavar="URL", help="PostgreSQL pour P12 (défaut : $CRENEAU_TEST_PG_URL)"
    )
    bench.add_argument("--seed", type=int, default=1)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("creneau")
    except PackageNotFoundError:
        return "0+checkout"


# --- commands --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    if command == "gui" and args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return COMMANDS[command](args)
    except CreneauError as exc:
        print(f"creneau : {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("creneau : interrompu.", file=sys.stderr)
        return EXIT_ERROR


def _services(args):
    from desktop.services.clock import FixedClock, SystemClock
    from desktop.services.container import Services

    clock = SystemClock()
    if args.now is not None:
        now = args.now
        if now.tzinfo is None:
            # The hospital's zone is in the database: open once to read it, then fix the clock.
            services = Services.open(database_url(args.db))
            now = services.structure.calendar().to_utc(now)
            return Services.create(services.db, FixedClock(now))
        clock = FixedClock(now.astimezone(UTC))
    return Services.open(database_url(args.db), clock)


def cmd_gui(args) -> int:
    from desktop.services.demo import build_demo

    services = _services(args)
    if services.structure.is_empty():
        build_demo(services.db, scale="small", seed=1, now=services.clock.now())
    from desktop.app import run_gui

    return run_gui(
        services,
        screenshot=args.screenshot,
        day=args.date,
        view=args.view,
        department_code=args.department,
        lang=args.lang,
    )


def cmd_init(args) -> int:
    url = database_url(args.db)
    services = _services(args)
    print(f"Base prête : {_safe_url(url)}")
    services.db.dispose()
    return 0


def cmd_demo(args) -> int:
    from desktop.services.demo import build_demo

    services = _services(args)
    counts = build_demo(
        services.db,
        scale=args.scale,
        seed=args.seed,
        now=services.clock.now(),
        progress=lambda m: print(m, file=sys.stderr),
    )
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def cmd_import_structure(args) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"Fichier introuvable : {args.file}.") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{args.file} n'est pas un fichier texte UTF-8.") from None
    except OSError as exc:
        raise InvalidInput(f"Lecture impossible de {args.file} : {exc.strerror}.") from None
    services = _services(args)
    counts = services.structure.import_text(cli_actor(), text, args.file.name)
    print("Structure chargée : " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ".")
    return 0


def cmd_free_slots(args) -> int:
    services = _services(args)
    with services.db.read() as s:
        from db.repositories import structure as repo

        reason = repo.visit_reason_by_code(s, args.visit_reason)
        practitioners = [repo.practitioner_by_code(s, c) for c in args.practitioner or []]
        for p in practitioners:
            if p.department_id != reason.department_id:
                raise InvalidInput(f"{p.name} ne propose pas le motif « {reason.code} ».")
        everyone = {p.id: p for p in repo.practitioners(s)} | {p.id: p for p in practitioners}
        sites = {site.id: site for site in repo.sites(s)}
    calendar = services.structure.calendar()
    today = calendar.local(services.clock.now()).date()
    start_day = args.from_day or today
    end_day = args.to_day or start_day + timedelta(days=(FIRST_DAYS if args.first else LIST_DAYS))
    window = WINDOWS[args.window] if args.window else None
    ids = [p.id for p in practitioners] or None
    if args.first:
        if ids:
            found = services.agenda.first_free_per_practitioner(
                reason.id, start_day, end_day, ids, window
            )
        else:
            candidates = services.agenda.first_free_per_practitioner(
                reason.id,
                start_day,
                end_day,
                [p.id for p in everyone.values() if p.department_id == reason.department_id],
                window,
            )
            found = sorted(candidates, key=lambda x: (x.start, everyone[x.practitioner_id].code))
            found = found[:1]
    else:
        found = services.agenda.free_slots(reason.id, start_day, end_day, ids, window)
    found.sort(key=lambda x: (x.start, everyone[x.practitioner_id].code))
    rows = [_slot_json(x, everyone, reason.code, sites, calendar) for x in found]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=None))
    elif not rows:
        print(f"Aucun créneau libre du {start_day:%d/%m/%Y} au {end_day:%d/%m/%Y}.")
    else:
        for x in found:
            local = calendar.local(x.start)
            print(
                f"{local:%d/%m/%Y %H:%M}  {everyone[x.practitioner_id].name}  "
                f"({sites[x.site_id].name})"
            )
    return 0


def _slot_json(slot: Slot, practitioners, reason_code: str, sites, calendar) -> dict:
    return {
        "practitioner": practitioners[slot.practitioner_id].code,
        "visit_reason": reason_code,
        "site": sites[slot.site_id].code,
        "start": calendar.local(slot.start).isoformat(),
        "end": calendar.local(slot.end).isoformat(),
    }


def cmd_patients(args) -> int:
    from desktop.domain.phones import format_phone
    from desktop.services.patients import PatientInput

    services = _services(args)
    if args.patients_command == "add":
        patient = services.patients.create(
            cli_actor(),
            PatientInput(
                family_name=args.family,
                given_names=args.given,
                birth_date=args.birth_date,
                sex=args.sex,
                birth_name=args.birth_name,
                phones=tuple(args.phone),
                email=args.email,
                nir=args.nir,
            ),
            allow_duplicate=args.allow_duplicate,
        )
        print(patient.id)
        return 0
    found = services.patients.search(args.text, args.limit)
    if args.json:
        print(json.dumps([_patient_json(p) for p in found], ensure_ascii=False))
    elif not found:
        print(f"Aucun patient ne correspond à « {args.text} ».")
    else:
        for p in found:
            phones = ", ".join(format_phone(ph.e164) for ph in p.phones)
            print(f"{p.id:>8}  {p.display_name}  né(e) le {p.birth_date:%d/%m/%Y}  {phones}")
    return 0


def _patient_json(p) -> dict:
    return {
        "id": p.id,
        "family_name": p.family_name,
        "birth_name": p.birth_name,
        "given_names": p.given_names,
        "birth_date": p.birth_date.isoformat(),
        "sex": p.sex.value,
        "phones": [{"e164": ph.e164, "kind": ph.kind.value} for ph in p.phones],
        "email": p.email,
    }


def cmd_book(args) -> int:
    services = _services(args)
    with services.db.read() as s:
        from db.repositories import structure as repo

        practitioner = repo.practitioner_by_code(s, args.practitioner)
        reason = repo.visit_reason_by_code(s, args.visit_reason)
    start = args.start
    if start.tzinfo is None:
        start = services.structure.calendar().to_utc(start)
    if args.force and not args.reason.strip():
        raise InvalidInput("Un surbooking (--force) exige un motif (--reason).")
    appointment = services.booking.book(
        cli_actor(),
        practitioner.id,
        reason.id,
        args.patient,
        start,
        channel=Channel(args.channel),
        force=args.force,
        overbooking_reason=args.reason,
    )
    print(appointment.id)
    return 0


def cmd_cancel(args) -> int:
    services = _services(args)
    services.booking.cancel(cli_actor(), args.id, None, args.reason)
    print(f"Rendez-vous n° {args.id} annulé.")
    return 0


def cmd_bench(args) -> int:
    import os

    from desktop.bench import run_bench

    return run_bench(
        args.data, seed=args.seed, pg_url=args.pg or os.environ.get("CRENEAU_TEST_PG_URL")
    )


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


COMMANDS = {
    "gui": cmd_gui,
    "init": cmd_init,
    "demo": cmd_demo,
    "import-structure": cmd_import_structure,
    "free-slots": cmd_free_slots,
    "patients": cmd_patients,
    "book": cmd_book,
    "cancel": cmd_cancel,
    "bench": cmd_bench,
}
