"""Exports: the appointments of a period as CSV for spreadsheets, and a practitioner's
appointments as an iCalendar file.

CSV needs the export right; it is UTF-8 with a BOM, ``;`` separated, formulas neutralised
(``desktop.domain.spreadsheet``), columns chosen by code. The iCalendar export follows the agenda
right (a physician: their own). Both are audited when they carry patient data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit, reporting
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Actor, Appointment, Patient, Status
from desktop.domain.permissions import Action
from desktop.domain.spreadsheet import csv_text
from desktop.reports.ics_export import IcsEvent, calendar_text
from desktop.reports.wording import CHANNEL_LABELS, birth_text, patient_name, phone_text
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

MAX_EXPORT_DAYS = 366
# Column code -> French header. Codes are what ``creneau export csv --columns`` takes.
CSV_COLUMNS = {
    "id": "N° rendez-vous",
    "date": "Date",
    "start": "Début",
    "end": "Fin",
    "practitioner": "Praticien",
    "department": "Service",
    "site": "Site",
    "visit_reason": "Motif",
    "patient_id": "N° patient",
    "family_name": "Nom",
    "birth_name": "Nom de naissance",
    "given_names": "Prénoms",
    "birth_date": "Date de naissance",
    "phone": "Téléphone",
    "status": "État",
    "channel": "Canal",
    "overbooked": "Surbooking",
    "cancel_reason": "Motif d'annulation",
    "cancel_origin": "Annulé par",
    "notes": "Notes",
    "created_by": "Pris par",
    "created_at": "Pris le",
}
DEFAULT_COLUMNS = (
    "date", "start", "end", "practitioner", "department", "visit_reason", "family_name",
    "given_names", "birth_date", "phone", "status", "channel",
)  # fmt: skip
PATIENT_COLUMNS = frozenset(
    {"patient_id", "family_name", "birth_name", "given_names", "birth_date", "phone", "notes"}
)


@dataclass(frozen=True)
class Export:
    """An export's text and how many appointments it holds."""

    text: str
    count: int


def parse_columns(text: str | None) -> tuple[str, ...]:
    """ "date,start,family_name" -> the codes; ``InvalidInput`` naming an unknown one."""
    if text is None:
        return DEFAULT_COLUMNS
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    if not codes:
        raise InvalidInput("Choisissez au moins une colonne.")
    for code in codes:
        if code not in CSV_COLUMNS:
            known = ", ".join(CSV_COLUMNS)
            raise InvalidInput(f"Colonne inconnue « {code} » (colonnes possibles : {known}).")
    return codes


class ExportService:
    """CSV and iCalendar exports."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def appointments_csv(
        self,
        actor: Actor,
        start_day: date,
        end_day: date,
        columns: tuple[str, ...] = DEFAULT_COLUMNS,
        department_id: int | None = None,
    ) -> Export:
        """Appointments (cancelled included) starting from ``start_day`` to ``end_day``
        (local dates, both included), one line each, by start."""
        guarded(self._db, self._clock, actor, Action.EXPORT, "export")
        columns = parse_columns(",".join(columns))
        _check_period(start_day, end_day)
        with self._db.read() as s:
            calendar = calendar_of(s)
            start = calendar.local_day_bounds(start_day)[0]
            end = calendar.local_day_bounds(end_day)[1]
            practitioners = reporting.practitioners_in_scope(s, department_id)
            appointments = agenda_repo.appointments(
                s, [p.id for p in practitioners], start, end, include_cancelled=True
            )
            names = _Names(s, appointments)
            cells = [_CELLS[code] for code in columns]
            rows = [
                [cell(a, names.patients[a.patient_id], names, calendar) for cell in cells]
                for a in appointments
            ]
        text = csv_text([CSV_COLUMNS[c] for c in columns], rows)
        if PATIENT_COLUMNS & set(columns):
            self._audit(actor, "export.csv", {
                "from": start_day.isoformat(), "to": end_day.isoformat(),
                "columns": list(columns), "department_id": department_id, "rows": len(rows),
            })  # fmt: skip
        return Export(text, len(rows))

    def practitioner_ics(
        self, actor: Actor, practitioner_id: int, start_day: date, end_day: date
    ) -> Export:
        """A practitioner's appointments of the period as an iCalendar file (cancelled ones
        with ``STATUS:CANCELLED``, so that a calendar that imported them before drops them)."""
        guarded(
            self._db, self._clock, actor, Action.VIEW_AGENDA, "export",
            practitioner_id=practitioner_id,
        )  # fmt: skip
        _check_period(start_day, end_day)
        with self._db.read() as s:
            calendar = calendar_of(s)
            practitioner = repo.practitioner(s, practitioner_id)
            hospital = repo.hospital(s)
            start = calendar.local_day_bounds(start_day)[0]
            end = calendar.local_day_bounds(end_day)[1]
            appointments = agenda_repo.appointments(
                s, [practitioner_id], start, end, include_cancelled=True
            )
            names = _Names(s, appointments)
        domain = urlparse(hospital.booking_url).hostname or "creneau.invalid"
        events = [_event(a, names, domain) for a in appointments]
        text = calendar_text(f"{practitioner.name} — {hospital.name}", events, self._clock.now())
        self._audit(
            actor,
            "export.ics",
            {"practitioner_id": practitioner_id, "from": start_day.isoformat(),
             "to": end_day.isoformat(), "events": len(events)},
            practitioner_id=practitioner_id,
        )  # fmt: skip
        return Export(text, len(events))

    def _audit(self, actor: Actor, action: str, after: dict, **links) -> None:
        now = self._clock.now()
        self._db.run(
            lambda s: audit.record(s, actor, now, action, "export", None, None, after, **links)
        )


def _check_period(start_day: date, end_day: date) -> None:
    if end_day < start_day:
        raise InvalidInput(
            f"La date de fin ({end_day:%d/%m/%Y}) précède la date de début ({start_day:%d/%m/%Y})."
        )
    if end_day - start_day >= timedelta(days=MAX_EXPORT_DAYS):
        raise InvalidInput(f"Une exportation couvre au plus {MAX_EXPORT_DAYS} jours.")


class _Names:
    """What the appointments' ids stand for, read once per export."""

    def __init__(self, s: Session, appointments: list[Appointment]) -> None:
        self.patients: dict[int, Patient] = patients_repo.patients(
            s, sorted({a.patient_id for a in appointments})
        )
        self.reasons = {
            v.id: v for v in repo.visit_reasons_by_id(s, {a.visit_reason_id for a in appointments})
        }
        self.practitioners = {p.id: p for p in reporting.practitioners_in_scope(s, None)}
        self.departments = {d.id: d for d in repo.departments(s)}
        self.sites = {x.id: x for x in repo.sites(s)}

    def department(self, a: Appointment) -> str:
        d = self.departments.get(self.practitioners[a.practitioner_id].department_id)
        return d.name if d else ""


