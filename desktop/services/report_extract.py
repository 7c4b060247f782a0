"""What the letters and the subject access extract show, read in one session and turned into
the plain data of ``desktop.reports`` (local times, names instead of ids)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit, reporting
from db.repositories import patients as patients_repo
from db.repositories import reminders as reminders_repo
from db.repositories import structure as repo
from desktop.domain.model import Appointment, AuditEntry, CancelOrigin
from desktop.domain.reminders import Reminder
from desktop.domain.scheduling import AgendaCalendar
from desktop.reports.agenda_data import Booking
from desktop.reports.letters import CallEntry, CallList, Confirmation
from desktop.reports.subject_access import (
    AppointmentRecord,
    AuditRecord,
    ReminderRecord,
    SubjectAccess,
    WaitingRecord,
)

OBJECT_NAMES = {
    "appointment": "rendez-vous",
    "patient": "patient",
    "waiting_entry": "liste d'attente",
    "waitlist": "liste d'attente",
    "absence": "absence",
}


class _Names:
    """Practitioners, departments, sites and visit reasons by id, read once."""

    def __init__(self, s: Session) -> None:
        self.departments = {d.id: d for d in repo.departments(s)}
        self.sites = {x.id: x for x in repo.sites(s)}
        self.practitioners = {p.id: p for p in reporting.practitioners_in_scope(s, None)}
        self._s = s
        self._reasons: dict[int, object] = {}

    def reason(self, reason_id: int):
        if reason_id not in self._reasons:
            self._reasons[reason_id] = repo.visit_reason(self._s, reason_id)
        return self._reasons[reason_id]

    def practitioner(self, pid: int | None) -> str:
        p = self.practitioners.get(pid) if pid is not None else None
        return p.name if p else ""

    def department_of(self, pid: int) -> str:
        p = self.practitioners.get(pid)
        d = self.departments.get(p.department_id) if p else None
        return d.name if d else ""


def confirmation_data(s: Session, calendar: AgendaCalendar, a: Appointment) -> Confirmation:
    """The confirmation letter of an appointment."""
    names = _Names(s)
    hospital = repo.hospital(s)
    reason = names.reason(a.visit_reason_id)
    site = names.sites.get(a.site_id)
    return Confirmation(
        appointment_id=a.id,
        patient=patients_repo.patient(s, a.patient_id),
        start=calendar.local(a.start),
        end=calendar.local(a.end),
        practitioner=names.practitioner(a.practitioner_id),
        department=names.department_of(a.practitioner_id),
        site=site.name if site else "",
        address=site.address if site else "",
        visit_reason=reason.label,
        instructions=reason.instructions,
        hospital_phone=hospital.phone,
        booking_url=hospital.booking_url,
    )


def call_list_data(
    s: Session,
    calendar: AgendaCalendar,
    practitioner_id: int,
    start: datetime,
    end: datetime,
    reason: str,
    items,
) -> CallList:
    """The call list of an absence from the absence service's items (``ImpactItem``)."""
    names = _Names(s)
    entries = []
    for item in items:
        a = item.appointment
        booking = Booking(
            a.id,
            calendar.local(a.start),
            calendar.local(a.end),
            item.patient,
            names.reason(a.visit_reason_id).label,
            a.status,
        )
        slot = item.replacement
        entries.append(
            CallEntry(
                booking,
                calendar.local(slot.start) if slot else None,
                names.practitioner(slot.practitioner_id) if slot else "",
            )
        )
    return CallList(
        practitioner=names.practitioner(practitioner_id),
        start=calendar.local(start),
        end=calendar.local(end),
        reason=reason,
        entries=tuple(entries),
        department=names.department_of(practitioner_id),
    )


def extract_data(
    s: Session, calendar: AgendaCalendar, patient_id: int, requested_by: str
) -> SubjectAccess:
    """Everything stored about one patient."""
    patient, created_at, created_by = reporting.patient_file(s, patient_id)
    names = _Names(s)
    local = calendar.local
    appointments = []
    for a in agenda_repo.patient_appointments(s, patient_id):
        site = names.sites.get(a.site_id)
        appointments.append(
            AppointmentRecord(
                id=a.id,
                start=local(a.start),
                end=local(a.end),
                practitioner=names.practitioner(a.practitioner_id),
                department=names.department_of(a.practitioner_id),
                site=site.name if site else "",
                visit_reason=names.reason(a.visit_reason_id).label,
                status=a.status,
                channel=a.channel.value,
                created_by=a.created_by,
                created_at=local(a.created_at) if a.created_at else None,
                details=_appointment_details(a),
            )
        )
    waiting = []
    for w in reporting.waiting_entries_of(s, patient_id):
        department = names.departments.get(w.department_id)
        who = names.practitioner(w.practitioner_id) or (
            f"Service {department.name}" if department else ""
        )
        details = [f"priorité {w.priority.label.lower()}", w.time_window.label.lower()]
        details += [x for x in (w.notes, w.removed_reason) if x]
        waiting.append(
            WaitingRecord(
                created_at=local(w.created_at) if w.created_at else None,
                visit_reason=names.reason(w.visit_reason_id).label,
                who=who,
                status=w.status.label,
                details=", ".join(details),
            )
        )
    entries = audit.entries_for_patient(s, patient_id)
    return SubjectAccess(
        patient=patient,
        appointments=tuple(appointments),
        waiting=tuple(waiting),
        audit=tuple(_audit_record(e, local) for e in entries),
        reminders=tuple(
            _reminder_record(r, local) for r in reminders_repo.of_patient(s, patient_id)
        ),
        created_at=local(created_at) if created_at else None,
        created_by=created_by,
        requested_by=requested_by,
    )


def _appointment_details(a: Appointment) -> str:
    parts = []
    if a.overbooked:
        parts.append("Surbooking" + (f" : {a.overbooking_reason}" if a.overbooking_reason else ""))
    if a.status.value == "cancelled":
        who = f" par {CancelOrigin(a.cancel_origin).label}" if a.cancel_origin else ""
        parts.append(f"Annulé{who}" + (f" : {a.cancel_reason}" if a.cancel_reason else ""))
    if a.notes:
        parts.append(f"Notes : {a.notes}")
    return ". ".join(parts)


def _reminder_record(r: Reminder, local) -> ReminderRecord:
    about = (
        f"demande en ligne n° {r.request_id}"
        if r.request_id is not None
        else f"rendez-vous n° {r.appointment_id}"
    )
    return ReminderRecord(
        due=local(r.due),
        kind=r.kind.label,
        about=about,
        number=r.e164,
        status=r.status.label,
        text=r.text,
        sent_at=local(r.sent_at) if r.sent_at else None,
        reason=r.reply,
    )


def _audit_record(e: AuditEntry, local) -> AuditRecord:
    name = OBJECT_NAMES.get(e.object_type, e.object_type)
    thing = f"{name} n° {e.object_id}" if e.object_id is not None else name
    return AuditRecord(local(e.at), e.actor, e.workstation, e.action, thing, e.before, e.after)
