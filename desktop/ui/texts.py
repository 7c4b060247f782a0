"""Wording of dates, counts and labels, independent of the machine's locale.

French source texts in the ``Texts`` translation context (``Status``, ``Priority``, … for the
interface's labels of the domain's values): the English interface (``desktop.ui.i18n``) says
"Monday 15 March 2027", "3 appointments", "Booked".
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.domain.history import action_label
from desktop.domain.model import Priority, Status, TimeOfDay

CONTEXT = "Texts"
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Texts", "lundi"),
    QT_TRANSLATE_NOOP("Texts", "mardi"),
    QT_TRANSLATE_NOOP("Texts", "mercredi"),
    QT_TRANSLATE_NOOP("Texts", "jeudi"),
    QT_TRANSLATE_NOOP("Texts", "vendredi"),
    QT_TRANSLATE_NOOP("Texts", "samedi"),
    QT_TRANSLATE_NOOP("Texts", "dimanche"),
)
SHORT_WEEKDAYS = (
    QT_TRANSLATE_NOOP("Texts", "lun."),
    QT_TRANSLATE_NOOP("Texts", "mar."),
    QT_TRANSLATE_NOOP("Texts", "mer."),
    QT_TRANSLATE_NOOP("Texts", "jeu."),
    QT_TRANSLATE_NOOP("Texts", "ven."),
    QT_TRANSLATE_NOOP("Texts", "sam."),
    QT_TRANSLATE_NOOP("Texts", "dim."),
)
MONTHS = (
    QT_TRANSLATE_NOOP("Texts", "janvier"),
    QT_TRANSLATE_NOOP("Texts", "février"),
    QT_TRANSLATE_NOOP("Texts", "mars"),
    QT_TRANSLATE_NOOP("Texts", "avril"),
    QT_TRANSLATE_NOOP("Texts", "mai"),
    QT_TRANSLATE_NOOP("Texts", "juin"),
    QT_TRANSLATE_NOOP("Texts", "juillet"),
    QT_TRANSLATE_NOOP("Texts", "août"),
    QT_TRANSLATE_NOOP("Texts", "septembre"),
    QT_TRANSLATE_NOOP("Texts", "octobre"),
    QT_TRANSLATE_NOOP("Texts", "novembre"),
    QT_TRANSLATE_NOOP("Texts", "décembre"),
)
# The domain's French labels (``Status.label``…) as the interface shows them, by context.
STATUS_LABELS = (
    QT_TRANSLATE_NOOP("Status", "Réservé"),
    QT_TRANSLATE_NOOP("Status", "Confirmé"),
    QT_TRANSLATE_NOOP("Status", "Arrivé"),
    QT_TRANSLATE_NOOP("Status", "Vu"),
    QT_TRANSLATE_NOOP("Status", "Absent (lapin)"),
    QT_TRANSLATE_NOOP("Status", "Annulé"),
)
PRIORITY_LABELS = (
    QT_TRANSLATE_NOOP("Priority", "Normale"),
    QT_TRANSLATE_NOOP("Priority", "Haute"),
    QT_TRANSLATE_NOOP("Priority", "Urgente"),
)
TIME_OF_DAY_LABELS = (
    QT_TRANSLATE_NOOP("TimeOfDay", "Indifférent"),
    QT_TRANSLATE_NOOP("TimeOfDay", "Matin"),
    QT_TRANSLATE_NOOP("TimeOfDay", "Après-midi"),
)
HISTORY_LABELS = (
    QT_TRANSLATE_NOOP("History", "Rendez-vous pris"),
    QT_TRANSLATE_NOOP("History", "Rendez-vous déplacé"),
    QT_TRANSLATE_NOOP("History", "Rendez-vous reprogrammé (absence du praticien)"),
    QT_TRANSLATE_NOOP("History", "Rendez-vous annulé"),
    QT_TRANSLATE_NOOP("History", "État modifié"),
    QT_TRANSLATE_NOOP("History", "Note modifiée"),
    QT_TRANSLATE_NOOP("History", "Inscription en liste d'attente"),
    QT_TRANSLATE_NOOP("History", "Retrait de la liste d'attente"),
    QT_TRANSLATE_NOOP("History", "Rendez-vous pris depuis la liste d'attente"),
    QT_TRANSLATE_NOOP("History", "Absence saisie"),
    QT_TRANSLATE_NOOP("History", "Absence supprimée"),
    QT_TRANSLATE_NOOP("History", "Patient créé"),
    QT_TRANSLATE_NOOP("History", "Patient modifié"),
    QT_TRANSLATE_NOOP("History", "Refus des SMS modifié"),
    QT_TRANSLATE_NOOP("History", "Rappels SMS envoyés"),
    QT_TRANSLATE_NOOP("History", "SMS renvoyé"),
    QT_TRANSLATE_NOOP("History", "Utilisateur créé"),
    QT_TRANSLATE_NOOP("History", "Connexion"),
    QT_TRANSLATE_NOOP("History", "Échec de connexion"),
    QT_TRANSLATE_NOOP("History", "Structure chargée"),
    QT_TRANSLATE_NOOP("History", "Action refusée"),
    QT_TRANSLATE_NOOP("History", "Journal d'audit exporté"),
    QT_TRANSLATE_NOOP("History", "Créneaux libres publiés"),
    QT_TRANSLATE_NOOP("History", "Dossier de publication modifié"),
    QT_TRANSLATE_NOOP("History", "Politique de publication créée"),
    QT_TRANSLATE_NOOP("History", "Politique de publication modifiée"),
    QT_TRANSLATE_NOOP("History", "Politique de publication supprimée"),
)


def _translated(text: str, context: str = CONTEXT) -> str:
    return QCoreApplication.translate(context, text)


def _number(day: date) -> str:
    """ "1er" for the first of the month, as written in French."""
    return QCoreApplication.translate("Texts", "1er") if day.day == 1 else str(day.day)


def weekday_name(day: date) -> str:
    """ "lundi" """
    return _translated(WEEKDAYS[day.weekday()])


def month_name(month: int) -> str:
    """ "mars" (``month`` from 1 to 12)."""
    return _translated(MONTHS[month - 1])


def long_date(day: date) -> str:
    """ "lundi 15 mars 2027" (1er for the first of the month, as written in French)."""
    return QCoreApplication.translate("Texts", "{weekday} {day} {month} {year}").format(
        weekday=weekday_name(day), day=_number(day), month=month_name(day.month), year=day.year
    )


def day_month(day: date) -> str:
    """ "lundi 15 mars" """
    return QCoreApplication.translate("Texts", "{weekday} {day} {month}").format(
        weekday=weekday_name(day), day=_number(day), month=month_name(day.month)
    )


def short_day(day: date) -> str:
    """ "lun. 15/03" """
    return f"{_translated(SHORT_WEEKDAYS[day.weekday()])} {day:%d/%m}"


def clock(moment: datetime) -> str:
    """ "09:15" """
    return f"{moment:%H:%M}"


def at_time(day: date, moment: datetime) -> str:
    """ "lundi 15 mars 2027 à 11:30" """
    return QCoreApplication.translate("Texts", "{date} à {time}").format(
        date=long_date(day), time=clock(moment)
    )


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """ "aucun rendez-vous", "1 rendez-vous", "3 rendez-vous" (the nouns given already in
    the interface's language; English says "no appointments")."""
    plural = plural or singular + "s"
    if n == 0:
        template = QCoreApplication.translate("Texts", "aucun {singular}")
    elif n == 1:
        template = QCoreApplication.translate("Texts", "1 {singular}")
    else:
        template = QCoreApplication.translate("Texts", "{n} {plural}")
    return template.format(n=n, singular=singular, plural=plural)


def week_title(monday: date) -> str:
    """ "Semaine 11 — du 15 au 21 mars 2027" (month and year shown only where they differ)."""
    sunday = date.fromordinal(monday.toordinal() + 6)
    first = _number(monday)
    if monday.month != sunday.month:
        first += f" {month_name(monday.month)}"
    if monday.year != sunday.year:
        first += f" {monday.year}"
    return QCoreApplication.translate(
        "Texts", "Semaine {week} — du {first} au {last} {month} {year}"
    ).format(
        week=monday.isocalendar().week,
        first=first,
        last=_number(sunday),
        month=month_name(sunday.month),
        year=sunday.year,
    )


# --- the interface's labels of the domain's values ---------------------------------------------


def status_label(status: Status) -> str:
    """ "Réservé", "Arrivé", "Absent (lapin)"…"""
    return _translated(status.label, "Status")


def priority_label(priority: Priority) -> str:
    return _translated(priority.label, "Priority")


def time_of_day_label(window: TimeOfDay) -> str:
    return _translated(window.label, "TimeOfDay")


def history_label(action: str) -> str:
    """An audited action as the appointment's history says it ("Rendez-vous déplacé")."""
    return _translated(action_label(action), "History")
