"""Booking request rows inside the caller's transaction: creating, locking, deciding, expiring.

Every change of a row is audited with ids, times and status — never the patient's identity.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import requests as requests_repo
from db.repositories import structure as repo
from db.tables import BookingRequestRow
from desktop.domain.booking_requests import (
    HOLDING,
    BookingRequest,
    RequestData,
    RequestStatus,
    client_fingerprint,
)
from desktop.domain.errors import BookingRefused, StaleEdit
from desktop.domain.model import Actor, Role

# Who receives requests and releases holds in the audit trail.
WEB_ACTOR = Actor("demande-en-ligne", Role.SECRETARY, "site de l'hôpital")
SALT_KEY = "booking_requests_salt"


def salt(s: Session) -> str:
    """The database's salt of the senders' address hashes (made at the first request)."""
    value = repo.setting(s, SALT_KEY)
    if not isinstance(value, str) or not value:
        value = secrets.token_hex(16)
        admin_repo.set_setting(s, SALT_KEY, value)
    return value


def new_row(
    s: Session, now: datetime, client: str, source: str, data: RequestData | None
) -> BookingRequestRow:
    """A new row (status ``received``) with the request's fields when it was readable."""
    row = BookingRequestRow(
        received_at=now,
        status=RequestStatus.RECEIVED.value,
        source=source[:10],
        client_hash=client_fingerprint(client, salt(s)),
        updated_by=WEB_ACTOR.login,
        updated_at=now,
    )
    if data is not None:
        row.requested_slot = data.slot_id
        row.family_name, row.given_names = data.family_name, data.given_names
        row.birth_date, row.phone, row.email = data.birth_date, data.phone, data.email
        row.message = data.message
    return row


def audited(row: BookingRequestRow) -> dict:
    """The audited state of a request: ids, times and status, never the patient's identity."""
    return {
        "status": row.status,
        "practitioner_id": row.practitioner_id,
        "visit_reason_id": row.visit_reason_id,
        "start": row.start_at.isoformat() if row.start_at else None,
        "hold_until": row.hold_until.isoformat() if row.hold_until else None,
        "patient_id": row.patient_id,
        "appointment_id": row.appointment_id,
        "source": row.source,
    }


def check_holding(request: BookingRequest) -> None:
    """Refuse (``BookingRefused``) a request that no longer waits for a decision."""
    if request.status not in HOLDING:
        raise BookingRefused(
            f"Cette demande n'attend plus de décision (« {request.status.label} »)."
        )


def decidable(s: Session, request_id: int, expected_version: int | None) -> BookingRequestRow:
    """The request's row, locked, still waiting and at ``expected_version`` (when given)."""
    row = requests_repo.request_row(s, request_id, lock=True)
    if expected_version is not None and row.version != expected_version:
        raise StaleEdit(
            f"Cette demande a été traitée entre-temps par {row.updated_by} : "
            "rien n'a été enregistré, la liste est mise à jour."
        )
    check_holding(requests_repo.request_to_native(row))
    return row


def decided(
    s: Session, row: BookingRequestRow, actor: Actor, now: datetime, action: str, before: dict
) -> None:
    """Stamp who changed the row and audit the change (state ``before`` → now)."""
    row.updated_by, row.updated_at = actor.login, now
    s.flush()
    audit.record(
        s, actor, now, action, "booking_request", row.id, before, audited(row),
        patient_id=row.patient_id, practitioner_id=row.practitioner_id,
    )  # fmt: skip


def existing(s: Session, patient_id: int | None) -> int | None:
    """``patient_id`` when that record still exists, else None."""
    if patient_id is None:
        return None
    return patient_id if patients_repo.patients(s, [patient_id]) else None


def release_in(s: Session, now: datetime) -> list[BookingRequest]:
    """Mark ``expired`` the holds ended at ``now``: their slots are free again."""
    released = []
    for row in requests_repo.expired_holds(s, now):
        before = audited(row)
        row.status = RequestStatus.EXPIRED.value
        decided(s, row, WEB_ACTOR, now, "request.expire", before)
        released.append(requests_repo.request_to_native(row))
    return released
