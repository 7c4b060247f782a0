"""The reminder queue's rows about online booking requests (``request_id`` set, no
appointment): what their SMS may say, the existing rows by key, and cancelling the queued ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.tables import (
    BookingRequestRow,
    DepartmentRow,
    HospitalRow,
    PractitionerRow,
    ReminderRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.reminders import ReminderStatus

R, Q = ReminderRow, BookingRequestRow
QUEUED = ReminderStatus.QUEUED.value


def request_facts(session: Session, request_id: int):
    """The request's row, its practitioner, department and visit reason names, and the
    hospital's time zone and phone, in one query; None when the request or the hospital is
    missing."""
    query = (
        select(Q, PractitionerRow.name, DepartmentRow.name, VisitReasonRow.label,
               DepartmentRow.site_id, HospitalRow.timezone, HospitalRow.phone)
        .join(PractitionerRow, PractitionerRow.id == Q.practitioner_id)
        .join(VisitReasonRow, VisitReasonRow.id == Q.visit_reason_id)
        .join(DepartmentRow, DepartmentRow.id == VisitReasonRow.department_id)
        .join(HospitalRow, HospitalRow.id == 1)
        .where(Q.id == request_id)
    )  # fmt: skip
    return session.execute(query).one_or_none()


def site(session: Session, site_id: int) -> tuple[str, str] | None:
    """A site's name and address."""
    found = session.execute(select(SiteRow.name, SiteRow.address).where(SiteRow.id == site_id))
    row = found.one_or_none()
    return (row[0], row[1]) if row else None


def request_rows_by_key(session: Session, request_id: int) -> dict[str, ReminderRow]:
    """The request's rows by idempotency key, to change in the current transaction."""
    rows = session.scalars(select(R).where(R.request_id == request_id))
    return {r.idempotency_key: r for r in rows}


def cancel_queued_of_request(
    session: Session, request_id: int, kinds: Sequence[str], now: datetime, reason: str
) -> int:
    """Cancel the request's queued messages of these kinds; returns how many."""
    result = session.execute(
        update(R)
        .where(R.request_id == request_id, R.kind.in_(list(kinds)), R.status == QUEUED)
        .values(status=ReminderStatus.CANCELLED.value, reply=reason[:500], updated_at=now)
    )
    return result.rowcount or 0


def cancel_queued_requests_of_patient(
    session: Session, patient_id: int, now: datetime, reason: str
) -> int:
    """Cancel the queued messages about the requests matched to a patient (opt-out)."""
    requests = select(Q.id).where(Q.patient_id == patient_id)
    result = session.execute(
        update(R)
        .where(R.request_id.in_(requests), R.status == QUEUED)
        .values(status=ReminderStatus.CANCELLED.value, reply=reason[:500], updated_at=now)
    )
    return result.rowcount or 0
