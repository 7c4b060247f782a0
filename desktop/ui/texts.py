"""French wording of dates and counts, independent of the machine's locale."""

from __future__ import annotations

from datetime import date, datetime

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


def long_date(day: date) -> str:
    """ "lundi 15 mars 2027" (1er for the first of the month, as written in French)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: date) -> str:
    """ "lundi 15 mars" """
    number = "1er" if day.day == 1 else str(day.day)
    return f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"


def short_day(day: date) -> str:
    """ "lun. 15/03" """
    return f"{WEEKDAYS[day.weekday()][:3]}. {day:%d/%m}"


def clock(moment: datetime) -> str:
    """ "09:15" """
    return f"{moment:%H:%M}"


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "aucun rendez-vous", "1 rendez-vous", "3 rendez-vous" """
    if n == 0:
        return f"aucun {singular}"
    if n == 1:
        return f"1 {singular}"
    return f"{n} {plural or singular + 's'}"


def week_title(monday: date) -> str:
    """ "Semaine 11 — du 15 au 21 mars 2027" (month and year shown only where they differ)."""
    sunday = date.fromordinal(monday.toordinal() + 6)
    first = str(monday.day) if monday.day != 1 else "1er"
    if monday.month != sunday.month:
        first += f" {MONTHS[monday.month - 1]}"
    if monday.year != sunday.year:
        first += f" {monday.year}"
    last = "1er" if sunday.day == 1 else str(sunday.day)
    span = f"du {first} au {last} {MONTHS[sunday.month - 1]} {sunday.year}"
    return f"Semaine {monday.isocalendar().week} — {span}"
