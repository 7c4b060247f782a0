"""Agenda commands: GUI, database set-up, demo, structure, free slots, patients, booking."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

from desktop.cli.common import (
    cli_actor,
    open_services,
    parse_date,
    parse_instant,
    parse_positive,
    safe_url,
)
from desktop.config import database_url
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Channel, Slot
from desktop.domain.scheduling import WINDOWS

LIST_DAYS = 14
FIRST_DAYS = 90


def register(sub) -> dict:
    """Add the agenda sub-commands to ``sub`` and return their handlers."""
    gui = sub.add_parser("gui", help="ouvre l'application")
    gui.add_argument("--screenshot", type=Path, help="enregistre la fenêtre en PNG et quitte")
    gui.add_argument("--date", type=parse_date, help="jour affiché (défaut : aujourd'hui)")
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
    slots.add_argument("--from", dest="from_day", type=parse_date, metavar="DATE")
    slots.add_argument("--to", dest="to_day", type=parse_date, metavar="DATE")
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
    add.add_argument("--birth-date", required=True, type=parse_date, metavar="AAAA-MM-JJ")
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
    find.add_argument("--limit", type=parse_positive, default=30)

    book = sub.add_parser("book", help="prend un rendez-vous (affiche son numéro)")
    book.add_argument("--practitioner", required=True, metavar="CODE")
    book.add_argument("--visit-reason", required=True, metavar="CODE")
    book.add_argument("--start", required=True, type=parse_instant, metavar="ISO")
    book.add_argument("--patient", required=True, type=parse_positive, metavar="ID")
    book.add_argument("--channel", choices=[c.value for c in Channel], default="phone")
    book.add_argument("--force", action="store_true", help="surbooking (exige --reason)")
    book.add_argument("--reason", default="", help="motif du surbooking")

    cancel = sub.add_parser("cancel", help="annule un rendez-vous")
    cancel.add_argument("id", type=parse_positive, metavar="ID")
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
    return {
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


def cmd_gui(args) -> int:
    from desktop.domain.errors import DatabaseProblem
    from desktop.services.demo import build_demo

    try:
        services = open_services(args)
    except DatabaseProblem as problem:
        # Missing, read-only, locked or damaged: say it and offer the restore (desktop.app).
        from desktop.app import recover_database

        if args.screenshot is not None or not recover_database(problem, lang=args.lang):
            raise
        services = open_services(args)
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
    services = open_services(args, may_create=True)
    print(f"Base prête : {safe_url(url)}")
    services.db.dispose()
    return 0


def cmd_demo(args) -> int:
    from desktop.services.demo import build_demo

    services = open_services(args, may_create=True)
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
    services = open_services(args)
    counts = services.structure.import_text(cli_actor(), text, args.file.name)
    print("Structure chargée : " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ".")
    return 0


def cmd_free_slots(args) -> int:
    services = open_services(args)
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

    services = open_services(args)
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
    services = open_services(args)
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
    services = open_services(args)
    services.booking.cancel(cli_actor(), args.id, None, args.reason)
    print(f"Rendez-vous n° {args.id} annulé.")
    return 0


def cmd_bench(args) -> int:
    import os

    from desktop.bench import run_bench

    return run_bench(
        args.data, seed=args.seed, pg_url=args.pg or os.environ.get("CRENEAU_TEST_PG_URL")
    )
