"""Printing: the data of each report read through the repositories, the role checked, the PDF
built by ``desktop.reports``.

Who may print what: the day sheet and week of a practitioner need the agenda right, and a
physician only gets their own; the department's list is not for physicians (it shows every
colleague's patients); the activity report needs the export right; a confirmation letter follows
its appointment's agenda; the call list of an absence follows the absence right; the subject
access extract needs both the export and the audit rights, and is itself audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from desktop.domain.activity import ActivityFigures
from desktop.domain.model import Actor, Department, Practitioner, Role, Status
from desktop.domain.permissions import Action
from desktop.domain.phones import format_phone
from desktop.domain.scheduling import AgendaCalendar, open_intervals
from desktop.reports.agenda_data import (
    Booking,
    DepartmentDay,
    PractitionerDay,
    PractitionerWeek,
    Span,
)
from desktop.reports.letterhead import Letterhead
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.report_activity import activity_figures
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

__all__ = ["ReportService", "practitioner_days"]


class ReportService:
    """Builds the PDF reports (bytes); ``invariant`` makes them byte-stable (tests)."""

    def __init__(self, db: Database, clock: Clock, *, invariant: bool = False) -> None:
        self._db = db
        self._clock = clock
        self.invariant = invariant

    # --- codes of the command line -------------------------------------------------------------

    def practitioner_by_code(self, code: str) -> Practitioner:
        """The practitioner of that code; ``NotFound`` (French) when none."""
        with self._db.read() as s:
            return repo.practitioner_by_code(s, code)

    def department_by_code(self, code: str) -> Department:
        """The department of that code; ``NotFound`` (French) when none."""
        with self._db.read() as s:
            return repo.department_by_code(s, code)

    # --- the agenda ----------------------------------------------------------------------------

    def day_sheet(
        self, actor: Actor, practitioner_id: int, day: date, *, minimal: bool = False
    ) -> bytes:
        """The day sheet of a practitioner (``minimal``: initials and birth year only)."""
        from desktop.reports.day_sheet import day_sheet_pdf

        self._guard_agenda(actor, practitioner_id)
        with self._db.read() as s:
            calendar = calendar_of(s)
            practitioner = repo.practitioner(s, practitioner_id)
            sheet = practitioner_days(s, calendar, [practitioner], [day])[0]
            letterhead = self._letterhead(s, calendar, practitioner.department_id)
        return day_sheet_pdf(sheet, letterhead, minimal=minimal, invariant=self.invariant)

    def day_sheets(
        self, actor: Actor, practitioner_ids: Sequence[int], day: date, *, minimal: bool = False
    ) -> bytes:
        """Several practitioners' day sheets in one document (each from a new page)."""
        from desktop.reports.day_sheet import day_sheets

        for pid in practitioner_ids:
            self._guard_agenda(actor, pid)
        with self._db.read() as s:
            calendar = calendar_of(s)
            practitioners = repo.practitioners_by_id(s, practitioner_ids)
            sheets = practitioner_days(s, calendar, practitioners, [day])
            department = practitioners[0].department_id if practitioners else None
            letterhead = self._letterhead(s, calendar, department)
        return day_sheets(sheets, letterhead, minimal=minimal, invariant=self.invariant).pdf

    def week(
        self, actor: Actor, practitioner_id: int, monday: date, *, minimal: bool = False
    ) -> bytes:
        """The week (Monday to Sunday; the weekend only when something happens) containing
        ``monday``, as a grid."""
        from desktop.reports.week import week_pdf

        self._guard_agenda(actor, practitioner_id)
        monday = monday - timedelta(days=monday.weekday())
        days = [monday + timedelta(days=n) for n in range(7)]
        with self._db.read() as s:
            calendar = calendar_of(s)
            practitioner = repo.practitioner(s, practitioner_id)
            week = practitioner_days(s, calendar, [practitioner], days)
            shown = tuple(d for d in week if d.day.weekday() < 5 or d.bookings or d.open_spans)
            department, site = _department_and_site(s, practitioner.department_id)
            letterhead = self._letterhead(s, calendar, practitioner.department_id)
        data = PractitionerWeek(practitioner.name, monday, shown, department, site)
        return week_pdf(data, letterhead, minimal=minimal, invariant=self.invariant)

    def department_day(self, actor: Actor, department_id: int, day: date) -> bytes:
        """The reception list of every practitioner of a department on one day."""
        from desktop.reports.department_day import department_day_pdf

        guarded(self._db, self._clock, actor, Action.VIEW_AGENDA, "report")
        with self._db.read() as s:
            calendar = calendar_of(s)
            department = _department(s, department_id)
            practitioners = repo.practitioners(s, department_id)
        if actor.role is Role.PHYSICIAN:
            # A physician's colleagues' patients are not theirs to see: refused (and audited).
            others = [p.id for p in practitioners if p.id != actor.practitioner_id]
            if others:
                self._guard_agenda(actor, others[0])
        with self._db.read() as s:
            days = practitioner_days(s, calendar, practitioners, [day])
            _, site = _department_and_site(s, department_id)
            letterhead = self._letterhead(s, calendar, department_id)
        data = DepartmentDay(department.name, day, tuple(days), site)
        return department_day_pdf(data, letterhead, invariant=self.invariant)

    # --- activity ------------------------------------------------------------------------------

    def activity_figures(
        self, actor: Actor, month: date, department_id: int | None = None
    ) -> ActivityFigures:
        """The figures of the monthly activity report (export right needed)."""
        guarded(self._db, self._clock, actor, Action.EXPORT, "report")
        with self._db.read() as s:
            calendar = calendar_of(s)
            department = _department(s, department_id) if department_id is not None else None
            return activity_figures(s, calendar, month.replace(day=1), department)

    def activity(self, actor: Actor, month: date, department_id: int | None = None) -> bytes:
        """The monthly activity report of a department, or of the hospital."""
        from desktop.reports.activity import activity_pdf

        figures = self.activity_figures(actor, month, department_id)
        with self._db.read() as s:
            letterhead = self._letterhead(s, calendar_of(s), department_id, confidential=False)
        return activity_pdf(figures, letterhead, invariant=self.invariant)

    # --- letters and the extract ---------------------------------------------------------------

    def confirmation(self, actor: Actor, appointment_id: int) -> bytes:
        """The confirmation letter of an appointment, for its patient."""
        from desktop.reports.letters import confirmation_pdf
        from desktop.services.report_extract import confirmation_data

        with self._db.read() as s:
            appointment = agenda_repo.appointment(s, appointment_id)
        self._guard_agenda(actor, appointment.practitioner_id, "appointment", appointment_id)
        with self._db.read() as s:
            calendar = calendar_of(s)
            letter = confirmation_data(s, calendar, appointment)
            department = repo.practitioner(s, appointment.practitioner_id).department_id
            letterhead = self._letterhead(s, calendar, department, confidential=False)
        return confirmation_pdf(letter, letterhead, invariant=self.invariant)

    def call_list(
        self, actor: Actor, practitioner_id: int, start: datetime, end: datetime, reason: str = ""
    ) -> bytes:
        """The patients to call for an absence ``[start, end)`` of a practitioner."""
        from desktop.reports.letters import call_list_pdf
        from desktop.services.absences import AbsenceService
        from desktop.services.report_extract import call_list_data

        guarded(
            self._db,
            self._clock,
            actor,
            Action.MANAGE_ABSENCES,
            "absence",
            practitioner_id=practitioner_id,
        )
        items = AbsenceService(self._db, self._clock).call_list(practitioner_id, start, end)
        with self._db.read() as s:
            calendar = calendar_of(s)
            calls = call_list_data(s, calendar, practitioner_id, start, end, reason, items)
            department = repo.practitioner(s, practitioner_id).department_id
            letterhead = self._letterhead(s, calendar, department)
        return call_list_pdf(calls, letterhead, invariant=self.invariant)

    def subject_access(self, actor: Actor, patient_id: int) -> bytes:
        """Everything stored about a patient (GDPR access request). Needs the export and audit
        rights; the extract is audited before it is read, so it lists itself."""
        from desktop.reports.subject_access import subject_access_pdf
        from desktop.services.report_extract import extract_data

        for action in (Action.EXPORT, Action.SEE_AUDIT):
            guarded(self._db, self._clock, actor, action, "patient", patient_id)
        with self._db.read() as s:
            patients_repo.patient_row(s, patient_id)  # NotFound before anything is written

        def record(s: Session) -> None:
            after = {"format": "pdf"}
            audit.record(
                s, actor, self._clock.now(), "export.subject_access", "patient", patient_id,
                None, after, patient_id=patient_id,
            )  # fmt: skip

        self._db.run(record)
        with self._db.read() as s:
            calendar = calendar_of(s)
            extract = extract_data(s, calendar, patient_id, actor.login)
            letterhead = self._letterhead(s, calendar, None)
        return subject_access_pdf(extract, letterhead, invariant=self.invariant)

    # --- plumbing ------------------------------------------------------------------------------

    def _guard_agenda(
        self, actor: Actor, practitioner_id: int, object_type: str = "report", object_id=None
    ) -> None:
        guarded(
            self._db,
            self._clock,
            actor,
            Action.VIEW_AGENDA,
            object_type,
            object_id,
            practitioner_id=practitioner_id,
        )

    def _letterhead(
        self,
        s: Session,
        calendar: AgendaCalendar,
        department_id: int | None,
        *,
        confidential: bool = True,
    ) -> Letterhead:
        hospital = repo.hospital(s)
        site_name = address = ""
        if department_id is not None:
            department = _department(s, department_id)
            site = next((x for x in repo.sites(s) if x.id == department.site_id), None)
            if site is not None:
                site_name, address = site.name, site.address
        return Letterhead(
            hospital=hospital.name,
            printed_at=calendar.local(self._clock.now()),
            site=site_name,
            address=address,
            phone=format_phone(hospital.phone) if hospital.phone else "",
            confidential=confidential,
        )


