"""Booking requests from the booking page: stored, listed, locked for a decision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.tables import BookingRequestRow
from desktop.domain.booking_requests import HOLDING, BookingRequest, RequestStatus
from desktop.domain.errors import NotFound

LIST_LIMIT = 500


def request_to_native(row: BookingRequestRow) -> BookingRequest:
    return BookingRequest(
        id=row.id,
        received_at=row.received_at,
        status=RequestStatus(row.status),
        requested_slot=row.requested_slot,
        practitioner_id=row.practitioner_id,
        visit_reason_id=row.visit_reason_id,
        start=row.start_at,
        end=row.end_at,
        hold_until=row.hold_until,
        family_name=row.family_name,
        given_names=row.given_names,
        birth_date=row.birth_date,
        phone=row.phone,
        email=row.email,
        message=row.message,
        patient_id=row.patient_id,
        appointment_id=row.appointment_id,
        decision_reason=row.decision_reason,
        source=row.source,
        client_hash=row.client_hash,
        raw_body=row.raw_body or "",
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        version=row.version,
    )


def request_row(session: Session, request_id: int, *, lock: bool = False) -> BookingRequestRow:
    """The request to decide on (locked until the end of the transaction with ``lock``)."""
    row = session.get(BookingRequestRow, request_id, with_for_update=lock)
    if row is None:
        raise NotFound(f"Demande de rendez-vous inconnue : n° {request_id}.")
    return row


def requests(
    session: Session, statuses: Iterable[RequestStatus] | None = None, limit: int = LIST_LIMIT
) -> list[BookingRequest]:
    """Requests with these statuses (all without), most recent first."""
    query = select(BookingRequestRow).order_by(
        BookingRequestRow.received_at.desc(), BookingRequestRow.id.desc()
    )
    if statuses is not None:
        query = query.where(BookingRequestRow.status.in_([s.value for s in statuses]))
    return [request_to_native(r) for r in session.scalars(query.limit(limit))]


def holding_count(session: Session) -> int:
    """How many requests wait for a decision (held or proposed)."""
    return session.scalar(
        select(func.count())
        .select_from(BookingRequestRow)
        .where(BookingRequestRow.status.in_([s.value for s in HOLDING]))
    )


def expired_holds(session: Session, now: datetime) -> list[BookingRequestRow]:
    """Held or proposed requests whose hold ended at or before ``now`` (to release)."""
    return list(
        session.scalars(
            select(BookingRequestRow)
            .where(
                BookingRequestRow.status.in_([s.value for s in HOLDING]),
                BookingRequestRow.hold_until <= now,
            )
            .order_by(BookingRequestRow.id)
        )
    )
