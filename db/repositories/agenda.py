"""Appointments and absences: the busy time of practitioners and the agenda's contents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from db.tables import AbsenceRow, AppointmentRow, BookingRequestRow
from desktop.domain.errors import NotFound
from desktop.domain.model import Absence, Appointment, CancelOrigin, Channel, Status

CANCELLED = Status.CANCELLED.value
# No appointment lasts longer (a CHECK of visit_reason): a lower bound on start_at keeps the
# (practitioner_id, start_at) index range to the period instead of the whole history.
MAX_DURATION = timedelta(minutes=720)
HOLDING_REQUESTS = ("held", "proposed")  # booking requests that hold their slot


def appointment_to_native(row) -> Appointment:
    """From an ``AppointmentRow`` entity or a row of its columns."""
    return Appointment(
        id=row.id,
        practitioner_id=row.practitioner_id,
        visit_reason_id=row.visit_reason_id,
        patient_id=row.patient_id,
        site_id=row.site_id,
        start=row.start_at,
        end=row.end_at,
        status=Status(row.status),
        channel=Channel(row.channel),
        overbooked=row.overbooked,
        overbooking_reason=row.overbooking_reason,
        notes=row.notes,
        cancel_reason=row.cancel_reason,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        version=row.version,
        cancel_origin=CancelOrigin(row.cancel_origin) if row.cancel_origin else None,
    )


def busy_intervals(
    session: Session,
    practitioner_ids: Iterable[int],
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Active appointments, absences and held booking requests overlapping ``[start, end)``.

    A web request holds its slot while held or proposed (``desktop.services.requests``); with
    ``now``, a hold already past its ``hold_until`` (not yet released) no longer counts.

    Selects columns, never entities: this is the hot path of the first-free-slot search.
    """
    ids = list(practitioner_ids)
    result: dict[int, list[tuple[datetime, datetime]]] = {pid: [] for pid in ids}
    appointments = select(
        AppointmentRow.practitioner_id, AppointmentRow.start_at, AppointmentRow.end_at
    ).where(
        AppointmentRow.practitioner_id.in_(ids),
        AppointmentRow.start_at < end,
        AppointmentRow.start_at > start - MAX_DURATION,
        AppointmentRow.end_at > start,
        AppointmentRow.status != CANCELLED,
    )
    absences = select(AbsenceRow.practitioner_id, AbsenceRow.start_at, AbsenceRow.end_at).where(
        AbsenceRow.practitioner_id.in_(ids), AbsenceRow.start_at < end, AbsenceRow.end_at > start
    )
    held = select(
        BookingRequestRow.practitioner_id, BookingRequestRow.start_at, BookingRequestRow.end_at
    ).where(
        BookingRequestRow.practitioner_id.in_(ids),
        BookingRequestRow.status.in_(HOLDING_REQUESTS),
        BookingRequestRow.start_at < end,
        BookingRequestRow.end_at > start,
    )
    if now is not None:
        held = held.where(BookingRequestRow.hold_until > now)
    for query in (appointments, absences, held):
        for pid, s, e in session.execute(query):
            result[pid].append((s, e))
    return result


def overlapping(
    session: Session,
    practitioner_id: int,
    start: datetime,
    end: datetime,
    exclude_id: int | None = None,
) -> list[Appointment]:
    """Active appointments of the practitioner overlapping ``[start, end)``."""
    query = select(AppointmentRow).where(
        AppointmentRow.practitioner_id == practitioner_id,
        AppointmentRow.start_at < end,
        AppointmentRow.start_at > start - MAX_DURATION,
        AppointmentRow.end_at > start,
        AppointmentRow.status != CANCELLED,
    )
    if exclude_id is not None:
        query = query.where(AppointmentRow.id != exclude_id)
    return [appointment_to_native(r) for r in session.scalars(query)]


def absences_overlapping(
    session: Session, practitioner_id: int, start: datetime, end: datetime
) -> list[Absence]:
    rows = session.scalars(
        select(AbsenceRow).where(
            AbsenceRow.practitioner_id == practitioner_id,
            AbsenceRow.start_at < end,
            AbsenceRow.end_at > start,
        )
    )
    return [absence_to_native(r) for r in rows]


def absence_to_native(row: AbsenceRow) -> Absence:
    return Absence(row.id, row.practitioner_id, row.start_at, row.end_at, row.reason)


def absences(
    session: Session, practitioner_ids: Iterable[int], start: datetime, end: datetime
) -> list[Absence]:
    rows = session.scalars(
        select(AbsenceRow)
        .where(
            AbsenceRow.practitioner_id.in_(list(practitioner_ids)),
            AbsenceRow.start_at < end,
            AbsenceRow.end_at > start,
        )
        .order_by(AbsenceRow.start_at)
    )
    return [absence_to_native(r) for r in rows]


def appointments(
    session: Session,
    practitioner_ids: Iterable[int],
    start: datetime,
    end: datetime,
    include_cancelled: bool = False,
) -> list[Appointment]:
    """Appointments starting in ``[start, end)`` of the practitioners, by start.

    Plain rows, not ORM entities: a department's day is read on every view switch.
    """
    query = (
        select(*AppointmentRow.__table__.columns)
        .where(
            and_(
                AppointmentRow.practitioner_id.in_(list(practitioner_ids)),
                AppointmentRow.start_at >= start,
                AppointmentRow.start_at < end,
            )
        )
        .order_by(AppointmentRow.start_at, AppointmentRow.practitioner_id)
    )
    if not include_cancelled:
        query = query.where(AppointmentRow.status != CANCELLED)
    return [appointment_to_native(r) for r in session.execute(query)]


def appointment_row(session: Session, appointment_id: int) -> AppointmentRow:
    """The row to change, inside a write transaction."""
    row = session.get(AppointmentRow, appointment_id)
    if row is None:
        raise NotFound(f"Rendez-vous inconnu : n° {appointment_id}.")
    return row


def appointment(session: Session, appointment_id: int) -> Appointment:
    return appointment_to_native(appointment_row(session, appointment_id))


def patient_appointments(session: Session, patient_id: int) -> list[Appointment]:
    rows = session.scalars(
        select(AppointmentRow)
        .where(AppointmentRow.patient_id == patient_id)
        .order_by(AppointmentRow.start_at)
    )
    return [appointment_to_native(r) for r in rows]


def absence_row(session: Session, absence_id: int) -> AbsenceRow:
    """The absence to change, inside a write transaction."""
    row = session.get(AbsenceRow, absence_id)
    if row is None:
        raise NotFound(f"Absence inconnue : n° {absence_id}.")
    return row
