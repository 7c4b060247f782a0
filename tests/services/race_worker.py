"""Entry points of the processes started by the race and crash tests.

``play`` runs in a ``multiprocessing`` spawn child: it opens its own ``Services`` on the shared
database, then plays rounds of operations, every worker starting each round at the same instant
(a shared barrier). It reports outcomes as plain data: ids, and exception class names with their
message, never exception objects.

``python -m tests.services.race_worker crash URL NOW VISIT_REASON PATIENT PRACTITIONER...`` books in
a loop through the service and prints each confirmed id, flushed, right after ``book()`` returns:
the crash test kills it at random moments.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime

from desktop.domain.errors import SlotConflict
from desktop.domain.model import Actor, Role, Status
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.fakes import SECRETARY

BARRIER_TIMEOUT_S = 120
REBOOK_DEADLINE_S = 30


def _open(url: str, now_iso: str) -> Services:
    return Services.open(url, FixedClock(datetime.fromisoformat(now_iso)))


def _do(services: Services, actor: Actor, op: tuple) -> tuple:
    """One operation: ("ok", appointment id) or ("error", class name, message)."""
    kind, *args = op
    booking = services.booking
    try:
        if kind == "book":
            practitioner, reason, patient, start = args
            return ("ok", booking.book(actor, practitioner, reason, patient, _at(start)).id)
        if kind == "move":
            appointment, version, start, practitioner = args
            moved = booking.move(
                actor, appointment, version, _at(start), practitioner_id=practitioner
            )
            return ("ok", moved.id)
        if kind == "cancel":
            appointment, version, reason = args
            return ("ok", booking.cancel(actor, appointment, version, reason).id)
        if kind == "rebook":
            return _rebook(services, actor, *args)
        raise ValueError(f"unknown operation {kind}")
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc)[:500])


def _rebook(
    services: Services,
    actor: Actor,
    original: int,
    practitioner: int,
    reason: int,
    patient: int,
    starts: list,
) -> tuple:
    """Book one of ``starts`` as soon as ``original`` is cancelled; give up once someone else has.

    A ``SlotConflict`` seen after the original was cancelled means another worker won.
    """
    deadline = time.monotonic() + REBOOK_DEADLINE_S
    attempt = 0
    while time.monotonic() < deadline:
        cancelled = services.booking.appointment(original).status is Status.CANCELLED
        start = starts[attempt % len(starts)]
        attempt += 1
        try:
            booked = services.booking.book(actor, practitioner, reason, patient, _at(start))
        except SlotConflict as exc:
            if cancelled:
                return ("error", "SlotConflict", str(exc)[:500])
        except Exception as exc:
            return ("error", type(exc).__name__, str(exc)[:500])
        else:
            return ("ok", booked.id)
    return ("error", "GaveUp", f"{attempt} attempts")


def _at(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def play(
    url: str,
    now_iso: str,
    login: str,
    warmup: tuple,
    rounds: list[list[tuple]],
    barrier,
    results,
) -> None:
    """Play ``rounds`` (each a list of operations), starting each with every other worker.

    ``warmup`` is an operation the rules refuse, played before the first round so that imports,
    the holiday tables and compiled statements are ready: the rounds then start truly together.
    """
    report: dict = {"login": login, "outcomes": [], "fatal": None, "seconds": []}
    actor = Actor(login, Role.SECRETARY, f"poste-{login}")
    services = None
    try:
        services = _open(url, now_iso)
        report["warmup"] = _do(services, actor, warmup)
        for number, operations in enumerate(rounds):
            barrier.wait(BARRIER_TIMEOUT_S)
            for op in operations:
                began = time.monotonic()
                report["outcomes"].append((number, op, _do(services, actor, op)))
                report["seconds"].append(time.monotonic() - began)
    except Exception as exc:  # reported, so that the test fails with the reason
        report["fatal"] = f"{type(exc).__name__}: {exc}"
        barrier.abort()
    finally:
        if services is not None:
            services.db.dispose()
        results.put(report)


def crash_loop(url: str, now_iso: str, reason: int, patient: int, practitioners: list[int]) -> None:
    """Find the first free slot and book it, again and again; print each id once booked.

    "ready" is printed once the first search is done (imports, holidays, compiled statements),
    so that a kill after it lands in the booking loop.
    """
    services = _open(url, now_iso)
    first_day = date.fromisoformat(now_iso[:10])
    last_day = date(first_day.year + 1, first_day.month, 1)
    slot = services.agenda.first_free_slot(reason, first_day, last_day, practitioners)
    print("ready", flush=True)
    while slot is not None:
        try:
            appointment = services.booking.book(
                SECRETARY, slot.practitioner_id, reason, patient, slot.start
            )
        except SlotConflict:
            pass
        else:
            print(appointment.id, flush=True)
        slot = services.agenda.first_free_slot(reason, first_day, last_day, practitioners)
    print("full", flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 7 or sys.argv[1] != "crash":
        sys.exit("usage: race_worker crash URL NOW VISIT_REASON PATIENT PRACTITIONER...")
    crash_loop(
        sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), [int(a) for a in sys.argv[6:]]
    )
