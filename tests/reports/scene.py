"""Data sets of the report tests, built through the real services.

``activity_month``: March 2027 in the small hospital, every figure of the activity report
computed by hand below (the no-shows by SMS received too: the SMS sender runs twice).
``named_monday``: a Monday whose patients are called Łukasz, Nguyễn Thị and Ørsted, with one
patient of another practitioner who must appear on nobody else's sheet.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from desktop.domain.model import Appointment, CancelOrigin, Channel, Status
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.gateways import FileOutbox
from desktop.services.patients import PatientInput
from tests.fakes import ADMIN, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MARCH = date(2027, 3, 1)
NAMED_MONDAY = date(2027, 3, 22)


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


@dataclass
class Scene:
    services: Services
    practitioners: dict[str, int]
    reasons: dict[str, int]
    patients: dict[str, int]
    appointments: dict[str, Appointment]

    def at_clock(self, moment: datetime) -> None:
        clock = self.services.clock
        assert isinstance(clock, FixedClock)
        clock.instant = moment


def _scene(url: str, now: datetime) -> Scene:
    services = small_hospital(url, now)
    return Scene(
        services,
        {p.code: p.id for p in services.agenda.practitioners()},
        {r.code: r.id for r in services.agenda.visit_reasons()},
        {},
        {},
    )


def _patient(scene: Scene, key: str, family: str, given: str, born: str, **extra) -> int:
    data = PatientInput(family, given, date.fromisoformat(born), **extra)
    scene.patients[key] = scene.services.patients.create(ADMIN, data).id
    return scene.patients[key]


# (key, practitioner, reason, start, created, channel)
MARCH_BOOKINGS = (
    ("feb", "DUPONT", "CARDIO-1", at(date(2027, 2, 22), "09:00"), at(date(2027, 2, 1), "09:00"),
     Channel.PHONE),
    ("d1", "DUPONT", "CARDIO-1", at(MARCH, "09:00"), at(date(2027, 2, 15), "09:00"), Channel.PHONE),
    ("d2", "DUPONT", "CARDIO-SUIVI", at(MARCH, "09:30"), at(date(2027, 2, 22), "09:30"),
     Channel.DESK),
    ("d3", "DUPONT", "CARDIO-1", at(date(2027, 3, 8), "09:00"), at(MARCH, "09:00"),
     Channel.ONLINE),
    ("d4", "DUPONT", "CARDIO-SUIVI", at(MARCH, "10:00"), at(date(2027, 2, 8), "10:00"),
     Channel.INTERNAL),
    ("d5", "DUPONT", "CARDIO-1", at(date(2027, 3, 15), "11:00"), at(date(2027, 3, 10), "11:00"),
     Channel.PHONE),
    ("m6", "MARTIN", "CARDIO-1", at(date(2027, 3, 8), "11:00"), at(date(2027, 3, 4), "11:00"),
     Channel.PHONE),
    ("m7", "MARTIN", "CARDIO-SUIVI", at(date(2027, 3, 22), "09:00"),
     at(date(2027, 3, 10), "09:00"), Channel.PHONE),
)  # fmt: skip


# When the SMS sender runs (and only then) while the month is booked.
SMS_RUNS = (at(date(2027, 2, 28), "10:00"), at(date(2027, 3, 10), "11:30"))


def activity_month(url: str) -> Scene:
    """March 2027 (and one appointment in February), as the report must count it.

    DUPONT: d1 seen, d2 no-show, d3 cancelled by the patient 21 h before (late), d4 cancelled by
    the hospital three days before (on 26 February), d5 still booked. MARTIN: m6 seen, m7 still
    booked, and absent on 1 March 09:00–10:00. February: one appointment, seen.

    The patient has a mobile; the sender runs on 28 February 10:00 (d1 and d2 get their
    confirmation and day-before reminder; February's are stale) and on 10 March 11:30 (d5 and
    m7 get their confirmation; d3's and m6's messages are stale, their day has passed).
    """
    scene = _scene(url, at(date(2027, 1, 4), "08:00"))
    who = _patient(
        scene, "p", "Wiśniewski", "Łukasz", "1980-03-12", sex="M", phones=("06 12 34 56 78",)
    )
    services = scene.services
    scene.at_clock(at(date(2027, 1, 4), "08:00"))
    services.absences.add(
        ADMIN, scene.practitioners["MARTIN"], at(MARCH, "09:00"), at(MARCH, "10:00"), "Réunion"
    )
    runs = list(SMS_RUNS)
    with tempfile.TemporaryDirectory() as folder:
        outbox = FileOutbox(folder)
        for key, practitioner, reason, start, created, channel in sorted(
            MARCH_BOOKINGS, key=lambda b: b[4]
        ):
            while runs and runs[0] <= created:
                scene.at_clock(runs.pop(0))
                services.reminders.send_due(gateway=outbox)
            scene.at_clock(created)
            scene.appointments[key] = services.booking.book(
                ADMIN, scene.practitioners[practitioner], scene.reasons[reason], who, start,
                channel=channel,
            )  # fmt: skip
        for moment in runs:
            scene.at_clock(moment)
            services.reminders.send_due(gateway=outbox)
    a = scene.appointments
    scene.at_clock(at(date(2027, 2, 26), "10:00"))
    services.booking.cancel(ADMIN, a["d4"].id, None, "Bloc opératoire", CancelOrigin.HOSPITAL)
    scene.at_clock(at(date(2027, 3, 7), "12:00"))
    services.booking.cancel(ADMIN, a["d3"].id, None, "Empêchement", CancelOrigin.PATIENT)
    scene.at_clock(at(date(2027, 3, 31), "18:00"))
    for key, status in (("feb", Status.SEEN), ("d1", Status.SEEN), ("d2", Status.NO_SHOW),
                        ("m6", Status.SEEN)):  # fmt: skip
        services.booking.set_status(ADMIN, a[key].id, None, status)
    return scene


NAMES = {
    "lukasz": ("Wiśniewski", "Łukasz", "1980-03-12", {"sex": "M", "phones": ("06 12 34 56 78",)}),
    "nguyen": ("Nguyễn", "Thị Mai", "1975-02-08", {"sex": "F", "birth_name": "Trần"}),
    "orsted": ("Ørsted", "Hans Christian", "1953-08-19", {"sex": "M", "phones": ("0145678901",)}),
    "other": ("Zéphyrin", "Octave", "1961-06-30", {"sex": "M"}),
}


def named_monday(url: str, extra_followups: int = 0) -> Scene:
    """DUPONT sees Łukasz, Nguyễn Thị and Ørsted on Monday 22 March 2027 (plus
    ``extra_followups`` follow-ups of Łukasz, overbooked, for long sheets); MARTIN sees Octave
    ZÉPHYRIN, who must appear on no sheet of DUPONT's."""
    scene = _scene(url, at(date(2027, 3, 15), "08:00"))
    for key, (family, given, born, extra) in NAMES.items():
        _patient(scene, key, family, given, born, **extra)
    book = scene.services.booking.book
    dupont, martin = scene.practitioners["DUPONT"], scene.practitioners["MARTIN"]
    first, followup = scene.reasons["CARDIO-1"], scene.reasons["CARDIO-SUIVI"]
    p = scene.patients
    scene.appointments["lukasz"] = book(
        ADMIN, dupont, first, p["lukasz"], at(NAMED_MONDAY, "09:00")
    )
    scene.appointments["nguyen"] = book(
        ADMIN, dupont, followup, p["nguyen"], at(NAMED_MONDAY, "09:30"), notes="Apporter l'ECG"
    )
    scene.appointments["orsted"] = book(
        ADMIN, dupont, first, p["orsted"], at(NAMED_MONDAY, "11:00")
    )
    scene.appointments["other"] = book(ADMIN, martin, first, p["other"], at(NAMED_MONDAY, "10:00"))
    for n in range(extra_followups):
        book(
            ADMIN, dupont, followup, p["lukasz"], at(NAMED_MONDAY, "12:15"),
            force=True, overbooking_reason=f"Contrôle n° {n + 1}",
        )  # fmt: skip
    return scene
