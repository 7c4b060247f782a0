"""Booking requests from the booking page: ``requests serve``, ``requests import DIR`` and
``requests list``.

``serve`` runs the receiver (``desktop.cli.request_server``) on 127.0.0.1 by default, for the
hospital's web server to forward to. ``import`` takes the ``*.json`` files of a folder (one
request each, the same schema): each is received like a posted request, then moved to
``DIR/traités`` when its slot is held, or to ``DIR/refusés`` with ``NAME.raison.txt`` saying
why — never left behind, never deleted.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from desktop.cli.common import cli_actor, open_services
from desktop.domain.booking_requests import HOLDING, MAX_BODY_BYTES
from desktop.domain.errors import InvalidInput

DEFAULT_PORT = 8470
DONE_DIR = "traités"
REFUSED_DIR = "refusés"


def register(sub) -> dict:
    """Add the ``requests`` sub-commands to ``sub`` and return their handler."""
    requests = sub.add_parser(
        "requests",
        help="reçoit les demandes de rendez-vous de la page de réservation",
        description="Demandes de rendez-vous en ligne : chaque demande valide retient son "
        "créneau jusqu'à la décision du secrétariat ; une demande refusée est gardée avec sa "
        "raison.",
    )
    rsub = requests.add_subparsers(dest="requests_command", metavar="ACTION", required=True)
    serve = rsub.add_parser(
        "serve",
        help="reçoit les demandes en HTTP (POST JSON) jusqu'à Ctrl+C",
        description="Serveur HTTP des demandes, à placer derrière le serveur web de l'hôpital "
        "(qui lui transmet les POST). Derrière un relais sur la même machine, l'adresse du "
        "patient est lue dans X-Forwarded-For.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port d'écoute (défaut {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="URL",
        help="origine autorisée à envoyer des demandes depuis un navigateur (CORS), par ex. "
        "https://www.hopital.fr ; répétable ; « * » pour toutes. Défaut : celles des adresses "
        "de réservation et du flux publiées",
    )
    serve.add_argument(
        "--per-hour",
        type=int,
        metavar="N",
        help="demandes acceptées par heure et par adresse (défaut : réglage de l'hôpital)",
    )
    imp = rsub.add_parser(
        "import",
        help="reçoit les demandes déposées en fichiers JSON dans un dossier",
        description=f"Chaque fichier *.json est traité puis déplacé dans {DONE_DIR}/ ou, "
        f"refusé, dans {REFUSED_DIR}/ avec un fichier .raison.txt.",
    )
    imp.add_argument("folder", type=Path, metavar="DOSSIER")
    listing = rsub.add_parser("list", help="liste les demandes en attente de décision")
    listing.add_argument("--all", action="store_true", help="toutes les demandes")
    return {"requests": cmd_requests}


def cmd_requests(args) -> int:
    handler = {"serve": cmd_serve, "import": cmd_import, "list": cmd_list}
    return handler[args.requests_command](args)


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def cmd_serve(args) -> int:
    from desktop.cli.request_server import make_receiver

    if not 0 <= args.port <= 65535:
        raise InvalidInput(f"Port invalide : {args.port} (de 0 à 65535).")
    if args.per_hour is not None and args.per_hour < 1:
        raise InvalidInput("--per-hour : un nombre entier positif est attendu.")
    services = open_services(args)
    settings = services.requests.settings()
    origins = args.allow_origin or [
        o for o in (_origin(settings.booking_url), _origin(settings.base_url)) if o
    ]
    try:
        receiver = make_receiver(
            services, args.host, args.port, allowed_origins=origins, per_hour=args.per_hour
        )
    except OSError as exc:
        services.db.dispose()
        raise InvalidInput(
            f"Impossible d'écouter sur {args.host}:{args.port} : {exc.strerror or exc}."
        ) from exc
    receiver.start_releasing()
    print(
        f"Réception des demandes sur {receiver.url} "
        f"(origines autorisées : {', '.join(sorted(origins)) or 'aucune'}). Ctrl+C pour arrêter.",
        flush=True,
    )
    try:
        receiver.serve_forever()
    except KeyboardInterrupt:
        print("Arrêt de la réception des demandes.")
    finally:
        receiver.server_close()
        services.db.dispose()
    return 0


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    stem, suffix, n = target.stem, target.suffix, 1
    while target.exists() or target.with_name(target.name + ".raison.txt").exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def cmd_import(args) -> int:
    folder: Path = args.folder
    if not folder.is_dir():
        raise InvalidInput(f"Dossier introuvable : {folder}.")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".json")
    services = open_services(args)
    held = refused = 0
    try:
        for path in files:
            with path.open("rb") as stream:
                body = stream.read(MAX_BODY_BYTES + 1)
            receipt = services.requests.receive(body, f"fichier:{path.name}", source="file")
            if receipt.held:
                target_dir = folder / DONE_DIR
                target_dir.mkdir(exist_ok=True)
                shutil.move(path, _free_name(target_dir, path.name))
                held += 1
                print(f"{path.name} : demande enregistrée, créneau retenu.")
                continue
            target_dir = folder / REFUSED_DIR
            target_dir.mkdir(exist_ok=True)
            target = _free_name(target_dir, path.name)
            lines = [receipt.message, *(f"- {text}" for text in receipt.errors.values())]
            target.with_name(target.name + ".raison.txt").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )
            shutil.move(path, target)
            refused += 1
            print(f"{path.name} : refusée — {receipt.message}", file=sys.stderr)
    finally:
        services.db.dispose()
    print(f"{held} demande(s) enregistrée(s), {refused} refusée(s).")
    return 0


def cmd_list(args) -> int:
    services = open_services(args)
    try:
        calendar = services.structure.calendar()
        entries = services.requests.inbox(cli_actor(), None if args.all else HOLDING)
    finally:
        services.db.dispose()
    if not entries:
        print("Aucune demande." if args.all else "Aucune demande en attente de décision.")
        return 0
    for entry in entries:
        r = entry.request
        when = f"{calendar.local(r.start):%d/%m/%Y %H:%M}" if r.start else "—"
        who = f"{r.family_name.upper()} {r.given_names}".strip() or "(illisible)"
        print(
            f"n° {r.id}\t{r.status.label}\t{when}\t{entry.practitioner_name or '—'}\t"
            f"{entry.visit_reason_label or '—'}\t{who}"
            + (f"\t{r.decision_reason}" if r.decision_reason else "")
        )
    return 0
