"""Booking requests as the booking page sends them, for the small hospital of ``tests.fakes``.

"Now" is TEST_NOW (Monday 2027-03-15, 10:00 in Paris); Dupont and Martin open on Mondays
09:00–12:30 (step 15 min); CARDIO-1 (30 min) is booked online, CARDIO-SUIVI is not.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from desktop.domain.slot_ids import slot_id
from desktop.services.container import Services

PARIS = ZoneInfo("Europe/Paris")
NEXT_MONDAY = date(2027, 3, 22)


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


def ids(services: Services) -> tuple[dict[str, int], dict[str, int]]:
    """Practitioner and visit reason ids by code."""
    return (
        {p.code: p.id for p in services.agenda.practitioners()},
        {v.code: v.id for v in services.agenda.visit_reasons()},
    )


def slot_of(services: Services, start: datetime, who: str = "DUPONT", reason: str = "CARDIO-1"):
    practitioners, reasons = ids(services)
    return slot_id(practitioners[who], reasons[reason], start)


def request_body(
    services: Services,
    start: datetime,
    who: str = "DUPONT",
    reason: str = "CARDIO-1",
    **identity,
) -> bytes:
    data = {
        "slot": slot_of(services, start, who, reason),
        "family_name": "Durand",
        "given_names": "Léa",
        "birth_date": "1990-05-04",
        "phone": "06 12 34 56 78",
        "email": "lea.durand@example.org",
        "message": "",
    }
    data.update(identity)
    return json.dumps(data).encode("utf-8")


def free_starts(services: Services, day: date = NEXT_MONDAY, who: str = "DUPONT") -> list[datetime]:
    practitioners, reasons = ids(services)
    slots = services.agenda.free_slots(reasons["CARDIO-1"], day, day, [practitioners[who]])
    return [s.start for s in slots]