def _local(calendar, instant, fmt: str) -> str:
    return format(calendar.local(instant), fmt) if instant else ""


# Each column's value: (appointment, its patient, the names, the calendar) -> cell.
_CELLS = {
    "id": lambda a, p, n, c: a.id,
    "date": lambda a, p, n, c: _local(c, a.start, "%d/%m/%Y"),
    "start": lambda a, p, n, c: _local(c, a.start, "%H:%M"),
    "end": lambda a, p, n, c: _local(c, a.end, "%H:%M"),
    "practitioner": lambda a, p, n, c: n.practitioners[a.practitioner_id].name,
    "department": lambda a, p, n, c: n.department(a),
    "site": lambda a, p, n, c: n.sites[a.site_id].name if a.site_id in n.sites else "",
    "visit_reason": lambda a, p, n, c: n.reasons[a.visit_reason_id].label,
    "patient_id": lambda a, p, n, c: a.patient_id,
    "family_name": lambda a, p, n, c: p.family_name,
    "birth_name": lambda a, p, n, c: p.birth_name,
    "given_names": lambda a, p, n, c: p.given_names,
    "birth_date": lambda a, p, n, c: f"{p.birth_date:%d/%m/%Y}",
    "phone": lambda a, p, n, c: phone_text(p.phones[0].e164) if p.phones else "",
    "status": lambda a, p, n, c: a.status.label,
    "channel": lambda a, p, n, c: CHANNEL_LABELS[a.channel],
    "overbooked": lambda a, p, n, c: "oui" if a.overbooked else "non",
    "cancel_reason": lambda a, p, n, c: a.cancel_reason,
    "cancel_origin": lambda a, p, n, c: a.cancel_origin.label if a.cancel_origin else "",
    "notes": lambda a, p, n, c: a.notes,
    "created_by": lambda a, p, n, c: a.created_by,
    "created_at": lambda a, p, n, c: _local(c, a.created_at, "%d/%m/%Y %H:%M"),
}
assert set(_CELLS) == set(CSV_COLUMNS)


def _event(a: Appointment, names: _Names, domain: str) -> IcsEvent:
    patient = names.patients[a.patient_id]
    reason = names.reasons[a.visit_reason_id].label
    site = names.sites.get(a.site_id)
    phones = ", ".join(phone_text(p.e164) for p in patient.phones)
    description = [
        f"Patient : {patient_name(patient)}, {birth_text(patient)}",
        f"Téléphone : {phones}" if phones else "",
        f"État : {a.status.label}",
        f"Notes : {a.notes}" if a.notes else "",
        f"Rendez-vous n° {a.id}",
    ]
    return IcsEvent(
        uid=f"rdv-{a.id}@{domain}",
        start=a.start,
        end=a.end,
        summary=f"{patient_name(patient)} — {reason}",
        location=", ".join(x for x in (site.name, site.address) if x) if site else "",
        description="\n".join(x for x in description if x),
        status="CANCELLED" if a.status is Status.CANCELLED else "CONFIRMED",
        sequence=max(0, a.version - 1),
        created=a.created_at,
        last_modified=a.updated_at,
    )
