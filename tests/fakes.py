"""Builders shared by the tests: a small hospital loaded through the real structure service."""

from __future__ import annotations

from datetime import datetime

from desktop.domain.model import Actor, Role
from desktop.services.clock import FixedClock
from desktop.services.container import Services

ADMIN = Actor("admin-test", Role.ADMIN, "poste-test")
SECRETARY = Actor("secretaire-test", Role.SECRETARY, "poste-accueil")
# Dr Dupont, the first practitioner of SMALL_TOML (id 1): a physician acts on their own agenda.
PHYSICIAN = Actor("medecin-test", Role.PHYSICIAN, "poste-consult", practitioner_id=1)

# One site, one department, two practitioners: Monday and Tuesday 09:00–12:30, step 15.
SMALL_TOML = """
[hospital]
name = "Hôpital d'essai"
timezone = "Europe/Paris"
country_holidays = "FR"
booking_url = "https://hopital.example/rendez-vous"
phone = "+33 1 49 28 20 00"

[[sites]]
code = "SAT"
name = "Site Saint-Antoine"
address = "184 rue du Faubourg Saint-Antoine, 75012 Paris"

[[departments]]
code = "CARDIO"
name = "Cardiologie"
site = "SAT"

[[visit_reasons]]
code = "CARDIO-1"
department = "CARDIO"
label = "Première consultation de cardiologie"
duration_min = 30
online = true
instructions = "Apporter vos derniers examens."

[[visit_reasons]]
code = "CARDIO-SUIVI"
department = "CARDIO"
label = "Consultation de suivi"
duration_min = 15

[[practitioners]]
code = "DUPONT"
name = "Dr Marie Dupont"
department = "CARDIO"

[[practitioners]]
code = "MARTIN"
name = "Dr Paul Martin"
department = "CARDIO"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "MARTIN"
site = "SAT"
weekday = "monday"
start = "09:00"
end = "12:30"
step_min = 15
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI"]
valid_from = "2026-01-05"
"""


def small_hospital(url: str, now: datetime) -> Services:
    """Services over a fresh database holding ``SMALL_TOML``, with a fixed clock."""
    services = Services.open(url, FixedClock(now))
    services.structure.import_text(ADMIN, SMALL_TOML, "essai.toml")
    return services
