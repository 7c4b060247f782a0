"""The waiting list: storage of waiting entries and the queries that offer them slots."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.tables import WaitingEntryRow
from desktop.domain.errors import NotFound
from desktop.domain.model import Priority, TimeOfDay, WaitingEntry, WaitStatus

WAITING = WaitStatus.WAITING.value


def encode_weekdays(weekdays: frozenset[int]) -> str:
    """Wished weekdays as stored: "0,1,4" (empty: any day)."""
    return ",".join(str(d) for d in sorted(weekdays))


def decode_weekdays(text: str) -> frozenset[int]:
    """The inverse of ``encode_weekdays``."""
    return frozenset(int(part) for part in text.split(",") if part.strip())


def entry_to_native(row: WaitingEntryRow) -> WaitingEntry:
    return WaitingEntry(
        id=row.id,
        patient_id=row.patient_id,
        visit_reason_id=row.visit_reason_id,
        department_id=row.department_id,
        practitioner_id=row.practitioner_id,
        weekdays=decode_weekdays(row.weekdays),
        time_window=TimeOfDay(row.time_window),
        not_before=row.not_before,
        deadline=row.deadline,
        priority=Priority(row.priority),
        notes=row.notes,
        status=WaitStatus(row.status),
        appointment_id=row.appointment_id,
        removed_reason=row.removed_reason,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        version=row.version,
    )


def entry_row(session: Session, entry_id: int, *, for_update: bool = False) -> WaitingEntryRow:
    """The row of one entry (locked until the end of the transaction with ``for_update``)."""
    row = session.get(WaitingEntryRow, entry_id, with_for_update=for_update or None)
    if row is None:
        raise NotFound(f"Demande de liste d'attente inconnue : n° {entry_id}.")
    return row


def entry(session: Session, entry_id: int) -> WaitingEntry:
    return entry_to_native(entry_row(session, entry_id))


def entries(
    session: Session, department_id: int | None = None, include_done: bool = False
) -> list[WaitingEntry]:
    """Entries of a department (all when None); only those still waiting unless ``include_done``."""
    query = select(WaitingEntryRow).order_by(WaitingEntryRow.id)
    if department_id is not None:
        query = query.where(WaitingEntryRow.department_id == department_id)
    if not include_done:
        query = query.where(WaitingEntryRow.status == WAITING)
    return [entry_to_native(r) for r in session.scalars(query)]


def waiting_for(
    session: Session,
    practitioner_id: int,
    department_id: int,
    visit_reason_ids: list[int] | None = None,
) -> list[WaitingEntry]:
    """Waiting entries a slot of that practitioner could suit: for them, or for their department
    without a practitioner; of those visit reasons when given."""
    query = select(WaitingEntryRow).where(
        WaitingEntryRow.status == WAITING,
        or_(
            WaitingEntryRow.practitioner_id == practitioner_id,
            (WaitingEntryRow.practitioner_id.is_(None))
            & (WaitingEntryRow.department_id == department_id),
        ),
    )
    if visit_reason_ids is not None:
        query = query.where(WaitingEntryRow.visit_reason_id.in_(visit_reason_ids))
    return [entry_to_native(r) for r in session.scalars(query.order_by(WaitingEntryRow.id))]


def waiting_duplicate(
    session: Session, patient_id: int, visit_reason_id: int, practitioner_id: int | None
) -> WaitingEntry | None:
    """A waiting entry of the same patient for the same visit reason and practitioner."""
    query = select(WaitingEntryRow).where(
        WaitingEntryRow.status == WAITING,
        WaitingEntryRow.patient_id == patient_id,
        WaitingEntryRow.visit_reason_id == visit_reason_id,
    )
    if practitioner_id is None:
        query = query.where(WaitingEntryRow.practitioner_id.is_(None))
    else:
        query = query.where(WaitingEntryRow.practitioner_id == practitioner_id)
    row = session.scalars(query.limit(1)).first()
    return None if row is None else entry_to_native(row)
