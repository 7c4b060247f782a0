"""What every command shares: the acting user, argument types, and the services it opens."""

from __future__ import annotations

import argparse
import getpass
import socket
from datetime import UTC, date, datetime

from desktop.config import database_url
from desktop.domain.model import Actor, Role

EXIT_ERROR = 1
EXIT_USAGE = 2


def cli_actor() -> Actor:
    """Whoever runs the command line acts as an administrator, named in the audit trail."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "inconnu"
    return Actor(f"cli:{user}", Role.ADMIN, socket.gethostname())


# --- argument types --------------------------------------------------------------------------


def parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date invalide « {text} » (attendu AAAA-MM-JJ)")


def parse_instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date et heure invalides « {text} » (attendu AAAA-MM-JJTHH:MM)"
        ) from None


def parse_positive(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"nombre entier positif attendu, pas « {text} »")
    return int(text)


def open_services(args, *, may_create: bool = False):
    """The services over the database of ``--db``; a database used before and now missing,
    read-only, locked or damaged raises ``DatabaseProblem`` (only ``init`` and ``demo`` pass
    ``may_create``: they may create a database where one existed)."""
    from desktop.services.clock import FixedClock, SystemClock
    from desktop.services.container import Services
    from desktop.services.startup import open_checked

    clock = SystemClock()
    if args.now is not None:
        now = args.now
        if now.tzinfo is None:
            # The hospital's zone is in the database: open once to read it, then fix the clock.
            services = open_checked(database_url(args.db), may_create=may_create)
            now = services.structure.calendar().to_utc(now)
            return Services.create(services.db, FixedClock(now))
        clock = FixedClock(now.astimezone(UTC))
    return open_checked(database_url(args.db), clock, may_create=may_create)


def safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
