"""The rules of the structure file applied to the administration screen's forms.

A form is read as one table of the TOML file would be (``desktop.domain.structure``), so the
screen and ``creneau import-structure`` accept and refuse exactly the same values. Only the way
a mistake is told changes: a form names its field (« Durée : 0 hors des bornes… ») where the file
names its line and key.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.domain.scheduling import WEEKDAYS
from desktop.domain.structure import (
    ClosureSpec,
    DepartmentSpec,
    HospitalSpec,
    OpeningSpec,
    PractitionerSpec,
    SiteSpec,
    VisitReasonSpec,
    _closure,
    _department,
    _hospital,
    _opening,
    _practitioner,
    _Reader,
    _site,
    _visit_reason,
)

FIELD_LABELS = {
    "code": "Code",
    "name": "Nom",
    "address": "Adresse",
    "site": "Site",
    "department": "Service",
    "label": "Libellé",
    "duration_min": "Durée (min)",
    "online": "Réservable en ligne",
    "new_patients": "Nouveaux patients",
    "min_notice_hours": "Délai de prévenance (h)",
    "color": "Couleur",
    "instructions": "Consignes au patient",
    "rpps": "N° RPPS",
    "practitioner": "Praticien",
    "weekday": "Jour",
    "start": "Début",
    "end": "Fin",
    "step_min": "Pas (min)",
    "visit_reasons": "Motifs",
    "weeks": "Semaines",
    "valid_from": "Valable du",
    "valid_to": "Valable jusqu'au",
    "from": "Du",
    "to": "Au",
    "reason": "Motif",
    "timezone": "Fuseau horaire",
    "country_holidays": "Jours fériés",
    "booking_url": "Adresse de réservation",
    "phone": "Téléphone",
}
# The file's wording of a missing value, said as a form says it.
_FORM_PROBLEMS = {
    "clé obligatoire absente": "à remplir",
    "valeur vide": "à remplir",
    "une liste non vide de codes de motifs est attendue": "cochez au moins un motif",
}


class _FormReader(_Reader):
    """A ``_Reader`` over a form's values whose mistakes name the field, not a file's line."""

    def __init__(self, section: str, table: dict[str, Any]) -> None:
        # None means "left empty": the file would simply not have the key.
        super().__init__(
            "formulaire", "", section, 0, {k: v for k, v in table.items() if v is not None}
        )

    def fail(self, key: str, problem: str):
        problem = _FORM_PROBLEMS.get(problem, problem)
        label = FIELD_LABELS.get(key, key)
        raise InvalidInput(
            f"{label} : {problem}." if label else f"{problem[:1].upper()}{problem[1:]}."
        )


def _hhmm(value: time | str) -> str:
    return value.strftime("%H:%M") if isinstance(value, time) else value


def check_hospital(
    name: str, timezone: str, country_holidays: str | None, booking_url: str, phone: str
) -> HospitalSpec:
    """The hospital's settings checked as the ``[hospital]`` table (phone in E.164)."""
    return _hospital(
        _FormReader(
            "hospital",
            {
                "name": name,
                "timezone": timezone,
                "country_holidays": country_holidays or None,
                "booking_url": booking_url,
                "phone": phone,
            },
        )
    )


def check_site(code: str, name: str, address: str = "") -> SiteSpec:
    """A site checked as a ``[[sites]]`` table."""
    return _site(_FormReader("sites", {"code": code, "name": name, "address": address}))


def check_department(code: str, name: str, site_code: str) -> DepartmentSpec:
    """A department checked as a ``[[departments]]`` table."""
    return _department(_FormReader("departments", {"code": code, "name": name, "site": site_code}))


def check_practitioner(
    code: str, name: str, department_code: str, rpps: str | None = None
) -> PractitionerSpec:
    """A practitioner checked as a ``[[practitioners]]`` table (empty RPPS: none)."""
    return _practitioner(
        _FormReader(
            "practitioners",
            {"code": code, "name": name, "department": department_code, "rpps": rpps or None},
        )
    )


def check_visit_reason(
    code: str,
    department_code: str,
    label: str,
    duration_min: int,
    *,
    online: bool = False,
    new_patients: bool = True,
    min_notice_hours: int | None = None,
    color: str = "#4f7fd9",
    instructions: str = "",
) -> VisitReasonSpec:
    """A visit reason checked as a ``[[visit_reasons]]`` table (no notice: None or 0)."""
    return _visit_reason(
        _FormReader(
            "visit_reasons",
            {
                "code": code,
                "department": department_code,
                "label": label,
                "duration_min": duration_min,
                "online": online,
                "new_patients": new_patients,
                "min_notice_hours": min_notice_hours or None,
                "color": color,
                "instructions": instructions,
            },
        )
    )


def check_opening(
    practitioner_code: str,
    site_code: str,
    weekday: int,
    start: time | str,
    end: time | str,
    step_min: int,
    visit_reason_codes: Iterable[str],
    weeks: str = "all",
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> OpeningSpec:
    """A weekly opening checked as an ``[[openings]]`` table (weekday: 0 = Monday)."""
    if not 0 <= weekday <= 6:
        raise InvalidInput(f"Jour : jour inconnu « {weekday} » (de 0, lundi, à 6, dimanche).")
    return _opening(
        _FormReader(
            "openings",
            {
                "practitioner": practitioner_code,
                "site": site_code,
                "weekday": WEEKDAYS[weekday],
                "start": _hhmm(start),
                "end": _hhmm(end),
                "step_min": step_min,
                "visit_reasons": list(visit_reason_codes),
                "weeks": weeks,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    )


def check_closure(site_code: str, date_from: date, date_to: date, reason: str = "") -> ClosureSpec:
    """A site closure checked as a ``[[closures]]`` table (dates inclusive)."""
    return _closure(
        _FormReader(
            "closures", {"site": site_code, "from": date_from, "to": date_to, "reason": reason}
        )
    )
