"""The hospital the booking page is tried on: two services, online visit reasons with
instructions, openings on several days, and the request settings (hold, rate limit)."""

from __future__ import annotations

from datetime import datetime

from desktop.services.container import Services
from tests.fakes import ADMIN, small_hospital

ONLINE_TOML = """
[[departments]]
code = "PNEUMO"
name = "Pneumologie"
site = "SAT"

[[visit_reasons]]
code = "PNEUMO-EFR"
department = "PNEUMO"
label = "Explorations fonctionnelles respiratoires"
duration_min = 30
online = true
instructions = '''Ne pas fumer dans les 24 heures qui précèdent l'examen.
Apporter vos traitements inhalés.'''

[[visit_reasons]]
code = "CARDIO-TELE"
department = "CARDIO"
label = "Téléconsultation de suivi"
duration_min = 15
online = true

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
visit_reasons = ["CARDIO-1", "CARDIO-SUIVI", "CARDIO-TELE"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "DUPONT"
site = "SAT"
weekday = "thursday"
start = "14:00"
end = "17:00"
step_min = 30
visit_reasons = ["CARDIO-1", "CARDIO-TELE"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "MARTIN"
site = "SAT"
weekday = "wednesday"
start = "08:30"
end = "11:30"
step_min = 30
visit_reasons = ["CARDIO-1", "CARDIO-TELE"]
valid_from = "2026-01-05"

[[openings]]
practitioner = "BLANC"
site = "SAT"
weekday = "tuesday"
start = "08:30"
end = "12:00"
step_min = 30
visit_reasons = ["PNEUMO-EFR"]
valid_from = "2026-01-05"
"""


def booking_hospital(url: str, now: datetime, **request_settings) -> Services:
    """The small hospital with a second service and more online visit reasons;
    ``request_settings``: ``request_url``, ``hold_minutes``, ``requests_per_hour``."""
    services = small_hospital(url, now)
    services.structure.import_text(ADMIN, ONLINE_TOML, "en-ligne.toml")
    admin = services.administration.settings
    current = admin.publication()
    admin.save_publication(
        ADMIN,
        "https://hopital.example/creneaux/",
        current.booking_url,
        current.horizon_weeks,
        "+33 1 49 28 20 00",
    )
    if request_settings:
        set_request_settings(services, **request_settings)
    return services


def set_request_settings(services: Services, **values) -> None:
    """Store the request fields of the publication settings (the administration window does
    not show them yet)."""
    from dataclasses import replace

    from db.repositories import admin as admin_repo
    from desktop.domain import settings as rules

    current = services.requests.settings()
    stored = rules.publication_to_json(replace(current, **values))
    services.db.run(lambda s: admin_repo.set_setting(s, rules.PUBLICATION_KEY, stored))
