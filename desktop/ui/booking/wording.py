"""The French sentences of the booking panel: slot dates, birth dates, the confirmation."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from desktop.domain.model import Patient, PhoneKind, Sex
from desktop.domain.phones import format_phone
from desktop.ui import texts

WEEKDAY_ABBREVIATIONS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
# The abbreviations of the French typographic rules (Imprimerie nationale).
MONTH_ABBREVIATIONS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
PHONE_KINDS = {
    PhoneKind.MOBILE: "portable",
    PhoneKind.LANDLINE: "fixe, pas de SMS",
    PhoneKind.OTHER: "autre numéro, pas de SMS",
}


def slot_when(local: datetime) -> str:
    """ "lun. 22 mars 09:00" (a local wall time)."""
    number = "1er" if local.day == 1 else str(local.day)
    weekday = WEEKDAY_ABBREVIATIONS[local.weekday()]
    return f"{weekday} {number} {MONTH_ABBREVIATIONS[local.month - 1]} {local:%H:%M}"


def born(patient: Patient) -> str:
    """ "née le 12/04/1958", "né le …", or "né(e) le …" when the sex is not known."""
    word = {Sex.F: "née", Sex.M: "né"}.get(patient.sex, "né(e)")
    return f"{word} le {patient.birth_date:%d/%m/%Y}"


def age(birth: date, today: date) -> str:
    """ "68 ans", "1 an", "7 mois" for a baby."""
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    if years >= 2:
        return f"{years} ans"
    if years == 1:
        return "1 an"
    months = (today.year - birth.year) * 12 + today.month - birth.month - (today.day < birth.day)
    return f"{max(months, 0)} mois"


def first_phone(patient: Patient) -> str:
    """The patient's first number in national format ("06 12 34 56 78"), or ""."""
    return format_phone(patient.phones[0].e164) if patient.phones else ""


# Typing narrows the results (m, ma, mar…): the same patients are written again and again, and
# formatting a phone costs more than a paint of the whole list.
@lru_cache(maxsize=2048)
def patient_details(patient: Patient, today: date) -> str:
    """ "née le 12/04/1958 (68 ans) · 06 12 34 56 78": what tells two homonyms apart."""
    parts = [f"{born(patient)} ({age(patient.birth_date, today)})"]
    phone = first_phone(patient)
    if phone:
        parts.append(phone)
    return " · ".join(parts)


def no_shows(count: int) -> str:
    """ "2 absences non excusées" (empty for none)."""
    if count <= 0:
        return ""
    return f"{count} absence non excusée" if count == 1 else f"{count} absences non excusées"


def phone_feedback(kind: PhoneKind, e164: str) -> str:
    """ "✓ 06 12 34 56 78 (portable)" under the phone field of the new patient form."""
    return f"✓ {format_phone(e164)} ({PHONE_KINDS[kind]})"


def confirmation(local_start: datetime, practitioner: str) -> str:
    """ "Rendez-vous confirmé : lundi 22 mars 2027 à 09:00 avec Dr Marie Dupont" """
    when = texts.long_date(local_start.date())
    return f"Rendez-vous confirmé : {when} à {local_start:%H:%M} avec {practitioner}"
