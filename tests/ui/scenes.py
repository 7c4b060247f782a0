"""Agendas to look at: the small hospital with a second service, and a believable busy Monday.

Bookings are made through the real services, with the clock set before the booked day, then the
clock is moved to the moment the screen is looked at (statuses "arrivé" / "vu" need it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from desktop.domain.model import Appointment, Status
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.fakes import ADMIN, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 15)  # the Monday of tests.conftest.TEST_NOW

# Colours, an echography visit reason, afternoons and an absence; a second service.
RICHER_TOML = """
[[departments]]
code = "PNEUMO"
name = "Pneumologie"
site = "SAT"

[[visit_reasons]]
code = "CARDIO-1"
department = "CARDIO"
label = "Première consultation de cardiologie"
duration_min = 30
online = true
color = "#d9534f"

[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi"
duration_min = 15
color = "#3b7dd8"

[[visit_reasons]]
code = "CARDIO-ECHO"
department = "CARDIO"
label = "Échocardiographie"
duration_min = 45
color = "#2f9e6e"

[[visit_reasons]]
code = "PNEUMO-EFR"
department = "PNEUMO"
label = "Explorations fonctionnelles respiratoires"
duration_min = 30
color = "#8e5cc4"

[[practitioners]]
code = "BLANC"
name = "Dr Sophie Blanc"
department = "PNEUMO"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI", "CARDIO-ECHO"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "14:00"
end = "17:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI", "CARDIO-ECHO"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "MARTIN"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI", "CARDIO-ECHO"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "BLANC"
site = "SAT"
weekday = "monday"
start = "08:30"
end = "12:00"
step_min = 30
visit_reasons = ["PNEUMO-EFR"]
valid_from = "2026-01-05"

[[absences]]
practitioner = "MARTIN"
start = "2027-03-15T13:30"
end = "2027-03-15T18:00"
reason = "Formation continue"
"""


@dataclass(frozen=True)
class Ids:
    """Codes to ids of the scene's structure."""

    practitioners: dict[str, int]
    visit_reasons: dict[str, int]
    departments: dict[str, int]


def ids_of(services: Services) -> Ids:
    agenda = services.agenda
    return Ids(
        {p.code: p.id for p in agenda.practitioners()},
        {v.code: v.id for v in agenda.visit_reasons()},
        {d.code: d.id for d in agenda.departments()},
    )


def richer_hospital(url: str, booking_now: datetime) -> Services:
    """The small hospital of ``tests.fakes`` with colours, afternoons, an absence and PNEUMO."""
    services = small_hospital(url, booking_now)
    services.structure.import_text(ADMIN, RICHER_TOML, "plus.toml")
    return services


def patient(services: Services, family: str, given: str, born: str, **extra) -> int:
    data = PatientInput(family, given, date.fromisoformat(born), **extra)
    return services.patients.create(ADMIN, data).id


def book(
    services: Services,
    practitioner: str,
    reason: str,
    patient_id: int,
    day: date,
    at: str,
    **options,
) -> Appointment:
    """Book at a local wall time of ``day`` (``options``: force, overbooking_reason, …)."""
    ids = ids_of(services)
    start = datetime.combine(day, time.fromisoformat(at), PARIS)
    return services.booking.book(
        ADMIN, ids.practitioners[practitioner], ids.visit_reasons[reason], patient_id, start,
        **options,
    )  # fmt: skip


# (practitioner, visit reason, time, family name, given names, birth date, extra, status)
BUSY_MONDAY = (
    ("DUPONT", "CARDIO-1", "09:00", "Bernard", "Lucie", "1958-04-12", {}, Status.SEEN),
    ("DUPONT", "CARDIO-SUIVI", "09:30", "Lefebvre", "Jean-Pierre", "1949-11-03", {}, Status.SEEN),
    ("DUPONT", "CARDIO-SUIVI", "09:45", "Faure", "Michel", "1962-07-21", {}, Status.NO_SHOW),
    ("DUPONT", "CARDIO-ECHO", "10:00", "Nguyễn", "Thị Mai", "1975-02-08", {}, Status.ARRIVED),
    (
        "DUPONT", "CARDIO-SUIVI", "10:45", "Moreau", "Élodie", "1981-09-30",
        {"birth_name": "Garnier", "sex": "F", "phones": ("06 12 34 56 78",)}, Status.CONFIRMED,
    ),
    ("DUPONT", "CARDIO-1", "11:00", "Girard", "Mathis", "1990-01-17", {}, Status.CONFIRMED),
    ("DUPONT", "CARDIO-ECHO", "14:00", "Da Silva", "Ana", "1967-05-25", {}, Status.BOOKED),
    ("DUPONT", "CARDIO-1", "15:00", "Chevalier", "Thomas", "1971-12-02", {}, Status.BOOKED),
    ("DUPONT", "CARDIO-SUIVI", "16:15", "O'Connor", "Siobhan", "1984-03-14", {}, Status.BOOKED),
    ("MARTIN", "CARDIO-SUIVI", "09:00", "Petit", "Camille", "1995-06-11", {}, Status.SEEN),
    ("MARTIN", "CARDIO-1", "09:15", "Roux", "Gabriel", "1953-08-19", {}, Status.SEEN),
    ("MARTIN", "CARDIO-SUIVI", "10:00", "Lambert", "Chloé", "1988-10-05", {}, Status.ARRIVED),
    ("MARTIN", "CARDIO-ECHO", "10:30", "Dubois", "Henri", "1944-01-28", {}, Status.CONFIRMED),
    ("MARTIN", "CARDIO-1", "11:30", "Mercier", "Inès", "2001-04-09", {}, Status.BOOKED),
)  # fmt: skip


def busy_monday(url: str) -> Services:
    """A cardiology Monday as a secretary sees it at 10:40: seen, arrived, a no-show, an
    overbooked emergency, an afternoon absence. The clock is left at that moment."""
    services = richer_hospital(url, datetime(2027, 3, 12, 8, 0, tzinfo=PARIS))
    booked = []
    for practitioner, reason, at, family, given, born, extra, status in BUSY_MONDAY:
        pid = patient(services, family, given, born, **extra)
        booked.append((book(services, practitioner, reason, pid, MONDAY, at), status))
    urgent = patient(services, "Fontaine", "Karim", "1966-02-14", phones=("0145678910",))
    book(
        services, "DUPONT", "CARDIO-SUIVI", urgent, MONDAY, "11:15",
        force=True, overbooking_reason="Douleur thoracique, adressé par les urgences",
    )  # fmt: skip
    services.clock.instant = datetime(2027, 3, 15, 10, 40, tzinfo=PARIS)
    for appointment, status in booked:
        if status is not Status.BOOKED:
            services.booking.set_status(ADMIN, appointment.id, appointment.version, status)
    return services


def main(argv: list[str]) -> int:
    """``python -m tests.ui.scenes OUT.png [day|week]``: the README picture of the busy Monday."""
    import tempfile
    from pathlib import Path

    from desktop.app import run_gui

    out, view = Path(argv[0]), argv[1] if len(argv) > 1 else "day"
    with tempfile.TemporaryDirectory() as folder:
        services = busy_monday(f"sqlite:///{folder}/creneau.sqlite3")
        try:
            return run_gui(services, screenshot=out, day=MONDAY, view=view)
        finally:
            services.db.dispose()


if __name__ == "__main__":
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main(sys.argv[1:]))
