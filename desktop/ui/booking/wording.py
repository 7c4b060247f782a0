"""The sentences of the booking panel: slot dates, birth dates, the confirmation.

French source texts in the ``BookingWording`` translation context (``desktop.ui.i18n``).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from desktop.domain.model import Patient, PhoneKind, Sex
from desktop.domain.phones import format_phone
from desktop.ui import texts

CONTEXT = "BookingWording"
WEEKDAY_ABBREVIATIONS = texts.SHORT_WEEKDAYS
# The abbreviations of the French typographic rules (Imprimerie nationale).
MONTH_ABBREVIATIONS = (
    QT_TRANSLATE_NOOP("BookingWording", "janv."),
    QT_TRANSLATE_NOOP("BookingWording", "févr."),
    QT_TRANSLATE_NOOP("BookingWording", "mars"),
    QT_TRANSLATE_NOOP("BookingWording", "avr."),
    QT_TRANSLATE_NOOP("BookingWording", "mai"),
    QT_TRANSLATE_NOOP("BookingWording", "juin"),
    QT_TRANSLATE_NOOP("BookingWording", "juil."),
    QT_TRANSLATE_NOOP("BookingWording", "août"),
    QT_TRANSLATE_NOOP("BookingWording", "sept."),
    QT_TRANSLATE_NOOP("BookingWording", "oct."),
    QT_TRANSLATE_NOOP("BookingWording", "nov."),
    QT_TRANSLATE_NOOP("BookingWording", "déc."),
)
PHONE_KINDS = {
    PhoneKind.MOBILE: QT_TRANSLATE_NOOP("BookingWording", "portable"),
    PhoneKind.LANDLINE: QT_TRANSLATE_NOOP("BookingWording", "fixe, pas de SMS"),
    PhoneKind.OTHER: QT_TRANSLATE_NOOP("BookingWording", "autre numéro, pas de SMS"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def slot_when(local: datetime) -> str:
    """ "lun. 22 mars 09:00" (a local wall time)."""
    number = QCoreApplication.translate("Texts", "1er") if local.day == 1 else str(local.day)
    weekday = QCoreApplication.translate("Texts", WEEKDAY_ABBREVIATIONS[local.weekday()])
    month = _tr(MONTH_ABBREVIATIONS[local.month - 1])
    return f"{weekday} {number} {month} {local:%H:%M}"


def born(patient: Patient) -> str:
    """ "née le 12/04/1958", "né le …", or "né(e) le …" when the sex is not known."""
    if patient.sex is Sex.F:
        template = QCoreApplication.translate("BookingWording", "née le {date}")
    elif patient.sex is Sex.M:
        template = QCoreApplication.translate("BookingWording", "né le {date}")
    else:
        template = QCoreApplication.translate("BookingWording", "né(e) le {date}")
    return template.format(date=f"{patient.birth_date:%d/%m/%Y}")


def age(birth: date, today: date) -> str:
    """ "68 ans", "1 an", "7 mois" for a baby."""
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    if years >= 2:
        return QCoreApplication.translate("BookingWording", "{n} ans").format(n=years)
    if years == 1:
        return QCoreApplication.translate("BookingWording", "1 an")
    months = (today.year - birth.year) * 12 + today.month - birth.month - (today.day < birth.day)
    if months == 1:
        return QCoreApplication.translate("BookingWording", "1 mois")
    return QCoreApplication.translate("BookingWording", "{n} mois").format(n=max(months, 0))


def first_phone(patient: Patient) -> str:
    """The patient's first number in national format ("06 12 34 56 78"), or ""."""
    return format_phone(patient.phones[0].e164) if patient.phones else ""


def patient_details(patient: Patient, today: date) -> str:
    """ "née le 12/04/1958 (68 ans) · 06 12 34 56 78": what tells two homonyms apart."""
    return _patient_details(patient, today, QLocale().name())


# Typing narrows the results (m, ma, mar…): the same patients are written again and again, and
# formatting a phone costs more than a paint of the whole list. The language is in the key.
@lru_cache(maxsize=2048)
def _patient_details(patient: Patient, today: date, _language: str) -> str:
    parts = [f"{born(patient)} ({age(patient.birth_date, today)})"]
    phone = first_phone(patient)
    if phone:
        parts.append(phone)
    return " · ".join(parts)


def no_shows(count: int) -> str:
    """ "2 absences non excusées" (empty for none)."""
    if count <= 0:
        return ""
    if count == 1:
        return QCoreApplication.translate("BookingWording", "1 absence non excusée")
    return QCoreApplication.translate("BookingWording", "{n} absences non excusées").format(n=count)


def phone_feedback(kind: PhoneKind, e164: str) -> str:
    """ "✓ 06 12 34 56 78 (portable)" under the phone field of the new patient form."""
    return f"✓ {format_phone(e164)} ({_tr(PHONE_KINDS[kind])})"


def confirmation(local_start: datetime, practitioner: str) -> str:
    """ "Rendez-vous confirmé : lundi 22 mars 2027 à 09:00 avec Dr Marie Dupont" """
    return QCoreApplication.translate(
        "BookingWording", "Rendez-vous confirmé : {when} à {time} avec {practitioner}"
    ).format(
        when=texts.long_date(local_start.date()),
        time=f"{local_start:%H:%M}",
        practitioner=practitioner,
    )
