"""``creneau publish``: the free slots as a static SMART Scheduling Links folder, or its check.

- ``creneau publish --out DIR [--weeks N]`` writes the folder (default: the publication folder
  set in the application) and swaps it in atomically;
- ``creneau publish --verify DIR`` checks a published folder against its manifest: exit 0 when
  every file is as published, else 1 with the first bad file named (then the others).
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import EXIT_ERROR, cli_actor, open_services, parse_positive


def register(sub) -> dict:
    """Add the ``publish`` sub-command to ``sub`` and return its handler."""
    publish = sub.add_parser(
        "publish",
        help="publie les créneaux libres (SMART Scheduling Links, FHIR R4) ou vérifie une "
        "publication",
        description="Écrit un dossier statique : le manifeste $bulk-publish (avec l'empreinte "
        "SHA-256 de chaque fichier), les Location, Schedule et Slot FHIR R4 en NDJSON, un "
        "fichier iCalendar libre/occupé par praticien et la page de réservation. Seuls les "
        "créneaux libres des motifs ouverts en ligne sont publiés, jamais une donnée de "
        "patient. Le dossier est remplacé d'un seul coup : un lecteur ne voit jamais une "
        "publication à moitié écrite.",
    )
    what = publish.add_mutually_exclusive_group()
    what.add_argument(
        "--out",
        type=Path,
        metavar="DOSSIER",
        help="dossier à publier (défaut : le dossier de publication réglé dans Créneau)",
    )
    what.add_argument(
        "--verify",
        type=Path,
        metavar="DOSSIER",
        help="vérifie un dossier publié contre son manifeste (empreintes, fichiers en trop "
        "ou manquants)",
    )
    publish.add_argument(
        "--weeks",
        type=parse_positive,
        metavar="N",
        help="horizon en semaines (défaut : celui des paramètres ; borne aussi les politiques)",
    )
    return {"publish": cmd_publish}


def cmd_publish(args) -> int:
    if args.verify is not None:
        return _verify(args.verify)
    services = open_services(args)
    report = services.publication.publish(cli_actor(), args.out, args.weeks)
    print(
        f"Publication écrite dans {report.folder} : {report.slots} créneaux libres, "
        f"{report.schedules} agendas, {report.locations} sites, {report.files} fichiers "
        f"({report.weeks} semaines)."
    )
    print(f"Manifeste $bulk-publish : SHA-256 {report.manifest_sha256}")
    return 0


def _verify(folder: Path) -> int:
    from desktop.publish.writer import verify

    report = verify(folder)
    if report.ok:
        print(f"Publication conforme : {report.checked} fichiers vérifiés dans {folder}.")
        return 0
    first, *others = report.problems
    more = f" (et {len(others)} autre(s) problème(s))" if others else ""
    print(f"creneau : publication non conforme : « {first.path} » : {first.reason}{more}.",
          file=sys.stderr)  # fmt: skip
    for problem in others:
        print(f"  « {problem.path} » : {problem.reason}", file=sys.stderr)
    return EXIT_ERROR
