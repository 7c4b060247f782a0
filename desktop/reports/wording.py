"""French wording of the reports: dates, numbers, durations, patients' names — whatever the
machine's locale (reports printed on an English workstation are still French)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from desktop.domain.model import Channel, Patient, Sex, Status
from desktop.domain.phones import format_phone

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_SHORT = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip
NBSP = "\u00a0"
CHANNEL_LABELS = {
    Channel.PHONE: "Téléphone",
    Channel.DESK: "Accueil",
    Channel.ONLINE: "En ligne",
    Channel.INTERNAL: "Interne",
}
SEX_LABELS = {Sex.F: "féminin", Sex.M: "masculin", Sex.U: "non renseigné"}


def _day_number(day: date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def long_date(day: date) -> str:
    """ "lundi 15 mars 2027" """
    return f"{WEEKDAYS[day.weekday()]} {_day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def date_text(day: date) -> str:
    """ "15 mars 2027" """
    return f"{_day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """ "15/03/2027" """
    return f"{day:%d/%m/%Y}"


def month_title(month: date) -> str:
    """ "mars 2027" """
    return f"{MONTHS[month.month - 1]} {month.year}"


def clock(moment: datetime) -> str:
    """ "09:15" """
    return f"{moment:%H:%M}"


def printed_on(moment: datetime) -> str:
    """ "Imprimé le 15/03/2027 à 10:00" """
    return f"Imprimé le {moment:%d/%m/%Y} à {moment:%H:%M}"


def number(value: float, decimals: int = 0) -> str:
    """ "1 234" or "1 234,5" (no-break space between thousands, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def percent(ratio: float | None, decimals: int = 1) -> str:
    """ "12,5 %" ; "—" when there is no ratio."""
    if ratio is None:
        return "—"
    return f"{number(ratio * 100, decimals)}{NBSP}%"


def hours(minutes: float, decimals: int = 1) -> str:
    """ "12,5 h" """
    return f"{number(minutes / 60, decimals)}{NBSP}h"


def table_hours(minutes: float) -> str:
    """Hours for a table cell: "1 234 h", or "7,5 h" below a hundred hours."""
    return hours(minutes, 0 if minutes >= 100 * 60 else 1)


def delay(value_days: float | None) -> str:
    """A waiting delay: "10 h" under a day, else "4,2 j"; "—" when unknown."""
    if value_days is not None and value_days < 1:
        return f"{round(value_days * 24)}{NBSP}h"
    return days(value_days)


def days(value: float | None) -> str:
    """ "4,2 j" ; "—" when unknown."""
    return "—" if value is None else f"{number(value, 1)}{NBSP}j"


def signed(value: float, decimals: int = 0, unit: str = "") -> str:
    """ "+12", "−3,5 %" (a true minus sign), "=" for no change."""
    if round(value, decimals) == 0:
        return "="
    sign = "+" if value > 0 else "−"
    return f"{sign}{number(abs(value), decimals)}{unit}"


def status_label(status: Status) -> str:
    return status.label


def patient_name(patient: Patient) -> str:
    """ "DUPONT Marie" (the used family name in capitals, then the given names)."""
    return f"{patient.family_name.upper()} {patient.given_names}".strip()


def short_name(patient: Patient) -> str:
    """ "DUPONT M." (the week grid has little room)."""
    given = patient.given_names.strip()
    return (
        f"{patient.family_name.upper()} {given[:1].upper()}."
        if given
        else patient.family_name.upper()
    )


def birth_name_text(patient: Patient) -> str:
    """ "née MARTIN" (né for men), empty when the birth name is the used name."""
    if not patient.birth_name or patient.birth_name.casefold() == patient.family_name.casefold():
        return ""
    born = "né" if patient.sex is Sex.M else "née"
    return f"{born} {patient.birth_name.upper()}"


def birth_text(patient: Patient) -> str:
    """ "né(e) le 12/03/1980" """
    born = {Sex.F: "née", Sex.M: "né"}.get(patient.sex, "né(e)")
    return f"{born} le {patient.birth_date:%d/%m/%Y}"


def initials(patient: Patient) -> str:
    """ "D. M. — 1980": initials of the family name and first given name, and the birth year.

    What a sheet left on a desk may show: enough for the physician, too little for a passer-by.
    """
    family = _initial(patient.family_name)
    given = _initial(patient.given_names.split(" ")[0] if patient.given_names else "")
    letters = " ".join(x for x in (family, given) if x)
    return f"{letters} — {patient.birth_date.year}"


def _initial(name: str) -> str:
    parts = [p for p in name.strip().split("-") if p]
    return "-".join(f"{p[0].upper()}." for p in parts)


@lru_cache(maxsize=8192)
def phone_text(e164: str) -> str:
    """A phone number as dialled from France ("06 12 34 56 78"), else international."""
    return format_phone(e164)
