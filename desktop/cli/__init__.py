"""The ``creneau`` command: the GUI and the scriptable operations of PRODUCT.md.

Errors go to stderr in one French sentence with a non-zero exit; nothing is half-written because
every operation is one transaction of a service. Each module of this package registers its own
sub-commands (``register(sub)`` returns their handlers).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from desktop.cli import (
    agenda,
    audit,
    backup,
    config,
    publish,
    reminders,
    reports,
    requests,
    retention,
    users,
)
from desktop.cli.common import EXIT_ERROR, parse_instant
from desktop.cli.french import install_french_argparse
from desktop.domain.errors import CreneauError

MODULES = (agenda, audit, backup, requests, reminders, reports, publish, retention, users, config)


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
        help="URL SQLAlchemy de la base (défaut : $CRENEAU_DB, sinon les fichiers de "
        "configuration — voir « creneau config show » —, sinon un fichier SQLite dans le "
        "dossier de données de l'utilisateur)",
    )
    parser.add_argument("--now", type=parse_instant, help="heure courante imposée (ISO 8601)")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    commands: dict[str, Callable[[argparse.Namespace], int]] = {}
    for module in MODULES:
        commands |= module.register(sub)
    parser.set_defaults(_commands=commands)
    return parser


def _version() -> str:
    from desktop.version import version

    return version()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    if command == "gui" and args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return args._commands[command](args)
    except CreneauError as exc:
        print(f"creneau : {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("creneau : interrompu.", file=sys.stderr)
        return EXIT_ERROR