def _department(s: Session, department_id: int) -> Department:
    from desktop.domain.errors import NotFound

    found = next((d for d in repo.departments(s) if d.id == department_id), None)
    if found is None:
        raise NotFound(f"Service inconnu : n° {department_id}.")
    return found


def _department_and_site(s: Session, department_id: int) -> tuple[str, str]:
    department = _department(s, department_id)
    site = next((x for x in repo.sites(s) if x.id == department.site_id), None)
    return department.name, site.name if site else ""


def practitioner_days(
    s: Session, calendar: AgendaCalendar, practitioners: Sequence[Practitioner], days: list[date]
) -> list[PractitionerDay]:
    """Each practitioner's days (practitioner by practitioner, then day by day): active
    appointments with their patients, openings, absences and closures, in local time."""
    if not practitioners or not days:
        return []
    ids = [p.id for p in practitioners]
    start = calendar.local_day_bounds(min(days))[0]
    end = calendar.local_day_bounds(max(days))[1]
    appointments = agenda_repo.appointments(s, ids, start, end)
    patients = patients_repo.patients(s, sorted({a.patient_id for a in appointments}))
    reasons = {
        v.id: v for v in repo.visit_reasons_by_id(s, {a.visit_reason_id for a in appointments})
    }
    openings = repo.openings(s, ids)
    absences = defaultdict(list)
    for a in agenda_repo.absences(s, ids, start, end):
        absences[a.practitioner_id].append(a)
    bookings = defaultdict(list)
    for a in appointments:
        local = calendar.local(a.start)
        reason = reasons[a.visit_reason_id]
        bookings[(a.practitioner_id, local.date())].append(
            Booking(
                a.id, local, calendar.local(a.end), patients[a.patient_id], reason.label,
                Status(a.status), a.notes, a.overbooked, reason.color,
            )
        )  # fmt: skip
    departments = {d.id: d for d in repo.departments(s)}
    sites = {x.id: x for x in repo.sites(s)}
    result = []
    for p in practitioners:
        department = departments.get(p.department_id)
        site = sites.get(department.site_id) if department else None
        for day in days:
            low, high = calendar.local_day_bounds(day)
            result.append(
                PractitionerDay(
                    practitioner=p.name,
                    day=day,
                    bookings=tuple(bookings.get((p.id, day), ())),
                    open_spans=tuple(
                        Span(calendar.local(a), calendar.local(b))
                        for a, b, _site in open_intervals(openings[p.id], day, calendar)
                    ),
                    absences=tuple(
                        Span(
                            calendar.local(max(a.start, low)),
                            calendar.local(min(a.end, high)),
                            a.reason,
                        )
                        for a in absences[p.id]
                        if a.start < high and a.end > low
                    ),
                    closed=calendar.closure_reason(department.site_id, day) if department else None,
                    department=department.name if department else "",
                    site=site.name if site else "",
                )
            )
    return result
