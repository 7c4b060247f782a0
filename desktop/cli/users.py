"""Account command: ``creneau users add`` creates a local account, for instance the first
administrator of a database made with ``creneau init`` (which has none, so nobody could sign in).

The password is typed twice (never echoed) or read from the standard input with
``--password-stdin``; the CNIL rules apply. The command acts as an administrator (``cli_actor``).
"""

from __future__ import annotations

import getpass
import sys

from desktop.cli.common import cli_actor, open_services
from desktop.domain.errors import InvalidInput
from desktop.domain.passwords import check_password

ROLES = ("admin", "secretary", "physician")


def register(sub) -> dict:
    """Add the ``users`` sub-commands to ``sub`` and return their handler."""
    users = sub.add_parser("users", help="gère les comptes locaux")
    verbs = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = verbs.add_parser(
        "add",
        help="crée un compte (par exemple le premier administrateur)",
        description="Crée un compte local. Mot de passe : 12 caractères au moins mêlant "
        "minuscules, majuscules, chiffres et caractères spéciaux, ou 14 avec trois de ces types.",
    )
    add.add_argument("--login", required=True, metavar="IDENTIFIANT", help="identifiant")
    add.add_argument("--name", required=True, metavar="NOM", help="nom affiché")
    add.add_argument("--role", required=True, choices=ROLES, help="rôle du compte")
    add.add_argument(
        "--practitioner", metavar="CODE", help="code du praticien dont c'est l'agenda (médecin)"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="lit le mot de passe sur l'entrée standard (première ligne)",
    )
    return {"users": cmd_users}


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe : ")
    check_password(first)
    if getpass.getpass("Confirmez le mot de passe : ") != first:
        raise InvalidInput("Les deux mots de passe diffèrent : rien n'a été créé.")
    return first


def cmd_users(args) -> int:
    password = read_password(args.password_stdin)
    check_password(password)
    services = open_services(args)
    try:
        practitioner_id = None
        if args.practitioner:
            code = args.practitioner.strip().upper()
            found = [p for p in services.agenda.practitioners() if p.code.upper() == code]
            if not found:
                raise InvalidInput(f"Praticien inconnu : « {args.practitioner} ».")
            practitioner_id = found[0].id
        user = services.administration.users.create_user(
            cli_actor(), args.login, args.name, args.role, password, practitioner_id
        )
    finally:
        services.db.dispose()
    print(f"Compte « {user.login} » créé ({user.display_name}, rôle {user.role.value}).")
    return 0
